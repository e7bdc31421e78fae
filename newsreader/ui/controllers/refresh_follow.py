"""RefreshFollower: the feed tree and the article list follow a refresh from a task.

While 500 feeds refresh, re-reading the subscriptions and their counts on the GUI thread
took 25 to 60 ms (the refresh's threads hold the GIL most of the time, and every feed's row
changes), and with the tree's update it stalled the window for up to 150 ms every 1.5 s
(bench/gui_stall.py). So the reads, and building the feed tree from them,
run in a task, one at a time; the window only writes what changed into its models: the
tree first, the list in a later turn of the event loop.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from newsreader.core import NewsreaderError
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import EntrySummary, Feed, LibraryApi
    from newsreader.ui.models.entry_list import EntryListModel
    from newsreader.ui.models.entry_source import RefreshRead
    from newsreader.ui.models.feed_nodes import PreparedTree
    from newsreader.ui.models.feed_tree import FeedTreeModel

FOLLOW_EVERY_MS = 1500  # while a refresh runs, the counts and the list are read this often
STAGGER_MS = 30  # the article list is updated this long after the feed tree


@dataclass(frozen=True)
class _Read:
    started: float  # time.monotonic() when the read began
    feeds: list[Feed]
    counts: dict[str, int]
    tree: PreparedTree  # built from those feeds and counts
    request: RefreshRead | None
    rows: list[EntrySummary] | None


class ShowFeeds(Protocol):
    """Shows feeds and counts read at ``read_at`` (skipped if what is shown was read later),
    with the tree ``prepared`` from them; ``keep_order`` while the refresh still runs."""

    def __call__(
        self,
        feeds: list[Feed],
        counts: dict[str, int],
        *,
        read_at: float | None = ...,
        keep_order: bool = ...,
        prepared: PreparedTree | None = ...,
    ) -> None: ...


class RefreshFollower(QObject):
    """Reads feeds, counts and the article list's loaded part in a task and shows them:
    counts in the tree, then new articles at the top of the list.

    ``follow`` (on each progress report) starts a read unless one runs or one started less
    than ``interval_ms`` ago. ``catch_up`` (the refresh ended) reads once more, after the
    read in flight, which may predate the last articles stored, then emits ``caught_up``.

    Signals:
        caught_up(): the window shows the library as it was when the refresh ended.
    """

    caught_up = Signal()

    def __init__(
        self,
        library: LibraryApi,
        tree_model: FeedTreeModel,
        entry_model: EntryListModel,
        *,
        show_feeds: ShowFeeds,
        on_failed: Callable[[Exception], None],
        parent: QObject | None = None,
        interval_ms: int | None = None,
    ) -> None:
        """What is read goes to ``show_feeds`` (the tree, the title) and ``entry_model``; a
        read the library refused goes to ``on_failed``."""
        super().__init__(parent)
        self._library = library
        self._tree_model = tree_model
        self._entry_model = entry_model
        self._show_feeds = show_feeds
        self._on_read_failed = on_failed
        self._interval = (FOLLOW_EVERY_MS if interval_ms is None else interval_ms) / 1000
        self._started = -math.inf  # time.monotonic() of the last read's start
        self._busy = False
        self._again = False  # read again when the read in flight returns
        self._catching_up = False

    def follow(self) -> None:
        """A refresh stored more: read again if it is time."""
        if not self._busy and time.monotonic() - self._started >= self._interval:
            self._start()

    def read_now(self) -> None:
        """Something else changed (an article read): read again, after the read in flight."""
        if self._busy:
            self._again = True
        else:
            self._start()

    def catch_up(self) -> None:
        """The refresh ended: read what it stored, then emit ``caught_up``."""
        self._catching_up = True
        if self._busy:
            self._again = True
        else:
            self._start()

    def _start(self) -> None:
        self._busy = True
        self._started = started = time.monotonic()
        library = self._library
        tree = self._tree_model
        request = self._entry_model.refresh_read()

        def read() -> _Read:
            # The list first: the tree and counts, read after it, never lag behind what it
            # shows (a feed stored between the two reads would list articles under a feed
            # still untitled in the tree).
            rows = request.read() if request is not None else None
            feeds, counts = library.feeds(), library.view_counts()
            return _Read(started, feeds, counts, tree.prepare(feeds, counts), request, rows)

        run_task(read, self._on_read, self._on_failed, context=self)  # type: ignore[arg-type]

    def _on_read(self, result: _Read) -> None:
        # Re-sorting the tree waits for the end: it rebuilds the view (FeedTreeModel.reload).
        final = self._catching_up and not self._again
        self._show_feeds(result.feeds, result.counts, read_at=result.started,
                         keep_order=not final, prepared=result.tree)  # fmt: skip
        # The list in a later turn of the event loop, once the tree is painted: the two
        # repaints in one turn stalled the window past 50 ms on a busy machine.
        QTimer.singleShot(STAGGER_MS, self, lambda: self._show_rows(result))

    def _show_rows(self, result: _Read) -> None:
        if result.request is not None and result.rows is not None:
            self._entry_model.apply_refresh(result.request, result.rows)
        self._done()

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, NewsreaderError):  # a bug went to the crash dialog already
            self._on_read_failed(exc)
        self._done()

    def _done(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self._start()
        elif self._catching_up:
            self._catching_up = False
            self.caught_up.emit()
