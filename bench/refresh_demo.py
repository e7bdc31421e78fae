"""Times `newsreader refresh` of the bundled demo site from a cold library, then a warm one.

Run: .venv/bin/python bench/refresh_demo.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, machine, run_timed
from newsreader.demo import DemoServer, demo_feed_urls


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    cli = [PYTHON, "-m", "newsreader"]
    cold, warm, cpu_cold = [], [], []
    with DemoServer() as server:
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory() as tmp:
                base = [*cli, "--data-dir", tmp]
                run_timed([*base, "add", *demo_feed_urls(server.base_url)])
                wall, cpu, _out = run_timed([*base, "refresh", "--json"])
                cold.append(wall)
                cpu_cold.append(cpu)
                wall, _, _ = run_timed([*base, "refresh"])
                warm.append(wall)
                articles = len(run_timed([*base, "articles", "--json"])[2].split('"id"')) - 1
    print(f"machine: {machine()}")
    print(
        f"demo refresh, cold (subscribe done, then fetch feeds, pages, images): median "
        f"{statistics.median(cold):.2f} s wall, {statistics.median(cpu_cold):.2f} s CPU "
        f"over {args.rounds} runs; {articles} articles"
    )
    print(f"demo refresh, warm (all 304 / unchanged): median {statistics.median(warm):.2f} s wall")


if __name__ == "__main__":
    main()
