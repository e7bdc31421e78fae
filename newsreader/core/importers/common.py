"""Bringing subscriptions and articles in from elsewhere: OPML files and other readers'
databases.

Nothing here fetches: subscriptions are stored to be fetched on the next refresh, articles are
stored as their source kept them (sanitized like a feed's), with their read and starred marks.
The functions named ``store_*`` run inside a ``Writer`` job, one transaction each.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from newsreader.core.errors import FeedExistsError, ImportFailedError
from newsreader.core.extract.sanitize import html_to_text
from newsreader.core.feeds.opml import OpmlFeed, read_opml
from newsreader.core.storage import writes as storage
from newsreader.core.storage.ingest import content_values, entry_hash
from newsreader.core.storage.records import EntryRecord, FeedRecord
from newsreader.core.storage.retention import remember_gone
from newsreader.core.storage.writer import Writer
from newsreader.core.types import FeedKind, ParsedEntry

log = logging.getLogger(__name__)

_BATCH = 500


@dataclass(frozen=True)
class ImportReport:
    """The outcome of an import.

    ``added``: subscriptions added; ``skipped_existing``: already subscribed (their articles,
    if any, were still merged); ``problems``: what could not be imported, as sentences;
    ``articles_added``: articles stored; ``feed_ids``: ids of the subscriptions added.
    """

    added: int = 0
    skipped_existing: int = 0
    problems: list[str] = field(default_factory=list)
    articles_added: int = 0
    feed_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ImportedArticle:
    """One article kept by another reader. HTML here is NOT sanitized.

    ``deleted``: the reader deleted it there; it is not stored, only remembered as deleted."""

    guid: str
    url: str
    title: str
    author: str = ""
    published: datetime | None = None
    summary_html: str = ""
    content_html: str = ""
    read: bool = False
    starred: bool = False
    deleted: bool = False


# -- OPML ------------------------------------------------------------------------------------
def read_file(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailedError(f"cannot read the {what} {path}: {exc.strerror or exc}") from exc


def import_opml(writer: Writer, path: Path, *, now: float) -> ImportReport:
    """Subscribe to every feed of an OPML file that is not subscribed yet. No network.

    Raises:
        ImportFailedError: the file cannot be read.
    """
    result = read_opml(read_file(path, "subscription list"))
    if not result.feeds and not result.problems:
        return ImportReport(problems=[f"{path.name} holds no subscriptions"])
    added, skipped = writer.call(store_subscriptions, result.feeds, now=now)
    log.info("OPML import of %s: %d added, %d already there", path, len(added), skipped)
    return ImportReport(len(added), skipped, list(result.problems), feed_ids=tuple(added))


def store_subscriptions(feeds: Sequence[OpmlFeed], *, now: float) -> tuple[list[int], int]:
    """Writer job: insert the subscriptions not present yet. Returns (new ids, skipped)."""
    added: list[int] = []
    skipped = 0
    for feed in feeds:
        feed_id, is_new = ensure_feed(
            feed.url,
            now=now,
            title=feed.title,
            folder=feed.folder,
            site_url=feed.site_url,
            kind=feed.kind,
        )
        if is_new:
            added.append(feed_id)
        else:
            skipped += 1
    return added, skipped


def ensure_feed(
    url: str, *, now: float, title: str, folder: str, site_url: str, kind: FeedKind
) -> tuple[int, bool]:
    """Writer job part: the subscription for ``url``, added if missing. (id, added?)

    A subscription removed earlier whose starred articles were kept is subscribed again.
    """
    existing = FeedRecord.get_or_none(FeedRecord.url == url)
    if existing is not None and not existing.removed:
        return int(existing.id), False
    try:
        feed_id = storage.insert_feed(
            url, now=now, kind=kind, title=title, site_url=site_url, folder=folder
        )
    except FeedExistsError:  # cannot happen inside the single writer, but stay correct
        return int(FeedRecord.get(FeedRecord.url == url).id), False
    return feed_id, True


# -- articles --------------------------------------------------------------------------------
def store_articles(
    feed_id: int, articles: Sequence[ImportedArticle], *, now: float, source: str
) -> int:
    """Writer job: store another reader's articles in a feed. Returns how many were new.

    An article already stored (same feed and guid) is not stored again; it only gains the
    read and starred marks it had there, so importing twice changes nothing the second time
    and never clears a mark made here.

    A deleted article is remembered as retention remembers the articles it deletes, so the
    feed, still carrying it, does not bring it back as new and unread. One stored here (or
    kept undeleted there too) is left alone: it is the reader's here, whatever became of it
    there.
    """
    feed = FeedRecord.get_by_id(feed_id)
    unique: dict[str, ImportedArticle] = {}
    for article in articles:
        if not article.deleted:
            unique.setdefault(article.guid, article)
    gone = {a.guid for a in articles if a.deleted and a.guid not in unique}
    known = _known(feed_id, [*unique, *gone])
    remember_gone(feed_id, gone.difference(known), now=now)
    added = 0
    for position, (guid, article) in enumerate(unique.items()):
        if guid in known:
            _merge_marks(known[guid], article, now)
            continue
        _insert(feed_id, article, feed.site_url or feed.url, now, position, source)
        added += 1
    return added


def _known(feed_id: int, guids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(guids), _BATCH):
        chunk = guids[start : start + _BATCH]
        query = EntryRecord.select(EntryRecord.guid, EntryRecord.id).where(
            (EntryRecord.feed == feed_id) & EntryRecord.guid.in_(chunk)
        )
        # peewee types .tuples() rows as records; they are plain tuples.
        rows = cast(Iterable[tuple[Any, ...]], query.tuples())
        found.update((str(guid), int(entry_id)) for guid, entry_id in rows)
    return found


def _insert(
    feed_id: int, article: ImportedArticle, base: str, now: float, position: int, source: str
) -> None:
    parsed = ParsedEntry(
        guid=article.guid,
        url=article.url,
        title=article.title,
        author=article.author,
        published=article.published,
        summary_html=article.summary_html,
        content_html=article.content_html,
    )
    # The same sanitizing and change hash as a feed update, so the next refresh of the feed
    # sees the article as known and unchanged.
    values = content_values(parsed, base, entry_hash(parsed))
    body = str(values["feed_html"] or values["summary_html"])
    published_ts = values["published_ts"]
    starred = article.starred
    original = _listed_elsewhere(feed_id, article.url)
    if original is not None:  # the same article in another feed: shown once, marks shared
        values["duplicate_of"] = original.id
        starred = starred or original.starred
        _merge_marks(int(original.id), article, now)
    EntryRecord.insert(
        feed=feed_id,
        guid=article.guid,
        sort_ts=published_ts if published_ts is not None else now - position * 1e-3,
        added_at=now,
        html=body,
        text=html_to_text(body),
        extraction="feed",
        extraction_note=f"imported from {source}",
        fetched_at=now,
        starred=starred,
        starred_at=now if starred else None,
        **values,
    ).execute()
    # A copy took its story's read mark with the insert (migration 5's trigger); a first
    # copy read in the other reader is marked here. Found by guid: the insert may have been
    # skipped (an article retention deleted), leaving no new id.
    if article.read and original is None:
        found = EntryRecord.get_or_none(
            (EntryRecord.feed == feed_id) & (EntryRecord.guid == article.guid)
        )
        if found is not None:
            storage.mark_read([int(found.id)], True)


def _listed_elsewhere(feed_id: int, url: str) -> EntryRecord | None:
    if not url:
        return None
    found: EntryRecord | None = (
        EntryRecord.select(EntryRecord.id, EntryRecord.starred)
        .where(
            (EntryRecord.url == url)
            & (EntryRecord.feed != feed_id)
            & EntryRecord.listed
            & EntryRecord.duplicate_of.is_null(True)
        )
        .first()
    )
    return found


def _merge_marks(entry_id: int, article: ImportedArticle, now: float) -> None:
    """Add the imported marks to a stored article (and its copies); never remove one."""
    if article.read:
        storage.mark_read([entry_id], True)
    if article.starred:
        entry = EntryRecord.get_by_id(entry_id)
        if not entry.starred:
            storage.set_starred(entry_id, True, now=now)
