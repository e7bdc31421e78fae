"""Launch to window shown, and GUI memory: starts the real `newsreader` entry point.

A probe wraps QApplication.exec: when the event loop starts (the main window is shown just
before), it records the time, optionally waits for the first refresh to finish, records peak
memory, and quits. Run under a real X server for realistic figures:

    xvfb-run -a .venv/bin/python bench/startup.py [--rounds 5] [--demo]

Without --demo it opens an empty library in a temporary folder (built-in subscriptions and
their network errors included, as a first launch with no network).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, machine

PROBE = r"""
import json, os, resource, sys, time
t_start = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
result = {}
_exec = QApplication.exec

def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0

def finish():
    result["rss_end_mb"] = rss_mb()
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("BENCH " + json.dumps(result), flush=True)
    QApplication.instance().quit()

def wait_refresh(started):
    # The window's status bar says "Updated at ..." when the first refresh is over.
    from PySide6.QtWidgets import QLabel, QMainWindow
    win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))
    bar = win.statusBar()
    text = bar.currentMessage() + " ".join(w.text() for w in bar.findChildren(QLabel))
    if "Updated" in text or time.time() - started > 60:
        result["refresh_s"] = time.time() - started
        finish()
    else:
        QTimer.singleShot(20, lambda: wait_refresh(started))

def probed_exec(*args):
    def shown():
        result["shown_s"] = time.time() - t_start
        result["rss_shown_mb"] = rss_mb()
        if os.environ.get("BENCH_WAIT_REFRESH"):
            wait_refresh(time.time())
        else:
            finish()
    QTimer.singleShot(0, shown)
    return _exec()

QApplication.exec = probed_exec
from newsreader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_once(args: list[str], wait_refresh: bool) -> dict[str, float]:
    env = dict(os.environ, BENCH_T0=repr(time.time()))
    if wait_refresh:
        env["BENCH_WAIT_REFRESH"] = "1"
    env["BENCH_T0"] = repr(time.time())
    proc = subprocess.run(
        [PYTHON, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH "):
            return dict(json.loads(line[6:]))
    raise RuntimeError(f"no result: {proc.stdout}\n{proc.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {machine()}; QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'xcb')}")
    with tempfile.TemporaryDirectory() as tmp:
        first = [
            run_once(["--data-dir", str(Path(tmp) / f"d{i}")], False) for i in range(args.rounds)
        ]
    shown = statistics.median(r["shown_s"] for r in first)
    rss = statistics.median(r["rss_shown_mb"] for r in first)
    print(
        f"launch to window shown (empty library, first launch): median {shown * 1000:.0f} ms, "
        f"RSS {rss:.0f} MB"
    )
    demo = [run_once(["--demo"], True) for _ in range(args.rounds)]
    print(
        f"--demo: window shown median {statistics.median(r['shown_s'] for r in demo) * 1000:.0f}"
        f" ms; first refresh (subscribe + feeds + 11 articles + images) median "
        f"{statistics.median(r['refresh_s'] for r in demo):.2f} s; after it RSS "
        f"{statistics.median(r['rss_end_mb'] for r in demo):.0f} MB, peak "
        f"{statistics.median(r['peak_mb'] for r in demo):.0f} MB"
    )


if __name__ == "__main__":
    main()
