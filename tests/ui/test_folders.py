"""Folders in the feed list: create, rename, delete, drag and drop, Move To; site icons;
on a FakeLibrary."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QSettings, Qt
from PySide6.QtGui import QIcon

from newsreader.ui.icons import icon
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_drag import FEED_MIME
from newsreader.ui.models.feed_tree import FeedTreeModel, NodeKey
from tests.helpers.fakes import FakeLibrary, write_png

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

MOVE = Qt.DropAction.MoveAction


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    win = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(win)
    return win


def _model(library: FakeLibrary) -> FeedTreeModel:
    model = FeedTreeModel()
    model.set_folders(library.folders())
    model.reload(library.feeds(), library.view_counts())
    return model


def _top(model: FeedTreeModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _answers(monkeypatch: pytest.MonkeyPatch, window: MainWindow, *names: str | None) -> None:
    queue = list(names)
    monkeypatch.setattr(window.folders_ctl, "ask_name", lambda *_args: queue.pop(0))


# -- the model ---------------------------------------------------------------------------------
def test_dragging_a_feed_carries_its_id_and_a_drop_names_the_folder(
    qtbot, qtmodeltester, fake_library: FakeLibrary
) -> None:
    model = _model(fake_library)
    qtmodeltester.check(model)
    blog = model.index_for(NodeKey("feed", 3))
    folder = model.index_for(NodeKey("folder", "Elshinta"))
    inside = model.index_for(NodeKey("feed", 1))
    assert model.flags(blog) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(folder) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(folder) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled  # a view
    data = model.mimeData([blog, model.index(blog.row(), 1, blog.parent()), folder])
    assert model.mimeTypes() == [FEED_MIME] and bytes(data.data(FEED_MIME).data()) == b"3"
    with qtbot.waitSignal(model.feeds_dropped) as dropped:
        assert model.dropMimeData(data, MOVE, -1, -1, folder)
    assert dropped.args == [[3], "Elshinta"]
    with qtbot.waitSignal(model.feeds_dropped) as dropped:
        assert model.dropMimeData(model.mimeData([inside]), MOVE, 3, 0, QModelIndex())
    assert dropped.args == [[1], ""]  # empty space or between top rows: the top level
    with qtbot.waitSignal(model.feeds_dropped) as dropped:
        model.dropMimeData(data, MOVE, -1, -1, inside)  # on a feed inside a folder
    assert dropped.args == [[3], "Elshinta"]
    with qtbot.assertNotEmitted(model.feeds_dropped):
        assert not model.dropMimeData(data, MOVE, -1, -1, model.index(1, 0))  # a view
        assert not model.dropMimeData(QMimeData(), MOVE, -1, -1, folder)  # no feeds
        assert not model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, -1, folder)
    qtmodeltester.check(model)


def test_empty_folders_show_sorted_among_the_others(fake_library: FakeLibrary) -> None:
    fake_library.create_folder("berita daerah")
    fake_library.create_folder("Zaman")
    model = _model(fake_library)
    assert _top(model)[4:] == ["berita daerah", "Elshinta", "Zaman", "Teknologi Blog"]
    assert model.rowCount(model.index_for(NodeKey("folder", "Zaman"))) == 0
    assert model.folder_names() == ["berita daerah", "Elshinta", "Zaman"]
    assert model.folder_of(1) == "Elshinta" and model.folder_of(3) == ""


def test_a_feed_shows_its_site_icon_from_the_file(
    tmp_path: Path, fake_library: FakeLibrary
) -> None:
    write_png(tmp_path / "icons" / "site.png")
    feeds = [dataclasses.replace(f, icon_path="icons/site.png") if f.id == 3 else f
             for f in fake_library.feeds()]  # fmt: skip
    feeds.append(dataclasses.replace(fake_library.feed(2), id=9, icon_path="icons/gone.png"))
    model = FeedTreeModel()
    model.set_icon_root(tmp_path)
    model.reload(feeds, {})
    shown = model.index_for(NodeKey("feed", 3)).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(shown, QIcon) and shown.cacheKey() != icon("feed").cacheKey()
    assert not shown.pixmap(16, 16).isNull()
    plain = model.index_for(NodeKey("feed", 1)).data(Qt.ItemDataRole.DecorationRole)
    assert plain.cacheKey() == icon("feed").cacheKey()  # no icon yet: the generic one
    missing = model.index_for(NodeKey("feed", 9)).data(Qt.ItemDataRole.DecorationRole)
    assert missing.cacheKey() == icon("feed").cacheKey()  # a file that is gone
    model.set_icon_root(tmp_path / "elsewhere")
    moved = model.index_for(NodeKey("feed", 3)).data(Qt.ItemDataRole.DecorationRole)
    assert moved.cacheKey() == icon("feed").cacheKey()


# -- the window --------------------------------------------------------------------------------
def test_new_folder_from_the_file_menu_is_made_and_selected(
    qtbot, window: MainWindow, fake_library: FakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answers(monkeypatch, window, "Berita Daerah", "Elshinta", None)
    window.folders_ctl.new_folder_action.trigger()
    qtbot.waitUntil(lambda: window.feed_tree.current_key() == NodeKey("folder", "Berita Daerah"))
    assert fake_library.called("create_folder") == [("Berita Daerah",)]
    window.folders_ctl.new_folder()  # a name that exists: said, not sent
    assert "already a folder" in window.message_bar.text()
    window.folders_ctl.new_folder()  # cancelled
    assert len(fake_library.called("create_folder")) == 1


def test_rename_a_folder_from_its_menu(
    qtbot, window: MainWindow, fake_library: FakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = window.feed_tree
    _answers(monkeypatch, window, "Radio Elshinta")
    texts = {a.text(): a for a in tree.actions_for(NodeKey("folder", "Elshinta"), tree)}
    assert {"New Folder…", "Rename Folder…", "Delete Folder…"} <= set(texts)
    tree.select_key(NodeKey("folder", "Elshinta"))
    texts["Rename Folder…"].trigger()
    qtbot.waitUntil(lambda: tree.current_key() == NodeKey("folder", "Radio Elshinta"))
    assert {fake_library.feed(i).folder for i in (1, 2)} == {"Radio Elshinta"}
    assert sorted(tree.feed_model().feed_ids_under(NodeKey("folder", "Radio Elshinta"))) == [1, 2]


def test_deleting_a_folder_asks_then_moves_its_feeds_to_the_top(
    qtbot, window: MainWindow, fake_library: FakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, int]] = []
    answer = False

    def confirm(name: str, feeds: int) -> bool:
        asked.append((name, feeds))
        return answer

    monkeypatch.setattr(window.folders_ctl, "confirm_delete", confirm)
    window.feed_tree.delete_folder_requested.emit("Elshinta")
    assert asked == [("Elshinta", 2)] and fake_library.called("delete_folder") == []
    answer = True
    window.feed_tree.delete_folder_requested.emit("Elshinta")
    model = window.feed_tree.feed_model()
    qtbot.waitUntil(lambda: not model.index_for(NodeKey("folder", "Elshinta")).isValid())
    assert model.folder_of(1) == "" and model.folder_of(2) == ""
    assert len(window.feeds()) == 3  # none unsubscribed
    assert "Deleted the folder" in window.message_bar.text()


def test_dropping_a_feed_on_a_folder_moves_it(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    model = window.feed_tree.feed_model()
    data = model.mimeData([model.index_for(NodeKey("feed", 3))])
    assert model.dropMimeData(data, MOVE, -1, -1, model.index_for(NodeKey("folder", "Elshinta")))
    qtbot.waitUntil(lambda: model.folder_of(3) == "Elshinta")
    assert fake_library.feed(3).folder == "Elshinta"
    data = model.mimeData([model.index_for(NodeKey("feed", 1))])
    assert model.dropMimeData(data, MOVE, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: model.folder_of(1) == "")


def test_move_to_in_the_menu_lists_the_other_folders(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    fake_library.create_folder("Arsip")
    window.folders_ctl.sync_folders()
    window.reload_feeds()
    tree = window.feed_tree
    (move,) = [a for a in tree.actions_for(NodeKey("feed", 1), tree) if a.text() == "Move To"]
    targets = {a.text(): a for a in move.menu().actions()}
    assert list(targets) == ["Top Level", "Arsip", "Elshinta"]
    assert not targets["Elshinta"].isEnabled()  # where it is already
    targets["Arsip"].trigger()
    qtbot.waitUntil(lambda: tree.feed_model().folder_of(1) == "Arsip")
    # The emptied-out folder stays until deleted; moving the last one out keeps it too.
    targets = {a.text(): a for a in _move_menu(tree, 2)}
    targets["Top Level"].trigger()
    qtbot.waitUntil(lambda: tree.feed_model().folder_of(2) == "")
    assert tree.feed_model().index_for(NodeKey("folder", "Elshinta")).isValid()


def _move_menu(tree, feed_id: int):  # type: ignore[no-untyped-def]
    (move,) = [a for a in tree.actions_for(NodeKey("feed", feed_id), tree) if a.text() == "Move To"]
    return move.menu().actions()


def test_a_refused_name_is_a_message_not_a_crash(
    qtbot, window: MainWindow, fake_library: FakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answers(monkeypatch, window, "Teknologi")
    window.folders_ctl.rename_folder("Tidak Ada")  # the library refuses: no such folder
    qtbot.waitUntil(lambda: "Could not change the folders" in window.message_bar.text())
