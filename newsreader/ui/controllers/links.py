"""Addresses handed to the window at launch: this launch's command line, or a later launch's
(``ui/single_instance.py``). The window comes forward and offers to subscribe to each."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog


class LinkRequests(QObject):
    """Shows the window and asks about each address in turn, one dialog at a time (a link
    clicked twice is asked about once). Subscribing is the reader's choice: the dialog is the
    Add Subscription dialog, filled in."""

    def __init__(
        self,
        *,
        show_window: Callable[[], None],
        offer: Callable[[str], QDialog],
        parent: QObject | None = None,
    ) -> None:
        """``show_window`` brings the window forward (from the tray too); ``offer`` opens the
        dialog for an address, which deletes itself when closed."""
        super().__init__(parent)
        self._show_window = show_window
        self._offer = offer
        self._queue: list[str] = []
        self._asking: str | None = None

    def receive(self, urls: Sequence[str]) -> None:
        """A launch asked for the window, with these addresses (checked, http(s))."""
        self._show_window()
        for url in urls:
            if url != self._asking and url not in self._queue:
                self._queue.append(url)
        self._ask_next()

    def pending(self) -> list[str]:
        """The addresses still to be asked about, after the one asked now."""
        return list(self._queue)

    def _ask_next(self) -> None:
        if self._asking is not None or not self._queue:
            return
        self._asking = self._queue.pop(0)
        dialog = self._offer(self._asking)
        dialog.finished.connect(self._on_finished)

    def _on_finished(self, _result: int) -> None:
        self._asking = None
        self._ask_next()
