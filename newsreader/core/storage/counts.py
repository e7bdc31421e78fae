"""Unread counts for the feed tree and the smart views, read from indexes only.

The window re-reads them after every change (an article opened is an article read), on the
GUI thread, so they must stay far below its 50 ms budget at 200,000 articles. The per-feed
unread figures come from one index-only scan of the narrow ``entry_state`` (its partial index
of unread articles), the totals from ``feed_total``, kept by triggers (a read mark does not
change them, and counting them took another 200,000-row scan); the views add from them, and
from two short index ranges (starred, today). Nothing here reads the wide ``entry`` rows.

The per-feed figures are kept per reading connection until the database changes (SQLite's
``data_version`` for other connections' commits, ``total_changes`` for its own): ``feeds()``
and ``view_counts()`` run back to back after each change and share one scan.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from newsreader.core.storage.records import database_proxy
from newsreader.core.storage.rows import fetch_rows

_UNREAD = (
    'SELECT "feed_id", "single", COUNT(*) FROM "entry_state" INDEXED BY entry_state_unread'
    ' WHERE "listed" = 1 AND "read" = 0 GROUP BY "feed_id", "single"'
)
_TOTAL = 'SELECT "feed_id", "listed" FROM "feed_total"'
_REMOVED = 'SELECT "id" FROM "feed" WHERE "removed"'
_STARRED = (
    'SELECT COUNT(*) FROM "entry_state" INDEXED BY entry_state_starred'
    ' WHERE "starred" = 1 AND "single" = 1 AND "read" = 0'
)
_TODAY = (
    'SELECT COUNT(*) FROM "entry_state" INDEXED BY entry_state_shown WHERE "listed" = 1 AND'
    ' "single" = 1 AND "sort_ts" >= ? AND "read" = 0 AND "feed_id" NOT IN (SELECT "id" FROM'
    ' "feed" WHERE "removed")'
)
STATEMENTS = {"unread": _UNREAD, "total": _TOTAL, "starred": _STARRED, "today": _TODAY}


@dataclass(frozen=True)
class Tallies:
    """Per feed: listed unread articles, those of them not copies of another feed's article
    (what the views across feeds count), and listed articles."""

    unread: dict[int, int]
    single_unread: dict[int, int]
    total: dict[int, int]
    removed: frozenset[int]


_memo = threading.local()


def _version() -> tuple[object, int, int]:
    conn = database_proxy.connection()
    data_version = int(fetch_rows("PRAGMA data_version")[0][0])
    return conn, data_version, int(conn.total_changes)


def tallies() -> Tallies:
    """The per-feed figures, read again only when the database changed."""
    conn, data_version, changes = _version()
    cached = getattr(_memo, "value", None)
    if cached is not None and cached[0] is conn and cached[1:3] == (data_version, changes):
        return cached[3]  # type: ignore[no-any-return]
    unread: dict[int, int] = {}
    single: dict[int, int] = {}
    for feed_id, is_single, count in fetch_rows(_UNREAD):
        unread[feed_id] = unread.get(feed_id, 0) + count
        if is_single:
            single[feed_id] = count
    total = {int(feed_id): int(n) for feed_id, n in fetch_rows(_TOTAL)}
    removed = frozenset(feed_id for (feed_id,) in fetch_rows(_REMOVED))
    value = Tallies(unread, single, total, removed)
    _memo.value = (conn, data_version, changes, value)
    return value


def feed_counts() -> dict[int, tuple[int, int]]:
    """{feed id: (listed unread, listed)}."""
    t = tallies()
    return {feed_id: (t.unread.get(feed_id, 0), total) for feed_id, total in t.total.items()}


def feed_count(feed_id: int) -> tuple[int, int]:
    """(listed unread, listed) of one feed: an index range and a row."""
    sql = (
        'SELECT COUNT(*) FROM "entry_state" INDEXED BY entry_state_unread WHERE "feed_id" = ?'
        ' AND "listed" = 1 AND "read" = 0'
    )
    unread = fetch_rows(sql, (feed_id,))
    total = fetch_rows('SELECT "listed" FROM "feed_total" WHERE "feed_id" = ?', (feed_id,))
    return int(unread[0][0]), int(total[0][0]) if total else 0


def view_counts(today_start: float) -> dict[str, int]:
    """Unread articles of each smart view (an article two feeds list counts once)."""
    t = tallies()
    unread = sum(n for feed_id, n in t.single_unread.items() if feed_id not in t.removed)
    return {
        "all": unread,
        "unread": unread,
        "starred": int(fetch_rows(_STARRED)[0][0]),
        "today": int(fetch_rows(_TODAY, (today_start,))[0][0]),
    }
