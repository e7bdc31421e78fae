"""Full-text search at scale: first results within 100 ms at 200,000 articles.

    .venv/bin/python bench/search.py /tmp/cache200k [--articles 200000] [--rebuild]

Builds the synthetic cache with ``bench/make_cache.py`` if the folder holds no library yet
(its vocabulary is small: most words occur in ~95% of the articles, a worst case for ranking).
Each query runs in a fresh child process first ("first": SQLite's page cache empty, the OS
cache warm), then three times more in this process ("warm", the median). ``--rebuild`` also
times refilling the index from the stored articles, which is what migration 4 does to an
existing library.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, machine
from tests.helpers.library_tools import search_count

QUERIES = (
    "jakarta",  # one word in most articles
    "kebakaran bandara",  # two such words
    '"harga pasar"',  # a phrase of such words
    "banjir -jakarta",  # an exclusion
    "gempa OR banjir",
    "jak*",  # a prefix with one expansion
    "pem*",  # a prefix with many
    "Situs",  # nowhere in the text (feed titles are not indexed)
    "lukashenko",  # no match
)

_CHILD = """
import json, sys, time
from pathlib import Path
from newsreader.core.library import open_library
from tests.helpers.library_tools import search_count
lib = open_library(Path(sys.argv[1]))
started = time.perf_counter()
if sys.argv[3] == "search":
    lib.search(sys.argv[2])
else:
    search_count(lib, sys.argv[2], view="unread")
print(json.dumps(time.perf_counter() - started))
lib.close()
"""


def first_run(folder: Path, query: str, what: str = "search") -> float:
    out = subprocess.run(
        [PYTHON, "-c", _CHILD, str(folder), query, what],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    return float(json.loads(out))


def timed(call: object, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if not any(args.folder.glob("*.db")):
        from bench.make_cache import build

        started = time.perf_counter()
        build(args.folder, articles=args.articles)
        print(f"built {args.articles} articles in {time.perf_counter() - started:.0f} s")
    from newsreader.core.library import open_library

    lib = open_library(args.folder)
    db = lib._db
    articles = db.execute_sql("SELECT COUNT(*) FROM entry").fetchone()[0]
    index_mb = db.execute_sql(
        "SELECT SUM(LENGTH(block)) FROM entry_fts_data"
    ).fetchone()[0] / 2**20  # fmt: skip
    print(f"{articles} articles; FTS index {index_mb:.0f} MB")
    print("times in ms; first: a fresh process; unread count: first, then warm")
    print(
        f"{'query':<22} {'matches':>8} {'first':>7} {'warm':>7} {'newest':>7} {'unread count':>14}"
    )
    for query in QUERIES:
        first = first_run(args.folder, query)
        warm, _ = timed(lambda q=query: lib.search(q))
        newest, _ = timed(lambda q=query: lib.search(q, order="newest"))
        count_first = first_run(args.folder, query, "count")
        count_s, _ = timed(lambda q=query: search_count(lib, q, view="unread"))
        matches = search_count(lib, query)
        print(f"{query:<22} {matches:>8} {first * 1e3:7.1f} {warm * 1e3:7.1f} "
              f"{newest * 1e3:7.1f} {count_first * 1e3:7.1f} {count_s * 1e3:6.1f}")  # fmt: skip
    deep, _ = timed(lambda: lib.search("jakarta", offset=10_000))
    print(f"page at offset 10,000 of 'jakarta': {deep * 1e3:.1f} ms")
    saved = [lib.save_search(f"bench {n} {time.time()}", q) for n, q in enumerate(QUERIES[:5])]
    counted, _ = timed(lambda: lib.saved_searches(), repeat=1)
    plain, _ = timed(lambda: lib.saved_searches(counts=False))
    print(f"saved_searches() with 5 unread counts: {counted * 1e3:.0f} ms; "
          f"without: {plain * 1e3:.1f} ms")  # fmt: skip
    for item in saved:
        lib.delete_search(item.id)
    if args.rebuild:
        started = time.perf_counter()
        lib.writer.call(
            lambda: db.execute_sql("INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')")
        )
        print(f"index rebuilt from {articles} articles in {time.perf_counter() - started:.0f} s")
    lib.close()


if __name__ == "__main__":
    main()
