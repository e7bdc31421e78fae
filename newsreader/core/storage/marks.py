"""Read marks: for some articles, or for everything a feed, folder or view lists.

Writer jobs. A mark is one narrow ``entry_state`` row (migration 5), so marking all 140,000
unread articles of a 200,000-article cache read is one indexed read of their ids and one
update by id, well under the 300 ms the issue allows, and the ids it returns are the undo
(``mark_read(ids, False)``).

The copies of an article in several feeds share their read mark: every member of a
"story" (same URL) is marked with it. Stories of one article are rare (a few percent), so a
large selection looks them all up in one pass over ``entry_state_story`` instead of one
lookup per article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from newsreader.core.storage.listing import ListQuery, View, conditions
from newsreader.core.storage.records import database_proxy
from newsreader.core.storage.rows import fetch_rows

# Up to this many articles, their story mates are looked up by id; past it, all shared
# stories are read in one pass (about 8,000 rows at 200,000 articles).
_LOOKUP_MAX = 2000
# From this many articles on, a mark-all-read updates in one pass over the table in its
# order: 136,000 rows in 100 ms, where a lookup per id took 260 ms.
_PASS_FROM = 20_000


def _ids_json(ids: Iterable[int]) -> str:
    """A list of ids as one parameter, for ``json_each``: SQLite allows 32,766 parameters, a
    mark-all-read may pass 200,000 ids."""
    return json.dumps([int(i) for i in ids])


def story_members(entry_ids: Sequence[int]) -> set[int]:
    """The ids of the articles and of their copies in other feeds (existing ones only, and
    possibly ids of deleted first copies: harmless to an update by id)."""
    if len(entry_ids) <= _LOOKUP_MAX:
        given = _ids_json(entry_ids)
        sql = (
            'SELECT "entry_id" FROM "entry_state" INDEXED BY entry_state_story WHERE "story" IN'
            ' (SELECT "story" FROM "entry_state" WHERE "entry_id" IN (SELECT "value" FROM'
            ' json_each(?))) AND "story" != "entry_id" UNION SELECT "story" FROM "entry_state"'
            ' WHERE "entry_id" IN (SELECT "value" FROM json_each(?))'
        )
        return {int(i) for (i,) in fetch_rows(sql, (given, given))} | set(entry_ids)
    groups: dict[int, list[int]] = {}
    sql = (
        'SELECT "story", "entry_id" FROM "entry_state" INDEXED BY entry_state_story'
        ' WHERE "story" != "entry_id"'
    )
    for story, entry_id in fetch_rows(sql):
        groups.setdefault(story, [story]).append(entry_id)
    members = set(entry_ids)
    for group in groups.values():
        if not members.isdisjoint(group):
            members.update(group)
    return members


def _set_read(entry_ids: Iterable[int], read: bool) -> int:
    sql = (
        'UPDATE "entry_state" SET "read" = ? WHERE "entry_id" IN (SELECT "value" FROM'
        ' json_each(?)) AND "read" != ?'
    )
    params = (int(read), _ids_json(entry_ids), int(read))
    return int(database_proxy.execute_sql(sql, params).rowcount)


def mark_read(entry_ids: Sequence[int], read: bool) -> None:
    """Writer job: mark articles (and their copies) read or unread."""
    if entry_ids:
        _set_read(story_members(entry_ids), read)


def _unread_terms(
    *, feed_id: int | None, folder: str | None, view: View, today_start: float
) -> tuple[str, list[Any], str]:
    """(WHERE over ``s``, its parameters, the index that finds the rows) of the unread
    articles a feed, folder or view lists: the terms of its article list."""
    query = ListQuery(today_start, feed_id=feed_id, folder=folder, view=view, unread_only=True)
    terms, params = conditions(query)
    if view == "starred":
        index = "entry_state_starred"
    elif view == "today":
        index = "entry_state_feed" if feed_id is not None else "entry_state_shown"
    else:  # every listed unread article is in it: an index-only read
        index = "entry_state_unread"
    return " AND ".join(terms), params, index


def mark_all_read(
    *, feed_id: int | None, folder: str | None, view: View, today_start: float
) -> list[int]:
    """Writer job: mark everything a feed, folder or view lists read, and the copies of those
    articles in other feeds; returns exactly the ids it marked (the undo)."""
    where, params, index = _unread_terms(
        feed_id=feed_id, folder=folder, view=view, today_start=today_start
    )
    # One JSON text rather than 140,000 rows: half the time to reach Python.
    sql = (
        f'SELECT json_group_array(s."entry_id") FROM "entry_state" AS s INDEXED BY {index}'
        f" WHERE {where}"
    )
    ids: list[int] = json.loads(fetch_rows(sql, params)[0][0])
    if not ids:
        return []
    mates = story_members(ids).difference(ids)
    if len(ids) >= _PASS_FROM:  # the same terms, in this transaction: the same rows
        sql = f'UPDATE "entry_state" AS s NOT INDEXED SET "read" = 1 WHERE {where}'
        database_proxy.execute_sql(sql, params)
    else:
        _set_read(ids, True)
    if mates:  # only those still unread are marked (and undone)
        sql = (
            'SELECT "entry_id" FROM "entry_state" WHERE "entry_id" IN (SELECT "value" FROM'
            ' json_each(?)) AND "read" = 0'
        )
        extra = sorted(int(i) for (i,) in fetch_rows(sql, (_ids_json(mates),)))
        _set_read(extra, True)
        ids += extra
    return ids
