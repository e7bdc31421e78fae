"""The article list's context menu: the window's own actions, aimed at the row clicked.

The menu is built with ``menu_for_row`` (what a right click calls) and never popped up.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu

from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import NodeKey
from tests.helpers.fakes import RELATED_STORED_URL, SEED_URL, FakeLibrary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    win = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(win)
    win.feed_tree.select_key(NodeKey("feed", 2))  # rows: 0 the seed article (1), 1 article 2
    return win


def _menu(window: MainWindow, row: int) -> QMenu:
    menu = window.entry_list.menu_for_row(row)
    assert menu is not None
    return menu


def _action(menu: QMenu, text: str) -> QAction:
    return next(a for a in menu.actions() if a.text() == text)


def test_the_menu_holds_the_windows_own_actions(window: MainWindow) -> None:
    c = window.commands
    menu = _menu(window, 1)
    items = [a for a in menu.actions() if not a.isSeparator()]
    # The very QActions of the menu bar and toolbar: same shortcut, same command.
    assert items == [c.open_browser, c.copy_link, c.star, c.toggle_read, c.mark_all_read]
    assert [a.text() for a in items] == [
        "Open in &Browser", "&Copy Link", "&Star", "Mark as &Unread", "Mark &All as Read",
    ]  # fmt: skip
    assert all(a.isEnabled() for a in items)
    assert c.star.shortcut().toString() == "S"


def test_star_from_the_menu_stars_the_row_clicked(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    assert window.entry_list.select_entry(1)  # the seed article is shown
    menu = _menu(window, 1)  # right click on article 2
    assert window.article_view.entry().id == 2  # type: ignore[union-attr]
    _action(menu, "&Star").trigger()
    qtbot.waitUntil(lambda: fake_library.entry(2).starred)
    assert not fake_library.entry(1).starred
    assert window.entry_model.entry_at(1).starred  # type: ignore[union-attr]
    assert [a.text() for a in _menu(window, 1).actions()][3] == "Un&star"
    assert window.commands.star.isChecked()  # the toolbar's star follows too
    _action(_menu(window, 0), "&Star").trigger()  # the seed article: not starred yet
    qtbot.waitUntil(lambda: fake_library.entry(1).starred)


def test_the_labels_follow_the_row_and_read_toggles_it(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    window.feed_tree.select_key(NodeKey("feed", 3))  # one article, read and starred
    menu = _menu(window, 0)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "Un&star" in texts and "Mark as &Unread" in texts
    _action(menu, "Mark as &Unread").trigger()
    qtbot.waitUntil(lambda: not fake_library.entry(4).read)
    assert window.commands.toggle_read.text() == "Mark as &Read"
    assert not window.entry_model.entry_at(0).read  # type: ignore[union-attr]


def test_read_from_the_menu_covers_the_selection(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    window.entry_list.selectAll()
    _menu(window, 1)  # inside the selection: it stays
    assert window.entry_list.selected_ids() == [1, 2]
    qtbot.waitUntil(lambda: fake_library.entry(2).read)  # opening it marked it read
    window.commands.toggle_read.trigger()  # article 2, now shown, is read: both become unread
    qtbot.waitUntil(lambda: not fake_library.entry(1).read and not fake_library.entry(2).read)


def test_a_row_outside_the_selection_replaces_it(window: MainWindow) -> None:
    window.entry_list.select_entry(1)
    _menu(window, 1)
    assert window.entry_list.selected_ids() == [2]


def test_copy_link_and_open_in_browser_use_the_row_clicked(window: MainWindow) -> None:
    opened: list[QUrl] = []
    window.article_view.open_external = lambda url: opened.append(url) or True
    _action(_menu(window, 1), "&Copy Link").trigger()
    assert QGuiApplication.clipboard().text() == RELATED_STORED_URL
    _action(_menu(window, 0), "Open in &Browser").trigger()
    assert opened == [QUrl(SEED_URL)]


def test_mark_all_read_from_the_menu_covers_the_current_view(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    _action(_menu(window, 0), "Mark &All as Read").trigger()
    qtbot.waitUntil(lambda: fake_library.entry(2).read)
    assert fake_library.called("mark_all_read_undoable") == [(2, None, "all")]
    assert not fake_library.entry(3).read  # another feed


def test_the_empty_area_offers_the_list_commands_only(window: MainWindow) -> None:
    menu = _menu(window, -1)
    assert [a for a in menu.actions() if not a.isSeparator()] == [window.commands.mark_all_read]
    assert window.article_view.entry() is None  # nothing was opened
