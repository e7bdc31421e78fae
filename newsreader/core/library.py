"""The facade the UI and the CLI use: every operation on the reader's library.

All methods are blocking and thread-safe. Writes go through the single ``Writer``; reads use
the calling thread's own connection. The GUI calls network/long methods from worker tasks;
the reads marked "fast" are indexed and paged, fit for the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from newsreader.core import paths
from newsreader.core.errors import (
    EntryNotFoundError,
    FeedExistsError,
    FeedNotFoundError,
    InvalidURLError,
)
from newsreader.core.extract.site_rules import RuleSet, load_rules
from newsreader.core.library_archive import ArchiveMixin, ExportFormat  # noqa: F401 - re-exported
from newsreader.core.library_search import SearchMixin
from newsreader.core.net.fetch import Fetcher, FetcherProtocol
from newsreader.core.settings import Settings, load_settings
from newsreader.core.storage import (
    folders,
)
from newsreader.core.storage import (
    image_cache as imagecache,
)
from newsreader.core.storage import (
    reads as queries,
)
from newsreader.core.storage import (
    writes as storage,
)
from newsreader.core.storage.image_store import ImageStore
from newsreader.core.storage.listing import Cursors, Sort
from newsreader.core.storage.migrations import migrate
from newsreader.core.storage.records import (
    EntryRecord,
    FeedRecord,
    as_storage_error,
    bind,
    make_database,
)
from newsreader.core.storage.rule_health import SiteHealth
from newsreader.core.storage.writer import Writer
from newsreader.core.types import ArticleVersion, Entry, EntrySummary, Feed, Progress, View
from newsreader.core.update import preferences
from newsreader.core.update.pipeline import FeedState, PendingArticle
from newsreader.core.update.reextract import ReextractResult
from newsreader.core.update.refresh import RefreshMixin

log = logging.getLogger(__name__)


# The built-in subscriptions of a first launch: the Elshinta site, its latest news and main
# sections. The site showed no feed (ELSHINTA.md): the home page is probed for one on its first
# fetch ("auto"), the sections are read as index pages.
DEFAULT_SUBSCRIPTIONS: tuple[tuple[str, str, str], ...] = (
    ("https://elshinta.com/", "Elshinta", ""),
    ("https://elshinta.com/indeks", "Elshinta – Berita Terkini", "Elshinta"),
    ("https://elshinta.com/kategori/3/nasional", "Elshinta – Nasional", "Elshinta"),
    ("https://elshinta.com/kategori/2/ibu-kota", "Elshinta – Ibu Kota", "Elshinta"),
    ("https://elshinta.com/kategori/1/daerah", "Elshinta – Daerah", "Elshinta"),
    ("https://elshinta.com/kategori/5/internasional", "Elshinta – Internasional", "Elshinta"),
    ("https://elshinta.com/kategori/6/ekonomi-bisnis", "Elshinta – Ekonomi Bisnis", "Elshinta"),
    ("https://elshinta.com/kategori/15/olahraga", "Elshinta – Olahraga", "Elshinta"),
)
_DEFAULTS_KEY = "defaults_added"


class Unset:
    """Marks an argument left out, where None is a meaningful value ("use the default")."""


UNSET = Unset()


def check_url(url: str) -> str:
    """Normalise a URL the user typed; raise InvalidURLError unless it is http(s)."""
    url = url.strip()
    scheme, colon, rest = url.partition(":")
    has_scheme = bool(colon) and scheme.isalpha() and not rest[:1].isdigit()
    if url and not has_scheme:  # "elshinta.com" or "localhost:8080/rss"
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidURLError(url, "not a web address (http:// or https://)")
    return url


def check_keep(name: str, value: int | None) -> int | None:
    """A feed's retention value, as the global setting of that name allows; ValueError else."""
    from newsreader.core.settings import RANGES

    low, high = RANGES[name]
    if value is not None and (isinstance(value, bool) or not low <= value <= high):
        raise ValueError(f"{name} must be between {low:.0f} and {high:.0f}, not {value!r}")
    return value


