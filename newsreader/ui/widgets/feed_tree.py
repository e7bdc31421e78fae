"""FeedTreeWidget: the subscriptions pane (views, folders, feeds) with its context menu."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from newsreader.core import Feed
from newsreader.ui.icons import icon
from newsreader.ui.models.feed_nodes import PreparedTree
from newsreader.ui.models.feed_tree import COUNT_COLUMN, TITLE_COLUMN, FeedTreeModel, NodeKey
from newsreader.ui.widgets.entry_list import RoomyDelegate, is_plain_key
from newsreader.ui.widgets.feed_tree_menu import folder_actions


class FeedTreeWidget(QTreeView):
    """A tree view over FeedTreeModel that keeps selection and folder expansion on reload.

    Signals:
        source_selected(object): the NodeKey the reader selected.
        refresh_requested(list): feed ids to refresh (context menu).
        mark_all_read_requested(object): NodeKey whose articles to mark read.
        remove_requested(int): feed id to unsubscribe from.
        properties_requested(int): feed id whose properties to show.
        new_folder_requested(): make a folder (context menu).
        rename_folder_requested(str): the folder to rename.
        delete_folder_requested(str): the folder to delete.
        move_requested(list, str): feed ids to put in a folder ("" top level), dragged or
            chosen in the menu.
    """

    source_selected = Signal(object)
    refresh_requested = Signal(list)
    mark_all_read_requested = Signal(object)
    remove_requested = Signal(int)
    properties_requested = Signal(int)
    new_folder_requested = Signal()
    rename_folder_requested = Signal(str)
    delete_folder_requested = Signal(str)
    move_requested = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = FeedTreeModel(self)
        self.setModel(self._model)
        self._current: NodeKey | None = None
        self._restoring = False
        self._collapsed: set[str] = set()
        # The context menu of a search node comes from the search controller.
        self.search_actions: Callable[[NodeKey, QMenu], list[QAction]] | None = None
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setAnimated(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        # Fixed, fitted by reload(): ResizeToContents measured every row again at each change
        # of a count, 30 ms per article opened with 500 feeds.
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.Fixed)
        self._count_width = 0
        self._fit_count_column(0)
        self.setItemDelegate(RoomyDelegate(self))
        self.customContextMenuRequested.connect(self._show_menu)
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self._model.modelAboutToBeReset.connect(self._remember)
        self._model.modelReset.connect(self._restore)
        self.collapsed.connect(self._on_collapsed)
        self.expanded.connect(self._on_expanded)
        # Feeds are dragged between folders; the model reports the drop.
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self._model.feeds_dropped.connect(self.move_requested)

    def event(self, event: QEvent) -> bool:
        # As in the article list: one-key commands win over type-ahead search.
        if event.type() == QEvent.Type.ShortcutOverride and is_plain_key(event):
            event.ignore()
            return False
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # From Python, so the icons' engines (drawn in Python) run under one hold of the
        # GIL, not one wait for it each while a refresh runs.
        super().paintEvent(event)

    def feed_model(self) -> FeedTreeModel:
        return self._model

    def current_key(self) -> NodeKey | None:
        return self._current

    def reload(
        self,
        feeds: Sequence[Feed],
        view_counts: Mapping[str, int],
        *,
        keep_order: bool = False,
        prepared: PreparedTree | None = None,
    ) -> None:
        """New feeds and counts; the selection and expanded folders stay as they were.
        ``keep_order``, ``prepared``: see FeedTreeModel.reload."""
        self._model.reload(feeds, view_counts, keep_order=keep_order, prepared=prepared)
        if prepared is not None and prepared.feeds is feeds:
            largest = prepared.largest
        else:
            largest = max([*view_counts.values(), *(f.unread for f in feeds)], default=0)
        self._fit_count_column(largest)

    def _fit_count_column(self, largest: int) -> None:
        """As wide as the largest count in bold (the views' counts bound the others)."""
        font = QFont(self.font())
        font.setBold(True)
        width = QFontMetrics(font).horizontalAdvance(str(largest) if largest else "") + 16
        if width != self._count_width:
            self._count_width = width
            self.header().resizeSection(COUNT_COLUMN, width)

    def select_key(self, key: NodeKey) -> bool:
        """Select a node (emits source_selected if it changed). False if it is not there."""
        index = self._model.index_for(key)
        if not index.isValid():
            return False
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)
        return True

    # -- keeping state across a model reset ---------------------------------------------
    def _remember(self) -> None:
        self._restoring = True

    def _restore(self) -> None:
        for row in range(self._model.rowCount()):
            index = self._model.index(row, TITLE_COLUMN)
            key = self._model.key_at(index)
            if key is not None and key.kind == "folder":
                self.setExpanded(index, str(key.id) not in self._collapsed)
        current = self._current
        if current is not None and not self.select_key(current):
            self._current = None
            self.source_selected.emit(None)
        self._restoring = False

    def _on_collapsed(self, index: QModelIndex) -> None:
        key = self._model.key_at(index)
        if key is not None and not self._restoring:
            self._collapsed.add(str(key.id))

    def _on_expanded(self, index: QModelIndex) -> None:
        key = self._model.key_at(index)
        if key is not None and not self._restoring:
            self._collapsed.discard(str(key.id))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self._model.key_at(current)
        if self._restoring and key is None:
            return  # the reset clears the selection for a moment; the old one comes back
        if key != self._current:
            self._current = key
            self.source_selected.emit(key)

    # -- context menu ------------------------------------------------------------------
    def _show_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        key = self._model.key_at(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Empty space offers what needs no node: a new folder.
        actions = self.actions_for(key, menu) if key else folder_actions(self, None, menu)
        for action in actions:
            menu.addAction(action)
        menu.popup(self.viewport().mapToGlobal(pos))

    def actions_for(self, key: NodeKey, parent: QMenu) -> list[QAction]:
        """The context-menu actions of a node (also used by tests)."""
        if key.kind in ("search", "saved") and self.search_actions is not None:
            return self.search_actions(key, parent)
        actions: list[QAction] = []
        feed_ids = self._model.feed_ids_under(key)
        if key.kind != "view" or key.id == "all":
            refresh = QAction(icon("refresh"), self.tr("Refresh"), parent)
            refresh.triggered.connect(lambda: self.refresh_requested.emit(feed_ids))
            refresh.setEnabled(bool(feed_ids))
            actions.append(refresh)
        mark = QAction(icon("mark_all_read"), self.tr("Mark All as Read"), parent)
        mark.triggered.connect(lambda: self.mark_all_read_requested.emit(key))
        actions.append(mark)
        actions += folder_actions(self, key, parent)  # New Folder, Move To, Rename, Delete
        if key.kind == "feed":
            remove = QAction(icon("remove"), self.tr("Remove Subscription…"), parent)
            remove.triggered.connect(lambda: self.remove_requested.emit(int(key.id)))
            separator = QAction(parent)
            separator.setSeparator(True)
            properties = QAction(self.tr("Properties…"), parent)
            properties.triggered.connect(lambda: self.properties_requested.emit(int(key.id)))
            actions += [remove, separator, properties]
        return actions
