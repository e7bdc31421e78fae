"""FeedTreeModel: smart views, folders and feeds with their unread counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon

from newsreader.core.types import Feed
from newsreader.ui.icons import icon
from newsreader.ui.models.feed_drag import FeedDragMixin

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


# More changed nodes than this are announced as one layout change (see _update_in_place).
_MANY_CHANGES = 8


def _changed_nodes(old: _Node, new: _Node, found: list[tuple[_Node, _Node]]) -> None:
    """(shown node, its new version) for every node whose title or count changed."""
    for old_child, new_child in zip(old.children, new.children, strict=True):
        if (old_child.title, old_child.unread, old_child.error, old_child.tooltip,
                old_child.icon) != (new_child.title, new_child.unread, new_child.error,
                                    new_child.tooltip, new_child.icon):  # fmt: skip
            found.append((old_child, new_child))
        _changed_nodes(old_child, new_child, found)


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
    icon: str = ""  # a feed's site icon, relative to the icon root

    def add(self, child: _Node) -> _Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child

    def shape(self) -> tuple[object, ...]:
        return (self.key, tuple(c.shape() for c in self.children))


class FeedTreeModel(FeedDragMixin, QAbstractItemModel):
    """Two columns: title (with icon, bold when unread) and the unread count.

    Top level: the smart views All, Unread, Starred, Today; then folders holding their feeds;
    then feeds without a folder. ``reload`` updates in place when the tree's shape is
    unchanged, so selection and expansion survive a refresh. Feeds can be dragged between
    folders (``feed_drag``).

    Signals:
        feeds_dropped(list, str): feed ids dropped into a folder ("" for the top level).
    """

    feeds_dropped = Signal(list, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folders: list[str] = []  # folders shown even when empty (issue 5 point 1)
        self._icon_root: Path | None = None
        self._icons: dict[str, QIcon] = {}
        self._root = _Node(NodeKey("root", ""), "")
        self._bold = QFont()
        self._bold.setBold(True)
        # Searches shown as smart views (issue 5 point 4): (key, title, tooltip, unread).
        self._extra: list[tuple[NodeKey, str, str, int]] = []
        self._last: tuple[Sequence[Feed], Mapping[str, int]] = ([], {})
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
        for key, title, tooltip, unread in self._extra:
            root.add(_Node(key, title, unread, tooltip=tooltip))
        names = {feed.folder for feed in feeds if feed.folder} | set(self._folders)
        folders = {name: root.add(_Node(NodeKey("folder", name), name))
                   for name in sorted(names, key=lambda n: (n.casefold(), n))}  # fmt: skip
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
                     tooltip, icon=getattr(feed, "icon_path", ""))  # fmt: skip

    def reload(self, feeds: Sequence[Feed], view_counts: Mapping[str, int]) -> None:
        """Show these feeds and counts; in place (dataChanged) when the shape is unchanged."""
        self._last = (feeds, view_counts)
        new_root = self._build(feeds, view_counts)
        if new_root.shape() == self._root.shape():
            self._update_in_place(self._root, new_root)
            return
        self.beginResetModel()
        self._root = new_root
        self.endResetModel()

    def _update_in_place(self, old: _Node, new: _Node) -> None:
        """Copy the new titles and counts over the nodes that changed, and say so: per
        parent, one dataChanged over its changed rows; past _MANY_CHANGES nodes, one layout
        change. Each signal makes the view measure rows again (the count column fits its
        contents): a signal per node froze the window for 7 s when marking all read changed
        the counts of 500 feeds (issue 5 figures)."""
        pairs: list[tuple[_Node, _Node]] = []
        _changed_nodes(old, new, pairs)
        if not pairs:
            return
        many = len(pairs) > _MANY_CHANGES
        if many:
            self.layoutAboutToBeChanged.emit()
        by_parent: dict[int, list[_Node]] = {}
        for node, fresh in pairs:
            node.title, node.unread, node.icon = fresh.title, fresh.unread, fresh.icon
            node.error, node.tooltip = fresh.error, fresh.tooltip
            by_parent.setdefault(id(node.parent), []).append(node)
        if many:
            self.layoutChanged.emit()
            return
        for nodes in by_parent.values():
            first, last = min(nodes, key=lambda n: n.row), max(nodes, key=lambda n: n.row)
            self.dataChanged.emit(self.createIndex(first.row, TITLE_COLUMN, first),
                                  self.createIndex(last.row, COUNT_COLUMN, last))  # fmt: skip

    def set_extra_views(self, nodes: Sequence[tuple[NodeKey, str, str, int]]) -> None:
        """Views after the smart views (saved searches): (key, title, tooltip, unread) each."""
        self._extra = list(nodes)
        self.reload(*self._last)

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

    def folder_names(self) -> list[str]:
        """The folders in the tree, in its order."""
        return [str(n.key.id) for n in self._root.children if n.key.kind == "folder"]

    def folder_of(self, feed_id: int) -> str | None:
        """The folder of a feed ("" at the top level), None if the feed is not shown."""
        found = self.index_for(NodeKey("feed", feed_id))
        if not found.isValid():
            return None
        outer = self._node(found).parent
        return str(outer.key.id) if outer is not None and outer.key.kind == "folder" else ""

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
            return Qt.ItemFlag.ItemIsDropEnabled  # empty space: the top level
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind = self._node(index).key.kind
        if kind == "feed":
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        elif kind == "folder":
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def set_folders(self, names: Sequence[str]) -> None:
        """Folders to show even without feeds (issue 5 point 1); from the next reload."""
        self._folders = list(names)

    def set_icon_root(self, root: Path) -> None:
        """Where feeds' icon paths are relative to (the library's data dir)."""
        self._icon_root = root
        self._icons.clear()

    def _site_icon(self, node: _Node) -> QIcon | None:
        """The feed's cached site icon, if it has one that loads."""
        if not node.icon or self._icon_root is None:
            return None
        cached = self._icons.get(node.icon)
        if cached is None:
            cached = QIcon(str(self._icon_root / node.icon))
            # An unreadable file gives a null icon: remembered, so it is not read again.
            self._icons[node.icon] = cached
        return None if cached.isNull() or not cached.availableSizes() else cached

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
            site = self._site_icon(node) if node.key.kind == "feed" else None
            if site is not None:
                return site
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
