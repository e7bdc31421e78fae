"""FeedPropertiesDialog: what a subscription is, and its own title, folder, update settings,
retention and notices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsreader.core import Feed, NewsreaderError
from newsreader.ui.dates import format_long, to_qdatetime
from newsreader.ui.dialogs.form import FormFooter
from newsreader.ui.plain_text import link_label, plain_label, plain_title
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import LibraryApi

# The library's bounds for a feed's own interval: a minute to a week.
MIN_INTERVAL, MAX_INTERVAL = 1, 7 * 24 * 60
_COPIED_MS = 1500


class FeedPropertiesDialog(QDialog):
    """Shows a feed's address, kind and schedule; edits its title, folder, update interval,
    full-article fetching, retention and notices. Saving runs in a task; the library's refusal
    shows in the dialog.

    Signals:
        feed_changed(object): the updated Feed, just before the dialog closes.
    """

    feed_changed = Signal(object)

    def __init__(
        self,
        library: LibraryApi,
        feed: Feed,
        folders: Sequence[str],
        parent: QWidget | None = None,
        *,
        default_interval: int,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._feed = feed
        self._default_interval = default_interval
        self._busy = False
        title = self.tr("Properties: %1").replace("%1", feed.title or feed.url)
        self.setWindowTitle(plain_title(title))
        self.setMinimumWidth(560)
        # One form, so the labels of the settings and of the facts line up.
        self.form = QFormLayout()
        self._build_edits(folders)
        self.form.addRow(_separator(self))
        self._build_info()
        self.footer = FormFooter(self, ok_text=self.tr("OK"), cancel_text=self.tr("Cancel"))
        self.error_label, self.buttons = self.footer.error_label, self.footer.buttons
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.footer.add_to(layout)

    # -- construction ----------------------------------------------------------------------
    def _build_edits(self, folders: Sequence[str]) -> None:
        feed = self._feed
        self.title_edit = QLineEdit(feed.title, self)
        self.title_edit.setPlaceholderText(self.tr("The feed's own title"))
        self.folder_combo = QComboBox(self)
        self.folder_combo.setEditable(True)
        self.folder_combo.addItems(["", *sorted(set(folders) - {""}, key=str.lower)])
        self.folder_combo.setCurrentText(feed.folder)
        folder_edit = self.folder_combo.lineEdit()
        assert folder_edit is not None  # editable combo
        folder_edit.setPlaceholderText(self.tr("No folder"))
        self.interval_spin = QSpinBox(self)
        self.interval_spin.setRange(MIN_INTERVAL, MAX_INTERVAL)
        self.interval_spin.setSuffix(self.tr(" min"))
        self.interval_spin.setValue(feed.interval_minutes or self._default_interval)
        self.default_interval_box = QCheckBox(
            self.tr("Default (%1 min)").replace("%1", str(self._default_interval)), self
        )
        self.default_interval_box.toggled.connect(self._on_default_toggled)
        self.default_interval_box.setChecked(feed.interval_minutes is None)
        self._on_default_toggled(feed.interval_minutes is None)
        interval_row = QHBoxLayout()
        interval_row.addWidget(self.interval_spin)
        interval_row.addWidget(self.default_interval_box, 1)
        self.full_article_combo = QComboBox(self)
        self.full_article_combo.addItem(self.tr("Automatic"), None)
        self.full_article_combo.addItem(self.tr("Always"), True)
        self.full_article_combo.addItem(self.tr("Never"), False)
        self.full_article_combo.setCurrentIndex(self.full_article_combo.findData(feed.full_article))
        self.full_article_hint = _hint_label(self)
        self.full_article_combo.currentIndexChanged.connect(self._explain_full_article)
        self._explain_full_article()
        form = self.form
        form.addRow(self.tr("Title:"), self.title_edit)
        form.addRow(self.tr("Folder:"), self.folder_combo)
        form.addRow(self.tr("Update every:"), interval_row)
        form.addRow(self.tr("Full articles:"), self.full_article_combo)
        form.addRow("", self.full_article_hint)
        self._build_retention()
        # Desktop notifications are opt-in per feed, kept on the feed.
        self.notify_box = QCheckBox(self.tr("Show a notification for its new articles"), self)
        self.notify_box.setChecked(feed.notify)
        form.addRow(self.tr("Notifications:"), self.notify_box)

    def _build_retention(self) -> None:
        """Per-feed retention: its own limits, or the Settings' defaults."""
        settings = self._library.settings
        self.keep_days_spin, self.keep_days_default, days_row = self._limit_row(
            self._feed.keep_days, settings.keep_days, 36_500, self.tr(" days")
        )
        self.keep_count_spin, self.keep_count_default, count_row = self._limit_row(
            self._feed.keep_per_feed, settings.keep_per_feed, 1_000_000, self.tr(" articles")
        )
        self.form.addRow(self.tr("Keep articles for:"), days_row)
        self.form.addRow(self.tr("Keep at most:"), count_row)
        self.form.addRow("", _hint_label(self, self.tr("Starred articles are always kept.")))

    def _limit_row(
        self, own: int | None, default: int, maximum: int, suffix: str
    ) -> tuple[QSpinBox, QCheckBox, QHBoxLayout]:
        spin = QSpinBox(self)
        spin.setRange(0, maximum)
        spin.setSuffix(suffix)
        spin.setSpecialValueText(self.tr("no limit"))  # 0
        spin.setValue(own if own is not None else default)
        shown = self.tr("no limit") if default == 0 else f"{default}{suffix}"
        box = QCheckBox(self.tr("Default (%1)").replace("%1", shown), self)
        box.toggled.connect(lambda checked: spin.setEnabled(not checked and not self._busy))

        def show_default(checked: bool) -> None:
            if checked:
                spin.setValue(default)

        box.toggled.connect(show_default)
        box.setChecked(own is None)
        spin.setEnabled(own is not None)
        row = QHBoxLayout()
        row.addWidget(spin)
        row.addWidget(box, 1)
        return spin, box, row

    def _build_info(self) -> None:
        feed = self._feed
        self.url_edit = QLineEdit(feed.url, self)
        self.url_edit.setReadOnly(True)
        self.url_edit.setCursorPosition(0)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy the feed address"))
        self.copy_button.clicked.connect(self.copy_url)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url_edit, 1)
        url_row.addWidget(self.copy_button)
        self.site_label = link_label(self, feed.site_url, feed.site_url or self.tr("Unknown"))
        _make_info(self.site_label)
        self.kind_label = _info_label(self, self._kind_text(feed.kind))
        self.last_update_label = _info_label(self, self._when(feed.last_fetched, past=True))
        self.next_check_label = _info_label(self, self._when(feed.next_fetch, past=False))
        self.last_error_label = _info_label(self, feed.error)
        self.last_error_label.setStyleSheet("color: #c5221f;")
        form = self.form
        form.addRow(self.tr("Feed address:"), url_row)
        form.addRow(self.tr("Web site:"), self.site_label)
        form.addRow(self.tr("Kind:"), self.kind_label)
        form.addRow(self.tr("Last updated:"), self.last_update_label)
        form.addRow(self.tr("Next check:"), self.next_check_label)
        form.addRow(self.tr("Last error:"), self.last_error_label)
        form.setRowVisible(self.last_error_label, bool(feed.error))

    def _kind_text(self, kind: str) -> str:
        if kind == "feed":
            return self.tr("Feed (RSS or Atom)")
        if kind == "index":
            return self.tr("Index page (the site has no feed: articles are read from its links)")
        return self.tr("Not known yet (the next update finds out)")

    def _when(self, value: datetime | None, *, past: bool) -> str:
        if past:
            return format_long(value) if value is not None else self.tr("Never")
        if value is None or to_qdatetime(value) <= QDateTime.currentDateTime():
            return self.tr("Due now")
        return format_long(value)

    # -- reactions ---------------------------------------------------------------------------
    def _on_default_toggled(self, checked: bool) -> None:
        self.interval_spin.setEnabled(not checked and not self._busy)
        if checked:
            self.interval_spin.setValue(self._default_interval)

    def _explain_full_article(self) -> None:
        choice = self.full_article_combo.currentData()
        if choice is None:
            text = self.tr(
                "Downloads each article's page when the site has a rule, the subscription is "
                "an index page, or the feed carries only summaries."
            )
        elif choice:
            text = self.tr("Downloads each article's page and keeps the whole text.")
        else:
            text = self.tr("Keeps only what the feed itself carries.")
        self.full_article_hint.setText(text)

    def copy_url(self) -> None:
        QGuiApplication.clipboard().setText(self._feed.url)
        self.copy_button.setText(self.tr("Copied"))
        QTimer.singleShot(_COPIED_MS, self, lambda: self.copy_button.setText(self.tr("Copy")))

    # -- saving ------------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._busy

    def changes(self) -> dict[str, object]:
        """The options the reader changed, as ``set_feed_options`` keyword arguments."""
        feed = self._feed
        changes: dict[str, object] = {}
        title = self.title_edit.text().strip()
        if title != feed.title:
            changes["title"] = title
        folder = self.folder_combo.currentText().strip()
        if folder != feed.folder:
            changes["folder"] = folder
        interval = None if self.default_interval_box.isChecked() else self.interval_spin.value()
        if interval != feed.interval_minutes:
            changes["interval_minutes"] = interval
        full_article = self.full_article_combo.currentData()
        if full_article != feed.full_article:
            changes["full_article"] = full_article
        for name, spin, box in (
            ("keep_days", self.keep_days_spin, self.keep_days_default),
            ("keep_per_feed", self.keep_count_spin, self.keep_count_default),
        ):
            value = None if box.isChecked() else spin.value()
            if value != getattr(feed, name):
                changes[name] = value
        if self.notify_box.isChecked() != feed.notify:
            changes["notify"] = self.notify_box.isChecked()
        return changes

    def accept(self) -> None:
        """Save what changed in the background; close when the library took it."""
        if self._busy:
            return
        changes = self.changes()
        if not changes:
            super().accept()
            return
        self._set_busy(True)
        library, feed_id = self._library, self._feed.id

        def save() -> object:
            try:
                return library.set_feed_options(feed_id, **changes)  # type: ignore[arg-type]
            except ValueError as exc:  # a value the library refuses: the reader's to fix
                return exc

        run_task(save, self._on_saved, self._on_failed, context=self)

    def _on_saved(self, result: object) -> None:
        self._set_busy(False)
        if isinstance(result, ValueError):
            self.footer.show_error(self.tr("Could not save: %1").replace("%1", str(result)))
            return
        assert isinstance(result, Feed)
        self.feed_changed.emit(result)
        super().accept()

    def _on_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        detail = str(exc) if isinstance(exc, NewsreaderError) else repr(exc)
        self.footer.show_error(self.tr("Could not save: %1").replace("%1", detail))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.title_edit, self.folder_combo, self.default_interval_box,
                       self.full_article_combo, self.notify_box):  # fmt: skip
            widget.setEnabled(not busy)
        self.interval_spin.setEnabled(not busy and not self.default_interval_box.isChecked())
        for spin, box in ((self.keep_days_spin, self.keep_days_default),
                          (self.keep_count_spin, self.keep_count_default)):  # fmt: skip
            box.setEnabled(not busy)
            spin.setEnabled(not busy and not box.isChecked())
        self.footer.ok_button().setEnabled(not busy)
        if busy:
            self.footer.hide_error()


def _info_label(parent: QWidget, text: str) -> QLabel:
    """A read-only value the reader can select and copy."""
    return _make_info(plain_label(parent, text))


def _make_info(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    flags = Qt.TextInteractionFlag.TextSelectableByMouse
    if label.openExternalLinks():  # the web site (link_label): only web addresses are links
        flags |= Qt.TextInteractionFlag.LinksAccessibleByMouse
    label.setTextInteractionFlags(flags)
    return label


def _hint_label(parent: QWidget, text: str = "") -> QLabel:
    # Normal text colour: the explanation matters, a faded grey would be hard to read.
    label = plain_label(parent, text)
    label.setWordWrap(True)
    return label


def _separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
