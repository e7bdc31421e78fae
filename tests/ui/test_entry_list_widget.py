"""EntryListWidget: pages come as the reader scrolls, not at every layout; painting asks the
model one call per cell."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel

from newsreader.ui.models.entry_list import PAGE_SIZE, EntryListModel
from newsreader.ui.widgets.entry_list import EntryListWidget
from tests.helpers.fakes import FakeLibrary, make_entry


def _widget(qtbot, model: EntryListModel) -> EntryListWidget:
    widget = EntryListWidget(model)
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_new_articles_on_top_do_not_pull_in_more_pages(qtbot, tmp_path: Path) -> None:
    library = FakeLibrary(tmp_path, bulk=900)
    model = EntryListModel(library)
    widget = _widget(qtbot, model)
    model.set_source(feed_id=4)
    widget.doItemsLayout()
    assert model.rowCount() == PAGE_SIZE
    newest = library.now + timedelta(minutes=1)
    for n in range(3):  # a refresh adding articles, each time followed by a new layout
        library.add_entry(make_entry(id=800 + n, feed_id=4, title=f"Baru {n}",
                                     published=newest + timedelta(minutes=n)))  # fmt: skip
        model.refresh()
        widget.doItemsLayout()
    assert model.rowCount() == PAGE_SIZE + 3  # before: a page more at every layout
    widget.scrollToBottom()  # the reader reaches the end: the next page comes
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE + 3)


def test_a_short_page_is_still_filled_by_the_layout(qtbot, tmp_path: Path) -> None:
    library = FakeLibrary(tmp_path, bulk=40)
    model = EntryListModel(library, page_size=3)
    widget = _widget(qtbot, model)
    model.set_source(feed_id=4)
    # Three rows do not fill the view: it asks for pages until they do.
    qtbot.waitUntil(lambda: model.rowCount() * widget.sizeHintForRow(0) > widget.height())


class _PerRoleModel(EntryListModel):
    """Answers each role in its own call, as Qt's default multiData does."""

    multiData = QAbstractTableModel.multiData


def test_the_list_paints_the_same_with_one_call_per_cell(qtbot, tmp_path: Path) -> None:
    library = FakeLibrary(tmp_path, bulk=30)
    library.mark_read([10_001])
    library.set_starred(10_002, True)
    images, widgets = [], []
    for model in (EntryListModel(library), _PerRoleModel(library)):
        widget = _widget(qtbot, model)
        widgets.append(widget)
        model.set_source(view="all")
        widget.setCurrentIndex(model.index(2, 1))
        images.append(widget.grab().toImage())
    assert images[0] == images[1]
