"""A fetched document as a stream of entries (core/feeds/document.py): the newest
``MAX_ENTRIES`` of a huge document, and links that cannot be fetched left out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from newsreader.core.feeds import common
from newsreader.core.feeds.document import MAX_ENTRIES, newest, parse_document
from newsreader.core.types import FetchResult, ParsedEntry

FEED = "https://berita.example.id/rss"
T0 = datetime(2024, 12, 5, tzinfo=UTC)


def _entry(name: str, minutes_ago: int | None) -> ParsedEntry:
    published = None if minutes_ago is None else T0 - timedelta(minutes=minutes_ago)
    return ParsedEntry(guid=name, url=f"https://berita.example.id/{name}", title=name,
                       published=published)  # fmt: skip


def test_newest_keeps_the_document_order() -> None:
    entries = [_entry("a", 30), _entry("b", 10), _entry("c", None), _entry("d", 20)]
    assert [e.guid for e in newest(entries, 2)] == ["b", "d"]
    assert [e.guid for e in newest(entries, 3)] == ["a", "b", "d"]  # dated before undated
    assert [e.guid for e in newest(entries, 9)] == ["a", "b", "c", "d"]
    undated = [_entry(str(i), None) for i in range(5)]
    assert [e.guid for e in newest(undated, 2)] == ["0", "1"]  # feeds list the newest first


def _rss(count: int) -> bytes:
    items = "".join(
        f"<item><title>Berita {i}</title><link>https://berita.example.id/{i}</link>"
        f"<pubDate>{format_datetime(T0 - timedelta(minutes=i))}</pubDate></item>"
        for i in reversed(range(count))  # oldest first: "newest" is by date
    )
    return f"<rss version='2.0'><channel><title>B</title>{items}</channel></rss>".encode()


def test_a_huge_document_gives_its_newest_items() -> None:
    response = FetchResult(FEED, FEED, 200, _rss(MAX_ENTRIES + 500))
    parsed, _source = parse_document(response, kind="feed")
    assert len(parsed.entries) == MAX_ENTRIES
    assert {e.title for e in parsed.entries} == {f"Berita {i}" for i in range(MAX_ENTRIES)}
    assert parsed.entries[0].title == f"Berita {MAX_ENTRIES - 1}"  # the document's order


@pytest.mark.parametrize(
    "href",
    ["http://127.0.0.1:99999/x", "https://berita.example.id:70000/x", "http://[::1/x",
     "http://[::1]:99999/x", "//berita.example.id:0/x"],
)  # fmt: skip
def test_links_that_cannot_be_fetched_are_left_out(href: str) -> None:
    assert common.absolute_url(FEED, href) == ""
    assert common.join_url(FEED, href) == ""


def test_an_item_link_that_cannot_be_fetched_keeps_the_item() -> None:
    doc = (
        b"<rss version='2.0'><channel><title>B</title>"
        b"<item><title>Rusak</title><link>http://127.0.0.1:99999/x</link>"
        b"<description>Ringkasan</description></item></channel></rss>"
    )
    parsed, _ = parse_document(FetchResult(FEED, FEED, 200, doc), kind="feed")
    (entry,) = parsed.entries
    assert (entry.title, entry.url, entry.summary_html) == ("Rusak", "", "Ringkasan")
