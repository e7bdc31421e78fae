"""File menu: subscriptions in and out (OPML), and moving in from QuiteRSS or RSS Guard.

Every import and export runs in a task; the outcome goes to the message area. Imported
subscriptions are not fetched by the import: they are refreshed right after it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from newsreader.ui.controllers.menus import insert_group_before
from newsreader.ui.widgets.message_bar import MessageAction
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import ImportReport, LibraryApi
    from newsreader.ui.models.entry_list import EntryListModel
    from newsreader.ui.widgets.message_bar import MessageHub
    from newsreader.ui.workers import UpdateScheduler

_PROBLEMS_SHOWN = 3


class OpmlActions(QObject):
    """ "Import Subscriptions…", "Export Subscriptions…" and "Import from QuiteRSS or RSS
    Guard…" in the File menu, after "Export…".

    Signals:
        import_finished(object): the ImportReport of a finished import.
        export_finished(object): the Path of a written subscription list.
    """

    import_finished = Signal(object)
    export_finished = Signal(object)

    def __init__(
        self,
        library: LibraryApi,
        scheduler: UpdateScheduler,
        hub: MessageHub,
        *,
        entry_model: EntryListModel,
        status_bar: QStatusBar,
        quit_action: QAction,
        reload_feeds: Callable[[], None],
        parent: QWidget,
    ) -> None:
        """The actions go into ``quit_action``'s menu, above its group; ``parent`` owns the
        actions and the file dialogs."""
        super().__init__(parent)
        self._parent = parent
        self.library = library
        self._scheduler = scheduler
        self._hub = hub
        self._entry_model = entry_model
        self._status_bar = status_bar
        self._reload_feeds = reload_feeds
        self.import_opml = QAction(self.tr("&Import Subscriptions…"), parent)
        self.export_opml = QAction(self.tr("Export Su&bscriptions…"), parent)
        self.import_reader = QAction(self.tr("Import from &QuiteRSS or RSS Guard…"), parent)
        self.import_opml.triggered.connect(lambda _checked=False: self.choose_import())
        self.export_opml.triggered.connect(lambda _checked=False: self.choose_export())
        self.import_reader.triggered.connect(lambda _checked=False: self.choose_reader_import())
        self.actions = [self.import_opml, self.export_opml, self.import_reader]
        insert_group_before(quit_action, self.actions)

    # -- asking for files (separate so tests can answer instead of a dialog) -----------------
    def ask_open_path(self, title: str, filters: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self._parent, title, str(Path.home()), filters)
        return Path(name) if name else None

    def ask_save_path(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self._parent,
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
        status = self._status_bar
        if busy:
            status.showMessage(self.tr("Working on the subscriptions…"))
        else:
            status.clearMessage()

    def _on_imported(self, result: object) -> None:
        self._set_busy(False)
        from newsreader.core import ImportReport

        assert isinstance(result, ImportReport)
        self._reload_feeds()
        if result.articles_added:
            self._entry_model.refresh()
        if result.feed_ids:
            self._scheduler.refresh_now(list(result.feed_ids))
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
            self._hub.info(text)
            return
        listed = "; ".join(report.problems[:_PROBLEMS_SHOWN])
        if len(report.problems) > _PROBLEMS_SHOWN:
            listed += " …"
        if report.added + report.skipped_existing == 0:
            self._hub.error(self.tr("Nothing could be imported: %1").replace("%1", listed))
            return
        self._hub.warning(text + " " + self.tr("Not imported: %1").replace("%1", listed))

    def _on_exported(self, result: object) -> None:
        self._set_busy(False)
        path = Path(str(result))
        url = QUrl.fromLocalFile(str(path.parent))
        self._hub.info(
            self.tr("Subscriptions exported to %1").replace("%1", str(path)),
            MessageAction(self.tr("Open Folder"), lambda: QDesktopServices.openUrl(url)),
        )
        self.export_finished.emit(path)

    def _on_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._hub.error(str(exc))
