"""Read queries. Each runs on the caller's own connection (WAL: readers never block the writer).

Every query here is indexed and paged, cheap enough for the GUI thread (its budget: 50 ms
at 200,000 articles); the article list and the counts are in ``listing`` and ``counts``, and
``bench/query_plans.py`` prints the plans and timings at that size.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from peewee import JOIN, fn

from newsreader.core.errors import EntryNotFoundError, FeedNotFoundError
from newsreader.core.storage import counts, listing
from newsreader.core.storage import feed_list as feedlist
from newsreader.core.storage.listing import ListQuery, Sort, View
from newsreader.core.storage.records import (
    ArticleVersionRecord,
    EntryImageRecord,
    EntryRecord,
    EntryStateRecord,
    FeedRecord,
    ImageRecord,
)
from newsreader.core.storage.rows import entry_from_record, feed_from_record, from_stamp
from newsreader.core.types import Entry, EntrySummary, Feed, ImageRef

__all__ = ["ListQuery", "Sort", "View"]


def list_feeds() -> list[Feed]:
    return feedlist.list_feeds()


def get_feed(feed_id: int) -> Feed:
    rec = FeedRecord.get_or_none(FeedRecord.id == feed_id)
    if rec is None or rec.removed:
        raise FeedNotFoundError("", f"no subscription with id {feed_id}")
    return feed_from_record(rec, *counts.feed_count(feed_id))


def view_condition(  # type: ignore[no-untyped-def]
    view: View, today_start: float, *, one_feed: bool = False
):
    """The WHERE clause of a view; across feeds (``one_feed`` false) each article shows once."""
    single = EntryRecord.duplicate_of.is_null(True) if not one_feed else True
    if view == "starred":
        return (EntryRecord.starred == True) & single  # noqa: E712
    live = FeedRecord.removed == False  # noqa: E712
    cond = live & (EntryRecord.listed == True) & single  # noqa: E712
    if view == "unread":
        unread = EntryStateRecord.select(EntryStateRecord.entry_id).where(
            EntryStateRecord.read == False  # noqa: E712
        )
        cond &= EntryRecord.id.in_(unread)
    elif view == "today":
        cond &= EntryRecord.sort_ts >= today_start
    return cond


def list_entries(
    query: ListQuery,
    *,
    limit: int | None = None,
    offset: int = 0,
    cursors: listing.Cursors | None = None,
) -> list[EntrySummary]:
    """One page of the article list (``listing``)."""
    return listing.list_entries(query, limit, offset, cursors)


def view_counts(today_start: float) -> dict[str, int]:
    return counts.view_counts(today_start)


def _images(entry_id: int, images_dir: Path) -> tuple[ImageRef, ...]:
    rows = (
        EntryImageRecord.select(EntryImageRecord.url, ImageRecord.path)
        .join(ImageRecord, JOIN.LEFT_OUTER, on=ImageRecord.url == EntryImageRecord.url)
        .where(EntryImageRecord.entry == entry_id)
        .order_by(EntryImageRecord.position)
        .tuples()
    )
    return tuple(ImageRef(url, str(images_dir / path) if path else None) for url, path in rows)


def get_entry(entry_id: int, images_dir: Path) -> Entry:
    row = (
        EntryRecord.select(
            EntryRecord, FeedRecord.title.alias("feed_title"), EntryStateRecord.read
        )
        .join(FeedRecord)
        .join_from(EntryRecord, EntryStateRecord, on=EntryStateRecord.entry_id == EntryRecord.id)
        .where(EntryRecord.id == entry_id)
        .objects()
        .first()
    )
    if row is None:
        raise EntryNotFoundError(f"no article with id {entry_id}")
    versions = (
        ArticleVersionRecord.select().where(ArticleVersionRecord.entry == entry_id).count()
        if row.updated_at is not None  # only a story update stores earlier versions
        else 0
    )
    return entry_from_record(row, row.feed_title, _images(entry_id, images_dir), versions)


def check_entry(entry_id: int) -> None:
    """EntryNotFoundError unless an article with that id is stored."""
    if not EntryRecord.select().where(EntryRecord.id == entry_id).exists():
        raise EntryNotFoundError(f"no article with id {entry_id}")


def starred_count(feed_id: int) -> int:
    """How many of a feed's articles are starred (kept when it is removed)."""
    return int(
        EntryRecord.select().where((EntryRecord.feed == feed_id) & EntryRecord.starred).count()
    )


def find_entry_by_url(url: str, feed_id: int | None = None) -> int | None:
    """An extracted entry with that URL, preferring one of ``feed_id``."""
    query = EntryRecord.select(EntryRecord.id, EntryRecord.feed).where(EntryRecord.url == url)
    best: int | None = None
    for entry_id, entry_feed in query.tuples():
        if entry_feed == feed_id:
            return int(entry_id)
        best = best if best is not None else int(entry_id)
    return best


def cached_urls(urls: list[str]) -> set[str]:
    """Which of ``urls`` are articles already extracted in the cache."""
    if not urls:
        return set()
    query = EntryRecord.select(EntryRecord.url).where(
        EntryRecord.url.in_(urls) & (EntryRecord.extraction != "")
    )
    return {url for (url,) in query.tuples()}


def next_due() -> datetime | None:
    value = (
        FeedRecord.select(fn.MIN(FeedRecord.next_fetch_at))
        .where((FeedRecord.removed == False) & (FeedRecord.paused == False))  # noqa: E712
        .scalar()
    )
    return from_stamp(value) if value is not None else None
