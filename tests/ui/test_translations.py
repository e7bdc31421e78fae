"""The Indonesian translation is complete, current, and builds into a loadable .qm."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from newsreader.core.resources import resources_dir

TRANSLATIONS = resources_dir() / "translations"
SCRIPT = resources_dir().parent / "scripts" / "build-translations"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name", ""), msg.findtext("source", "")): msg
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("qm")
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True,
                   capture_output=True)  # fmt: skip
    return out


def test_every_indonesian_message_is_translated() -> None:
    messages = _messages(TRANSLATIONS / "newsreader_id.ts")
    assert len(messages) > 100
    for key, msg in messages.items():
        translation = msg.find("translation")
        assert translation is not None and translation.get("type") is None, key
        text = "".join(translation.itertext()).strip()
        assert text, key
        for placeholder in ("%1", "%2", "%n", "{author}", "{origin}", "{name}"):
            assert (placeholder in key[1]) == (placeholder in text), (key, placeholder)


def test_the_translation_covers_every_string_of_the_ui(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (resources_dir().parent / "newsreader" / "ui").rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    assert set(_messages(fresh)) == set(_messages(TRANSLATIONS / "newsreader_id.ts"))


def test_the_built_qm_translates_the_interface(built: Path) -> None:
    translator = QTranslator()
    assert translator.load(QLocale("id_ID"), "newsreader", "_", str(built))
    assert translator.translate("ActionSet", "&Refresh") == "&Segarkan"
    assert translator.translate("FeedTreeModel", "Starred") == "Berbintang"
    assert translator.translate("FeedTreeModel", "Unread") == "Belum dibaca"
    assert translator.translate("FeedTreeModel", "Today") == "Hari ini"
    assert translator.translate("ArticleViewWidget", "Related") == "Baca Juga"
    assert translator.translate("ActionSet", "Mark &All as Read") == "Tandai &Semua Sudah Dibaca"


def test_english_plurals(built: Path) -> None:
    translator = QTranslator()
    assert translator.load(QLocale("en_US"), "newsreader", "_", str(built))
    source = "Exported %n article(s) to %1"
    assert translator.translate("FeedController", source, "", 1) == "Exported %n article to %1"
    assert translator.translate("FeedController", source, "", 3) == "Exported %n articles to %1"


def test_indonesian_keyboard_search_and_undo_strings(qapp, built: Path) -> None:
    """The key editor's own placeholder included."""
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
