"""Bringing the search index up to date with the articles stored since it last was.

New articles are indexed in batches, not one by one as they are inserted (migration 7: one
statement for 25,000 articles takes 0.07 s, one per article 1.0 s). The mark of what is
indexed is "search_indexed"."upto", an article id: every article at or below it is indexed
(migration 8 keeps that true when SQLite reuses an id); the ones above it wait here. Runs at the end
of each refresh and before every search, so a search always sees every stored article.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import peewee

from newsreader.core.errors import StorageError
from newsreader.core.storage.records import database_proxy

if TYPE_CHECKING:
    from newsreader.core.storage.writer import Writer

# What SQLite says when the index's own blocks are damaged: FTS5 reports corruption as a
# malformed database, cannot build the table from a damaged structure record, or finds a
# config it does not know.
_DAMAGED = ("malformed", "vtable constructor failed", "invalid fts5 file format", "corrupt")


@contextmanager
def index_damage() -> Iterator[None]:
    """Raise a damaged index as StorageError: a failure of the file, not of our code, and one
    that leaves the articles and every other command usable."""
    try:
        yield
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        if not any(word in str(exc).lower() for word in _DAMAGED):
            raise
        raise StorageError(f"the search index is damaged ({exc})") from exc


_PENDING = (
    'SELECT EXISTS (SELECT 1 FROM "entry" WHERE "id" > (SELECT "upto" FROM "search_indexed"))'
)


def has_pending() -> bool:
    """Whether articles wait for indexing (a read: any thread)."""
    return bool(database_proxy.execute_sql(_PENDING).fetchone()[0])


def index_pending() -> int:
    """Index the articles above the mark and raise it. A writer job. Returns how many."""
    (upto,) = database_proxy.execute_sql('SELECT "upto" FROM "search_indexed"').fetchone()
    with index_damage():
        cursor = database_proxy.execute_sql(
            "INSERT INTO entry_fts(rowid, title, author, text)"
            ' SELECT "id", "title", "author", "text" FROM "entry" WHERE "id" > ? ORDER BY "id"',
            [upto],
        )
    added = max(int(cursor.rowcount), 0)
    database_proxy.execute_sql(
        'UPDATE "search_indexed" SET "upto" = MAX("upto", COALESCE((SELECT MAX("id") FROM'
        ' "entry"), 0))'
    )
    return added


def catch_up(writer: Writer) -> None:
    """Index, on the writer, the articles stored since the last refresh ended (an import, a
    refresh under way), if any: a search then sees every stored article."""
    if has_pending():
        writer.call(index_pending)
