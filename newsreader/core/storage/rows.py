"""Conversions between records and frozen types, and between datetimes and stored numbers;
rows of queries as plain tuples."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, cast

from newsreader.core.storage.records import EntryRecord, FeedRecord, database_proxy
from newsreader.core.types import Entry, EntrySummary, Feed, FeedKind, ImageRef, RelatedLink


def to_stamp(value: datetime | None) -> tuple[float | None, int | None]:
    """An aware datetime as (UTC epoch seconds, offset minutes); naive is taken as UTC."""
    if value is None:
        return None, None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    offset = value.utcoffset() or timedelta(0)
    return value.timestamp(), int(offset.total_seconds() // 60)


def from_stamp(ts: float | None, offset_minutes: int | None = 0) -> datetime | None:
    if ts is None:
        return None
    zone = timezone(timedelta(minutes=offset_minutes or 0)) if offset_minutes else UTC
    return datetime.fromtimestamp(ts, zone)


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def related_to_json(links: tuple[RelatedLink, ...]) -> str:
    return json.dumps(
        [
            {"title": r.title, "url": r.url, "published": iso(r.published), "teaser": r.teaser}
            for r in links
        ],
        ensure_ascii=False,
    )


def related_from_json(text: str) -> tuple[RelatedLink, ...]:
    links = []
    for item in json.loads(text or "[]"):
        published = item.get("published")
        links.append(
            RelatedLink(
                title=item.get("title", ""),
                url=item.get("url", ""),
                published=datetime.fromisoformat(published) if published else None,
                teaser=item.get("teaser", ""),
            )
        )
    return tuple(links)


def feed_from_record(rec: FeedRecord, unread: int, total: int) -> Feed:
    return Feed(
        id=rec.id,
        url=rec.url,
        title=rec.title or rec.url,
        site_url=rec.site_url,
        folder=rec.folder,
        kind=cast(FeedKind, rec.kind),
        unread=unread,
        total=total,
        error=rec.last_error,
        last_fetched=from_stamp(rec.last_fetched_at),
        next_fetch=from_stamp(rec.next_fetch_at) if rec.next_fetch_at else None,
        interval_minutes=rec.interval_minutes,
        full_article=rec.full_article,
        paused=bool(rec.paused),
        builtin=rec.builtin,
        icon_path=rec.icon_path or "",
        keep_days=rec.keep_days,
        keep_per_feed=rec.keep_per_feed,
        notify=bool(rec.notify),
        show_summary=bool(rec.show_summary),
    )


def summary_from_row(row: tuple[Any, ...]) -> EntrySummary:
    """Row: id, feed_id, feed_title, title, url, published_ts, offset, sort_ts, read, starred."""
    entry_id, feed_id, feed_title, title, url, published_ts, offset, sort_ts, read, starred = row
    return EntrySummary(
        id=entry_id,
        feed_id=feed_id,
        feed_title=feed_title or "",
        title=title or "",
        url=url or "",
        published=from_stamp(published_ts if published_ts is not None else sort_ts, offset),
        read=bool(read),
        starred=bool(starred),
    )


def entry_from_record(
    rec: EntryRecord,
    feed_title: str,
    images: tuple[ImageRef, ...],
    previous_versions: int = 0,
) -> Entry:
    return Entry(
        id=rec.id,
        feed_id=rec.feed_id,  # type: ignore[attr-defined]
        feed_title=feed_title,
        url=rec.url,
        title=rec.title,
        author=rec.author,
        published=from_stamp(rec.published_ts, rec.published_offset),
        summary_html=rec.summary_html,
        html=rec.html or rec.feed_html,
        text=rec.text,
        origin=rec.origin,
        lead_image=rec.lead_image,
        related=related_from_json(rec.related_json),
        images=images,
        read=bool(rec.read),  # type: ignore[attr-defined]  # from EntryStateRecord (get_entry)
        starred=rec.starred,
        extraction=rec.extraction,
        extraction_note=rec.extraction_note,
        fetched_at=from_stamp(rec.fetched_at),
        updated_at=from_stamp(rec.updated_at),
        previous_versions=previous_versions,
    )


def tuples(query: object) -> Iterable[tuple[Any, ...]]:
    """Rows of a ``.tuples()`` query (peewee's annotations call them model instances)."""
    return cast("Iterable[tuple[Any, ...]]", query)


def fetch_rows(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Every row of a plain SQL query, on the calling thread's connection."""
    return list(database_proxy.execute_sql(sql, params).fetchall())
