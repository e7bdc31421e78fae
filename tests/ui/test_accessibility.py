"""Accessibility: accessible names everywhere, a Tab order that follows the
panes, and every pane reachable from the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from newsreader.ui.main_window import MainWindow
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    win = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    return win


def test_the_panes_and_bars_have_accessible_names(window: MainWindow) -> None:
    names = {
        window.feed_tree: "Subscriptions",
        window.entry_list: "Articles",
        window.article_view: "Article",
        window.search.field: "Search articles",
        window.list_pane.filter_bar: "Article filter",
        window.toolbar: "Toolbar",
        window.undo.bar: "Undo",
    }
    for widget, name in names.items():
        assert widget.accessibleName() == name
    for widget in (window.feed_tree, window.entry_list, window.article_view):
        assert "Ctrl+" in widget.accessibleDescription()  # how to get there


def test_every_widget_the_keyboard_reaches_has_a_name(window: MainWindow) -> None:
    window.undo.bar.show()  # shown for a few seconds after Mark All as Read
    reachable = [
        w for w in window.findChildren(QWidget)
        if w.isVisibleTo(window) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]  # fmt: skip
    assert len(reachable) >= 7
    unnamed = [w for w in reachable if not (w.accessibleName() or _labelled(w))]
    assert unnamed == []


def _labelled(widget: QWidget) -> bool:
    # A button's text is its accessible name for screen readers.
    text = getattr(widget, "text", None)
    return bool(callable(text) and text())


def test_tab_walks_search_feeds_filter_list_article(qtbot, window: MainWindow) -> None:
    window.search.field.setFocus()
    buttons = window.list_pane.filter_bar.buttons
    # The filter is one stop, as a group of radio buttons: the arrows move inside it.
    expected = [window.feed_tree, buttons["all"], window.entry_list, window.article_view]
    walked = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    assert walked == expected
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is window.entry_list


def test_tab_into_the_list_opens_no_article(qtbot, window: MainWindow) -> None:
    window.list_pane.filter_bar.buttons["starred"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.entry_list
    assert window.article_view.entry() is None  # nothing opened, nothing marked read
    qtbot.keyClick(window.entry_list, Qt.Key.Key_Down)  # the arrows do open
    assert window.article_view.entry() is not None


def test_the_filter_toggles_work_from_the_keyboard(qtbot, window: MainWindow) -> None:
    buttons = window.list_pane.filter_bar.buttons
    buttons["all"].setFocus()
    qtbot.keyClick(buttons["all"], Qt.Key.Key_Right)
    assert QApplication.focusWidget() is buttons["unread"]
    qtbot.keyClick(buttons["unread"], Qt.Key.Key_Space)
    assert window.entry_model.filter() == "unread"
    qtbot.keyClick(buttons["unread"], Qt.Key.Key_Right)
    qtbot.keyClick(buttons["starred"], Qt.Key.Key_Space)
    assert window.entry_model.filter() == "starred"
