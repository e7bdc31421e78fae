"""RefreshStatusWidget: the status bar's "Updating 3/12: <feed>" with a progress bar."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget

from newsreader.ui.icons import icon
from newsreader.ui.plain_text import plain_label


class RefreshStatusWidget(QWidget):
    """Visible only while a refresh runs.

    Signals:
        cancel_requested(): the reader pressed the stop button.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label(self)  # names the feed being updated
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(180)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setIcon(icon("cancel"))
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.setToolTip(self.tr("Stop updating"))
        self.cancel_button.clicked.connect(self._on_cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self) -> None:
        self.label.setText(self.tr("Updating…"))
        self.bar.setRange(0, 0)  # busy until the first progress report says how many
        self.cancel_button.setEnabled(True)
        self.show()

    def set_progress(self, done: int, total: int, stage: str, current: str) -> None:
        if not self.isVisible():
            self.start()
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total))
        step = min(done + 1, total) if current else done
        if stage == "articles":
            text = self.tr("Downloading articles %1/%2")
        else:
            text = self.tr("Updating %1/%2")
        text = text.replace("%1", str(step)).replace("%2", str(total))
        self.label.setText(f"{text}: {_elide(current)}" if current else text)

    def finish(self) -> None:
        self.hide()

    def _on_cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping…"))
        self.cancel_requested.emit()


def _elide(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
