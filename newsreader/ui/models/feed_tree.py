"""FeedTreeModel: smart views, folders and feeds with their unread counts.

The rows live in a QStandardItemModel: a view paints and lays out a C++ model without calling
into Python. With the rows in Python, each repaint of the feed list made some 900 calls into
Python (index, parent, flags, data...), each waiting for the GIL while a refresh's threads
held it: a repaint took 5 ms when idle and 20 to 60 ms while 500 feeds refreshed
(bench/gui_stall.py). The tree is built and compared in Python
(``feed_nodes``), off the GUI thread while a refresh runs; only what changed is written into
the items.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QStandardItem, QStandardItemModel

from newsreader.core import Feed
from newsreader.ui.icons import icon
from newsreader.ui.models.feed_drag import FeedDragMixin
from newsreader.ui.models.feed_nodes import ROOT_KEY, Node, PreparedTree, Tree, changes
from newsreader.ui.models.feed_nodes import NodeKey as NodeKey  # most of the UI imports it here
from newsreader.ui.plain_text import plain_tooltip

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "view", "folder" or "feed"
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # view name, folder name or feed id
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 3
ERROR_ROLE = Qt.ItemDataRole.UserRole + 4

VIEWS = ("all", "unread", "starred", "today")
TITLE_COLUMN, COUNT_COLUMN = 0, 1

_Index = QModelIndex | QPersistentModelIndex

_ITEM = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DROP = Qt.ItemFlag.ItemIsDropEnabled
# A view need not ask a row without children whether it has some.
_LEAF = Qt.ItemFlag.ItemNeverHasChildren
_FLAGS = {"feed": _ITEM | Qt.ItemFlag.ItemIsDragEnabled | _DROP | _LEAF, "folder": _ITEM | _DROP}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_R = Qt.ItemDataRole


class FeedTreeModel(FeedDragMixin, QStandardItemModel):
    """Two columns: title (with icon, bold when unread) and the unread count.

    Top level: the smart views All, Unread, Starred, Today; then folders holding their feeds;
    then feeds without a folder. ``reload`` updates in place when the tree's shape is
    unchanged, so selection and expansion survive a refresh. Feeds can be dragged between
    folders (``feed_drag``). Each row's items hold its kind and id (KIND_ROLE, ID_ROLE),
    unread count and error (UNREAD_ROLE, ERROR_ROLE).

    Signals:
        feeds_dropped(list, str): feed ids dropped into a folder ("" for the top level).
    """

    feeds_dropped = Signal(list, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.invisibleRootItem().setFlags(_DROP)  # empty space: the top level
        self._folders: list[str] = []  # folders shown even when empty
        self._icon_root: Path | None = None
        self._icons: dict[str, QIcon | None] = {}
        self._tree = Tree.of(Node(ROOT_KEY, ""))
        self._items: dict[NodeKey, tuple[QStandardItem, QStandardItem]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        # Searches shown as smart views: (key, title, tooltip, unread).
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

    def _build(
        self,
        feeds: Sequence[Feed],
        view_counts: Mapping[str, int],
        extra: Sequence[tuple[NodeKey, str, str, int]],
        shown_folders: Sequence[str],
    ) -> Node:
        # Any thread (prepare): pure Python, and QCoreApplication.translate is thread-safe.
        root = Node(ROOT_KEY, "")
        for name, title in self._view_titles().items():
            root.add(Node(NodeKey("view", name), title, view_counts.get(name, 0)))
        for key, title, tooltip, unread in extra:
            root.add(Node(key, title, unread, tooltip=tooltip))
        names = {feed.folder for feed in feeds if feed.folder} | set(shown_folders)
        folders = {name: root.add(Node(NodeKey("folder", name), name))
                   for name in sorted(names, key=lambda n: (n.casefold(), n))}  # fmt: skip
        for feed in feeds:
            parent = folders[feed.folder] if feed.folder else root
            parent.add(self._feed_node(feed))
        for folder in folders.values():
            folder.unread = sum(child.unread for child in folder.children)
            failing = sum(bool(child.error) for child in folder.children)
            folder.error = self.tr("%n feed(s) failed to update", "", failing) if failing else ""
        return root

    def _feed_node(self, feed: Feed) -> Node:
        tooltip = f"{feed.title}\n{feed.url}\n" + self.tr("%1 unread of %2").replace(
            "%1", str(feed.unread)
        ).replace("%2", str(feed.total))
        if feed.error:
            tooltip = feed.error
        return Node(NodeKey("feed", feed.id), feed.title or feed.url, feed.unread, feed.error,
                     tooltip, icon=getattr(feed, "icon_path", ""))  # fmt: skip

    def prepare(self, feeds: Sequence[Feed], view_counts: Mapping[str, int]) -> PreparedTree:
        """Any thread: the tree ``reload`` would build for these feeds and counts (building
        it on the GUI thread while a refresh runs stalled the window: feed_nodes.py)."""
        extra, folders = self._extra, self._folders
        tree = Tree.of(self._build(feeds, view_counts, extra, folders))
        largest = max([*view_counts.values(), *(feed.unread for feed in feeds)], default=0)
        return PreparedTree(feeds, view_counts, extra, folders, tree, largest)

    def reload(
        self,
        feeds: Sequence[Feed],
        view_counts: Mapping[str, int],
        *,
        keep_order: bool = False,
        prepared: PreparedTree | None = None,
    ) -> None:
        """Show these feeds and counts; in place (dataChanged) when the shape is unchanged.

        ``keep_order`` (while a refresh runs): the same nodes in another order (feeds get
        their titles, by which they sort, on their first refresh) are updated where they
        are; the next reload without it sorts them, rebuilding the rows. ``prepared``:
        ``prepare``'s tree for these feeds and counts, used if the extra views and folders
        did not change since.
        """
        self._last = (feeds, view_counts)
        if prepared is None or not self._fits(prepared, feeds, view_counts):
            prepared = self.prepare(feeds, view_counts)
        pairs = changes(self._tree, prepared.tree, keep_order=keep_order)
        if pairs is None:
            self._rebuild(prepared.tree)
        else:
            self._update_in_place(pairs)

    def _fits(
        self, prepared: PreparedTree, feeds: Sequence[Feed], view_counts: Mapping[str, int]
    ) -> bool:
        return (
            prepared.feeds is feeds
            and prepared.view_counts is view_counts
            and prepared.extra is self._extra
            and prepared.folders is self._folders
        )

    def _rebuild(self, tree: Tree) -> None:
        """New rows for a new shape: one reset, not a signal per row."""
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            root = self.invisibleRootItem()
            root.removeRows(0, root.rowCount())
            self._items = {}
            for node in tree.root.children:
                root.appendRow(self._row(node))
            self._tree = tree
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _row(self, node: Node) -> list[QStandardItem]:
        title, count = QStandardItem(), QStandardItem()
        flags = _FLAGS.get(node.key.kind, _ITEM | _LEAF)
        for item in (title, count):
            item.setFlags(flags)
            item.setData(node.key.kind, KIND_ROLE)
            item.setData(node.key.id, ID_ROLE)
        count.setData(_RIGHT, _R.TextAlignmentRole)
        self._show(node, title, count, looks=True)
        self._items[node.key] = (title, count)
        for child in node.children:
            title.appendRow(self._row(child))
        return [title, count]

    def _show(self, node: Node, title: QStandardItem, count: QStandardItem, *, looks: bool) -> None:
        """Put what the node shows into its items (its title and icon too if ``looks``)."""
        bold = self._bold if node.unread > 0 else None
        tip = node.error or node.tooltip or node.title  # a publisher's words: never markup
        for item in (title, count):
            item.setData(node.unread, UNREAD_ROLE)
            item.setData(node.error, ERROR_ROLE)
            item.setData(plain_tooltip(tip), _R.ToolTipRole)
            item.setData(bold, _R.FontRole)
        count.setData(str(node.unread) if node.unread > 0 else "", _R.DisplayRole)
        if looks:
            title.setData(node.title, _R.DisplayRole)
            title.setData(self._decoration(node), _R.DecorationRole)

    def _decoration(self, node: Node) -> QIcon:
        kind = node.key.kind
        if node.error and kind == "feed":
            return icon("error")
        site = self._site_icon(node) if kind == "feed" else None
        if site is not None:
            return site
        return icon(str(node.key.id) if kind == "view" else kind)

    def _update_in_place(self, pairs: list[tuple[Node, Node]]) -> None:
        """Write the new titles and counts into the items of the nodes that changed, and
        say so with one dataChanged per parent over its changed rows: a signal per node
        froze the window for 7 s when marking all read changed the counts of 500 feeds.
        When only counts changed, the signal covers the count column alone: for a range in
        the title column the view asks every row of it whether it has children."""
        by_parent: dict[NodeKey, tuple[list[int], list[bool]]] = {}
        blocked = self.blockSignals(True)  # the items would signal each change
        try:
            for node, fresh in pairs:
                parent = node.parent.key if node.parent is not None else ROOT_KEY
                rows, titles = by_parent.setdefault(parent, ([], [False]))
                rows.append(node.row)
                looks = node.looks() != fresh.looks()
                titles[0] = titles[0] or looks
                node.take(fresh)
                self._tree.states[node.key] = fresh.state()
                self._show(node, *self._items[node.key], looks=looks)
        finally:
            self.blockSignals(blocked)
        for parent, (rows, titles) in by_parent.items():
            outer = self.index_for(parent)
            column = TITLE_COLUMN if titles[0] else COUNT_COLUMN
            self.dataChanged.emit(self.index(min(rows), column, outer),
                                  self.index(max(rows), COUNT_COLUMN, outer))  # fmt: skip

    def set_extra_views(self, nodes: Sequence[tuple[NodeKey, str, str, int]]) -> None:
        """Views after the smart views (saved searches): (key, title, tooltip, unread) each."""
        self._extra = list(nodes)
        self.reload(*self._last)

    # -- lookups ---------------------------------------------------------------------
    def key_at(self, index: _Index) -> NodeKey | None:
        kind = index.data(KIND_ROLE) if index.isValid() else None
        return NodeKey(kind, index.data(ID_ROLE)) if kind else None

    def index_for(self, key: NodeKey) -> QModelIndex:
        """The title-column index of a node, or an invalid index if it is not in the tree."""
        items = self._items.get(key)
        return items[0].index() if items is not None else QModelIndex()

    def feed_ids_under(self, key: NodeKey) -> list[int]:
        """Feed ids a node stands for: itself, a folder's feeds, or every feed for a view."""
        if key.kind == "feed":
            return [int(key.id)]
        nodes = self._tree.root.children
        if key.kind == "folder":
            folder = self._tree.nodes.get(key)
            nodes = folder.children if folder is not None else []
        ids: list[int] = []
        for node in nodes:
            if node.key.kind == "feed":
                ids.append(int(node.key.id))
            elif node.key.kind == "folder":
                ids.extend(int(child.key.id) for child in node.children)
        return ids

    def folder_names(self) -> list[str]:
        """The folders in the tree, in its order."""
        return [str(n.key.id) for n in self._tree.root.children if n.key.kind == "folder"]

    def folder_of(self, feed_id: int) -> str | None:
        """The folder of a feed ("" at the top level), None if the feed is not shown."""
        node = self._tree.nodes.get(NodeKey("feed", feed_id))
        if node is None:
            return None
        outer = node.parent
        return str(outer.key.id) if outer is not None and outer.key.kind == "folder" else ""

    # -- QStandardItemModel ------------------------------------------------------------
    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        # A drag that moved feeds would remove the rows it took: the library moves them,
        # and the reload that follows shows it (feed_drag).
        return False

    def set_folders(self, names: Sequence[str]) -> None:
        """Folders to show even without feeds; from the next reload."""
        self._folders = list(names)

    def set_icon_root(self, root: Path) -> None:
        """Where feeds' icon paths are relative to (the library's data dir)."""
        self._icon_root = root
        self._icons.clear()
        blocked = self.blockSignals(True)
        try:
            for key, node in self._tree.nodes.items():
                if key.kind == "feed":
                    self._items[key][0].setData(self._decoration(node), _R.DecorationRole)
        finally:
            self.blockSignals(blocked)
        for parent in [ROOT_KEY, *(key for key in self._items if key.kind == "folder")]:
            outer = self.index_for(parent)
            rows = self.rowCount(outer)
            if rows:
                self.dataChanged.emit(self.index(0, TITLE_COLUMN, outer),
                                      self.index(rows - 1, TITLE_COLUMN, outer))  # fmt: skip

    def _site_icon(self, node: Node) -> QIcon | None:
        """The feed's cached site icon, if it has one that loads."""
        if not node.icon or self._icon_root is None:
            return None
        if node.icon not in self._icons:
            found = QIcon(str(self._icon_root / node.icon))
            # An unreadable file gives a null icon: remembered, so it is not read again.
            usable = not found.isNull() and bool(found.availableSizes())
            self._icons[node.icon] = found if usable else None
        return self._icons[node.icon]
