"""Article pages: the raw pages kept (zlib-compressed) for re-extraction and story re-checks,
and the pages still to fetch for the articles a subscription stored.

``load_page`` and ``awaited_pages`` read on the caller's own connection (WAL: a reader never
waits for the writer); the others are writes, run inside a ``Writer`` job.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence

from newsreader.core.storage.records import MetaRecord, PageRecord
from newsreader.core.storage.rows import fetch_rows
from newsreader.core.types import FetchResult

# Subscribing stores a feed's articles at once, but leaves their pages to the feed's first
# refresh (which may well get a 304 for the feed itself): one row per feed under this prefix
# holds the ids of its articles still waiting for their page.
_AWAITED = "pages_awaited:"


def store_page(result: FetchResult, now: float) -> None:
    values = dict(
        fetched_at=now,
        content_type=result.content_type,
        etag=result.etag,
        last_modified=result.last_modified,
        body=zlib.compress(result.content, 6),
    )
    PageRecord.insert(url=result.url, **values).on_conflict(
        conflict_target=[PageRecord.url], update=values
    ).execute()


def load_page(url: str) -> tuple[bytes, str] | None:
    """The kept page of ``url`` and its content type, if it was fetched before."""
    rec = PageRecord.get_or_none(PageRecord.url == url)
    if rec is None:
        return None
    return zlib.decompress(rec.body), rec.content_type


def await_pages(feed_id: int, entry_ids: Sequence[int]) -> None:
    """Note the articles of a feed stored without their page, for its next refresh to fetch
    (none: forget any noted before, under an id a removed feed may have had)."""
    key = f"{_AWAITED}{feed_id}"
    if entry_ids:
        ids = json.dumps(list(entry_ids))
        MetaRecord.insert(key=key, value=ids).on_conflict_replace().execute()
    else:
        pages_taken(feed_id)


def awaited_pages() -> dict[int, list[int]]:
    """{feed id: ids of its articles still waiting for their page} (``await_pages``). One
    query, for a whole refresh: only articles of that feed that no page was read for yet
    count (an id noted for a feed removed since may belong to another article now)."""
    sql = (
        'SELECT e."feed_id", e."id" FROM "meta" AS m, json_each(m."value") AS j'
        ' JOIN "entry" AS e ON e."id" = j."value"'
        ' WHERE m."key" GLOB ? AND e."feed_id" = CAST(substr(m."key", ?) AS INTEGER)'
        ' AND e."extraction" = \'\' ORDER BY j."key"'
    )
    found: dict[int, list[int]] = {}
    for feed_id, entry_id in fetch_rows(sql, (f"{_AWAITED}*", len(_AWAITED) + 1)):
        found.setdefault(int(feed_id), []).append(int(entry_id))
    return found


def pages_taken(feed_id: int) -> None:
    """The refresh of a feed has taken the articles waiting for their page."""
    MetaRecord.delete().where(MetaRecord.key == f"{_AWAITED}{feed_id}").execute()
