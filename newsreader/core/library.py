"""The facade the UI and the CLI use: every operation on the reader's library.

API CONTRACT (stub; implementation in progress). All methods are blocking and thread-safe;
the GUI calls them from worker tasks, never from the GUI thread, except the cheap reads
marked "fast" (indexed queries meant to stay well under 50 ms at 200,000 articles).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Literal

from .types import Entry, EntrySummary, Feed, Progress, UpdateResult

View = Literal["all", "unread", "starred", "today"]
ExportFormat = Literal["html", "md", "json"]


class Library:
    data_dir: Path

    def close(self) -> None: ...

    # -- subscriptions -----------------------------------------------------------
    def add_feed(self, url: str, *, folder: str = "", full_article: bool | None = None) -> Feed:
        """Subscribe to a feed URL or a site URL (autodiscovery, else index page). Network.

        Raises InvalidURLError, FeedExistsError, FetchError, FeedNotFoundError.
        """
        raise NotImplementedError

    def feeds(self) -> list[Feed]:
        """All subscriptions with unread/total counts and last error, by folder then title. Fast."""
        raise NotImplementedError

    def feed(self, feed_id: int) -> Feed:
        raise NotImplementedError

    def remove_feed(self, feed_id: int, *, keep_starred: bool = True) -> None:
        """Unsubscribe. With keep_starred, starred articles stay (visible in the Starred view)."""
        raise NotImplementedError

    def starred_count(self, feed_id: int) -> int:
        raise NotImplementedError

    def ensure_default_subscriptions(self) -> bool:
        """Add the built-in Elshinta streams on first launch only. True if added."""
        raise NotImplementedError

    # -- updating ----------------------------------------------------------------
    def refresh(
        self,
        feed_ids: Sequence[int] | None = None,
        *,
        only_due: bool = False,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> list[UpdateResult]:
        """Fetch feeds (all, or those given, or only those due), then their new articles. Network."""
        raise NotImplementedError

    def next_due(self) -> datetime | None:
        """When the earliest feed is next due for a scheduled refresh. Fast."""
        raise NotImplementedError

    # -- reading -----------------------------------------------------------------
    def entries(
        self,
        *,
        feed_id: int | None = None,
        folder: str | None = None,
        view: View = "all",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EntrySummary]:
        """Article list rows, newest first. Fast (indexed, paged)."""
        raise NotImplementedError

    def entry(self, entry_id: int) -> Entry:
        """One whole article. Raises EntryNotFoundError. Fast."""
        raise NotImplementedError

    def view_counts(self) -> dict[str, int]:
        """Unread count of each smart view: {"all": n, "unread": n, "starred": n, "today": n}."""
        raise NotImplementedError

    def open_related(self, entry_id: int, url: str) -> Entry:
        """The article behind a related link of an entry: from the cache, else fetched. Network."""
        raise NotImplementedError

    # -- state -------------------------------------------------------------------
    def mark_read(self, entry_ids: Sequence[int], read: bool = True) -> None:
        raise NotImplementedError

    def mark_all_read(self, *, feed_id: int | None = None, view: View = "all") -> int:
        raise NotImplementedError

    def set_starred(self, entry_id: int, starred: bool = True) -> None:
        raise NotImplementedError

    # -- export ------------------------------------------------------------------
    def export(
        self, entry_ids: Sequence[int], fmt: ExportFormat, path: Path, *, force: bool = False
    ) -> Path:
        raise NotImplementedError


def open_library(data_dir: Path, **kwargs: object) -> Library:
    raise NotImplementedError
