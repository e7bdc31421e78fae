"""The parts of issue 5 that sit around the three panes: folders and site icons,
the tray and notifications, the Settings dialog.

``install_features`` adds them to a MainWindow before its keyboard controls take stock of
the window's actions (so their shortcuts are listed and rebindable too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.ui.folder_actions import FolderController
from newsreader.ui.settings_actions import SettingsActions
from newsreader.ui.tray import TrayController

if TYPE_CHECKING:
    from newsreader.ui.main_window import MainWindow


def install_features(window: MainWindow, *, tray_available: bool | None = None) -> None:
    """Add folder commands, Settings and the tray to ``window`` (as attributes)."""
    window.folders_ctl = FolderController(window)  # type: ignore[attr-defined]
    window.preferences = SettingsActions(window)  # type: ignore[attr-defined]
    window.tray = TrayController(window, available=tray_available)  # type: ignore[attr-defined]
