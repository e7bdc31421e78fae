"""Help > About: version, licence and the reader's folders, as plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices

from newsreader.ui.diagnostics import app_version
from newsreader.ui.dialogs.about import AboutDialog
from newsreader.ui.main_window import MainWindow
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_help_about_shows_the_version_licence_and_folders(
    qtbot, tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "<b>berita</b> & co"  # a path is the reader's: shown as it is
    window = MainWindow(FakeLibrary(data_dir), settings=settings)
    qtbot.addWidget(window)
    help_menu = window.commands.help_menu
    assert window.commands.about in help_menu.actions()
    window.commands.about.trigger()
    [dialog] = window.findChildren(AboutDialog)
    assert dialog.version_label.text() == app_version()
    assert "GPL-3.0-or-later" in dialog.licence_label.text()
    assert dialog.data_label.text() == str(data_dir)
    assert dialog.log_label.text() == str(data_dir / "newsreader.log")
    for label in (dialog.version_label, dialog.licence_label, dialog.data_label,
                  dialog.log_label):  # fmt: skip
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    dialog.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(data_dir))]
