"""Every query the reader's desk runs, at 200,000 articles: its plan and its time.

    .venv/bin/python bench/query_plans.py /tmp/cache200k [--rounds 5] [--analyze]

Builds the synthetic cache (bench/make_cache.py) if the folder holds none. Each library call
is timed (the first call, then the median of ``--rounds`` more) and every statement it sends
to SQLite is shown with its EXPLAIN QUERY PLAN. The write calls (mark all read and its undo)
run on a copy of the cache, so the cache stays as built. ``--analyze`` runs ANALYZE first
(the library never does: plans must not depend on it; they name their indexes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine
from bench.make_cache import build
from newsreader.core import paths
from newsreader.core.library import Library, open_library
from newsreader.core.storage import counts
from newsreader.core.storage import feed_list as feedlist

GOAL_MS = 50.0  # the GUI thread's budget for one query (STYLE.md)


def captured(lib: Library, fn: Callable[[], object]) -> list[tuple[str, Any]]:
    """The statements (with parameters) ``fn`` sends on this thread's connection."""
    seen: list[tuple[str, Any]] = []
    real = lib._db.execute_sql

    def spy(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        seen.append((sql, params))
        return real(sql, params, *args, **kwargs)

    lib._db.execute_sql = spy  # type: ignore[method-assign]
    try:
        fn()
    finally:
        del lib._db.execute_sql
    return seen


def show_plans(lib: Library, statements: list[tuple[str, Any]]) -> None:
    for sql, params in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "UPDATE", "WITH")):
            continue
        rows = lib._db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        print(f"    {' '.join(sql.split())[:150]}")
        for row in rows:
            print(f"      {row[3]}")


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    start = time.perf_counter()
    fn()
    first = time.perf_counter() - start
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return first * 1000, statistics.median(times) * 1000


def forget() -> None:
    """Drop what the library keeps between calls (the feed list, the counts): a cold read."""
    feedlist._kept.clear()
    counts._memo.__dict__.clear()


def paged(lib: Library, pages: int, **args: Any) -> Callable[[], object]:
    """Reading ``pages`` pages of 200 in turn, as the list does while the reader scrolls."""

    def run() -> None:
        offset = 0
        for _ in range(pages):
            offset += len(lib.entries(limit=200, offset=offset, **args))

    return run


def reads(lib: Library) -> list[tuple[str, Callable[[], object]]]:
    feeds = lib.feeds()
    big = max(feeds, key=lambda f: f.total)
    folder = next(f.folder for f in feeds if f.folder)
    some = lib.entries(limit=300)
    entry = lib.entry(some[150].id)
    urls = [link.url for link in entry.related] or [entry.url]

    def start_up() -> object:
        forget()
        return lib.feeds(), lib.view_counts(), lib.entries(limit=200)

    calls: list[tuple[str, Callable[[], object]]] = [
        ("start-up: feeds + view_counts + first page", start_up),
        ("feeds (list_feeds with counts), nothing kept", lambda: (forget(), lib.feeds())),
        ("feeds (list_feeds with counts), no change since", lib.feeds),
        ("view_counts", lib.view_counts),
        (f"feed {big.id} ({big.total} articles)", lambda: lib.feed(big.id)),
        ("next_due", lib.next_due),
        ("entry (get_entry)", lambda: lib.entry(entry.id)),
        ("cached_urls (related links)", lambda: lib.cached_urls(urls)),
    ]  # fmt: skip
    for sort in ("date", "title", "feed"):
        for desc in (True, False):
            for where in ({}, {"view": "unread"}, {"view": "starred"}, {"view": "today"},
                          {"feed_id": big.id}, {"folder": folder}, {"unread_only": True},
                          {"starred_only": True}):  # fmt: skip
                args = {"sort": sort, "descending": desc, **where}
                name = f"entries {sort}{'' if desc else ' asc'} {where or 'all'}"
                calls.append((name, lambda a=args: lib.entries(limit=200, **a)))  # type: ignore[misc]
        calls.append((f"entries {sort}: 100 pages in turn (to row 20,000)",
                      paged(lib, 100, sort=sort)))  # fmt: skip
    if hasattr(lib, "search"):
        for text in ("jakarta", "harga pasar", "lukashenko"):
            calls.append((f"search {text!r}", lambda t=text: lib.search(t, limit=200)))  # type: ignore[misc]
    return calls


def writes(folder: Path, rounds: int) -> None:
    """Mark all read and its undo, on a copy of the cache."""
    with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
        shutil.copy(paths.database_path(folder), paths.database_path(Path(tmp)))
        # A fresh copy is 2 GB of dirty pages: the first checkpoint's fsync would write
        # them all out, a cost no reader's own file has.
        os.sync()
        with open_library(Path(tmp)) as lib:
            lib.feeds()
            big = max(lib.feeds(), key=lambda f: f.unread)
            after = []
            for entry in lib.entries(limit=max(rounds, 10)):
                lib.mark_read([entry.id], not entry.read)
                start = time.perf_counter()
                lib.feeds(), lib.view_counts()
                after.append((time.perf_counter() - start) * 1000)
            print(f"{'feeds + view_counts after one article marked':58} "
                  f"{statistics.median(after):7.1f} median, {max(after):6.1f} max")  # fmt: skip
            cases = (
                ("mark all read (All)", {}),
                (f"mark all read (feed {big.id})", {"feed_id": big.id}),
                ("mark all read (Today)", {"view": "today"}),
            )
            for name, where in cases:
                marks, undos = [], []
                for _ in range(rounds):
                    time.sleep(0.5)  # a reader pauses: the writer checkpoints meanwhile
                    start = time.perf_counter()
                    ids = lib.mark_all_read_undoable(**where)  # type: ignore[arg-type]
                    marks.append((time.perf_counter() - start) * 1000)
                    time.sleep(0.5)
                    start = time.perf_counter()
                    lib.mark_read(ids, False)
                    undos.append((time.perf_counter() - start) * 1000)
                print(f"{name:58} {len(ids):7} ids: {marks[0]:7.1f} ms first, "
                      f"{statistics.median(marks):6.1f} median; "
                      f"undo {statistics.median(undos):6.1f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--analyze", action="store_true")
    parser.add_argument("--no-plans", action="store_true")
    args = parser.parse_args()
    if not paths.database_path(args.folder).exists():
        print(f"building the cache in {args.folder} ...", flush=True)
        build(args.folder, log=True)
    print(f"machine: {machine()}")
    with open_library(args.folder) as lib:
        if args.analyze:
            lib._db.execute_sql("ANALYZE")
        total = lib._db.execute_sql('SELECT COUNT(*) FROM "entry"').fetchone()[0]
        print(f"{total} articles; times in ms (first call, then median of {args.rounds})\n")
        for name, fn in reads(lib):
            statements = captured(lib, fn)
            first, median = timed(fn, args.rounds)
            flag = "  OVER BUDGET" if median > GOAL_MS and "pages" not in name else ""
            print(f"{name:58} {first:7.1f} {median:7.1f}{flag}")
            if not args.no_plans:
                show_plans(lib, statements[-4:])
        if args.analyze:
            lib._db.execute_sql("DROP TABLE sqlite_stat1")
    print()
    writes(args.folder, args.rounds)


if __name__ == "__main__":
    main()
