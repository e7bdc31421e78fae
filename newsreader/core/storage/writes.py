"""Write operations. Each function runs inside a ``Writer`` job (one transaction). Kept pages
are written (and read) in ``pages``.

Read state and stars are only ever changed by the reader's own commands: feed updates
touch content columns alone, so a refresh can never undo a star or a read mark.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsreader.core.errors import FeedExistsError
from newsreader.core.storage import marks
from newsreader.core.storage.ingest import Prepared, ingest
from newsreader.core.storage.listing import View
from newsreader.core.storage.records import (
    EntryImageRecord,
    EntryRecord,
    FeedRecord,
    ImageRecord,
    MetaRecord,
    database_proxy,
)
from newsreader.core.storage.rows import related_to_json, to_stamp
from newsreader.core.types import ExtractedArticle, ParsedFeed

_BATCH = 500  # SQLite's variable limit is generous, but keep IN lists modest


def insert_feed(
    url: str,
    *,
    now: float,
    kind: str = "auto",
    title: str = "",
    site_url: str = "",
    folder: str = "",
    full_article: bool | None = None,
    builtin: bool = False,
) -> int:
    existing = FeedRecord.get_or_none(FeedRecord.url == url)
    if existing is not None and not existing.removed:
        raise FeedExistsError(url, f"already subscribed as “{existing.title or url}”")
    values = dict(
        kind=kind,
        title=title,
        site_url=site_url,
        folder=folder,
        full_article=full_article,
        builtin=builtin,
        removed=False,
        next_fetch_at=0.0,
        last_error="",
        error_count=0,
    )
    if existing is not None:  # re-subscribing to a feed whose starred articles were kept
        # A new subscription: the notices and summary view chosen for the old one ended with it.
        values.update(notify=False, show_summary=False)
        FeedRecord.update(**values).where(FeedRecord.id == existing.id).execute()
        return int(existing.id)
    return int(FeedRecord.insert(url=url, added_at=now, **values).execute())


_FEED_ROW = 'SELECT "title", "site_url", "url" FROM "feed" WHERE "id" = ?'
_URL_TAKEN = 'SELECT 1 FROM "feed" WHERE "url" = ?'


def apply_feed(
    feed_id: int,
    parsed: ParsedFeed,
    *,
    now: float,
    next_fetch_at: float,
    etag: str | None,
    last_modified: str | None,
    url: str | None = None,
    body_hash: str | None = None,
    feed_only: bool = False,
    prepared: Prepared | None = None,
) -> tuple[list[int], int]:
    """Store a parsed feed: insert new entries, update changed ones. Returns (new ids, updated);
    nothing for a feed removed meanwhile. ``prepared``: see ``ingest.prepare``."""
    # Plain SQL on the per-feed paths: peewee spends ~0.3 ms building each query, paid by a
    # refresh of 500 feeds thousands of times.
    row = database_proxy.execute_sql(_FEED_ROW, [feed_id]).fetchone()
    if row is None:
        return [], 0
    title, site_url, stored_url = row
    changes: dict[str, object] = dict(
        kind=parsed.kind,
        title=title or parsed.title,
        site_url=parsed.site_url or site_url,
        etag=etag,
        last_modified=last_modified,
        ttl_minutes=parsed.ttl_minutes,
        last_fetched_at=now,
        next_fetch_at=next_fetch_at,
        last_error="",
        error_count=0,
        paused=False,
        body_hash=body_hash,
    )
    if url and url != stored_url and not database_proxy.execute_sql(_URL_TAKEN, [url]).fetchone():
        changes["url"] = url
    _update_feed_row(feed_id, changes)
    base = url or stored_url
    return ingest(feed_id, parsed.entries, base=base, now=now, feed_only=feed_only,
                  prepared=prepared)  # fmt: skip


def _update_feed_row(feed_id: int, changes: dict[str, object]) -> None:
    fields = FeedRecord._meta.fields
    columns = ", ".join(f'"{fields[name].column_name}" = ?' for name in changes)
    values = [fields[name].db_value(value) for name, value in changes.items()]
    database_proxy.execute_sql(f'UPDATE "feed" SET {columns} WHERE "id" = ?', [*values, feed_id])


def record_feed_error(
    feed_id: int,
    message: str,
    *,
    now: float,
    next_fetch_at: float,
    error_count: int,
    paused: bool = False,
) -> None:
    changes: dict[str, object] = dict(
        last_error=message,
        error_count=error_count,
        last_fetched_at=now,
        next_fetch_at=next_fetch_at,
    )
    if paused:
        changes["paused"] = True
    _update_feed_row(feed_id, changes)


def record_not_modified(
    feed_id: int,
    *,
    now: float,
    next_fetch_at: float,
    etag: str | None = None,
    last_modified: str | None = None,
) -> None:
    changes: dict[str, object] = dict(
        last_fetched_at=now, next_fetch_at=next_fetch_at, last_error="", error_count=0
    )
    if etag or last_modified:  # a 304 may carry fresher validators
        changes.update(etag=etag, last_modified=last_modified)
    _update_feed_row(feed_id, changes)


def store_article(entry_id: int, art: ExtractedArticle, *, now: float) -> None:
    """Save what extraction produced; the published time of the feed wins over the page's."""
    entry = EntryRecord.get_by_id(entry_id)
    values: dict[str, object] = dict(
        html=art.html,
        text=art.text,
        origin=art.origin,
        related_json=related_to_json(art.related),
        extraction=art.method,
        extraction_note=art.note,
        lead_image=art.lead_image or entry.lead_image,
        fetched_at=now,
    )
    if art.title and not entry.title:
        values["title"] = art.title
    if art.author and not entry.author:
        values["author"] = art.author
    if entry.published_ts is None and art.published is not None:
        ts, offset = to_stamp(art.published)
        values.update(published_ts=ts, published_offset=offset, sort_ts=ts)
    EntryRecord.update(**values).where(EntryRecord.id == entry_id).execute()
    link_images(entry_id, art.images)


