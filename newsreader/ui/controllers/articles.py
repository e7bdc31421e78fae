"""ArticleController: the article on show and the state of articles.

Opening an article (from the list, a related link, or Back), marking articles read or
unread, starring them. Every state change runs in the ordered task queue; the list and the
pane show it at once and the counts follow when the library has it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QGuiApplication

from newsreader.core import Entry, NewsreaderError
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import LibraryApi
    from newsreader.ui.models.entry_list import EntryListModel
    from newsreader.ui.widgets.article_view import ArticleViewWidget
    from newsreader.ui.widgets.entry_list import EntryListWidget
    from newsreader.ui.widgets.message_bar import MessageHub


class ArticleController(QObject):
    """Shows articles in the pane and changes their read and starred state.

    Signals:
        state_changed(): the article shown, its state or the way back changed (the window
            enables and labels its commands after it).
    """

    state_changed = Signal()

    def __init__(
        self,
        library: LibraryApi,
        hub: MessageHub,
        *,
        entry_model: EntryListModel,
        entry_list: EntryListWidget,
        article_view: ArticleViewWidget,
        reload_feeds: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        """``reload_feeds`` reads the counts again once the library has a change."""
        super().__init__(parent)
        self.library = library
        self._hub = hub
        self._entry_model = entry_model
        self._entry_list = entry_list
        self._article_view = article_view
        self._reload_feeds = reload_feeds
        self._history: list[int] = []  # entries left by following related links
        self._pending_related: str | None = None

    # -- what is shown ------------------------------------------------------------------------
    def shown_id(self) -> int | None:
        entry = self._article_view.entry()
        return entry.id if entry is not None else None

    def can_go_back(self) -> bool:
        return bool(self._history)

    def forget_history(self) -> None:
        """Another source was chosen: Back and a related article on its way no longer apply."""
        self._history.clear()
        self._pending_related = None

    def on_entry_selected(self, entry_id: int) -> None:
        if entry_id != self.shown_id():
            self._history.clear()
            self.show_entry(entry_id)

    def restore_entry_selection(self) -> None:
        """The list was read again: select the article shown, if it is still there."""
        shown = self.shown_id()
        if shown is not None:
            self._entry_list.select_entry(shown)

    def show_entry(self, entry_id: int) -> None:
        """Show an article and mark it read."""
        try:
            entry = self.library.entry(entry_id)
        except NewsreaderError as exc:
            self._hub.error(self.tr("Could not open the article: %1").replace("%1", str(exc)))
            return
        self._display(entry)
        if not entry.read:
            self.set_read([entry.id], True)

    def _display(self, entry: Entry) -> None:
        self._pending_related = None
        self._article_view.show_entry(entry, self._cached_related(entry))
        self.state_changed.emit()

    def _cached_related(self, entry: Entry) -> set[str]:
        urls = [link.url for link in entry.related]
        return set(self.library.cached_urls(urls)) if urls else set()

    # -- related links and the way back ---------------------------------------------------
    def open_related(self, url: str) -> None:
        """Open a related link of the shown article in the pane (fetched if not stored)."""
        entry = self._article_view.entry()
        if entry is None:
            return
        title = next((link.title for link in entry.related if link.url == url), url)
        self._pending_related = url
        self._history.append(entry.id)
        self._article_view.show_loading(title)
        self.state_changed.emit()
        library = self.library
        run_task(
            lambda: library.open_related(entry.id, url),
            lambda result: self._on_related_loaded(url, result),
            lambda exc: self._on_related_failed(url, entry, exc),
            context=self,
        )

    def _on_related_loaded(self, url: str, result: object) -> None:
        if self._pending_related != url or not isinstance(result, Entry):
            return  # the reader moved on meanwhile
        self._display(result)
        if not result.read:
            self.set_read([result.id], True)
        else:
            self._reload_feeds()  # it may be new in the library

    def _on_related_failed(self, url: str, previous: Entry, exc: Exception) -> None:
        if self._pending_related != url:
            return
        if self._history and self._history[-1] == previous.id:
            self._history.pop()
        self._display(previous)
        self._hub.error(self.tr("Could not open the related article: %1").replace("%1", str(exc)))

    def go_back(self) -> None:
        """Back to the article a related link was followed from."""
        if self._history:
            entry_id = self._history.pop()
            self.show_entry(entry_id)

    # -- the shown article elsewhere --------------------------------------------------------
    def open_in_browser(self) -> None:
        entry = self._article_view.entry()
        if entry is not None and entry.url.startswith(("http://", "https://")):
            self._article_view.open_external(QUrl(entry.url))

    def copy_link(self) -> None:
        entry = self._article_view.entry()
        if entry is not None:
            QGuiApplication.clipboard().setText(entry.url)

    # -- state changes (each a task) ---------------------------------------------------------
    def toggle_read(self) -> None:
        """Mark the selected articles (or the shown one) read, or unread if it is read."""
        ids, read_now = self.read_target()
        if ids:
            self.set_read(ids, not read_now)

    def read_target(self) -> tuple[list[int], bool]:
        """The articles "Mark as Read/Unread" acts on, and whether they count as read now."""
        entry = self._article_view.entry()
        ids = self._entry_list.selected_ids() or ([entry.id] if entry is not None else [])
        if not ids:
            return [], False
        if entry is not None and entry.id in ids:
            return ids, entry.read
        first = self._entry_model.entry_at(self._entry_model.row_of(ids[0]) or 0)
        return ids, bool(first and first.read)

    def toggle_star(self) -> None:
        entry = self._article_view.entry()
        if entry is not None:
            self.set_starred(entry.id, not entry.starred)
        else:
            self.state_changed.emit()  # undo the checkable action's own toggle

    def set_read(self, ids: list[int], read: bool) -> None:
        for entry_id in ids:
            self._entry_model.update_entry_state(entry_id, read=read)
        if self.shown_id() in ids:
            self._article_view.update_entry_state(read=read)
        self.state_changed.emit()
        library = self.library
        run_task(lambda: library.mark_read(ids, read), self._after_change, self.on_change_failed,
                 context=self, ordered=True)  # fmt: skip

    def set_starred(self, entry_id: int, starred: bool) -> None:
        self._entry_model.update_entry_state(entry_id, starred=starred)
        if self.shown_id() == entry_id:
            self._article_view.update_entry_state(starred=starred)
        self.state_changed.emit()
        library = self.library
        run_task(lambda: library.set_starred(entry_id, starred), self._after_change,
                 self.on_change_failed, context=self, ordered=True)  # fmt: skip

    def _after_change(self, _result: object = None) -> None:
        self._reload_feeds()

    def after_bulk_change(self, _result: object = None) -> None:
        """Many articles changed (mark all read, its undo): read the list, the counts and
        the shown article's state again."""
        self._entry_model.refresh()
        self._reload_feeds()
        entry = self._article_view.entry()
        if entry is not None:
            try:
                fresh = self.library.entry(entry.id)
            except NewsreaderError:
                return
            self._article_view.update_entry_state(read=fresh.read, starred=fresh.starred)
        self.state_changed.emit()

    def on_change_failed(self, exc: Exception) -> None:
        self._hub.error(self.tr("Could not save the change: %1").replace("%1", str(exc)))
        self.after_bulk_change()
