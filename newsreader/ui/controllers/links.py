"""Addresses handed to the window at launch: this launch's command line, or a later launch's
(``ui/single_instance.py``). The window comes forward and offers to subscribe to each.

Files come as ``file:`` URLs (a file manager opening a feed or OPML file). What a file is
comes from its content: a subscription list is offered for import, a feed file by the address
it gives (its own, else its site's, from which Add Subscription discovers the feed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from newsreader.ui.plain_text import message_box
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import OpenedFile
    from newsreader.ui.widgets.message_bar import MessageHub

# Root and channel links come first in any feed or list: a few MB tell what a file is, and a
# huge file (or a device) cannot fill the memory.
MAX_FILE_BYTES = 4 * 1024 * 1024


def read_opened_file(path: Path) -> OpenedFile | OSError:
    """What the file at ``path`` is, from its first ``MAX_FILE_BYTES``; the system's refusal
    as a value (a file that went, or cannot be read, is no bug)."""
    from newsreader.core import identify_file

    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES)
    except OSError as exc:
        return exc
    return identify_file(data)


class LinkRequests(QObject):
    """Shows the window and asks about each address in turn, one dialog at a time (a link
    clicked twice is asked about once). Subscribing is the reader's choice: the dialog is the
    Add Subscription dialog, filled in; importing a subscription list is asked first."""

    def __init__(
        self,
        *,
        show_window: Callable[[], None],
        offer: Callable[[str], QDialog],
        import_opml: Callable[[Path], None],
        hub: MessageHub,
        parent: QWidget | None = None,
    ) -> None:
        """``show_window`` brings the window forward (from the tray too); ``offer`` opens the
        dialog for an address, which deletes itself when closed; ``import_opml`` is the File
        menu's import of a subscription list. ``parent`` owns the questions."""
        super().__init__(parent)
        self._parent = parent
        self._show_window = show_window
        self._offer = offer
        self._import_opml = import_opml
        self._hub = hub
        self._queue: list[str] = []  # web addresses to offer; file: URLs of lists to import
        self._reading: set[str] = set()  # file: URLs in the queue whose contents are not known yet
        self._asking: str | None = None

    def receive(self, urls: Sequence[str]) -> None:
        """A launch asked for the window, with these addresses (checked: http(s) or local
        ``file:`` URLs)."""
        self._show_window()
        for url in urls:
            if url[:5].lower() == "file:" and url not in self._queue:
                # Holds its place while read, so offers come in the order they were given.
                self._queue.append(url)
                self._reading.add(url)
                self._read(url)
            else:
                self._enqueue(url)
        self._ask_next()

    def pending(self) -> list[str]:
        """The addresses still to be asked about, after the one asked now."""
        return list(self._queue)

    # -- the question (tests replace it) -----------------------------------------------------
    def confirm_import(self, path: Path) -> bool:
        box = message_box(
            self._parent, QMessageBox.Icon.Question, self.tr("Import Subscriptions"),
            self.tr("Import the subscriptions in “%1”?").replace("%1", path.name), str(path),
        )  # fmt: skip
        accept = box.addButton(self.tr("Import"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is accept

    # -- files ---------------------------------------------------------------------------
    def _read(self, url: str) -> None:
        # In a task although small: a file manager may hand over a file on a network mount,
        # where even a short read can stall; the size cap bounds memory, not time.
        path = Path(QUrl(url).toLocalFile())
        run_task(lambda: read_opened_file(path),
                 lambda result: self._on_read(url, path, result), context=self)  # fmt: skip

    def _on_read(self, url: str, path: Path, result: object) -> None:
        from newsreader.core import OpenedFile

        self._reading.discard(url)
        place = self._queue.index(url)
        del self._queue[place]
        if isinstance(result, OSError):
            self._hub.error(self.tr("Could not open “%1”: %2").replace("%1", path.name)
                            .replace("%2", result.strerror or str(result)))  # fmt: skip
            self._ask_next()
            return
        assert isinstance(result, OpenedFile)
        address = result.feed_url or result.site_url
        if result.kind == "opml":
            self._queue.insert(place, url)
        elif result.kind == "feed" and address:
            if address != self._asking and address not in self._queue:
                self._queue.insert(place, address)
        elif result.kind == "feed":
            self._hub.warning(self.tr("This file has no web address to subscribe to: %1")
                              .replace("%1", path.name))  # fmt: skip
        else:
            self._hub.warning(self.tr("“%1” is neither a feed nor a list of subscriptions.")
                              .replace("%1", path.name))  # fmt: skip
        self._ask_next()

    # -- one at a time -------------------------------------------------------------------
    def _enqueue(self, url: str) -> None:
        if url != self._asking and url not in self._queue:
            self._queue.append(url)

    def _ask_next(self) -> None:
        while self._asking is None and self._queue and self._queue[0] not in self._reading:
            self._asking = self._queue.pop(0)
            if self._asking[:5].lower() != "file:":
                dialog = self._offer(self._asking)
                dialog.finished.connect(self._on_finished)
                return
            path = Path(QUrl(self._asking).toLocalFile())
            if self.confirm_import(path):  # the import reports in the message area
                self._import_opml(path)
            self._asking = None

    def _on_finished(self, _result: int) -> None:
        self._asking = None
        self._ask_next()
