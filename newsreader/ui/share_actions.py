"""Article menu: share the shown article: "Copy as Text", "Copy as
Markdown", "Email Link…". The text comes from ``core.share``; this only moves it to the
clipboard or hands the mailto: link to the desktop's mail client."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication

from newsreader.core import Entry, as_markdown, as_text, mailto_url
from newsreader.ui.opml_actions import insert_after, menu_of

if TYPE_CHECKING:
    from newsreader.ui.main_window import MainWindow


class ShareActions(QObject):
    """The share commands, after "Copy Link" in the Article menu; enabled while an article is
    shown (checked when the menu opens, so they follow whatever the window shows)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.copy_text = QAction(self.tr("Copy as &Text"), window)
        self.copy_markdown = QAction(self.tr("Copy as &Markdown"), window)
        self.email_link = QAction(self.tr("&Email Link…"), window)
        self.copy_text.triggered.connect(lambda _checked=False: self.copy(as_text))
        self.copy_markdown.triggered.connect(lambda _checked=False: self.copy(as_markdown))
        self.email_link.triggered.connect(lambda _checked=False: self.email())
        self.actions = [self.copy_text, self.copy_markdown, self.email_link]
        anchor = window.commands.copy_link
        insert_after(anchor, self.actions)
        menu = menu_of(anchor)
        if menu is not None:
            menu.aboutToShow.connect(self.update_enabled)
        self.update_enabled()

    def entry(self) -> Entry | None:
        return self._window.article_view.entry()

    def update_enabled(self) -> None:
        shown = self.entry() is not None
        for action in self.actions:
            action.setEnabled(shown)

    def copy(self, render: Callable[[Entry], str]) -> None:
        entry = self.entry()
        if entry is None:
            return
        QGuiApplication.clipboard().setText(render(entry))
        self._window.statusBar().showMessage(self.tr("Copied “%1”.").replace("%1", entry.title),
                                             4000)  # fmt: skip

    def email(self) -> None:
        entry = self.entry()
        if entry is None:
            return
        if not QDesktopServices.openUrl(QUrl(mailto_url(entry), QUrl.ParsingMode.StrictMode)):
            self._window.hub.warning(self.tr("No mail program is set up to send the link."))
