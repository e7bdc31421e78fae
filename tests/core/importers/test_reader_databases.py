"""What other readers' files may hold that their own schemas do not promise: BLOBs in text
columns, text that is not UTF-8, a table that stops reading half-way. None of it may abort
the import or make the report lie about what was stored."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.importers.common import ImportedArticle
from newsreader.core.importers.reader_databases import READERS, Note, Tables
from newsreader.core.library import Library, open_library
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.reader_dbs import JAWA, NASIONAL, build_quiterss, build_rssguard

EXTRA = 600  # more than one writer job of articles, so a lost count shows


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = open_library(tmp_path / "data", fetcher=FakeFetcher())
    yield library
    library.close()


def _titles(lib: Library, url: str) -> set[str]:
    feed = next(f for f in lib.feeds() if f.url == url)
    return {e.title for e in lib.entries(feed_id=feed.id, limit=10_000)}


def _update(path: Path, *statements: tuple[str, tuple[object, ...]]) -> None:
    with sqlite3.connect(path) as conn:
        for sql, params in statements:
            conn.execute(sql, params)
    conn.close()


def _many_quiterss_articles(path: Path) -> None:
    rows = [(f"g{i}", f"Artikel {i}", f"https://elshinta.com/read/{i}") for i in range(EXTRA)]
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO news(feedId, guid, title, link_href) VALUES (3, ?, ?, ?)", rows
        )
    conn.close()


def test_blobs_in_quiterss_text_columns_are_read_as_text(lib: Library, tmp_path: Path) -> None:
    db = build_quiterss(tmp_path / "feeds.db")
    _update(
        db,
        ("UPDATE feeds SET text = ?, title = ? WHERE id = 4", (b"Jawa \xc3\xa9", b"Jawa")),
        ("UPDATE feeds SET text = ? WHERE id = 2", (b"Daerah",)),  # a folder
        ("UPDATE news SET description = ?, author_name = ? WHERE guid = 'guid-dua'",
         (b"<p>Ringkasan dari BLOB</p>", b"Redaksi BLOB")),
        ("UPDATE news SET title = ?, guid = ? WHERE title = 'Tanpa guid'",
         (b"Judul BLOB", b"guid-blob")),
    )  # fmt: skip
    report = lib.import_database(db, "quiterss")
    assert (report.added, report.articles_added) == (3, 5)
    feeds = {f.url: f for f in lib.feeds()}
    assert (feeds[JAWA].title, feeds[JAWA].folder) == ("Jawa é", "Berita/Daerah")
    dua = next(e for e in lib.entries() if e.title == "Berita Dua")
    assert "Ringkasan dari BLOB" in lib.entry(dua.id).summary_html
    assert lib.entry(dua.id).author == "Redaksi BLOB"
    assert "Judul BLOB" in _titles(lib, JAWA)
    assert not any("b'" in t for t in _titles(lib, JAWA) | _titles(lib, NASIONAL))


def test_blobs_in_rssguard_text_columns_are_read_as_text(lib: Library, tmp_path: Path) -> None:
    db = build_rssguard(tmp_path / "database.db")
    _update(
        db,
        ("UPDATE Feeds SET title = ? WHERE id = 11", (b"Jawa BLOB",)),
        ("UPDATE Categories SET title = ? WHERE id = 2", (b"Daerah BLOB",)),
        ("UPDATE Messages SET contents = ?, title = ? WHERE title = 'Berita Dua'",
         (b"<p>Isi dari BLOB</p>", b"Berita Dua BLOB")),
        ("UPDATE Messages SET author = ? WHERE title = 'Jawa Satu'", (b"\xff\xfe",)),
    )  # fmt: skip
    report = lib.import_database(db, "rssguard")
    assert (report.added, report.articles_added) == (2, 3)
    feeds = {f.url: f for f in lib.feeds()}
    assert (feeds[JAWA].title, feeds[JAWA].folder) == ("Jawa BLOB", "Berita/Daerah BLOB")
    dua = next(e for e in lib.entries() if e.title == "Berita Dua BLOB")
    assert "Isi dari BLOB" in lib.entry(dua.id).html
    # Bytes that are not UTF-8 at all: kept as U+FFFD, and said so.
    jawa = next(e for e in lib.entries() if e.title == "Jawa Satu")
    assert lib.entry(jawa.id).author == "\ufffd\ufffd"
    assert [p for p in report.problems if "UTF-8" in p] == [
        "“Jawa BLOB”: article “Jawa Satu” held text that is not UTF-8; "
        "stored with � in place of the unreadable characters"
    ]


def test_one_row_that_is_not_utf8_loses_nothing_else(lib: Library, tmp_path: Path) -> None:
    db = build_quiterss(tmp_path / "feeds.db")
    _many_quiterss_articles(db)
    _update(db, ("UPDATE news SET title = CAST(X'41FF42' AS TEXT) WHERE guid = 'g550'", ()))
    report = lib.import_database(db, "quiterss")
    assert report.articles_added == 5 + EXTRA  # as many as were stored
    titles = _titles(lib, NASIONAL)
    assert len(titles) == 2 + EXTRA and "A\ufffdB" in titles and f"Artikel {EXTRA - 1}" in titles
    assert [p for p in report.problems if "UTF-8" in p] == [
        "“Elshinta – Nasional”: article “A\ufffdB” held text that is not UTF-8; "
        "stored with � in place of the unreadable characters"
    ]


def test_a_table_that_stops_reading_half_way_keeps_a_true_count(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_quiterss(tmp_path / "feeds.db")
    _many_quiterss_articles(db)
    feeds, articles = READERS["quiterss"]

    def breaking(
        conn: sqlite3.Connection, tables: Tables, key: object, note: Note
    ) -> Iterator[ImportedArticle]:
        for number, article in enumerate(articles(conn, tables, key, note)):
            if number == 550:
                raise sqlite3.DatabaseError("database disk image is malformed")
            yield article

    monkeypatch.setitem(READERS, "quiterss", (feeds, breaking))
    report = lib.import_database(db, "quiterss")
    assert len(_titles(lib, NASIONAL)) == 550
    assert report.articles_added == 550 + 3  # Nasional's first 550, then Jawa's and Luar's
    assert any(
        p.startswith("“Elshinta – Nasional”: its articles could not all be read; 550 were")
        and "malformed" in p
        for p in report.problems
    )


def test_feed_and_article_addresses_that_cannot_be_fetched(lib: Library, tmp_path: Path) -> None:
    """A feed at a port out of range is a problem, not a subscription; an article link so is
    left out, the article kept."""
    db = build_quiterss(tmp_path / "feeds.db")
    _update(
        db,
        ("UPDATE feeds SET xmlUrl = ? WHERE id = 5", ("http://127.0.0.1:99999/luar.xml",)),
        ("UPDATE news SET link_href = ? WHERE guid = 'guid-dua'", ("http://[::1/dua",)),
    )
    report = lib.import_database(db, "quiterss")
    assert report.added == 2 and any("99999" in p for p in report.problems)
    assert {f.url for f in lib.feeds()} == {NASIONAL, JAWA}
    dua = next(e for e in lib.entries() if e.title == "Berita Dua")
    assert lib.entry(dua.id).url == ""
