"""The keyboard: every shortcut reaches its action, j/k/n/Space navigate,
and Help > Keyboard Shortcuts rebinds keys, reports conflicts, persists and resets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import UNREAD_ROLE, NodeKey
from newsreader.ui.shortcut_map import from_text, keys
from tests.helpers.fakes import FakeLibrary, make_entry

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _shown_window(qtbot, library: FakeLibrary, settings: QSettings) -> MainWindow:
    window = MainWindow(library, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # window shortcuts need the active window
        window.show()
        window.activateWindow()
    return window


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    return _shown_window(qtbot, fake_library, settings)


def _press(qtbot, window: MainWindow, sequence: QKeySequence | str) -> None:
    combination = QKeySequence(sequence)[0]
    focus = window.focusWidget() or window.entry_list
    qtbot.keyClick(focus, combination.key(), combination.keyboardModifiers())


def _shown_id(window: MainWindow) -> int | None:
    entry = window.article_view.entry()
    return entry.id if entry is not None else None


def test_every_default_shortcut_triggers_its_action(qtbot, window: MainWindow) -> None:
    window.entry_list.setFocus()
    commands = window.keyboard.map.commands()
    assert {c.id for c in commands} >= {
        "next_article", "previous_article", "next_unread", "read_on", "star", "toggle_read",
        "open_browser", "refresh", "search", "mark_all_read", "undo", "focus_feeds",
    }  # fmt: skip
    for command in commands:
        action: QAction = command.action
        action.triggered.disconnect()  # only whether the key reaches it, not what it does
        action.setEnabled(True)
        for sequence in command.defaults:
            with qtbot.waitSignal(action.triggered, timeout=1000):
                _press(qtbot, window, sequence)


def test_the_issues_keys_are_the_defaults(window: MainWindow) -> None:
    bound = {c.id: [s.toString() for s in c.action.shortcuts()]
             for c in window.keyboard.map.commands()}  # fmt: skip
    assert bound["next_article"] == ["J"] and bound["previous_article"] == ["K"]
    assert bound["next_unread"] == ["N"] and bound["read_on"] == ["Space"]
    assert bound["star"] == ["S"] and bound["toggle_read"] == ["M"]
    assert bound["open_browser"][0] == "V" and bound["refresh"] == ["R", "F5"]
    assert bound["search"] == ["/"] and bound["mark_all_read"][0] == "Shift+A"
    assert bound["undo"][0] == "Ctrl+Z"


def test_j_and_k_move_through_the_list(qtbot, window: MainWindow) -> None:
    window.feed_tree.select_key(NodeKey("view", "all"))
    window.entry_list.setFocus()
    _press(qtbot, window, "J")
    assert _shown_id(window) == 1
    _press(qtbot, window, "J")
    assert _shown_id(window) == 2
    _press(qtbot, window, "K")
    assert _shown_id(window) == 1
    _press(qtbot, window, "K")  # already at the top
    assert _shown_id(window) == 1


def test_j_loads_the_next_page_at_the_end_of_the_loaded_rows(
    qtbot, tmp_path, settings: QSettings
) -> None:
    library = FakeLibrary(tmp_path / "data", bulk=250)
    window = _shown_window(qtbot, library, settings)
    window.feed_tree.select_key(NodeKey("feed", 4))
    assert window.entry_model.rowCount() == 200
    assert window.entry_list.select_entry(10_199)  # the last loaded row
    window.navigator.next_article()
    assert _shown_id(window) == 10_200
    assert window.entry_model.rowCount() == 250


def test_n_goes_on_to_the_next_feed_with_unread_articles(qtbot, window: MainWindow) -> None:
    tree = window.feed_tree
    tree.select_key(NodeKey("feed", 2))
    window.entry_list.setFocus()
    _press(qtbot, window, "N")
    assert _shown_id(window) == 1
    _press(qtbot, window, "N")
    assert _shown_id(window) == 2
    qtbot.waitUntil(lambda: tree.feed_model().index_for(NodeKey("feed", 2)).data(UNREAD_ROLE) == 0)
    _press(qtbot, window, "N")  # none left here: on to Elshinta Nasional, as NetNewsWire does
    assert tree.current_key() == NodeKey("feed", 1)
    assert _shown_id(window) == 3
    qtbot.waitUntil(lambda: window.library.view_counts()["unread"] == 0)
    window.reload_feeds()
    _press(qtbot, window, "N")
    assert tree.current_key() == NodeKey("feed", 1)
    assert "No more unread" in window.statusBar().currentMessage()


def test_space_scrolls_the_article_then_moves_to_the_next_unread(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    long_text = "".join(f"<p>Paragraf {n} dari berita yang panjang sekali.</p>" for n in range(80))
    fake_library.add_entry(make_entry(id=50, feed_id=2, feed_title="Elshinta Internasional",
                                      url="https://www.elshinta.com/news/50/panjang",
                                      title="Berita panjang", html=long_text,
                                      published=fake_library.now))  # fmt: skip
    window = _shown_window(qtbot, fake_library, settings)
    window.resize(900, 500)
    window.feed_tree.select_key(NodeKey("feed", 2))
    assert window.entry_list.select_entry(50)
    window.entry_list.setFocus()
    bar = window.article_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    _press(qtbot, window, "Space")
    assert bar.value() > 0 and _shown_id(window) == 50
    for _ in range(100):
        if bar.value() >= bar.maximum():
            break
        _press(qtbot, window, "Space")
    assert _shown_id(window) == 50
    _press(qtbot, window, "Space")  # at the end: the next unread article
    assert _shown_id(window) == 1


def test_space_still_presses_a_focused_button(qtbot, window: MainWindow) -> None:
    button = window.list_pane.filter_bar.buttons["starred"]
    button.setFocus()
    _press(qtbot, window, "Space")
    assert window.entry_model.filter() == "starred"


def test_slash_focuses_the_search_field_and_ctrl_digits_the_panes(
    qtbot, window: MainWindow
) -> None:
    window.entry_list.setFocus()
    _press(qtbot, window, "/")
    assert window.focusWidget() is window.search.field
    window.feed_tree.setFocus()
    _press(qtbot, window, "Ctrl+3")
    assert window.focusWidget() is window.article_view
    _press(qtbot, window, "Ctrl+2")
    assert window.focusWidget() is window.entry_list
    _press(qtbot, window, "Ctrl+1")
    assert window.focusWidget() is window.feed_tree


def test_typing_in_the_search_field_does_not_run_commands(qtbot, window: MainWindow) -> None:
    window.search.field.setFocus()
    qtbot.keyClicks(window.search.field, "jakarta sm")
    assert window.search.field.text() == "jakarta sm"
    assert window.article_view.entry() is None


def test_a_shortcut_rebound_in_the_dialog_works_and_persists(
    qtbot, window: MainWindow, fake_library: FakeLibrary, settings: QSettings
) -> None:
    dialog = window.keyboard.show_dialog()
    assert dialog.table.rowCount() == len(window.keyboard.map.commands())
    assert dialog.editors["next_article", 0].keySequence() == QKeySequence("J")
    dialog.set_shortcut("next_article", 0, "Ctrl+J")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.keyboard.next_article.shortcuts() == [QKeySequence("Ctrl+J")]
    assert from_text(str(settings.value("shortcuts/next_article"))) == [QKeySequence("Ctrl+J")]
    window.feed_tree.select_key(NodeKey("view", "all"))
    window.entry_list.setFocus()
    _press(qtbot, window, "J")
    assert window.article_view.entry() is None  # J does nothing any more
    _press(qtbot, window, "Ctrl+J")
    assert _shown_id(window) == 1
    window.close()
    again = MainWindow(fake_library, settings=settings)  # the next launch
    qtbot.addWidget(again)
    assert again.keyboard.next_article.shortcuts() == [QKeySequence("Ctrl+J")]


def test_the_dialog_reports_a_key_bound_twice_and_refuses_it(window: MainWindow) -> None:
    dialog = window.keyboard.show_dialog()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.set_shortcut("next_article", 0, "K")
    assert not ok.isEnabled()
    assert dialog.conflict_label.isVisibleTo(dialog)
    assert "Previous article" in dialog.conflict_label.text()
    dialog.accept()  # refused while the conflict stands
    assert window.keyboard.next_article.shortcuts() == [QKeySequence("J")]
    dialog.set_shortcut("previous_article", 0, "")
    dialog.set_shortcut("previous_article", 1, "Ctrl+Shift+K")
    assert ok.isEnabled() and not dialog.conflict_label.isVisibleTo(dialog)
    ok.click()
    assert window.keyboard.next_article.shortcuts() == [QKeySequence("K")]
    assert window.keyboard.previous_article.shortcuts() == [QKeySequence("Ctrl+Shift+K")]


def test_restore_defaults_forgets_every_change(window: MainWindow, settings: QSettings) -> None:
    window.keyboard.map.assign({"star": keys("Ctrl+8"), "refresh": keys("F9")})
    assert settings.value("shortcuts/star") == "Ctrl+8"
    dialog = window.keyboard.show_dialog()
    assert dialog.editors["refresh", 0].keySequence() == QKeySequence("F9")
    dialog.restore_defaults()
    assert dialog.editors["refresh", 1].keySequence() == QKeySequence("F5")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.commands.star.shortcuts() == [QKeySequence("S")]
    assert window.commands.refresh.shortcuts() == [QKeySequence("R"), QKeySequence("F5")]
    settings.beginGroup("shortcuts")
    assert settings.childKeys() == []
    settings.endGroup()


def test_a_key_bound_twice_in_the_settings_file_goes_to_the_first(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    settings.setValue("shortcuts/toggle_read", "J")  # hand-edited: J is next_article's too
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    assert window.keyboard.next_article.shortcuts() == [QKeySequence("J")]
    assert window.commands.toggle_read.shortcuts() == []


def test_the_help_menu_lists_the_shortcuts(window: MainWindow) -> None:
    help_items = [a.text() for a in window.commands.help_menu.actions()]
    assert "&Keyboard Shortcuts…" in help_items
    article_items = window.commands.article_menu.actions()
    assert window.keyboard.next_article in article_items


def test_every_action_with_a_shortcut_is_listed(window: MainWindow) -> None:
    """Other parts' commands (Settings: Ctrl+,) can be looked up and rebound too."""
    listed = {c.action for c in window.keyboard.map.commands()}
    with_keys = {a for a in window.findChildren(QAction) if a.shortcuts()}
    assert with_keys <= listed
    assert window.keyboard.map.conflicts() == []
