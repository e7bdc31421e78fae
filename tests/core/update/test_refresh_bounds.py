"""The bounds of one refresh (core/update/schedule.py, refresh.py, feeds/document.py): items
taken from a document, article pages per feed and in all, and a time budget on the injected
clock. Work is counted in requests, never in seconds; the pages left over are fetched by the
next refreshes, newest first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from newsreader.core.feeds.document import MAX_ENTRIES
from newsreader.core.library import Library, open_library
from newsreader.core.net.fetch import Fetcher
from newsreader.core.settings import Settings
from newsreader.core.storage.records import EntryRecord
from newsreader.core.update import schedule
from tests.helpers.http_server import HttpServer, Request, Response
from tests.helpers.library_tools import add_feed_unchecked
from tests.helpers.story_pages import T0, filler, page

RSS = {"Content-Type": "application/rss+xml"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = page("Berita", filler("berita"))


class Clock:
    """The refresh's clock: it moves only when told (a page request moves it here)."""

    def __init__(self) -> None:
        self.now = T0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


def rss(server: HttpServer, name: str, count: int) -> bytes:
    """``count`` items, item i published i minutes before T0, listed oldest first (so that
    "newest" is the feed's dates, not its order); links ``/<name>?n=i``."""
    items = "".join(
        f"<item><title>{name} {i}</title><link>{server.url(f'/{name}?n={i}')}</link>"
        f"<guid>{name}-{i}</guid><pubDate>{format_datetime(_at(i))}</pubDate>"
        f"<description>Ringkasan {i}</description></item>"
        for i in reversed(range(count))
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{name}</title>"
        f"<link>{server.url('/')}</link>{items}</channel></rss>"
    ).encode()


def _at(i: int) -> datetime:
    return datetime.fromtimestamp(T0 - 60 * i, UTC)


def serve(server: HttpServer, name: str, count: int, on_page: object = None) -> None:
    server.route(f"/{name}.xml", rss(server, name, count), etag=f'"{name}"', headers=RSS)

    def answer(request: Request) -> Response:
        if callable(on_page):
            on_page()
        return Response(200, PAGE, HTML)

    server.route(f"/{name}", handler=answer)


def asked(server: HttpServer, name: str) -> list[int]:
    """The items of feed ``name`` whose page was asked for, in order."""
    prefix = f"/{name}?n="
    return [int(r.path[len(prefix) :]) for r in server.requests if r.path.startswith(prefix)]


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    fetcher = Fetcher(timeout=5.0, connect_timeout=2.0, trust_env=False)
    library = open_library(tmp_path / "data", fetcher=fetcher, clock=lambda: T0)
    library.refresher.related_per_refresh = 0  # pages of the feeds' own items only
    try:
        yield library
    finally:
        library.close()
        fetcher.close()


def subscribe(lib: Library, server: HttpServer, name: str) -> int:
    return add_feed_unchecked(lib, server.url(f"/{name}.xml"), kind="feed", full_article=True)


def test_a_huge_feed_is_fetched_a_batch_per_refresh_newest_first(
    lib: Library, http_server: HttpServer
) -> None:
    serve(http_server, "besar", 5000)
    feed_id = subscribe(lib, http_server, "besar")
    (first,) = lib.refresh()
    # The newest MAX_ENTRIES items are stored; of those, PAGES_PER_FEED pages fetched.
    assert (first.error, first.new) == ("", MAX_ENTRIES)
    kept = {int(g.split("-")[1]) for g in EntryRecord.select(EntryRecord.guid).scalars()}
    assert kept == set(range(MAX_ENTRIES))
    assert first.articles_fetched == schedule.PAGES_PER_FEED
    assert sorted(asked(http_server, "besar")) == list(range(schedule.PAGES_PER_FEED))
    (second,) = lib.refresh()
    assert second.not_modified and second.articles_fetched == schedule.PAGES_PER_FEED
    assert sorted(asked(http_server, "besar")) == list(range(2 * schedule.PAGES_PER_FEED))
    waiting = EntryRecord.select().where(
        (EntryRecord.feed == feed_id) & (EntryRecord.extraction == "")
    )
    assert waiting.count() == MAX_ENTRIES - 2 * schedule.PAGES_PER_FEED  # none lost


def test_pages_per_refresh_in_all_taken_in_turns(lib: Library, http_server: HttpServer) -> None:
    lib.refresher.pages_per_feed, lib.refresher.pages_per_refresh = 3, 5
    for name in ("satu", "dua", "tiga"):
        serve(http_server, name, 4)
        subscribe(lib, http_server, name)
    results = lib.refresh()
    assert sum(r.articles_fetched for r in results) == 5
    # Every feed's newest, then every feed's second: no feed crowds out another.
    assert [sorted(asked(http_server, n)) for n in ("satu", "dua", "tiga")] == [[0, 1], [0, 1], [0]]
    lib.refresh()  # what was left: satu 2 3, dua 2 3, tiga 1 2 3
    assert [sorted(asked(http_server, n)) for n in ("satu", "dua", "tiga")] == [
        [0, 1, 2, 3], [0, 1, 2, 3], [0, 1],
    ]  # fmt: skip
    lib.refresh()
    assert all(sorted(asked(http_server, n)) == [0, 1, 2, 3] for n in ("satu", "dua", "tiga"))


def test_no_page_fetch_starts_once_the_time_budget_is_spent(
    http_server: HttpServer, tmp_path: Path
) -> None:
    """Each page request moves the clock on by 50 s: with a budget of 120 s, one request
    at a time, the third page is the last one started (at 100 s)."""
    clock = Clock()
    serve(http_server, "lambat", 8, on_page=lambda: clock.advance(50))
    settings = Settings(max_connections=1, max_per_host=1)
    fetcher = Fetcher(timeout=5.0, connect_timeout=2.0, trust_env=False)
    lib = open_library(tmp_path / "data", fetcher=fetcher, clock=clock, settings=settings)
    try:
        lib.refresher.time_budget_s = 120.0
        feed_id = subscribe(lib, http_server, "lambat")
        (first,) = lib.refresh()
        assert first.error == "" and first.new == 8 and first.articles_fetched == 3
        assert asked(http_server, "lambat") == [0, 1, 2]  # newest first
        (second,) = lib.refresh()  # a new refresh, a new budget: the next three
        assert second.articles_fetched == 3
        assert asked(http_server, "lambat") == [0, 1, 2, 3, 4, 5]
        lib.refresh()
        assert asked(http_server, "lambat") == list(range(8))
        unread = EntryRecord.select().where(
            (EntryRecord.feed == feed_id) & (EntryRecord.extraction == "")
        )
        assert unread.count() == 0
    finally:
        lib.close()
        fetcher.close()


def test_pages_to_fetch() -> None:
    feeds = [["a1", "a2", "a3"], ["b1"], [], ["c1", "c2"]]
    assert schedule.pages_to_fetch(feeds, feed_cap=2, total_cap=10) == ["a1", "b1", "c1", "a2",
                                                                         "c2"]  # fmt: skip
    assert schedule.pages_to_fetch(feeds, feed_cap=5, total_cap=4) == ["a1", "b1", "c1", "a2"]
    assert schedule.pages_to_fetch(feeds, feed_cap=0, total_cap=4) == []
    assert schedule.pages_to_fetch([], feed_cap=3, total_cap=3) == []
