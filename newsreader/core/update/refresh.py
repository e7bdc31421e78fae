"""The library's refresh: which feeds to fetch, the update pipeline's stages in order, and the
work after them (site icons, related articles, story re-checks, indexing, retention, the image
cache budget). Part of the ``Library`` facade; the pipeline itself is in update.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from newsreader.core import paths
from newsreader.core.library_base import LibraryBase
from newsreader.core.search import index as search_index
from newsreader.core.storage import image_cache as imagecache
from newsreader.core.storage import reads as queries
from newsreader.core.storage.records import EntryRecord, FeedRecord
from newsreader.core.types import Progress, UpdateResult
from newsreader.core.update import site_icons as favicons
from newsreader.core.update.pipeline import FeedState, PendingArticle, Updater


class RefreshMixin(LibraryBase):
    """Refreshing feeds and their articles (follow-up work: issue 3 points 7, 8)."""

    # -- updating ----------------------------------------------------------------
    def _updater(self) -> Updater:
        return Updater(
            fetcher=self.fetcher,
            writer=self.writer,
            rules=self.rules,
            images=self.images,
            clock=self.clock,
            default_interval=self.settings.refresh_interval_minutes,
            workers=self.settings.max_connections,
            per_host=self.settings.max_per_host,
        )

    def _feed_states(self, feed_ids: Sequence[int] | None, only_due: bool) -> list[FeedState]:
        cond = ~FeedRecord.removed
        if feed_ids is not None:  # asked for by name: paused ones too (a retry by hand)
            cond &= FeedRecord.id.in_(list(feed_ids))
        else:
            cond &= ~FeedRecord.paused
        if only_due:
            cond &= FeedRecord.next_fetch_at <= self.clock()
        return [
            FeedState(
                r.id,
                r.url,
                r.kind,
                r.title,
                r.etag,
                r.last_modified,
                r.interval_minutes,
                r.ttl_minutes,
                r.error_count,
                r.full_article,
                r.body_hash,
            )
            for r in FeedRecord.select().where(cond).order_by(FeedRecord.id)
        ]

    def refresh(
        self,
        feed_ids: Sequence[int] | None = None,
        *,
        only_due: bool = False,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
        full_articles: bool = True,
    ) -> list[UpdateResult]:
        """Fetch feeds (all, those given, or only those due), then their new articles. Network."""
        with self._refresh_lock:  # one refresh at a time: the scheduler and F5 may overlap
            updater = self._updater()
            updater.full_articles = full_articles
            states = self._feed_states(feed_ids, only_due)
            outcomes = self._update_feeds(updater, states, progress, cancel)
            # Site icons on their own threads, beside the articles.
            icons = favicons.IconFetch(self.fetcher, self.writer, self.data_dir,
                                       clock=self.clock, cancel=cancel)  # fmt: skip
            icons.start([r.feed_id for r, _, _ in outcomes if not r.error])
            try:
                pending = self._pending(outcomes, full_articles)
                updater.update_articles(pending, progress, cancel)
                stories = self._follow_up(updater, states, pending, progress, cancel,
                                          full_articles)  # fmt: skip
            finally:
                icons.wait()
            self.writer.call(search_index.index_pending)  # the new articles, in one batch
            self._clean_up_if_due()  # retention, at most once a day
            self._enforce_image_budget()
            counts: dict[int, int] = {}
            for item in pending:
                counts[item.feed_id] = counts.get(item.feed_id, 0) + 1
            return [
                UpdateResult(
                    r.feed_id,
                    r.url,
                    r.new,
                    r.updated + stories.get(r.feed_id, 0),
                    counts.get(r.feed_id, 0),
                    r.not_modified,
                    r.error,
                )
                for r, _, _ in outcomes
            ]

    def _update_feeds(
        self,
        updater: Updater,
        states: list[FeedState],
        progress: Callable[[Progress], None] | None,
        cancel: threading.Event | None,
    ) -> list[tuple[UpdateResult, list[int], bool]]:
        """Stage 1; a refresh of many feeds parses them in worker processes (parsepool)."""
        from newsreader.core.update import parse_pool as parsepool

        usable = self.parse_in_processes and parsepool.available()
        if len(states) < parsepool.MIN_FEEDS or not usable:
            return updater.update_feeds(states, progress, cancel)
        pool = parsepool.ParsePool(paths.database_path(self.data_dir))
        updater.parse_pool = pool
        try:
            return updater.update_feeds(states, progress, cancel)
        finally:
            updater.parse_pool = None
            pool.close()

    def _follow_up(
        self,
        updater: Updater,
        states: list[FeedState],
        pending: list[PendingArticle],
        progress: Callable[[Progress], None] | None,
        cancel: threading.Event | None,
        full_articles: bool,
    ) -> dict[int, int]:
        """After the new articles: their related articles, so "Baca Juga" opens offline
       , then re-checks of recent articles for story updates.
        Returns {feed id: articles updated}."""
        if not full_articles:
            return {}
        from newsreader.core.update import recheck
        from newsreader.core.update import related_prefetch as prefetch

        ids = [item.entry_id for item in pending]
        limit = self.related_per_refresh
        prefetch.prefetch_related(updater, ids, limit=limit, progress=progress, cancel=cancel)
        feed_ids = [state.id for state in states]
        limit = self.recheck_per_refresh
        return recheck.recheck(updater, feed_ids, limit=limit, progress=progress, cancel=cancel)

    def _pending(
        self, outcomes: list[tuple[UpdateResult, list[int], bool]], full_articles: bool
    ) -> list[PendingArticle]:
        """New articles whose pages are to be fetched (the others were stored as the feed
        carried them, when their feed was written)."""
        pending: list[PendingArticle] = []
        for result, new_ids, wants_full in outcomes:
            if not new_ids or not (wants_full and full_articles):
                continue
            query = (
                EntryRecord.select(
                    EntryRecord.id, EntryRecord.url, EntryRecord.summary_html, FeedRecord.title
                )
                .join(FeedRecord)
                .where(EntryRecord.id.in_(new_ids))
                .tuples()
            )
            # peewee's annotations call the rows of .tuples() model instances.
            rows = cast("Iterable[tuple[Any, ...]]", query)
            pending.extend(PendingArticle(i, u, s, t, result.feed_id) for i, u, s, t in rows)
        return pending

    def next_due(self) -> datetime | None:
        return queries.next_due()

    def _enforce_image_budget(self) -> None:
        """Keep the image cache within ``Settings.image_cache_mb``."""
        budget = self.settings.image_cache_mb * 1024 * 1024
        self.writer.call(imagecache.enforce_budget, self.images, budget)
