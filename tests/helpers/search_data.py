"""Articles written straight into a test library, for search and retention tests."""

from __future__ import annotations

import itertools
from typing import Any

from newsreader.core.library import Library
from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import EntryRecord, EntryStateRecord, FeedRecord

_guids = itertools.count(1)


def add_feed(lib: Library, title: str = "Feed", **values: Any) -> int:
    """A subscription; ``values``: other columns (removed=True, keep_days=3...)."""
    n = next(_guids)

    def insert() -> int:
        url = f"https://feed{n}.example/rss"
        feed_id = storage.insert_feed(url, now=lib.clock(), kind="feed", title=title)
        if values:
            FeedRecord.update(**values).where(FeedRecord.id == feed_id).execute()
        return feed_id

    return lib.writer.call(insert)


def add_entry(
    lib: Library,
    feed_id: int,
    title: str,
    text: str = "",
    *,
    ts: float | None = None,
    **values: Any,
) -> int:
    """A stored article; ``ts`` is its published time (default: the library's clock)."""
    when = lib.clock() if ts is None else ts
    read = bool(values.pop("read", False))
    n = next(_guids)
    row = {
        "feed": feed_id,
        "guid": f"guid-{n}",
        "url": f"https://site.example/news/{n}",
        "title": title,
        "text": text,
        "html": f"<p>{text}</p>" if text else "",
        "published_ts": when,
        "sort_ts": when,
        "added_at": values.pop("added_at", when),
        "extraction": "generic",
        **values,
    }
    entry_id = lib.writer.call(lambda: int(EntryRecord.insert(**row).execute()))
    if read:
        set_read(lib, entry_id)
    return entry_id


def set_read(lib: Library, entry_id: int, read: bool = True) -> None:
    """The read mark alone (it lives in ``entry_state``), not shared with copies."""
    lib.writer.call(
        lambda: (
            EntryStateRecord.update(read=read)
            .where(EntryStateRecord.entry_id == entry_id)
            .execute()
        )
    )


def update_entry(lib: Library, entry_id: int, **values: Any) -> None:
    lib.writer.call(
        lambda: EntryRecord.update(**values).where(EntryRecord.id == entry_id).execute()
    )


def fts_integrity(lib: Library) -> None:
    """Raises if the index differs from the articles (FTS5's own check, external content),
    once the articles waiting for indexing are in, as before any search."""
    from newsreader.core.search import index as search_index

    lib.writer.call(search_index.index_pending)
    lib.writer.call(
        lambda: EntryRecord._meta.database.execute_sql(
            "INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)"
        )
    )


# Garbage of the same length in every block (the same on every run, unlike randomblob).
GARBAGE = "CAST(substr(replace(hex(zeroblob(length(block))), '0', 'Z'), 1, length(block)) AS BLOB)"
