"""Window geometry, splitter and list-header state, the list's sort and filter, the source
and the article shown, kept in QSettings between sessions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QByteArray, QModelIndex, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QWidget

from newsreader.core import NewsreaderError
from newsreader.ui.models.feed_tree import NodeKey

if TYPE_CHECKING:
    from newsreader.core import LibraryApi
    from newsreader.ui.models.entry_list import EntryListModel
    from newsreader.ui.widgets.article_view import ArticleViewWidget
    from newsreader.ui.widgets.entry_list import EntryListWidget
    from newsreader.ui.widgets.feed_tree import FeedTreeWidget
    from newsreader.ui.widgets.filter_bar import ArticleListPane


_RESTORE_ROWS = 1000  # how far down the list the last article is looked for at launch


class SetArticleBelow(Protocol):
    """Puts the article under the list or beside it (sizing the panes anew if ``resize``)."""

    def __call__(self, below: bool, *, resize: bool = ...) -> None: ...


class WindowState:
    """Puts the window back as the reader left it, and keeps it so at the end.

    ``window`` is the top-level widget whose geometry is kept; ``article_below`` the checkable
    action of that layout, ``set_article_below`` applies it; ``show_entry`` opens the article
    that was shown when it is not in the list's first rows.
    """

    def __init__(
        self,
        settings: QSettings,
        window: QWidget,
        library: LibraryApi,
        *,
        main_splitter: QSplitter,
        content_splitter: QSplitter,
        feed_tree: FeedTreeWidget,
        list_pane: ArticleListPane,
        entry_list: EntryListWidget,
        entry_model: EntryListModel,
        article_view: ArticleViewWidget,
        article_below: QAction,
        set_article_below: SetArticleBelow,
        show_entry: Callable[[int], None],
    ) -> None:
        self._settings = settings
        self._window = window
        self._library = library
        self._main_splitter = main_splitter
        self._content_splitter = content_splitter
        self._feed_tree = feed_tree
        self._list_pane = list_pane
        self._entry_list = entry_list
        self._entry_model = entry_model
        self._article_view = article_view
        self._article_below = article_below
        self._set_article_below = set_article_below
        self._show_entry = show_entry

    def restore(self) -> None:
        """The geometry, the layout and the list (a sensible default the first time)."""
        s = self._settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self._window.restoreGeometry(geometry)
        else:
            self._window.resize(1240, 780)
        below = bool(s.value("window/article_below", True, type=bool))
        self._article_below.setChecked(below)
        # Orientation first: the sizes belong to it.
        self._set_article_below(below, resize=False)
        splitters = (("main", self._main_splitter), ("content", self._content_splitter))
        for key, splitter in splitters:
            state = s.value(f"window/{key}_splitter")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
            elif splitter is self._content_splitter:
                self._set_article_below(below)
        header_state = s.value("window/list_header")
        if isinstance(header_state, QByteArray):
            self._entry_list.header().restoreState(header_state)  # column widths and order
        descending = bool(s.value("list/descending", True, type=bool))
        self._entry_list.sort_by(str(s.value("list/sort", "date")), descending)
        self._list_pane.set_filter(str(s.value("list/filter", "all")))

    def restore_source(self) -> None:
        """Select the feed, folder, view or search that was selected (All if it is gone)."""
        raw = str(self._settings.value("window/source", "view:all"))
        kind, _, ident = raw.partition(":")
        numeric = kind in ("feed", "saved") and ident.isdigit()
        key = NodeKey(kind, int(ident) if numeric else ident)
        if not self._feed_tree.select_key(key):
            self._feed_tree.select_key(NodeKey("view", "all"))

    def restore_selected_entry(self) -> None:
        """Show the article that was shown at the last quit, selected in the list if it is
        among its first rows; quietly nothing if it is gone."""
        raw = str(self._settings.value("window/entry", "") or "")
        if not raw.isdigit():
            return
        entry_id, model = int(raw), self._entry_model
        while model.row_of(entry_id) is None and model.canFetchMore(QModelIndex()):
            if model.rowCount() >= _RESTORE_ROWS:
                break
            model.fetchMore(QModelIndex())
        if self._entry_list.select_entry(entry_id):
            return
        try:
            self._library.entry(entry_id)
        except NewsreaderError:
            return
        self._show_entry(entry_id)

    def save(self) -> None:
        s = self._settings
        s.setValue("window/geometry", self._window.saveGeometry())
        s.setValue("window/main_splitter", self._main_splitter.saveState())
        s.setValue("window/content_splitter", self._content_splitter.saveState())
        s.setValue("window/list_header", self._entry_list.header().saveState())
        s.setValue("window/article_below", self._article_below.isChecked())
        key = self._feed_tree.current_key()
        s.setValue("window/source", f"{key.kind}:{key.id}" if key else "")
        shown = self._article_view.entry()
        s.setValue("window/entry", shown.id if shown is not None else "")
        model = self._entry_model
        s.setValue("list/sort", model.sort_key())
        s.setValue("list/descending", model.descending())
        s.setValue("list/filter", model.filter())
        s.sync()
