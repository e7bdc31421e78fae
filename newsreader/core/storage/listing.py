"""The article list: what a feed, folder or view shows, sorted and filtered, a page at a time
(instant with 200,000 articles).

Every statement names its index (INDEXED BY) and its join order (CROSS JOIN): the plan cannot
drift with the data or with ANALYZE statistics, and a statement whose index went missing fails
loudly instead of scanning 2 GB (the first round lost 7 s at start-up to one such scan).
``tests/core/test_queries_scale.py`` checks the plans; ``bench/query_plans.py`` prints them
with timings at 200,000 articles.

What drives a page, the narrow ``entry_state`` rows first and the wide ``entry`` row read only
for the rows returned:
- newest or oldest first: ``entry_state_feed`` (one feed) or ``entry_state_shown`` (across
  feeds), both in date order;
- by title: ``entry_feed_title`` or ``entry_title``; by feed: ``feed_title``, then each feed's
  articles newest first through ``entry_state_feed``;
- small sets, whatever the sort, are read whole from their own index and then sorted: the
  starred articles (``entry_state_starred``), and the unread ones when there are few of them
  (``entry_state_unread``): walking the date or title order to find 200 unread among 200,000
  read articles would read them all.

Paging is by key, not by OFFSET: ``Cursors`` remembers, per query and offset, the sort key of
the last row returned there, and the next page starts after it at any depth (OFFSET 100,000
walked 100,000 rows: 250 ms). An offset without a remembered key falls back to OFFSET. Keys
also keep pages right when rows leave the query meanwhile (read in the Unread view), where
OFFSET would skip as many unread rows.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from newsreader.core.storage.records import database_proxy
from newsreader.core.storage.rows import summary_from_row
from newsreader.core.types import EntrySummary

View = Literal["all", "unread", "starred", "today"]
Sort = Literal["date", "title", "feed"]
SORTS: tuple[Sort, ...] = ("date", "title", "feed")
VIEWS: tuple[View, ...] = ("all", "unread", "starred", "today")

# Unread articles in reach up to which a list of unread ones is read whole from
# entry_state_unread and sorted: beyond it they are dense enough to walk the sort order.
FEW_UNREAD = 5000

_COLUMNS = (
    's."entry_id", s."feed_id", f."title", e."title", e."url", e."published_ts",'
    ' e."published_offset", s."sort_ts", s."read", s."starred"'
)
_STATE = '"entry_state" AS s INDEXED BY {index}'
_ENTRY = '"entry" AS e'
_FEED = '"feed" AS f'
_ON_E = 'e."id" = s."entry_id"'
_ON_F = 'f."id" = s."feed_id"'
_REMOVED = 'SELECT "id" FROM "feed" WHERE "removed"'
_IN_FOLDER = 'SELECT "id" FROM "feed" WHERE "folder" = ?'
_TITLE = 'e."title" COLLATE NOCASE'
_FEED_TITLE = 'f."title" COLLATE NOCASE'


@dataclass(frozen=True)
class ListQuery:
    """Which articles, in which order. ``feed_id`` or ``folder`` narrow a ``view``; the filters
    narrow further. Sorting by feed sorts feeds by title, each feed's articles newest first."""

    today_start: float
    feed_id: int | None = None
    folder: str | None = None
    view: View = "all"
    sort: Sort = "date"
    descending: bool = True
    unread_only: bool = False
    starred_only: bool = False

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}: one of {', '.join(SORTS)}")
        if self.view not in VIEWS:
            raise ValueError(f"unknown view {self.view!r}: one of {', '.join(VIEWS)}")

    @property
    def unread(self) -> bool:
        return self.view == "unread" or self.unread_only

    @property
    def starred(self) -> bool:
        return self.view == "starred" or self.starred_only


class Cursors:
    """The sort key of the last row of each page handed out, by (query, offset reached).
    Thread-safe; bounded (the least recently used keys go)."""

    def __init__(self, size: int = 512) -> None:
        self._keys: OrderedDict[tuple[ListQuery, int], tuple[Any, ...]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, query: ListQuery, offset: int) -> tuple[Any, ...] | None:
        with self._lock:
            key = self._keys.get((query, offset))
            if key is not None:
                self._keys.move_to_end((query, offset))
            return key

    def put(self, query: ListQuery, offset: int, key: tuple[Any, ...]) -> None:
        with self._lock:
            self._keys[(query, offset)] = key
            self._keys.move_to_end((query, offset))
            while len(self._keys) > self._size:
                self._keys.popitem(last=False)


def conditions(q: ListQuery) -> tuple[list[str], list[Any]]:
    """The WHERE terms of a query, over ``s`` (entry_state) alone, with their parameters
    (``marks`` marks what a list shows with the same terms).

    Across feeds an article listed by two feeds shows once (``single``); the starred view
    also shows starred articles of removed feeds and unlisted ones (opened from a link).
    """
    terms: list[str] = []
    params: list[Any] = []
    if q.view == "starred":
        terms.append('s."starred" = 1')
    else:
        terms += ['s."listed" = 1', f's."feed_id" NOT IN ({_REMOVED})']
    if q.feed_id is not None:
        terms.append('s."feed_id" = ?')
        params.append(q.feed_id)
    else:
        terms.append('s."single" = 1')
        if q.folder is not None:
            terms.append(f's."feed_id" IN ({_IN_FOLDER})')
            params.append(q.folder)
    if q.unread:
        terms.append('s."read" = 0')
    if q.starred_only and q.view != "starred":
        terms.append('s."starred" = 1')
    if q.view == "today":
        terms.append('s."sort_ts" >= ?')
        params.append(q.today_start)
    return terms, params


