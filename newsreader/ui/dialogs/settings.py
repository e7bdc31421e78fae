"""SettingsDialog: the reader's preferences.

Four tabs: General (interval, notifications, start at login, start minimised, tray), Storage
(retention, image cache), Network (proxy) and Appearance (language, theme). Values are checked
here with translated messages, then by the library (``core/settings.validate``); a refused
value shows in the dialog, which stays open. Saving runs in a task: a new proxy waits for a
running refresh. The language applies after a restart, and the dialog says so. Starting at
login is the desktop's autostart entry (``ui/autostart.py``), written when the dialog is
accepted.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from newsreader.core import RANGES, NewsreaderError, Settings, validate
from newsreader.ui.dialogs.form import FormFooter
from newsreader.ui.plain_text import plain_label
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import LibraryApi
    from newsreader.ui.autostart import Autostart

PROXY_KINDS = ("system", "none", "http", "socks5")
_SETTING_NAMES = {f.name for f in dataclasses.fields(Settings)}


def _spin(parent: QWidget, name: str, value: int, suffix: str = "", special: str = "") -> QSpinBox:
    """A spin box within the setting's bounds (core/settings.py RANGES)."""
    box = QSpinBox(parent)
    low, high = RANGES.get(name, (0, 1_000_000))
    box.setRange(int(low), int(high))
    box.setValue(value)
    box.setSuffix(suffix)
    _fixed(box)
    if special:
        box.setSpecialValueText(special)  # shown for the minimum, e.g. 0 = "Never"
    return box


def _form(page: QWidget) -> QFormLayout:
    form = QFormLayout(page)
    # Explanations take the width there is; numbers and choices keep theirs (_fixed).
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _fixed(widget: QWidget) -> QWidget:
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return widget


def _hint(parent: QWidget, text: str) -> QLabel:
    label = plain_label(parent, text)
    label.setWordWrap(True)
    return label


