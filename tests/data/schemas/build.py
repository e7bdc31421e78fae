"""The fixture databases v0.db ... vN.db: a small library as each schema version left it.

Version k is reached the way a reader's library reached it: the migrations themselves applied
one by one to an empty file, and after each, the rows that version of Newsreader wrote, in
that version's schema (raw SQL: today's records describe only the newest schema). So v5.db
holds articles stored under version 1 and carried by migrations 2 to 5, next to marks set in
version 5's "entry_state", as a real cache would. tests/core/storage/test_migrations.py
migrates copies of them, and checks that the committed files are what this script builds.

Adding migration N+1 is one entry in ``ROWS`` (what that version writes: a function of the
database, or ``_nothing``), then, from the repository root::

    .venv/bin/python -m tests.data.schemas.build

and commit the new vN+1.db (the older files come out the same).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from newsreader.core.storage import migrations

HERE = Path(__file__).resolve().parent
# The smallest page SQLite allows keeps a file of the whole schema (about 60 tables, indexes
# and triggers, a page or more each) near 40 KB instead of 170 KB; no migration depends on it.
PAGE_SIZE = 512
T0 = 1_700_000_000.0  # 2023-11-14: when version 1 stored its first articles
HOUR = 3600.0
DAY = 86400.0

Rows = Callable[[SqliteDatabase], None]


def fixture_path(version: int) -> Path:
    """The committed fixture database of schema ``version``."""
    return HERE / f"v{version}.db"


# -- writing rows in the schema the file has at that moment ---------------------------------

# What the Newsreader of the time filled in for the NOT NULL columns a row leaves out (peewee
# set them in Python; the SQL has no defaults). A column the table lacks at that version is
# left out: "read" goes with migration 5.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "feed": {
        "kind": "feed",
        "site_url": "",
        "folder": "",
        "builtin": 0,
        "removed": 0,
        "last_error": "",
        "error_count": 0,
    },
    "entry": {
        "author": "",
        "origin": "",
        "feed_html": "",
        "lead_image": "",
        "related_json": "[]",
        "extraction": "generic",
        "extraction_note": "",
        "read": 0,
        "starred": 0,
        "listed": 1,
    },
}


def _columns(db: SqliteDatabase, table: str) -> set[str]:
    return {row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')}


def _insert(db: SqliteDatabase, table: str, **values: Any) -> int:
    columns = _columns(db, table)
    if unknown := set(values) - columns:
        raise ValueError(f"{table} has no column {sorted(unknown)} at this version")
    row = {k: v for k, v in _DEFAULTS.get(table, {}).items() if k in columns} | values
    names = ", ".join(f'"{name}"' for name in row)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})'
    return int(db.execute_sql(sql, list(row.values())).lastrowid)


def _id(db: SqliteDatabase, table: str, column: str, value: object) -> int:
    sql = f'SELECT "id" FROM "{table}" WHERE "{column}" = ? ORDER BY "id" LIMIT 1'
    return int(db.execute_sql(sql, [value]).fetchone()[0])


def _feed(db: SqliteDatabase, url: str, title: str, at: float, **values: Any) -> int:
    return _insert(
        db,
        "feed",
        url=url,
        title=title,
        site_url=url.rsplit("/", 1)[0],
        added_at=at,
        last_fetched_at=at,
        next_fetch_at=at + HOUR,
        **values,
    )


def _article(
    db: SqliteDatabase, feed: str, url: str, title: str, text: str, at: float, **values: Any
) -> int:
    """An article as a refresh stored it, published an hour before it was fetched (WIB);
    ``feed``: its feed's URL. A copy of an article another feed lists (same URL) names that
    one in "duplicate_of", as the refresh did."""
    sql = 'SELECT "id" FROM "entry" WHERE "url" = ? AND "listed" ORDER BY "id" LIMIT 1'
    first = db.execute_sql(sql, [url]).fetchone()
    row = {
        "feed_id": _id(db, "feed", "url", feed),
        "guid": url.rsplit("/", 1)[-1],
        "url": url,
        "title": title,
        "published_ts": at - HOUR,
        "published_offset": 420,
        "sort_ts": at - HOUR,
        "summary_html": f"<p>{text.split('. ')[0]}.</p>",
        "html": "".join(f"<p>{part}.</p>" for part in text.rstrip(".").split(". ")),
        "text": text,
        "content_hash": hashlib.sha1(text.encode()).hexdigest(),
        "added_at": at,
        "fetched_at": at,
        "duplicate_of": first[0] if first and values.get("listed", 1) else None,
    }
    return _insert(db, "entry", **(row | values))


# An article and its copies in other feeds (same URL): the reader's marks apply to them all.
_COPIES = 'SELECT "id" FROM "entry" WHERE "url" = (SELECT "url" FROM "entry" WHERE "id" = ?)'


def _read(db: SqliteDatabase, entry_id: int) -> None:
    """A read mark, where that version kept it: in "entry" until migration 5, then in
    "entry_state"."""
    if "read" in _columns(db, "entry"):
        db.execute_sql(f'UPDATE "entry" SET "read" = 1 WHERE "id" IN ({_COPIES})', [entry_id])
    else:
        sql = f'UPDATE "entry_state" SET "read" = 1 WHERE "entry_id" IN ({_COPIES})'
        db.execute_sql(sql, [entry_id])


def _star(db: SqliteDatabase, entry_id: int, at: float) -> None:
    sql = f'UPDATE "entry" SET "starred" = 1, "starred_at" = ? WHERE "id" IN ({_COPIES})'
    db.execute_sql(sql, [at, entry_id])


def _prune(db: SqliteDatabase, entry_id: int, at: float) -> None:
    """Retention deleting an old article and remembering its guid (from version 4 on)."""
    sql = 'SELECT "feed_id", "guid" FROM "entry" WHERE "id" = ?'
    feed_id, guid = db.execute_sql(sql, [entry_id]).fetchone()
    db.execute_sql('DELETE FROM "entry" WHERE "id" = ?', [entry_id])
    _insert(db, "entry_gone", feed_id=feed_id, guid=guid, gone_at=at)


def _index_pending(db: SqliteDatabase) -> None:
    """The end of a refresh from version 7 on (core/search/index.py): the articles stored
    since go into the search index in one statement, and the mark rises."""
    db.execute_sql(
        "INSERT INTO entry_fts(rowid, title, author, text) SELECT id, title, author, text"
        ' FROM "entry" WHERE "id" > (SELECT "upto" FROM "search_indexed") ORDER BY "id"'
    )
    db.execute_sql(
        'UPDATE "search_indexed" SET "upto" = MAX("upto", COALESCE((SELECT MAX("id") FROM'
        ' "entry"), 0))'
    )


def _nothing(db: SqliteDatabase) -> None:
    """A version that wrote nothing a migration could lose."""


# -- what each version wrote ------------------------------------------------------------------

KOMPAS = "https://www.kompas.example/nasional/rss"
TEMPO = "https://bisnis.tempo.example/rss"
WARTA = "https://wartakota.example/jakarta/"
BLOG = "https://catatanjalan.example/feed"
ANTARA = "https://jatim.antara.example/rss"
BANJIR = "https://www.kompas.example/read/2023/11/14/banjir-bekasi"
BERAS = "https://www.kompas.example/read/2023/11/14/harga-beras"
MENGUNGSI = "https://www.kompas.example/read/2023/11/14/mengungsi"
GEMPA = "https://www.kompas.example/read/2023/12/04/gempa-garut"
IMAGE = "https://img.kompas.example/2023/11/banjir.jpg"
_RELATED = [
    {
        "title": "Warga Bekasi Mengungsi ke Masjid",
        "url": MENGUNGSI,
        "published": "2023-11-14T20:00:00+07:00",
        "teaser": "Ratusan warga mengungsi.",
    }
]
_PAGE = (
    "<html><head><title>Banjir Rendam Ratusan Rumah di Bekasi</title></head><body><article>"
    "<h1>Banjir Rendam Ratusan Rumah di Bekasi</h1><p>Hujan deras sejak Senin malam membuat"
    " Kali Bekasi meluap.</p></article></body></html>"
)
# (feed, url, title, text, hours after T0, columns): the articles of version 1.
_V1_ARTICLES: list[tuple[str, str, str, str, float, dict[str, Any]]] = [
    (KOMPAS, BANJIR, "Banjir Rendam Ratusan Rumah di Bekasi",
     "Hujan deras sejak Senin malam membuat Kali Bekasi meluap. Ratusan rumah terendam.", 0,
     {"related_json": json.dumps(_RELATED, ensure_ascii=False), "lead_image": IMAGE}),
    (KOMPAS, BERAS, "Harga Beras Naik Jelang Akhir Tahun",
     "Harga beras medium naik di pasar induk. Pedagang menyebut pasokan berkurang.", 1, {}),
    (KOMPAS, MENGUNGSI, "Warga Bekasi Mengungsi ke Masjid",
     "Ratusan warga mengungsi ke masjid terdekat. Posko didirikan.", 1,
     {"listed": 0, "extraction": "site:kompas"}),  # fetched as a related link only
    (KOMPAS, "https://www.kompas.example/read/2023/11/10/jadwal-krl",
     "Jadwal KRL Berubah Mulai Senin", "Jadwal perjalanan KRL berubah. Cek jadwal terbaru.",
     -96, {}),
    (TEMPO, "https://bisnis.tempo.example/read/rupiah-menguat",
     "Rupiah Menguat ke Rp15.500 per Dolar AS",
     "Rupiah menguat pada penutupan perdagangan. Sentimen global membaik.", 2, {}),
    (TEMPO, BERAS, "Harga Beras Naik Jelang Akhir Tahun",  # a copy of the second
     "Harga beras medium naik di pasar induk. Pedagang menyebut pasokan berkurang.", 3, {}),
    (WARTA, "https://wartakota.example/jakarta/festival-kopi",
     "Festival Kopi di Café Braga Ramai Pengunjung",
     "Ribuan pengunjung memadati festival kopi. Antrean mengular sejak pagi.", 4,
     {"published_offset": 480, "extraction": "site:wartakota"}),
    (BLOG, "https://catatanjalan.example/2023/danau-toba", "Catatan Perjalanan ke Danau Toba",
     "Perjalanan darat dari Medan memakan lima jam. Pemandangan danau sepadan.", -480, {}),
]  # fmt: skip


def _v1(db: SqliteDatabase) -> None:
    """Feeds in folders (and an empty folder), an unsubscribed feed whose starred article was
    kept, articles read and starred, a copy of one in a second feed, a related link fetched,
    a kept page and a cached image."""
    _feed(
        db,
        KOMPAS,
        "Kompas Nasional",
        T0,
        folder="Berita",
        etag='"k-5f2a"',
        last_modified="Tue, 14 Nov 2023 21:00:00 GMT",
    )
    _feed(db, TEMPO, "Tempo Bisnis", T0, folder="Berita", interval_minutes=60, full_article=1)
    _feed(
        db,
        WARTA,
        "Warta Kota Jakarta",
        T0,
        kind="index",
        folder="Jakarta",
        last_error="HTTP 503",
        error_count=2,
    )
    _feed(db, BLOG, "Catatan Jalan", T0, removed=1)
    _insert(db, "meta", key="empty_folders", value=json.dumps(["Arsip"]))
    ids = [
        _article(db, feed, url, title, text, T0 + hours * HOUR, **values)
        for feed, url, title, text, hours, values in _V1_ARTICLES
    ]
    for n in (0, 3, 4, 7):  # the flood, the train timetable, the rupiah, the lake
        _read(db, ids[n])
    for n in (1, 4, 7):  # the rice price (and its copy), the rupiah, the lake
        _star(db, ids[n], T0 + 5 * HOUR)
    _insert(
        db,
        "page",
        url=BANJIR,
        fetched_at=T0,
        content_type="text/html; charset=utf-8",
        etag='"p-77"',
        body=zlib.compress(_PAGE.encode()),
    )
    digest = hashlib.sha256(IMAGE.encode()).hexdigest()
    _insert(
        db,
        "image",
        url=IMAGE,
        sha256=digest,
        path=f"{digest[:2]}/{digest}.jpg",
        mime="image/jpeg",
        size=48213,
        error="",
        fetched_at=T0,
        last_used_at=T0,
    )
    _insert(db, "entry_image", entry_id=ids[0], url=IMAGE, position=0)


def _v2(db: SqliteDatabase) -> None:
    """A story update (the flood's earlier text kept as a version); a new article."""
    at = T0 + 10 * DAY
    flood = _id(db, "entry", "url", BANJIR)
    sql = 'SELECT "title", "html", "text", "fetched_at" FROM "entry" WHERE "id" = ?'
    title, html, text, fetched = db.execute_sql(sql, [flood]).fetchone()
    _insert(
        db, "article_version", entry_id=flood, fetched_at=fetched, title=title, html=html, text=text
    )
    new = "Hujan deras sejak Senin malam membuat Kali Bekasi meluap. Ribuan rumah terendam."
    db.execute_sql(
        'UPDATE "entry" SET "title" = ?, "html" = ?, "text" = ?, "updated_at" = ? WHERE "id" = ?',
        ["Banjir Rendam Ribuan Rumah di Bekasi", f"<p>{new}</p>", new, at, flood],
    )
    db.execute_sql('UPDATE "page" SET "checked_at" = ? WHERE "url" = ?', [at, BANJIR])
    _article(
        db,
        TEMPO,
        "https://bisnis.tempo.example/read/inflasi-oktober",
        "Inflasi Oktober 2,56 Persen",
        "Badan Pusat Statistik mencatat inflasi tahunan 2,56 persen. Harga pangan pendorong utama.",
        at,
    )


def _v3(db: SqliteDatabase) -> None:
    """Polling state: a feed paused (410 Gone), a body hash, site icons; a new article."""
    at = T0 + 20 * DAY
    sql = 'UPDATE "feed" SET "paused" = 1, "last_error" = \'HTTP 410 Gone\' WHERE "url" = ?'
    db.execute_sql(sql, [WARTA])
    sql = 'UPDATE "feed" SET "body_hash" = ?, "icon_path" = ? WHERE "url" = ?'
    db.execute_sql(sql, [hashlib.sha1(b"kompas").hexdigest(), "icons/3f/3fa1.png", KOMPAS])
    db.execute_sql('UPDATE "feed" SET "icon_path" = ? WHERE "url" = ?', ["icons/9c.png", TEMPO])
    _article(
        db,
        KOMPAS,
        GEMPA,
        "Gempa M5,1 Guncang Garut, Tidak Berpotensi Tsunami",
        "Gempa berkekuatan 5,1 mengguncang Garut pagi ini. BMKG memastikan tidak ada"
        " potensi tsunami.",
        at,
    )


def _v4(db: SqliteDatabase) -> None:
    """Saved searches, per-feed retention, an old article pruned; a new article (indexed by
    the insert trigger)."""
    at = T0 + 30 * DAY
    _insert(db, "saved_search", name="Banjir", query="banjir OR genangan", created_at=at)
    _insert(db, "saved_search", name="Rupiah", query="rupiah dolar", created_at=at + 60)
    db.execute_sql('UPDATE "feed" SET "keep_per_feed" = 500 WHERE "url" = ?', [KOMPAS])
    db.execute_sql('UPDATE "feed" SET "keep_days" = 30 WHERE "url" = ?', [TEMPO])
    _prune(db, _id(db, "entry", "guid", "jadwal-krl"), at)
    _article(
        db,
        WARTA,
        "https://wartakota.example/jakarta/tanah-abang",
        "Pasar Tanah Abang Kembali Ramai",
        "Pedagang Tanah Abang menyambut musim belanja akhir tahun. Omzet naik.",
        at,
    )


def _v5(db: SqliteDatabase) -> None:
    """Marks in "entry_state": the earthquake read, then its copy in a second feed, which
    takes the story's mark from the insert trigger; a star."""
    at = T0 + 40 * DAY
    quake = _id(db, "entry", "url", GEMPA)
    _read(db, quake)
    _article(
        db,
        TEMPO,
        GEMPA,
        "Gempa M5,1 Guncang Garut, Tidak Berpotensi Tsunami",
        "Gempa berkekuatan 5,1 mengguncang Garut pagi ini. BMKG memastikan tidak ada"
        " potensi tsunami.",
        at,
    )
    _star(db, _id(db, "entry", "guid", "inflasi-oktober"), at)


def _v6(db: SqliteDatabase) -> None:
    """A new subscription with articles, one read: the kept totals and change count move."""
    at = T0 + 50 * DAY
    _feed(db, ANTARA, "Antara Jatim", at, folder="Berita Daerah")
    base = "https://jatim.antara.example/berita"
    first = _article(
        db,
        ANTARA,
        f"{base}/jembatan-suramadu",
        "Arus Lalu Lintas Suramadu Padat",
        "Kendaraan menumpuk di Jembatan Suramadu. Polisi mengalihkan arus.",
        at,
    )
    _article(
        db,
        ANTARA,
        f"{base}/panen-tebu",
        "Petani Tebu Sidoarjo Mulai Panen",
        "Musim panen tebu dimulai lebih awal. Harga di tingkat petani stabil.",
        at + HOUR,
    )
    _read(db, first)
    db.execute_sql('UPDATE "feed" SET "last_fetched_at" = ? WHERE "url" = ?', [at, KOMPAS])


def _v7(db: SqliteDatabase) -> None:
    """Articles indexed at the end of a refresh, and one from a refresh cut short before it
    indexed: that one waits above the mark."""
    at = T0 + 60 * DAY
    base = "https://jatim.antara.example/berita"
    _article(
        db,
        ANTARA,
        f"{base}/banjir-rob",
        "Banjir Rob Genangi Pesisir Surabaya",
        "Air laut pasang menggenangi permukiman pesisir. Warga meninggikan lantai.",
        at,
    )
    _article(
        db,
        ANTARA,
        f"{base}/kereta-cepat",
        "Uji Coba Kereta Cepat Diperpanjang",
        "Uji coba kereta cepat diperpanjang sebulan. Tiket gratis bagi warga.",
        at + HOUR,
    )
    _index_pending(db)
    _article(
        db,
        KOMPAS,
        "https://www.kompas.example/read/2024/01/13/debat-capres",
        "Debat Capres Ketiga Digelar Malam Ini",
        "Debat ketiga membahas pertahanan. KPU menyiapkan panelis.",
        at + 2 * HOUR,
    )


def _v8(db: SqliteDatabase) -> None:
    """A refresh that indexed what waited; retention pruning; one article waiting again."""
    at = T0 + 70 * DAY
    _article(
        db,
        TEMPO,
        "https://bisnis.tempo.example/read/ihsg-menguat",
        "IHSG Ditutup Menguat 0,8 Persen",
        "Indeks harga saham gabungan ditutup menguat. Saham perbankan memimpin.",
        at,
    )
    _index_pending(db)
    _prune(db, _id(db, "entry", "guid", "jembatan-suramadu"), at)
    _article(
        db,
        WARTA,
        "https://wartakota.example/jakarta/monas",
        "Kawasan Monas Ditutup Sementara",
        "Kawasan Monas ditutup untuk persiapan acara. Pengunjung dialihkan.",
        at + HOUR,
    )


def _v9(db: SqliteDatabase) -> None:
    """One more article, waiting for indexing above the mark."""
    _article(
        db,
        ANTARA,
        "https://jatim.antara.example/berita/suramadu-macet",
        "Jembatan Suramadu Padat Kendaraan",
        "Arus kendaraan di Jembatan Suramadu padat menjelang libur panjang.",
        T0 + 80 * DAY,
    )


def _v10(db: SqliteDatabase) -> None:
    """The reader's choices on the feeds: notices for two, the summary view for one; a new
    article."""
    db.execute_sql('UPDATE "feed" SET "notify" = 1 WHERE "url" IN (?, ?)', [KOMPAS, ANTARA])
    db.execute_sql('UPDATE "feed" SET "show_summary" = 1 WHERE "url" = ?', [TEMPO])
    _article(
        db,
        TEMPO,
        "https://bisnis.tempo.example/read/ekspor-kopi",
        "Ekspor Kopi Naik 12 Persen",
        "Ekspor kopi naik 12 persen tahun ini. Permintaan Eropa mendorong kenaikan.",
        T0 + 90 * DAY,
    )


# Key k: what version k wrote after its migration; one entry per schema version.
ROWS: dict[int, Rows] = {
    1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5, 6: _v6, 7: _v7, 8: _v8, 9: _v9, 10: _v10,
}  # fmt: skip


# -- building and comparing -------------------------------------------------------------------


def build(out_dir: Path = HERE) -> list[Path]:
    """Write v0.db ... vLATEST.db into ``out_dir``; returns their paths."""
    if set(ROWS) != set(range(1, migrations.LATEST + 1)):
        raise ValueError(
            f"ROWS has versions {sorted(ROWS)} but the migrations go to {migrations.LATEST}:"
            " tests/data/schemas/build.py needs one entry per version"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        db = SqliteDatabase(str(Path(scratch) / "library.db"), pragmas={"foreign_keys": 1})
        db.execute_sql(f"PRAGMA page_size = {PAGE_SIZE}")
        written = [_save(db, out_dir / "v0.db")]
        for version in range(1, migrations.LATEST + 1):
            with db.atomic():  # as migrations.migrate runs each step
                migrations.MIGRATIONS[version - 1](db)
                db.execute_sql(f"PRAGMA user_version = {version}")
            with db.atomic():
                ROWS[version](db)
            written.append(_save(db, out_dir / f"v{version}.db"))
        db.close()
    return written


def _save(db: SqliteDatabase, target: Path) -> Path:
    target.unlink(missing_ok=True)
    db.execute_sql("VACUUM INTO ?", [str(target)])  # compact, and one file: no WAL beside it
    return target


# The search index's segments are SQLite's binary business: two releases may write the same
# index in different bytes. What is indexed is compared through entry_fts_docsize (a row per
# indexed article, with its token counts); the virtual table itself reads "entry".
UNCOMPARED = frozenset({"entry_fts", "entry_fts_data", "entry_fts_idx"})


def contents(path: Path) -> dict[str, Any]:
    """The schema version, the schema and every row of ``path``: what must match, not bytes."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        master = sorted(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        found: dict[str, Any] = {
            "user_version": con.execute("PRAGMA user_version").fetchone()[0],
            "schema": master,
        }
        for kind, name, _, _ in master:
            if kind == "table" and name not in UNCOMPARED:
                found[name] = sorted(con.execute(f'SELECT * FROM "{name}"'), key=repr)
        return found
    finally:
        con.close()


if __name__ == "__main__":
    for built in build():
        print(f"{built.relative_to(Path.cwd())}: {built.stat().st_size:,} bytes")