def _few_unread(q: ListQuery) -> bool:
    """True when the unread articles in reach are few (at most FEW_UNREAD): an index-only
    count that stops there."""
    terms = ['s."listed" = 1', 's."read" = 0']
    params: list[Any] = []
    if q.feed_id is not None:
        terms.append('s."feed_id" = ?')
        params.append(q.feed_id)
    elif q.folder is not None:
        terms.append(f's."feed_id" IN ({_IN_FOLDER})')
        params.append(q.folder)
    sql = (
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {_STATE.format(index='entry_state_unread')}"
        f" WHERE {' AND '.join(terms)} LIMIT {FEW_UNREAD + 1})"
    )
    return int(database_proxy.execute_sql(sql, params).fetchone()[0]) <= FEW_UNREAD


def _state_index(q: ListQuery) -> str | None:
    """The entry_state index that drives the page, or None when the entry title or feed
    title order does. Today and the starred articles are small sets: read from their own
    index, then sorted, whatever the order."""
    if q.starred:
        return "entry_state_starred"
    if q.unread and _few_unread(q):
        return "entry_state_unread"
    if q.sort == "date" or q.view == "today":
        return "entry_state_feed" if q.feed_id is not None else "entry_state_shown"
    return None


def _order(q: ListQuery) -> str:
    d = " DESC" if q.descending else ""
    if q.sort == "title":
        return f'{_TITLE}{d}, e."id"{d}'
    if q.sort == "feed":
        return f'{_FEED_TITLE}{d}, f."id"{d}, s."sort_ts" DESC, s."entry_id" DESC'
    return f's."sort_ts"{d}, s."entry_id"{d}'


def source(q: ListQuery) -> str:
    """The FROM clause: which index drives the page (see the module docstring)."""
    index = _state_index(q)
    if index is not None:
        return (
            f"{_STATE.format(index=index)} CROSS JOIN {_FEED} ON {_ON_F}"
            f" CROSS JOIN {_ENTRY} ON {_ON_E}"
        )
    if q.sort == "title":
        index = "entry_feed_title" if q.feed_id is not None else "entry_title"
        return (
            f'{_ENTRY} INDEXED BY {index} CROSS JOIN "entry_state" AS s ON s."entry_id" = e."id"'
            f" CROSS JOIN {_FEED} ON {_ON_F}"
        )
    return (
        f"{_FEED} INDEXED BY feed_title CROSS JOIN {_STATE.format(index='entry_state_feed')}"
        f" ON {_ON_F} CROSS JOIN {_ENTRY} ON {_ON_E}"
    )


def _after(q: ListQuery, key: tuple[Any, ...]) -> tuple[list[str], list[Any]]:
    """Terms selecting the rows after ``key`` in the query's order."""
    later = "<" if q.descending else ">"
    if q.sort == "title":
        title, entry_id = key
        return (
            [f"{_TITLE} {later}= ?", f'({_TITLE}, e."id") {later} (?, ?)'],
            [title, title, entry_id],
        )
    if q.sort == "feed":
        feed_title, feed_id, sort_ts, entry_id = key
        return (
            [
                f'({_FEED_TITLE}, f."id") {later}= (?, ?)',
                '(f."id" != ? OR (s."sort_ts", s."entry_id") < (?, ?))',
            ],
            [feed_title, feed_id, feed_id, sort_ts, entry_id],
        )
    return [f'(s."sort_ts", s."entry_id") {later} (?, ?)'], list(key)


def _key(q: ListQuery, row: Sequence[Any]) -> tuple[Any, ...]:
    """The sort key of a result row (the columns of ``_COLUMNS``)."""
    if q.sort == "title":
        return (row[3], row[0])
    if q.sort == "feed":
        return (row[2], row[1], row[7], row[0])
    return (row[7], row[0])


def page_sql(
    q: ListQuery, limit: int | None, offset: int, after: tuple[Any, ...] | None = None
) -> tuple[str, list[Any]]:
    """The statement of one page and its parameters (``after``: the previous page's last key,
    which replaces ``offset``)."""
    terms, params = conditions(q)
    driver = source(q)
    if driver.startswith(f"{_ENTRY} INDEXED BY entry_feed_title"):
        terms.append('e."feed_id" = ?')  # the index's first column, for its seek
        params.append(q.feed_id)
    elif driver.startswith(_FEED):  # feeds drive: skip whole feeds in the outer loop
        terms.append('f."removed" = 0')
        if q.folder is not None:
            terms.append('f."folder" = ?')
            params.append(q.folder)
    if after is not None:
        more, values = _after(q, after)
        terms += more
        params += values
        offset = 0
    sql = (
        f"SELECT {_COLUMNS} FROM {driver} WHERE {' AND '.join(terms)}"
        f" ORDER BY {_order(q)} LIMIT ? OFFSET ?"
    )
    return sql, [*params, -1 if limit is None else limit, offset]


def list_entries(
    q: ListQuery, limit: int | None = None, offset: int = 0, cursors: Cursors | None = None
) -> list[EntrySummary]:
    """One page of the list; with ``cursors``, paged by key (see the module docstring)."""
    if q.feed_id is not None and q.sort == "feed":
        q = replace(q, sort="date", descending=True)  # one feed: newest first
    after = cursors.get(q, offset) if cursors is not None and offset > 0 else None
    rows = list(database_proxy.execute_sql(*page_sql(q, limit, offset, after)).fetchall())
    if cursors is not None and rows:
        cursors.put(q, offset + len(rows), _key(q, rows[-1]))
    return [summary_from_row(row) for row in rows]
