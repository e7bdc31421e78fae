"""The reader's desk with 200,000 articles in 500 feeds: the reader's desk figures, in the window.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python bench/desk.py /tmp/cache200k

Builds the synthetic cache (bench/make_cache.py) if the folder holds none. Then:
- launch to window shown: the real ``newsreader --data-dir`` in a child process, with the
  probe of bench/startup.py (it wraps QApplication.exec), ``--rounds`` times;
- the rest in one child process running MainWindow on a copy of the cache (browsing marks
  articles read): switching feeds and views, sorting, filtering, opening an article (from the
  selection to the pane's document set), a search, mark all read over every article and its
  undo, and the memory after browsing (50 feeds switched through, 100 articles opened).
A QTimer ticking every 5 ms measures the event loop's longest stall in each phase. Each step
is timed until the events it caused are processed (layout and painting included).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, machine
from bench.make_cache import build
from bench.startup import run_once

GOALS = {"launch": 500, "switch": 50, "sort": 50, "filter": 50, "open": 30, "search": 100,
         "mark_all_read": 300, "stall": 50, "rss": 150}  # fmt: skip


def launch(folder: Path, rounds: int) -> list[float]:
    return [run_once(["--data-dir", str(folder)], False)["shown_s"] * 1000 for _ in range(rounds)]


def gui(folder: Path, feeds: int, articles: int) -> dict[str, object]:
    """Run the window part in a child process (its memory is the GUI's alone)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [PYTHON, "-m", "bench.desk_window", str(folder), str(feeds), str(articles)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=900, check=False,
    )  # fmt: skip
    for line in proc.stdout.splitlines():
        if line.startswith("DESK "):
            return dict(json.loads(line[5:]))
    raise RuntimeError(f"no result:\n{proc.stdout}\n{proc.stderr}")


def _row(name: str, values: list[float], goal: str) -> str:
    worst = max(values)
    verdict = "ok" if worst <= GOALS[goal] else "OVER"
    return (f"{name:44} median {statistics.median(values):7.1f}  max {worst:7.1f}  "
            f"(n={len(values)}, goal <= {GOALS[goal]}: {verdict})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--feeds", type=int, default=50, help="feeds switched through")
    parser.add_argument("--articles", type=int, default=100, help="articles opened")
    args = parser.parse_args()
    from newsreader.core import paths

    if not paths.database_path(args.folder).exists():
        print(f"building the cache in {args.folder} ...", flush=True)
        build(args.folder, log=True)
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}; "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'xcb')}")  # fmt: skip
    shown = launch(args.folder, args.rounds)
    print(_row("launch to window shown (ms)", shown, "launch"))
    with tempfile.TemporaryDirectory(dir=args.folder.parent) as tmp:
        shutil.copy(paths.database_path(args.folder), paths.database_path(Path(tmp)))
        os.sync()  # see bench/query_plans.py: a fresh copy's first checkpoint writes it all
        result = gui(Path(tmp), args.feeds, args.articles)
    times: dict[str, list[float]] = result["times"]  # type: ignore[assignment]
    stalls: dict[str, float] = result["stalls"]  # type: ignore[assignment]
    steps = (("switch feed or view", "switch"), ("sort", "sort"), ("filter", "filter"),
             ("open article", "open"), ("open article, painted", "open"), ("search", "search"),
             ("mark all read", "mark_all_read"),
             ("undo mark all read", "mark_all_read"))  # fmt: skip
    for name, goal in steps:
        if times.get(name):
            print(_row(f"{name} (ms)", times[name], goal))
    for phase, stall in stalls.items():
        print(
            f"{'longest stall: ' + phase + ' (ms)':44} {stall:7.1f}  "
            f"(goal <= {GOALS['stall']}: {'ok' if stall <= GOALS['stall'] else 'OVER'})"
        )
    rss = float(result["rss_mb"])  # type: ignore[arg-type]
    print(
        f"{'RSS after browsing (MB)':44} {rss:7.1f}  (goal <= {GOALS['rss']}: "
        f"{'ok' if rss <= GOALS['rss'] else 'OVER'}); marked {result['marked']} articles"
    )


if __name__ == "__main__":
    main()
