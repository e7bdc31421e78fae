"""The folder commands of the feed list's context menu.

New Folder on any node or empty space; Rename and Delete on a folder; "Move To" on a feed, the
keyboard's way of doing what dragging does. Each action only emits a FeedTreeWidget signal:
FolderController asks the questions and changes the library. The menu knows the widget only
as a ``FolderMenuHost``, so the widget imports the menu and not the other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from newsreader.ui.icons import icon
from newsreader.ui.plain_text import menu_text

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from newsreader.ui.models.feed_tree import FeedTreeModel, NodeKey


class FolderMenuHost(Protocol):
    """What the menu uses of the feed list (FeedTreeWidget): its model and the signals its
    folder commands emit."""

    @property
    def new_folder_requested(self) -> SignalInstance: ...
    @property
    def rename_folder_requested(self) -> SignalInstance: ...
    @property
    def delete_folder_requested(self) -> SignalInstance: ...
    @property
    def move_requested(self) -> SignalInstance: ...
    def feed_model(self) -> FeedTreeModel: ...


def _separator(parent: QMenu) -> QAction:
    action = QAction(parent)
    action.setSeparator(True)
    return action


def folder_actions(tree: FolderMenuHost, key: NodeKey | None, parent: QMenu) -> list[QAction]:
    """The folder part of the context menu of ``key`` (None: empty space)."""
    actions: list[QAction] = [] if key is None else [_separator(parent)]
    if key is not None and key.kind == "feed":
        actions.append(_move_menu(tree, int(key.id), parent).menuAction())
    text = QCoreApplication.translate("FeedTreeMenu", "New Folder…")
    new = QAction(icon("folder"), text, parent)
    new.triggered.connect(lambda: tree.new_folder_requested.emit())
    actions.append(new)
    if key is not None and key.kind == "folder":
        name = str(key.id)
        text = QCoreApplication.translate("FeedTreeMenu", "Rename Folder…")
        rename = QAction(text, parent)
        rename.triggered.connect(lambda: tree.rename_folder_requested.emit(name))
        text = QCoreApplication.translate("FeedTreeMenu", "Delete Folder…")
        delete = QAction(icon("remove"), text, parent)
        delete.triggered.connect(lambda: tree.delete_folder_requested.emit(name))
        actions += [rename, delete]
    if key is not None and key.kind == "feed":
        actions.append(_separator(parent))  # then Remove and Properties
    return actions


def _move_menu(tree: FolderMenuHost, feed_id: int, parent: QMenu) -> QMenu:
    """Move To ▸ Top Level, then every folder (the feed's own one greyed out)."""
    menu = QMenu(QCoreApplication.translate("FeedTreeMenu", "Move To"), parent)
    model = tree.feed_model()
    current = model.folder_of(feed_id)
    top = QCoreApplication.translate("FeedTreeMenu", "Top Level")
    for folder, title in [("", top)] + [(name, menu_text(name)) for name in model.folder_names()]:
        action = menu.addAction(title)
        action.setEnabled(folder != current)
        action.triggered.connect(
            lambda _checked=False, f=folder: tree.move_requested.emit([feed_id], f)
        )
    return menu
