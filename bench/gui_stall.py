"""The window stays responsive while 500 feeds refresh.

Opens the real MainWindow on a library of N feeds served from a loopback server (a child
process), starts a refresh, and measures the GUI event loop with a QTimer ticking every 5 ms:
the longest stall, the 99th percentile gap between ticks and the count of stalls over 50 ms,
from the refresh's start until the window has handled its end; plus RSS before and after.
Goal: longest stall under 50 ms, RSS growth at most 50 MB. Run under a real X server:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python bench/gui_stall.py [--feeds 500]

``--trace`` also times the window's handlers (refresh reactions, model updates, paints,
reads on the GUI thread) and the garbage collector's passes, lists for each stall over 50 ms
what ran in it, and writes every thread's stack at each stall to DUMPS. ``--quiet-ui``
disconnects the window from the scheduler's signals, to tell the window's own work from the
GIL held by the refresh's threads. ``--no-settle`` skips ``settle_heap`` (run_gui's
gc.freeze after start-up); ``--switch-ms`` sets sys.setswitchinterval (an experiment: it
made no difference).
"""

from __future__ import annotations

import argparse
import faulthandler
import functools
import gc
import importlib
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, machine

GOAL_MS = 50
DUMPS = Path(tempfile.gettempdir()) / "gui_stall_stacks.txt"
SETTLE_MS = 1000  # the loop keeps being measured this long after the refresh ended
# (module, class, method): the GUI-thread work --trace times.
TRACED = (
    ("newsreader.ui.main_window", "MainWindow", "reload_feeds"),
    ("newsreader.ui.controllers.feeds", "FeedController", "_on_progress"),
    ("newsreader.ui.controllers.feeds", "FeedController", "_on_update_started"),
    ("newsreader.ui.controllers.feeds", "FeedController", "_on_update_finished"),
    ("newsreader.ui.controllers.feeds", "FeedController", "_on_caught_up"),
    ("newsreader.ui.controllers.refresh_follow", "RefreshFollower", "_on_read"),
    ("newsreader.ui.main_window", "MainWindow", "show_feeds"),
    ("newsreader.ui.models.feed_tree", "FeedTreeModel", "reload"),
    ("newsreader.ui.models.feed_tree", "FeedTreeModel", "_build"),
    ("newsreader.ui.models.feed_tree", "FeedTreeModel", "_update_in_place"),
    ("newsreader.ui.widgets.feed_tree", "FeedTreeWidget", "_fit_count_column"),
    ("newsreader.ui.models.entry_list", "EntryListModel", "refresh"),
    ("newsreader.ui.models.entry_list", "EntryListModel", "apply_refresh"),
    ("newsreader.ui.widgets.refresh_status", "RefreshStatusWidget", "set_progress"),
    # Overridden in Python already: timing them does not change how they take the GIL.
    ("newsreader.ui.widgets.feed_tree", "FeedTreeWidget", "paintEvent"),
    ("newsreader.ui.widgets.entry_list", "EntryListWidget", "paintEvent"),
    ("newsreader.ui.widgets.entry_list", "EntryListWidget", "doItemsLayout"),
    ("newsreader.ui.controllers.search", "SearchController", "refresh_counts"),
    ("newsreader.core.library", "Library", "feeds"),
    ("newsreader.core.library", "Library", "view_counts"),
    ("newsreader.core.library", "Library", "entries"),
)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


