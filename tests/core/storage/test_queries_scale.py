"""The reader's desk at scale: the statements the window runs use their indexes.

A 20,000-article library in 200 feeds (bench/make_cache.py with short texts: plans do not
depend on the size of the text) is read the way the window reads it; every statement is
caught on its way to SQLite and its EXPLAIN QUERY PLAN checked: the hot ones never scan
the article table, lists in a large set never sort it. Plans, never timings: the timings are
bench/query_plans.py's, at 200,000 articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.make_cache import build
from newsreader.core.library import Library, open_library
from newsreader.core.storage import marks
from newsreader.core.storage.listing import SORTS

# A whole table read row by row: "SCAN e", "SCAN entry_state"; "SCAN e USING INDEX ..." walks
# an index in its order and is how a sorted list is read.
FULL_SCAN = re.compile(r"^SCAN (e|s|m|entry|entry_state)$")
SORTING = "USE TEMP B-TREE FOR ORDER BY"
BIG = -1  # stands for the feed with the most articles


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = Path(tmp_path_factory.mktemp("big"))
    build(folder, feeds=200, articles=20_000, body_chars=(200, 400))
    lib = open_library(folder)
    yield lib
    lib.close()


def plans(lib: Library, fn: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """(statement, plan lines) of every SELECT/UPDATE ``fn`` runs on this thread."""
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
    found = []
    for sql, params in seen:
        if sql.lstrip().upper().startswith(("SELECT", "UPDATE", "WITH")):
            rows = real(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
            found.append((sql, [str(row[3]) for row in rows]))
    return found


def assert_no_full_scan(found: list[tuple[str, list[str]]]) -> None:
    for sql, lines in found:
        assert not any(FULL_SCAN.match(line) for line in lines), (sql, lines)


def _lines(found: list[tuple[str, list[str]]]) -> list[str]:
    return [line for _, lines in found for line in lines]


def test_start_up_reads_counts_and_the_first_page_from_indexes(big: Library) -> None:
    """What MainWindow runs to open: feeds with their counts, the views' counts, a page."""
    found = plans(big, lambda: (big.feeds(), big.view_counts(), big.entries(limit=200)))
    assert_no_full_scan(found)
    lines = _lines(found)
    assert "SCAN entry_state USING COVERING INDEX entry_state_unread" in lines
    assert any(line.startswith("SCAN feed_total") for line in lines)
    state = [lines for sql, lines in found if '"entry_state"' in sql]
    assert not any(SORTING in line or "GROUP BY" in line for lines in state for line in lines)
    # The counts never read the wide article rows.
    counting = [sql for sql, _ in found if "COUNT(" in sql]
    assert counting and not any('"entry" ' in sql or '"entry"\n' in sql for sql in counting)


CASES = [  # (arguments, the index the first page is read through)
    ({}, "SEARCH s USING INDEX entry_state_shown (listed=? AND single=?)"),
    ({"view": "unread"}, "SEARCH s USING INDEX entry_state_shown (listed=? AND single=?)"),
    ({"view": "today"},
     "SEARCH s USING INDEX entry_state_shown (listed=? AND single=? AND sort_ts>?)"),
    ({"view": "starred"}, "SEARCH s USING INDEX entry_state_starred (starred=?)"),
    ({"starred_only": True}, "SEARCH s USING INDEX entry_state_starred (starred=?)"),
    ({"feed_id": BIG}, "SEARCH s USING INDEX entry_state_feed (feed_id=? AND listed=?)"),
    ({"folder": "Nasional"}, "SEARCH s USING INDEX entry_state_shown (listed=? AND single=?)"),
    ({"sort": "title"}, "SCAN e USING INDEX entry_title"),
    ({"sort": "title", "unread_only": True}, "SCAN e USING INDEX entry_title"),
    ({"sort": "title", "feed_id": BIG}, "SEARCH e USING INDEX entry_feed_title (feed_id=?)"),
    ({"sort": "title", "folder": "Nasional"}, "SCAN e USING INDEX entry_title"),
    ({"sort": "feed"}, "SEARCH s USING INDEX entry_state_feed (feed_id=? AND listed=?)"),
    ({"sort": "feed", "view": "unread"},
     "SEARCH s USING INDEX entry_state_feed (feed_id=? AND listed=?)"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "index"), CASES, ids=str)
