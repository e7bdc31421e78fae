"""AddFeedDialog: subscribe to a feed or a site address."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from newsreader.core import (
    Feed,
    FeedExistsError,
    FeedNotFoundError,
    FetchError,
    InvalidURLError,
    NewsreaderError,
)
from newsreader.ui.dialogs.form import FormFooter
from newsreader.ui.plain_text import plain_label
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import LibraryApi


def normalized_url(text: str) -> str | None:
    """The http(s) URL the reader meant, or None. "elshinta.com" becomes "https://elshinta.com"."""
    text = text.strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    if "://" not in text:
        text = f"https://{text}"
    url = QUrl(text, QUrl.ParsingMode.StrictMode)
    host = url.host()
    if not url.isValid() or url.scheme() not in ("http", "https") or not host:
        return None
    if "." not in host and host != "localhost" and ":" not in host:
        return None
    return text


class AddFeedDialog(QDialog):
    """URL field, folder combo; subscribes in a background task and reports errors inline.

    Signals:
        feed_added(object): the new Feed, just before the dialog closes.
    """

    feed_added = Signal(object)

    def __init__(
        self,
        library: LibraryApi,
        folders: Sequence[str],
        parent: QWidget | None = None,
        *,
        initial_url: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._busy = False
        self.setWindowTitle(self.tr("Add Subscription"))
        self.setMinimumWidth(520)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText(self.tr("https://www.elshinta.com/ or a feed address"))
        self.url_edit.setClearButtonEnabled(True)
        self.folder_combo = QComboBox(self)
        self.folder_combo.setEditable(True)
        self.folder_combo.addItems(["", *sorted(set(folders) - {""}, key=str.lower)])
        folder_edit = self.folder_combo.lineEdit()
        assert folder_edit is not None  # editable combo
        folder_edit.setPlaceholderText(self.tr("No folder"))
        hint = plain_label(
            self,
            self.tr(
                "A site address works too: Newsreader looks for the site's feed, "
                "or reads its list of latest articles."
            ),
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        self.footer = FormFooter(self, ok_text=self.tr("Add"), cancel_text=self.tr("Cancel"))
        self.error_label, self.buttons = self.footer.error_label, self.footer.buttons
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.hide()
        form = QFormLayout()
        form.addRow(self.tr("Address:"), self.url_edit)
        form.addRow(self.tr("Folder:"), self.folder_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        self.footer.add_to(layout, self.busy_bar)
        self.url_edit.textChanged.connect(self._on_text_changed)
        self.url_edit.setText(initial_url if initial_url is not None else _clipboard_url())
        self._on_text_changed(self.url_edit.text())

    def is_busy(self) -> bool:
        return self._busy

    def _on_text_changed(self, text: str) -> None:
        self.footer.hide_error()
        self.footer.ok_button().setEnabled(not self._busy and normalized_url(text) is not None)

    def accept(self) -> None:
        """Subscribe in the background; the dialog closes when that worked."""
        url = normalized_url(self.url_edit.text())
        if self._busy:
            return
        if url is None:
            self.footer.show_error(self.tr("This is not a web address (http or https)."))
            return
        folder = self.folder_combo.currentText().strip()
        self._set_busy(True)
        library = self._library
        run_task(
            lambda: library.add_feed(url, folder=folder),
            self._on_added,
            self._on_failed,
            context=self,
        )

    def _on_added(self, feed: object) -> None:
        self._set_busy(False)
        assert isinstance(feed, Feed)
        self.feed_added.emit(feed)
        super().accept()

    def _on_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.footer.show_error(self.describe_error(exc))

    def describe_error(self, exc: Exception) -> str:
        """A sentence for the reader, with the core's detail where it helps."""
        if isinstance(exc, FeedExistsError):
            return self.tr("You are already subscribed to this address.")
        if isinstance(exc, InvalidURLError):
            return self.tr("This is not a web address (http or https).")
        if isinstance(exc, FeedNotFoundError):
            return self.tr("No feed or article list was found at this address.")
        if isinstance(exc, FetchError):
            return self.tr("Could not load the address: %1").replace("%1", exc.message)
        if isinstance(exc, NewsreaderError):
            return str(exc)
        return self.tr("Unexpected error: %1").replace("%1", repr(exc))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.url_edit.setEnabled(not busy)
        self.folder_combo.setEnabled(not busy)
        ok = self.footer.ok_button()
        ok.setEnabled(not busy and normalized_url(self.url_edit.text()) is not None)
        if busy:
            self.footer.hide_error()


def _clipboard_url() -> str:
    """Readers usually copy the address first: offer it, as NetNewsWire does."""
    clipboard = QGuiApplication.clipboard()
    text = clipboard.text().strip() if clipboard is not None else ""
    return text if text.startswith(("http://", "https://")) and normalized_url(text) else ""
