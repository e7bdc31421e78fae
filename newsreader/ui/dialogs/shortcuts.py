"""ShortcutsDialog: Help > Keyboard Shortcuts, every command with its keys, rebindable.

A key bound to two commands is reported at once and OK stays disabled until it is resolved:
Qt would run neither of two actions sharing a shortcut.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QKeySequenceEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsreader.ui.plain_text import plain_label
from newsreader.ui.shortcut_map import ShortcutMap

SLOTS = 2  # a shortcut and an alternative (F5 beside R)
# Qt ships no Indonesian strings: listing the key editor's placeholder here puts it into our
# .ts, and our translator, installed for the whole application, answers Qt's own lookup.
QT_STRINGS = (
    QT_TRANSLATE_NOOP("QKeySequenceEdit", "Press shortcut"),
    QT_TRANSLATE_NOOP("QShortcut", "Space"),  # the name of a key, as the editors show it
)
_NATIVE = QKeySequence.SequenceFormat.NativeText


class ShortcutsDialog(QDialog):
    """A table: command, shortcut, alternative. OK binds and remembers the keys."""

    def __init__(self, shortcuts: ShortcutMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._map = shortcuts
        self._commands = shortcuts.commands()
        self._values = {c.id: shortcuts.current(c.id) for c in self._commands}
        self._labels = {c.id: c.label for c in self._commands}
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.resize(620, 560)
        intro = plain_label(self, self.tr("Click a shortcut and press the new key to change "
                                          "it. The clear button removes it."))  # fmt: skip
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self._commands), 1 + SLOTS, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Command"), self.tr("Shortcut"), self.tr("Alternative")]
        )
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 1 + SLOTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 170)
        self.editors: dict[tuple[str, int], QKeySequenceEdit] = {}
        for row, command in enumerate(self._commands):
            self._fill_row(row, command.id)
        self.conflict_label = plain_label(self)
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setStyleSheet("color: #b3261e;")
        self.conflict_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        defaults = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(self.restore_defaults)
        # Qt has no Indonesian strings of its own: the buttons are named here.
        defaults.setText(self.tr("Restore Defaults"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.conflict_label)
        layout.addWidget(self.buttons)

    def _fill_row(self, row: int, command_id: str) -> None:
        label = self._labels[command_id]
        item = QTableWidgetItem(label)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, 0, item)
        for slot in range(SLOTS):
            editor = QKeySequenceEdit(self.table)
            editor.setMaximumSequenceLength(1)
            editor.setClearButtonEnabled(True)
            name = self.tr("Shortcut for %1") if slot == 0 else self.tr("Alternative for %1")
            editor.setAccessibleName(name.replace("%1", label))
            editor.keySequenceChanged.connect(
                lambda sequence, c=command_id, s=slot: self._on_edited(c, s, sequence)
            )
            self.editors[command_id, slot] = editor
            self.table.setCellWidget(row, 1 + slot, editor)
        self._show_row(command_id)

    def _show_row(self, command_id: str) -> None:
        values = self._values[command_id]
        for slot in range(SLOTS):
            editor = self.editors[command_id, slot]
            editor.blockSignals(True)
            editor.setKeySequence(values[slot] if slot < len(values) else QKeySequence())
            editor.blockSignals(False)

    # -- editing ------------------------------------------------------------------------
    def set_shortcut(self, command_id: str, slot: int, sequence: QKeySequence | str) -> None:
        """Change one key as the reader would (tests, and the editors' signal)."""
        self.editors[command_id, slot].setKeySequence(QKeySequence(sequence))

    def _on_edited(self, command_id: str, slot: int, sequence: QKeySequence) -> None:
        values = list(self._values[command_id])
        while len(values) <= slot:
            values.append(QKeySequence())
        values[slot] = sequence  # positions kept: an empty first slot is not the second one
        self._values[command_id] = values
        self._check()

    def restore_defaults(self) -> None:
        for command in self._commands:
            self._values[command.id] = list(command.defaults)
            self._show_row(command.id)
        self._check()

    def values(self) -> dict[str, list[QKeySequence]]:
        return {k: [s for s in v if not s.isEmpty()] for k, v in self._values.items()}

    def conflicts(self) -> list[str]:
        """One sentence per key bound twice."""
        found = self._map.conflicts(self._values)
        return [
            self.tr("%1 is used by both “%2” and “%3”.")
            .replace("%1", sequence.toString(_NATIVE))
            .replace("%2", self._labels[first])
            .replace("%3", self._labels[second])
            for first, second, sequence in found
        ]

    def _check(self) -> None:
        problems = self.conflicts()
        self.conflict_label.setText("\n".join(problems))
        self.conflict_label.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def accept(self) -> None:
        if self.conflicts():
            return
        self._map.assign(self.values())
        super().accept()
