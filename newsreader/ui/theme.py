"""Light and dark themes of the application.

By default the window follows the desktop's colour scheme (Qt 6.5+ ``QStyleHints.colorScheme``)
and changes with it; an explicit choice in Settings overrides. Dark uses the Fusion style with
a dark palette, which looks alike on every platform; light goes back to the platform's own
style and palette (Fusion with a light palette when the desktop itself is dark). The article
pane listens to ``scheme_changed`` when its theme is "follow the app" (ui/controllers/reading.py).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

CHOICES = ("system", "light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e4e4e4",
    QPalette.ColorRole.Base: "#1f2023",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#3a3d41",
    QPalette.ColorRole.ToolTipText: "#e4e4e4",
    QPalette.ColorRole.PlaceholderText: "#8d9096",
    QPalette.ColorRole.Text: "#e4e4e4",
    QPalette.ColorRole.Button: "#33363a",
    QPalette.ColorRole.ButtonText: "#e4e4e4",
    QPalette.ColorRole.BrightText: "#ff8a80",
    QPalette.ColorRole.Light: "#45484d",
    QPalette.ColorRole.Midlight: "#3a3d41",
    QPalette.ColorRole.Mid: "#2f3235",
    QPalette.ColorRole.Dark: "#161719",
    QPalette.ColorRole.Shadow: "#0b0c0d",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#efefef",
    QPalette.ColorRole.WindowText: "#1f1f1f",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f5f5f5",
    QPalette.ColorRole.ToolTipBase: "#ffffdc",
    QPalette.ColorRole.ToolTipText: "#1f1f1f",
    QPalette.ColorRole.PlaceholderText: "#75787d",
    QPalette.ColorRole.Text: "#1f1f1f",
    QPalette.ColorRole.Button: "#efefef",
    QPalette.ColorRole.ButtonText: "#1f1f1f",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e3e3e3",
    QPalette.ColorRole.Mid: "#b8b8b8",
    QPalette.ColorRole.Dark: "#9f9f9f",
    QPalette.ColorRole.Shadow: "#767676",
    QPalette.ColorRole.Highlight: "#308cc6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#1a5fb4",
    QPalette.ColorRole.LinkVisited: "#7a3fb0",
}
# Disabled text is dimmed in both schemes, or greyed-out commands would look enabled.
_DISABLED = {"dark": "#7c7f85", "light": "#a0a0a0"}


def make_palette(dark: bool) -> QPalette:
    palette = QPalette()
    for role, color in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(color))
    dim = QColor(_DISABLED["dark" if dark else "light"])
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, dim)
    return palette


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ThemeManager(QObject):
    """Applies the theme choice to the application and follows the desktop's scheme.

    Signals:
        scheme_changed(bool): the application turned dark (True) or light (False).
    """

    scheme_changed = Signal(bool)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._choice = "system"
        self._native_style = app.style().name()
        self._dark = palette_is_dark(app.palette())
        self._custom = False  # our palette is set (else the desktop's is in use)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_changed)

    def choice(self) -> str:
        return self._choice

    def is_dark(self) -> bool:
        return self._dark

    def apply(self, choice: str) -> None:
        """Use ``choice`` ("system", "light" or "dark"; anything else counts as "system")."""
        if choice not in CHOICES:
            log.warning("unknown theme %r: following the system", choice)
            choice = "system"
        self._choice = choice
        system_dark = system_is_dark()
        dark = choice == "dark" or (choice == "system" and system_dark)
        if dark or system_dark:
            # Fusion draws from the palette alone: the same dark (or forced light) look
            # on every platform, where native styles would mix in the desktop's colours.
            self._set_style("fusion")
            self._app.setPalette(make_palette(dark))
            self._custom = True
        elif self._custom:
            # Back to what the desktop gives (its style and palette, KDE colours and all).
            self._set_style(self._native_style)
            self._app.setPalette(QPalette())
            self._custom = False
        changed = dark != self._dark
        self._dark = dark
        if changed:
            self.scheme_changed.emit(dark)

    def _set_style(self, name: str) -> None:
        if self._app.style().name().lower() != name.lower():
            self._app.setStyle(name)

    def _on_system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._choice == "system":
            self.apply("system")


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


_MANAGER: list[ThemeManager] = []


def theme_manager() -> ThemeManager:
    """The application's ThemeManager (made on first use; needs a QApplication)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if not _MANAGER or _MANAGER[0].parent() is not app:
        _MANAGER[:] = [ThemeManager(app)]
    return _MANAGER[0]


def app_is_dark() -> bool:
    """Whether the application looks dark now (without making a manager)."""
    if _MANAGER:
        return _MANAGER[0].is_dark()
    app = QApplication.instance()
    return isinstance(app, QApplication) and palette_is_dark(app.palette())
