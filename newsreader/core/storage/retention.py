"""Retention: delete old articles so the cache does not grow forever.

The rules, per feed (``Settings.keep_days`` / ``keep_per_feed``; a feed's own ``keep_days`` /
``keep_per_feed`` column overrides them, NULL meaning "the global setting", 0 "no limit"):

- an article published (else first seen) more than ``keep_days`` days ago is deleted;
- beyond the newest ``keep_per_feed`` listed articles of a feed, the older ones are deleted
  (starred articles are kept besides that many, they do not use up the count);
- read and unread alike, as RSS Guard and newsboat do: retention is about the size of the
  cache and of the lists, and a month-old unread article is one nobody will read;
- never a starred article (nor, as marks are shared, a copy of one);
- never an article that arrived less than ``GRACE_S`` (a day) ago: a refresh never deletes
  what it just brought in before the reader could see it (a new feed's back catalogue, an
  item dated long ago), it goes at the next clean-up;
- unsubscribed feeds keep only starred articles; one unstarred since is deleted;
- articles fetched only as related links (unlisted) follow the age rule alone.

With an article go its FTS rows (triggers), its image links and earlier versions (foreign
keys), and its kept page unless another article has the same URL. Its images stay on disk
until the image budget (``imagecache.enforce_budget``) evicts them: images no longer linked to
any article are marked as read at time 0, so they are the first to go. The guid of a deleted
listed article is remembered (``entry_gone``, a year) so that a feed still carrying it does
not bring it back as new; the insert trigger of migration 4 skips it. Articles deleted in
another reader are remembered the same way when its database is imported (``remember_gone``).

Planning reads on the caller's connection; deleting runs as writer jobs of ``_CHUNK``
articles, so the reader's own commands (mark read, star) are never held up for long.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsreader.core.settings import Settings
from newsreader.core.storage.records import database_proxy
from newsreader.core.storage.rows import fetch_rows
from newsreader.core.storage.writer import Writer
from newsreader.core.storage.writes import get_meta, set_meta

log = logging.getLogger(__name__)

DAY = 86400.0
GRACE_S = DAY
TOMBSTONE_S = 365 * DAY
LAST_RUN_KEY = "retention_last_run"
# Articles per writer job. Deleting one (its row and overflow pages, zeroed as SQLite's
# secure_delete does here; its index entries, FTS tokens, links) takes ~0.5 ms with the
# commit at 200,000 articles: the reader's own commands wait ~50 ms behind a job at most.
_CHUNK = 100


@dataclass(frozen=True)
class CleanupReport:
    """What a clean-up deleted (or, ``dry_run``, would delete).

    ``by_age``, ``by_count`` and ``unsubscribed`` split ``articles`` by the first rule that
    applied; ``pages``: kept article pages deleted; ``images``: cached images no longer used
    by any article (left to the image budget, which evicts them first)."""

    articles: int = 0
    by_age: int = 0
    by_count: int = 0
    unsubscribed: int = 0
    pages: int = 0
    images: int = 0
    dry_run: bool = False
    feeds: dict[int, int] = field(default_factory=dict)  # feed id -> articles


def _limits(settings: Settings) -> list[tuple[int, bool, int, int]]:
    """(feed id, removed, keep days, keep count) of every feed, overrides applied."""
    out = []
    for feed_id, removed, days, per_feed in fetch_rows(
        'SELECT "id", "removed", "keep_days", "keep_per_feed" FROM "feed"'
    ):
        out.append((
            int(feed_id),
            bool(removed),
            settings.keep_days if days is None else int(days),
            settings.keep_per_feed if per_feed is None else int(per_feed),
        ))  # fmt: skip
    return out


# The rules read the narrow "entry_state" (migration 5) through its (feed, listed, sort_ts)
# index, never the article rows, fat with their text; only candidates reach "entry" (for the
# arrival time of the grace rule). listed IN (0, 1) lets the index range on sort_ts.
_UNSUBSCRIBED = 'SELECT "entry_id" FROM "entry_state" WHERE "feed_id" = ? AND NOT "starred"'
_TOO_OLD = (
    'SELECT "entry_id" FROM "entry_state" WHERE "feed_id" = ? AND "listed" IN (0, 1)'
    ' AND "sort_ts" < ? AND NOT "starred"'
)
_TOO_MANY = (  # OFFSET skips the newest ``per_feed``
    'SELECT "entry_id" FROM "entry_state" WHERE "feed_id" = ? AND "listed" = 1'
    ' AND NOT "starred" ORDER BY "sort_ts" DESC, "entry_id" DESC LIMIT -1 OFFSET ?'
)


def _plan(settings: Settings, now: float) -> dict[int, tuple[int, str]]:
    """{entry id: (feed id, rule)} of the articles to delete."""
    doomed: dict[int, tuple[int, str]] = {}
    for feed_id, removed, days, per_feed in _limits(settings):
        if removed:
            for (entry_id,) in fetch_rows(_UNSUBSCRIBED, [feed_id]):
                doomed[int(entry_id)] = (feed_id, "unsubscribed")
            continue
        if days > 0:
            for (entry_id,) in fetch_rows(_TOO_OLD, [feed_id, now - days * DAY]):
                doomed[int(entry_id)] = (feed_id, "age")
        if per_feed > 0:
            for (entry_id,) in fetch_rows(_TOO_MANY, [feed_id, per_feed]):
                doomed.setdefault(int(entry_id), (feed_id, "count"))
    for entry_id in _arrived_since(sorted(doomed), now - GRACE_S):
        if doomed[entry_id][1] != "unsubscribed":
            del doomed[entry_id]
    return doomed


def _arrived_since(ids: list[int], since: float) -> list[int]:
    """Those of ``ids`` that arrived at ``since`` or later."""
    recent: list[int] = []
    for chunk in _in_chunks(ids):
        sql = f'SELECT "id" FROM "entry" WHERE "id" IN ({_marks(len(chunk))}) AND "added_at" >= ?'
        recent.extend(int(entry_id) for (entry_id,) in fetch_rows(sql, [*chunk, since]))
    return recent


def _in_chunks(values: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _unshared(table: str, column: str, key: str, ids: set[int]) -> set[str]:
    """URLs used by the articles ``ids`` (through ``table.column``) and by no other article."""
    urls: dict[str, bool] = {}  # url -> used by an article staying
    for chunk in _in_chunks(sorted(ids)):
        sql = f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{key}" IN ({_marks(len(chunk))})'
        for (url,) in fetch_rows(sql, chunk):
            if url:
                urls[str(url)] = False
    for chunk in _in_chunks(list(urls)):
        marks = _marks(len(chunk))
        sql = f'SELECT "{column}", "{key}" FROM "{table}" WHERE "{column}" IN ({marks})'
        for url, entry_id in fetch_rows(sql, chunk):
            if int(entry_id) not in ids:
                urls[str(url)] = True
    return {url for url, staying in urls.items() if not staying}


def _existing_pages(urls: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _in_chunks(sorted(urls)):
        sql = f'SELECT "url" FROM "page" WHERE "url" IN ({_marks(len(chunk))})'
        found.update(str(url) for (url,) in fetch_rows(sql, chunk))
    return found


def _existing_images(urls: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _in_chunks(sorted(urls)):
        sql = f'SELECT "url" FROM "image" WHERE "url" IN ({_marks(len(chunk))})'
        found.update(str(url) for (url,) in fetch_rows(sql, chunk))
    return found


def _delete_articles(ids: list[int], now: float) -> int:
    """Writer job: delete these articles (never a starred one, checked again here: the reader
    may have starred one since the plan). Returns how many went."""
    marks = _marks(len(ids))
    # Tombstones only for live feeds: an unsubscribed feed sends nothing more.
    database_proxy.execute_sql(
        'INSERT OR IGNORE INTO "entry_gone" ("feed_id", "guid", "gone_at") SELECT "feed_id",'
        f' "guid", ? FROM "entry" WHERE "id" IN ({marks}) AND "listed" AND NOT "starred"'
        ' AND "feed_id" IN (SELECT "id" FROM "feed" WHERE NOT "removed")',
        [now, *ids],
    )
    # Copies of a deleted article in other feeds become the article the smart views show.
    # A copy has the article's URL: the URL index finds them (duplicate_of has none).
    database_proxy.execute_sql(
        'UPDATE "entry" SET "duplicate_of" = NULL WHERE "url" IN (SELECT "url" FROM "entry"'
        f' WHERE "id" IN ({marks}) AND "url" != \'\') AND "duplicate_of" IN'
        f' (SELECT "id" FROM "entry" WHERE "id" IN ({marks}) AND NOT "starred")',
        [*ids, *ids],
    )
    cursor = database_proxy.execute_sql(
        f'DELETE FROM "entry" WHERE "id" IN ({marks}) AND NOT "starred"', ids
    )
    return int(cursor.rowcount)


def remember_gone(feed_id: int, guids: Iterable[str], *, now: float) -> None:
    """Writer job part: remember articles deleted elsewhere (another reader's, imported)
    like those deleted here, so the feed does not bring them back as new."""
    for guid in guids:
        database_proxy.execute_sql(
            'INSERT OR IGNORE INTO "entry_gone" ("feed_id", "guid", "gone_at") VALUES (?, ?, ?)',
            [feed_id, guid, now],
        )


def _delete_pages(urls: list[str]) -> int:
    """Writer job: delete kept pages no article uses any more."""
    cursor = database_proxy.execute_sql(
        f'DELETE FROM "page" WHERE "url" IN ({_marks(len(urls))}) AND NOT EXISTS'
        ' (SELECT 1 FROM "entry" WHERE "entry"."url" = "page"."url")',
        urls,
    )
    return int(cursor.rowcount)


def _release_images(urls: list[str]) -> int:
    """Writer job: images no article links any more are evicted first by the budget."""
    cursor = database_proxy.execute_sql(
        f'UPDATE "image" SET "last_used_at" = 0 WHERE "url" IN ({_marks(len(urls))}) AND NOT'
        ' EXISTS (SELECT 1 FROM "entry_image" WHERE "entry_image"."url" = "image"."url")',
        urls,
    )
    return int(cursor.rowcount)


def _prune_tombstones(now: float) -> None:
    """Writer job: forget guids deleted over a year ago (the feed has long dropped them)."""
    database_proxy.execute_sql('DELETE FROM "entry_gone" WHERE "gone_at" < ?', [now - TOMBSTONE_S])


def _report(
    doomed: dict[int, tuple[int, str]], pages: int, images: int, dry_run: bool, removed: int
) -> CleanupReport:
    rules = [rule for _, rule in doomed.values()]
    feeds: dict[int, int] = {}
    for feed_id, _ in doomed.values():
        feeds[feed_id] = feeds.get(feed_id, 0) + 1
    return CleanupReport(
        articles=removed,
        by_age=rules.count("age"),
        by_count=rules.count("count"),
        unsubscribed=rules.count("unsubscribed"),
        pages=pages,
        images=images,
        dry_run=dry_run,
        feeds=feeds,
    )


def clean_up(
    writer: Writer, settings: Settings, *, now: float, dry_run: bool = False
) -> CleanupReport:
    """Apply the retention rules now (see the module docstring)."""
    doomed = _plan(settings, now)
    ids = set(doomed)
    pages = _existing_pages(_unshared("entry", "url", "id", ids)) if ids else set()
    images = _existing_images(_unshared("entry_image", "url", "entry_id", ids)) if ids else set()
    if dry_run:
        return _report(doomed, len(pages), len(images), True, len(ids))
    removed = sum(writer.call(_delete_articles, chunk, now) for chunk in _in_chunks(sorted(ids)))
    page_count = sum(writer.call(_delete_pages, chunk) for chunk in _in_chunks(sorted(pages)))
    image_count = sum(writer.call(_release_images, chunk) for chunk in _in_chunks(sorted(images)))
    writer.call(_prune_tombstones, now)
    writer.call(set_meta, LAST_RUN_KEY, repr(now))
    if removed:
        log.info("retention: deleted %d articles, %d pages", removed, page_count)
    return _report(doomed, page_count, image_count, False, removed)


def is_due(now: float) -> bool:
    """Has a day passed since the last clean-up? (A clock set back also makes it due.)"""
    last = get_meta(LAST_RUN_KEY)
    if last is None:
        return True
    try:
        elapsed = now - float(last)
    except ValueError:
        return True
    return not 0 <= elapsed < DAY


def clean_up_if_due(writer: Writer, settings: Settings, *, now: float) -> CleanupReport | None:
    """The daily clean-up at the end of a refresh: runs at most once a day."""
    if not is_due(now):
        return None
    return clean_up(writer, settings, now=now)
