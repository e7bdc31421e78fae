"""The library's refresh: which feeds to fetch, the update pipeline's stages in order, and the
work after them (site icons, related articles, story re-checks, indexing, retention, the image
cache budget). The stages themselves are in pipeline.py (feeds) and article_stage.py (pages).

A refresh is bounded (schedule.py): so many article pages per feed and in all, and a time
budget after which no page fetch starts. The articles left over keep awaiting their page
(``pages.await_pages``) for the next refreshes, newest first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from newsreader.core import paths
from newsreader.core.extract.site_rules import RuleSet
from newsreader.core.net.address import checked_url, is_fetchable
from newsreader.core.net.fetch import Fetcher, FetcherProtocol
from newsreader.core.search import index as search_index
from newsreader.core.settings import Settings
from newsreader.core.storage import image_cache as imagecache
from newsreader.core.storage import ingest, pages
from newsreader.core.storage import reads as queries
from newsreader.core.storage import writes as storage
from newsreader.core.storage.image_store import ImageStore
from newsreader.core.storage.records import EntryRecord, FeedRecord
from newsreader.core.storage.writer import Writer
from newsreader.core.types import Entry, Progress, UpdateResult
from newsreader.core.update import preferences, schedule
from newsreader.core.update import site_icons as favicons
from newsreader.core.update.article_stage import ArticleStage, PendingArticle
from newsreader.core.update.pipeline import FeedState, Updater


class Refresher:
    """The library's network side: the fetcher, the settings it runs by, and its refreshes.

    One refresh runs at a time: the scheduler and a refresh asked for by hand may overlap.
    ``lock`` is held for a refresh; the library's other long writers (retention,
    re-extraction) hold it too, as they would race a refresh storing the same articles.

    Attributes:
        fetcher: the HTTP client; replaced by ``use_settings`` when the network settings
            change, unless it was given (tests inject a fake).
        settings: the settings in use.
        related_per_refresh: how many related articles a refresh fetches at most.
        recheck_per_refresh: how many recent articles a refresh re-checks for story updates.
        pages_per_feed, pages_per_refresh, time_budget_s: the bounds of a refresh
            (``schedule.PAGES_PER_FEED`` and the others).
        parse_in_processes: big refreshes parse in worker processes (parse_pool.py); False
            keeps them in this one.
    """

    def __init__(
        self,
        *,
        writer: Writer,
        images: ImageStore,
        rules: RuleSet,
        data_dir: Path,
        clock: Callable[[], float],
        settings: Settings,
        fetcher: FetcherProtocol | None = None,
    ) -> None:
        self.writer = writer
        self.images = images
        self.rules = rules
        self.data_dir = data_dir
        self.clock = clock
        self.settings = settings
        self._own_fetcher = fetcher is None
        self.fetcher: FetcherProtocol = fetcher or preferences.make_fetcher(settings)
        self.lock = threading.Lock()
        self.related_per_refresh = 30
        self.recheck_per_refresh = 200
        self.pages_per_feed = schedule.PAGES_PER_FEED
        self.pages_per_refresh = schedule.PAGES_PER_REFRESH
        self.time_budget_s = schedule.REFRESH_BUDGET_S
        self.parse_in_processes = True

    def close(self) -> None:
        """Close the fetcher, if it is ours."""
        if self._own_fetcher and isinstance(self.fetcher, Fetcher):
            self.fetcher.close()

    def use_settings(self, settings: Settings) -> None:
        """Run by new (saved) settings from now on: a new proxy waits for a running refresh, a
        shorter interval re-plans, a smaller image budget evicts."""
        old, self.settings = self.settings, settings
        if self._own_fetcher and preferences.network_changed(old, settings):
            with self.lock:
                previous, self.fetcher = self.fetcher, preferences.make_fetcher(settings)
            if isinstance(previous, Fetcher):
                previous.close()
        old_minutes, new_minutes = old.refresh_interval_minutes, settings.refresh_interval_minutes
        self.writer.call(preferences.replan, old_minutes, new_minutes)
        if settings.image_cache_mb < old.image_cache_mb:
            self.enforce_image_budget()

    def updater(self) -> Updater:
        """A pipeline over the current fetcher and settings."""
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
        with self.lock:
            started = self.clock()
            updater = self.updater()
            updater.full_articles = full_articles
            states = self._feed_states(feed_ids, only_due)
            outcomes = self._update_feeds(updater, states, progress, cancel)
            stage = ArticleStage(updater, deadline=started + self.time_budget_s)
            # Site icons on their own threads, beside the articles.
            icons = favicons.IconFetch(self.fetcher, self.writer, self.data_dir,
                                       clock=self.clock, cancel=cancel)  # fmt: skip
            icons.start([r.feed_id for r, _, _ in outcomes if not r.error])
            try:
                stored = self._fetch_pages(stage, outcomes, full_articles, progress, cancel)
                stories = self._follow_up(stage, states, stored, progress, cancel,
                                          full_articles)  # fmt: skip
            finally:
                icons.wait()
            self.writer.call(search_index.index_pending)  # the new articles, in one batch
            self._clean_up_if_due()  # retention, at most once a day
            self.enforce_image_budget()
            counts: dict[int, int] = {}
            for item in stored:
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
        stage: ArticleStage,
        states: list[FeedState],
        pending: list[PendingArticle],
        progress: Callable[[Progress], None] | None,
        cancel: threading.Event | None,
        full_articles: bool,
    ) -> dict[int, int]:
        """After the new articles: their related articles, so "Baca Juga" opens offline, then
        re-checks of recent articles for story updates. Returns {feed id: articles updated}."""
        if not full_articles:
            return {}
        from newsreader.core.update import recheck
        from newsreader.core.update import related_prefetch as prefetch

        ids = [item.entry_id for item in pending]
        limit = self.related_per_refresh
        prefetch.prefetch_related(stage, ids, limit=limit, progress=progress, cancel=cancel)
        feed_ids = [state.id for state in states]
        limit = self.recheck_per_refresh
        return recheck.recheck(stage, feed_ids, limit=limit, progress=progress, cancel=cancel)

    def _fetch_pages(
        self,
        stage: ArticleStage,
        outcomes: list[tuple[UpdateResult, list[int], bool]],
        full_articles: bool,
        progress: Callable[[Progress], None] | None,
        cancel: threading.Event | None,
    ) -> list[PendingArticle]:
        """Stage 2, within the refresh's bounds: of each feed's articles awaiting their page its
        newest ``pages_per_feed``, at most ``pages_per_refresh`` in all
        (``schedule.pages_to_fetch``). All are noted as awaiting first, so that a refresh
        stopped midway (cancelled, out of time, the program closed) loses none; what is left
        after is noted again. Returns the articles stored."""
        pending = self._pending(outcomes, full_articles)
        if not pending:
            return []
        self.writer.call(_note_awaited, pending, self.clock())
        chosen = schedule.pages_to_fetch(list(pending.values()), feed_cap=self.pages_per_feed,
                                         total_cap=self.pages_per_refresh)  # fmt: skip
        stored = stage.update_articles(chosen, progress, cancel)
        done = {item.entry_id for item in stored}
        left = {feed_id: [item for item in items if item.entry_id not in done]
                for feed_id, items in pending.items()}  # fmt: skip
        self.writer.call(_note_awaited, left, self.clock())
        return stored

    def _pending(
        self, outcomes: list[tuple[UpdateResult, list[int], bool]], full_articles: bool
    ) -> dict[int, list[PendingArticle]]:
        """{feed id: its articles whose pages are to be fetched, newest first}: the new ones and
        those awaiting from before (the others were stored as the feed carried them, when
        their feed was written). One without an address that can be fetched keeps what its
        feed carried at once."""
        pending: dict[int, list[PendingArticle]] = {}
        unusable: list[int] = []
        for result, new_ids, wants_full in outcomes:
            if not new_ids or not (wants_full and full_articles):
                continue
            query = (
                EntryRecord.select(
                    EntryRecord.id, EntryRecord.url, EntryRecord.summary_html, FeedRecord.title
                )
                .join(FeedRecord)
                .where(EntryRecord.id.in_(new_ids))
                .order_by(EntryRecord.sort_ts.desc(), EntryRecord.id.desc())
                .tuples()
            )
            # peewee's annotations call the rows of .tuples() model instances.
            rows = cast("Iterable[tuple[Any, ...]]", query)
            items = [PendingArticle(i, u, s, t, result.feed_id) for i, u, s, t in rows]
            unusable += [item.entry_id for item in items if not is_fetchable(item.url)]
            pending[result.feed_id] = [item for item in items if is_fetchable(item.url)]
        if unusable:
            self.writer.call(ingest.keep_as_carried, unusable, self.clock())
        return pending

    def open_related(self, source: Entry, url: str) -> Entry:
        """The article behind one of ``source``'s related links: from the cache, else fetched
        and cached. Network."""
        known = queries.find_entry_by_url(url, source.feed_id)
        if known is not None and self._entry(known).extraction:
            return self._entry(known)
        title = next((r.title for r in source.related if r.url == url), "")
        url = checked_url(url)  # InvalidURLError: nothing stored, nothing asked
        new_id = self.writer.call(
            lambda: storage.insert_related_entry(source.feed_id, url, title, now=self.clock())
        )
        item = PendingArticle(new_id, url, "", source.feed_title, source.feed_id)
        ArticleStage(self.updater()).fetch_article(item)
        return self._entry(new_id)

    def _entry(self, entry_id: int) -> Entry:
        return queries.get_entry(entry_id, self.images.root)

    def _clean_up_if_due(self) -> None:
        from newsreader.core.storage import retention

        retention.clean_up_if_due(self.writer, self.settings, now=self.clock())

    def enforce_image_budget(self) -> None:
        """Keep the image cache within ``Settings.image_cache_mb``."""
        budget = self.settings.image_cache_mb * 1024 * 1024
        self.writer.call(imagecache.enforce_budget, self.images, budget)


def _note_awaited(pending: dict[int, list[PendingArticle]], now: float) -> None:
    """Writer job: note each feed's articles still awaiting their page, newest first
    (``pages.await_pages``; none: the feed has none). Beyond ``schedule.AWAITED_PER_FEED``,
    the oldest keep what their feed carried."""
    for feed_id, items in pending.items():
        ids = [item.entry_id for item in items]
        pages.await_pages(feed_id, ids[: schedule.AWAITED_PER_FEED])
        if len(ids) > schedule.AWAITED_PER_FEED:
            ingest.keep_as_carried(ids[schedule.AWAITED_PER_FEED :], now)
