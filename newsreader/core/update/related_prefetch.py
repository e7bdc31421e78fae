"""Related links offline: after a refresh, fetch the "Baca Juga" articles of
the new items too, so they open without the network.

Only links to the source's own site, depth 1 (the related articles' own related links are not
followed), at most ``LIMIT`` per refresh, skipping articles already cached. Each is stored the
way ``Library.open_related`` stores one: an unlisted entry of the source's feed
(``storage.insert_related_entry``), fetched by ``ArticleStage.fetch_article``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsreader.core.net.address import is_fetchable
from newsreader.core.storage import reads as queries
from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import EntryRecord, FeedRecord, PageRecord
from newsreader.core.storage.rows import related_from_json, tuples
from newsreader.core.types import Progress
from newsreader.core.update.article_stage import ArticleStage, PendingArticle

log = logging.getLogger(__name__)

LIMIT = 30
_BATCH = 500


@dataclass(frozen=True)
class RelatedPick:
    feed_id: int
    feed_title: str
    url: str
    title: str


def site_of(url: str) -> str:
    """The host of a URL without "www." / "m.", for "same site" checks."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").lower().strip(".")
    except ValueError:
        return ""
    for prefix in ("www.", "m."):
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


def pick_related(entry_ids: Sequence[int], limit: int = LIMIT) -> list[RelatedPick]:
    """Related links of the given entries worth fetching, fairest first: every source's first
    link, then every source's second, ... (the first items of a "Baca Juga" block are the
    closest to the story)."""
    if limit <= 0 or not entry_ids:
        return []
    per_source: list[list[RelatedPick]] = []
    for start in range(0, len(entry_ids), _BATCH):
        chunk = list(entry_ids[start : start + _BATCH])
        rows = (
            EntryRecord.select(
                EntryRecord.feed, FeedRecord.title, EntryRecord.url, EntryRecord.related_json
            )
            .join(FeedRecord)
            .where(EntryRecord.id.in_(chunk))
            .tuples()
        )
        for feed_id, feed_title, url, related_json in tuples(rows):
            site = site_of(url)
            links = [
                RelatedPick(feed_id, feed_title, link.url, link.title)
                for link in related_from_json(related_json)
                if is_fetchable(link.url) and site_of(link.url) == site
            ]
            if links:
                per_source.append(links)
    ordered: dict[str, RelatedPick] = {}
    depth = max((len(links) for links in per_source), default=0)
    for rank in range(depth):
        for links in per_source:
            if rank < len(links):
                ordered.setdefault(links[rank].url, links[rank])
    cached = _cached(list(ordered))
    return [pick for url, pick in ordered.items() if url not in cached][:limit]


def _cached(urls: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(urls), _BATCH):
        found |= queries.cached_urls(urls[start : start + _BATCH])
    return found


def prefetch_related(
    stage: ArticleStage,
    entry_ids: Sequence[int],
    *,
    limit: int = LIMIT,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Fetch and cache the related articles of ``entry_ids``. Returns how many were cached."""
    picks = pick_related(entry_ids, limit)
    if not picks or (cancel is not None and cancel.is_set()):
        return 0

    def insert() -> list[int]:
        now = stage.clock()
        return [storage.insert_related_entry(p.feed_id, p.url, p.title, now=now) for p in picks]

    ids = stage.writer.call(insert)
    pending = [
        PendingArticle(entry_id, p.url, "", p.feed_title, p.feed_id)
        for entry_id, p in zip(ids, picks, strict=True)
    ]
    stage.update_articles(pending, progress, cancel)
    dropped = stage.writer.call(drop_unfetched, ids)
    if dropped:
        log.info("%d related article(s) could not be fetched; left for later", dropped)
    return len(ids) - dropped


def drop_unfetched(entry_ids: Sequence[int]) -> int:
    """Writer job: forget prefetched entries whose page could not be fetched (or that a cancel
    skipped), so the link is not shown as saved and opening it tries the network again."""
    fetched = PageRecord.select(PageRecord.url)
    return int(
        EntryRecord.delete()
        .where(
            EntryRecord.id.in_(list(entry_ids))
            & (EntryRecord.listed == False)  # noqa: E712
            & ~EntryRecord.starred
            & EntryRecord.url.not_in(fetched)
        )
        .execute()
    )
