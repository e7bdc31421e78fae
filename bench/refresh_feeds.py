"""`newsreader refresh` against `newsboat -x reload`, side by side, on N synthetic feeds.

Phases per N: cold (empty cache), full resend (server ignores conditional GET), 304s, and
"new" (each feed has 5 new items). Each run is a child process: wall and CPU seconds and its
own peak RSS (os.wait4). Full-article fetching is off for these feeds, as the peers do.

    .venv/bin/python bench/refresh_feeds.py --sizes 100 500 [--no-newsboat]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, machine

PHASES = ("cold", "full resend", "304", "new items")


def _tree_rss(pid: int) -> float:
    """RSS in MB of a process and all its descendants (the parse workers count too)."""
    try:
        proc = psutil.Process(pid)
        total = proc.memory_info().rss
        for child in proc.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
    except psutil.Error:
        return 0.0
    return total / 2**20


def measure(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MB) of one child process: CPU includes its own children's (the
    parse workers), peak memory is the largest sum of the RSS of the process and its
    children, sampled every 10 ms (and never below the process's own peak)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.01):
            peak = max(peak, _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{args[:3]} exited {proc.returncode}: {err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, max(peak, usage.ru_maxrss / 1024)


def control(base: str, path: str) -> None:
    urllib.request.urlopen(base + path, timeout=5).read()


def setup_ours(data: Path, urls: list[str]) -> None:
    code = (
        "import sys; from pathlib import Path; from newsreader.core.library import open_library\n"
        "from tests.helpers.library_tools import add_feed_unchecked\n"
        "with open_library(Path(sys.argv[1])) as lib:\n"
        "    for u in sys.argv[2:]: add_feed_unchecked(lib, u, kind='feed', full_article=False)\n"
    )
    subprocess.run([PYTHON, "-c", code, str(data), *urls], check=True, cwd=ROOT)


def run_phases(base: str, command: list[str]) -> dict[str, tuple[float, float, float]]:
    results = {}
    for phase in PHASES:
        if phase == "full resend":
            control(base, "/__mode/ignore")
        elif phase == "304":
            control(base, "/__mode/honour")
        elif phase == "new items":
            control(base, "/__mode/new")
            control(base, "/__round")
        results[phase] = measure(command)
    control(base, "/__mode/honour")
    return results


def bench_size(n: int, newsboat: bool) -> list[tuple[str, str, tuple[float, float, float]]]:
    server = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "feeds_server.py"), "--feeds", str(n)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(server.stdout.readline().split()[1])  # type: ignore[union-attr]
        base = f"http://127.0.0.1:{port}"
        urls = [f"{base}/feed{i}.xml" for i in range(n)]
        start = time.perf_counter()
        for url in urls:
            urllib.request.urlopen(url, timeout=5).read()
        rows = [("download only (urllib, sequential)", "-", (time.perf_counter() - start, 0, 0))]
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "ours"
            setup_ours(data, urls)
            command = [PYTHON, "-m", "newsreader", "--data-dir", str(data), "refresh"]
            ours = run_phases(base, command)
            rows += [("newsreader", phase, ours[phase]) for phase in PHASES]
            if newsboat:
                nb = Path(tmp) / "nb"
                nb.mkdir()
                (nb / "urls").write_text("\n".join(urls) + "\n")
                (nb / "config").write_text("reload-threads 8\n")
                control(base, "/__mode/honour")
                cmd = [
                    "newsboat",
                    "-x",
                    "reload",
                    "-u",
                    str(nb / "urls"),
                    "-c",
                    str(nb / "cache.db"),
                    "-C",
                    str(nb / "config"),
                ]
                theirs = run_phases(base, cmd)
                rows += [("newsboat (8 threads)", phase, theirs[phase]) for phase in PHASES]
        return rows
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--no-newsboat", action="store_true")
    args = parser.parse_args()
    newsboat = not args.no_newsboat and shutil.which("newsboat") is not None
    print(f"machine: {machine()}")
    print(f"{'N':>4}  {'reader':<36} {'phase':<12} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}")
    for n in args.sizes:
        for reader, phase, (wall, cpu, rss) in bench_size(n, newsboat):
            print(f"{n:>4}  {reader:<36} {phase:<12} {wall:7.2f} {cpu:7.2f} {rss:8.0f}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    main()
