"""Full-text search and saved searches.

The index is the FTS5 table ``entry_fts`` over each article's title, author and text, kept in
step with ``entry`` by triggers (migration 4). What the reader typed becomes a safe FTS5 query
in ``searchquery``; this module runs it.

Which articles: those the article list could show: listed articles of live feeds, and
starred ones wherever they are (a removed feed's kept stars); across feeds an article listed
by two feeds shows once. ``view`` narrows further ("unread", "starred", "today"). The filters
read ``entry_state`` (migration 5), the narrow copy of what the lists filter by.

Order: by relevance (FTS5's bm25; a match in the title weighs five times one in the text,
the author twice), newest first among equal scores; or newest first (``order="newest"``).
Relevance is the default of a search typed in the box: it looks for a story, and the list's
date column still sorts by date when the reader asks. Saved searches, shown as smart views,
read like feeds: newest first.

Speed (the goal: first results within 100 ms at 200,000 articles). Ranking every match of a
word found in most articles costs ~0.3 s there (bm25 and the article lookup for each of
~190,000 matches). So the order is exact over the newest ``RANK_WINDOW`` matching articles
(by arrival: the index's rowid is the article id), which FTS5 reads newest first and stops
after; older matches follow them, newest first. A search with fewer matches than that,
which is most searches, is ranked exactly. Measured on the synthetic 200,000-article cache
(bench/search.py, where most words are in ~95% of the articles): first page of such a word
15-25 ms, of a phrase of two such words 55-70 ms, of a prefix with many words ("pem*") ~145 ms
(FTS5 merges the posting lists of every word it starts; see ``searchquery._MIN_PREFIX``).
``count`` visits every match: 40-110 ms for such words.

Saved searches are rows of ``saved_search``; their unread counts are one ``count`` each.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any, Literal

import peewee

from newsreader.core.errors import SavedSearchNotFoundError
from newsreader.core.search.index import index_damage
from newsreader.core.search.syntax import parse
from newsreader.core.storage.records import database_proxy
from newsreader.core.storage.rows import summary_from_row
from newsreader.core.types import EntrySummary, SavedSearch, View

log = logging.getLogger(__name__)

Order = Literal["relevance", "newest"]

# bm25 weights of the columns title, author, text (the order of migration 4).
_RANK = "bm25(entry_fts, 5.0, 2.0, 1.0)"
_COLUMNS = (
    'm."entry_id", m."feed_id", f."title", e."title", e."url", e."published_ts",'
    ' e."published_offset", m."sort_ts", m."read", m."starred"'
)
# The filters read the narrow "entry_state" (migration 5), never the article rows, fat with
# their text: CROSS JOIN keeps that order, so only the matches kept reach "entry".
_MATCHES = (
    'entry_fts CROSS JOIN "entry_state" AS m ON m."entry_id" = entry_fts.rowid'
    ' CROSS JOIN "feed" AS f ON f."id" = m."feed_id"'
)
RANK_WINDOW = 2000
MAX_NAME = 200


def _execute(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run a search statement. The query text is built to be valid FTS5 whatever the input;
    should the tokenizer still refuse it, the search finds nothing instead of failing. A
    damaged index is a StorageError (``index.index_damage``)."""
    try:
        with index_damage():
            return list(database_proxy.execute_sql(sql, params).fetchall())
    except (sqlite3.OperationalError, peewee.OperationalError) as exc:
        if "fts5" not in str(exc):
            raise
        log.warning("search query refused by FTS5 (%s): %r", exc, params[0])
        return []


def _where(feed_id: int | None, view: View, today_start: float, params: list[Any]) -> str:
    """The conditions besides MATCH (see the module docstring), appending their parameters."""
    shown = '(m."starred" OR (f."removed" = 0 AND m."listed"))'
    if feed_id is not None:
        conditions = [shown, 'm."feed_id" = ?']
        params.append(feed_id)
    else:
        conditions = [shown, 'm."single"']
    if view == "unread":
        conditions.append('m."read" = 0')
    elif view == "starred":
        conditions.append('m."starred"')
    elif view == "today":
        conditions.append('m."sort_ts" >= ?')
        params.append(today_start)
    return " AND ".join(conditions)


def search_sql(
    match: str,
    *,
    today_start: float,
    feed_id: int | None = None,
    view: View = "all",
    before: int | None = None,
    limit: int = RANK_WINDOW,
    offset: int = 0,
    ranked: bool = True,
) -> tuple[str, list[Any]]:
    """A statement over the matches of an FTS5 expression, newest article id first, each row
    the summary columns and its score; ``before``: only articles with a smaller id. The index
    drives it (MATCH, read in rowid order without sorting), each match reaching its article
    and feed by primary key, so it stops after ``limit`` rows passing the filters."""
    params: list[Any] = [match]
    where = _where(feed_id, view, today_start, params)
    if before is not None:
        where += " AND entry_fts.rowid < ?"
        params.append(before)
    score = _RANK if ranked else "0"
    sql = (
        f'SELECT {_COLUMNS}, {score} FROM {_MATCHES} CROSS JOIN "entry" AS e'
        f' ON e."id" = m."entry_id" WHERE entry_fts MATCH ? AND {where}'
        " ORDER BY entry_fts.rowid DESC LIMIT ? OFFSET ?"
    )
    return sql, [*params, limit, offset]


