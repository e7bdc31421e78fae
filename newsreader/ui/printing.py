"""ArticlePrinter: File > Print… for the article on screen.

The article is printed as the PDF export lays it out (``pdf_export.article_document``): its
header, text and cached pictures, black on white whatever the reading theme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from newsreader.core import Entry
    from newsreader.ui.main_window import MainWindow


class ArticlePrinter(QObject):
    """Prints the main window's current article."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def current_entry(self) -> Entry | None:
        return self._window.article_view.entry()

    def print_current(self) -> None:
        """Ask for a printer (the system dialog), then print."""
        entry = self.current_entry()
        if entry is None:
            self._window.hub.info(self.tr("Open an article to print it."))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(entry.title or entry.url)
        dialog = QPrintDialog(printer, self._window)
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
