"""ActionSet: the main window's actions, menus and toolbar, with their shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QToolBar, QWidget

from newsreader.ui.icons import icon

if TYPE_CHECKING:
    from newsreader.ui.widgets.entry_list import EntryListWidget


def on_triggered(action: QAction, slot: Callable[[], object]) -> None:
    """Run ``slot`` when the reader triggers ``action``."""
    # triggered, not toggled: only the reader's click runs the command, never setChecked.
    action.triggered.connect(lambda _checked=False: slot())


class ActionSet(QObject):
    """Every command of the main window as a QAction (menu, toolbar and shortcut share one).

    The actions carry their text, icon and shortcut; the window connects each to the part
    that carries it out (``on_triggered``), as only it knows them all.
    """

    def __init__(self, window: QWidget) -> None:
        """``window`` holds the actions (their shortcuts work anywhere in it)."""
        super().__init__(window)
        self._window = window
        self.add_feed = self._make(self.tr("&Add Subscription…"), "add",
                                   QKeySequence.StandardKey.New)  # fmt: skip
        self.export = self._make(self.tr("&Export…"), "export", "Ctrl+E")
        self.print_article = self._make(self.tr("&Print…"), None,
                                        QKeySequence.StandardKey.Print)  # fmt: skip
        self.quit = self._make(self.tr("&Quit"), None, QKeySequence.StandardKey.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # The read and star labels follow the current article (see show_entry_state).
        self.toggle_read = self._make(self.tr("Mark as &Read"), "read", "M")
        self.star = self._make(self.tr("&Star"), "star_toggle", "S")
        self.star.setCheckable(True)
        self.mark_all_read = self._make(self.tr("Mark &All as Read"), "mark_all_read", "Ctrl+K")
        self.next_unread = self._make(self.tr("&Next Unread"), None, "N")
        self.open_browser = self._make(self.tr("Open in &Browser"), "browser", "B")
        self.copy_link = self._make(self.tr("&Copy Link"), None, "Ctrl+Shift+C")
        self.back = self._make(self.tr("&Back"), "back", QKeySequence.StandardKey.Back)
        self.refresh = self._make(self.tr("&Refresh"), "refresh",
                                  QKeySequence.StandardKey.Refresh)  # fmt: skip
        self.refresh.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+R")])
        self.refresh_selected = self._make(self.tr("Refresh &Selected Feed"), None, "Shift+F5")
        self.cancel_refresh = self._make(self.tr("S&top Updating"), "cancel")
        self.remove_feed = self._make(self.tr("&Remove Subscription…"), "remove")
        # Ctrl+I: NetNewsWire's "Get Info".
        self.feed_properties = self._make(self.tr("Subscription &Properties…"), None, "Ctrl+I")
        self.article_below = self._make(self.tr("Article Below the &List"), None)
        self.article_below.setCheckable(True)
        self.about = self._make(self.tr("&About Newsreader"), None)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.refresh.setToolTip(self.tr("Refresh all feeds (F5)"))
        self.mark_all_read.setToolTip(self.tr("Mark all articles here as read"))

    def _make(
        self,
        text: str,
        icon_name: str | None,
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self._window)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        return action

    def install(self, menu_bar: QMenuBar, toolbar: QToolBar, entry_list: EntryListWidget) -> None:
        """Fill the menus, the toolbar and the article list's context menu."""
        file_menu = menu_bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.add_feed, self.remove_feed, self.feed_properties])
        file_menu.addSeparator()
        file_menu.addActions([self.export, self.print_article])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.edit_menu = menu_bar.addMenu(self.tr("&Edit"))  # undo, search
        article = menu_bar.addMenu(self.tr("&Article"))
        article.addActions([self.toggle_read, self.star, self.mark_all_read])
        article.addSeparator()
        article.addActions([self.next_unread, self.back])
        article.addSeparator()
        article.addActions([self.open_browser, self.copy_link])
        view = menu_bar.addMenu(self.tr("&View"))
        view.addActions([self.refresh, self.refresh_selected, self.cancel_refresh])
        view.addSeparator()
        view.addAction(self.article_below)
        self.article_menu, self.view_menu = article, view  # ReadingControls adds to them
        help_menu = menu_bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about)
        self.help_menu = help_menu
        toolbar.addActions([self.refresh, self.add_feed])
        toolbar.addSeparator()
        toolbar.addActions([self.mark_all_read, self.star])
        toolbar.addSeparator()
        toolbar.addActions([self.back, self.open_browser, self.export])
        entry_list.set_menu_actions(self.entry_menu_actions(), self.list_menu_actions())

    def entry_menu_actions(self) -> list[QAction | None]:
        """The article list's context menu for a row (None: a separator)."""
        return [self.open_browser, self.copy_link, None, self.star, self.toggle_read]

    def list_menu_actions(self) -> list[QAction]:
        """The article list's context menu commands for the whole list."""
        return [self.mark_all_read]

    def show_entry_state(self, *, starred: bool, read: bool) -> None:
        """Label the star and read commands after what they would do now, wherever they show
        (menu bar, context menu, toolbar tooltip)."""
        self.star.setChecked(starred)
        self.star.setText(self.tr("Un&star") if starred else self.tr("&Star"))
        self.star.setToolTip(
            self.tr("Remove the star (S)") if starred else self.tr("Star the article (S)")
        )
        self.toggle_read.setText(self.tr("Mark as &Unread") if read else self.tr("Mark as &Read"))