class SettingsDialog(QDialog):
    """Edits a copy of the library's settings; saves through ``Library.apply_settings``.

    Signals:
        settings_changed(object, object): the old and the new Settings, after saving.
    """

    settings_changed = Signal(object, object)

    def __init__(
        self,
        library: LibraryApi,
        parent: QWidget | None = None,
        *,
        tray_available: bool = True,
        autostart: Autostart | None = None,
    ) -> None:
        """``autostart``: the login entry the "Start when I log in" box edits; None where the
        platform has none (the box is left out)."""
        super().__init__(parent)
        self._library = library
        self._autostart = autostart
        self._original = library.settings
        self._busy = False
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(600)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._general_tab(tray_available), self.tr("General"))
        self.tabs.addTab(self._storage_tab(), self.tr("Storage"))
        self.tabs.addTab(self._network_tab(), self.tr("Network"))
        self.tabs.addTab(self._appearance_tab(), self.tr("Appearance"))
        self.footer = FormFooter(self, ok_text=self.tr("OK"), cancel_text=self.tr("Cancel"))
        self.error_label, self.buttons = self.footer.error_label, self.footer.buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.footer.add_to(layout)

    # -- tabs ------------------------------------------------------------------------------
    def _general_tab(self, tray_available: bool) -> QWidget:
        s, page = self._original, QWidget(self)
        self.interval_spin = _spin(page, "refresh_interval_minutes",
                                   s.refresh_interval_minutes, self.tr(" min"))  # fmt: skip
        self.notify_box = QCheckBox(self.tr("Show a notification when new articles arrive"), page)
        self.notify_box.setChecked(s.notifications)
        self.autostart_box: QCheckBox | None = None
        if self._autostart is not None:
            self.autostart_box = QCheckBox(self.tr("Start when I log in"), page)
            self.autostart_box.setChecked(self._autostart.enabled())
        self.start_minimised_box = QCheckBox(self.tr("Start minimised"), page)
        self.start_minimised_box.setChecked(s.start_minimised)
        self.tray_box = QCheckBox(self.tr("Minimise to the system tray"), page)
        self.tray_box.setChecked(s.minimise_to_tray)
        self.tray_box.setEnabled(tray_available)
        form = _form(page)
        form.addRow(self.tr("Update feeds every:"), self.interval_spin)
        form.addRow("", _hint(page, self.tr("A subscription may have its own interval "
                                            "(its Properties).")))  # fmt: skip
        form.addRow(self.tr("Notifications:"), self.notify_box)
        form.addRow("", _hint(page, self.tr("Choose the subscriptions to be notified about in "
                                            "their Properties.")))  # fmt: skip
        if self.autostart_box is not None:
            form.addRow(self.tr("Window:"), self.autostart_box)
            form.addRow("", self.start_minimised_box)
        else:
            form.addRow(self.tr("Window:"), self.start_minimised_box)
        form.addRow("", self.tray_box)
        if not tray_available:
            form.addRow("", _hint(page, self.tr("This desktop has no system tray.")))
        return page

    def _storage_tab(self) -> QWidget:
        s, page = self._original, QWidget(self)
        form = _form(page)
        self.keep_days_spin = _spin(page, "keep_days", s.keep_days, self.tr(" days"),
                                    self.tr("Keep forever"))  # fmt: skip
        form.addRow(self.tr("Delete articles older than:"), self.keep_days_spin)
        self.keep_per_feed_spin: QSpinBox | None = None
        if "keep_per_feed" in _SETTING_NAMES:  # retention by count (core/storage/retention.py)
            value = int(getattr(s, "keep_per_feed", 0))
            self.keep_per_feed_spin = _spin(page, "keep_per_feed", value, self.tr(" articles"),
                                            self.tr("No limit"))  # fmt: skip
            form.addRow(self.tr("Keep per subscription at most:"), self.keep_per_feed_spin)
        form.addRow("", _hint(page, self.tr("Starred articles are never removed.")))
        self.image_cache_spin = _spin(page, "image_cache_mb", s.image_cache_mb, self.tr(" MB"))
        form.addRow(self.tr("Image cache size:"), self.image_cache_spin)
        cache_hint = self.tr(
            "Past this size the pictures read longest ago are removed; those of starred "
            "articles stay."
        )
        form.addRow("", _hint(page, cache_hint))
        return page

    def _network_tab(self) -> QWidget:
        page = QWidget(self)
        form = _form(page)
        self.proxy_combo = QComboBox(page)
        _fixed(self.proxy_combo)
        for kind, text in zip(PROXY_KINDS, (self.tr("Use the system settings"),
                              self.tr("No proxy"), self.tr("HTTP proxy"),
                              self.tr("SOCKS5 proxy")), strict=True):  # fmt: skip
            self.proxy_combo.addItem(text, kind)
        self.proxy_host_edit = QLineEdit(page)
        self.proxy_host_edit.setMinimumWidth(280)
        self.proxy_host_edit.setPlaceholderText("proxy.example.co.id")  # a name, not words
        self.proxy_port_spin = QSpinBox(page)
        _fixed(self.proxy_port_spin)
        self.proxy_port_spin.setRange(1, 65535)
        kind, host, port = proxy_parts(self._original)
        self.proxy_combo.setCurrentIndex(PROXY_KINDS.index(kind))
        self.proxy_host_edit.setText(host)
        self.proxy_port_spin.setValue(port)
        self.proxy_combo.currentIndexChanged.connect(self._on_proxy_kind)
        self._on_proxy_kind()
        form.addRow(self.tr("Proxy:"), self.proxy_combo)
        form.addRow(self.tr("Host:"), self.proxy_host_edit)
        form.addRow(self.tr("Port:"), self.proxy_port_spin)
        return page

    def _appearance_tab(self) -> QWidget:
        s, page = self._original, QWidget(self)
        form = _form(page)
        self.language_combo = QComboBox(page)
        _fixed(self.language_combo)
        self.language_combo.addItem(self.tr("System language"), "")
        self.language_combo.addItem("English", "en")  # each language in its own name
        self.language_combo.addItem("Bahasa Indonesia", "id")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(s.language)))
        self.theme_combo = QComboBox(page)
        _fixed(self.theme_combo)
        self.theme_combo.addItem(self.tr("Follow the system"), "system")
        self.theme_combo.addItem(self.tr("Light"), "light")
        self.theme_combo.addItem(self.tr("Dark"), "dark")
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(s.theme)))
        form.addRow(self.tr("Language:"), self.language_combo)
        form.addRow("", _hint(page, self.tr("A new language shows after Newsreader is restarted.")))
        form.addRow(self.tr("Theme:"), self.theme_combo)
        return page

    def _on_proxy_kind(self) -> None:
        manual = self.proxy_combo.currentData() in ("http", "socks5")
        self.proxy_host_edit.setEnabled(manual and not self._busy)
        self.proxy_port_spin.setEnabled(manual and not self._busy)

    # -- values ----------------------------------------------------------------------------
    def chosen(self) -> Settings:
        """The settings as the dialog shows them (not checked)."""
        kind = str(self.proxy_combo.currentData())
        host = self.proxy_host_edit.text().strip()
        manual = kind in ("http", "socks5")
        proxy = f"{kind}://{host}:{self.proxy_port_spin.value()}" if manual else ""
        per_feed = self.keep_per_feed_spin
        return dataclasses.replace(
            self._original,
            refresh_interval_minutes=self.interval_spin.value(),
            notifications=self.notify_box.isChecked(),
            start_minimised=self.start_minimised_box.isChecked(),
            minimise_to_tray=self.tray_box.isChecked(),
            keep_days=self.keep_days_spin.value(),
            image_cache_mb=self.image_cache_spin.value(),
            proxy=proxy,
            proxy_mode={"system": "system", "none": "none"}.get(kind, "manual"),
            language=str(self.language_combo.currentData()),
            theme=str(self.theme_combo.currentData()),
            keep_per_feed=self._original.keep_per_feed if per_feed is None else per_feed.value(),
        )

    def problems(self) -> list[str]:
        """What is wrong with the values, in the reader's language where we can tell."""
        proxy = self._proxy_problem()
        return [proxy] if proxy else validate(self.chosen())  # else: the library's words

    def _proxy_problem(self) -> str:
        if self.proxy_combo.currentData() not in ("http", "socks5"):
            return ""
        host = self.proxy_host_edit.text().strip()
        if not host:
            return self.tr("Enter the proxy's host name or address.")
        if any(c.isspace() or c in "/@?#" for c in host):
            return self.tr("“%1” is not a host name or address.").replace("%1", host)
        return ""

    # -- saving ----------------------------------------------------------------------------
    def accept(self) -> None:
        if self._busy:
            return
        problems = self.problems()
        if problems:
            if self._proxy_problem() or any(p.startswith("proxy") for p in problems):
                self.tabs.setCurrentIndex(2)  # show where the problem is
                self.proxy_host_edit.setFocus()
            self.footer.show_error("\n".join(problems))
            return
        if not self._apply_autostart():
            return
        new = self.chosen()
        if new == self._original:
            super().accept()
            return
        self._set_busy(True)
        library = self._library

        def save() -> object:
            try:
                library.apply_settings(new)
            except ValueError as exc:  # the library's refusal: the reader's to fix
                return exc
            return new

        run_task(save, self._on_saved, self._on_failed, context=self)

    def _apply_autostart(self) -> bool:
        """Write or remove the login entry as the box says (a small file: at once); False
        when the system refused, which the dialog then says."""
        box, autostart = self.autostart_box, self._autostart
        if box is None or autostart is None or box.isChecked() == autostart.enabled():
            return True
        try:
            autostart.set_enabled(box.isChecked())
        except OSError as exc:
            self.footer.show_error(self.tr("Could not change the start at login: %1")
                                   .replace("%1", str(exc)))  # fmt: skip
            return False
        return True

    def _on_saved(self, result: object) -> None:
        self._set_busy(False)
        if isinstance(result, ValueError):
            self.footer.show_error(self.tr("Could not save: %1").replace("%1", str(result)))
            return
        self.settings_changed.emit(self._original, result)
        super().accept()

    def _on_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        detail = str(exc) if isinstance(exc, NewsreaderError) else repr(exc)
        self.footer.show_error(self.tr("Could not save: %1").replace("%1", detail))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.tabs.setEnabled(not busy)
        self.footer.ok_button().setEnabled(not busy)
        if busy:
            self.footer.hide_error()

    def is_busy(self) -> bool:
        return self._busy


def proxy_parts(settings: Settings) -> tuple[str, str, int]:
    """(kind of PROXY_KINDS, host, port) that a dialog shows for the settings' proxy."""
    if settings.proxy_mode == "none":
        return "none", "", 8080
    if not settings.proxy:
        return "system", "", 8080
    parts = urlsplit(settings.proxy)
    kind = "socks5" if parts.scheme.startswith("socks") else "http"
    try:
        port = parts.port or (1080 if kind == "socks5" else 8080)
    except ValueError:
        port = 8080
    return kind, parts.hostname or "", port
