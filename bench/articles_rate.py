"""The full-article stage: articles per second fetched, extracted and stored, with their pictures.

A loopback site (bench/feeds_server.py --articles N, a child process) serves one feed of N
summary-only items, each an Elshinta-shaped page (~30 KB) with a picture. The refresh fetches
the feed, then every page and picture. Related-link prefetch and story re-checks are measured
as part of the refresh, as a reader gets them.

    .venv/bin/python bench/articles_rate.py [--articles 500]
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
from tests.helpers.library_tools import add_feed_unchecked


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    server = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "feeds_server.py"), "--feeds", "0", "--articles",
         str(args.articles)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        port = int(server.stdout.readline().split()[1])  # type: ignore[union-attr]
        from newsreader.core.library import open_library

        with tempfile.TemporaryDirectory() as tmp, open_library(Path(tmp)) as lib:
            add_feed_unchecked(lib, f"http://127.0.0.1:{port}/site.xml", kind="feed")
            start = time.perf_counter()
            cpu = time.process_time()
            (result,) = lib.refresh()
            wall = time.perf_counter() - start
            cpu = time.process_time() - cpu
            rows = lib.entries(limit=None)
            extracted = [lib.entry(r.id) for r in rows[:20]]
            paths = {e.extraction for e in extracted}
            images = sum(1 for e in extracted for ref in e.images if ref.path)
    finally:
        server.terminate()
        server.wait()
    print(f"machine: {machine()}")
    print(
        f"{result.articles_fetched} articles fetched, extracted ({', '.join(sorted(paths))}) and "
        f"stored with their pictures in {wall:.2f} s wall, {cpu:.2f} s CPU: "
        f"{result.articles_fetched / wall:.0f} articles/s ({images}/20 sampled have a cached "
        f"picture)"
    )


if __name__ == "__main__":
    main()
