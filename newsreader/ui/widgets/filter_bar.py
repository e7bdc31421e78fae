"""FilterBarWidget: All / Unread only / Starred only above the article list.

The filter is part of the library's query (``EntryListModel.set_filter``), not a proxy over
the loaded rows, so paging keeps working on a list of 200,000 articles.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsreader.ui.models.entry_list import FILTERS
from newsreader.ui.plain_text import plain_label
from newsreader.ui.widgets.entry_list import EntryListWidget


class FilterBarWidget(QWidget):
    """Three exclusive toggles; one is always on.

    Signals:
        filter_changed(str): "all", "unread" or "starred", after the reader chose it.
    """

    filter_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(2)
        self._label = plain_label(self, self.tr("Show:"))
        layout.addWidget(self._label)
        texts = {
            # No mnemonics: Alt+A and friends belong to the menu bar.
            "all": (self.tr("All"), self.tr("Show every article")),
            "unread": (self.tr("Unread only"), self.tr("Show only the articles not read yet")),
            "starred": (self.tr("Starred only"), self.tr("Show only the starred articles")),
        }
        for name in FILTERS:
            text, tip = texts[name]
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoRaise(True)
            # Reachable with Tab (a tool button's default is mouse only in a toolbar).
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAccessibleName(text)
            button.setAccessibleDescription(tip)
            self._group.addButton(button)
            self.buttons[name] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _checked=False, name=name: self._on_clicked(name))
        layout.addStretch(1)
        self.buttons["all"].setChecked(True)
        self.setAccessibleName(self.tr("Article filter"))

    def current(self) -> str:
        return next((name for name, b in self.buttons.items() if b.isChecked()), "all")

    def set_current(self, name: str) -> None:
        """Show a filter as chosen, without emitting filter_changed."""
        if name in self.buttons:
            self.buttons[name].setChecked(True)

    def _on_clicked(self, name: str) -> None:
        self.filter_changed.emit(name)


class ArticleListPane(QWidget):
    """The filter bar over the article list; the filter goes to the list's model."""

    def __init__(self, entry_list: EntryListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_bar = FilterBarWidget(self)
        self.entry_list = entry_list
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(entry_list, 1)
        model = entry_list.entry_model()
        self.filter_bar.set_current(model.filter())
        self.filter_bar.filter_changed.connect(model.set_filter)

    def set_filter(self, name: str) -> None:
        """Choose a filter as the reader would (restoring the last session's)."""
        self.filter_bar.set_current(name)
        self.entry_list.entry_model().set_filter(name)
