"""The subscriptions with their counts, as the feed tree shows them.

The window reads this list after every change, an article opened included, on the GUI
thread. Building 500 ``Feed`` values from their rows took about 10 ms of the 50 ms budget, for
rows that had not changed: a read mark changes counts, not feeds. So the values are kept per
database until the ``feed`` table changes (its count in ``change_count``, kept by the
triggers of migration 6), and only a feed whose counts moved gets a new value.
"""

from __future__ import annotations

import dataclasses
import threading

from peewee import fn

from newsreader.core.storage import counts
from newsreader.core.storage.records import FeedRecord, database_proxy
from newsreader.core.storage.rows import feed_from_record
from newsreader.core.types import Feed

_lock = threading.Lock()
# database file -> (feed generation, the list as last built)
_kept: dict[str, tuple[int, list[Feed]]] = {}


def _generation() -> int | None:
    row = database_proxy.execute_sql(
        'SELECT "count" FROM "change_count" WHERE "name" = \'feed\''
    ).fetchone()
    return int(row[0]) if row is not None else None


def _read() -> list[Feed]:
    records = (
        FeedRecord.select()
        .where(FeedRecord.removed == False)  # noqa: E712
        .order_by(FeedRecord.folder, fn.LOWER(FeedRecord.title), FeedRecord.id)
    )
    return [feed_from_record(rec, 0, 0) for rec in records]


def _counted(feed: Feed, unread: int, total: int) -> Feed:
    if (feed.unread, feed.total) == (unread, total):
        return feed
    return dataclasses.replace(feed, unread=unread, total=total)


def list_feeds() -> list[Feed]:
    """Every subscription (not the removed ones), by folder and title, with its counts."""
    generation = _generation()
    key = str(database_proxy.obj.database)
    with _lock:
        kept = _kept.get(key)
    current = kept is not None and generation is not None and kept[0] == generation
    feeds = kept[1] if kept is not None and current else _read()
    tallies = counts.feed_counts()
    fresh = [_counted(feed, *tallies.get(feed.id, (0, 0))) for feed in feeds]
    if generation is not None:
        with _lock:
            _kept[key] = (generation, fresh)
    return fresh
