"""Story updates: recent articles re-checked on refresh, both versions kept, with a diff.
(Migration 2, which added what that needs, is tested in tests/core/storage/test_migrations.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.library import Library, open_library
from newsreader.core.storage.versions import is_story_update, list_versions
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
    assert list_versions(row.id) == [] and lib.entry_diff(row.id) is None

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
    (old,) = list_versions(row.id)
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
    lib.refresher.recheck_per_refresh = 2
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
