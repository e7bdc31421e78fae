"""Search in the window: the field, the results view, highlighting, Escape,
and saved searches as smart views (save, rename, delete)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor

from newsreader.ui.controllers.search import RESULTS_KEY
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import UNREAD_ROLE, NodeKey
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    win = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    return win


def _search(qtbot, window: MainWindow, text: str) -> None:
    field = window.search.field
    field.setText(text)
    with qtbot.waitSignal(window.entry_model.modelReset, timeout=5000):
        qtbot.keyClick(field, Qt.Key.Key_Return)


def _tree_keys(window: MainWindow) -> list[NodeKey]:
    model = window.feed_tree.feed_model()
    return [model.key_at(model.index(row, 0)) for row in range(model.rowCount())]  # type: ignore[misc]


def test_enter_searches_in_a_task_and_shows_the_results_as_a_view(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    window.feed_tree.select_key(NodeKey("feed", 3))
    _search(qtbot, window, "lukashenko")
    assert window.feed_tree.current_key() == RESULTS_KEY
    assert RESULTS_KEY in _tree_keys(window)
    assert window.entry_model.entry_ids() == [1]
    assert fake_library.called("search")[0][:2] == ("lukashenko", 200)
    assert not window.entry_list.isColumnHidden(2)  # results from any feed: feed column shown
    _search(qtbot, window, "varian")  # a new search replaces the results
    assert window.entry_model.entry_ids() == [3]
    assert _tree_keys(window).count(RESULTS_KEY) == 1


def test_the_pane_marks_the_words_searched_for(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "lukashenko")
    assert window.entry_list.select_entry(1)
    marked = window.search.highlighter.marked()
    assert marked and all(text.casefold() == "lukashenko" for text in marked)
    assert len(marked) == 2  # twice in the text
    light = _mark_colour(window)
    window.reading.themes["dark"].trigger()  # a theme change lays the article out again
    dark = _mark_colour(window)
    assert len(window.search.highlighter.marked()) == len(marked)
    assert light.lightness() > dark.lightness()


def _mark_colour(window: MainWindow) -> QColor:
    selections = window.article_view.extraSelections()
    char_format = selections[0].format
    return QColor(char_format.background().color())


def test_articles_outside_a_search_are_not_marked(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "lukashenko")
    window.feed_tree.select_key(NodeKey("feed", 2))
    assert window.entry_list.select_entry(1)
    assert window.search.highlighter.marked() == []


def test_escape_leaves_the_search_for_where_the_reader_was(qtbot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.feed_tree.select_key(NodeKey("feed", 2))
    _search(qtbot, window, "varian")
    assert window.search.leave_action.isEnabled()
    window.search.field.setFocus()
    qtbot.keyClick(window.search.field, Qt.Key.Key_Escape)
    assert window.feed_tree.current_key() == NodeKey("feed", 2)
    assert RESULTS_KEY not in _tree_keys(window)
    assert window.search.field.text() == ""
    assert window.entry_model.entry_ids() == [1, 2]
    assert not window.search.leave_action.isEnabled()


def test_an_empty_search_finds_nothing_and_says_so(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "tidakadakatabegini")
    assert window.entry_model.entry_ids() == []
    assert "No articles found" in window.statusBar().currentMessage()


def test_save_rename_and_delete_a_saved_search(
    qtbot, window: MainWindow, fake_library: FakeLibrary, monkeypatch
) -> None:
    _search(qtbot, window, "varian")
    assert window.search.save_action.isEnabled()
    window.search.save("Corona")  # then it opens, read newest first like a feed
    qtbot.waitUntil(lambda: window.feed_tree.current_key().kind == "saved")  # type: ignore[union-attr]
    saved_id = fake_library.saved_searches()[0].id
    key = NodeKey("saved", saved_id)
    qtbot.waitUntil(lambda: window.entry_model.entry_ids() == [3])
    keys = _tree_keys(window)
    assert RESULTS_KEY not in keys
    assert keys.index(key) == 4  # right under All, Unread, Starred, Today
    assert window.feed_tree.current_key() == key
    assert window.entry_model.entry_ids() == [3]
    assert ("varian", 200, 0, None, "all", "newest") in fake_library.called("search")
    index = window.feed_tree.feed_model().index_for(key)
    qtbot.waitUntil(lambda: index.data(UNREAD_ROLE) == 1)  # the count comes in a task
    menu_texts = [a.text() for a in window.feed_tree.actions_for(key, window.feed_tree)]
    assert menu_texts == ["Mark All as Read", "Rename…", "Delete Saved Search…"]
    window.search.rename(saved_id, "Varian Delta")
    qtbot.waitUntil(lambda: index.data() == "Varian Delta")
    window.search.rename(saved_id, "")  # refused by the library: a warning, no crash
    qtbot.waitUntil(lambda: window.message_bar.level() == "warning")
    monkeypatch.setattr(window.search, "confirm_delete", lambda _name: True)
    window.search.ask_delete(saved_id)
    qtbot.waitUntil(lambda: key not in _tree_keys(window))
    assert fake_library.saved_searches() == []
    assert window.feed_tree.current_key() == NodeKey("view", "all")


def test_a_saved_search_selected_at_launch_runs_again(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    saved = fake_library.save_search("Belarus", "lukashenko")
    settings.setValue("window/source", f"saved:{saved.id}")
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    assert window.feed_tree.current_key() == NodeKey("saved", saved.id)
    qtbot.waitUntil(lambda: window.entry_model.entry_ids() == [1])
    assert window.search.field.text() == "lukashenko"


def test_mark_all_read_in_search_results_marks_only_the_matches(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    _search(qtbot, window, "varian")
    window.commands.mark_all_read.trigger()
    qtbot.waitUntil(lambda: window.undo.undoable_ids() == [3])
    assert fake_library.entry(3).read and not fake_library.entry(1).read
