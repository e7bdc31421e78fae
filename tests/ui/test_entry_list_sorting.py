"""Sorting and filtering the article list: by the library's query, paging kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt

from newsreader.ui.models.entry_list import (
    DATE_COLUMN,
    FEED_COLUMN,
    STAR_COLUMN,
    TITLE_COLUMN,
    EntryListModel,
)
from newsreader.ui.widgets.entry_list import EntryListWidget
from newsreader.ui.widgets.filter_bar import ArticleListPane, FilterBarWidget
from tests.helpers.fakes import FakeLibrary


def _queries(library: FakeLibrary) -> list[tuple[object, ...]]:
    """(limit, offset, sort, descending, unread_only, starred_only) of each entries() call."""
    return [args[3:] for args in library.called("entries")]


def test_sorting_re_queries_the_library_from_the_first_page(tmp_path: Path) -> None:
    library = FakeLibrary(tmp_path, bulk=450)
    model = EntryListModel(library, page_size=100)
    model.set_source(feed_id=4)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200
    library.calls.clear()
    model.sort(TITLE_COLUMN, Qt.SortOrder.AscendingOrder)
    assert _queries(library) == [(100, 0, "title", False, False, False)]
    assert model.rowCount() == 100  # back to one page
    titles = [model.entry_at(r).title for r in range(100)]  # type: ignore[union-attr]
    assert titles == sorted(titles, key=str.casefold)
    model.fetchMore(QModelIndex())  # paging goes on in the new order
    assert _queries(library)[-1] == (100, 100, "title", False, False, False)
    assert model.rowCount() == 200
    assert (model.sort_key(), model.descending()) == ("title", False)


def test_the_default_order_passes_no_sort_arguments(fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    model.set_source(view="all")
    model.sort(DATE_COLUMN, Qt.SortOrder.AscendingOrder)  # oldest first
    model.sort(DATE_COLUMN, Qt.SortOrder.DescendingOrder)  # back to the default
    assert [args[5:] for args in fake_library.called("entries")] == [
        ("date", True, False, False),  # the library's defaults, unspoken
        ("date", False, False, False),
        ("date", True, False, False),
    ]
    assert model.query_options() == {}
    assert model.entry_ids() == [1, 2, 3, 4]


def test_the_star_column_does_not_sort(fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    model.set_source(view="all")
    fake_library.calls.clear()
    model.sort(STAR_COLUMN, Qt.SortOrder.AscendingOrder)
    assert fake_library.called("entries") == []


def test_filters_go_to_the_query(fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    model.set_source(view="all")
    model.set_filter("unread")
    assert model.entry_ids() == [1, 2, 3]
    assert model.query_options() == {"unread_only": True}
    model.set_filter("starred")
    assert model.entry_ids() == [4]
    assert _queries(fake_library)[-1][-2:] == (False, True)
    model.set_source(feed_id=2)  # the filter stays for the next source
    assert model.entry_ids() == []
    model.set_filter("all")
    assert model.entry_ids() == [1, 2]


def test_the_model_passes_the_model_tester_sorted_and_filtered(
    qtmodeltester, tmp_path: Path
) -> None:
    library = FakeLibrary(tmp_path, bulk=300)
    model = EntryListModel(library, page_size=50)
    model.set_source(view="all")
    model.sort(FEED_COLUMN, Qt.SortOrder.AscendingOrder)
    model.set_filter("unread")
    qtmodeltester.check(model)
    model.fetchMore(QModelIndex())
    model.sort(TITLE_COLUMN, Qt.SortOrder.DescendingOrder)


def test_a_header_click_sorts_and_the_first_click_on_date_is_newest_first(
    qtbot, fake_library: FakeLibrary
) -> None:
    model = EntryListModel(fake_library)
    view = EntryListWidget(model)
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    model.set_source(view="all")
    header = view.header()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(TITLE_COLUMN)
    assert (model.sort_key(), model.descending()) == ("title", False)
    assert header.sortIndicatorSection() == TITLE_COLUMN
    click(TITLE_COLUMN)
    assert (model.sort_key(), model.descending()) == ("title", True)
    click(DATE_COLUMN)
    assert (model.sort_key(), model.descending()) == ("date", True)
    click(STAR_COLUMN)  # not a sort: the indicator stays on Date
    assert header.sortIndicatorSection() == DATE_COLUMN
    assert (model.sort_key(), model.descending()) == ("date", True)


def test_search_results_keep_their_order_and_the_header_does_not_sort(
    qtbot, fake_library: FakeLibrary
) -> None:
    model = EntryListModel(fake_library)
    view = EntryListWidget(model)
    qtbot.addWidget(view)
    model.set_search("varian")
    assert model.is_search()
    assert model.entry_ids() == [3]
    assert not view.header().sectionsClickable()
    model.set_filter("unread")  # the filter still applies, as the search's view
    assert fake_library.called("search")[-1][3:] == (None, "unread", "relevance")
    model.set_source(view="all")
    assert view.header().sectionsClickable()


def test_the_filter_bar_sets_the_models_filter(qtbot, fake_library: FakeLibrary) -> None:
    model = EntryListModel(fake_library)
    pane = ArticleListPane(EntryListWidget(model))
    qtbot.addWidget(pane)
    model.set_source(view="all")
    bar: FilterBarWidget = pane.filter_bar
    assert bar.current() == "all"
    qtbot.mouseClick(bar.buttons["starred"], Qt.MouseButton.LeftButton)
    assert model.filter() == "starred" and model.entry_ids() == [4]
    qtbot.mouseClick(bar.buttons["unread"], Qt.MouseButton.LeftButton)
    assert model.filter() == "unread" and not bar.buttons["starred"].isChecked()
    pane.set_filter("all")
    assert bar.current() == "all" and model.entry_ids() == [1, 2, 3, 4]
