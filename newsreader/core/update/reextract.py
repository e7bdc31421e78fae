"""Re-extraction: read every kept raw page again with the current rules.

Article pages are kept zlib-compressed (``PageRecord``), so a fixed or new site rule improves
the whole cache without the network. Results are stored through the writer like a fresh
extraction (``storage.store_article``): read and star marks stay, the fetch time stays.
"""

from __future__ import annotations

import logging
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from newsreader.core.extract.site_rules import RuleSet
from newsreader.core.render.diff import normalise
from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import EntryRecord, FeedRecord, PageRecord
from newsreader.core.storage.rows import related_to_json, tuples
from newsreader.core.storage.writer import Writer
from newsreader.core.types import ExtractedArticle, Progress

log = logging.getLogger(__name__)

_CHUNK = 100  # entries per read and per write transaction


@dataclass(frozen=True)
class ReextractResult:
    """What a re-extraction did. ``changed`` counts articles stored again (any field
    differed); ``changed_path`` those now read by another path (``site:x`` -> ``generic``),
    ``changed_text`` those whose text differs."""

    checked: int = 0
    changed: int = 0
    changed_path: int = 0
    changed_text: int = 0


@dataclass(frozen=True)
class _Stored:
    entry_id: int
    url: str
    summary_html: str
    feed_title: str
    extraction: str
    note: str
    html: str
    text: str
    origin: str
    related_json: str
    fetched_at: float | None


def matches_site(url: str, site: str, rules: RuleSet) -> bool:
    """Is ``url`` of ``site``: a rule name, else a host (its subdomains too)?"""
    rule = rules.for_url(url)
    if rule is not None and rule.name == site:
        return True
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    wanted = site.lower().strip(".")
    return host == wanted or host.endswith("." + wanted)


def _entry_ids(feed_id: int | None, site: str | None, rules: RuleSet) -> list[int]:
    """Entries read from a kept page (not pending, not the feed's own content)."""
    cond = (EntryRecord.extraction != "") & (EntryRecord.extraction != "feed")
    if feed_id is not None:
        cond &= EntryRecord.feed == feed_id
    query = (
        EntryRecord.select(EntryRecord.id, EntryRecord.url)
        .join(PageRecord, on=PageRecord.url == EntryRecord.url)
        .where(cond)
        .order_by(EntryRecord.id)
        .tuples()
    )
    return [
        int(entry_id)
        for entry_id, url in tuples(query.iterator())
        if site is None or matches_site(url, site, rules)
    ]


def _load(ids: list[int]) -> Iterator[tuple[_Stored, bytes, str, float]]:
    """Each entry with its raw page: (stored, page bytes, content type, page fetch time)."""
    rows = (
        EntryRecord.select(
            EntryRecord.id,
            EntryRecord.url,
            EntryRecord.summary_html,
            FeedRecord.title,
            EntryRecord.extraction,
            EntryRecord.extraction_note,
            EntryRecord.html,
            EntryRecord.text,
            EntryRecord.origin,
            EntryRecord.related_json,
            EntryRecord.fetched_at,
        )
        .join(FeedRecord)
        .where(EntryRecord.id.in_(ids))
        .order_by(EntryRecord.id)
        .tuples()
    )
    stored = [_Stored(*row) for row in tuples(rows)]
    pages = {
        url: (body, content_type, fetched_at)
        for url, body, content_type, fetched_at in tuples(
            PageRecord.select(
                PageRecord.url, PageRecord.body, PageRecord.content_type, PageRecord.fetched_at
            )
            .where(PageRecord.url.in_(list({s.url for s in stored})))
            .tuples()
        )
    }
    for item in stored:
        page = pages.get(item.url)
        if page is None:
            continue
        body, content_type, fetched_at = page
        try:
            raw = zlib.decompress(body)
        except zlib.error as exc:  # a damaged blob must not stop the whole run
            log.warning("kept page of %s is damaged: %s", item.url, exc)
            continue
        yield item, raw, content_type, fetched_at


def _differs(old: _Stored, new: ExtractedArticle) -> bool:
    return (
        old.extraction != new.method
        or old.note != new.note
        or old.html != new.html
        or old.text != new.text
        or old.origin != new.origin
        or old.related_json != related_to_json(new.related)
    )


def reextract(
    writer: Writer,
    rules: RuleSet,
    *,
    feed_id: int | None = None,
    site: str | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> ReextractResult:
    """Extract every kept page again (of one feed, or one site: rule name or host)."""
    from newsreader.core.extract.article import extract_article

    ids = _entry_ids(feed_id, site, rules)
    checked = changed = changed_path = changed_text = 0
    for start in range(0, len(ids), _CHUNK):
        if cancel is not None and cancel.is_set():
            break
        updates: list[tuple[int, ExtractedArticle, float]] = []
        for old, raw, content_type, page_time in _load(ids[start : start + _CHUNK]):
            new = extract_article(
                raw,
                old.url,
                rules=rules,
                fetched_at=datetime.fromtimestamp(page_time, UTC),
                content_type=content_type,
                summary_html=old.summary_html,
                feed_title=old.feed_title,
            )
            checked += 1
            if not _differs(old, new):
                continue
            changed += 1
            changed_path += old.extraction != new.method
            changed_text += normalise(old.text) != normalise(new.text)
            when = old.fetched_at if old.fetched_at is not None else page_time
            updates.append((old.entry_id, new, when))
        if updates:
            writer.call(_store_all, updates)
        if progress is not None:
            done = min(start + _CHUNK, len(ids))
            progress(Progress(done, len(ids), "articles", ""))
    return ReextractResult(checked, changed, changed_path, changed_text)


def _store_all(updates: list[tuple[int, ExtractedArticle, float]]) -> None:
    # The entry keeps its fetch time: re-reading the kept page is not a new fetch.
    for entry_id, article, fetched_at in updates:
        storage.store_article(entry_id, article, now=fetched_at)
