"""The interface language: the system's unless Settings choose one; dates in that language
."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from newsreader.ui.dates import format_long
from newsreader.ui.language import apply_language, ui_locale
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import NodeKey
from tests.helpers.fakes import FakeLibrary
from tests.helpers.translations import build_translations

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_translations(tmp_path_factory.mktemp("qm"))


@pytest.fixture
def indonesian(qapp: QApplication, built: Path) -> Iterator[None]:
    before = QLocale()
    translators = apply_language(qapp, "id", built)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def test_the_setting_names_a_locale_and_empty_is_the_systems() -> None:
    assert ui_locale("id").name() == "id_ID"
    assert ui_locale("en").name() == "en_US"
    assert ui_locale("").name() == QLocale.system().name()


def test_indonesian_strings_and_dates_show(
    qtbot, indonesian: None, fake_library: FakeLibrary, settings: QSettings
) -> None:
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&Berkas" in menus and "&Tampilan" in menus
    file_menu = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions()]
    assert "&Folder Baru…" in texts and "&Pengaturan…" in texts
    assert window.feed_tree.feed_model().index(2, 0).data() == "Berbintang"
    when = datetime(2020, 10, 26, 11, 26).astimezone()  # local time, as the reader sees it
    assert format_long(when) == "Senin, 26 Oktober 2020 11.26"
    dialog = window.preferences.show_dialog()
    assert dialog.windowTitle() == "Pengaturan"
    assert [dialog.tabs.tabText(i) for i in range(4)] == [
        "Umum", "Penyimpanan", "Jaringan", "Tampilan"
    ]  # fmt: skip
    dialog.close()
    tree = window.feed_tree
    menu = {action.text(): action for action in tree.actions_for(NodeKey("feed", 1), tree)}
    assert menu["Pindahkan ke"].menu().actions()[0].text() == "Tingkat Atas"