@pytest.mark.parametrize("descending", [True, False])
def test_each_list_is_read_through_its_index(
    big: Library, args: dict[str, Any], index: str, descending: bool
) -> None:
    small = args.get("view") in ("starred", "today") or args.get("starred_only")
    args = _real(big, args)
    for offset in (0, 200):  # the second page starts after the first one's last key
        found = plans(big, lambda o=offset: big.entries(limit=200, offset=o,  # type: ignore[misc]
                                                        descending=descending, **args))  # fmt: skip
        assert_no_full_scan(found)
        lines = _lines(found)
        assert _read_through(index, lines), lines
        if not small:  # a large set is read in the order asked, never sorted
            assert SORTING not in lines
    page_two = found[-1][1]
    assert any("<?" in line or ">?" in line for line in page_two) or args.get("sort") == "feed"


def _read_through(index: str, lines: list[str]) -> bool:
    """Whether a plan reads through ``index`` with (at least) its constraints: a later page
    adds a range on the sort key, and seeks where the first page walked from the start."""
    verb = re.compile(r"^(SCAN|SEARCH) ")
    return any(verb.sub("", line).startswith(verb.sub("", index).rstrip(")")) for line in lines)


def _real(lib: Library, args: dict[str, Any]) -> dict[str, Any]:
    if args.get("feed_id") == BIG:
        return args | {"feed_id": max(lib.feeds(), key=lambda f: f.total).id}
    return args


def test_few_unread_are_read_from_the_unread_index(big: Library) -> None:
    folder = "Nasional"
    marked = big.mark_all_read_undoable(folder=folder)
    try:
        big.mark_read(marked[:40], False)
        for sort in SORTS:
            found = plans(big, lambda s=sort: big.entries(folder=folder, view="unread", sort=s,  # type: ignore[misc]
                                                          limit=200))  # fmt: skip
            assert_no_full_scan(found)
            assert any("USING INDEX entry_state_unread" in line for line in _lines(found))
    finally:
        big.mark_read(marked, False)


def test_mark_all_read_never_reads_the_article_rows(big: Library) -> None:
    """One index-only read of the ids, one pass over the narrow state table."""
    db = big._db
    for where in ({}, {"feed_id": 1}, {"folder": "Nasional"}, {"view": "today"}):
        found = []

        def run(w: dict[str, Any] = where) -> None:
            with db.atomic() as transaction:
                marks.mark_all_read(feed_id=w.get("feed_id"), folder=w.get("folder"),
                                    view=w.get("view", "all"), today_start=0.0)  # fmt: skip
                transaction.rollback()

        found = plans(big, run)
        assert not any('"entry" ' in sql for sql, _ in found)
        selects = [lines for sql, lines in found if sql.startswith("SELECT")]
        assert not any(FULL_SCAN.match(line) for lines in selects for line in lines)


def test_opening_an_article_and_its_related_links_are_lookups(big: Library) -> None:
    found = plans(big, lambda: (big.entry(12_345), big.cached_urls(["http://127.0.0.1:9/x"])))
    lines = _lines(found)
    assert not any(line.startswith("SCAN") for line in lines), lines  # peewee's aliases: t1...
    assert sum("USING INTEGER PRIMARY KEY (rowid=?)" in line for line in lines) >= 3
    assert any("entry_url (url=?)" in line for line in lines)
    assert_no_full_scan(plans(big, big.next_due))


def test_plans_hold_with_statistics(big: Library) -> None:
    """The library never runs ANALYZE, but a reader's tool might: the indexes are named."""
    big._db.execute_sql("ANALYZE")
    try:
        for args, index in CASES:
            real = _real(big, args)
            lines = _lines(plans(big, lambda a=real: big.entries(limit=200, **a)))  # type: ignore[misc]
            assert _read_through(index, lines), (args, lines)
    finally:
        big._db.execute_sql("DROP TABLE sqlite_stat1")
