"""The interface language: the system's, or the one chosen in Settings.

The chosen locale becomes Qt's default, so dates follow it everywhere (``ui/dates.py`` uses
``QLocale()``: "Senin, 26 Oktober 2020 11.26" in Indonesian), and our translation and Qt's
own are installed for it. It is read once at start: a change applies after a restart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from newsreader.core import resources_dir

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
    locale = ui_locale(language)
    QLocale.setDefault(locale)
    log.info("interface language: %s", locale.name())
    return install_translators(app, locale, folder)


def install_translators(
    app: QApplication, locale: QLocale, folder: Path | None = None
) -> list[QTranslator]:
    """Qt's own strings and ours for the reader's language, where a .qm file exists.

    Our .qm files are built from resources/translations/*.ts by scripts/build-translations
    at install time; without them the interface stays in English.
    """
    installed = []
    sources = (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("newsreader", str(folder or resources_dir() / "translations")),
    )
    for name, directory in sources:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", directory):
            app.installTranslator(translator)
            installed.append(translator)
            log.debug("loaded translation %s", translator.filePath())
    return installed
