"""EntryListModel: the article list, paged so a huge feed costs what one screen costs."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from newsreader.core.types import EntrySummary
from newsreader.ui.dates import format_long, format_short
from newsreader.ui.icons import icon

if TYPE_CHECKING:
    from newsreader.core.library import Library, View

STAR_COLUMN, TITLE_COLUMN, FEED_COLUMN, DATE_COLUMN = range(4)
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
READ_ROLE = Qt.ItemDataRole.UserRole + 2
STARRED_ROLE = Qt.ItemDataRole.UserRole + 3
PAGE_SIZE = 200

_Index = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass(frozen=True)
class ListSource:
    """Which articles the list shows: one feed, one folder, or a smart view."""

    feed_id: int | None = None
    folder: str | None = None
    view: View = "all"


class EntryListModel(QAbstractTableModel):
    """Columns: star, title, feed, date. Unread rows are bold.

    Rows come from ``library.entries(limit=..., offset=...)`` one page at a time through
    ``canFetchMore``/``fetchMore``, which the view calls as the reader scrolls.
    """

    def __init__(
        self, library: Library, parent: QObject | None = None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._page_size = page_size
        self._source: ListSource | None = None
        self._rows: list[EntrySummary] = []
        self._row_of: dict[int, int] = {}
        self._offset = 0  # rows consumed from the query so far
        self._more = False
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
        self.beginResetModel()
        self._source = ListSource(feed_id, folder, view)
        # The first page comes with the reset, so the view shows it in one go.
        page = self._query(self._page_size, 0)
        self._set_rows(page)
        self._offset = len(page)
        self._more = len(page) == self._page_size
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._source = None
        self._set_rows([])
        self._more = False
        self.endResetModel()

    def _query(self, limit: int, offset: int) -> list[EntrySummary]:
        assert self._source is not None
        src = self._source
        return self._library.entries(
            feed_id=src.feed_id, folder=src.folder, view=src.view, limit=limit, offset=offset
        )

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._source is not None and self._more

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
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._set_rows(self._rows + fresh)
            self.endInsertRows()

    def refresh(self) -> None:
        """Re-read the loaded part after an update: new articles are inserted at the top and
        states updated in place, so the selection and scroll position stay where they are.
        Rows that left the query (e.g. read in the Unread view) stay until the source changes.
        """
        if self._source is None:
            return
        limit = max(len(self._rows), self._page_size)
        fresh = self._query(limit, 0)
        new_top: list[EntrySummary] = []
        for row in fresh:
            if row.id in self._row_of:
                break
            new_top.append(row)
        if any(row.id not in self._row_of for row in fresh[len(new_top) :]):
            self._reset_to(fresh, limit)
            return
        if new_top:
            self.beginInsertRows(QModelIndex(), 0, len(new_top) - 1)
            self._set_rows(new_top + self._rows)
            self._offset += len(new_top)
            self.endInsertRows()
        for row in fresh[len(new_top) :]:
            self._replace(row)

    def _reset_to(self, rows: list[EntrySummary], limit: int) -> None:
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
        return None

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
            return self._tooltip(row, column)
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
