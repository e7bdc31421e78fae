"""Window geometry, splitter and list-header state, kept in QSettings between sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

if TYPE_CHECKING:
    from newsreader.ui.main_window import MainWindow


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
        window.entry_list.header().restoreState(header_state)


def save_window_state(window: MainWindow) -> None:
    s = window.settings
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/main_splitter", window.main_splitter.saveState())
    s.setValue("window/content_splitter", window.content_splitter.saveState())
    s.setValue("window/list_header", window.entry_list.header().saveState())
    s.setValue("window/article_below", window.commands.article_below.isChecked())
    key = window.feed_tree.current_key()
    s.setValue("window/source", f"{key.kind}:{key.id}" if key else "")
    s.sync()
