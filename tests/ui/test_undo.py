"""Mark all as read with undo: the status bar offer, Edit > Undo (Ctrl+Z),
exactly the marked articles restored, and the offer expiring on its timer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import UNREAD_ROLE, NodeKey
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


def _unread(window: MainWindow, key: NodeKey) -> int:
    return window.feed_tree.feed_model().index_for(key).data(UNREAD_ROLE)


def test_undo_restores_exactly_the_articles_marked(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    fake_library.mark_read([1])  # read before: must stay read after the undo
    window.reload_feeds()
    window.feed_tree.select_key(NodeKey("folder", "Elshinta"))
    window.entry_list.setFocus()
    qtbot.keyClick(window.entry_list, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.undo.undoable_ids() == [2, 3])
    bar = window.undo.bar
    assert bar.isVisible() and bar.label.text().startswith("2 article")
    assert window.undo.undo_action.isEnabled()
    assert _unread(window, NodeKey("folder", "Elshinta")) == 0
    assert all(window.entry_model.entry_at(r).read for r in range(3))  # type: ignore[union-attr]
    fake_library.calls.clear()
    qtbot.keyClick(window.entry_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _unread(window, NodeKey("folder", "Elshinta")) == 2)
    assert fake_library.called("mark_read") == [((2, 3), False)]
    assert fake_library.entry(1).read and not fake_library.entry(2).read
    assert not bar.isVisible() and not window.undo.undo_action.isEnabled()
    assert "marked unread again" in window.statusBar().currentMessage()
    rows = {s.id: s.read for s in map(window.entry_model.entry_at, range(3)) if s}
    assert rows == {1: True, 2: False, 3: False}


def test_the_undo_button_in_the_status_bar(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    window.mark_all_read(NodeKey("feed", 2))
    qtbot.waitUntil(lambda: window.undo.bar.isVisible())
    assert window.undo.bar.label.text().startswith("2 article")
    qtbot.mouseClick(window.undo.bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not fake_library.entry(1).read and not fake_library.entry(2).read)


def test_the_offer_expires(qtbot, window: MainWindow, fake_library: FakeLibrary) -> None:
    window.undo.timer.setInterval(50)
    window.mark_all_read(NodeKey("view", "all"))
    qtbot.waitUntil(lambda: window.undo.bar.isVisible())
    assert window.undo.undoable_ids() == [1, 2, 3]
    qtbot.waitUntil(lambda: not window.undo.bar.isVisible())
    assert not window.undo.undo_action.isEnabled() and window.undo.undoable_ids() == []
    window.undo.undo()  # nothing left to undo
    assert fake_library.called("mark_read") == [((1, 2, 3), True)]


def test_nothing_to_mark_offers_no_undo(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    window.mark_all_read(NodeKey("feed", 3))  # its only article is read already
    qtbot.waitUntil(lambda: "No unread articles" in window.statusBar().currentMessage())
    assert not window.undo.bar.isVisible() and not window.undo.undo_action.isEnabled()


def test_every_way_to_mark_all_read_is_undoable(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    tree = window.feed_tree
    menu_action = next(a for a in tree.actions_for(NodeKey("feed", 2), tree)
                       if a.text() == "Mark All as Read")  # fmt: skip
    menu_action.trigger()  # the tree's context menu
    qtbot.waitUntil(lambda: window.undo.undoable_ids() == [1, 2])
    window.undo.undo()
    qtbot.waitUntil(lambda: not fake_library.entry(2).read)
    tree.select_key(NodeKey("feed", 1))
    window.commands.mark_all_read.trigger()  # menu bar and toolbar
    qtbot.waitUntil(lambda: window.undo.undoable_ids() == [3])
    edit_items = window.commands.edit_menu.actions()
    assert edit_items[0] is window.undo.undo_action
    assert window.undo.undo_action.text() == "&Undo Mark All as Read"
    assert window.commands.mark_all_read in window.toolbar.actions()
