"""Small QuiteRSS and RSS Guard databases with those apps' own schemas (tests/data/readers)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "readers"
NASIONAL = "https://elshinta.com/kategori/3/nasional/feed"
JAWA = "https://jawa.example.id/rss"
LUAR = "https://luar.example.id/atom.xml"
STARRED_URL = "https://elshinta.com/read/2020/10/26/1/berita-satu"


def build(path: Path, schema: str, statements: list[tuple[str, tuple[object, ...]]]) -> Path:
    with sqlite3.connect(path) as conn:
        conn.executescript((SCHEMAS / schema).read_text(encoding="utf-8"))
        for sql, params in statements:
            conn.execute(sql, params)
    conn.close()
    return path


def _feed(fid: int, text: str, xml_url: str | None, parent: int, html_url: str = ""):
    sql = "INSERT INTO feeds(id, text, title, xmlUrl, htmlUrl, parentId, rowToParent) "
    return (sql + "VALUES (?, ?, ?, ?, ?, ?, ?)", (fid, text, text, xml_url, html_url, parent, fid))


def _news(feed: int, guid: str, title: str, link: str, **extra: object):
    row: dict[str, object] = {"feedId": feed, "guid": guid, "title": title, "link_href": link}
    row.update(extra)
    cols = ", ".join(row)
    return (f"INSERT INTO news({cols}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))


def build_quiterss(path: Path, extra: list[tuple[str, tuple[object, ...]]] | None = None) -> Path:
    """Folders Berita and Berita/Daerah, feeds Nasional, Jawa, Luar and a local file."""
    return build(
        path,
        "quiterss.sql",
        [
            _feed(1, "Berita", None, 0),  # folders: rows without xmlUrl
            _feed(2, "Daerah", "", 1),
            _feed(3, "Elshinta – Nasional", NASIONAL, 1, "https://elshinta.com/"),
            _feed(4, "Jawa", JAWA, 2),
            _feed(5, "Luar Negeri", LUAR, 0),
            _feed(6, "Berkas Lokal", "file:///home/u/feed.xml", 0),
            _news(3, STARRED_URL, "Berita Satu", STARRED_URL, read=2, starred=1,
                  published="2020-10-26T04:26:00", received="2020-10-26T11:30:00",
                  author_name="Redaksi", description="<p>Ringkasan satu</p><script>x()</script>",
                  content="<p>Isi lengkap <b>satu</b>.</p><img src='/img/a.jpg'>"),
            _news(3, "guid-dua", "Berita Dua", "https://elshinta.com/read/dua",
                  published="2020-10-25T01:00:00", description="Ringkasan dua"),
            _news(3, "guid-hapus", "Dihapus", "https://elshinta.com/read/hapus", deleted=1,
                  starred=1, published="2020-10-24T01:00:00"),
            _news(4, "", "Tanpa guid", "https://jawa.example.id/a", read=1,
                  published="2020-10-20T10:00:00Z"),
            _news(4, "atom-1", "", "", link_alternate="https://jawa.example.id/b",
                  description="<p>Judul diambil dari ringkasan ini</p>", published="bukan tanggal",
                  received="2020-10-21T09:00:00"),
            # The same article as in Nasional: listed once, its marks shared.
            _news(5, "luar-1", "Berita Satu (salinan)", STARRED_URL,
                  published="2020-10-26T04:26:00"),
            _news(6, "lokal-1", "Tidak terbawa", "https://lokal.example.id/a"),
            *(extra or []),
        ],
    )  # fmt: skip


def _category(cid: int, parent: int, title: str):
    return (
        "INSERT INTO Categories(id, ordr, parent_id, title, account_id) VALUES (?, ?, ?, ?, 1)",
        (cid, cid, parent, title),
    )


def _rg_feed(fid: int, title: str, source: str, category: int):
    return (
        "INSERT INTO Feeds(id, ordr, title, category, source, update_type, account_id, custom_id)"
        " VALUES (?, ?, ?, ?, ?, 1, 1, ?)",
        (fid, fid, title, category, source, str(fid)),
    )


def _message(feed: int, title: str, url: str, ms: int, **extra: object):
    row: dict[str, object] = {"feed": feed, "title": title, "url": url, "date_created": ms,
                              "account_id": 1, "custom_id": url}  # fmt: skip
    row.update(extra)
    cols = ", ".join(row)
    return (
        f"INSERT INTO Messages({cols}) VALUES ({', '.join('?' * len(row))})",
        tuple(row.values()),
    )


OCT_26 = 1603686360000  # 2020-10-26 04:26:00 UTC in milliseconds


def build_quiterss_empty(path: Path) -> Path:
    """A QuiteRSS file as it is before QuiteRSS first quits: its tables, no feeds."""
    return build(path, "quiterss.sql", [])


def quiterss_news(feed: int, guid: str, title: str, link: str, **extra: object):
    """A ``news`` row for ``build_quiterss(path, extra)`` (feed 3 is Nasional)."""
    return _news(feed, guid, title, link, **extra)


def rssguard_message(row_id: int, feed: int, title: str, url: str, **extra: object):
    """A ``Messages`` row with its row number, for ``build_rssguard(path, extra)``."""
    return _message(feed, title, url, OCT_26, id=row_id, **extra)


def build_rssguard(path: Path, extra: list[tuple[str, tuple[object, ...]]] | None = None) -> Path:
    """Categories Berita and Berita/Daerah, feeds Nasional, Jawa and a script feed."""
    return build(
        path,
        "rssguard.sql",
        [
            ("INSERT INTO Accounts(id, ordr, type) VALUES (1, 0, 'std-rss')", ()),
            _category(1, -1, "Berita"),
            _category(2, 1, "Daerah"),
            _rg_feed(10, "Elshinta – Nasional", NASIONAL, 1),
            _rg_feed(11, "Jawa", JAWA, 2),
            _rg_feed(12, "Skrip", "python3 scrape.py", -1),
            _message(10, "Berita Satu", STARRED_URL, OCT_26, is_read=1, is_important=1,
                     author="Redaksi", contents="<p>Isi <i>satu</i></p><iframe src=x></iframe>"),
            _message(10, "Berita Dua", "https://elshinta.com/read/dua", OCT_26 - 3600_000),
            _message(10, "Di tempat sampah", "https://elshinta.com/read/sampah", OCT_26,
                     is_deleted=1),
            _message(10, "Dibuang", "https://elshinta.com/read/buang", OCT_26, is_pdeleted=1),
            _message(11, "Jawa Satu", "https://jawa.example.id/a", OCT_26, custom_id=None),
            _message(12, "Dari skrip", "https://skrip.example.id/a", OCT_26),
            *(extra or []),
        ],
    )  # fmt: skip


def to_wal(path: Path) -> Path:
    """Switch a built database to WAL mode, as RSS Guard keeps it. The mode is stored in the
    file's header, so it stays after the connection closes (which removes -wal and -shm)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    return path


def corrupt(path: Path) -> Path:
    """Overwrite every page after the first: the schema still reads, the tables do not."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xa5" * (len(data) - page)
    path.write_bytes(bytes(data))
    return path
