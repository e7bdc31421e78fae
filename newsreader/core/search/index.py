"""Bringing the search index up to date with the articles stored since it last was.

New articles are indexed in batches, not one by one as they are inserted (migration 7: one
statement for 25,000 articles takes 0.07 s, one per article 1.0 s). The mark of what is
indexed is "search_indexed"."upto", an article id: every article at or below it is indexed
(migration 8 keeps that true when SQLite reuses an id); the ones above it wait here. Runs at the end
of each refresh and before every search, so a search always sees every stored article.
"""

from __future__ import annotations

from newsreader.core.storage.records import database_proxy

_PENDING = (
    'SELECT EXISTS (SELECT 1 FROM "entry" WHERE "id" > (SELECT "upto" FROM "search_indexed"))'
)


def has_pending() -> bool:
    """Whether articles wait for indexing (a read: any thread)."""
    return bool(database_proxy.execute_sql(_PENDING).fetchone()[0])


def index_pending() -> int:
    """Index the articles above the mark and raise it. A writer job. Returns how many."""
    (upto,) = database_proxy.execute_sql('SELECT "upto" FROM "search_indexed"').fetchone()
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
