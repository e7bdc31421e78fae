"""File > Settings… (Ctrl+,) and what a saved change does at once.

The library already uses the new values (proxy, image budget, default interval); here the
window follows: the theme switches, the scheduler looks at the schedule again, and a new
language is promised for the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStatusBar, QWidget

from newsreader.core import Settings
from newsreader.ui.autostart import Autostart, supported
from newsreader.ui.controllers.menus import insert_group_after
from newsreader.ui.dialogs.settings import SettingsDialog
from newsreader.ui.theme import theme_manager

if TYPE_CHECKING:
    from newsreader.core import LibraryApi
    from newsreader.ui.widgets.message_bar import MessageHub
    from newsreader.ui.workers import UpdateScheduler


class SettingsActions(QObject):
    """The Settings command of the main window."""

    def __init__(
        self,
        library: LibraryApi,
        scheduler: UpdateScheduler,
        hub: MessageHub,
        *,
        status_bar: QStatusBar,
        print_action: QAction,
        tray_available: Callable[[], bool],
        parent: QWidget,
    ) -> None:
        """The command goes after ``print_action``; ``tray_available`` is asked as the
        dialog opens (the tray is set up after this)."""
        super().__init__(parent)
        self._parent = parent
        self._library = library
        self._scheduler = scheduler
        self._hub = hub
        self._status_bar = status_bar
        self._tray_available = tray_available
        self.open_settings = QAction(self.tr("&Settings…"), parent)
        self.open_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        # Ctrl+, everywhere (the platform's own Preferences key too, where it has one).
        keys = [QKeySequence("Ctrl+,")]
        keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
                 if k not in keys]  # fmt: skip
        self.open_settings.setShortcuts(keys)
        self.open_settings.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.open_settings.triggered.connect(lambda _checked=False: self.show_dialog())
        insert_group_after(print_action, self.open_settings)

    def show_dialog(self) -> SettingsDialog:
        autostart = Autostart(self._library.data_dir) if supported() else None
        dialog = SettingsDialog(self._library, self._parent,
                                tray_available=self._tray_available(),
                                autostart=autostart)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_changed.connect(self.apply)
        dialog.open()
        return dialog

    def apply(self, old: Settings, new: Settings) -> None:
        """Make the window follow settings the library has just taken."""
        if new.theme != old.theme:
            theme_manager().apply(new.theme)
        if new.refresh_interval_minutes != old.refresh_interval_minutes:
            self._scheduler.start()  # looks at what is due now, then waits as planned
        if new.language != old.language:
            self._hub.info(self.tr("The new language shows when Newsreader starts again."))
        else:
            self._status_bar.showMessage(self.tr("Settings saved."), 3000)
