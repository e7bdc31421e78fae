"""MainWindow: feed tree | article list | article pane, menus, toolbar, status and messages."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from newsreader.core import Entry, Feed, NewsreaderError
from newsreader.ui.actions import ActionSet
from newsreader.ui.desk import install_desk
from newsreader.ui.desk_features import install_features
from newsreader.ui.feed_controller import FeedController
from newsreader.ui.icons import icon
from newsreader.ui.models.entry_list import FEED_COLUMN, EntryListModel
from newsreader.ui.models.feed_nodes import PreparedTree
from newsreader.ui.models.feed_tree import NodeKey
from newsreader.ui.opml_actions import OpmlActions
from newsreader.ui.reading import ReadingControls
from newsreader.ui.search_bar import SEARCH_KINDS
from newsreader.ui.share_actions import ShareActions
from newsreader.ui.widgets.article_view import ArticleViewWidget
from newsreader.ui.widgets.entry_list import EntryListWidget
from newsreader.ui.widgets.feed_tree import FeedTreeWidget
from newsreader.ui.widgets.filter_bar import ArticleListPane
from newsreader.ui.widgets.message_bar import MessageBarWidget, MessageHub
from newsreader.ui.widgets.refresh_status import RefreshStatusWidget
from newsreader.ui.window_state import (
    restore_selected_entry,
    restore_window_state,
    save_window_state,
)
from newsreader.ui.workers import UpdateScheduler, run_task

if TYPE_CHECKING:
    from newsreader.core import Library


class MainWindow(QMainWindow):
    """The reader's window. Every slow library call runs in a task; results come back as
    signals. Cheap indexed reads (feeds, one page of entries, one entry) run here."""

    def __init__(
        self,
        library: Library,
        *,
        settings: QSettings | None = None,
        scheduler: UpdateScheduler | None = None,
        hub: MessageHub | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.hub = hub or MessageHub(self)
        self.settings = settings or QSettings()
        self.scheduler = scheduler or UpdateScheduler(library)
        self._feeds: dict[int, Feed] = {}
        self._history: list[int] = []  # entries left by following related links
        self._pending_related: str | None = None
        self._counts_at = 0.0
        self.setWindowTitle(self.tr("Newsreader"))
        self.setWindowIcon(icon("app"))
        self._build_panes()
        self._build_status_bar()
        self.feeds_ctl = FeedController(self)
        self.commands = ActionSet(self)
        self.toolbar = self.addToolBar(self.tr("Toolbar"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.commands.install(self.menuBar(), self.toolbar, self.entry_list)
        self.reading = ReadingControls(self.article_view, self.settings, library,
                                       on_error=self.hub.error, parent=self)  # fmt: skip
        self.reading.install(self.commands.view_menu, self.commands.article_menu, self.toolbar)
        self.subscriptions = OpmlActions(self)  # File: import/export subscriptions
        self.sharing = ShareActions(self)  # Article: copy as text/Markdown, email link
        install_features(self)  # folders, site icons, tray, Settings
        self.navigator, self.undo, self.search, self.keyboard = install_desk(self)
        self._connect()
        restore_window_state(self)
        self.reload_feeds()
        self._select_initial_source()
        restore_selected_entry(self)
        self._update_actions()

    # -- construction ----------------------------------------------------------------
    def _build_panes(self) -> None:
        self.feed_tree = FeedTreeWidget(self)
        self.entry_model = EntryListModel(self.library, self)
        self.entry_list = EntryListWidget(self.entry_model, self)
        self.list_pane = ArticleListPane(self.entry_list, self)  # the filter bar above it
        self.article_view = ArticleViewWidget(self.library.data_dir, self)
        self.content_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.content_splitter.addWidget(self.list_pane)
        self.content_splitter.addWidget(self.article_view)
        self.content_splitter.setStretchFactor(1, 2)
        self.content_splitter.setSizes([260, 520])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(self.feed_tree)
        self.main_splitter.addWidget(self.content_splitter)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([250, 950])
        self.message_bar = MessageBarWidget(self.hub, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self.refresh_status = RefreshStatusWidget(self)
        self.updated_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.refresh_status)
        self.statusBar().addPermanentWidget(self.updated_label)

    def _connect(self) -> None:
        self.feed_tree.source_selected.connect(self._on_source_selected)
        self.feed_tree.refresh_requested.connect(self.feeds_ctl.refresh_feeds)
        self.feed_tree.mark_all_read_requested.connect(self.mark_all_read)
        self.feed_tree.remove_requested.connect(self.feeds_ctl.remove_feed)
        self.feed_tree.properties_requested.connect(self.feeds_ctl.show_properties_dialog)
        self.entry_list.entry_selected.connect(self._on_entry_selected)
        self.entry_list.star_clicked.connect(self._set_starred)
        self.entry_list.selectionModel().selectionChanged.connect(self._update_actions)
        self.entry_model.modelReset.connect(self._restore_entry_selection)
        self.article_view.related_link_activated.connect(self.open_related)
        self.article_view.highlighted.connect(self._show_link_target)
        self.refresh_status.cancel_requested.connect(self.feeds_ctl.cancel_refresh)

    def _select_initial_source(self) -> None:
        kind, _, ident = str(self.settings.value("window/source", "view:all")).partition(":")
        numeric = kind in ("feed", "saved") and ident.isdigit()
        key = NodeKey(kind, int(ident) if numeric else ident)
        if not self.feed_tree.select_key(key):
            self.feed_tree.select_key(NodeKey("view", "all"))

    def closeEvent(self, event: QCloseEvent) -> None:
        save_window_state(self)
        self.scheduler.stop()
        super().closeEvent(event)

    # -- feeds and counts ----------------------------------------------------------------
    def feeds(self) -> list[Feed]:
        """The subscriptions as last read (by ``reload_feeds``)."""
        return list(self._feeds.values())

    def reload_feeds(self) -> None:
        """Re-read feeds and counts (fast reads) into the tree; selection stays. While a
        refresh runs they are slow (its threads hold the GIL): a task reads them then."""
        if self.scheduler.is_busy():
            self.feeds_ctl.follower.read_now()
            return
        started = time.monotonic()
        try:
            feeds = self.library.feeds()
            counts = self.library.view_counts()
        except NewsreaderError as exc:
            self.library_read_failed(exc)
            return
        self.show_feeds(feeds, counts, read_at=started)

    def library_read_failed(self, exc: Exception) -> None:
        self.hub.error(self.tr("Could not read the library: %1").replace("%1", str(exc)))

    def show_feeds(self, feeds: list[Feed], counts: dict[str, int], *,
                   read_at: float | None = None, keep_order: bool = False,
                   prepared: PreparedTree | None = None) -> None:  # fmt: skip
        """Show feeds and counts read at ``read_at`` (``time.monotonic()``, now if None) in
        the tree and the title; skipped if what is shown was read later. ``keep_order``,
        ``prepared``: while a refresh runs (see FeedTreeModel.reload)."""
        if read_at is not None and read_at < self._counts_at:
            return
        self._feeds = {feed.id: feed for feed in feeds}
        self.feed_tree.reload(feeds, counts, keep_order=keep_order, prepared=prepared)
        self._counts_at = time.monotonic() if read_at is None else read_at
        unread = counts.get("unread", 0)
        title = self.tr("Newsreader")
        self.setWindowTitle(f"{title} ({unread})" if unread else title)

    def _on_source_selected(self, key: NodeKey | None) -> None:
        self._history.clear()
        self._pending_related = None
        self.article_view.show_placeholder()
        if key is None:
            self.entry_model.clear()
        elif key.kind == "feed":
            self.entry_model.set_source(feed_id=int(key.id))
        elif key.kind == "folder":
            self.entry_model.set_source(folder=str(key.id))
        elif key.kind in SEARCH_KINDS:
            self.search.show_source(key)
        else:
            self.entry_model.set_source(view=key.id)  # type: ignore[arg-type]
        # One feed's list needs no feed column: the room goes to the titles.
        self.entry_list.setColumnHidden(FEED_COLUMN, key is not None and key.kind == "feed")
        self._update_actions()

    # -- showing articles -----------------------------------------------------------------
    def _on_entry_selected(self, entry_id: int) -> None:
        if entry_id != self._shown_id():
            self._history.clear()
            self.show_entry(entry_id)

    def _restore_entry_selection(self) -> None:
        shown = self._shown_id()
        if shown is not None:
            self.entry_list.select_entry(shown)

    def _shown_id(self) -> int | None:
        entry = self.article_view.entry()
        return entry.id if entry is not None else None

    def show_entry(self, entry_id: int) -> None:
        """Show an article and mark it read."""
        try:
            entry = self.library.entry(entry_id)
        except NewsreaderError as exc:
            self.hub.error(self.tr("Could not open the article: %1").replace("%1", str(exc)))
            return
        self._display(entry)
        if not entry.read:
            self._set_read([entry.id], True)

    def _display(self, entry: Entry) -> None:
        self._pending_related = None
        self.article_view.show_entry(entry, self._cached_related(entry))
        self._update_actions()

    def _cached_related(self, entry: Entry) -> set[str]:
        urls = [link.url for link in entry.related]
        return set(self.library.cached_urls(urls)) if urls else set()

    def open_related(self, url: str) -> None:
        """Open a related link of the shown article in the pane (fetched if not stored)."""
        entry = self.article_view.entry()
        if entry is None:
            return
        title = next((link.title for link in entry.related if link.url == url), url)
        self._pending_related = url
        self._history.append(entry.id)
        self.article_view.show_loading(title)
        self._update_actions()
        library = self.library
        run_task(
            lambda: library.open_related(entry.id, url),
            lambda result: self._on_related_loaded(url, result),
            lambda exc: self._on_related_failed(url, entry, exc),
            context=self,
        )

    def _on_related_loaded(self, url: str, result: object) -> None:
        if self._pending_related != url or not isinstance(result, Entry):
            return  # the reader moved on meanwhile
        self._display(result)
        if not result.read:
            self._set_read([result.id], True)
        else:
            self.reload_feeds()  # it may be new in the library

    def _on_related_failed(self, url: str, previous: Entry, exc: Exception) -> None:
        if self._pending_related != url:
            return
        if self._history and self._history[-1] == previous.id:
            self._history.pop()
        self._display(previous)
        self.hub.error(self.tr("Could not open the related article: %1").replace("%1", str(exc)))

    def go_back(self) -> None:
        """Back to the article a related link was followed from."""
        if self._history:
            entry_id = self._history.pop()
            self.show_entry(entry_id)

    def next_unread(self) -> None:
        """The next unread article, here or in the next feed that has one."""
        self.navigator.next_unread()

    def open_in_browser(self) -> None:
        entry = self.article_view.entry()
        if entry is not None and entry.url.startswith(("http://", "https://")):
            self.article_view.open_external(QUrl(entry.url))

    def copy_link(self) -> None:
        entry = self.article_view.entry()
        if entry is not None:
            QGuiApplication.clipboard().setText(entry.url)

    def _show_link_target(self, url: QUrl) -> None:
        # The pane's own commands (newsreader:changes ...) are not addresses worth showing.
        shown = not url.isEmpty() and url.scheme() in ("http", "https", "mailto")
        self.statusBar().showMessage(url.toString() if shown else "")

    # -- state changes (each a task) ---------------------------------------------------------
    def toggle_read(self) -> None:
        """Mark the selected articles (or the shown one) read, or unread if it is read."""
        ids, read_now = self._read_target()
        if ids:
            self._set_read(ids, not read_now)

    def _read_target(self) -> tuple[list[int], bool]:
        """The articles "Mark as Read/Unread" acts on, and whether they count as read now."""
        entry = self.article_view.entry()
        ids = self.entry_list.selected_ids() or ([entry.id] if entry is not None else [])
        if not ids:
            return [], False
        if entry is not None and entry.id in ids:
            return ids, entry.read
        first = self.entry_model.entry_at(self.entry_model.row_of(ids[0]) or 0)
        return ids, bool(first and first.read)

    def toggle_star(self) -> None:
        entry = self.article_view.entry()
        if entry is not None:
            self._set_starred(entry.id, not entry.starred)
        else:
            self._update_actions()  # undo the checkable action's own toggle

    def _set_read(self, ids: list[int], read: bool) -> None:
        for entry_id in ids:
            self.entry_model.update_entry_state(entry_id, read=read)
        if self._shown_id() in ids:
            self.article_view.update_entry_state(read=read)
        self._update_actions()
        library = self.library
        run_task(lambda: library.mark_read(ids, read), self._after_change, self.on_change_failed,
                 context=self, ordered=True)  # fmt: skip

    def _set_starred(self, entry_id: int, starred: bool) -> None:
        self.entry_model.update_entry_state(entry_id, starred=starred)
        if self._shown_id() == entry_id:
            self.article_view.update_entry_state(starred=starred)
        self._update_actions()
        library = self.library
        run_task(lambda: library.set_starred(entry_id, starred), self._after_change,
                 self.on_change_failed, context=self, ordered=True)  # fmt: skip

    def mark_all_read(self, key: NodeKey | None = None) -> None:
        """Mark every article of a feed, folder, view or search read (the selected one by
        default); the status bar offers to undo it for a few seconds."""
        self.undo.mark_all_read(key or self.feed_tree.current_key())

    def _after_change(self, _result: object = None) -> None:
        self.reload_feeds()

    def after_bulk_change(self, _result: object = None) -> None:
        self.entry_model.refresh()
        self.reload_feeds()
        entry = self.article_view.entry()
        if entry is not None:
            try:
                fresh = self.library.entry(entry.id)
            except NewsreaderError:
                return
            self.article_view.update_entry_state(read=fresh.read, starred=fresh.starred)
        self._update_actions()

    def on_change_failed(self, exc: Exception) -> None:
        self.hub.error(self.tr("Could not save the change: %1").replace("%1", str(exc)))
        self.after_bulk_change()

    # -- window state ---------------------------------------------------------------------
    def _update_actions(self) -> None:
        entry = self.article_view.entry()
        has_articles = entry is not None or bool(self.entry_list.selected_ids())
        c = self.commands
        for action in (c.toggle_read, c.open_browser, c.copy_link):
            action.setEnabled(has_articles)
        c.star.setEnabled(entry is not None)
        c.show_entry_state(starred=entry is not None and entry.starred, read=self._read_target()[1])
        c.back.setEnabled(bool(self._history))
        key = self.feed_tree.current_key()
        c.mark_all_read.setEnabled(key is not None)
        c.refresh_selected.setEnabled(key is not None and key.kind in ("feed", "folder"))
        c.remove_feed.setEnabled(key is not None and key.kind == "feed")
        c.feed_properties.setEnabled(key is not None and key.kind == "feed")
        c.cancel_refresh.setEnabled(self.scheduler.is_busy())

    def set_article_below(self, below: bool, *, resize: bool = True) -> None:
        """Article under the list (classic), or beside it (three columns)."""
        orientation = Qt.Orientation.Vertical if below else Qt.Orientation.Horizontal
        if orientation == self.content_splitter.orientation() and not resize:
            return
        self.content_splitter.setOrientation(orientation)
        if resize:
            # Beside the article the list needs room for its titles; below it, a few rows.
            if below:
                total = max(self.height() - 160, 400)
                first = total // 3
            else:
                total = max(self.width() - self.main_splitter.sizes()[0], 700)
                first = max(int(total * 0.4), 380)
            self.content_splitter.setSizes([first, total - first])
