"""SearchController: the search field, the "Search results" view, saved searches.

Enter searches in a task (``library.search``); the first page comes back with the words to
mark (``library.search_terms``) and the article list shows it as a view, under a "Search
results" node in the tree; further pages load as the reader scrolls. Escape leaves it. "Save
Search" turns it into a smart view under the smart views, renamed or deleted from its
context menu.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QStatusBar,
    QToolBar,
    QToolButton,
    QWidget,
)

from newsreader.core import EntrySummary, NewsreaderError
from newsreader.ui.controllers.search_highlight import SearchHighlighter
from newsreader.ui.icons import icon
from newsreader.ui.models.entry_list import PAGE_SIZE
from newsreader.ui.models.entry_source import SearchOrder
from newsreader.ui.models.feed_tree import NodeKey
from newsreader.ui.plain_text import message_box
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import LibraryApi
    from newsreader.ui.models.entry_list import EntryListModel
    from newsreader.ui.widgets.article_view import ArticleViewWidget
    from newsreader.ui.widgets.entry_list import EntryListWidget
    from newsreader.ui.widgets.feed_tree import FeedTreeWidget
    from newsreader.ui.widgets.message_bar import MessageHub

RESULTS_KEY = NodeKey("search", "results")
SEARCH_KINDS = ("search", "saved")
# A search asked for: where its results show, the query, their order, the filter's options.
_Asked = tuple[NodeKey, str, SearchOrder, dict[str, Any]]
_Pending = tuple[NodeKey, str, SearchOrder, dict[str, Any], list[EntrySummary]]


class SearchController(QObject):
    """The search side of the window; ``show_source`` is called when a search node is
    selected in the tree."""

    def __init__(
        self,
        library: LibraryApi,
        hub: MessageHub,
        *,
        feed_tree: FeedTreeWidget,
        entry_model: EntryListModel,
        entry_list: EntryListWidget,
        article_view: ArticleViewWidget,
        status_bar: QStatusBar,
        mark_all_read: Callable[[NodeKey], None],
        parent: QWidget,
    ) -> None:
        """``mark_all_read`` serves the search nodes' context menu; ``parent`` holds the
        field and the actions (their shortcuts work wherever the focus is in it)."""
        super().__init__(parent)
        self._parent = parent
        self.library = library
        self._hub = hub
        self._tree = feed_tree
        self._entry_model = entry_model
        self._entry_list = entry_list
        self._status_bar = status_bar
        self._mark_all_read = mark_all_read
        self._query = ""  # of the results shown under RESULTS_KEY ("" while there are none)
        self._saved: dict[int, Any] = {}  # id -> saved search (id, name, query)
        self._previous: NodeKey | None = None  # where Escape goes back to
        self._generation = 0  # a newer search makes older answers stale
        self._pending: _Pending | None = None  # results read, waiting for their node
        self._updating_nodes = False
        self._counting = False
        self._counts_timer = QTimer(self, singleShot=True, interval=300)
        self._counts_timer.timeout.connect(self.refresh_counts)
        self.field = QLineEdit(parent)
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(self.tr("Search articles (/)"))
        self.field.setClearButtonEnabled(True)
        self.field.setMaximumWidth(320)
        self.field.setMinimumWidth(160)
        self.field.setAccessibleName(self.tr("Search articles"))
        self.field.setAccessibleDescription(
            self.tr("Words to find in titles and article text; Enter searches, Escape leaves")
        )
        self.field.returnPressed.connect(self.search_now)
        self.focus_action = self._action(self.tr("&Find…"), self.focus_field, "search")
        self.save_action = self._action(self.tr("&Save Search…"), self.ask_save, None)
        self.save_action.setToolTip(self.tr("Keep this search as a view in the list of feeds"))
        self.save_button = QAction(icon("saved"), self.save_action.text().replace("&", ""), self)
        self.save_button.setToolTip(self.save_action.toolTip())
        self.save_button.triggered.connect(lambda _checked=False: self.ask_save())
        self.leave_action = self._action(self.tr("&Leave Search"), self.leave, None)
        self.highlighter = SearchHighlighter(article_view, self._list_is_search, self)
        feed_tree.search_actions = self.actions_for
        feed_tree.source_selected.connect(self._on_source_selected)
        # Counts in the tree changed (an article read, a refresh): so may the saved searches'.
        tree_model = feed_tree.feed_model()
        tree_model.dataChanged.connect(self._counts_changed)
        tree_model.modelReset.connect(self._counts_changed)
        self.reload_saved()
        self._update_actions()

    def _action(self, text: str, slot: Any, icon_name: str | None) -> QAction:
        action = QAction(text, self._parent)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(lambda _checked=False: slot())
        self._parent.addAction(action)
        return action

    def install(self, toolbar: QToolBar, edit_menu: QMenu) -> None:
        """The field at the right end of the toolbar; the commands in the Edit menu."""
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.field)
        toolbar.addAction(self.save_button)
        button = toolbar.widgetForAction(self.save_button)
        if isinstance(button, QToolButton):  # a word beside the icon: it is there briefly
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        edit_menu.addSeparator()
        edit_menu.addActions([self.focus_action, self.save_action, self.leave_action])

    # -- state ---------------------------------------------------------------------------
    def query(self) -> str:
        """The search whose results the "Search results" view shows ("" if none)."""
        return self._query

    def query_for(self, key: NodeKey) -> str | None:
        """The query a search node stands for."""
        if key == RESULTS_KEY:
            return self._query or None
        saved = self._saved.get(int(key.id)) if key.kind == "saved" else None
        return saved.query if saved is not None else None

    def saved_searches(self) -> list[Any]:
        return list(self._saved.values())

    def _list_is_search(self) -> bool:
        source = self._entry_model.source
        return source is not None and source.query is not None

    def _on_source_selected(self, key: NodeKey | None) -> None:
        if key is not None and key.kind not in SEARCH_KINDS:
            self._previous = key

    def _update_actions(self) -> None:
        current = self._tree.current_key()
        can_save = bool(self._query) and current == RESULTS_KEY
        self.save_action.setEnabled(can_save)
        # On the toolbar only while there is a search to save: no idle button beside the field.
        self.save_button.setVisible(can_save)
        self.leave_action.setEnabled(bool(self._query) or self._list_is_search())

    # -- searching ---------------------------------------------------------------------------
    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def search_now(self) -> None:
        """Enter in the field: search for its words (an empty field leaves the search)."""
        query = self.field.text().strip()
        if query:
            self.run(query, RESULTS_KEY)
        else:
            self.leave()

    def run(self, query: str, key: NodeKey) -> None:
        """Search in a task; the results show under ``key`` (the results node or a saved one):
        best match first, newest first for a saved search (a smart view reads like a feed)."""
        self._generation += 1
        generation, library = self._generation, self.library
        order: SearchOrder = "newest" if key.kind == "saved" else "relevance"
        options = self._entry_model.search_options()  # the filter bar's choice

        def work() -> tuple[list[EntrySummary], list[str]]:
            rows = library.search(query, limit=PAGE_SIZE, order=order, **options)
            return rows, library.search_terms(query)

        def done(result: object) -> None:
            self._on_results(generation, (key, query, order, options), result)

        self._status_bar.showMessage(self.tr("Searching…"))
        run_task(work, done, self._on_failed, context=self)

    def _on_results(self, generation: int, asked: _Asked, result: object) -> None:
        if generation != self._generation:
            return  # a newer search, or Escape, came meanwhile
        rows, terms = cast(tuple[list[EntrySummary], list[str]], result)
        key, query = asked[0], asked[1]
        self._status_bar.clearMessage()
        self.highlighter.set_terms(terms)
        tree = self._tree
        if key == RESULTS_KEY and self._query != query:
            self._query = query
            self._show_nodes()
        self._pending = (*asked, list(rows))
        if tree.current_key() == key:
            self.show_source(key)
        elif not tree.select_key(key):  # selecting it calls show_source
            self._pending = None
        self._update_actions()
        if rows and self.field.hasFocus():  # on to the results: j, k and the arrows go there
            self._entry_list.setFocus(Qt.FocusReason.OtherFocusReason)
        if not rows:
            text = self.tr("No articles found for “%1”.").replace("%1", query)
            self._status_bar.showMessage(text, 6000)

    def _on_failed(self, exc: Exception) -> None:
        self._status_bar.clearMessage()
        self._hub.error(self.tr("Could not search: %1").replace("%1", str(exc)))

    def show_source(self, key: NodeKey) -> None:
        """A search node was selected: show its results (searching first if needed)."""
        pending, self._pending = self._pending, None
        if pending is not None and pending[0] == key:
            _key, query, order, options, rows = pending
            self._entry_model.set_search(query, rows, order=order, options=options)
        else:
            wanted = self.query_for(key)
            self._entry_model.clear()
            if wanted:
                self.field.setText(wanted)
                self.run(wanted, key)
        self._update_actions()

    def leave(self) -> None:
        """Escape: back to where the reader was before searching; the results view goes."""
        self._generation += 1
        self._query = ""
        self._pending = None
        self.field.clear()
        self.highlighter.clear()
        tree = self._tree
        current = tree.current_key()
        if current is not None and current.kind in SEARCH_KINDS:
            back = self._previous or NodeKey("view", "all")
            if not tree.select_key(back):
                tree.select_key(NodeKey("view", "all"))
        self._show_nodes()
        self._update_actions()
        self._entry_list.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- saved searches ------------------------------------------------------------------------
    def reload_saved(self) -> None:
        """Read the saved searches (a small table: fine on the GUI thread) into the tree."""
        try:
            saved = self.library.saved_searches(counts=False)  # counts follow in a task
        except NewsreaderError as exc:
            self._hub.error(self.tr("Could not read the saved searches: %1")
                                   .replace("%1", str(exc)))  # fmt: skip
            saved = []
        counts = {s.id: s.unread for s in self._saved.values()}
        self._saved = {s.id: s for s in saved}
        self._show_nodes(counts)
        self._counts_timer.start()

    def _show_nodes(self, counts: dict[int, int] | None = None) -> None:
        counts = counts if counts is not None else {s.id: s.unread for s in self._saved.values()}
        nodes = [(NodeKey("saved", s.id), s.name, s.query, counts.get(s.id, 0))
                 for s in self._saved.values()]  # fmt: skip
        if self._query:
            nodes.append((RESULTS_KEY, self.tr("Search results"), self._query, 0))
        self._updating_nodes = True
        try:
            self._tree.feed_model().set_extra_views(nodes)
        finally:
            self._updating_nodes = False

    def _counts_changed(self, *_args: object) -> None:
        if not self._updating_nodes and self._saved:
            self._counts_timer.start()

    def refresh_counts(self) -> None:
        """Read the saved searches' unread counts in a task (one count query each)."""
        if self._counting or not self._saved:
            return
        self._counting = True
        library = self.library
        run_task(lambda: library.saved_searches(counts=True), self._on_counts,
                 self._on_counts_failed, context=self)  # fmt: skip

    def _on_counts(self, saved: object) -> None:
        self._counting = False
        fresh = {s.id: s for s in saved}  # type: ignore[attr-defined]
        if set(fresh) == set(self._saved):
            self._saved = fresh
            self._show_nodes()

    def _on_counts_failed(self, exc: Exception) -> None:
        self._counting = False
        self._hub.error(self.tr("Could not read the saved searches: %1")
                               .replace("%1", str(exc)))  # fmt: skip

    def ask_save(self) -> None:
        if not self._query:
            return
        name, ok = QInputDialog.getText(self._parent, self.tr("Save Search"),
                                        self.tr("Name of the view:"), text=self._query)  # fmt: skip
        if ok and name.strip():
            self.save(name.strip())

    def save(self, name: str) -> None:
        """Keep the current search as a smart view called ``name``, and show it."""
        query, library = self._query, self.library
        run_task(lambda: _refused(library.save_search, name, query), self._on_saved,
                 self._on_failed, context=self, ordered=True)  # fmt: skip

    def _on_saved(self, saved: object) -> None:
        if isinstance(saved, ValueError):  # a name in use, or nothing to look for
            self._hub.warning(str(saved))
            return
        self._query = ""
        self.reload_saved()
        self._tree.select_key(NodeKey("saved", saved.id))  # type: ignore[attr-defined]
        self._hub.info(self.tr("Saved the search as “%1”.")
                              .replace("%1", saved.name))  # type: ignore[attr-defined]  # fmt: skip

    def ask_rename(self, search_id: int) -> None:
        saved = self._saved.get(search_id)
        if saved is None:
            return
        name, ok = QInputDialog.getText(self._parent, self.tr("Rename Saved Search"),
                                        self.tr("Name of the view:"), text=saved.name)  # fmt: skip
        if ok and name.strip():
            self.rename(search_id, name.strip())

    def rename(self, search_id: int, name: str) -> None:
        library = self.library
        run_task(lambda: _refused(library.rename_search, search_id, name), self._on_renamed,
                 self._on_failed, context=self, ordered=True)  # fmt: skip

    def _on_renamed(self, result: object) -> None:
        if isinstance(result, ValueError):
            self._hub.warning(str(result))
        self.reload_saved()

    def ask_delete(self, search_id: int) -> None:
        saved = self._saved.get(search_id)
        if saved is not None and self.confirm_delete(saved.name):
            self.delete(search_id)

    def confirm_delete(self, name: str) -> bool:
        """Whether the reader wants the saved search ``name`` deleted (tests replace this)."""
        box = message_box(self._parent, QMessageBox.Icon.Question, self.tr("Delete Saved Search"),
                          self.tr("Delete the saved search “%1”? No article is deleted.")
                          .replace("%1", name))  # fmt: skip
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.exec()
        return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)

    def delete(self, search_id: int) -> None:
        library = self.library
        run_task(lambda: library.delete_search(search_id),
                 lambda _r: self._on_deleted(search_id), self._on_failed, context=self,
                 ordered=True)  # fmt: skip

    def _on_deleted(self, search_id: int) -> None:
        tree = self._tree
        if tree.current_key() == NodeKey("saved", search_id):
            tree.select_key(self._previous or NodeKey("view", "all"))
        self.reload_saved()

    def actions_for(self, key: NodeKey, parent: QMenu) -> list[QAction]:
        """The context menu of a search node in the tree."""
        mark_all_read = self._mark_all_read
        mark = QAction(icon("mark_all_read"), self.tr("Mark All as Read"), parent)
        mark.triggered.connect(lambda: mark_all_read(key))
        if key.kind != "saved":
            leave = QAction(self.tr("Leave Search"), parent)
            leave.triggered.connect(self.leave)
            return [mark, leave]
        search_id = int(key.id)
        rename = QAction(self.tr("Rename…"), parent)
        rename.triggered.connect(lambda: self.ask_rename(search_id))
        delete = QAction(icon("remove"), self.tr("Delete Saved Search…"), parent)
        delete.triggered.connect(lambda: self.ask_delete(search_id))
        return [mark, rename, delete]


def _refused(call: Any, *args: object) -> object:
    """``call(*args)``, or the ValueError it raised: a refusal to show, not a bug."""
    try:
        return call(*args)
    except ValueError as exc:
        return exc
