"""Story updates: recent articles re-checked on refresh, both versions kept, with a diff;
and migration 2, which added what that needs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core import paths
from newsreader.core.library import Library, open_library
from newsreader.core.storage import migrations
from newsreader.core.storage.records import ALL_RECORDS, bind, make_database
from newsreader.core.storage.versions import is_story_update
from newsreader.core.types import ExtractedArticle
from tests.helpers.http_server import HttpServer
from tests.helpers.story_pages import STORY_V1, STORY_V2, T0, article_path, page, rss

HTML = {"Content-Type": "text/html; charset=utf-8"}
SLUG = "korban-banjir-bandang-sentani-bertambah"
TITLE = "Korban Banjir Bandang di Sentani Bertambah"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def story(http_server: HttpServer, tmp_path: Path, clock: Clock) -> Iterator[Library]:
    base = http_server.url("")
    http_server.route(
        "/feed",
        rss(base, [(SLUG, TITLE)]),
        etag='"f1"',
        headers={"Content-Type": "application/rss+xml"},
    )
    http_server.route(article_path(SLUG), page(TITLE, STORY_V1), etag='"a1"', headers=HTML)
    with open_library(tmp_path / "data", clock=clock) as lib:
        lib.add_feed(http_server.url("/feed"))
        yield lib


def page_requests(server: HttpServer) -> list[dict[str, str]]:
    return [r.headers for r in server.requests if r.path == article_path(SLUG)]


def test_changed_story_keeps_both_versions_and_the_marks(
    story: Library, http_server: HttpServer, clock: Clock
) -> None:
    lib = story
    lib.refresh()
    (row,) = lib.entries()
    first = lib.entry(row.id)
    assert first.extraction == "generic" and "10 orang meninggal" in first.text
    assert (first.updated_at, first.previous_versions) == (None, 0)
    lib.mark_read([row.id])
    lib.set_starred(row.id)

    # An hour later the page has not changed: a conditional GET, answered 304.
    clock.now += 3600
    results = lib.refresh()
    assert results[0].updated == 0
    assert page_requests(http_server)[-1].get("if-none-match") == '"a1"'
    assert lib.versions(row.id) == [] and lib.entry_diff(row.id) is None

    # The story is updated with a new ETag: the next refresh stores the new text.
    http_server.route(article_path(SLUG), page(TITLE, STORY_V2), etag='"a2"', headers=HTML)
    clock.now += 3600
    results = lib.refresh()
    assert results[0].updated == 1
    now = lib.entry(row.id)
    assert "12 orang meninggal" in now.text and "tanggap darurat" in now.text
    assert now.updated_at is not None and now.updated_at.timestamp() == clock.now
    assert now.previous_versions == 1
    assert (now.read, now.starred) == (True, True)
    (old,) = lib.versions(row.id)
    assert "10 orang meninggal" in old.text and "<p>" in old.html and old.title == TITLE
    assert old.fetched_at is not None and old.fetched_at.timestamp() == T0
    diff = lib.entry_diff(row.id)
    assert diff is not None
    assert "<del>10</del> <ins>12</ins>" in diff
    assert "<ins>Bupati Jayapura menetapkan status tanggap darurat" in diff
    assert len(lib.entries()) == 1  # an update, not a new article


def test_recheck_waits_and_stops_after_two_days(
    story: Library, http_server: HttpServer, clock: Clock
) -> None:
    lib = story
    lib.refresh()
    count = len(page_requests(http_server))
    clock.now += 60  # too soon after the fetch: no re-check
    lib.refresh()
    assert len(page_requests(http_server)) == count
    http_server.route(article_path(SLUG), page(TITLE, STORY_V2), etag='"a2"', headers=HTML)
    clock.now = T0 + 3 * 24 * 3600  # the story is three days old: left alone
    lib.refresh()
    assert len(page_requests(http_server)) == count
    assert lib.entry(lib.entries()[0].id).previous_versions == 0


def test_no_recheck_without_full_articles(
    story: Library, http_server: HttpServer, clock: Clock
) -> None:
    lib = story
    lib.refresh()
    count = len(page_requests(http_server))
    clock.now += 3600
    lib.refresh(full_articles=False)
    feed = lib.feeds()[0]
    lib.set_feed_options(feed.id, full_article=False)
    clock.now += 3600
    lib.refresh()
    assert len(page_requests(http_server)) == count


def test_recheck_is_bounded_per_refresh(
    story: Library, http_server: HttpServer, clock: Clock
) -> None:
    lib = story
    base = http_server.url("")
    slugs = [f"berita-nomor-{i}-dari-jayapura" for i in range(5)]
    http_server.route(
        "/feed",
        rss(base, [(s, f"Berita {i}") for i, s in enumerate(slugs)]),
        etag='"f2"',
        headers={"Content-Type": "application/rss+xml"},
    )
    for i, slug in enumerate(slugs):
        http_server.route(article_path(slug), page(f"Berita {i}", STORY_V1), etag='"x"')
    lib.refresh()
    lib.recheck_per_refresh = 2
    clock.now += 3600
    before = len(http_server.requests)
    lib.refresh()
    rechecked = [r for r in http_server.requests[before:] if r.path != "/feed"]
    assert len(rechecked) == 2 and all(r.headers.get("if-none-match") for r in rechecked)


def _article(text: str, method: str = "generic") -> ExtractedArticle:
    return ExtractedArticle(title="t", html=f"<p>{text}</p>", text=text, method=method)


def test_what_counts_as_a_story_update() -> None:
    old = "\n\n".join(STORY_V1)
    assert is_story_update(old, "generic", _article("\n\n".join(STORY_V2)))
    assert not is_story_update(old, "generic", _article(old.replace("\n\n", "\n\n  ")))
    # Read another way (the rule broke, the page fell back to the summary): not an update.
    assert not is_story_update(old, "site:papua", _article("\n\n".join(STORY_V2)))
    assert not is_story_update(old, "summary", _article("Ringkasan.", "summary"))
    # An error page that still parses: almost no text left.
    assert not is_story_update(old, "generic", _article("Halaman tidak ditemukan."))
    assert is_story_update("Kabar singkat.", "generic", _article("Kabar singkat, diperbarui."))


# -- migration 2 ------------------------------------------------------------------------------


def _schema(db_path: Path) -> dict[str, object]:
    con = sqlite3.connect(db_path)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "select name from sqlite_master where type='table' order by name"
            )
        ]
        return {
            name: (
                # name, type, not null, primary key; SQL defaults are left out: an added NOT
                # NULL column needs one, while peewee fills defaults in Python.
                sorted(
                    (c[1], c[2], c[3], c[5]) for c in con.execute(f'PRAGMA table_info("{name}")')
                ),
                sorted(
                    (i[1], i[2], [c[2] for c in con.execute(f'PRAGMA index_info("{i[1]}")')])
                    for i in con.execute(f'PRAGMA index_list("{name}")')
                ),
            )
            for name in tables
        }
    finally:
        con.close()


def _version_1(path: Path) -> None:
    """A database as Newsreader 1 left it: migration 1 only, with an article and its page."""
    db = make_database(path)
    bind(db)
    with db.atomic():
        migrations.MIGRATIONS[0](db)
        db.execute_sql("PRAGMA user_version = 1")
    db.execute_sql(
        "insert into feed (url, kind, title, site_url, folder, builtin, removed, added_at,"
        " next_fetch_at, last_error, error_count) values ('https://a.example/rss', 'feed',"
        " 'A', '', '', 0, 0, 1.0, 0.0, '', 0)"
    )
    db.execute_sql(
        "insert into entry (feed_id, guid, url, title, author, sort_ts, summary_html, feed_html,"
        " html, text, origin, lead_image, related_json, extraction, extraction_note,"
        " content_hash, read, starred, listed, added_at, fetched_at) values (1, 'g',"
        " 'https://a.example/x', 'Judul', '', 1.0, '', '', '<p>Isi.</p>', 'Isi.', '', '',"
        " '[]', 'generic', '', '', 1, 1, 1, 1.0, 2.0)"
    )
    db.execute_sql(
        "insert into page (url, fetched_at, content_type, body) values"
        " ('https://a.example/x', 2.0, 'text/html', x'00')"
    )
    db.close()


def test_migration_2_from_a_version_1_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _version_1(paths.database_path(data))
    with open_library(data) as lib:
        entry = lib.entry(1)
        assert (entry.title, entry.read, entry.starred) == ("Judul", True, True)
        assert (entry.updated_at, entry.previous_versions) == (None, 0)
        assert lib.versions(1) == [] and lib.entry_diff(1) is None
    assert (data / "newsreader.db.v1.bak").exists()
    con = sqlite3.connect(paths.database_path(data))
    assert con.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST >= 2
    assert con.execute("select checked_at from page").fetchone() == (None,)
    con.close()


def test_migrated_schema_is_the_records_schema(tmp_path: Path) -> None:
    """Fresh and upgraded databases end alike, with the tables the records describe."""
    migrated = tmp_path / "migrated.db"
    _version_1(migrated)
    db = make_database(migrated)
    bind(db)
    migrations.migrate(db, migrated)
    db.close()
    modelled = tmp_path / "modelled.db"
    db = make_database(modelled)
    bind(db)
    db.create_tables(ALL_RECORDS)
    db.close()
    # Tables the records describe match; the rest (full-text index, saved searches, the
    # retention log) exist only in SQL and are compared fresh against upgraded below.
    tables = {record._meta.table_name for record in ALL_RECORDS}
    by_records = {k: v for k, v in _schema(migrated).items() if k in tables}
    assert by_records == _schema(modelled)
    fresh = tmp_path / "fresh.db"
    db = make_database(fresh)
    bind(db)
    migrations.migrate(db, fresh)
    db.close()
    assert _schema(fresh) == _schema(migrated)
