"""ExportDialog: save starred or selected articles as HTML, Markdown or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from newsreader.core.errors import ExportError, NewsreaderError
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core.library import ExportFormat, Library

_SUFFIXES: dict[str, str] = {"html": ".html", "md": ".md", "json": ".json"}


class ExportDialog(QDialog):
    """What to export, in which format, where; the export itself runs in a task.

    Signals:
        export_finished(object, int): the written path and the number of articles.
    """

    export_finished = Signal(object, int)

    def __init__(
        self, library: Library, selected_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._selected = list(selected_ids)
        self._busy = False
        self._overwrite_confirmed = False
        self.setWindowTitle(self.tr("Export Articles"))
        self.setMinimumWidth(540)
        self.starred_radio = QRadioButton(self.tr("Starred articles"), self)
        self.selected_radio = QRadioButton(
            self.tr("Selected articles (%n)", "", len(self._selected)), self
        )
        self.selected_radio.setEnabled(bool(self._selected))
        group = QButtonGroup(self)
        group.addButton(self.starred_radio)
        group.addButton(self.selected_radio)
        (self.selected_radio if self._selected else self.starred_radio).setChecked(True)
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(self.tr("HTML (web page)"), "html")
        self.format_combo.addItem(self.tr("Markdown"), "md")
        self.format_combo.addItem(self.tr("JSON"), "json")
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.path_edit = QLineEdit(str(_default_path("html")), self)
        self.path_edit.textEdited.connect(self._on_path_edited)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c5221f;")
        self.error_label.hide()
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        # Qt ships no Indonesian for its standard buttons: name Cancel ourselves.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout(browse)

    def _layout(self, browse: QPushButton) -> None:
        what = QVBoxLayout()
        what.addWidget(self.starred_radio)
        what.addWidget(self.selected_radio)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Export:"), what)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Save to:"), where)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)

    def fmt(self) -> ExportFormat:
        value = self.format_combo.currentData()
        assert value in _SUFFIXES
        return value  # type: ignore[no-any-return]

    def set_path(self, path: Path, *, overwrite_confirmed: bool = False) -> None:
        self.path_edit.setText(str(path))
        self._overwrite_confirmed = overwrite_confirmed

    def _on_format_changed(self) -> None:
        path = Path(self.path_edit.text().strip() or _default_path(self.fmt()))
        if path.suffix.lower() in _SUFFIXES.values():
            self.set_path(path.with_suffix(_SUFFIXES[self.fmt()]))

    def _on_path_edited(self) -> None:
        self._overwrite_confirmed = False

    def _browse(self) -> None:
        suffix = _SUFFIXES[self.fmt()]
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export Articles"),
            self.path_edit.text(),
            self.tr("%1 files (*%2)").replace("%1", self.format_combo.currentText())
            .replace("%2", suffix),
        )  # fmt: skip
        if name:
            path = Path(name)
            # The file dialog already asked about overwriting.
            self.set_path(
                path if path.suffix else path.with_suffix(suffix), overwrite_confirmed=True
            )

    def accept(self) -> None:
        """Export in the background; the dialog closes when the file is written."""
        if self._busy:
            return
        text = self.path_edit.text().strip()
        if not text:
            self._show_error(self.tr("Choose where to save the export."))
            return
        path = Path(text).expanduser()
        force = self._overwrite_confirmed
        if path.exists() and not force:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Replace File?"),
                              self.tr("%1 already exists. Replace it?").replace("%1", path.name),
                              parent=self)  # fmt: skip
            replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not replace:
                return
            force = True
        self._start(path, force)

    def _start(self, path: Path, force: bool) -> None:
        library, fmt = self._library, self.fmt()
        selected = self._selected if self.selected_radio.isChecked() else None
        nothing = self.tr("There are no starred articles to export.")

        def work() -> tuple[Path, int]:
            ids = selected
            if ids is None:
                ids = [row.id for row in library.entries(view="starred")]
            if not ids:
                raise ExportError(nothing)
            return library.export(ids, fmt, path, force=force), len(ids)

        self._set_busy(True)
        run_task(work, self._on_done, self._on_failed, context=self)

    def _on_done(self, result: object) -> None:
        self._set_busy(False)
        assert isinstance(result, tuple)
        path, count = result
        self.export_finished.emit(path, count)
        super().accept()

    def _on_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        detail = str(exc) if isinstance(exc, NewsreaderError) else repr(exc)
        self._show_error(self.tr("Export failed: %1").replace("%1", detail))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        if busy:
            self.error_label.hide()


def _default_path(fmt: str) -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = f"newsreader-{date.today():%Y-%m-%d}{_SUFFIXES[fmt]}"
    return Path(folder or Path.home()) / name
