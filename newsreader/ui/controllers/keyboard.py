"""The keyboard: one-key commands, their defaults, and rebinding kept in QSettings.

``j``/``k`` next/previous, ``n`` next unread, Space reads on, ``s`` star, ``m`` toggle read,
``v`` open in browser, ``r``/F5 refresh, ``/`` search, Shift+A mark all read; every command
listed in Help > Keyboard Shortcuts, where each can be rebound.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from newsreader.ui.dialogs.shortcuts import ShortcutsDialog
from newsreader.ui.shortcut_map import Command, ShortcutMap, keys

if TYPE_CHECKING:
    from newsreader.ui.controllers.actions import ActionSet
    from newsreader.ui.controllers.navigation import Navigator
    from newsreader.ui.controllers.reading import ReadingControls
    from newsreader.ui.controllers.search import SearchController
    from newsreader.ui.controllers.undo import MarkAllReadController


class KeyboardControls(QObject):
    """The navigation actions, the list of rebindable commands, and Help > Keyboard
    Shortcuts. Built last: it takes over the shortcuts of the other parts' actions."""

    def __init__(
        self,
        window: QWidget,
        settings: QSettings,
        navigator: Navigator,
        *,
        commands: ActionSet,
        reading: ReadingControls,
        search: SearchController,
        undo: MarkAllReadController,
    ) -> None:
        """``window``: the top-level widget whose actions (every part's, found among its
        children) are listed and rebound; the navigation actions are added to it.
        ``settings`` keeps the rebound keys."""
        super().__init__(window)
        self._window = window
        self.navigator = navigator
        self._action_set = commands
        self._reading = reading
        self._search = search
        self._undo = undo
        n = navigator
        self.next_article = self._action(self.tr("Ne&xt Article"), n.next_article)
        self.previous_article = self._action(self.tr("Pre&vious Article"), n.previous_article)
        self.read_on = self._action(self.tr("Read On"), self._read_on)
        self.focus_feeds = self._action(self.tr("&Subscriptions"), n.focus_feeds)
        self.focus_list = self._action(self.tr("&Article List"), n.focus_list)
        self.focus_article = self._action(self.tr("Article &Text"), n.focus_article)
        self.show_shortcuts = self._action(self.tr("&Keyboard Shortcuts…"), self.show_dialog)
        self.map = ShortcutMap(settings)
        for command in self._commands():
            self.map.add(command)
        self.map.load()

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)  # its shortcut works wherever the focus is
        return action

    def _read_on(self) -> None:
        # Space also presses a focused button (filter bar, message bar): keep that working.
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton) and focus.window() is self._window:
            focus.click()
            return
        self.navigator.read_on()

    def _commands(self) -> list[Command]:
        """Every rebindable command, in the order the dialog lists them."""
        c, r = self._action_set, self._reading
        k, s, u = self, self._search, self._undo
        std = QKeySequence.StandardKey
        table: list[tuple[str, QAction, str, tuple[QKeySequence, ...]]] = [
            ("next_article", k.next_article, self.tr("Next article"), keys("J")),
            ("previous_article", k.previous_article, self.tr("Previous article"), keys("K")),
            ("next_unread", c.next_unread, self.tr("Next unread article"), keys("N")),
            ("read_on", k.read_on, self.tr("Scroll the article, then next unread"),
             keys("Space")),
            ("toggle_read", c.toggle_read, self.tr("Mark as read or unread"), keys("M")),
            ("star", c.star, self.tr("Star or unstar"), keys("S")),
            ("open_browser", c.open_browser, self.tr("Open in browser"), keys("V", "B")),
            ("copy_link", c.copy_link, self.tr("Copy link"), keys("Ctrl+Shift+C")),
            ("back", c.back, self.tr("Back to the previous article"), keys(std.Back)),
            ("mark_all_read", c.mark_all_read, self.tr("Mark all as read"),
             keys("Shift+A", "Ctrl+K")),
            ("undo", u.undo_action, self.tr("Undo mark all as read"), keys(std.Undo)),
            ("refresh", c.refresh, self.tr("Refresh all feeds"), keys("R", "F5")),
            ("refresh_selected", c.refresh_selected, self.tr("Refresh the selected feed"),
             keys("Shift+F5")),
            ("search", s.focus_action, self.tr("Search"), keys("/")),
            ("leave_search", s.leave_action, self.tr("Leave the search results"),
             keys("Escape")),
            ("focus_feeds", k.focus_feeds, self.tr("Go to the subscriptions"), keys("Ctrl+1")),
            ("focus_list", k.focus_list, self.tr("Go to the article list"), keys("Ctrl+2")),
            ("focus_article", k.focus_article, self.tr("Go to the article text"),
             keys("Ctrl+3")),
            ("add_feed", c.add_feed, self.tr("Add a subscription"), keys(std.New)),
            ("feed_properties", c.feed_properties, self.tr("Subscription properties"),
             keys("Ctrl+I")),
            ("export", c.export, self.tr("Export"), keys("Ctrl+E")),
            ("print", c.print_article, self.tr("Print"), keys(std.Print)),
            ("zoom_in", r.zoom_in, self.tr("Larger text"), keys(std.ZoomIn, "Ctrl+=")),
            ("zoom_out", r.zoom_out, self.tr("Smaller text"), keys(std.ZoomOut)),
            ("zoom_reset", r.zoom_reset, self.tr("Normal text size"), keys("Ctrl+0")),
            ("show_shortcuts", k.show_shortcuts, self.tr("Keyboard shortcuts"), ()),
            ("quit", c.quit, self.tr("Quit"), keys(std.Quit)),
        ]  # fmt: skip
        listed = [Command(*row) for row in table]
        return listed + self._other_commands({c.action for c in listed})

    def _other_commands(self, listed: set[QAction]) -> list[Command]:
        """Actions other parts gave a shortcut (Settings: Ctrl+,), listed under their own
        menu text so every key of the window can be looked up and rebound."""
        found = []
        for action in self._window.findChildren(QAction):
            text = action.text().replace("&", "").rstrip("…").strip()
            if action in listed or not action.shortcuts() or not text:
                continue
            slug = re.sub(r"\W+", "_", text.lower()).strip("_")
            command_id = action.objectName() or f"other_{slug}"
            found.append(Command(command_id, action, text, tuple(action.shortcuts())))
        return found

    def install(self) -> None:
        """Menu entries: next/previous in Article, focus moves in View, the list in Help."""
        c = self._action_set
        c.article_menu.insertActions(c.next_unread, [self.next_article, self.previous_article])
        focus_menu = c.view_menu.addMenu(self.tr("&Go To"))
        focus_menu.addActions([self.focus_feeds, self.focus_list, self.focus_article])
        c.help_menu.insertAction(c.about, self.show_shortcuts)
        c.help_menu.insertSeparator(c.about)

    def show_dialog(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.map, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
