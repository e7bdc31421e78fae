"""ExportDialog: which articles, which format, where; a progress bar and Cancel."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict

from PySide6.QtCore import QDate, QObject, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from newsreader.core import ExportCancelledError, ExportError, NewsreaderError
from newsreader.ui.dialogs.form import FormFooter
from newsreader.ui.plain_text import menu_text, message_box, plain_label
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import Feed, LibraryApi

# The library's formats, and PDF, which the window prints itself (pdf_export).
_Format = Literal["html", "md", "epub", "json", "pdf"]

# Format key -> (library format, one file per article, suffix of the target).
FORMATS: dict[str, tuple[_Format, bool, str]] = {
    "html": ("html", False, ".html"),
    "md": ("md", False, ".md"),
    "md-files": ("md", True, ""),
    "epub": ("epub", False, ".epub"),
    "pdf": ("pdf", False, ".pdf"),
    "json": ("json", False, ".json"),
}
# In the window's QSettings: the folder the last export went to.
_FOLDER_KEY = "export/last_folder"
_SUFFIXES = {suffix for _, _, suffix in FORMATS.values() if suffix}


class Selection(TypedDict, total=False):
    """The library's ``entries_for_export`` arguments for the chosen articles."""

    starred: bool
    feed_id: int
    since: dt.datetime
    until: dt.datetime


class _ProgressRelay(QObject):
    """Carries progress from the export thread to the dialog, coalesced: at most one update
    waits in the GUI thread's queue, holding the latest figures. (A thousand queued updates
    would keep the GUI thread repainting the bar, which QProgressBar does at once.)

    Signals:
        progress_changed(): new figures wait in ``take()``.
    """

    progress_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._latest: tuple[int, int] | None = None

    def report(self, done: int, total: int) -> None:
        """Called on the export thread."""
        with self._lock:
            waiting = self._latest is not None
            self._latest = (done, total)
        if not waiting:
            self.progress_changed.emit()

    def take(self) -> tuple[int, int] | None:
        with self._lock:
            latest, self._latest = self._latest, None
        return latest


