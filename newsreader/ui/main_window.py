"""MainWindow: feed tree | article list | article pane, menus, toolbar, status and messages.

The window is the composition root of its parts: it builds the panes and every controller,
handing each the collaborators it uses (library, models, scheduler, widgets, the message
hub, QSettings, narrow callables back into the window), and connects them.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from newsreader.core import Feed, NewsreaderError
from newsreader.ui.controllers.accessibility import describe_widgets, set_tab_order
from newsreader.ui.controllers.actions import ActionSet, on_triggered
from newsreader.ui.controllers.articles import ArticleController
from newsreader.ui.controllers.feeds import FeedController
from newsreader.ui.controllers.folders import FolderController
from newsreader.ui.controllers.keyboard import KeyboardControls
from newsreader.ui.controllers.links import LinkRequests
from newsreader.ui.controllers.navigation import Navigator
from newsreader.ui.controllers.opml import OpmlActions
from newsreader.ui.controllers.printing import ArticlePrinter
from newsreader.ui.controllers.reading import ReadingControls
from newsreader.ui.controllers.refresh_follow import RefreshFollower
from newsreader.ui.controllers.search import SEARCH_KINDS, SearchController
from newsreader.ui.controllers.settings import SettingsActions
from newsreader.ui.controllers.share import ShareActions
from newsreader.ui.controllers.tray import TrayController
from newsreader.ui.controllers.undo import MarkAllReadController
from newsreader.ui.controllers.window_state import WindowState
from newsreader.ui.dialogs.about import AboutDialog
from newsreader.ui.icons import icon
from newsreader.ui.models.entry_list import FEED_COLUMN, EntryListModel
from newsreader.ui.models.feed_nodes import PreparedTree
from newsreader.ui.models.feed_tree import NodeKey
from newsreader.ui.plain_text import plain_label
from newsreader.ui.widgets.article_view import ArticleViewWidget
from newsreader.ui.widgets.entry_list import EntryListWidget
from newsreader.ui.widgets.feed_tree import FeedTreeWidget
from newsreader.ui.widgets.filter_bar import ArticleListPane
from newsreader.ui.widgets.message_bar import MessageBarWidget, MessageHub
from newsreader.ui.widgets.refresh_status import RefreshStatusWidget
from newsreader.ui.workers import UpdateScheduler

if TYPE_CHECKING:
    from newsreader.core import LibraryApi


class MainWindow(QMainWindow):
    """The reader's window. Every slow library call runs in a task; results come back as
    signals. Cheap indexed reads (feeds, one page of entries, one entry) run here."""

    def __init__(
        self,
        library: LibraryApi,
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
        self._counts_at = 0.0
        self.setWindowTitle(self.tr("Newsreader"))
        self.setWindowIcon(icon("app"))
        self._build_panes()
        self._build_status_bar()
        self.commands = ActionSet(self)
        self.toolbar = self.addToolBar(self.tr("Toolbar"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.commands.install(self.menuBar(), self.toolbar, self.entry_list)
        self._build_controllers()
        self._build_search_and_keyboard()
        self._wire_commands()
        describe_widgets(feed_tree=self.feed_tree, entry_list=self.entry_list,
                         article_view=self.article_view, toolbar=self.toolbar,
                         menu_bar=self.menuBar(), status_bar=self.statusBar(),
                         message_bar=self.message_bar, refresh_status=self.refresh_status,
                         updated_label=self.updated_label, panes=self.main_splitter)  # fmt: skip
        set_tab_order([self.search.field, self.feed_tree,
                       *self.list_pane.filter_bar.buttons.values(), self.entry_list,
                       self.article_view])  # fmt: skip
        self._connect()
        self.window_state = WindowState(
            self.settings, self, library, main_splitter=self.main_splitter,
            content_splitter=self.content_splitter, feed_tree=self.feed_tree,
            list_pane=self.list_pane, entry_list=self.entry_list, entry_model=self.entry_model,
            article_view=self.article_view, article_below=self.commands.article_below,
            set_article_below=self.set_article_below, show_entry=self.articles.show_entry,
        )  # fmt: skip
        self.window_state.restore()
        self.reload_feeds()
        self.window_state.restore_source()
        self.window_state.restore_selected_entry()
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
        self.updated_label = plain_label(self)
        self.statusBar().addPermanentWidget(self.refresh_status)
        self.statusBar().addPermanentWidget(self.updated_label)

    def _build_controllers(self) -> None:
        """The parts behind the panes, in an order that places their commands in the menus."""
        library, hub, status = self.library, self.hub, self.statusBar()
        self.articles = ArticleController(
            library, hub, entry_model=self.entry_model, entry_list=self.entry_list,
            article_view=self.article_view, reload_feeds=self.reload_feeds, parent=self,
        )  # fmt: skip
        self.follower = RefreshFollower(
            library, self.feed_tree.feed_model(), self.entry_model, show_feeds=self.show_feeds,
            on_failed=self.library_read_failed, parent=self,
        )  # fmt: skip
        self.feeds_ctl = FeedController(
            library, self.scheduler, hub, follower=self.follower, feed_tree=self.feed_tree,
            entry_model=self.entry_model, entry_list=self.entry_list,
            refresh_status=self.refresh_status, updated_label=self.updated_label,
            cancel_action=self.commands.cancel_refresh, feeds=self.feeds,
            reload_feeds=self.reload_feeds, settings=self.settings, parent=self,
        )  # fmt: skip
        self.printer = ArticlePrinter(self.article_view.entry, hub, self)
        self.reading = ReadingControls(self.article_view, self.settings, library,
                                       feeds=self.feeds, reload_feeds=self.reload_feeds,
                                       on_error=hub.error, parent=self)  # fmt: skip
        self.reading.install(self.commands.view_menu, self.commands.article_menu, self.toolbar)
        self.subscriptions = OpmlActions(  # File: import/export subscriptions
            library, self.scheduler, hub, entry_model=self.entry_model, status_bar=status,
            quit_action=self.commands.quit, reload_feeds=self.reload_feeds, parent=self,
        )  # fmt: skip
        self.sharing = ShareActions(  # Article: copy as text/Markdown, email link
            self.article_view.entry, hub, status_bar=status,
            copy_link_action=self.commands.copy_link, parent=self,
        )  # fmt: skip
        self.folders_ctl = FolderController(
            library, hub, self.feed_tree, add_feed_action=self.commands.add_feed,
            reload_feeds=self.reload_feeds, parent=self,
        )  # fmt: skip
        self.preferences = SettingsActions(
            library, self.scheduler, hub, status_bar=status,
            print_action=self.commands.print_article,
            tray_available=lambda: self.tray.tray is not None, parent=self,
        )  # fmt: skip
        self.tray = TrayController(
            self, library, self.scheduler, self.feed_tree.feed_model(), feeds=self.feeds,
            refresh_all=self.feeds_ctl.refresh_all,
        )  # fmt: skip
        # Addresses from a launch (a feed: link, `newsreader URL`, a file opened from a file
        # manager): the window comes forward.
        self.links = LinkRequests(
            show_window=self.tray.show_window, offer=self.feeds_ctl.show_add_dialog,
            import_opml=self.subscriptions.import_file, hub=hub, parent=self,
        )  # fmt: skip

    def _build_search_and_keyboard(self) -> None:
        """Search, mark all read with undo, and last the keyboard: it takes stock of every
        action with a shortcut, so all the others come first."""
        status = self.statusBar()
        self.navigator = Navigator(self.feed_tree, self.entry_model, self.entry_list,
                                   self.article_view, status, self)  # fmt: skip
        self.search = SearchController(
            self.library, self.hub, feed_tree=self.feed_tree, entry_model=self.entry_model,
            entry_list=self.entry_list, article_view=self.article_view, status_bar=status,
            mark_all_read=self.mark_all_read, parent=self,
        )  # fmt: skip
        self.search.install(self.toolbar, self.commands.edit_menu)
        self.undo = MarkAllReadController(
            self.library, query_for=self.search.query_for,
            after_change=self.articles.after_bulk_change,
            on_failed=self.articles.on_change_failed, status_bar=status, parent=self,
        )  # fmt: skip
        self.undo.install(self.commands.edit_menu)
        self.keyboard = KeyboardControls(self, self.settings, self.navigator,
                                         commands=self.commands, reading=self.reading,
                                         search=self.search, undo=self.undo)  # fmt: skip
        self.keyboard.install()

    def _wire_commands(self) -> None:
        c, feeds, articles = self.commands, self.feeds_ctl, self.articles
        for action, slot in (
            (c.add_feed, feeds.show_add_dialog), (c.export, feeds.show_export_dialog),
            (c.print_article, self.printer.print_current), (c.quit, self.close),
            (c.toggle_read, articles.toggle_read), (c.star, articles.toggle_star),
            (c.mark_all_read, self.mark_all_read), (c.next_unread, self.navigator.next_unread),
            (c.open_browser, articles.open_in_browser), (c.copy_link, articles.copy_link),
            (c.back, articles.go_back), (c.refresh, feeds.refresh_all),
            (c.refresh_selected, feeds.refresh_selected), (c.cancel_refresh, feeds.cancel_refresh),
            (c.remove_feed, feeds.remove_selected_feed),
            (c.feed_properties, feeds.show_properties_dialog),
            (c.article_below, lambda: self.set_article_below(c.article_below.isChecked())),
            (c.about, self.show_about),
        ):  # fmt: skip
            on_triggered(action, slot)

    def _connect(self) -> None:
        self.feed_tree.source_selected.connect(self._on_source_selected)
        self.feed_tree.refresh_requested.connect(self.feeds_ctl.refresh_feeds)
        self.feed_tree.mark_all_read_requested.connect(self.mark_all_read)
        self.feed_tree.remove_requested.connect(self.feeds_ctl.remove_feed)
        self.feed_tree.properties_requested.connect(self.feeds_ctl.show_properties_dialog)
        self.entry_list.entry_selected.connect(self.articles.on_entry_selected)
        self.entry_list.star_clicked.connect(self.articles.set_starred)
        self.entry_list.selectionModel().selectionChanged.connect(self._update_actions)
        self.entry_model.modelReset.connect(self.articles.restore_entry_selection)
        self.article_view.related_link_activated.connect(self.articles.open_related)
        self.article_view.highlighted.connect(self._show_link_target)
        self.refresh_status.cancel_requested.connect(self.feeds_ctl.cancel_refresh)
        self.articles.state_changed.connect(self._update_actions)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.window_state.save()
        self.scheduler.stop()
        super().closeEvent(event)

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.library.data_dir, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- feeds and counts ----------------------------------------------------------------
    def feeds(self) -> list[Feed]:
        """The subscriptions as last read (by ``reload_feeds``)."""
        return list(self._feeds.values())

    def reload_feeds(self) -> None:
        """Re-read feeds and counts (fast reads) into the tree; selection stays. While a
        refresh runs they are slow (its threads hold the GIL): a task reads them then."""
        if self.scheduler.is_busy():
            self.follower.read_now()
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
        # Ending in the application's name, as mail readers do ("Inbox — Thunderbird"): Qt
        # appends the name to any other title, which made "Newsreader (11) — Newsreader".
        self.setWindowTitle(self.tr("%n unread — Newsreader", "", unread) if unread
                            else self.tr("Newsreader"))  # fmt: skip

    def _on_source_selected(self, key: NodeKey | None) -> None:
        self.articles.forget_history()
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

    def mark_all_read(self, key: NodeKey | None = None) -> None:
        """Mark every article of a feed, folder, view or search read (the selected one by
        default); the status bar offers to undo it for a few seconds."""
        self.undo.mark_all_read(key or self.feed_tree.current_key())

    def _show_link_target(self, url: QUrl) -> None:
        # The pane's own commands (newsreader:changes ...) are not addresses worth showing.
        shown = not url.isEmpty() and url.scheme() in ("http", "https", "mailto")
        self.statusBar().showMessage(url.toString() if shown else "")

    # -- window state ---------------------------------------------------------------------
    def _update_actions(self) -> None:
        entry = self.article_view.entry()
        has_articles = entry is not None or bool(self.entry_list.selected_ids())
        c = self.commands
        for action in (c.toggle_read, c.open_browser, c.copy_link):
            action.setEnabled(has_articles)
        c.star.setEnabled(entry is not None)
        c.show_entry_state(starred=entry is not None and entry.starred,
                           read=self.articles.read_target()[1])  # fmt: skip
        c.back.setEnabled(self.articles.can_go_back())
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
