"""State restored on launch: the source, the article shown, the list's
sort, filter, column widths and order."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.entry_list import DATE_COLUMN, FEED_COLUMN, TITLE_COLUMN
from newsreader.ui.models.feed_tree import NodeKey
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _window(qtbot, library: FakeLibrary, settings: QSettings) -> MainWindow:
    window = MainWindow(library, settings=settings)
    qtbot.addWidget(window)
    return window


def _selected_ids(window: MainWindow) -> list[int]:
    return window.entry_list.selected_ids()


def test_source_article_sort_and_columns_come_back(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    first = _window(qtbot, fake_library, settings)
    first.show()
    first.feed_tree.select_key(NodeKey("folder", "Elshinta"))
    first.entry_list.sort_by("title", False)
    assert first.entry_list.select_entry(2)
    header = first.entry_list.header()
    header.resizeSection(FEED_COLUMN, 222)
    header.moveSection(header.visualIndex(DATE_COLUMN), header.visualIndex(FEED_COLUMN))
    first.close()

    again = _window(qtbot, fake_library, settings)
    again.show()
    assert again.feed_tree.current_key() == NodeKey("folder", "Elshinta")
    assert again.article_view.entry().id == 2  # type: ignore[union-attr]
    assert _selected_ids(again) == [2]
    model = again.entry_model
    assert (model.sort_key(), model.descending()) == ("title", False)
    header = again.entry_list.header()
    assert header.sortIndicatorSection() == TITLE_COLUMN
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert header.sectionSize(FEED_COLUMN) == 222
    assert header.visualIndex(DATE_COLUMN) < header.visualIndex(FEED_COLUMN)
    titles = [model.entry_at(r).title for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert titles == sorted(titles, key=str.casefold)


def test_the_filter_comes_back(qtbot, fake_library: FakeLibrary, settings: QSettings) -> None:
    first = _window(qtbot, fake_library, settings)
    qtbot.mouseClick(first.list_pane.filter_bar.buttons["starred"], Qt.MouseButton.LeftButton)
    first.close()
    again = _window(qtbot, fake_library, settings)
    assert again.entry_model.filter() == "starred"
    assert again.list_pane.filter_bar.current() == "starred"
    assert again.entry_model.entry_ids() == [4]


def test_an_article_further_down_is_found(qtbot, tmp_path: Path, settings: QSettings) -> None:
    library = FakeLibrary(tmp_path / "data", bulk=250)
    settings.setValue("window/source", "feed:4")
    settings.setValue("window/entry", 10_230)
    window = _window(qtbot, library, settings)
    assert window.article_view.entry().id == 10_230  # type: ignore[union-attr]
    assert _selected_ids(window) == [10_230]


def test_an_article_gone_since_is_quietly_forgotten(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    settings.setValue("window/entry", 99_999)
    window = _window(qtbot, fake_library, settings)
    assert window.article_view.entry() is None
    assert not window.message_bar.isVisibleTo(window)


def test_bad_values_fall_back_to_defaults(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    settings.setValue("list/sort", "colour")
    settings.setValue("list/filter", "maybe")
    settings.setValue("window/entry", "x")
    window = _window(qtbot, fake_library, settings)
    assert (window.entry_model.sort_key(), window.entry_model.filter()) == ("date", "all")
    assert window.entry_model.entry_ids() == [1, 2, 3, 4]