def link_images(entry_id: int, urls: Sequence[str]) -> None:
    EntryImageRecord.delete().where(EntryImageRecord.entry == entry_id).execute()
    rows = [
        {"entry": entry_id, "url": url, "position": i} for i, url in enumerate(dict.fromkeys(urls))
    ]
    for start in range(0, len(rows), _BATCH):
        EntryImageRecord.insert_many(rows[start : start + _BATCH]).execute()


def store_image(
    url: str, *, sha256: str, path: str, mime: str, size: int, error: str, now: float
) -> None:
    values = dict(sha256=sha256, path=path, mime=mime, size=size, error=error, fetched_at=now)
    ImageRecord.insert(url=url, **values).on_conflict(
        conflict_target=[ImageRecord.url], update=values
    ).execute()


def insert_related_entry(feed_id: int, url: str, title: str, *, now: float) -> int:
    """An article reached through a related link: stored with its source's feed, unlisted."""
    found = EntryRecord.get_or_none((EntryRecord.feed == feed_id) & (EntryRecord.guid == url))
    if found is not None:
        return int(found.id)
    return int(
        EntryRecord.insert(
            feed=feed_id, guid=url, url=url, title=title, sort_ts=now, added_at=now, listed=False
        ).execute()
    )


def _same_article(ids: object) -> object:
    """Entries that are the given ones or copies of them (same URL, in other feeds)."""
    urls = EntryRecord.select(EntryRecord.url).where(
        EntryRecord.id.in_(ids) & (EntryRecord.url != "")
    )
    return EntryRecord.id.in_(ids) | EntryRecord.url.in_(urls)


def mark_read(entry_ids: Sequence[int], read: bool) -> None:
    """Mark articles and their copies read or unread (``marks``: the narrow state rows)."""
    marks.mark_read(entry_ids, read)


def mark_all_read(
    *, feed_id: int | None, folder: str | None, view: View, today_start: float
) -> list[int]:
    """Mark what a feed, folder or view lists read; returns the ids marked (``marks``)."""
    return marks.mark_all_read(feed_id=feed_id, folder=folder, view=view, today_start=today_start)


def set_starred(entry_id: int, starred: bool, *, now: float) -> None:
    EntryRecord.update(starred=starred, starred_at=now if starred else None).where(
        _same_article([entry_id])
    ).execute()


def update_feed(feed_id: int, changes: dict[str, object]) -> None:
    FeedRecord.update(**changes).where(FeedRecord.id == feed_id).execute()


def remove_feed(feed_id: int, *, keep_starred: bool) -> None:
    gone = EntryRecord.select(EntryRecord.id).where(EntryRecord.feed == feed_id)
    if keep_starred:
        gone = gone.where(~EntryRecord.starred)
    EntryRecord.update(duplicate_of=None).where(EntryRecord.duplicate_of.in_(gone)).execute()
    if (
        keep_starred
        and EntryRecord.select().where((EntryRecord.feed == feed_id) & EntryRecord.starred).exists()
    ):
        EntryRecord.delete().where((EntryRecord.feed == feed_id) & ~EntryRecord.starred).execute()
        FeedRecord.update(removed=True, etag=None, last_modified=None).where(
            FeedRecord.id == feed_id
        ).execute()
        return
    FeedRecord.delete().where(FeedRecord.id == feed_id).execute()


def get_meta(key: str) -> str | None:
    rec = MetaRecord.get_or_none(MetaRecord.key == key)
    return rec.value if rec is not None else None


def set_meta(key: str, value: str) -> None:
    MetaRecord.insert(key=key, value=value).on_conflict_replace().execute()


_DEFAULTS_KEY = "defaults_added"


def add_builtin_feeds(
    feeds: Sequence[tuple[str, str, str, str]], *, clock: Callable[[], float]
) -> bool:
    """Store the built-in subscriptions (url, title, folder, kind) unless they were stored once
    already: a reader who removed one keeps it removed. True if stored now."""
    if get_meta(_DEFAULTS_KEY):
        return False
    for url, title, folder, kind in feeds:
        if not FeedRecord.select().where(FeedRecord.url == url).exists():
            insert_feed(url, now=clock(), kind=kind, title=title, folder=folder, builtin=True)
    set_meta(_DEFAULTS_KEY, "1")
    return True
