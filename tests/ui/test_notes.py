"""The article pane's info line in the reader's language: extraction path, reason, labels.

The core stores its notes in English; the pane translates the known phrases.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from newsreader.core.resources import resources_dir
from newsreader.ui.controllers.reading import ReadingControls
from newsreader.ui.notes import translate_note
from newsreader.ui.widgets.article_view import ArticleViewWidget
from tests.helpers.fakes import RELATED_STORED_URL, FakeLibrary

UPDATED_ID = 3  # the fake's updated article


def test_notes_in_english_keep_their_words() -> None:
    note = "site rule elshinta: body not found; generic: body too short (80 characters)"
    assert translate_note(note) == (
        "site rule elshinta: body not found; generic reader: body too short (80 characters)"
    )
    assert translate_note("something new: HTTP 418") == "something new: HTTP 418"


@pytest.fixture
def indonesian(tmp_path: Path) -> Iterator[None]:
    script = resources_dir().parent / "scripts" / "build-translations"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True,
                   capture_output=True)  # fmt: skip
    translator = QTranslator()
    assert translator.load(str(tmp_path / "newsreader_id.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_pane_speaks_indonesian(
    indonesian: None, qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    view = ArticleViewWidget(fake_library.data_dir)
    qtbot.addWidget(view)
    ReadingControls(view, settings, fake_library)  # type: ignore[arg-type]
    base = fake_library.entry(1)
    view.show_entry(
        replace(base, extraction="generic", extraction_note="site rule elshinta: body not found"),
        cached_urls={RELATED_STORED_URL},
    )
    text = view.toPlainText()
    # The generic reader found the whole text: the header does not say how.
    assert "Ekstraksi umum" not in text and "aturan situs" not in text
    assert "Baca Juga" in text and "tersimpan luring" in text
    note = "page could not be fetched: HTTP 404 Not Found; generic: no article body found"
    view.show_entry(replace(base, extraction="summary", extraction_note=note))
    assert (
        "Hanya ringkasan dari umpan (halaman tidak dapat diambil: HTTP 404 Not Found; "
        "pembaca umum: isi artikel tidak ditemukan)"
    ) in view.toPlainText()
    view.show_entry(fake_library.entry(UPDATED_ID))
    assert "Diperbarui " in view.toPlainText() and "Lihat perubahan" in view.toPlainText()
