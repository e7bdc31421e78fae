"""Article menu: share the shown article: "Copy as Text", "Copy as
Markdown", "Email Link…". The text comes from ``core.share``; this only moves it to the
clipboard or hands the mailto: link to the desktop's mail client."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QStatusBar, QWidget

from newsreader.core import Entry, as_markdown, as_text, mailto_url
from newsreader.ui.controllers.menus import insert_after, menu_of

if TYPE_CHECKING:
    from newsreader.ui.widgets.message_bar import MessageHub


class ShareActions(QObject):
    """The share commands, after "Copy Link" in the Article menu; enabled while an article is
    shown (checked when the menu opens, so they follow whatever the window shows)."""

    def __init__(
        self,
        current_entry: Callable[[], Entry | None],
        hub: MessageHub,
        *,
        status_bar: QStatusBar,
        copy_link_action: QAction,
        parent: QWidget,
    ) -> None:
        """``current_entry``: the article shown; the actions go after ``copy_link_action``."""
        super().__init__(parent)
        self._current_entry = current_entry
        self._hub = hub
        self._status_bar = status_bar
        self.copy_text = QAction(self.tr("Copy as &Text"), parent)
        self.copy_markdown = QAction(self.tr("Copy as &Markdown"), parent)
        self.email_link = QAction(self.tr("&Email Link…"), parent)
        self.copy_text.triggered.connect(lambda _checked=False: self.copy(as_text))
        self.copy_markdown.triggered.connect(lambda _checked=False: self.copy(as_markdown))
        self.email_link.triggered.connect(lambda _checked=False: self.email())
        self.actions = [self.copy_text, self.copy_markdown, self.email_link]
        insert_after(copy_link_action, self.actions)
        menu = menu_of(copy_link_action)
        if menu is not None:
            menu.aboutToShow.connect(self.update_enabled)
        self.update_enabled()

    def entry(self) -> Entry | None:
        return self._current_entry()

    def update_enabled(self) -> None:
        shown = self.entry() is not None
        for action in self.actions:
            action.setEnabled(shown)

    def copy(self, render: Callable[[Entry], str]) -> None:
        entry = self.entry()
        if entry is None:
            return
        QGuiApplication.clipboard().setText(render(entry))
        self._status_bar.showMessage(self.tr("Copied “%1”.").replace("%1", entry.title), 4000)

    def email(self) -> None:
        entry = self.entry()
        if entry is None:
            return
        if not QDesktopServices.openUrl(QUrl(mailto_url(entry), QUrl.ParsingMode.StrictMode)):
            self._hub.warning(self.tr("No mail program is set up to send the link."))