class Trace:
    """Times the TRACED methods when they run on the GUI thread: (start ms, ms, name)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.calls: list[tuple[float, float, str]] = []
        self.gui = threading.get_ident()
        self.on = False  # on while the refresh is measured
        self._gc_start = 0.0

    def install(self) -> None:
        gc.callbacks.append(self._gc)
        for module_name, class_name, method in TRACED:
            cls = getattr(importlib.import_module(module_name), class_name, None)
            if cls is not None and hasattr(cls, method):
                setattr(cls, method, self._wrap(getattr(cls, method), f"{class_name}.{method}"))

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        # A collection holds the GIL: whichever thread runs it, the GUI thread waits.
        if phase == "start":
            self._gc_start = self.clock()
        elif self.on:
            where = "gui" if threading.get_ident() == self.gui else "worker"
            name = f"gc gen {info['generation']} ({where})"
            self.calls.append((self._gc_start, self.clock() - self._gc_start, name))

    def _wrap(self, fn: Callable[..., Any], name: str) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if threading.get_ident() != self.gui or not self.on:
                return fn(*args, **kwargs)
            start = self.clock()
            try:
                return fn(*args, **kwargs)
            finally:
                self.calls.append((start, self.clock() - start, name))

        return timed

    def report(self, stalls: list[tuple[float, float]]) -> None:
        totals: dict[str, list[float]] = {}
        for _start, ms, name in self.calls:
            totals.setdefault(name, []).append(ms)
        print("handlers on the GUI thread (calls, total ms, longest ms):")
        for name, times in sorted(totals.items(), key=lambda item: -sum(item[1])):
            print(f"  {name}: {len(times)}, {sum(times):.0f}, {max(times):.1f}")
        for end, gap in stalls:
            inside = [
                f"{name} {ms:.0f} ms"
                for start, ms, name in self.calls
                if start < end and start + ms > end - gap and ms >= 2
            ]
            print(f"  stall {gap:.0f} ms ending at {end / 1000:.2f} s: {', '.join(inside) or '-'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--full-article", action="store_true", help="fetch pages too")
    parser.add_argument("--trace", action="store_true", help="time the window's handlers")
    parser.add_argument("--quiet-ui", action="store_true", help="window ignores the refresh")
    parser.add_argument("--switch-ms", type=float, help="sys.setswitchinterval (experiment)")
    parser.add_argument("--no-settle", action="store_true", help="skip run_gui's settle_heap")
    args = parser.parse_args()
    if args.switch_ms:
        sys.setswitchinterval(args.switch_ms / 1000)
    server = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "feeds_server.py"), "--feeds", str(args.feeds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(server.stdout.readline().split()[1])  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), port, args)
    finally:
        server.terminate()
        server.wait()


class Loop:
    """Gaps between the ticks of a 5 ms QTimer: how long the event loop was blocked. With
    ``dumps``, a late tick writes every thread's stack there (faulthandler's own thread
    writes them while the GUI thread is still stuck)."""

    def __init__(self, clock: Callable[[], float], dumps: Any = None) -> None:
        from PySide6.QtCore import QTimer

        self.clock = clock
        self.dumps = dumps
        self.gaps: list[float] = []
        self.stalls: list[tuple[float, float]] = []  # (end ms, gap ms) of gaps over GOAL_MS
        self.last = 0.0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.last = self.clock()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.dumps is not None:
            faulthandler.cancel_dump_traceback_later()
            self.dumps.close()

    def tick(self) -> None:
        if self.dumps is not None:
            faulthandler.dump_traceback_later(GOAL_MS / 1000, file=self.dumps)
        now = self.clock()
        gap = now - self.last
        self.gaps.append(gap)
        if gap > GOAL_MS:
            self.stalls.append((now, gap))
        self.last = now

    def p99(self) -> float:
        ordered = sorted(self.gaps)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0


def run(data: Path, port: int, args: argparse.Namespace) -> None:
    from PySide6.QtCore import QObject, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    origin = time.perf_counter()

    def clock() -> float:
        return (time.perf_counter() - origin) * 1000

    trace = Trace(clock) if args.trace else None
    if trace is not None:
        trace.install()
    library, window = open_window(data, port, args)
    before = rss_mb()
    objects_before = len(gc.get_objects())
    loop = Loop(clock, open(DUMPS, "w") if trace is not None else None)  # noqa: SIM115
    state: dict[str, float] = {}

    class Receiver(QObject):
        # A QObject of the GUI thread, so the scheduler's signal is handled there.
        @Slot(list)
        def finished(self, _results: list[object]) -> None:
            state["seconds"] = time.perf_counter() - state["started"]
            # Keep measuring: the window's own reaction to the end is part of the figure.
            QTimer.singleShot(SETTLE_MS, app.quit)

    receiver = Receiver()
    window.scheduler.update_finished.connect(receiver.finished)
    loop.start()
    if trace is not None:
        trace.on = True
    state["started"] = time.perf_counter()
    window.scheduler.refresh_now()
    app.exec()
    loop.stop()
    if trace is not None:
        trace.on = False
    report(args, loop, state.get("seconds", 0.0), before, rss_mb(), library)
    if trace is not None:
        print(f"objects the GC tracks: {objects_before} before, {len(gc.get_objects())} after")
        trace.report(loop.stalls)
        print(f"stacks of every thread during stalls: {DUMPS}")
    window.close()
    library.close()


def open_window(data: Path, port: int, args: argparse.Namespace) -> tuple[Any, Any]:
    """A library of ``args.feeds`` feeds on the loopback server, and its shown window."""
    from PySide6.QtWidgets import QApplication

    from newsreader.core.library import open_library
    from newsreader.ui.main_window import MainWindow
    from tests.helpers.library_tools import add_feed_unchecked

    library = open_library(data)
    for i in range(args.feeds):
        add_feed_unchecked(
            library, f"http://127.0.0.1:{port}/feed{i}.xml", kind="feed",
            full_article=args.full_article,
        )  # fmt: skip
    window = MainWindow(library)
    window.show()
    QApplication.processEvents()
    if args.quiet_ui:
        for signal in ("update_started", "progress_changed", "update_finished"):
            getattr(window.scheduler, signal).disconnect()
    if not args.no_settle:
        from newsreader.ui.app import settle_heap

        settle_heap()  # as run_gui does once the window is built
    return library, window


def report(
    args: argparse.Namespace, loop: Loop, seconds: float, before: float, after: float, library: Any
) -> None:
    print(f"machine: {machine()}")
    quiet = ", window ignoring the refresh" if args.quiet_ui else ""
    print(
        f"{args.feeds} feeds ({'with' if args.full_article else 'without'} full articles"
        f"{quiet}): refresh {seconds:.2f} s; event loop (timer every 5 ms): longest stall "
        f"{max(loop.gaps, default=0):.0f} ms (goal < {GOAL_MS}), 99th percentile gap "
        f"{loop.p99():.0f} ms, {len(loop.stalls)} stalls over {GOAL_MS} ms; RSS {before:.0f} MB "
        f"before, {after:.0f} MB after (+{after - before:.0f} MB, goal <= 50); "
        f"{len(library.entries(limit=None))} articles"
    )


if __name__ == "__main__":
    main()
