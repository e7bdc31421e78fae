"""``LibraryApi``: the part of ``Library`` the window uses, as a type.

The window is written against this protocol; its tests run it on ``tests/helpers/fakes.py``'s
``FakeLibrary``. mypy holds both to it: ``Library`` below, the fake in its module (a test runs
mypy there), so neither drifts from what the window calls without a type error.

Importing this module costs nothing: everything it names is for type checkers only, so the
window can name the protocol at start-up without loading the library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Sequence
    from datetime import datetime
    from pathlib import Path

    from newsreader.core.export.formats import ExportFormat
    from newsreader.core.importers.common import ImportReport
    from newsreader.core.importers.migrate import DatabaseKind
    from newsreader.core.library import Library
    from newsreader.core.search.find import Order
    from newsreader.core.settings import Settings
    from newsreader.core.storage.listing import Sort
    from newsreader.core.types import (
        Entry,
        EntrySummary,
        Feed,
        Progress,
        SavedSearch,
        UpdateResult,
        View,
    )
    from newsreader.core.update.subscriptions import Unset


class LibraryApi(Protocol):
    """What the window calls on its library; each method is documented on ``Library``."""

    @property
    def data_dir(self) -> Path: ...
    @property
    def settings(self) -> Settings: ...
    def close(self) -> None: ...

    # subscriptions and folders
    def add_feed(self, url: str, *, folder: str = ..., full_article: bool | None = ...) -> Feed: ...
    def feeds(self) -> list[Feed]: ...
    def feed(self, feed_id: int) -> Feed: ...
    def folders(self) -> list[str]: ...
    def create_folder(self, name: str) -> str: ...
    def rename_folder(self, old: str, new: str) -> int: ...
    def delete_folder(self, name: str) -> int: ...
    def move_feeds(self, feed_ids: Sequence[int], folder: str) -> int: ...
    def apply_settings(self, settings: Settings) -> None: ...
    def set_feed_options(
        self, feed_id: int, *, title: str | None = ..., folder: str | None = ...,
        interval_minutes: int | Unset | None = ..., full_article: bool | Unset | None = ...,
        paused: bool | None = ..., keep_days: int | Unset | None = ...,
        keep_per_feed: int | Unset | None = ..., notify: bool | None = ...,
        show_summary: bool | None = ...,
    ) -> Feed: ...  # fmt: skip
    def remove_feed(self, feed_id: int, *, keep_starred: bool = ...) -> None: ...
    def starred_count(self, feed_id: int) -> int: ...
    def ensure_default_subscriptions(self) -> bool: ...

    # updating
    def refresh(
        self, feed_ids: Sequence[int] | None = ..., *, only_due: bool = ...,
        progress: Callable[[Progress], None] | None = ...,
        cancel: threading.Event | None = ..., full_articles: bool = ...,
    ) -> list[UpdateResult]: ...  # fmt: skip
    def next_due(self) -> datetime | None: ...

    # reading and marking
    def entries(
        self, *, feed_id: int | None = ..., folder: str | None = ..., view: View = ...,
        limit: int | None = ..., offset: int = ..., sort: Sort = ..., descending: bool = ...,
        unread_only: bool = ..., starred_only: bool = ...,
    ) -> list[EntrySummary]: ...  # fmt: skip
    def entry(self, entry_id: int) -> Entry: ...
    def view_counts(self) -> dict[str, int]: ...
    def cached_urls(self, urls: Sequence[str]) -> set[str]: ...
    def open_related(self, entry_id: int, url: str) -> Entry: ...
    def entry_diff(self, entry_id: int) -> str | None: ...
    def mark_read(self, entry_ids: Sequence[int], read: bool = ...) -> None: ...
    def mark_all_read_undoable(
        self, *, feed_id: int | None = ..., folder: str | None = ..., view: View = ...
    ) -> list[int]: ...
    def set_starred(self, entry_id: int, starred: bool = ...) -> None: ...

    # search and saved searches
    def search(
        self, query: str, *, limit: int = ..., offset: int = ..., feed_id: int | None = ...,
        view: View = ..., order: Order = ...,
    ) -> list[EntrySummary]: ...  # fmt: skip
    def search_terms(self, query: str) -> list[str]: ...
    def saved_searches(self, *, counts: bool = ...) -> list[SavedSearch]: ...
    def save_search(self, name: str, query: str) -> SavedSearch: ...
    def rename_search(self, search_id: int, name: str) -> SavedSearch: ...
    def delete_search(self, search_id: int) -> None: ...

    # export, subscriptions in and out
    def export(
        self, entry_ids: Sequence[int], fmt: ExportFormat, path: Path, *, force: bool = ...,
        per_article: bool = ..., title: str = ...,
        progress: Callable[[int, int], None] | None = ...,
        cancel: threading.Event | None = ...,
    ) -> Path: ...  # fmt: skip
    def entries_by_id(
        self, entry_ids: Sequence[int], *, cancel: threading.Event | None = ...
    ) -> list[Entry]: ...
    def entries_for_export(
        self, *, starred: bool = ..., feed_id: int | None = ...,
        since: datetime | None = ..., until: datetime | None = ...,
    ) -> list[int]: ...  # fmt: skip
    def import_opml(self, path: Path) -> ImportReport: ...
    def export_opml(self, path: Path, *, force: bool = ...) -> Path: ...
    def import_database(self, path: Path, kind: DatabaseKind) -> ImportReport: ...


if TYPE_CHECKING:

    def _conforms(library: Library) -> LibraryApi:
        """Never called: mypy fails here when ``Library`` no longer offers the protocol."""
        return library
