"""The library's exports and imports: articles out (HTML, Markdown, EPUB, PDF, JSON),
subscriptions in and out (OPML), moving in from other readers. Part of the ``Library`` facade.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Literal

from newsreader.core.importers.common import ImportReport
from newsreader.core.importers.migrate import DatabaseKind
from newsreader.core.library_base import LibraryBase
from newsreader.core.types import Entry

log = logging.getLogger(__name__)

ExportFormat = Literal["html", "md", "epub", "json"]


class ArchiveMixin(LibraryBase):
    """Exports and imports."""

    # -- export ------------------------------------------------------------------
    def export(
        self,
        entry_ids: Sequence[int],
        fmt: ExportFormat,
        path: Path,
        *,
        force: bool = False,
        per_article: bool = False,
        title: str = "Newsreader",
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Path:
        """Export articles (ids from any selection) as html, md, epub or json.
        ``progress(done, total)`` runs after each article; ``cancel`` stops it, leaving no
        file. Raises ExportError (ExportCancelledError when cancelled)."""
        from newsreader.core.export.formats import export_entries

        entries = self.entries_by_id(entry_ids, cancel=cancel)
        return export_entries(
            entries,
            fmt,
            path,
            force=force,
            title=title,
            per_article=per_article,
            progress=progress,
            cancel=cancel,
        )

    def entries_by_id(
        self, entry_ids: Sequence[int], *, cancel: threading.Event | None = None
    ) -> list[Entry]:
        """Whole articles in the order given (for exports, also the Qt-side PDF export)."""
        from newsreader.core.export.selection import load_entries

        return load_entries(entry_ids, self.images.root, cancel=cancel)

    def entries_for_export(
        self,
        *,
        starred: bool = False,
        feed_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[int]:
        """Ids of the articles matching all criteria given, newest first; ``since``
        inclusive, ``until`` exclusive."""
        from newsreader.core.export.selection import export_ids

        return export_ids(starred=starred, feed_id=feed_id, since=since, until=until)

    def starred_ids(self) -> list[int]:
        return [e.id for e in self.entries(view="starred")]

    # -- subscriptions in and out, moving in ------------------------------
    def import_opml(self, path: Path) -> ImportReport:
        """Subscribe to the feeds of an OPML file (folders, titles, site addresses kept)
        without fetching them. Raises ImportFailedError if the file cannot be read."""
        from newsreader.core.importers.common import import_opml

        return import_opml(self.writer, path, now=self.clock())

    def export_opml(self, path: Path, *, force: bool = False) -> Path:
        """Write every subscription to an OPML 2.0 file. Raises ExportError."""
        from newsreader.core.feeds.opml import export_opml

        return export_opml(self.feeds(), path, force=force)

    def import_database(self, path: Path, kind: DatabaseKind) -> ImportReport:
        """Move in from QuiteRSS or RSS Guard: feeds, folders, articles, read and starred
        marks. Raises ImportFailedError (nothing changed) if it is not such a database."""
        from newsreader.core.importers.migrate import import_database

        return import_database(self.writer, path, kind, now=self.clock)
