"""The interface language: the system's, or the one chosen in Settings.

The chosen locale becomes Qt's default, so dates follow it everywhere (``ui/dates.py`` uses
``QLocale()``: "Senin, 26 Oktober 2020 11.26" in Indonesian), and our translation and Qt's
own are installed for it. It is read once at start: a change applies after a restart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

LOCALES = {"en": "en_US", "id": "id_ID"}


def ui_locale(language: str) -> QLocale:
    """The locale of a Settings language ("" is the system's)."""
    name = LOCALES.get(language)
    return QLocale(name) if name else QLocale.system()


def apply_language(
    app: QApplication, language: str, folder: Path | None = None
) -> list[QTranslator]:
    """Make ``language`` the interface's: the default locale and the translators."""
    from newsreader.ui.app import install_translators  # app imports the whole window

    locale = ui_locale(language)
    QLocale.setDefault(locale)
    log.info("interface language: %s", locale.name())
    return install_translators(app, locale, folder)
