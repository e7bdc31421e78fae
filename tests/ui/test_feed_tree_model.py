"""FeedTreeModel: views, folders, feeds, counts, errors; in-place reloads."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from newsreader.ui.icons import icon
from newsreader.ui.models.feed_tree import (
    COUNT_COLUMN,
    ERROR_ROLE,
    ID_ROLE,
    KIND_ROLE,
    UNREAD_ROLE,
    FeedTreeModel,
    NodeKey,
)
from newsreader.ui.workers import run_task
from tests.helpers.fakes import FakeLibrary, make_entry


def _model(library: FakeLibrary) -> FeedTreeModel:
    model = FeedTreeModel()
    model.reload(library.feeds(), library.view_counts())
    return model


def _titles(model: FeedTreeModel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_model_passes_the_model_tester(qtmodeltester, fake_library: FakeLibrary) -> None:
    model = _model(fake_library)
    qtmodeltester.check(model)
    fake_library.mark_read([1])
    model.reload(fake_library.feeds(), fake_library.view_counts())  # in place
    fake_library.add_feed("https://new.example/feed", folder="Baru")
    model.reload(fake_library.feeds(), fake_library.view_counts())  # reset


def test_views_then_folders_then_loose_feeds(fake_library: FakeLibrary) -> None:
    model = _model(fake_library)
    assert _titles(model) == ["All", "Unread", "Starred", "Today", "Elshinta", "Teknologi Blog"]
    kinds = [model.index(r, 0).data(KIND_ROLE) for r in range(model.rowCount())]
    assert kinds == ["view"] * 4 + ["folder", "feed"]
    folder = model.index(4, 0)
    assert _titles(model, folder) == ["Elshinta Internasional", "Elshinta Nasional"]
    assert model.index(0, 0, folder).data(ID_ROLE) == 2
    assert model.parent(model.index(0, 0, folder)) == folder


def test_counts_are_shown_and_bold_only_when_unread(fake_library: FakeLibrary) -> None:
    model = _model(fake_library)
    counts = fake_library.view_counts()
    for row, name in enumerate(("all", "unread", "starred", "today")):
        assert model.index(row, 0).data(UNREAD_ROLE) == counts[name]
    folder = model.index(4, 0)
    assert folder.data(UNREAD_ROLE) == 3  # both Elshinta feeds summed
    assert model.index(4, COUNT_COLUMN).data() == "3"
    blog = model.index(5, 0)  # only a read, starred article
    assert blog.data(UNREAD_ROLE) == 0
    assert model.index(5, COUNT_COLUMN).data() == ""
    assert blog.data(Qt.ItemDataRole.FontRole) is None
    font = model.index(0, 0, folder).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()


def test_feed_error_shows_an_icon_and_the_message_as_tooltip(fake_library: FakeLibrary) -> None:
    fake_library.set_feed_error(3, "HTTP 404 Not Found")
    model = _model(fake_library)
    blog = model.index(5, 0)
    assert blog.data(ERROR_ROLE) == "HTTP 404 Not Found"
    assert blog.data(Qt.ItemDataRole.ToolTipRole) == "HTTP 404 Not Found"
    assert blog.data(Qt.ItemDataRole.DecorationRole).cacheKey() == icon("error").cacheKey()
    healthy = model.index(0, 0, model.index(4, 0))
    assert healthy.data(ERROR_ROLE) == ""
    assert healthy.data(Qt.ItemDataRole.DecorationRole).cacheKey() == icon("feed").cacheKey()


def test_reload_with_the_same_shape_updates_in_place(qtbot, fake_library: FakeLibrary) -> None:
    model = _model(fake_library)
    kept = QPersistentModelIndex(model.index(1, 0, model.index(4, 0)))
    fake_library.mark_all_read(feed_id=1)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.reload(fake_library.feeds(), fake_library.view_counts())
    assert kept.isValid()
    assert kept.data(UNREAD_ROLE) == 0


def test_reload_with_a_new_feed_resets_and_finds_nodes_by_key(
    qtbot, fake_library: FakeLibrary
) -> None:
    model = _model(fake_library)
    feed = fake_library.add_feed("https://new.example/feed")
    with qtbot.waitSignal(model.modelReset):
        model.reload(fake_library.feeds(), fake_library.view_counts())
    index = model.index_for(NodeKey("feed", feed.id))
    assert index.isValid() and index.data() == "new.example"
    assert not model.index_for(NodeKey("feed", 999)).isValid()
    assert model.key_at(model.index(4, 0)) == NodeKey("folder", "Elshinta")


def test_feed_ids_under_a_node(fake_library: FakeLibrary) -> None:
    model = _model(fake_library)
    assert model.feed_ids_under(NodeKey("feed", 3)) == [3]
    assert sorted(model.feed_ids_under(NodeKey("folder", "Elshinta"))) == [1, 2]
    assert sorted(model.feed_ids_under(NodeKey("view", "all"))) == [1, 2, 3]


def test_during_a_refresh_renamed_feeds_keep_their_places_until_it_ends(
    qtbot, fake_library: FakeLibrary
) -> None:
    # A feed gets its title on its first refresh: the tree keeps its order meanwhile (no
    # rebuild while the refresh runs), and sorts at the next plain reload.
    model = _model(fake_library)
    fake_library.set_feed_options(1, title="Aceh Nasional")
    feeds, counts = fake_library.feeds(), fake_library.view_counts()
    folder = QPersistentModelIndex(model.index(4, 0))
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.reload(feeds, counts, keep_order=True)
    assert _titles(model, QModelIndex(folder)) == ["Elshinta Internasional", "Aceh Nasional"]
    assert model.index_for(NodeKey("feed", 1)).data() == "Aceh Nasional"
    with qtbot.waitSignal(model.modelReset):
        model.reload(feeds, counts)
    assert _titles(model, model.index(4, 0)) == ["Aceh Nasional", "Elshinta Internasional"]


def test_a_new_feed_during_a_refresh_still_rebuilds(qtbot, fake_library: FakeLibrary) -> None:
    model = _model(fake_library)
    feed = fake_library.add_feed("https://new.example/feed")
    with qtbot.waitSignal(model.modelReset):
        model.reload(fake_library.feeds(), fake_library.view_counts(), keep_order=True)
    assert model.index_for(NodeKey("feed", feed.id)).isValid()


def test_counts_alone_change_only_the_count_column(qtbot, fake_library: FakeLibrary) -> None:
    model = _model(fake_library)
    fake_library.add_entry(make_entry(id=50, feed_id=2, title="Baru"))  # 2 unread -> 3
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.reload(fake_library.feeds(), fake_library.view_counts())
    assert changed.args[0].column() == COUNT_COLUMN
    feed = model.index_for(NodeKey("feed", 2))
    assert feed.data(UNREAD_ROLE) == 3
    assert model.index(feed.row(), COUNT_COLUMN, feed.parent()).data() == "3"


def test_a_tree_prepared_on_another_thread_is_shown_as_built_here(
    qtbot, fake_library: FakeLibrary
) -> None:
    model = _model(fake_library)
    fake_library.mark_read([1])
    feeds, counts = fake_library.feeds(), fake_library.view_counts()
    prepared: list[object] = []
    run_task(lambda: model.prepare(feeds, counts), prepared.append)
    qtbot.waitUntil(lambda: bool(prepared))
    model.reload(feeds, counts, prepared=prepared[0])  # type: ignore[arg-type]
    assert model.index_for(NodeKey("feed", 2)).data(UNREAD_ROLE) == 1
    # Views added after it was prepared are not lost: the tree is built again here.
    stale = model.prepare(feeds, counts)
    model.set_extra_views([(NodeKey("saved", 7), "Banjir", "banjir", 0)])
    model.reload(feeds, counts, prepared=stale)
    assert model.index_for(NodeKey("saved", 7)).isValid()


def test_a_drag_does_not_remove_the_rows_it_moved(fake_library: FakeLibrary) -> None:
    model = _model(fake_library)  # the library moves feeds; its reload shows them moved
    assert not model.removeRows(0, 1, model.index(4, 0))
    assert _titles(model, model.index(4, 0)) == ["Elshinta Internasional", "Elshinta Nasional"]
