"""EntryListModel: columns, roles, paging through library.entries, state updates, refresh."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeView

from newsreader.ui.dates import format_short, to_qdatetime
from newsreader.ui.icons import icon
from newsreader.ui.models.entry_list import (
    DATE_COLUMN,
    ENTRY_ID_ROLE,
    FEED_COLUMN,
    PAGE_SIZE,
    STAR_COLUMN,
    TITLE_COLUMN,
    EntryListModel,
)
from newsreader.ui.workers import run_task
from tests.helpers.fakes import FakeLibrary, make_entry


def _pages(library: FakeLibrary) -> list[tuple[int | None, int]]:
    return [(args[3], args[4]) for args in library.called("entries")]  # (limit, offset)


def test_model_passes_the_model_tester(qtmodeltester, tmp_path: Path) -> None:
    library = FakeLibrary(tmp_path, bulk=450)
    model = EntryListModel(library)
    model.set_source(feed_id=4)
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    model.update_entry_state(10_000, read=True, starred=True)
    model.set_source(view="starred")


def test_columns_show_star_title_feed_and_local_date(fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    model.set_source(feed_id=2)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "", "Title", "Feed", "Date",
    ]  # fmt: skip
    first = model.entry_at(0)
    assert first is not None and first.id == 1  # newest first
    assert model.index(0, TITLE_COLUMN).data().startswith("Belarus dan Rusia")
    assert model.index(0, FEED_COLUMN).data() == "Elshinta Internasional"
    assert model.index(0, DATE_COLUMN).data() == format_short(first.published)
    older = model.entry_at(1)
    assert older is not None and older.published is not None
    local = to_qdatetime(older.published)
    # An article of another day shows its date in the reader's language, month named.
    assert QLocale().toString(local.date(), "d MMM yyyy") in model.index(1, DATE_COLUMN).data()
    assert model.index(0, TITLE_COLUMN).data(ENTRY_ID_ROLE) == 1


def test_unread_rows_are_bold_and_starred_rows_show_a_star(fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    model.set_source(view="all")
    rows = {model.entry_at(r).id: r for r in range(model.rowCount())}  # type: ignore[union-attr]
    unread_font = model.index(rows[1], TITLE_COLUMN).data(Qt.ItemDataRole.FontRole)
    assert isinstance(unread_font, QFont) and unread_font.bold()
    assert model.index(rows[4], TITLE_COLUMN).data(Qt.ItemDataRole.FontRole) is None  # read
    star = model.index(rows[4], STAR_COLUMN).data(Qt.ItemDataRole.DecorationRole)
    assert star.cacheKey() == icon("starred").cacheKey()
    assert model.index(rows[1], STAR_COLUMN).data(Qt.ItemDataRole.DecorationRole) is None


def test_pages_of_200_are_fetched_only_when_asked(tmp_path: Path) -> None:
    library = FakeLibrary(tmp_path, bulk=450)
    model = EntryListModel(library)
    model.set_source(feed_id=4)
    assert model.rowCount() == PAGE_SIZE
    assert _pages(library) == [(200, 0)]
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    assert _pages(library) == [(200, 0), (200, 200), (200, 400)]
    ids = model.entry_ids()
    assert len(set(ids)) == 450 and ids[0] == 10_000


def test_a_view_loads_one_screen_until_scrolled(qtbot, tmp_path: Path) -> None:
    library = FakeLibrary(tmp_path, bulk=450)
    model = EntryListModel(library)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    model.set_source(feed_id=4)
    view.show()
    qtbot.waitExposed(view)
    # Qt may ask for one more page while it lays the view out, never for the whole feed.
    shown = model.rowCount()
    assert shown <= 2 * PAGE_SIZE < 450
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > shown)


def test_update_entry_state_changes_the_row(qtbot, fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    model.set_source(feed_id=2)
    with qtbot.waitSignal(model.dataChanged):
        model.update_entry_state(1, read=True, starred=True)
    row = model.entry_at(0)
    assert row is not None and row.read and row.starred
    assert model.index(0, TITLE_COLUMN).data(Qt.ItemDataRole.FontRole) is None
    with qtbot.assertNotEmitted(model.dataChanged):
        model.update_entry_state(9999, read=True)  # not in the list: nothing happens


def test_refresh_inserts_new_articles_on_top_and_keeps_rows(
    qtbot, fake_library: FakeLibrary
) -> None:
    model = EntryListModel(fake_library)
    model.set_source(view="all")
    kept = QPersistentModelIndex(model.index(0, TITLE_COLUMN))
    newest = fake_library.now + timedelta(minutes=1)
    fake_library.add_entry(make_entry(id=77, feed_id=2, title="Baru saja", published=newest))
    fake_library.mark_read([1])
    with qtbot.waitSignal(model.rowsInserted), qtbot.assertNotEmitted(model.modelReset):
        model.refresh()
    assert model.entry_ids()[0] == 77
    assert kept.row() == 1 and kept.data(ENTRY_ID_ROLE) == 1
    assert model.entry_at(1).read  # type: ignore[union-attr]


def test_rows_read_elsewhere_stay_in_the_unread_view(fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    model.set_source(view="unread")
    before = model.entry_ids()
    fake_library.mark_read([before[0]])
    model.refresh()
    assert model.entry_ids() == before


def test_sources_filter_by_folder_and_view(fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    model.set_source(folder="Elshinta")
    assert sorted(model.entry_ids()) == [1, 2, 3]
    model.set_source(view="starred")
    assert model.entry_ids() == [4]
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_a_refresh_read_on_another_thread_puts_new_articles_on_top(
    qtbot, fake_library: FakeLibrary
) -> None:
    model = EntryListModel(fake_library)
    model.set_source(feed_id=2)
    newest = fake_library.now + timedelta(minutes=1)
    fake_library.add_entry(make_entry(id=77, feed_id=2, title="Baru saja", published=newest))
    request = model.refresh_read()
    assert request is not None
    rows: list[object] = []
    run_task(request.read, rows.append)  # as RefreshFollower reads while a refresh runs
    qtbot.waitUntil(lambda: bool(rows))
    with qtbot.waitSignal(model.rowsInserted), qtbot.assertNotEmitted(model.modelReset):
        assert model.apply_refresh(request, rows[0])  # type: ignore[arg-type]
    assert model.entry_ids() == [77, 1, 2]


def test_a_read_for_what_the_list_no_longer_shows_is_dropped(fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    model.set_source(feed_id=2)
    request = model.refresh_read()
    assert request is not None
    rows = request.read()
    model.set_source(feed_id=1)
    assert not model.apply_refresh(request, rows)
    assert model.entry_ids() == [3]
    request = model.refresh_read()
    assert request is not None
    rows = request.read()
    model.set_sort("title", False)
    assert not model.apply_refresh(request, rows)


def test_more_new_articles_than_a_read_holds_start_the_list_again(tmp_path: Path) -> None:
    library = FakeLibrary(tmp_path, bulk=20)
    model = EntryListModel(library, page_size=5)
    model.set_source(feed_id=4)
    newest = library.now + timedelta(minutes=1)
    for n in range(6):  # a refresh stored more than a page since the list was read
        library.add_entry(make_entry(id=500 + n, feed_id=4, title=f"Baru {n}",
                                     published=newest + timedelta(minutes=n)))  # fmt: skip
    model.refresh()
    # Not the 5 newest on top of the 5 shown with the sixth new one missing in between.
    assert model.entry_ids() == [505, 504, 503, 502, 501]
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.entry_ids()[5:] == [500, 10_000, 10_001, 10_002, 10_003]


def test_a_read_older_than_a_change_made_here_does_not_undo_it(
    fake_library: FakeLibrary,
) -> None:
    model = EntryListModel(fake_library)
    model.set_source(feed_id=2)
    request = model.refresh_read()
    assert request is not None
    rows = request.read()  # article 1 still unread in it
    model.update_entry_state(1, read=True)  # opened meanwhile; the library is told later
    assert model.apply_refresh(request, rows)
    assert model.entry_at(0).read  # type: ignore[union-attr]


def test_dates_read_as_words_under_the_c_locale(fake_library: FakeLibrary) -> None:
    """A system without a language (LANG=C) showed "15 06 2021 02:28"."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        model = EntryListModel(fake_library)
        model.set_source(feed_id=2)
        older = model.entry_at(1)
        assert older is not None and older.published is not None
        local = to_qdatetime(older.published)
        months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]  # fmt: skip
        date = local.date()
        expected = f"{date.day()} {months[date.month() - 1]} {date.year()}"
        expected += f" {local.time().hour():02}:{local.time().minute():02}"
        assert model.index(1, DATE_COLUMN).data() == expected
    finally:
        QLocale.setDefault(before)
