"""SearchHighlighter: the words of a search marked in the article pane.

Marked with the text edit's extra selections, not in the rendered HTML: they are laid over
whatever the pane shows, so the article's sanitized HTML stays as stored, and they are
applied again (in the colours of the reading theme) every time the pane renders, which is
what a theme change, a zoom or a resize does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from newsreader.core import highlight_spans, theme_of
from newsreader.ui.widgets.article_view import ArticleViewWidget

MAX_MARKS = 500  # a long article full of a common word: enough to see, cheap to paint
_LIGHT = ("#ffe27a", "#000000")
_DARK = ("#8a6d00", "#ffffff")


class SearchHighlighter(QObject):
    """Marks ``terms`` (from ``library.search_terms``) in the pane while ``active()``. Case
    and diacritics are folded as the index folds them (``highlight_spans``)."""

    def __init__(
        self, view: ArticleViewWidget, active: Callable[[], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent or view)
        self._view = view
        self._active = active
        self._terms: list[str] = []
        view.display_changed.connect(self.apply)
        # The pane also lays the same article out again on a resize: mark it once it settles.
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.apply)
        view.document().contentsChanged.connect(self._later.start)

    def terms(self) -> list[str]:
        return list(self._terms)

    def set_terms(self, terms: Sequence[str]) -> None:
        self._terms = [t for t in terms if t.strip()]
        self.apply()

    def clear(self) -> None:
        self.set_terms(())

    def apply(self) -> None:
        """Mark the matches in what the pane shows now (or remove the marks)."""
        selections: list[QTextEdit.ExtraSelection] = []
        view = self._view
        if self._terms and view.mode() == "article" and self._active():
            char_format = self._format()
            block = view.document().firstBlock()
            # Block by block: a block's text and positions match one to one (an image is one
            # character), which the whole document's plain text does not promise.
            while block.isValid() and len(selections) < MAX_MARKS:
                for start, end in highlight_spans(block.text(), self._terms):
                    cursor = QTextCursor(block)
                    cursor.setPosition(block.position() + start)
                    cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
                    selection = QTextEdit.ExtraSelection()
                    selection.cursor = cursor
                    selection.format = char_format
                    selections.append(selection)
                block = block.next()
        view.setExtraSelections(selections[:MAX_MARKS])

    def marked(self) -> list[str]:
        """The texts marked now."""
        return [s.cursor.selectedText() for s in self._view.extraSelections()]

    def _format(self) -> QTextCharFormat:
        dark = QColor(theme_of(self._view.options()).background).lightness() < 128
        background, foreground = _DARK if dark else _LIGHT
        char_format = QTextCharFormat()
        char_format.setBackground(QColor(background))
        char_format.setForeground(QColor(foreground))
        return char_format
