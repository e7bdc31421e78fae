"""Window geometry, splitter and list-header state, the list's sort and filter, and the
article shown, kept in QSettings between sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex

from newsreader.core import NewsreaderError

if TYPE_CHECKING:
    from newsreader.ui.main_window import MainWindow


_RESTORE_ROWS = 1000  # how far down the list the last article is looked for at launch


def restore_window_state(window: MainWindow) -> None:
    """Put the window back as the reader left it (a sensible default the first time)."""
    s = window.settings
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(1240, 780)
    below = bool(s.value("window/article_below", True, type=bool))
    window.commands.article_below.setChecked(below)
    window.set_article_below(below, resize=False)  # orientation first: the sizes belong to it
    for key, splitter in (("main", window.main_splitter), ("content", window.content_splitter)):
        state = s.value(f"window/{key}_splitter")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
        elif splitter is window.content_splitter:
            window.set_article_below(below)
    header_state = s.value("window/list_header")
    if isinstance(header_state, QByteArray):
        window.entry_list.header().restoreState(header_state)  # column widths and order
    descending = bool(s.value("list/descending", True, type=bool))
    window.entry_list.sort_by(str(s.value("list/sort", "date")), descending)
    window.list_pane.set_filter(str(s.value("list/filter", "all")))


def restore_selected_entry(window: MainWindow) -> None:
    """Show the article that was shown at the last quit, selected in the list if it is among
    its first rows; quietly nothing if it is gone."""
    raw = str(window.settings.value("window/entry", "") or "")
    if not raw.isdigit():
        return
    entry_id, model = int(raw), window.entry_model
    while model.row_of(entry_id) is None and model.canFetchMore(QModelIndex()):
        if model.rowCount() >= _RESTORE_ROWS:
            break
        model.fetchMore(QModelIndex())
    if window.entry_list.select_entry(entry_id):
        return
    try:
        window.library.entry(entry_id)
    except NewsreaderError:
        return
    window.show_entry(entry_id)


def save_window_state(window: MainWindow) -> None:
    s = window.settings
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/main_splitter", window.main_splitter.saveState())
    s.setValue("window/content_splitter", window.content_splitter.saveState())
    s.setValue("window/list_header", window.entry_list.header().saveState())
    s.setValue("window/article_below", window.commands.article_below.isChecked())
    key = window.feed_tree.current_key()
    s.setValue("window/source", f"{key.kind}:{key.id}" if key else "")
    shown = window.article_view.entry()
    s.setValue("window/entry", shown.id if shown is not None else "")
    model = window.entry_model
    s.setValue("list/sort", model.sort_key())
    s.setValue("list/descending", model.descending())
    s.setValue("list/filter", model.filter())
    s.sync()
