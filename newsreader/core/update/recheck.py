"""Story updates on refresh: recent articles are fetched again, conditionally.

News stories change after they are published (casualty figures, a corrected name). On each
refresh, articles younger than ``MAX_AGE_S`` whose page was fetched are re-checked with the
page's ETag / Last-Modified, oldest check first, at most ``LIMIT`` per refresh and no page
more often than every ``MIN_INTERVAL_S``. A changed text is stored as an update: the earlier
text is kept (``versions``), read and star marks stay.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from peewee import fn

from newsreader.core.errors import FeedError
from newsreader.core.storage import pages, versions
from newsreader.core.storage.records import EntryRecord, FeedRecord, PageRecord
from newsreader.core.storage.rows import tuples
from newsreader.core.types import Progress
from newsreader.core.update.article_stage import ArticleStage

log = logging.getLogger(__name__)

MAX_AGE_S = 2 * 24 * 3600
LIMIT = 200
# Conditional GETs are cheap but not free: a feed refreshed every few minutes must not turn
# into a poll of every article page at the same rate.
MIN_INTERVAL_S = 30 * 60


@dataclass(frozen=True)
class Candidate:
    """A kept page to re-check, with what its entry holds now."""

    entry_id: int
    feed_id: int
    url: str
    summary_html: str
    feed_title: str
    text: str
    extraction: str
    etag: str | None
    last_modified: str | None


def candidates(
    feed_ids: Sequence[int],
    *,
    now: float,
    limit: int = LIMIT,
    max_age_s: float = MAX_AGE_S,
    min_interval_s: float = MIN_INTERVAL_S,
) -> list[Candidate]:
    """Pages due for a re-check among the listed articles of ``feed_ids``, longest unchecked
    first. Only feeds that may fetch full articles, only articles read from their page."""
    if not feed_ids or limit <= 0:
        return []
    checked = fn.COALESCE(PageRecord.checked_at, PageRecord.fetched_at)
    query = (
        EntryRecord.select(
            EntryRecord.id,
            EntryRecord.feed,
            EntryRecord.url,
            EntryRecord.summary_html,
            FeedRecord.title,
            EntryRecord.text,
            EntryRecord.extraction,
            PageRecord.etag,
            PageRecord.last_modified,
        )
        .join(FeedRecord)
        .switch(EntryRecord)
        .join(PageRecord, on=PageRecord.url == EntryRecord.url)
        .where(
            EntryRecord.feed.in_(list(feed_ids))
            & (FeedRecord.removed == False)  # noqa: E712
            & (FeedRecord.full_article.is_null(True) | (FeedRecord.full_article == True))  # noqa: E712
            & (EntryRecord.listed == True)  # noqa: E712
            & EntryRecord.duplicate_of.is_null(True)
            & (EntryRecord.sort_ts >= now - max_age_s)
            & ((EntryRecord.extraction == "generic") | EntryRecord.extraction.startswith("site:"))
            & (checked <= now - min_interval_s)
        )
        .order_by(checked, EntryRecord.id)
        .limit(limit)
        .tuples()
    )
    found: dict[str, Candidate] = {}
    for row in tuples(query):
        cand = Candidate(*row)
        found.setdefault(cand.url, cand)
    return list(found.values())


def recheck(
    stage: ArticleStage,
    feed_ids: Sequence[int],
    *,
    limit: int = LIMIT,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> dict[int, int]:
    """Re-check the due pages of ``feed_ids``. Returns {feed id: articles updated}."""
    due = candidates(feed_ids, now=stage.clock(), limit=limit)
    counts: dict[int, int] = {}
    if not due:
        return counts
    with ThreadPoolExecutor(stage.workers, thread_name_prefix="newsreader-recheck") as pool:
        futures = [pool.submit(_recheck_one, stage, cand, cancel) for cand in due]
        for done, (cand, future) in enumerate(zip(due, futures, strict=True), 1):
            updated = future.result()
            if updated:
                counts[cand.feed_id] = counts.get(cand.feed_id, 0) + updated
            if progress is not None:
                progress(Progress(done, len(due), "articles", cand.url))
    return counts


def _recheck_one(stage: ArticleStage, cand: Candidate, cancel: threading.Event | None) -> int:
    """Fetch one page again; store an update when its text changed. Returns entries updated."""
    from newsreader.core.extract.article import extract_article

    if cancel is not None and cancel.is_set():
        return 0
    try:
        result = stage.get_page(cand.url, cand.etag, cand.last_modified)
    except FeedError as exc:
        # Checked all the same: a page that vanished must not be retried first every refresh.
        log.info("story re-check of %s failed: %s", cand.url, exc.message)
        stage.writer.call(mark_checked, cand.url, stage.clock())
        return 0
    if result is None:
        return 0  # the refresh's time is up: not checked, so first in line next time
    now = stage.clock()
    if result.not_modified:
        stage.writer.call(mark_checked, cand.url, now)
        return 0
    article = extract_article(
        result.content,
        cand.url,
        rules=stage.rules,
        fetched_at=datetime.fromtimestamp(now, UTC),
        content_type=result.content_type,
        summary_html=cand.summary_html,
        feed_title=cand.feed_title,
    )
    changed = versions.is_story_update(cand.text, cand.extraction, article)

    def save() -> int:
        pages.store_page(result, now)
        mark_checked(cand.url, now)
        if not changed:
            return 0
        ids = [cand.entry_id, *_copies(cand.url, cand.extraction, cand.entry_id)]
        return versions.store_update(ids, article, now=now)

    updated = stage.writer.call(save)
    if updated:
        log.info("story updated: %s", cand.url)
        stage.fetch_images(article.images)
    return updated


def mark_checked(url: str, now: float) -> None:
    PageRecord.update(checked_at=now).where(PageRecord.url == url).execute()


def _copies(url: str, extraction: str, entry_id: int) -> list[int]:
    """The same article in other feeds, read the same way: they share the page."""
    query = EntryRecord.select(EntryRecord.id).where(
        (EntryRecord.url == url)
        & (EntryRecord.extraction == extraction)
        & (EntryRecord.id != entry_id)
    )
    return [int(i) for (i,) in tuples(query.tuples())]
