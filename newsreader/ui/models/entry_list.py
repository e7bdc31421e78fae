"""EntryListModel: the article list, paged so a huge feed costs what one screen costs."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from newsreader.core import EntrySummary
from newsreader.ui.dates import format_long, format_short
from newsreader.ui.icons import icon
from newsreader.ui.models.entry_source import ListSource, RefreshRead, SearchOrder
from newsreader.ui.models.roles import fill_roles
from newsreader.ui.plain_text import plain_tooltip

if TYPE_CHECKING:
    from newsreader.core import LibraryApi, View

STAR_COLUMN, TITLE_COLUMN, FEED_COLUMN, DATE_COLUMN = range(4)
# The library sorts: a column's key for Library.entries(sort=...).
SORT_KEYS = {TITLE_COLUMN: "title", FEED_COLUMN: "feed", DATE_COLUMN: "date"}
FILTERS = ("all", "unread", "starred")
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
READ_ROLE = Qt.ItemDataRole.UserRole + 2
STARRED_ROLE = Qt.ItemDataRole.UserRole + 3
PAGE_SIZE = 200

_Index = QModelIndex | QPersistentModelIndex


class EntryListModel(QAbstractTableModel):
    """Columns: star, title, feed, date. Unread rows are bold.

    Rows come from ``library.entries(limit=..., offset=...)`` (or ``library.search`` for a
    search) one page at a time through ``canFetchMore``/``fetchMore``, which the view calls
    as the reader scrolls. Sorting (``sort``, from a header click) and the filter
    (``set_filter``) go to the library's query: the list starts again at its first page.
    """

    def __init__(
        self, library: LibraryApi, parent: QObject | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._page_size = page_size
        self._source: ListSource | None = None
        self._rows: list[EntrySummary] = []
        self._row_of: dict[int, int] = {}
        self._offset = 0  # rows consumed from the query so far
        self._more = False
        self._sort = "date"
        self._descending = True
        self._filter = "all"
        self._changing = False
        self._fetch_held = False  # see fetch_held
        self._edits = 0  # update_entry_state calls: a read taken before one is stale there
        self._bold = QFont()
        self._bold.setBold(True)

    # -- source and paging ---------------------------------------------------------------
    @property
    def source(self) -> ListSource | None:
        return self._source

    def set_source(
        self, *, feed_id: int | None = None, folder: str | None = None, view: View = "all"
    ) -> None:
        """Show another feed, folder or view, starting with its first page."""
        self._start(ListSource(feed_id, folder, view))

    def set_search(
        self,
        query: str,
        first_page: list[EntrySummary] | None = None,
        *,
        order: SearchOrder = "relevance",
        options: dict[str, Any] | None = None,
    ) -> None:
        """Show the results of a search: best match first (``order`` "relevance") or newest
        first. ``first_page``: read by a task with ``options`` (``search_options()``); read
        again if the filter changed meanwhile."""
        if options is not None and options != self.search_options():
            first_page = None
        self._start(ListSource(query=query, order=order), first_page)

    def is_search(self) -> bool:
        return self._source is not None and self._source.query is not None

    def _start(
        self, source: ListSource | None, first_page: list[EntrySummary] | None = None
    ) -> None:
        # The first page comes with the reset, so the view shows it in one go.
        page = [] if source is None else first_page
        with self._changes():
            self.beginResetModel()
            self._source = source
            if page is None:
                page = self._query(self._page_size, 0)
            self._set_rows(page)
            self._offset = len(page)
            self._more = source is not None and len(page) >= self._page_size
            self.endResetModel()

    @contextlib.contextmanager
    def fetch_held(self, held: bool = True) -> Iterator[None]:
        """``canFetchMore`` says no meanwhile if ``held`` (EntryListWidget.doItemsLayout)."""
        previous = self._fetch_held
        self._fetch_held = previous or held
        try:
            yield
        finally:
            self._fetch_held = previous

    @contextlib.contextmanager
    def _changes(self) -> Iterator[None]:
        self._changing = True
        try:
            yield
        finally:
            self._changing = False

    # -- sorting and filtering (by the library's query) -----------------------------------
    def sort_key(self) -> str:
        return self._sort

    def descending(self) -> bool:
        return self._descending

    def filter(self) -> str:
        """One of FILTERS: "all", "unread" (unread only) or "starred" (starred only)."""
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the list is read again in that order (the star column does not
        sort)."""
        key = SORT_KEYS.get(column)
        if key is not None:
            self.set_sort(key, order == Qt.SortOrder.DescendingOrder)

    def set_sort(self, key: str, descending: bool) -> None:
        if key not in SORT_KEYS.values() or (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self._start(self._source)

    def set_filter(self, name: str) -> None:
        if name not in FILTERS or name == self._filter:
            return
        self._filter = name
        self._start(self._source)

    def sort_column(self) -> int:
        return next(c for c, key in SORT_KEYS.items() if key == self._sort)

    def clear(self) -> None:
        self._start(None)

    def query_options(self) -> dict[str, Any]:
        """The sort and filter arguments of the library's query. Only what differs from the
        library's defaults (newest first, everything) is passed."""
        options: dict[str, Any] = {}
        if (self._sort, self._descending) != ("date", True):
            options.update(sort=self._sort, descending=self._descending)
        if self._filter == "unread":
            options["unread_only"] = True
        elif self._filter == "starred":
            options["starred_only"] = True
        return options

    def search_options(self) -> dict[str, Any]:
        """The filter as arguments of ``library.search`` (which has its own order)."""
        return {"view": self._filter} if self._filter != "all" else {}

    def _query(self, limit: int, offset: int) -> list[EntrySummary]:
        return self._reader(limit, offset)()

    def _reader(self, limit: int, offset: int) -> Callable[[], list[EntrySummary]]:
        """The query of a page as it stands now, to run later, on any thread."""
        assert self._source is not None
        src, library = self._source, self._library
        if src.query is not None:
            query, search = src.query, self.search_options()
            return lambda: library.search(query, limit=limit, offset=offset, order=src.order,
                                          **search)  # fmt: skip
        options = self.query_options()
        return lambda: library.entries(
            feed_id=src.feed_id, folder=src.folder, view=src.view, limit=limit, offset=offset,
            **options,
        )  # fmt: skip

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        # Not while rows are being inserted or reset: whoever listens to that change (a view,
        # the model tester) must not start the next page inside it. Views fetch after it.
        return not parent.isValid() and self._source is not None and self._more and (
            not self._changing and not self._fetch_held
        )  # fmt: skip

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = self._query(self._page_size, self._offset)
        self._offset += len(page)
        self._more = len(page) == self._page_size
        # The list may have shifted since the last page (new or re-read articles): skip repeats.
        fresh = [row for row in page if row.id not in self._row_of]
        if fresh:
            first = len(self._rows)
            with self._changes():
                self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
                self._set_rows(self._rows + fresh)
                self.endInsertRows()

    def refresh(self) -> None:
        """Re-read the loaded part after an update: new articles are inserted at the top and
        states updated in place, so the selection and scroll position stay where they are.
        Rows that left the query (e.g. read in the Unread view) stay until the source changes.
        """
        request = self.refresh_read()
        if request is not None:
            self.apply_refresh(request, request.read())

    def refresh_read(self) -> RefreshRead | None:
        """What ``refresh`` reads, to run on another thread; None when nothing is shown."""
        if self._source is None:
            return None
        limit = max(len(self._rows), self._page_size)
        return RefreshRead(self._source, self._order(), self._edits, limit,
                           self._reader(limit, 0))  # fmt: skip

    def _order(self) -> tuple[str, bool, str]:
        return self._sort, self._descending, self._filter

    def apply_refresh(self, request: RefreshRead, fresh: list[EntrySummary]) -> bool:
        """Show rows read by ``request`` as ``refresh`` does. False (nothing done) if the
        list shows another source or order since, or if an article's state changed here
        since (marked read) and the list would start again: the read may predate the
        change. After such a change only new articles are added."""
        if request.source is not self._source or request.order != self._order():
            return False
        new_top: list[EntrySummary] = []
        for row in fresh:
            if row.id in self._row_of:
                break
            new_top.append(row)
        current = request.edits == self._edits
        # More new articles than the read holds (a refresh storing hundreds): what lies
        # between them and the shown ones is unknown, so the list starts again from them.
        gap = bool(self._rows) and len(new_top) >= request.limit
        if gap or any(row.id not in self._row_of for row in fresh[len(new_top) :]):
            if current:
                self._reset_to(fresh, request.limit)
            return current
        if new_top:
            with self._changes():
                self.beginInsertRows(QModelIndex(), 0, len(new_top) - 1)
                self._set_rows(new_top + self._rows)
                self._offset += len(new_top)
                self.endInsertRows()
        if current:
            for row in fresh[len(new_top) :]:
                self._replace(row)
        return True

    def _reset_to(self, rows: list[EntrySummary], limit: int) -> None:
        with self._changes():
            self._reset_rows(rows, limit)

    def _reset_rows(self, rows: list[EntrySummary], limit: int) -> None:
        self.beginResetModel()
        self._set_rows(rows)
        self._offset = len(rows)
        self._more = len(rows) == limit
        self.endResetModel()

    def _set_rows(self, rows: list[EntrySummary]) -> None:
        self._rows = rows
        self._row_of = {row.id: n for n, row in enumerate(rows)}

    def _replace(self, row: EntrySummary) -> None:
        n = self._row_of.get(row.id)
        if n is None or self._rows[n] == row:
            return
        self._rows[n] = row
        self.dataChanged.emit(self.index(n, 0), self.index(n, DATE_COLUMN))

    # -- lookups and state ------------------------------------------------------------------
    def entry_at(self, row: int) -> EntrySummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int | None:
        return self._row_of.get(entry_id)

    def entry_ids(self) -> list[int]:
        return [row.id for row in self._rows]

    def update_entry_state(
        self, entry_id: int, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Reflect a state change made elsewhere; a no-op for an article not in the list."""
        n = self._row_of.get(entry_id)
        if n is None:
            return
        self._edits += 1
        row = self._rows[n]
        self._replace(
            dataclasses.replace(
                row,
                read=row.read if read is None else read,
                starred=row.starred if starred is None else starred,
            )
        )

    # -- QAbstractTableModel ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ["", self.tr("Title"), self.tr("Feed"), self.tr("Date")][section]
        if role == Qt.ItemDataRole.DecorationRole and section == STAR_COLUMN:
            return icon("star_empty")
        if role == Qt.ItemDataRole.ToolTipRole and section == STAR_COLUMN:
            return self.tr("Starred")
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            # A first click on Date shows the newest first; on Title or Feed, A to Z.
            newest_first = section == DATE_COLUMN
            order = Qt.SortOrder.DescendingOrder if newest_first else Qt.SortOrder.AscendingOrder
            return order.value
        return None

    def multiData(self, index: _Index, span: QModelRoleDataSpan | QModelRoleData) -> None:
        fill_roles(span, lambda role: self.data(index, role))  # one call a cell (roles.py)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ENTRY_ID_ROLE:
            return row.id
        if role == READ_ROLE:
            return row.read
        if role == STARRED_ROLE:
            return row.starred
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STAR_COLUMN:
            return icon("starred") if row.starred else None
        if role == Qt.ItemDataRole.FontRole and not row.read:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(row, column))
        return None

    def _display(self, row: EntrySummary, column: int) -> str:
        if column == TITLE_COLUMN:
            return row.title or row.url
        if column == FEED_COLUMN:
            return row.feed_title
        if column == DATE_COLUMN and row.published is not None:
            return format_short(row.published)
        return ""

    def _tooltip(self, row: EntrySummary, column: int) -> str | None:
        if column == STAR_COLUMN:
            return self.tr("Starred") if row.starred else None
        if column == DATE_COLUMN and row.published is not None:
            return format_long(row.published)
        return row.title or row.url
