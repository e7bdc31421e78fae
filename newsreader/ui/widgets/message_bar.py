"""The one non-modal message channel: a hub any part of the UI posts to, and its bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from newsreader.ui.icons import icon
from newsreader.ui.plain_text import plain_label

LEVELS = ("info", "warning", "error")
_COLOURS = {
    "info": ("#e8f0fe", "#1a4d8f", "#aecbfa"),
    "warning": ("#fef7e0", "#7a4f01", "#fdd663"),
    "error": ("#fce8e6", "#8c1d18", "#f6aea9"),
}
_INFO_TIMEOUT_MS = 8000


@dataclass(frozen=True)
class MessageAction:
    """An optional button on a message, e.g. "Open" after an export. ``dismissed`` runs when
    the reader closes the message instead (not when another message replaces it)."""

    text: str
    callback: Callable[[], object]
    dismissed: Callable[[], object] | None = None


class MessageHub(QObject):
    """Where messages are posted (feed errors, "no network", export done).

    Signals:
        message_posted(str, str, object): level ("info", "warning", "error"), text, and a
            MessageAction or None.
    """

    message_posted = Signal(str, str, object)

    def info(self, text: str, action: MessageAction | None = None) -> None:
        self.message_posted.emit("info", text, action)

    def warning(self, text: str, action: MessageAction | None = None) -> None:
        self.message_posted.emit("warning", text, action)

    def error(self, text: str, action: MessageAction | None = None) -> None:
        self.message_posted.emit("error", text, action)


class MessageBarWidget(QFrame):
    """Shows the latest message under the toolbar; info fades after a while, problems stay
    until closed. Hidden when there is nothing to say."""

    def __init__(self, hub: MessageHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self._level = ""
        self._action: MessageAction | None = None
        self._icon = plain_label(self)
        self._text = plain_label(self)  # errors quote titles, addresses, servers' words
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._button = QPushButton(self)
        self._button.clicked.connect(self._run_action)
        self._close = QToolButton(self)
        self._close.setIcon(icon("cancel"))
        self._close.setAutoRaise(True)
        self._close.setToolTip(self.tr("Close"))
        self._close.clicked.connect(self._on_close_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._button)
        layout.addWidget(self._close)
        self._timer = QTimer(self, singleShot=True, interval=_INFO_TIMEOUT_MS)
        self._timer.timeout.connect(self.dismiss)
        hub.message_posted.connect(self.show_message)
        self.hide()

    def text(self) -> str:
        return self._text.text()

    def level(self) -> str:
        return self._level

    def show_message(self, level: str, text: str, action: object = None) -> None:
        """Show a message, replacing the one shown."""
        if level not in LEVELS:
            level = "info"
        self._level = level
        self._action = action if isinstance(action, MessageAction) else None
        self._text.setText(text)
        self._button.setVisible(self._action is not None)
        if self._action is not None:
            self._button.setText(self._action.text)
        size = self.style().pixelMetric(self.style().PixelMetric.PM_SmallIconSize)
        name = {"info": "read", "warning": "error", "error": "error"}[level]
        self._icon.setPixmap(icon(name).pixmap(size, size))
        background, foreground, border = _COLOURS[level]
        self.setStyleSheet(
            f"#messageBar {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 4px; }} #messageBar QLabel {{ color: {foreground}; }}"
        )
        self.show()
        if level == "info":
            self._timer.start()
        else:
            self._timer.stop()

    def dismiss(self) -> None:
        self._timer.stop()
        self._level = ""
        self.hide()

    def _on_close_clicked(self) -> None:
        if self._action is not None and self._action.dismissed is not None:
            self._action.dismissed()
        self.dismiss()

    def _run_action(self) -> None:
        if self._action is not None:
            self._action.callback()
        self.dismiss()