def search(
    query: str,
    *,
    today_start: float,
    limit: int = 200,
    offset: int = 0,
    feed_id: int | None = None,
    view: View = "all",
    order: Order = "relevance",
) -> list[EntrySummary]:
    """Articles matching what the reader typed, in ``order`` (see the module docstring); []
    when there is nothing to look for."""
    match = parse(query).fts()
    if match is None or limit <= 0:
        return []
    offset = max(offset, 0)
    filters: dict[str, Any] = {"today_start": today_start, "feed_id": feed_id, "view": view}
    size = RANK_WINDOW
    window = _execute(*search_sql(match, limit=size, ranked=order == "relevance", **filters))
    if order == "relevance":
        window.sort(key=lambda row: (row[10], -row[7], -row[0]))
    else:
        window.sort(key=lambda row: (-row[7], -row[0]))
    rows = window[offset : offset + limit]
    if len(window) == size and offset + limit > size:  # past the window
        boundary = min(row[0] for row in window)
        more = offset + limit - max(offset, size)
        skip = max(0, offset - size)
        tail = search_sql(match, before=boundary, limit=more, offset=skip, ranked=False, **filters)
        rows += _execute(*tail)
    return [summary_from_row(row[:10]) for row in rows]


def count(query: str, *, today_start: float, feed_id: int | None = None, view: View = "all") -> int:
    """How many articles ``search`` would list in all (``view="unread"``: the unread ones)."""
    match = parse(query).fts()
    if match is None:
        return 0
    params: list[Any] = [match]
    where = _where(feed_id, view, today_start, params)
    sql = f"SELECT COUNT(*) FROM {_MATCHES} WHERE entry_fts MATCH ? AND {where}"
    rows = _execute(sql, params)
    return int(rows[0][0]) if rows else 0


# -- saved searches ---------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValueError("a saved search needs a name")
    if len(name) > MAX_NAME:
        raise ValueError(f"a saved search's name may have at most {MAX_NAME} characters")
    return name


def _check_unique(name: str, except_id: int | None = None) -> None:
    rows = database_proxy.execute_sql(
        'SELECT "id" FROM "saved_search" WHERE lower("name") = lower(?)', [name]
    ).fetchall()
    if any(row[0] != except_id for row in rows):
        raise ValueError(f"there is already a saved search named “{name}”")


def saved_searches(*, counts: bool, today_start: float) -> list[SavedSearch]:
    """Every saved search by name; with ``counts``, each with its unread matches."""
    rows = database_proxy.execute_sql(
        'SELECT "id", "name", "query" FROM "saved_search" ORDER BY lower("name"), "id"'
    ).fetchall()
    return [
        SavedSearch(
            int(search_id),
            str(name),
            str(text),
            count(text, today_start=today_start, view="unread") if counts else 0,
        )
        for search_id, name, text in rows
    ]


def get_saved(search_id: int) -> SavedSearch:
    row = database_proxy.execute_sql(
        'SELECT "id", "name", "query" FROM "saved_search" WHERE "id" = ?', [search_id]
    ).fetchone()
    if row is None:
        raise SavedSearchNotFoundError(f"no saved search with id {search_id}")
    return SavedSearch(int(row[0]), str(row[1]), str(row[2]))


def save_search(name: str, query: str, *, now: float) -> SavedSearch:
    """Writer job: store a named search. Raises ValueError for an empty or taken name, or a
    query with nothing to look for."""
    name = _clean_name(name)
    query = query.strip()
    if parse(query).empty:
        raise ValueError("the search has no word to look for")
    _check_unique(name)
    cursor = database_proxy.execute_sql(
        'INSERT INTO "saved_search" ("name", "query", "created_at") VALUES (?, ?, ?)',
        [name, query, now],
    )
    return SavedSearch(int(cursor.lastrowid), name, query)


def rename_search(search_id: int, name: str) -> SavedSearch:
    """Writer job: give a saved search another name."""
    found = get_saved(search_id)
    name = _clean_name(name)
    _check_unique(name, except_id=search_id)
    database_proxy.execute_sql(
        'UPDATE "saved_search" SET "name" = ? WHERE "id" = ?', [name, search_id]
    )
    return SavedSearch(found.id, name, found.query)


def delete_search(search_id: int) -> None:
    """Writer job: forget a saved search (its articles stay)."""
    get_saved(search_id)
    database_proxy.execute_sql('DELETE FROM "saved_search" WHERE "id" = ?', [search_id])
