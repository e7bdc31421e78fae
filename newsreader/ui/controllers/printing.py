"""ArticlePrinter: File > Print… for the article on screen.

The article is printed as the PDF export lays it out (``pdf_export.article_document``): its
header, text and cached pictures, black on white whatever the reading theme.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:
    from newsreader.core import Entry
    from newsreader.ui.widgets.message_bar import MessageHub


class ArticlePrinter(QObject):
    """Prints the article on screen (``current_entry``); ``parent`` owns the print dialog."""

    def __init__(
        self, current_entry: Callable[[], Entry | None], hub: MessageHub, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._current_entry = current_entry
        self._hub = hub
        self._parent = parent

    def current_entry(self) -> Entry | None:
        return self._current_entry()

    def print_current(self) -> None:
        """Ask for a printer (the system dialog), then print."""
        entry = self.current_entry()
        if entry is None:
            self._hub.info(self.tr("Open an article to print it."))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(entry.title or entry.url)
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle(self.tr("Print Article"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print the current article on ``printer``; False if no article is shown."""
        entry = self.current_entry()
        if entry is None:
            return False
        from newsreader.ui.pdf_export import print_entry  # loads lxml: not at startup

        print_entry(entry, printer)
        return True
