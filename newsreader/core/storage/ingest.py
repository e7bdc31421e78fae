"""Storing a feed's parsed entries: batched, because a refresh of 500 feeds stores 25,000.

Two halves, both here. ``prepare`` (and ``draft``, in a parse worker process) works out the
columns of the new and changed entries beside the writer: sanitizing and encoding are most of
the cost. ``ingest`` runs inside the feed's writer job (one transaction per feed) and takes
what was prepared: a handful of queries per feed, whatever its size (which guids are known,
which new URLs were fetched before as related links, adopted, or are listed by another feed,
copies), then one batched insert. Only new or changed entries are sanitized. Read and star
marks are never touched here, except that a copy of an article takes the marks of the article
it copies.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from peewee import chunked

from newsreader.core.extract.sanitize import html_to_text, sanitize_html
from newsreader.core.storage.records import EntryRecord
from newsreader.core.storage.rows import to_stamp
from newsreader.core.types import ParsedEntry

_BATCH = 400  # values per IN list
_MAX_VARIABLES = 32_000  # per statement: SQLite's limit is 32,766 (3.32 and later)


def entry_hash(entry: ParsedEntry) -> str:
    key = "\x1f".join((entry.url, entry.title, entry.summary_html, entry.content_html))
    return hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()


def content_values(
    entry: ParsedEntry, base: str, digest: str, *, feed_only: bool = False, now: float = 0.0
) -> dict[str, Any]:
    """Columns from a parsed entry. ``feed_only``: full-article fetching is off for the feed,
    so the article is what the feed carries, stored now rather than in a second pass."""
    # Relative links in a feed's HTML are relative to the feed document (xml:base default).
    published_ts, offset = to_stamp(entry.published)
    summary = sanitize_html(entry.summary_html, base) if entry.summary_html else ""
    content = sanitize_html(entry.content_html, base) if entry.content_html else ""
    values = {
        "url": entry.url,
        "title": entry.title,
        "author": entry.author,
        "published_ts": published_ts,
        "published_offset": offset,
        "summary_html": summary,
        "feed_html": content,
        "lead_image": entry.image_url,
        "content_hash": digest,
    }
    if feed_only:
        values.update(_as_carried(content, summary, now))
    return values


def _as_carried(content: str, summary: str, now: float) -> dict[str, Any]:
    """The article columns of an entry read from what its feed carries (sanitized)."""
    html = content or summary
    return dict(html=html, text=html_to_text(html), extraction="feed", extraction_note="",
                fetched_at=now)  # fmt: skip


def keep_as_carried(entry_ids: Sequence[int], now: float) -> None:
    """Entries stored to be read from their page, read from what their feed carried instead
    (full articles were turned off before their pages were fetched): as a feed-only refresh
    would have stored them. Entries read meanwhile are left alone. In a writer job."""
    for chunk in chunked(entry_ids, _BATCH):
        sql = (
            'SELECT "id", "feed_html", "summary_html" FROM "entry" '
            f'WHERE "extraction" = \'\' AND "id" IN ({_marks(len(chunk))})'
        )
        for entry_id, content, summary in list(_select(sql, chunk)):
            columns = _as_carried(content, summary, now)
            EntryRecord.update(**columns).where(EntryRecord.id == entry_id).execute()


_FEED_ONLY_COLUMNS = frozenset(("html", "text", "extraction", "extraction_note", "fetched_at"))
_CONTENT_COLUMNS = (  # the keys of content_values
    "url", "title", "author", "published_ts", "published_offset", "summary_html", "feed_html",
    "lead_image", "content_hash", *sorted(_FEED_ONLY_COLUMNS),
)  # fmt: skip


def _select(sql: str, params: Sequence[Any]) -> Iterable[tuple[Any, ...]]:
    """Plain SQL for the per-feed lookups: peewee takes ~0.5 ms to build each query, which a
    refresh of 500 feeds would pay thousands of times."""
    return EntryRecord._meta.database.execute_sql(sql, params)  # type: ignore[no-any-return]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _known(feed_id: int, guids: Sequence[str]) -> dict[str, tuple[int, str, bool]]:
    found: dict[str, tuple[int, str, bool]] = {}
    for chunk in chunked(guids, _BATCH):
        sql = (
            'SELECT "guid", "id", "content_hash", "listed" FROM "entry" '
            f'WHERE "feed_id" = ? AND "guid" IN ({_marks(len(chunk))})'
        )
        for guid, entry_id, digest, listed in _select(sql, [feed_id, *chunk]):
            found[guid] = (entry_id, digest, bool(listed))
    return found


def _by_url(feed_id: int, urls: Sequence[str]) -> tuple[dict[str, int], dict[str, tuple[Any, ...]]]:
    """(unlisted entries of this feed by URL, listed originals in other feeds by URL)."""
    adoptable: dict[str, int] = {}
    originals: dict[str, tuple[Any, ...]] = {}
    for chunk in chunked(urls, _BATCH):
        # The flags come from the narrow entry_state (migration 5), not the wide rows.
        sql = (
            'SELECT e."url", s."entry_id", s."feed_id", s."listed", s."single", s."starred" '
            'FROM "entry" AS e CROSS JOIN "entry_state" AS s ON s."entry_id" = e."id" '
            f'WHERE e."url" IN ({_marks(len(chunk))})'
        )
        for url, entry_id, feed, listed, single, starred in _select(sql, chunk):
            if feed == feed_id and not listed:
                adoptable.setdefault(url, entry_id)
            elif feed != feed_id and listed and single:
                originals.setdefault(url, (entry_id, starred))
    return adoptable, originals


@dataclass
class Prepared:
    """The columns of a feed's new and changed entries, worked out before its writer job
    (``prepare``): sanitizing and encoding are most of the cost of storing a feed, and done
    there they run beside the writer, or in a parse worker process, instead of inside it
    (the single writer was the bottleneck of a cold refresh). ``rows``: the whole row of
    each new entry, encoded for the insert; ``values``: the columns of each changed one. An
    entry missing from both is worked out in the job."""

    feed_id: int
    base: str
    feed_only: bool
    now: float
    digests: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    rows: dict[str, list[Any]] = field(default_factory=dict)

    def matches(self, feed_id: int, base: str, feed_only: bool, now: float) -> bool:
        return (self.feed_id, self.base, self.feed_only, self.now) == (
            feed_id, base, feed_only, now,
        )  # fmt: skip

    def for_feed_only(self, feed_only: bool) -> Prepared:
        """These columns for a feed whose full-article setting is ``feed_only`` (prepared as
        feed-only, they lose the article columns the page will fill: the defaults a row
        prepared for the page has)."""
        if feed_only or not self.feed_only:
            return self
        values = {
            guid: {k: v for k, v in columns.items() if k not in _FEED_ONLY_COLUMNS}
            for guid, columns in self.values.items()
        }
        rows = {guid: _without_feed_only(row) for guid, row in self.rows.items()}
        return Prepared(self.feed_id, self.base, False, self.now, self.digests, values, rows)

    def digest(self, guid: str, entry: ParsedEntry) -> str:
        return self.digests.get(guid) or entry_hash(entry)

    def row(self, guid: str) -> list[Any] | None:
        return self.rows.pop(guid, None)

    def columns(self, guid: str, entry: ParsedEntry, digest: str) -> dict[str, Any]:
        values = self.values.pop(guid, None)
        if values is None and guid in self.rows:
            row = dict(zip(_row_names(), self.rows.pop(guid), strict=True))
            values = {name: row[name] for name in _CONTENT_COLUMNS if name in row}
        if values is None or values["content_hash"] != digest:
            values = content_values(entry, self.base, digest, feed_only=self.feed_only,
                                    now=self.now)  # fmt: skip
        return values


def _unique(entries: Sequence[ParsedEntry]) -> dict[str, ParsedEntry]:
    unique: dict[str, ParsedEntry] = {}
    for entry in entries:
        unique.setdefault(entry.guid, entry)
    return unique


def draft(feed_id: int, entries: Sequence[ParsedEntry], *, base: str, now: float) -> Prepared:
    """``prepare`` before the feed's full-article setting is known (in a parse worker, which
    has no site rules to decide it): prepared as feed-only, which ``prepare`` can narrow."""
    return prepare(feed_id, entries, base=base, now=now, feed_only=True)


def prepare(
    feed_id: int,
    entries: Sequence[ParsedEntry],
    *,
    base: str,
    now: float,
    feed_only: bool,
    drafted: Prepared | None = None,
) -> Prepared:
    """Columns of the entries that are new or changed by what is stored now, and the rows of
    the new ones. A read, on the calling thread; the writer job checks again (``ingest``),
    so a race costs only time. ``drafted``: what ``draft`` made of the same entries in a
    parse worker, used when it was made for this feed, base and time."""
    if drafted is not None and drafted.matches(feed_id, base, True, now):
        return drafted.for_feed_only(feed_only)
    prepared = Prepared(feed_id, base, feed_only, now)
    unique = _unique(entries)
    known = _known(feed_id, list(unique))
    for position, (guid, entry) in enumerate(unique.items()):
        digest = prepared.digests[guid] = entry_hash(entry)
        hit = known.get(guid)
        if hit is not None and hit[1] == digest:
            continue
        values = content_values(entry, base, digest, feed_only=feed_only, now=now)
        if hit is None:
            prepared.rows[guid] = _row(feed_id, guid, _sort_ts(values, now, position), now, values)
        else:
            prepared.values[guid] = values
    return prepared


def _sort_ts(values: dict[str, Any], now: float, position: int) -> float:
    published: float | None = values["published_ts"]
    # Undated items: the time first seen, less a little per place in the feed, so that they
    # keep the feed's order.
    return published if published is not None else now - position * 1e-3


def ingest(
    feed_id: int,
    entries: Sequence[ParsedEntry],
    *,
    base: str,
    now: float,
    feed_only: bool = False,
    prepared: Prepared | None = None,
) -> tuple[list[int], int]:
    """Insert new entries, update changed ones. Returns (new ids in feed order, updated)."""
    if prepared is None or not prepared.matches(feed_id, base, feed_only, now):
        prepared = Prepared(feed_id, base, feed_only, now)
    unique = _unique(entries)
    known = _known(feed_id, list(unique))
    updated = 0
    fresh: list[tuple[int, str, ParsedEntry, str]] = []
    for position, (guid, entry) in enumerate(unique.items()):
        digest = prepared.digest(guid, entry)
        hit = known.get(guid)
        if hit is None:
            fresh.append((position, guid, entry, digest))
            continue
        entry_id, old_digest, listed = hit
        changes: dict[str, Any] = {} if listed else {"listed": True}
        if old_digest != digest:
            changes.update(prepared.columns(guid, entry, digest))
            changes.pop("lead_image")  # keep what extraction found
            updated += 1
        if changes:
            EntryRecord.update(**changes).where(EntryRecord.id == entry_id).execute()
    return _insert_fresh(feed_id, fresh, prepared), updated


def _insert_fresh(
    feed_id: int, fresh: list[tuple[int, str, ParsedEntry, str]], prepared: Prepared
) -> list[int]:
    now = prepared.now
    adoptable, originals = _by_url(feed_id, [e.url for _, _, e, _ in fresh if e.url])
    rows: list[list[Any]] = []
    inserted: list[str] = []
    ids: dict[str, int] = {}
    for position, guid, entry, digest in fresh:
        adopted = adoptable.pop(entry.url, None) if entry.url else None
        original = originals.get(entry.url) if entry.url and adopted is None else None
        ready = prepared.row(guid) if adopted is None and original is None else None
        if ready is not None:  # the common case: a new entry, its row made by prepare
            rows.append(ready)
            inserted.append(guid)
            continue
        values = prepared.columns(guid, entry, digest)
        sort_ts = _sort_ts(values, now, position)
        if adopted is not None:  # first fetched as a related link of another entry
            del values["lead_image"]
            EntryRecord.update(guid=guid, listed=True, sort_ts=sort_ts, **values).where(
                EntryRecord.id == adopted
            ).execute()
            ids[guid] = adopted
            continue
        if original is not None:
            # The read mark of the story comes with the insert (trigger of migration 5).
            values.update(duplicate_of=original[0], starred=original[1])
        rows.append(_row(feed_id, guid, sort_ts, now, values))
        inserted.append(guid)
    first_id = _bulk_insert(rows)
    if first_id is not None:
        ids.update(zip(inserted, range(first_id, first_id + len(inserted)), strict=True))
        return [ids[guid] for _, guid, _, _ in fresh if guid in ids]
    for chunk in chunked(inserted, _BATCH):
        marks = _marks(len(chunk))
        sql = f'SELECT "guid", "id" FROM "entry" WHERE "feed_id" = ? AND "guid" IN ({marks})'
        ids.update(dict(_select(sql, [feed_id, *chunk])))
    return [ids[guid] for _, guid, _, _ in fresh if guid in ids]


def _bulk_insert(rows: list[list[Any]]) -> int | None:
    """The rows in as few statements as SQLite's variable limit allows (one for a feed):
    multi-row VALUES, bound in one call and inserted in one step. peewee's insert_many spends
    ~10 ms building the SQL of 50 rows; an executemany steps once per row, giving up the GIL
    and waiting to get it back each time, which cost the writer seconds while other threads
    parsed; rows sent as JSON made SQLite parse each row once per column. Returns
    the id of the first row when all were inserted (their ids follow on: SQLite gives each
    the highest id + 1), else None (a row skipped by a trigger)."""
    fields, head = _insert_sql()
    per = max(1, _MAX_VARIABLES // len(fields))
    expected = 0
    marks = "(" + ", ".join("?" * len(fields)) + ")"
    db = EntryRecord._meta.database
    first: int | None = None
    following = True  # each statement's ids follow on from the one before
    for chunk in chunked(rows, per):
        cursor = db.execute_sql(head + ", ".join([marks] * len(chunk)),
                                [value for row in chunk for value in row])  # fmt: skip
        if cursor.rowcount != len(chunk) or not cursor.lastrowid:
            following = False
            continue
        start = int(cursor.lastrowid) - len(chunk) + 1
        if first is None:
            first = start
        elif start != expected:
            following = False
        expected = start + len(chunk)
    return first if following else None


def _row(feed_id: int, guid: str, sort_ts: float, now: float, values: dict[str, Any]) -> list[Any]:
    """Every column of the insert, in order; the ones not given take the field's default."""
    row = {"feed": feed_id, "guid": guid, "sort_ts": sort_ts, "added_at": now, **values}
    return [row.get(name, default) for name, default in _row_defaults()]


@functools.cache
def _row_defaults() -> list[tuple[str, Any]]:
    return [(f.name, f.default() if callable(f.default) else f.default) for f in _insert_sql()[0]]


def _row_names() -> list[str]:
    return [name for name, _ in _row_defaults()]


@functools.cache
def _feed_only_defaults() -> tuple[tuple[int, Any], ...]:
    """(position, default) of the columns a feed-only row fills and a row for the page not."""
    return tuple(
        (i, default)
        for i, (name, default) in enumerate(_row_defaults())
        if name in _FEED_ONLY_COLUMNS
    )


def _without_feed_only(row: list[Any]) -> list[Any]:
    row = list(row)
    for position, default in _feed_only_defaults():
        row[position] = default
    return row


@functools.cache
def _insert_sql() -> tuple[list[Any], str]:
    """The fields of a row, in order, and the INSERT up to its VALUES."""
    fields = [f for f in EntryRecord._meta.sorted_fields if f.name != "id"]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    return fields, f'INSERT INTO "entry" ({columns}) VALUES '
