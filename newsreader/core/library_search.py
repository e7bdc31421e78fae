"""The library's search (FTS5), saved searches and retention. Part of the ``Library`` facade;
the logic is in search.py and retention.py.
"""

from __future__ import annotations

import logging
from typing import Literal

from newsreader.core.library_base import LibraryBase
from newsreader.core.storage.retention import CleanupReport
from newsreader.core.types import EntrySummary, SavedSearch, View

log = logging.getLogger(__name__)


class SearchMixin(LibraryBase):
    """Search, saved searches and retention."""

    # -- search and retention (logic in search.py, retention.py) ----
    def search(
        self,
        query: str,
        *,
        limit: int = 200,
        offset: int = 0,
        feed_id: int | None = None,
        view: View = "all",
        order: Literal["relevance", "newest"] = "relevance",
    ) -> list[EntrySummary]:
        """Articles whose title, author or text match ``query`` (words, "phrases", -excluded,
        prefix*, OR; case and accents folded), best match first. [] for an empty query,
        never an error for odd input. First page within ~70 ms at 200,000 articles (a short
        prefix of many words, "pem*", ~150 ms): call from a task (search.py has the figures)."""
        from newsreader.core.search import find as search

        self._index_pending()
        return search.search(query, today_start=self._today_start(), limit=limit,
                             offset=offset, feed_id=feed_id, view=view, order=order)  # fmt: skip

    def search_count(self, query: str, *, feed_id: int | None = None, view: View = "all") -> int:
        """How many articles ``search`` finds in all."""
        from newsreader.core.search import find as search

        self._index_pending()
        return search.count(query, today_start=self._today_start(), feed_id=feed_id, view=view)

    def _index_pending(self) -> None:
        """Index the articles stored since the last refresh ended (imports, a refresh under
        way): a search sees every stored article."""
        from newsreader.core.search import index as search_index

        if search_index.has_pending():
            self.writer.call(search_index.index_pending)

    def search_terms(self, query: str) -> list[str]:
        """The words and phrases to mark in the article pane (a prefix ends in ``*``); see
        ``searchquery.highlight_spans``."""
        from newsreader.core.search.syntax import search_terms

        return search_terms(query)

    def saved_searches(self, *, counts: bool = True) -> list[SavedSearch]:
        """Saved searches by name, with their unread counts unless ``counts`` is false. Each
        count visits every match (up to ~0.1 s at 200,000 articles): with counts, call from
        a task; without, it is instant."""
        from newsreader.core.search import find as search

        if counts:
            self._index_pending()
        return search.saved_searches(counts=counts, today_start=self._today_start())

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Name a search. ValueError: empty or taken name, nothing to look for."""
        from newsreader.core.search import find as search

        return self.writer.call(search.save_search, name, query, now=self.clock())

    def rename_search(self, search_id: int, name: str) -> SavedSearch:
        """SavedSearchNotFoundError for a wrong id; ValueError as ``save_search``."""
        from newsreader.core.search import find as search

        return self.writer.call(search.rename_search, search_id, name)

    def delete_search(self, search_id: int) -> None:
        from newsreader.core.search import find as search

        self.writer.call(search.delete_search, search_id)

    def search_entries(
        self,
        search_id: int,
        *,
        limit: int = 200,
        offset: int = 0,
        view: View = "all",
        order: Literal["relevance", "newest"] = "newest",
    ) -> list[EntrySummary]:
        """The articles of a saved search, newest first: a smart view reads like a feed."""
        from newsreader.core.search import find as search

        saved = search.get_saved(search_id)
        return self.search(saved.query, limit=limit, offset=offset, view=view, order=order)

    def clean_up(self, *, dry_run: bool = False) -> CleanupReport:
        """Delete articles past the retention settings now (never a starred one). ``dry_run``:
        only say what would go. A refresh does this itself at most once a day."""
        from newsreader.core.storage import retention

        with self._refresh_lock:  # a refresh storing articles of the same feeds would race
            return retention.clean_up(self.writer, self.settings, now=self.clock(),
                                      dry_run=dry_run)  # fmt: skip

    def _clean_up_if_due(self) -> None:
        from newsreader.core.storage import retention

        retention.clean_up_if_due(self.writer, self.settings, now=self.clock())
