"""FeedTreeModel: smart views, folders and feeds with their unread counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from newsreader.core.types import Feed
from newsreader.ui.icons import icon

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "view", "folder" or "feed"
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # view name, folder name or feed id
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 3
ERROR_ROLE = Qt.ItemDataRole.UserRole + 4

VIEWS = ("all", "unread", "starred", "today")
TITLE_COLUMN, COUNT_COLUMN = 0, 1

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class NodeKey:
    """What a row stands for: ("view", "unread"), ("folder", "Elshinta"), ("feed", 3)."""

    kind: str
    id: str | int


@dataclass(eq=False)
class _Node:
    key: NodeKey
    title: str
    unread: int = 0
    error: str = ""
    tooltip: str = ""
    row: int = 0
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    def add(self, child: _Node) -> _Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child

    def shape(self) -> tuple[object, ...]:
        return (self.key, tuple(c.shape() for c in self.children))


class FeedTreeModel(QAbstractItemModel):
    """Two columns: title (with icon, bold when unread) and the unread count.

    Top level: the smart views All, Unread, Starred, Today; then folders holding their feeds;
    then feeds without a folder. ``reload`` updates in place when the tree's shape is
    unchanged, so selection and expansion survive a refresh.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node(NodeKey("root", ""), "")
        self._bold = QFont()
        self._bold.setBold(True)
        self.reload([], {})

    # -- building ------------------------------------------------------------------
    def _view_titles(self) -> dict[str, str]:
        return {
            "all": self.tr("All"),
            "unread": self.tr("Unread"),
            "starred": self.tr("Starred"),
            "today": self.tr("Today"),
        }

    def _build(self, feeds: Sequence[Feed], view_counts: Mapping[str, int]) -> _Node:
        root = _Node(NodeKey("root", ""), "")
        for name, title in self._view_titles().items():
            root.add(_Node(NodeKey("view", name), title, view_counts.get(name, 0)))
        folders: dict[str, _Node] = {}
        for feed in feeds:
            if feed.folder and feed.folder not in folders:
                folders[feed.folder] = root.add(_Node(NodeKey("folder", feed.folder), feed.folder))
        for feed in feeds:
            parent = folders[feed.folder] if feed.folder else root
            parent.add(self._feed_node(feed))
        for folder in folders.values():
            folder.unread = sum(child.unread for child in folder.children)
            failing = sum(bool(child.error) for child in folder.children)
            folder.error = self.tr("%n feed(s) failed to update", "", failing) if failing else ""
        return root

    def _feed_node(self, feed: Feed) -> _Node:
        tooltip = f"{feed.title}\n{feed.url}\n" + self.tr("%1 unread of %2").replace(
            "%1", str(feed.unread)
        ).replace("%2", str(feed.total))
        if feed.error:
            tooltip = feed.error
        return _Node(NodeKey("feed", feed.id), feed.title or feed.url, feed.unread, feed.error,
                     tooltip)  # fmt: skip

    def reload(self, feeds: Sequence[Feed], view_counts: Mapping[str, int]) -> None:
        """Show these feeds and counts; in place (dataChanged) when the shape is unchanged."""
        new_root = self._build(feeds, view_counts)
        if new_root.shape() == self._root.shape():
            self._update_in_place(self._root, new_root)
            return
        self.beginResetModel()
        self._root = new_root
        self.endResetModel()

    def _update_in_place(self, old: _Node, new: _Node) -> None:
        for old_child, new_child in zip(old.children, new.children, strict=True):
            changed = (old_child.title, old_child.unread, old_child.error, old_child.tooltip) != (
                new_child.title, new_child.unread, new_child.error, new_child.tooltip
            )  # fmt: skip
            if changed:
                old_child.title, old_child.unread = new_child.title, new_child.unread
                old_child.error, old_child.tooltip = new_child.error, new_child.tooltip
                first = self.createIndex(old_child.row, TITLE_COLUMN, old_child)
                last = self.createIndex(old_child.row, COUNT_COLUMN, old_child)
                self.dataChanged.emit(first, last)
            self._update_in_place(old_child, new_child)

    # -- lookups ---------------------------------------------------------------------
    def key_at(self, index: _Index) -> NodeKey | None:
        node = self._node(index)
        return None if node is self._root else node.key

    def index_for(self, key: NodeKey) -> QModelIndex:
        """The title-column index of a node, or an invalid index if it is not in the tree."""
        stack = list(self._root.children)
        while stack:
            node = stack.pop()
            if node.key == key:
                return self.createIndex(node.row, TITLE_COLUMN, node)
            stack.extend(node.children)
        return QModelIndex()

    def feed_ids_under(self, key: NodeKey) -> list[int]:
        """Feed ids a node stands for: itself, a folder's feeds, or every feed for a view."""
        if key.kind == "feed":
            return [int(key.id)]
        nodes = self._root.children
        if key.kind == "folder":
            found = self.index_for(key)
            nodes = self._node(found).children if found.isValid() else []
        ids: list[int] = []
        for node in nodes:
            if node.key.kind == "feed":
                ids.append(int(node.key.id))
            elif node.key.kind == "folder":
                ids.extend(int(child.key.id) for child in node.children)
        return ids

    def _node(self, index: _Index) -> _Node:
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, _Node)
        return node

    # -- QAbstractItemModel ------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, TITLE_COLUMN, parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != TITLE_COLUMN:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == KIND_ROLE:
            return node.key.kind
        if role == ID_ROLE:
            return node.key.id
        if role == UNREAD_ROLE:
            return node.unread
        if role == ERROR_ROLE:
            return node.error
        if index.column() == COUNT_COLUMN:
            return self._count_data(node, role)
        return self._title_data(node, role)

    def _title_data(self, node: _Node, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return node.title
        if role == Qt.ItemDataRole.DecorationRole:
            if node.error and node.key.kind == "feed":
                return icon("error")
            return icon(node.key.id if node.key.kind == "view" else node.key.kind)  # type: ignore[arg-type]
        if role == Qt.ItemDataRole.FontRole and node.unread > 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.error or node.tooltip or node.title
        return None

    def _count_data(self, node: _Node, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(node.unread) if node.unread > 0 else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and node.unread > 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.error or node.tooltip or node.title
        return None
