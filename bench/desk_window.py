"""The window part of bench/desk.py, in a child process (its memory is the GUI's alone).

    python -m bench.desk_window FOLDER FEEDS ARTICLES   (prints one "DESK {json}" line)

Drives the real MainWindow on the library in FOLDER the way a reader would, timing each step
until the events it caused are processed, while a 5 ms QTimer records the event loop's
longest stall per phase.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from newsreader.core.library import open_library
from newsreader.ui.controllers.search import RESULTS_KEY
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.entry_list import DATE_COLUMN, FEED_COLUMN, TITLE_COLUMN
from newsreader.ui.models.feed_tree import NodeKey

SEARCHES = ("jakarta", "harga pasar", "gempa banjir")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


class Stalls:
    """The longest gap between the ticks of a 5 ms timer: how long the loop was blocked."""

    def __init__(self) -> None:
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, (now - self.last) * 1000)
        self.last = now

    def restart(self) -> float:
        """The worst gap since the last restart; starts a new phase."""
        worst, self.worst, self.last = self.worst, 0.0, time.perf_counter()
        return worst


class Desk:
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self.app = app
        self.window = window
        self.times: dict[str, list[float]] = {}
        self.stalls: dict[str, float] = {}

    def settle(self) -> None:
        """Process what is pending (events posted while processing, painting, included)."""
        for _ in range(3):
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)

    def wait(self, done: Callable[[], bool], timeout: float = 30.0) -> None:
        end = time.perf_counter() + timeout
        while not done():
            if time.perf_counter() > end:
                raise TimeoutError("the window did not finish in time")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    def step(
        self,
        name: str,
        action: Callable[[], object],
        done: Callable[[], bool] | None = None,
        *,
        settled: str | None = None,
    ) -> None:
        """Time ``action`` until ``done`` and the events it caused are processed; with
        ``settled``, ``name`` gets the time until ``done`` only, ``settled`` the whole."""
        start = time.perf_counter()
        action()
        if done is not None:
            self.wait(done)
        if settled is not None:
            self.times.setdefault(name, []).append((time.perf_counter() - start) * 1000)
            name = settled
        self.settle()
        self.times.setdefault(name, []).append((time.perf_counter() - start) * 1000)

    def idle(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def shown_id(window: MainWindow) -> int | None:
    entry = window.article_view.entry()
    return entry.id if entry is not None else None


def browse(desk: Desk, stalls: Stalls, feeds: int, articles: int) -> None:
    w = desk.window
    tree, model, view = w.feed_tree, w.entry_model, w.entry_list
    keys = [NodeKey("view", v) for v in ("all", "unread", "starred", "today")]
    keys += [NodeKey("feed", f.id) for f in w.feeds()[:feeds]]
    per_feed = max(1, articles // feeds)
    for key in keys:
        desk.step("switch feed or view", lambda k=key: tree.select_key(k))
        if key.kind != "feed":
            continue
        for row in range(min(per_feed, model.rowCount())):
            entry_id = model.entry_at(row).id  # type: ignore[union-attr]
            index = model.index(row, TITLE_COLUMN)
            desk.step(
                "open article",
                lambda i=index: view.setCurrentIndex(i),
                lambda e=entry_id: shown_id(w) == e,
                settled="open article, painted",
            )
    desk.stalls["browsing (switching, opening)"] = stalls.restart()
    tree.select_key(NodeKey("view", "all"))
    desk.settle()
    for column in (TITLE_COLUMN, FEED_COLUMN, DATE_COLUMN):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            desk.step("sort", lambda c=column, o=order: model.sort(c, o))
    for name in ("unread", "starred", "all"):
        desk.step("filter", lambda n=name: model.set_filter(n))
    desk.stalls["sorting, filtering"] = stalls.restart()


def search(desk: Desk, stalls: Stalls) -> None:
    w = desk.window
    for query in SEARCHES:

        def shown(q: str = query) -> bool:
            source = w.entry_model.source
            return source is not None and source.query == q

        desk.step("search", lambda q=query: w.search.run(q, RESULTS_KEY), shown)
        desk.idle(0.2)
    desk.stalls["search"] = stalls.restart()
    w.feed_tree.select_key(NodeKey("view", "all"))
    desk.settle()


def mark_all_read(desk: Desk, stalls: Stalls) -> int:
    """Mark All as Read on the All view, then Undo; each until the window has the result."""
    w = desk.window
    w.feed_tree.select_key(NodeKey("view", "all"))
    desk.idle(1.0)  # let the browsing's marks and the writer's checkpoint finish
    finished: list[str] = []
    marked_cb, undone_cb = w.undo._on_marked, w.undo._on_undone
    w.undo._on_marked = lambda r: (marked_cb(r), finished.append("marked"))  # type: ignore[method-assign]
    w.undo._on_undone = lambda ids: (undone_cb(ids), finished.append("undone"))  # type: ignore[method-assign]
    stalls.restart()
    desk.step("mark all read", lambda: w.mark_all_read(NodeKey("view", "all")),
              lambda: "marked" in finished)  # fmt: skip
    marked = len(w.undo.undoable_ids())
    desk.stalls["mark all read"] = stalls.restart()
    desk.idle(1.0)
    stalls.restart()
    desk.step("undo mark all read", w.undo.undo, lambda: "undone" in finished)
    desk.stalls["undo"] = stalls.restart()
    return marked


def main() -> None:
    folder, feeds, articles = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    app = QApplication([sys.argv[0]])
    app.setOrganizationName("NewsreaderBench")  # window state apart from a real reader's
    library = open_library(folder)
    settings = QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings=settings)
    window.resize(1400, 860)
    window.show()
    desk = Desk(app, window)
    desk.idle(0.5)
    stalls = Stalls()
    browse(desk, stalls, feeds, articles)
    rss = rss_mb()
    search(desk, stalls)
    marked = mark_all_read(desk, stalls)
    print("DESK " + json.dumps({"times": desk.times, "stalls": desk.stalls, "rss_mb": rss,
                                "marked": marked}), flush=True)  # fmt: skip
    window.close()
    library.close()


if __name__ == "__main__":
    main()
