"""The search, saved-search and undoable mark-all-read side of FakeLibrary, as a mixin.
Behaves as Library.search / saved searches / mark_all_read_undoable (their own tests are in
tests/core); a method FakeLibrary defines itself wins over these.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsreader.core.errors import SavedSearchNotFoundError
from newsreader.core.types import Entry, EntrySummary, SavedSearch


def _words(query: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W_]+\*?", query)]


class FakeDesk:
    """Needs ``_entries``, ``_lock``, ``_log``, ``_matches`` and ``mark_read`` of FakeLibrary."""

    _entries: dict[int, Entry]
    _lock: threading.RLock

    if TYPE_CHECKING:

        def _log(self, name: str, *args: object) -> None: ...
        def _matches(
            self, e: Entry, feed_id: int | None, folder: str | None, view: str
        ) -> bool: ...
        def mark_read(self, entry_ids: Sequence[int], read: bool = True) -> None: ...

    # -- search --------------------------------------------------------------------------
    def search(
        self, query: str, *, limit: int = 200, offset: int = 0, feed_id: int | None = None,
        view: str = "all", order: str = "relevance",
    ) -> list[EntrySummary]:  # fmt: skip
        """Every word (a prefix with ``*``) in the title or text; relevance: title hits first."""
        self._log("search", query, limit, offset, feed_id, view, order)
        words = _words(query)
        if not words:
            return []
        with self._lock:
            found = [e for e in self._entries.values()
                     if self._matches(e, feed_id, None, view) and _hits(e, words)]  # fmt: skip
        oldest = datetime.min.replace(tzinfo=UTC)
        found.sort(key=lambda e: (e.published or oldest, e.id), reverse=True)
        if order == "relevance":
            found.sort(key=lambda e: not _hits(e, words, title_only=True))
        return [_summary(e) for e in found[offset : offset + limit]]

    def search_terms(self, query: str) -> list[str]:
        return _words(query)

    def saved_searches(self, *, counts: bool = True) -> list[SavedSearch]:
        self._log("saved_searches", counts)
        with self._lock:
            saved = sorted(self._saved_table().values(), key=lambda s: s.name.casefold())
        if not counts:
            return saved
        return [SavedSearch(s.id, s.name, s.query, self._unread(s.query)) for s in saved]

    def _unread(self, query: str) -> int:
        return sum(not row.read for row in self.search(query, limit=1_000_000))

    def save_search(self, name: str, query: str) -> SavedSearch:
        self._log("save_search", name, query)
        name = name.strip()
        with self._lock:
            table = self._saved_table()
            if not name or any(s.name == name for s in table.values()) or not _words(query):
                raise ValueError(f"cannot save the search “{name}”")
            saved = SavedSearch(max(table, default=0) + 1, name, query.strip())
            table[saved.id] = saved
            return saved

    def rename_search(self, search_id: int, name: str) -> SavedSearch:
        self._log("rename_search", search_id, name)
        with self._lock:
            table = self._saved_table()
            if search_id not in table:
                raise SavedSearchNotFoundError(f"no saved search with id {search_id}")
            if not name.strip() or any(s.name == name.strip() for s in table.values()):
                raise ValueError(f"cannot rename to “{name}”")
            old = table[search_id]
            table[search_id] = SavedSearch(old.id, name.strip(), old.query)
            return table[search_id]

    def delete_search(self, search_id: int) -> None:
        self._log("delete_search", search_id)
        with self._lock:
            self._saved_table().pop(search_id, None)

    def _saved_table(self) -> dict[int, SavedSearch]:
        table: dict[int, SavedSearch] | None = getattr(self, "_saved_searches", None)
        if table is None:
            table = {}
            self._saved_searches = table
        return table

    # -- mark all read, undoable ----------------------------------------------------------------
    def mark_all_read_undoable(
        self, *, feed_id: int | None = None, folder: str | None = None, view: str = "all"
    ) -> list[int]:
        """As mark_all_read, returning the ids it marked (for Undo)."""
        self._log("mark_all_read_undoable", feed_id, folder, view)
        with self._lock:
            ids = [e.id for e in self._entries.values()
                   if not e.read and self._matches(e, feed_id, folder, view)]  # fmt: skip
            self.mark_read(ids)
            return sorted(ids)


def _hits(entry: Entry, words: list[str], *, title_only: bool = False) -> bool:
    text = entry.title if title_only else f"{entry.title} {entry.html}"
    tokens = set(re.findall(r"[^\W_]+", text.lower()))
    prefixes = [w[:-1] for w in words if w.endswith("*")]
    whole = [w for w in words if not w.endswith("*")]
    return all(w in tokens for w in whole) and all(
        any(t.startswith(p) for t in tokens) for p in prefixes
    )


def _summary(e: Entry) -> EntrySummary:
    return EntrySummary(e.id, e.feed_id, e.feed_title, e.title, e.url, e.published, e.read,
                        e.starred)  # fmt: skip