class ExportDialog(QDialog):
    """The export itself runs in a task; the window stays responsive and Cancel stops it.

    Signals:
        export_finished(object, int): the written path and the number of articles.
    """

    export_finished = Signal(object, int)

    def __init__(
        self,
        library: LibraryApi,
        selected_ids: Sequence[int],
        parent: QWidget | None = None,
        *,
        feed: Feed | None = None,
        settings: QSettings | None = None,
    ) -> None:
        """``settings``: where the folder of the last export is kept for the next one (none:
        each export starts in the default folder)."""
        super().__init__(parent)
        self._library = library
        self._settings = settings
        self._selected = list(selected_ids)
        self._feed = feed
        self._busy = False
        self._cancel: threading.Event | None = None
        self._relay: _ProgressRelay | None = None
        self._overwrite_confirmed = False
        self.setWindowTitle(self.tr("Export Articles"))
        self.setMinimumWidth(560)
        self._build_selection()
        self.format_combo = QComboBox(self)
        for key, label in self._format_labels():
            self.format_combo.addItem(label, key)
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.path_edit = QLineEdit(str(self._default_path("html")), self)
        self.path_edit.textEdited.connect(self._on_path_edited)
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.clicked.connect(self._browse)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setFormat(self.tr("%v of %m articles"))
        self.progress_bar.hide()
        self.footer = FormFooter(self, ok_text=self.tr("Export"), cancel_text=self.tr("Cancel"))
        self.error_label, self.buttons = self.footer.error_label, self.footer.buttons
        self._layout()

    def _build_selection(self) -> None:
        self.starred_radio = QRadioButton(self.tr("Starred articles"), self)
        self.selected_radio = QRadioButton(
            self.tr("Selected articles (%n)", "", len(self._selected)), self
        )
        self.selected_radio.setEnabled(bool(self._selected))
        feed_name = menu_text(self._feed.title or self._feed.url) if self._feed else ""
        self.feed_radio = QRadioButton(self.tr("Articles of “%1”").replace("%1", feed_name), self)
        self.feed_radio.setVisible(self._feed is not None)
        self.all_radio = QRadioButton(self.tr("All articles"), self)
        group = QButtonGroup(self)
        for radio in (self.starred_radio, self.selected_radio, self.feed_radio, self.all_radio):
            group.addButton(radio)
        (self.selected_radio if self._selected else self.starred_radio).setChecked(True)
        self.range_check = QCheckBox(self.tr("Only articles published from"), self)
        today = QDate.currentDate()
        self.since_edit = QDateEdit(today.addDays(-7), self)
        self.until_edit = QDateEdit(today, self)
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.range_check.toggled.connect(self._update_range)
        group.buttonToggled.connect(self._update_range)
        self._update_range()

    def _format_labels(self) -> list[tuple[str, str]]:
        return [
            ("html", self.tr("HTML (one web page)")),
            ("md", self.tr("Markdown (one file)")),
            ("md-files", self.tr("Markdown (one file per article, in a folder)")),
            ("epub", self.tr("EPUB (e-book)")),
            ("pdf", self.tr("PDF (for printing)")),
            ("json", self.tr("JSON (data)")),
        ]

    def _layout(self) -> None:
        what = QVBoxLayout()
        for radio in (self.starred_radio, self.selected_radio, self.feed_radio, self.all_radio):
            what.addWidget(radio)
        dates = QHBoxLayout()
        dates.addWidget(self.range_check)
        dates.addWidget(self.since_edit)
        dates.addWidget(plain_label(self, self.tr("to")))
        dates.addWidget(self.until_edit)
        dates.addStretch(1)
        what.addLayout(dates)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Export:"), what)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Save to:"), where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.footer.add_to(layout, self.progress_bar)

    # -- choices --------------------------------------------------------------------------
    def format_key(self) -> str:
        return str(self.format_combo.currentData())

    def set_format(self, key: str) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(key))

    def set_path(self, path: Path, *, overwrite_confirmed: bool = False) -> None:
        self.path_edit.setText(str(path))
        self._overwrite_confirmed = overwrite_confirmed

    def set_date_range(self, since: dt.date, until: dt.date) -> None:
        self.range_check.setChecked(True)
        self.since_edit.setDate(QDate(since.year, since.month, since.day))
        self.until_edit.setDate(QDate(until.year, until.month, until.day))

    def _update_range(self) -> None:
        # The reader picked the rows themselves: a date range would silently drop some.
        usable = not self.selected_radio.isChecked()
        self.range_check.setEnabled(usable)
        for edit in (self.since_edit, self.until_edit):
            edit.setEnabled(usable and self.range_check.isChecked())

    def _on_format_changed(self) -> None:
        text = self.path_edit.text().strip()
        path = Path(text) if text else self._default_path(self.format_key())
        if path.suffix.lower() in _SUFFIXES:
            path = path.with_suffix("")
        self.set_path(path.with_name(path.name + FORMATS[self.format_key()][2]))

    def _default_path(self, key: str) -> Path:
        name = f"newsreader-{dt.date.today():%Y-%m-%d}{FORMATS[key][2]}"
        return _start_folder(self._settings) / name

    def _on_path_edited(self) -> None:
        self._overwrite_confirmed = False

    def _browse(self) -> None:
        suffix = FORMATS[self.format_key()][2]
        pattern = f"*{suffix}" if suffix else "*"
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export Articles"),
            self.path_edit.text(),
            self.tr("%1 files (%2)").replace("%1", self.format_combo.currentText())
            .replace("%2", pattern),
        )  # fmt: skip
        if name:
            path = Path(name)
            if suffix and not path.suffix:
                path = path.with_suffix(suffix)
            # The file dialog already asked about replacing a file (not about a folder).
            self.set_path(path, overwrite_confirmed=bool(suffix))

    # -- exporting ------------------------------------------------------------------------
    def accept(self) -> None:
        """Export in the background; the dialog closes when the file is written."""
        if self._busy:
            return
        text = self.path_edit.text().strip()
        if not text:
            self.footer.show_error(self.tr("Choose where to save the export."))
            return
        path = Path(text).expanduser()
        if self.range_check.isChecked() and self.since_edit.date() > self.until_edit.date():
            self.footer.show_error(self.tr("The first date is after the last one."))
            return
        force = self._overwrite_confirmed or self._confirm_overwrite(path)
        if force is None:
            return
        self._start(path, force)

    def _confirm_overwrite(self, path: Path) -> bool | None:
        """False: nothing to replace; True: the reader agreed; None: the reader declined."""
        from newsreader.core import existing_targets

        fmt, per_article, _ = FORMATS[self.format_key()]
        found = [path] if fmt == "pdf" and path.exists() else []
        if fmt != "pdf":
            found = existing_targets(fmt, path, per_article=per_article)
        if not found:
            return False
        if per_article:
            text = self.tr("The folder %1 exists. Add the articles to it, replacing files "
                           "of the same name?")  # fmt: skip
        else:
            text = self.tr("%1 already exists. Replace it?")
        names = ", ".join(p.name for p in found)
        box = message_box(self, QMessageBox.Icon.Question, self.tr("Replace File?"),
                          text.replace("%1", names))  # fmt: skip
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return True if box.clickedButton() is replace else None

    def selection(self) -> Selection:
        """The library's ``entries_for_export`` arguments for the chosen selection."""
        choice: Selection = {"starred": self.starred_radio.isChecked()}
        if self.feed_radio.isChecked() and self._feed is not None:
            choice["feed_id"] = self._feed.id
        if self.range_check.isChecked():
            since = _day(self.since_edit.date())
            until = _day(self.until_edit.date()) + dt.timedelta(days=1)  # the whole last day
            choice["since"] = dt.datetime.combine(since, dt.time()).astimezone()
            choice["until"] = dt.datetime.combine(until, dt.time()).astimezone()
        return choice

    def _start(self, path: Path, force: bool) -> None:
        library, (fmt, per_article, _) = self._library, FORMATS[self.format_key()]
        selected = self._selected if self.selected_radio.isChecked() else None
        choice = self.selection()
        nothing = self.tr("No articles match this selection.")
        if choice == {"starred": True}:
            nothing = self.tr("There are no starred articles to export.")
        cancel = self._cancel = threading.Event()
        # No parent: the task's closure keeps it alive even if the dialog goes first.
        relay = self._relay = _ProgressRelay()
        relay.progress_changed.connect(self._on_progress)
        progress = relay.report

        def work() -> tuple[Path, int]:
            ids = selected if selected is not None else library.entries_for_export(**choice)
            if not ids:
                raise ExportError(nothing)
            if fmt == "pdf":
                from newsreader.ui.pdf_export import export_pdf

                entries = library.entries_by_id(ids, cancel=cancel)
                written = export_pdf(entries, path, force=force, progress=progress, cancel=cancel)
                return written, len(ids)
            written = library.export(ids, fmt, path, force=force, per_article=per_article,
                                     progress=progress, cancel=cancel)  # fmt: skip
            return written, len(ids)

        self._set_busy(True)
        run_task(work, self._on_done, self._on_failed, context=self)

    def _on_progress(self) -> None:
        latest = self._relay.take() if self._relay is not None else None
        if latest is not None:
            done, total = latest
            self.progress_bar.setRange(0, max(1, total))
            self.progress_bar.setValue(done)

    def reject(self) -> None:
        """Cancel: stop a running export (nothing is left behind), else close."""
        if self._busy and self._cancel is not None:
            self._cancel.set()
            self.progress_bar.setFormat(self.tr("Cancelling…"))
            return
        super().reject()

    def _on_done(self, result: object) -> None:
        self._set_busy(False)
        assert isinstance(result, tuple)
        path, count = result
        if self._settings is not None:
            self._settings.setValue(_FOLDER_KEY, str(Path(path).parent))
        self.export_finished.emit(path, count)
        super().accept()

    def _on_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, ExportCancelledError):
            self.footer.show_error(self.tr("Export cancelled; nothing was written."))
            return
        detail = str(exc) if isinstance(exc, NewsreaderError) else repr(exc)
        self.footer.show_error(self.tr("Export failed: %1").replace("%1", detail))

    def is_busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress_bar.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, 0)  # until the first article is done
            self.progress_bar.setFormat(self.tr("%v of %m articles"))
            self.footer.hide_error()
        self.footer.ok_button().setEnabled(not busy)
        for widget in (self.format_combo, self.path_edit, self.browse_button):
            widget.setEnabled(not busy)


def _day(date: QDate) -> dt.date:
    # Not QDate.toPython: its stub says it returns object.
    return dt.date(date.year(), date.month(), date.day())


def _start_folder(settings: QSettings | None) -> Path:
    """The folder of the last export while it exists; else Documents, when the system has
    one (the standard location is only a name: it need not exist); else the home folder."""
    last = settings.value(_FOLDER_KEY, "") if settings is not None else ""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (last, documents):
        if isinstance(folder, str) and folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()