class Library(ArchiveMixin, SearchMixin, RefreshMixin):
    """One reader's library in ``data_dir``. Collaborators are injectable for tests."""

    def __init__(
        self,
        data_dir: Path,
        *,
        fetcher: FetcherProtocol | None = None,
        clock: Callable[[], float] = time.time,
        settings: Settings | None = None,
        rules: RuleSet | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.settings = settings or load_settings(paths.settings_path(data_dir))
        self.clock = clock
        self._own_fetcher = fetcher is None
        self.fetcher: FetcherProtocol = fetcher or preferences.make_fetcher(self.settings)
        self.rules = rules or load_rules(paths.user_sites_dir(data_dir))
        self.images = ImageStore(paths.images_dir(data_dir))
        db_path = paths.database_path(data_dir)
        self._db = make_database(db_path)
        bind(self._db)
        try:
            with self._db.connection_context():
                migrate(self._db, db_path)
        except Exception as exc:  # a full disk or a locked file is the reader's to fix, no bug
            error = as_storage_error(exc, f"open the library {db_path}")
            if error is None:
                raise
            raise error from error.__cause__
        self.writer = Writer(self._db)
        self._refresh_lock = threading.Lock()
        self._cursors = Cursors()  # the article list pages by key
        # Per-refresh bounds of the follow-up work.
        self.related_per_refresh = 30
        self.recheck_per_refresh = 200
        # Big refreshes parse in worker processes (update/parse_pool.py); False keeps them here.
        self.parse_in_processes = True

    def close(self) -> None:
        self.writer.close()
        if self._own_fetcher and isinstance(self.fetcher, Fetcher):
            self.fetcher.close()
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- subscriptions -----------------------------------------------------------
    def add_feed(self, url: str, *, folder: str = "", full_article: bool | None = None) -> Feed:
        """Subscribe to a feed URL or a site URL (autodiscovery, else its index page). Network.

        The first fetch decides what the URL is; nothing is stored unless it yields articles.
        Raises InvalidURLError, FeedExistsError, FetchError, ParseError.
        """
        url = check_url(url)
        if FeedRecord.select().where((FeedRecord.url == url) & ~FeedRecord.removed).exists():
            raise FeedExistsError(url, "already subscribed")
        probe = FeedState(
            url=url,
            id=0,
            kind="auto",
            title="",
            etag=None,
            last_modified=None,
            interval_minutes=None,
            ttl_minutes=None,
            error_count=0,
            full_article=full_article,
        )
        updater = self._updater()
        result = self.fetcher.get(url)
        parsed, final_url = updater.parse_stream(
            probe, result.content, result.final_url, result.content_type
        )
        if (
            final_url != url
            and FeedRecord.select()
            .where((FeedRecord.url == final_url) & ~FeedRecord.removed)
            .exists()
        ):
            raise FeedExistsError(final_url, "already subscribed")
        now = self.clock()
        feed_id = self.writer.call(
            lambda: storage.insert_feed(
                final_url,
                now=now,
                kind=parsed.kind,
                title=parsed.title,
                site_url=parsed.site_url,
                folder=folder,
                full_article=full_article,
            )
        )
        return queries.get_feed(feed_id)

    def add_feed_unchecked(
        self,
        url: str,
        *,
        title: str = "",
        folder: str = "",
        kind: str = "auto",
        full_article: bool | None = None,
        builtin: bool = False,
    ) -> int:
        """Store a subscription without fetching it (defaults, OPML import, offline adds)."""
        url = check_url(url)
        now = self.clock()
        return self.writer.call(
            lambda: storage.insert_feed(
                url,
                now=now,
                kind=kind,
                title=title,
                folder=folder,
                full_article=full_article,
                builtin=builtin,
            )
        )

    def feeds(self) -> list[Feed]:
        return queries.list_feeds()

    def feed(self, feed_id: int) -> Feed:
        return queries.get_feed(feed_id)

    def folders(self) -> list[str]:
        """Every folder, empty ones too, sorted without regard to case. Fast."""
        return folders.list_folders()

    def create_folder(self, name: str) -> str:
        """Add an empty folder; returns its name as stored. ValueError if it exists."""
        return self.writer.call(folders.create_folder, name)

    def rename_folder(self, old: str, new: str) -> int:
        """Rename a folder (merging into an existing ``new``); returns the feeds moved."""
        return self.writer.call(folders.rename_folder, old, new)

    def delete_folder(self, name: str) -> int:
        """Remove a folder; its feeds move to the top level. Returns how many moved."""
        return self.writer.call(folders.delete_folder, name)

    def move_feeds(self, feed_ids: Sequence[int], folder: str) -> int:
        """Put feeds into a folder ("" for the top level); the folder left stays, empty."""
        return self.writer.call(folders.move_feeds, list(feed_ids), folder)

    def apply_settings(self, settings: Settings) -> None:
        """Save new settings and use them now: a new proxy waits for a
        running refresh, a shorter interval re-plans, a smaller image budget evicts. May
        wait: call from a task. ValueError if a value is invalid."""
        old = self.settings
        preferences.check_and_save(settings, paths.settings_path(self.data_dir))
        self.settings = settings
        if self._own_fetcher and preferences.network_changed(old, settings):
            with self._refresh_lock:
                previous, self.fetcher = self.fetcher, preferences.make_fetcher(settings)
            if isinstance(previous, Fetcher):
                previous.close()
        old_minutes, new_minutes = old.refresh_interval_minutes, settings.refresh_interval_minutes
        self.writer.call(preferences.replan, old_minutes, new_minutes)
        if settings.image_cache_mb < old.image_cache_mb:
            self._enforce_image_budget()

    def set_feed_options(
        self,
        feed_id: int,
        *,
        title: str | None = None,
        folder: str | None = None,
        interval_minutes: int | Unset | None = UNSET,
        full_article: bool | Unset | None = UNSET,
        paused: bool | None = None,
        keep_days: int | Unset | None = UNSET,
        keep_per_feed: int | Unset | None = UNSET,
    ) -> Feed:
        """Change a subscription's settings. ``interval_minutes``/``full_article`` None means
        "the default"; arguments left out stay as they are. ``keep_days``/``keep_per_feed``:
        this feed's retention, None for the global setting, 0 for no limit."""
        queries.get_feed(feed_id)
        changes: dict[str, object] = {}
        if title is not None:
            changes["title"] = title.strip()
        if folder is not None:
            changes["folder"] = folder.strip()
        if not isinstance(interval_minutes, Unset):
            if interval_minutes is not None and not 1 <= interval_minutes <= 7 * 24 * 60:
                raise ValueError("the update interval must be between 1 minute and 7 days")
            changes["interval_minutes"] = interval_minutes
            changes["next_fetch_at"] = 0.0  # re-plan from the next check
        if not isinstance(full_article, Unset):
            changes["full_article"] = full_article
        if paused is not None:
            changes.update(paused=paused, next_fetch_at=0.0, error_count=0)
        for name, keep in (("keep_days", keep_days), ("keep_per_feed", keep_per_feed)):
            if not isinstance(keep, Unset):
                changes[name] = check_keep(name, keep)
        if changes:
            self.writer.call(storage.update_feed, feed_id, changes)
        return queries.get_feed(feed_id)

    def remove_feed(self, feed_id: int, *, keep_starred: bool = True) -> None:
        queries.get_feed(feed_id)
        self.writer.call(lambda: storage.remove_feed(feed_id, keep_starred=keep_starred))

    def starred_count(self, feed_id: int) -> int:
        return int(
            EntryRecord.select().where((EntryRecord.feed == feed_id) & EntryRecord.starred).count()
        )

    def ensure_default_subscriptions(self) -> bool:
        """Add the built-in Elshinta streams on first launch only. True if added."""

        def add() -> bool:
            if storage.get_meta(_DEFAULTS_KEY):
                return False
            for url, title, folder in DEFAULT_SUBSCRIPTIONS:
                if not FeedRecord.select().where(FeedRecord.url == url).exists():
                    storage.insert_feed(
                        url,
                        now=self.clock(),
                        kind="auto" if urlsplit(url).path == "/" else "index",
                        title=title,
                        folder=folder,
                        builtin=True,
                    )
            storage.set_meta(_DEFAULTS_KEY, "1")
            return True

        return self.writer.call(add)

    # -- reading -----------------------------------------------------------------
    def _today_start(self) -> float:
        local = datetime.fromtimestamp(self.clock()).astimezone()
        return local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()

    def entries(
        self,
        *,
        feed_id: int | None = None,
        folder: str | None = None,
        view: View = "all",
        limit: int | None = None,
        offset: int = 0,
        sort: Sort = "date",
        descending: bool = True,
        unread_only: bool = False,
        starred_only: bool = False,
    ) -> list[EntrySummary]:
        """A page of the article list, fast at any ``offset`` when pages are read in turn
        (``listing``). ``sort`` "feed": feeds by title, each newest first."""
        query = queries.ListQuery(self._today_start(), feed_id, folder, view, sort,
                                  descending, unread_only, starred_only)  # fmt: skip
        return queries.list_entries(query, limit=limit, offset=offset, cursors=self._cursors)

    def entry(self, entry_id: int) -> Entry:
        return queries.get_entry(entry_id, self.images.root)

    def view_counts(self) -> dict[str, int]:
        return queries.view_counts(self._today_start())

    def cached_urls(self, urls: Sequence[str]) -> set[str]:
        return queries.cached_urls(list(urls))

    def open_related(self, entry_id: int, url: str) -> Entry:
        """The article behind a related link: from the cache, else fetched and cached. Network."""
        source = self.entry(entry_id)
        known = queries.find_entry_by_url(url, source.feed_id)
        if known is not None and self.entry(known).extraction:
            return self.entry(known)
        title = next((r.title for r in source.related if r.url == url), "")
        new_id = self.writer.call(
            lambda: storage.insert_related_entry(
                source.feed_id, check_url(url), title, now=self.clock()
            )
        )
        item = PendingArticle(new_id, url, "", source.feed_title, source.feed_id)
        self._updater().fetch_article(item)
        return self.entry(new_id)

    def versions(self, entry_id: int) -> list[ArticleVersion]:
        """The earlier texts of an updated article, oldest first (the entry holds the newest)."""
        from newsreader.core.storage.versions import list_versions

        return list_versions(entry_id)

    def entry_diff(self, entry_id: int) -> str | None:
        """Sanitized HTML (<p>, <ins>, <del>) of what the last story update changed; None when
        the article has no earlier version. Fast enough for the GUI thread on news texts."""
        from newsreader.core.storage.versions import entry_diff

        return entry_diff(entry_id)

    # -- rules -------------------------------------------------------------------
    def reextract(
        self,
        feed_id: int | None = None,
        site: str | None = None,
        progress: Callable[[Progress], None] | None = None,
    ) -> ReextractResult:
        """Extract every kept page again with the current rules, offline.
        ``site`` is a rule name or a host. Slow: about one extraction per cached article."""
        from newsreader.core.update.reextract import reextract

        if feed_id is not None:
            queries.get_feed(feed_id)  # FeedNotFoundError for a wrong id
        with self._refresh_lock:  # a refresh storing the same articles would race
            return reextract(self.writer, self.rules, feed_id=feed_id, site=site, progress=progress)

    def rule_health(self) -> list[SiteHealth]:
        """Per site, how many cached articles each extraction path produced."""
        from newsreader.core.storage.rule_health import rule_health

        return rule_health(self.rules)

    # -- state -------------------------------------------------------------------
    def mark_read(self, entry_ids: Sequence[int], read: bool = True) -> None:
        ids = list(entry_ids)
        self.writer.call(lambda: storage.mark_read(ids, read))
        if read:  # opening an article marks it read: its images were just seen
            self._touch_images(ids)

    def touch_images(self, entry_id: int) -> None:
        """Note that an article's images were seen now (the cache evicts the least recently
        read first). Queued on the writer, not waited for: safe on the GUI thread."""
        self._touch_images([entry_id])

    def _touch_images(self, entry_ids: list[int]) -> None:
        future = self.writer.submit(imagecache.touch_images, entry_ids, now=self.clock())
        future.add_done_callback(_log_failure)

    def mark_all_read(
        self, *, feed_id: int | None = None, folder: str | None = None, view: View = "all"
    ) -> int:
        """Mark what a feed, folder or view lists read; returns how many were marked."""
        return len(self.mark_all_read_undoable(feed_id=feed_id, folder=folder, view=view))

    def mark_all_read_undoable(
        self, *, feed_id: int | None = None, folder: str | None = None, view: View = "all"
    ) -> list[int]:
        """As ``mark_all_read``, in one writer job; returns exactly the ids it marked (copies
        in other feeds included): ``mark_read(ids, False)`` undoes it."""
        today = self._today_start()
        return self.writer.call(
            lambda: storage.mark_all_read(
                feed_id=feed_id, folder=folder, view=view, today_start=today
            )
        )

    def set_starred(self, entry_id: int, starred: bool = True) -> None:
        if not EntryRecord.select().where(EntryRecord.id == entry_id).exists():
            raise EntryNotFoundError(f"no article with id {entry_id}")
        self.writer.call(lambda: storage.set_starred(entry_id, starred, now=self.clock()))


def _log_failure(future: Future[int]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.warning("could not note images as read: %s", future.exception())


def open_library(data_dir: Path, **kwargs: object) -> Library:
    """Open (creating if needed) the library in ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return Library(data_dir, **kwargs)  # type: ignore[arg-type]


__all__ = ["FeedNotFoundError", "Library", "open_library"]
