"""EntryListWidget: the article list view (star, title, feed, date) over EntryListModel."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from newsreader.core import EntrySummary
from newsreader.ui.models.entry_list import (
    DATE_COLUMN,
    FEED_COLUMN,
    STAR_COLUMN,
    TITLE_COLUMN,
    EntryListModel,
)


class RoomyDelegate(QStyledItemDelegate):
    """Rows a little taller than the style's minimum: easier to scan and to hit."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


class EntryListWidget(QTreeView):
    """A flat tree view (nicer row focus than a table) with extended selection. Its context
    menu shows the window's own actions (``set_menu_actions``), so a command works the same
    from the menu bar, the toolbar, its shortcut and a right click.

    Signals:
        entry_selected(int): the reader moved to, or clicked, an article row.
        star_clicked(int, bool): the star column of a row was clicked; the new starred state.
    """

    entry_selected = Signal(int)
    star_clicked = Signal(int, bool)

    def __init__(self, model: EntryListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._row_actions: list[QAction | None] = []
        self._list_actions: list[QAction] = []
        self.setModel(model)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(STAR_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(STAR_COLUMN, 30)
        header.resizeSection(FEED_COLUMN, 170)
        header.resizeSection(DATE_COLUMN, 130)
        # A header click asks the model, which has the library sort.
        header.setSortIndicator(model.sort_column(), _order(model.descending()))
        self.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        model.modelReset.connect(self._follow_search_order)
        self.setItemDelegate(RoomyDelegate(self))
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.clicked.connect(self._on_clicked)

    def event(self, event: QEvent) -> bool:
        # Item views take plain letters for type-ahead search, which would swallow the
        # one-key commands readers expect (S star, M read, N next): let the window have them.
        if event.type() == QEvent.Type.ShortcutOverride and is_plain_key(event):
            event.ignore()
            return False
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painting from Python holds the GIL for the whole paint: the model's answers (a
        # call into Python for each cell) do not each wait for it again while a refresh's
        # threads want it too; painted from C++ they did.
        super().paintEvent(event)

    def doItemsLayout(self) -> None:
        # QTreeView fetches a page at every layout (a reset, new articles at the top), not
        # only when the reader scrolls to the end: while a refresh ran, the list grew by a
        # page a second, each read on the GUI thread. A layout fetches
        # only while the rows do not fill the view; scrolling to the end fetches the next.
        with self._model.fetch_held(self._rows_fill_view()):
            super().doItemsLayout()

    def _rows_fill_view(self) -> bool:
        rows = self._model.rowCount()
        return rows > 0 and rows * self.sizeHintForRow(0) > self.viewport().height()

    def entry_model(self) -> EntryListModel:
        """The model as its own type (``model()`` gives Qt's base class)."""
        return self._model

    def keyboardSearch(self, search: str) -> None:
        """No type-ahead: jumping to a row would open it and mark it read by accident."""

    def sort_by(self, key: str, descending: bool) -> None:
        """Sort as a header click would (the model queries the library again)."""
        self._model.set_sort(key, descending)
        self.sync_sort_indicator()

    def sync_sort_indicator(self) -> None:
        """Show the model's sort in the header."""
        column, order = self._model.sort_column(), _order(self._model.descending())
        header = self.header()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.setSortIndicator(column, order)

    def _follow_search_order(self) -> None:
        # Search results come in the search's own order (best match, or newest for a saved
        # search): the header neither shows nor changes a sort meanwhile.
        search = self._model.is_search()
        self.header().setSectionsClickable(not search)
        self.header().setSortIndicatorShown(not search)

    def _on_sort_indicator_changed(self, _section: int, _order: Qt.SortOrder) -> None:
        # The star column does not sort: the indicator goes back to the column that does.
        self.sync_sort_indicator()

    def current_entry(self) -> EntrySummary | None:
        index = self.currentIndex()
        return self._model.entry_at(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [s.id for s in map(self._model.entry_at, rows) if s is not None]

    def select_entry(self, entry_id: int) -> bool:
        """Make an article the current row (emits entry_selected). False if not loaded."""
        row = self._model.row_of(entry_id)
        return row is not None and self.select_row(row)

    def select_row(self, row: int) -> bool:
        """Make a row the current, selected one (emits entry_selected). Whatever modifier
        keys are down: a Ctrl+J rebinding must still open the next article."""
        index = self._model.index(row, TITLE_COLUMN)
        if not index.isValid():
            return False
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)
        return True

    # -- context menu ------------------------------------------------------------------
    def set_menu_actions(
        self, row_actions: Sequence[QAction | None], list_actions: Sequence[QAction]
    ) -> None:
        """The context menu: ``row_actions`` (None: a separator) act on the row clicked,
        ``list_actions`` on the whole list; over the empty area only the latter show."""
        self._row_actions = list(row_actions)
        self._list_actions = list(list_actions)

    def _show_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        menu = self.menu_for_row(index.row() if index.isValid() else -1)
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.viewport().mapToGlobal(pos))

    def menu_for_row(self, row: int) -> QMenu | None:
        """The context menu of a row (-1: the empty area), None if it has nothing to offer.

        The row becomes the current, shown article first: the window's actions act on that
        one, and their labels ("Star" or "Unstar") follow its state.
        """
        summary = self._model.entry_at(row)
        actions: list[QAction | None] = list(self._list_actions)
        if summary is not None:
            self._make_current(row, summary.id)
            actions = [*self._row_actions, None, *self._list_actions]
        if not any(actions):
            return None
        menu = QMenu(self)
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def _make_current(self, row: int, entry_id: int) -> None:
        # As Qt's own right click: a row outside the selection replaces it, a row inside
        # keeps it (so "Mark as Read" still covers every selected row).
        index = self._model.index(row, TITLE_COLUMN)
        flags = QItemSelectionModel.SelectionFlag.NoUpdate
        if not self.selectionModel().isRowSelected(row, QModelIndex()):
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
        self.selectionModel().setCurrentIndex(index, flags)
        # Already current, it may not be the article shown (after following a related link).
        self.entry_selected.emit(entry_id)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = self._model.entry_at(current.row()) if current.isValid() else None
        # Only a row moved to and selected opens: Tab into the list makes its first row
        # current without selecting it, and must not open (and mark read) an article.
        if summary is not None and self.selectionModel().isRowSelected(
            current.row(), QModelIndex()
        ):
            self.entry_selected.emit(summary.id)

    def _on_clicked(self, index: QModelIndex) -> None:
        summary = self._model.entry_at(index.row())
        if summary is None:
            return
        if index.column() == STAR_COLUMN:
            self.star_clicked.emit(summary.id, not summary.starred)
        else:
            self.entry_selected.emit(summary.id)


def _order(descending: bool) -> Qt.SortOrder:
    return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder


def is_plain_key(event: QEvent) -> bool:
    """A letter or digit typed without Ctrl/Alt/Meta."""
    if not isinstance(event, QKeyEvent):
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
    return modifiers == Qt.KeyboardModifier.NoModifier and event.text().isalnum()
