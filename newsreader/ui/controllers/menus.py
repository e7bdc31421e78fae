"""Placing a part's actions in the menus the window already has, next to a given action.

The parts that add commands (subscription lists, sharing, folders, Settings) know only the
action theirs belong beside, not the menu it is in: these find the menu and the place.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def menu_of(action: QAction) -> QMenu | None:
    """The menu an action was added to (the first one), if any."""
    return next((o for o in action.associatedObjects() if isinstance(o, QMenu)), None)


def insert_after(anchor: QAction, actions: list[QAction]) -> None:
    """Put actions into the anchor's menu right after it (appended if it is in none)."""
    menu = menu_of(anchor)
    if menu is None:
        return
    items = menu.actions()
    following = items[items.index(anchor) + 1] if anchor is not items[-1] else None
    if following is None:
        menu.addActions(actions)
    else:
        menu.insertActions(following, actions)


def insert_group_before(anchor: QAction, actions: list[QAction]) -> None:
    """Put actions, as a group of their own, just above the group that ends before the anchor
    (File menu: above the separator before "Quit")."""
    menu = menu_of(anchor)
    if menu is None:
        return
    items = menu.actions()
    at = items.index(anchor)
    before = items[at - 1] if at > 0 and items[at - 1].isSeparator() else anchor
    menu.insertSeparator(before)
    menu.insertActions(before, actions)


def insert_group_after(anchor: QAction, action: QAction) -> None:
    """An action as a group of its own in the anchor's menu, right after the anchor (File:
    after Export and Print, before the subscription lists and Quit)."""
    menu = menu_of(anchor)
    if menu is None:
        return
    items = menu.actions()
    following = items[items.index(anchor) + 1 :]
    if not following:
        menu.addSeparator()
        menu.addAction(action)
        return
    menu.insertSeparator(following[0])
    menu.insertAction(following[0], action)
