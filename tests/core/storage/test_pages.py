"""Kept pages and the pages awaited after a subscription (core/storage/pages.py): reads on the
caller's own connection, writes through the writer."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsreader.core.library import open_library
from newsreader.core.storage import ingest, pages
from newsreader.core.storage.records import EntryRecord
from newsreader.core.types import FetchResult, ParsedEntry
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.library_tools import add_feed_unchecked

NOW = 1_700_000_000.0


def _entries(feed: int, n: int) -> list[ParsedEntry]:
    return [
        ParsedEntry(
            guid=f"{feed}-{i}",
            url=f"https://situs.example/{feed}/{i}",
            title=f"J {i}",
            published=datetime(2024, 5, 1, 7, i, tzinfo=UTC),
        )
        for i in range(n)
    ]


def test_a_page_is_read_back_without_the_writer(tmp_path: Path) -> None:
    with open_library(tmp_path, fetcher=FakeFetcher(), clock=lambda: NOW) as lib:
        url = "https://situs.example/a"
        assert pages.load_page(url) is None
        headers = {"content-type": "text/html; charset=utf-8"}
        lib.writer.call(pages.store_page, FetchResult(url, url, 200, b"<p>isi</p>", headers), NOW)
        lib.writer.close()  # reads must not need it
        assert pages.load_page(url) == (b"<p>isi</p>", "text/html")


def test_only_a_feeds_own_articles_still_without_a_page_are_awaited(tmp_path: Path) -> None:
    with open_library(tmp_path, fetcher=FakeFetcher(), clock=lambda: NOW) as lib:
        feed, other = (add_feed_unchecked(lib, f"https://situs.example/{n}.xml") for n in (1, 2))
        mine, _ = lib.writer.call(ingest.ingest, feed, _entries(feed, 3), base="x", now=NOW)
        theirs, _ = lib.writer.call(ingest.ingest, other, _entries(other, 1), base="x", now=NOW)
        assert pages.awaited_pages() == {}
        lib.writer.call(pages.await_pages, feed, [*mine, *theirs, 999])
        assert pages.awaited_pages() == {feed: mine}
        EntryRecord.update(extraction="generic").where(EntryRecord.id == mine[0]).execute()
        assert pages.awaited_pages() == {feed: mine[1:]}
        lib.writer.call(pages.pages_taken, feed)
        assert pages.awaited_pages() == {}
        lib.writer.call(pages.await_pages, other, theirs)
        lib.writer.call(pages.await_pages, other, [])
        assert pages.awaited_pages() == {}
