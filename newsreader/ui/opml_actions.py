"""File menu: subscriptions in and out (OPML), and moving in from QuiteRSS or RSS Guard
.

Every import and export runs in a task; the outcome goes to the message area. Imported
subscriptions are not fetched by the import: they are refreshed right after it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu

from newsreader.ui.widgets.message_bar import MessageAction
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import ImportReport
    from newsreader.ui.main_window import MainWindow

_PROBLEMS_SHOWN = 3


def menu_of(action: QAction) -> QMenu | None:
    """The menu an action was added to (the first one), if any."""
    return next((o for o in action.associatedObjects() if isinstance(o, QMenu)), None)


def insert_after(anchor: QAction, actions: list[QAction]) -> None:
    """Put actions into the anchor's menu right after it (appended if it is in none)."""
    menu = menu_of(anchor)
    if menu is None:
        return
    items = menu.actions()
    following = items[items.index(anchor) + 1] if anchor is not items[-1] else None
    if following is None:
        menu.addActions(actions)
    else:
        menu.insertActions(following, actions)


def insert_group_before(anchor: QAction, actions: list[QAction]) -> None:
    """Put actions, as a group of their own, just above the group that ends before the anchor
    (File menu: above the separator before "Quit")."""
    menu = menu_of(anchor)
    if menu is None:
        return
    items = menu.actions()
    at = items.index(anchor)
    before = items[at - 1] if at > 0 and items[at - 1].isSeparator() else anchor
    menu.insertSeparator(before)
    menu.insertActions(before, actions)


class OpmlActions(QObject):
    """ "Import Subscriptions…", "Export Subscriptions…" and "Import from QuiteRSS or RSS
    Guard…" in the File menu, after "Export…".

    Signals:
        import_finished(object): the ImportReport of a finished import.
        export_finished(object): the Path of a written subscription list.
    """

    import_finished = Signal(object)
    export_finished = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.library = window.library
        self.import_opml = QAction(self.tr("&Import Subscriptions…"), window)
        self.export_opml = QAction(self.tr("Export Su&bscriptions…"), window)
        self.import_reader = QAction(self.tr("Import from &QuiteRSS or RSS Guard…"), window)
        self.import_opml.triggered.connect(lambda _checked=False: self.choose_import())
        self.export_opml.triggered.connect(lambda _checked=False: self.choose_export())
        self.import_reader.triggered.connect(lambda _checked=False: self.choose_reader_import())
        self.actions = [self.import_opml, self.export_opml, self.import_reader]
        insert_group_before(window.commands.quit, self.actions)

    # -- asking for files (separate so tests can answer instead of a dialog) -----------------
    def ask_open_path(self, title: str, filters: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self._window, title, str(Path.home()), filters)
        return Path(name) if name else None

    def ask_save_path(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export Subscriptions"),
            str(Path.home() / "newsreader-subscriptions.opml"),
            self.tr("OPML files (*.opml *.xml)"),
        )
        return Path(name) if name else None

    # -- OPML ------------------------------------------------------------------------------
    def choose_import(self) -> None:
        filters = self.tr("OPML files (*.opml *.xml);;All files (*)")
        path = self.ask_open_path(self.tr("Import Subscriptions"), filters)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        library = self.library
        self._set_busy(True)
        run_task(lambda: library.import_opml(path), self._on_imported, self._on_failed,
                 context=self)  # fmt: skip

    def choose_export(self) -> None:
        path = self.ask_save_path()
        if path is None:
            return
        # The file dialog asked before replacing the file it returned, so that one may be
        # overwritten; a name given without ".opml" was not asked about with it.
        if path.suffix:
            self.export_file(path, force=True)
        else:
            self.export_file(path.with_suffix(".opml"))

    def export_file(self, path: Path, *, force: bool = False) -> None:
        library = self.library
        self._set_busy(True)
        run_task(lambda: library.export_opml(path, force=force), self._on_exported,
                 self._on_failed, context=self)  # fmt: skip

    # -- other readers -----------------------------------------------------------------------
    def choose_reader_import(self) -> None:
        filters = self.tr(
            "QuiteRSS or RSS Guard database (feeds.db database.db *.db);;All files (*)"
        )
        path = self.ask_open_path(self.tr("Import from QuiteRSS or RSS Guard"), filters)
        if path is not None:
            self.import_database(path)

    def import_database(self, path: Path) -> None:
        """Which reader made the file is read from the file itself."""
        from newsreader.core import detect_kind

        library = self.library
        self._set_busy(True)
        run_task(lambda: library.import_database(path, detect_kind(path)), self._on_imported,
                 self._on_failed, context=self)  # fmt: skip

    # -- outcomes ----------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        for action in self.actions:
            action.setEnabled(not busy)
        # Moving in a large library takes a while (about a minute per 50,000 articles).
        status = self._window.statusBar()
        if busy:
            status.showMessage(self.tr("Working on the subscriptions…"))
        else:
            status.clearMessage()

    def _on_imported(self, result: object) -> None:
        self._set_busy(False)
        from newsreader.core import ImportReport

        assert isinstance(result, ImportReport)
        window = self._window
        window.reload_feeds()
        if result.articles_added:
            window.entry_model.refresh()
        if result.feed_ids:
            window.scheduler.refresh_now(list(result.feed_ids))
        self._report(result)
        self.import_finished.emit(result)

    def _report(self, report: ImportReport) -> None:
        text = (
            self.tr("Subscriptions imported: %1 added, %2 already there.")
            .replace("%1", str(report.added))
            .replace("%2", str(report.skipped_existing))
        )
        if report.articles_added:
            text += " " + self.tr("Articles imported: %1.").replace(
                "%1", str(report.articles_added)
            )
        if not report.problems:
            self._window.hub.info(text)
            return
        listed = "; ".join(report.problems[:_PROBLEMS_SHOWN])
        if len(report.problems) > _PROBLEMS_SHOWN:
            listed += " …"
        if report.added + report.skipped_existing == 0:
            self._window.hub.error(self.tr("Nothing could be imported: %1").replace("%1", listed))
            return
        self._window.hub.warning(text + " " + self.tr("Not imported: %1").replace("%1", listed))

    def _on_exported(self, result: object) -> None:
        self._set_busy(False)
        path = Path(str(result))
        url = QUrl.fromLocalFile(str(path.parent))
        self._window.hub.info(
            self.tr("Subscriptions exported to %1").replace("%1", str(path)),
            MessageAction(self.tr("Open Folder"), lambda: QDesktopServices.openUrl(url)),
        )
        self.export_finished.emit(path)

    def _on_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._window.hub.error(str(exc))
