"""Compiled translations for UI tests: built from the .ts sources into a temporary folder, so
a test sees the current strings (the .qm files in resources are build products)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from newsreader.core.resources import resources_dir

SCRIPT = resources_dir().parent / "scripts" / "build-translations"


def build_translations(out: Path) -> Path:
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True,
                   capture_output=True)  # fmt: skip
    return out


@contextmanager
def translated(folder: Path, language: str) -> Iterator[QTranslator]:
    """Our translation of ``language`` ("en", "id") installed for the duration."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = QTranslator()
    assert translator.load(QLocale(language), "newsreader", "_", str(folder))
    app.installTranslator(translator)
    try:
        yield translator
    finally:
        app.removeTranslator(translator)
