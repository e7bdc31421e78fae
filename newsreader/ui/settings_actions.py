"""File > Settings… (Ctrl+,) and what a saved change does at once.

The library already uses the new values (proxy, image budget, default interval); here the
window follows: the theme switches, the scheduler looks at the schedule again, and a new
language is promised for the next start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from newsreader.core import Settings
from newsreader.ui.dialogs.settings import SettingsDialog
from newsreader.ui.opml_actions import menu_of
from newsreader.ui.theme import theme_manager

if TYPE_CHECKING:
    from newsreader.ui.main_window import MainWindow


class SettingsActions(QObject):
    """The Settings command of the main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.open_settings = QAction(self.tr("&Settings…"), window)
        self.open_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        # Ctrl+, everywhere (the platform's own Preferences key too, where it has one).
        keys = [QKeySequence("Ctrl+,")]
        keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
                 if k not in keys]  # fmt: skip
        self.open_settings.setShortcuts(keys)
        self.open_settings.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.open_settings.triggered.connect(lambda _checked=False: self.show_dialog())
        _put_after(window.commands.print_article, self.open_settings)

    def show_dialog(self) -> SettingsDialog:
        tray = getattr(self._window, "tray", None)
        available = tray is not None and tray.tray is not None
        dialog = SettingsDialog(self._window.library, self._window, tray_available=available)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_changed.connect(self.apply)
        dialog.open()
        return dialog

    def apply(self, old: Settings, new: Settings) -> None:
        """Make the window follow settings the library has just taken."""
        window = self._window
        if new.theme != old.theme:
            theme_manager().apply(new.theme)
        if new.refresh_interval_minutes != old.refresh_interval_minutes:
            window.scheduler.start()  # looks at what is due now, then waits as planned
        if new.language != old.language:
            window.hub.info(self.tr("The new language shows when Newsreader starts again."))
        else:
            window.statusBar().showMessage(self.tr("Settings saved."), 3000)


def _put_after(anchor: QAction, action: QAction) -> None:
    """A group of its own in the anchor's menu, right after the anchor's group (File: after
    Export and Print, before the subscription lists and Quit)."""
    menu = menu_of(anchor)
    if menu is None:
        return
    items = menu.actions()
    following = items[items.index(anchor) + 1 :]
    if not following:
        menu.addSeparator()
        menu.addAction(action)
        return
    menu.insertSeparator(following[0])
    menu.insertAction(following[0], action)
