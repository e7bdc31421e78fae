"""The facade the UI and the CLI use: every operation on the reader's library.

All methods are blocking and thread-safe. Writes go through the single ``Writer``; reads use
the calling thread's own connection. The GUI calls network/long methods from worker tasks;
the reads marked "fast" are indexed and paged, fit for the GUI thread.

The methods only delegate: to the storage functions, the ``Refresher`` (update/refresh.py:
the fetcher, the settings in use and refreshing), search, export and the importers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.core import paths
from newsreader.core.errors import FeedNotFoundError
from newsreader.core.extract.site_rules import RuleSet, load_rules
from newsreader.core.net.fetch import FetcherProtocol
from newsreader.core.settings import Settings, load_settings
from newsreader.core.storage import folders
from newsreader.core.storage import image_cache as imagecache
from newsreader.core.storage import reads as queries
from newsreader.core.storage import writes as storage
from newsreader.core.storage.image_store import ImageStore
from newsreader.core.storage.listing import Cursors, Sort
from newsreader.core.storage.migrations import open_database
from newsreader.core.storage.writer import Writer
from newsreader.core.types import Entry, EntrySummary, Feed, Progress, SavedSearch, View
from newsreader.core.update import preferences, subscriptions
from newsreader.core.update.pipeline import Updater
from newsreader.core.update.refresh import Refresher
from newsreader.core.update.subscribing import subscribe
from newsreader.core.update.subscriptions import UNSET, Unset

if TYPE_CHECKING:
    from newsreader.core.export.formats import ExportFormat
    from newsreader.core.importers.common import ImportReport
    from newsreader.core.importers.migrate import DatabaseKind
    from newsreader.core.search.find import Order
    from newsreader.core.storage.retention import CleanupReport
    from newsreader.core.storage.rule_health import SiteHealth
    from newsreader.core.types import UpdateResult
    from newsreader.core.update.reextract import ReextractResult


class Library:
    """One reader's library in ``data_dir``. Collaborators are injectable for tests.

    Attributes:
        writer: the one writer every change goes through.
        refresher: the network side (fetcher, settings, refreshes; update/refresh.py).
        images: the image files; ``rules``: the site rules extraction uses.
    """

    def __init__(
        self, data_dir: Path, *, fetcher: FetcherProtocol | None = None,
        clock: Callable[[], float] = time.time, settings: Settings | None = None,
        rules: RuleSet | None = None,
    ) -> None:  # fmt: skip
        self.data_dir = data_dir
        self.clock = clock
        settings = settings or load_settings(paths.settings_path(data_dir))
        self.rules = rules or load_rules(paths.user_sites_dir(data_dir))
        self.images = ImageStore(paths.images_dir(data_dir))
        self._db = open_database(paths.database_path(data_dir))
        self.writer = Writer(self._db)
        # Migrated by now: the feeds have the columns an older settings file's choices go to.
        preferences.carry_over(self.writer, paths.settings_path(data_dir))
        self.refresher = Refresher(writer=self.writer, images=self.images, rules=self.rules,
                                   data_dir=data_dir, clock=clock, settings=settings,
                                   fetcher=fetcher)  # fmt: skip
        self._cursors = Cursors()  # the article list pages by key

    @property
    def settings(self) -> Settings:
        """The settings in use; ``apply_settings`` changes them."""
        return self.refresher.settings

    @property
    def fetcher(self) -> FetcherProtocol:
        return self.refresher.fetcher

    def close(self) -> None:
        self.writer.close()
        self.refresher.close()
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _updater(self) -> Updater:
        return self.refresher.updater()

    def _today_start(self) -> float:
        local = datetime.fromtimestamp(self.clock()).astimezone()
        return local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()

    # -- subscriptions -----------------------------------------------------------
    def add_feed(self, url: str, *, folder: str = "", full_article: bool | None = None) -> Feed:
        """Subscribe to a feed URL or a site URL (autodiscovery, else its index page). Network.

        The first fetch decides what the URL is; nothing is stored unless it yields articles,
        which are stored at once (update/subscribing.py). Raises InvalidURLError,
        FeedExistsError, FetchError, ParseError.
        """
        feed_id = subscribe(self._updater(), url, folder=folder, full_article=full_article)
        return queries.get_feed(feed_id)

    def feeds(self) -> list[Feed]:
        return queries.list_feeds()

    def feed(self, feed_id: int) -> Feed:
        """FeedNotFoundError for a wrong id."""
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
        """Save new settings and use them now: a new proxy waits for a running refresh, a
        shorter interval re-plans, a smaller image budget evicts. May wait: call from a task.
        ValueError if a value is invalid."""
        preferences.check_and_save(settings, paths.settings_path(self.data_dir))
        self.refresher.use_settings(settings)

    def set_feed_options(
        self, feed_id: int, *, title: str | None = None, folder: str | None = None,
        interval_minutes: int | Unset | None = UNSET, full_article: bool | Unset | None = UNSET,
        paused: bool | None = None, keep_days: int | Unset | None = UNSET,
        keep_per_feed: int | Unset | None = UNSET, notify: bool | None = None,
        show_summary: bool | None = None,
    ) -> Feed:  # fmt: skip
        """Change a subscription's settings. ``interval_minutes``/``full_article`` None means
        "the default"; arguments left out stay as they are. ``keep_days``/``keep_per_feed``:
        this feed's retention, None for the global setting, 0 for no limit. ``notify``: a
        desktop notice for its new articles; ``show_summary``: its articles open as the
        feed's summary."""
        queries.get_feed(feed_id)
        changes = subscriptions.feed_changes(
            title=title, folder=folder, interval_minutes=interval_minutes,
            full_article=full_article, paused=paused, keep_days=keep_days,
            keep_per_feed=keep_per_feed, notify=notify, show_summary=show_summary,
        )  # fmt: skip
        if changes:
            self.writer.call(storage.update_feed, feed_id, changes)
        return queries.get_feed(feed_id)

    def remove_feed(self, feed_id: int, *, keep_starred: bool = True) -> None:
        queries.get_feed(feed_id)
        self.writer.call(storage.remove_feed, feed_id, keep_starred=keep_starred)

    def starred_count(self, feed_id: int) -> int:
        return queries.starred_count(feed_id)

    def ensure_default_subscriptions(self) -> bool:
        """Add the built-in Elshinta streams on first launch only. True if added."""
        feeds = subscriptions.default_feeds()
        return self.writer.call(storage.add_builtin_feeds, feeds, clock=self.clock)

    # -- updating ----------------------------------------------------------------
    def refresh(
        self, feed_ids: Sequence[int] | None = None, *, only_due: bool = False,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None, full_articles: bool = True,
    ) -> list[UpdateResult]:  # fmt: skip
        """Fetch feeds (all, those given, or only those due), then their new articles. Network."""
        return self.refresher.refresh(feed_ids, only_due=only_due, progress=progress,
                                      cancel=cancel, full_articles=full_articles)  # fmt: skip

    def next_due(self) -> datetime | None:
        """When the next feed is due to be checked; None without feeds."""
        return queries.next_due()

    # -- reading -----------------------------------------------------------------
    def entries(
        self, *, feed_id: int | None = None, folder: str | None = None, view: View = "all",
        limit: int | None = None, offset: int = 0, sort: Sort = "date", descending: bool = True,
        unread_only: bool = False, starred_only: bool = False,
    ) -> list[EntrySummary]:  # fmt: skip
        """A page of the article list, fast at any ``offset`` when pages are read in turn
        (``listing``). ``sort`` "feed": feeds by title, each newest first."""
        query = queries.ListQuery(self._today_start(), feed_id, folder, view, sort,
                                  descending, unread_only, starred_only)  # fmt: skip
        return queries.list_entries(query, limit=limit, offset=offset, cursors=self._cursors)

    def entry(self, entry_id: int) -> Entry:
        """EntryNotFoundError for a wrong id."""
        return queries.get_entry(entry_id, self.images.root)

    def view_counts(self) -> dict[str, int]:
        return queries.view_counts(self._today_start())

    def cached_urls(self, urls: Sequence[str]) -> set[str]:
        return queries.cached_urls(list(urls))

    def open_related(self, entry_id: int, url: str) -> Entry:
        """The article behind a related link: from the cache, else fetched and cached. Network."""
        return self.refresher.open_related(self.entry(entry_id), url)

    def entry_diff(self, entry_id: int) -> str | None:
        """Sanitized HTML (<p>, <ins>, <del>) of what the last story update changed; None when
        the article has no earlier version. Fast enough for the GUI thread on news texts."""
        from newsreader.core.storage.versions import entry_diff

        return entry_diff(entry_id)

    # -- state -------------------------------------------------------------------
    def mark_read(self, entry_ids: Sequence[int], read: bool = True) -> None:
        ids = list(entry_ids)
        self.writer.call(storage.mark_read, ids, read)
        if read:  # opening an article marks it read: its images were just seen
            imagecache.touch_images_later(self.writer, ids, now=self.clock())

    def mark_all_read_undoable(
        self, *, feed_id: int | None = None, folder: str | None = None, view: View = "all"
    ) -> list[int]:
        """Mark what a feed, folder or view lists read, in one writer job; returns exactly the
        ids it marked (copies in other feeds included): ``mark_read(ids, False)`` undoes it."""
        return self.writer.call(storage.mark_all_read, feed_id=feed_id, folder=folder, view=view,
                                today_start=self._today_start())  # fmt: skip

    def set_starred(self, entry_id: int, starred: bool = True) -> None:
        """EntryNotFoundError for a wrong id."""
        queries.check_entry(entry_id)
        self.writer.call(lambda: storage.set_starred(entry_id, starred, now=self.clock()))

    # -- search, saved searches and retention -----------------------------------
    def search(
        self, query: str, *, limit: int = 200, offset: int = 0, feed_id: int | None = None,
        view: View = "all", order: Order = "relevance",
    ) -> list[EntrySummary]:  # fmt: skip
        """Articles whose title, author or text match ``query`` (words, "phrases", -excluded,
        prefix*, OR; case and accents folded), best match first. [] for an empty query,
        never an error for odd input. First page within ~70 ms at 200,000 articles (a short
        prefix of many words, "pem*", ~150 ms): call from a task (find.py has the figures)."""
        from newsreader.core.search import find, index

        index.catch_up(self.writer)
        return find.search(query, today_start=self._today_start(), limit=limit,
                           offset=offset, feed_id=feed_id, view=view, order=order)  # fmt: skip

    def search_terms(self, query: str) -> list[str]:
        """The words and phrases to mark in the article pane (a prefix ends in ``*``); see
        ``syntax.highlight_spans``."""
        from newsreader.core.search.syntax import search_terms

        return search_terms(query)

    def saved_searches(self, *, counts: bool = True) -> list[SavedSearch]:
        """Saved searches by name, with their unread counts unless ``counts`` is false. Each
        count visits every match (up to ~0.1 s at 200,000 articles): with counts, call from
        a task; without, it is instant."""
        from newsreader.core.search import find, index

        if counts:
            index.catch_up(self.writer)
        return find.saved_searches(counts=counts, today_start=self._today_start())

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Name a search. ValueError: empty or taken name, nothing to look for."""
        from newsreader.core.search import find

        return self.writer.call(find.save_search, name, query, now=self.clock())

    def rename_search(self, search_id: int, name: str) -> SavedSearch:
        """SavedSearchNotFoundError for a wrong id; ValueError as ``save_search``."""
        from newsreader.core.search import find

        return self.writer.call(find.rename_search, search_id, name)

    def delete_search(self, search_id: int) -> None:
        from newsreader.core.search import find

        self.writer.call(find.delete_search, search_id)

    def clean_up(self, *, dry_run: bool = False) -> CleanupReport:
        """Delete articles past the retention settings now (never a starred one). ``dry_run``:
        only say what would go. A refresh does this itself at most once a day."""
        from newsreader.core.storage import retention

        with self.refresher.lock:  # a refresh storing articles of the same feeds would race
            return retention.clean_up(self.writer, self.settings, now=self.clock(),
                                      dry_run=dry_run)  # fmt: skip

    # -- rules -------------------------------------------------------------------
    def reextract(
        self, feed_id: int | None = None, site: str | None = None,
        progress: Callable[[Progress], None] | None = None,
    ) -> ReextractResult:  # fmt: skip
        """Extract every kept page again with the current rules, offline.
        ``site`` is a rule name or a host. Slow: about one extraction per cached article."""
        from newsreader.core.update.reextract import reextract

        if feed_id is not None:
            queries.get_feed(feed_id)  # FeedNotFoundError for a wrong id
        with self.refresher.lock:  # a refresh storing the same articles would race
            return reextract(self.writer, self.rules, feed_id=feed_id, site=site, progress=progress)

    def rule_health(self) -> list[SiteHealth]:
        """Per site, how many cached articles each extraction path produced."""
        from newsreader.core.storage.rule_health import rule_health

        return rule_health(self.rules)

    # -- export ------------------------------------------------------------------
    def export(
        self, entry_ids: Sequence[int], fmt: ExportFormat, path: Path, *, force: bool = False,
        per_article: bool = False, title: str = "Newsreader",
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Path:  # fmt: skip
        """Export articles (ids from any selection) as html, md, epub or json.
        ``progress(done, total)`` runs after each article; ``cancel`` stops it, leaving no
        file. Raises ExportError (ExportCancelledError when cancelled)."""
        from newsreader.core.export.formats import export_entries

        entries = self.entries_by_id(entry_ids, cancel=cancel)
        return export_entries(entries, fmt, path, force=force, title=title,
                              per_article=per_article, progress=progress,
                              cancel=cancel)  # fmt: skip

    def entries_by_id(
        self, entry_ids: Sequence[int], *, cancel: threading.Event | None = None
    ) -> list[Entry]:
        """Whole articles in the order given (for exports, also the Qt-side PDF export)."""
        from newsreader.core.export.selection import load_entries

        return load_entries(entry_ids, self.images.root, cancel=cancel)

    def entries_for_export(
        self, *, starred: bool = False, feed_id: int | None = None,
        since: datetime | None = None, until: datetime | None = None,
    ) -> list[int]:  # fmt: skip
        """Ids of the articles matching all criteria given, newest first; ``since``
        inclusive, ``until`` exclusive."""
        from newsreader.core.export.selection import export_ids

        return export_ids(starred=starred, feed_id=feed_id, since=since, until=until)

    # -- subscriptions in and out, moving in -------------------------------------
    def import_opml(self, path: Path) -> ImportReport:
        """Subscribe to the feeds of an OPML file (folders, titles, site addresses kept)
        without fetching them. Raises ImportFailedError if the file cannot be read."""
        from newsreader.core.importers.common import import_opml

        return import_opml(self.writer, path, now=self.clock())

    def export_opml(self, path: Path, *, force: bool = False) -> Path:
        """Write every subscription to an OPML 2.0 file. Raises ExportError."""
        from newsreader.core.feeds.opml import export_opml

        return export_opml(self.feeds(), path, force=force)

    def import_database(self, path: Path, kind: DatabaseKind) -> ImportReport:
        """Move in from QuiteRSS or RSS Guard: feeds, folders, articles, read and starred
        marks. Raises ImportFailedError (nothing changed) if it is not such a database."""
        from newsreader.core.importers.migrate import import_database

        return import_database(self.writer, path, kind, now=self.clock)


def open_library(data_dir: Path, **kwargs: object) -> Library:
    """Open (creating if needed) the library in ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return Library(data_dir, **kwargs)  # type: ignore[arg-type]


__all__ = ["FeedNotFoundError", "Library", "open_library"]
