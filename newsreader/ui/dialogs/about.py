"""AboutDialog: what Newsreader is, its version and licence, and where it keeps its files.

The folders are the reader's paths, which may hold any character: every label is plain text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsreader.ui.diagnostics import LICENCE, app_version, log_path
from newsreader.ui.plain_text import plain_label


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AboutDialog(QDialog):
    """Help > About: name, purpose, version, licence, data folder and log file."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("About Newsreader"))
        title = plain_label(self, self.tr("Newsreader"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        purpose = plain_label(self, self.tr(
            "Reads news sites and feeds, keeps whole articles for reading offline, and shows "
            "them without loading anything from the web. Built first for Elshinta.com."
        ))  # fmt: skip
        purpose.setWordWrap(True)
        self.version_label = _selectable(plain_label(self, app_version()))
        licence = self.tr("GNU General Public License, version 3 or later (%1)")
        self.licence_label = plain_label(self, licence.replace("%1", LICENCE))
        self.licence_label.setWordWrap(True)
        self.data_label = _selectable(plain_label(self, str(data_dir)))
        self.log_label = _selectable(plain_label(self, str(log_path(data_dir))))
        for label in (self.data_label, self.log_label):
            label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Version:"), self.version_label)
        form.addRow(self.tr("Licence:"), self.licence_label)
        form.addRow(self.tr("Data folder:"), self.data_label)
        form.addRow(self.tr("Log file:"), self.log_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_folder_button = QPushButton(self.tr("Open Data Folder"), self)
        self.buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.clicked.connect(self.open_data_folder)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(purpose)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
