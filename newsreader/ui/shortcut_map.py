"""ShortcutMap: rebindable commands, their default keys, and the reader's keys in QSettings."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QKeyCombination, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence

log = logging.getLogger(__name__)

SETTINGS_GROUP = "shortcuts"
_PORTABLE = QKeySequence.SequenceFormat.PortableText


@dataclass(frozen=True)
class Command:
    """A rebindable command: its settings key, its action, what the dialog calls it, and its
    default shortcuts."""

    id: str
    action: QAction
    label: str
    defaults: tuple[QKeySequence, ...]


# Keys of special keyboards some platforms add to standard bindings (Undo: F14, Back: the
# browser key): not something to offer in the shortcuts dialog.
_SPECIAL_NAMES = ("Back", "Forward", "ZoomIn", "ZoomOut", "Undo", "Redo", "New", "Open",
                  "Close", "Save", "Print", "Copy", "Cut", "Paste", "Find")  # fmt: skip
_SPECIAL = {getattr(Qt.Key, f"Key_{name}") for name in _SPECIAL_NAMES}
_SPECIAL |= {getattr(Qt.Key, f"Key_F{n}") for n in range(13, 36)}


def keys(*specs: str | QKeySequence.StandardKey) -> tuple[QKeySequence, ...]:
    """Shortcuts from portable text ("Shift+A") or standard keys (the platform's bindings
    of it that an ordinary keyboard can type)."""
    found: list[QKeySequence] = []
    for spec in specs:
        if isinstance(spec, QKeySequence.StandardKey):
            found.extend(s for s in QKeySequence.keyBindings(spec) if _key(s) not in _SPECIAL)
        else:
            found.append(QKeySequence(spec))
    return tuple(dict.fromkeys(s for s in found if not s.isEmpty()))


def _key(sequence: QKeySequence) -> Qt.Key:
    first: QKeyCombination = sequence[0]  # type: ignore[index]  # the stubs lack seq[i]
    return first.key()


def to_text(sequences: Iterable[QKeySequence]) -> str:
    return QKeySequence.listToString([s for s in sequences if not s.isEmpty()], _PORTABLE)


def from_text(text: str) -> list[QKeySequence]:
    return [s for s in QKeySequence.listFromString(text, _PORTABLE) if not s.isEmpty()]


class ShortcutMap:
    """The rebindable commands and their shortcuts; what the reader changed is kept under
    ``shortcuts/<id>`` in QSettings (an empty value: no shortcut at all)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings
        self._commands: dict[str, Command] = {}

    def add(self, command: Command) -> None:
        self._commands[command.id] = command
        command.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def commands(self) -> list[Command]:
        return list(self._commands.values())

    def command(self, command_id: str) -> Command:
        return self._commands[command_id]

    def current(self, command_id: str) -> list[QKeySequence]:
        return list(self._commands[command_id].action.shortcuts())

    def load(self) -> None:
        """Every command gets its saved shortcuts, or its defaults."""
        for command in self._commands.values():
            key = f"{SETTINGS_GROUP}/{command.id}"
            saved = self._settings.value(key)
            chosen = from_text(str(saved)) if saved is not None else list(command.defaults)
            command.action.setShortcuts(chosen)
        for first, second, sequence in self.conflicts():
            # A hand-edited file could bind one key twice; Qt would then run neither.
            log.warning("%s is bound to both %s and %s: %s keeps it", sequence.toString(),
                        first, second, first)  # fmt: skip
            self._drop(second, sequence)

    def _drop(self, command_id: str, sequence: QKeySequence) -> None:
        action = self._commands[command_id].action
        action.setShortcuts([s for s in action.shortcuts() if s != sequence])

    def assign(self, assignments: Mapping[str, Sequence[QKeySequence]]) -> None:
        """Bind and remember; a command set back to its defaults is forgotten in QSettings."""
        for command_id, sequences in assignments.items():
            command = self._commands[command_id]
            chosen = [s for s in sequences if not s.isEmpty()]
            command.action.setShortcuts(chosen)
            key = f"{SETTINGS_GROUP}/{command_id}"
            if tuple(chosen) == command.defaults:
                self._settings.remove(key)
            else:
                self._settings.setValue(key, to_text(chosen))
        self._settings.sync()

    def reset(self) -> None:
        """Every command back to its default shortcuts."""
        self.assign({c.id: c.defaults for c in self._commands.values()})

    def conflicts(
        self, assignments: Mapping[str, Sequence[QKeySequence]] | None = None
    ) -> list[tuple[str, str, QKeySequence]]:
        """(first id, second id, key) for every key bound twice, given ``assignments`` over
        the current bindings."""
        bound = {c.id: list(c.action.shortcuts()) for c in self._commands.values()}
        bound.update({k: list(v) for k, v in (assignments or {}).items()})
        return find_conflicts(bound)


def find_conflicts(bound: dict[str, list[QKeySequence]]) -> list[tuple[str, str, QKeySequence]]:
    owner: dict[str, str] = {}
    found = []
    for command_id, sequences in bound.items():
        for sequence in sequences:
            text = sequence.toString(_PORTABLE)
            if not text:
                continue
            if text in owner and owner[text] != command_id:
                found.append((owner[text], command_id, sequence))
            else:
                owner.setdefault(text, command_id)
    return found
