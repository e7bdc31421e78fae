"""Mark all as read, with undo.

After "Mark All as Read" (Shift+A, toolbar, menu, tree context menu) the status bar offers
"N articles marked read — Undo" for a few seconds, and Edit > Undo Mark All as Read (Ctrl+Z)
while it lasts. Undo marks exactly the articles that were marked (``mark_read(ids, False)``)
through the ordered task queue, so it cannot overtake the marking it undoes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QStatusBar, QWidget

from newsreader.ui.icons import icon
from newsreader.ui.models.feed_tree import NodeKey
from newsreader.ui.plain_text import plain_label
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import LibraryApi

UNDO_MS = 8000
_PAGE = 1000


class UndoBarWidget(QWidget):
    """The status bar's "N articles marked read" with an Undo button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = plain_label(self)
        self.button = QPushButton(self.tr("Undo"), self)
        self.button.setIcon(icon("undo"))
        self.button.setAccessibleName(self.tr("Undo mark all as read"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.setAccessibleName(self.tr("Undo"))


class MarkAllReadController(QObject):
    """Marks every article of a feed, folder, view or search read, and can take it back."""

    def __init__(
        self,
        library: LibraryApi,
        *,
        query_for: Callable[[NodeKey], str | None],
        after_change: Callable[[], None],
        on_failed: Callable[[Exception], None],
        status_bar: QStatusBar,
        parent: QWidget,
        undo_ms: int = UNDO_MS,
    ) -> None:
        """``query_for``: the query of a search node; ``after_change``: the views re-read
        what changed; ``on_failed``: a change could not be saved. The Undo action is added
        to ``parent``, so its shortcut works wherever the focus is in it."""
        super().__init__(parent)
        self._library = library
        self._query_for = query_for
        self._after_change = after_change
        self._on_failed = on_failed
        self._status_bar = status_bar
        self._ids: list[int] = []
        self.undo_action = QAction(icon("undo"), self.tr("&Undo Mark All as Read"), parent)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(lambda _checked=False: self.undo())
        parent.addAction(self.undo_action)
        self.bar = UndoBarWidget(parent)
        self.bar.button.clicked.connect(self.undo)
        self.bar.hide()
        # Permanent, at the left of the others: a passing status message must not hide it.
        status_bar.insertPermanentWidget(0, self.bar)
        self.timer = QTimer(self, singleShot=True, interval=undo_ms)
        self.timer.timeout.connect(self.expire)

    def install(self, edit_menu: QMenu) -> None:
        first = edit_menu.actions()
        if first:
            edit_menu.insertAction(first[0], self.undo_action)
        else:
            edit_menu.addAction(self.undo_action)

    def undoable_ids(self) -> list[int]:
        """The articles Undo would mark unread again (empty once it expired)."""
        return list(self._ids)

    # -- marking ----------------------------------------------------------------------------
    def mark_all_read(self, key: NodeKey | None) -> None:
        """Mark every unread article under ``key`` read, in the ordered task queue."""
        if key is None:
            return
        work = self._work_for(key)
        if work is None:
            return
        run_task(work, self._on_marked, self._on_failed, context=self, ordered=True)

    def _work_for(self, key: NodeKey) -> Callable[[], list[int]] | None:
        library = self._library
        if key.kind in ("search", "saved"):
            query = self._query_for(key)
            if not query:
                return None

            def mark_found() -> list[int]:
                ids: list[int] = []
                offset = 0
                while True:  # every match, a page at a time (newest first: a stable order)
                    page = library.search(query, limit=_PAGE, offset=offset, order="newest")
                    ids += [row.id for row in page if not row.read]
                    offset += len(page)
                    if len(page) < _PAGE:
                        break
                if ids:
                    library.mark_read(ids, True)
                return ids

            return mark_found
        if key.kind == "feed":
            return lambda: library.mark_all_read_undoable(feed_id=int(key.id))
        if key.kind == "folder":
            return lambda: library.mark_all_read_undoable(folder=str(key.id))
        return lambda: library.mark_all_read_undoable(view=key.id)  # type: ignore[arg-type]

    def _on_marked(self, result: object) -> None:
        ids = [int(i) for i in result] if isinstance(result, list | tuple) else []
        self._after_change()
        if not ids:
            self._status_bar.showMessage(self.tr("No unread articles here."), 4000)
            return
        self._ids = ids
        text = self.tr("%n article(s) marked read", "", len(ids))
        self.bar.label.setText(text)
        self.bar.show()
        self.undo_action.setEnabled(True)
        self.timer.start()

    # -- undoing --------------------------------------------------------------------------------
    def undo(self) -> None:
        """Mark the articles of the last Mark All as Read unread again."""
        ids = self._ids
        if not ids:
            return
        self.expire()
        library = self._library
        run_task(lambda: library.mark_read(ids, False), lambda _r: self._on_undone(ids),
                 self._on_failed, context=self, ordered=True)  # fmt: skip

    def _on_undone(self, ids: list[int]) -> None:
        self._after_change()
        text = self.tr("%n article(s) marked unread again", "", len(ids))
        self._status_bar.showMessage(text, 4000)

    def expire(self) -> None:
        """The offer ends: the bar goes, Edit > Undo is disabled."""
        self.timer.stop()
        self._ids = []
        self.bar.hide()
        self.undo_action.setEnabled(False)
