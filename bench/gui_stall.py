"""The window stays responsive while 500 feeds refresh (issue 4 point 6).

Opens the real MainWindow on a library of N feeds served from a loopback server (a child
process), starts a refresh, and measures the GUI event loop's longest stall with a QTimer
ticking every 5 ms, plus RSS before and after. Run under a real X server:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python bench/gui_stall.py [--feeds 500]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, machine


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--full-article", action="store_true", help="fetch pages too")
    args = parser.parse_args()
    server = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "feeds_server.py"), "--feeds", str(args.feeds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(server.stdout.readline().split()[1])  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), port, args.feeds, args.full_article)
    finally:
        server.terminate()
        server.wait()


def run(data: Path, port: int, feeds: int, full_article: bool) -> None:
    from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    from newsreader.core.library import open_library
    from newsreader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    library = open_library(data)
    for i in range(feeds):
        library.add_feed_unchecked(
            f"http://127.0.0.1:{port}/feed{i}.xml", kind="feed", full_article=full_article
        )
    window = MainWindow(library)
    window.show()
    app.processEvents()
    before = rss_mb()
    clock = QElapsedTimer()
    clock.start()
    state = {"last": 0, "worst": 0, "done": False, "started": time.perf_counter()}

    def tick() -> None:
        now = clock.elapsed()
        state["worst"] = max(state["worst"], now - state["last"])
        state["last"] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)

    class Receiver(QObject):
        # A QObject of the GUI thread: the scheduler's signal comes from its worker thread,
        # and a plain function would run there (quit must happen on the GUI thread).
        @Slot(list)
        def finished(self, _results: list[object]) -> None:
            state["done"] = True
            state["seconds"] = time.perf_counter() - state["started"]
            app.quit()

    receiver = Receiver()
    window.scheduler.update_finished.connect(receiver.finished)
    timer.start()
    state["last"] = clock.elapsed()
    state["started"] = time.perf_counter()
    window.scheduler.refresh_now()
    app.exec()
    timer.stop()
    after = rss_mb()
    print(f"machine: {machine()}")
    print(
        f"{feeds} feeds ({'with' if full_article else 'without'} full articles): refresh "
        f"{state.get('seconds', 0):.2f} s; longest event-loop stall {state['worst']} ms "
        f"(timer every 5 ms); RSS {before:.0f} MB before, {after:.0f} MB after "
        f"(+{after - before:.0f} MB); {len(library.entries(limit=None))} articles"
    )
    window.close()
    library.close()


if __name__ == "__main__":
    main()
