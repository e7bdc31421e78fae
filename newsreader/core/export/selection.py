"""Which articles an export covers: starred, a feed, a date range.

Exports take a plain list of article ids, so any other selection (the rows the reader
selected, a search result) works the same way; this module answers the common ones.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from newsreader.core.errors import ExportCancelledError
from newsreader.core.export.common import aware
from newsreader.core.storage.reads import get_entry, view_condition
from newsreader.core.storage.records import EntryRecord, FeedRecord
from newsreader.core.types import Entry


def export_ids(
    *,
    starred: bool = False,
    feed_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[int]:
    """Article ids matching every criterion given, newest first, as the article list shows
    them (across feeds an article listed by two feeds counts once).

    ``since`` is inclusive and ``until`` exclusive; both compare with the date the list sorts
    by (published, else first seen). Naive datetimes are read as UTC.
    """
    cond = view_condition("starred" if starred else "all", 0.0, one_feed=feed_id is not None)
    if feed_id is not None:
        cond &= EntryRecord.feed == feed_id
    if since is not None:
        cond &= EntryRecord.sort_ts >= aware(since).timestamp()
    if until is not None:
        cond &= EntryRecord.sort_ts < aware(until).timestamp()
    query = (
        EntryRecord.select(EntryRecord.id)
        .join(FeedRecord)
        .where(cond)
        .order_by(EntryRecord.sort_ts.desc(), EntryRecord.id.desc())
    )
    return [int(entry_id) for entry_id in query.scalars()]


def load_entries(
    entry_ids: Sequence[int],
    images_dir: Path,
    *,
    cancel: threading.Event | None = None,
) -> list[Entry]:
    """The whole articles for ``entry_ids``, in that order, checking ``cancel`` as it goes."""
    entries = []
    for entry_id in entry_ids:
        if cancel is not None and cancel.is_set():
            raise ExportCancelledError("export cancelled")
        entries.append(get_entry(entry_id, images_dir))
    return entries
