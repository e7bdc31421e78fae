"""The desk's strings (keyboard, search, undo, filter) in Indonesian, the key editor's own
placeholder included, and the English plurals of the undo bar."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from newsreader.core.resources import resources_dir

SCRIPT = resources_dir().parent / "scripts" / "build-translations"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qm")
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True,
                   capture_output=True)  # fmt: skip
    return out


def test_indonesian_desk_strings(qapp, built: Path) -> None:
    translator = QTranslator()
    assert translator.load(QLocale("id_ID"), "newsreader", "_", str(built))
    assert translator.translate("KeyboardControls", "&Keyboard Shortcuts…") == (
        "&Pintasan Papan Ketik…"
    )
    assert translator.translate("SearchController", "Search results") == "Hasil pencarian"
    assert translator.translate("FilterBarWidget", "Unread only") == "Belum dibaca saja"
    marked = translator.translate("MarkAllReadController", "%n article(s) marked read", "", 3)
    assert marked == "%n artikel ditandai sudah dibaca"
    QCoreApplication.installTranslator(translator)
    try:  # Qt's own widget asks for its placeholder in its own context: ours answers
        assert QCoreApplication.translate("QKeySequenceEdit", "Press shortcut") == (
            "Tekan pintasan"
        )
    finally:
        QCoreApplication.removeTranslator(translator)


def test_english_plurals_of_the_undo_bar(built: Path) -> None:
    translator = QTranslator()
    assert translator.load(QLocale("en_US"), "newsreader", "_", str(built))
    source = "%n article(s) marked read"
    assert translator.translate("MarkAllReadController", source, "", 1) == "%n article marked read"
    assert translator.translate("MarkAllReadController", source, "", 5) == (
        "%n articles marked read"
    )
