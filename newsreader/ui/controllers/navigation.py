"""Navigator: moving through the articles from the keyboard.

``j``/``k`` next/previous row, ``n`` next unread (on to the next feed with unread articles
when this one has none, as NetNewsWire does), Space pages through the article and then
moves on to the next unread, and Ctrl+1/2/3 put the focus on the feeds, the list, the pane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractSlider, QStatusBar

from newsreader.ui.models.feed_tree import TITLE_COLUMN as TREE_TITLE
from newsreader.ui.models.feed_tree import UNREAD_ROLE, NodeKey

if TYPE_CHECKING:
    from newsreader.ui.models.entry_list import EntryListModel
    from newsreader.ui.widgets.article_view import ArticleViewWidget
    from newsreader.ui.widgets.entry_list import EntryListWidget
    from newsreader.ui.widgets.feed_tree import FeedTreeWidget

_MESSAGE_MS = 4000


class Navigator(QObject):
    """The window's keyboard navigation commands (the actions live in ``KeyboardControls``)."""

    def __init__(
        self,
        feed_tree: FeedTreeWidget,
        entry_model: EntryListModel,
        entry_list: EntryListWidget,
        article_view: ArticleViewWidget,
        status_bar: QStatusBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._feed_tree = feed_tree
        self._entry_model = entry_model
        self._entry_list = entry_list
        self._article_view = article_view
        self._status_bar = status_bar

    # -- rows ------------------------------------------------------------------------------
    def _base_row(self) -> int:
        """The row moved from: the article shown, else the selected current row, else -1
        (focus alone makes a row current without opening it)."""
        shown = self._article_view.entry()
        row = self._entry_model.row_of(shown.id) if shown is not None else None
        if row is not None:
            return row
        current = self._entry_list.currentIndex()
        selected = self._entry_list.selectionModel().isRowSelected(current.row(), QModelIndex())
        return current.row() if current.isValid() and selected else -1

    def next_article(self) -> None:
        """The row below the current one (the first if none), loading the next page if needed."""
        self._move_to(self._base_row() + 1)

    def previous_article(self) -> None:
        self._move_to(max(self._base_row() - 1, 0))

    def _move_to(self, row: int) -> bool:
        model = self._entry_model
        while row >= model.rowCount() and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        return 0 <= row < model.rowCount() and self._entry_list.select_row(row)

    # -- unread ----------------------------------------------------------------------------
    def next_unread(self) -> None:
        """The next unread row here; else the first unread of the next feed that has some."""
        if self._next_unread_in_list():
            return
        key = self._next_feed_with_unread()
        # Selecting the feed shows its first page at once (a model reset): go on there.
        if key is not None and self._feed_tree.select_key(key) and self._next_unread_in_list():
            return
        self._status_bar.showMessage(self.tr("No more unread articles."), _MESSAGE_MS)

    def _next_unread_in_list(self) -> bool:
        model = self._entry_model
        row = self._base_row() + 1
        while True:
            while row < model.rowCount():
                summary = model.entry_at(row)
                if summary is not None and not summary.read:
                    return self._move_to(row)
                row += 1
            if not model.canFetchMore(QModelIndex()):
                return False
            model.fetchMore(QModelIndex())

    def _next_feed_with_unread(self) -> NodeKey | None:
        """After the selected feed (or the last feed of the selected folder), in the tree's
        order and wrapping around, the first feed with unread articles. None for a view: it
        already holds every feed's articles."""
        current = self._feed_tree.current_key()
        feeds = self._feeds_in_order()
        if current is None or current.kind not in ("feed", "folder"):
            return None
        positions = [n for n, (key, parent, _u) in enumerate(feeds)
                     if current in (key, parent)]  # fmt: skip
        if not positions:
            return None
        start = positions[-1] + 1
        for key, parent, unread in feeds[start:] + feeds[:start]:
            if unread > 0 and current not in (key, parent):
                return key
        return None

    def _feeds_in_order(self) -> list[tuple[NodeKey, NodeKey | None, int]]:
        """Every feed of the tree top to bottom: its key, its folder's key, its unread count."""
        model = self._feed_tree.feed_model()
        found: list[tuple[NodeKey, NodeKey | None, int]] = []

        def walk(parent: QModelIndex, folder: NodeKey | None) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, TREE_TITLE, parent)
                key = model.key_at(index)
                if key is None:
                    continue
                if key.kind == "feed":
                    found.append((key, folder, int(index.data(UNREAD_ROLE) or 0)))
                elif key.kind == "folder":
                    walk(index, key)

        walk(QModelIndex(), None)
        return found

    # -- reading -----------------------------------------------------------------------------
    def read_on(self) -> None:
        """Space: the next screen of the article; at its end, the next unread article."""
        view = self._article_view
        bar = view.verticalScrollBar()
        if view.entry() is not None and bar.value() < bar.maximum():
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        else:
            self.next_unread()

    # -- focus -------------------------------------------------------------------------------
    def focus_feeds(self) -> None:
        self._feed_tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_list(self) -> None:
        self._entry_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_article(self) -> None:
        self._article_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
