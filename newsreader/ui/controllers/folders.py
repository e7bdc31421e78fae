"""FolderController: folders of the feed list.

New Folder (File menu and the tree's context menu), Rename, Delete (its feeds go to the top
level, after a question), and moving feeds by drag and drop or "Move To". Each change runs in
a task; the tree reloads from the library afterwards. A name the library refuses (empty, or a
folder that exists) becomes a message, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from newsreader.core import NewsreaderError
from newsreader.ui.controllers.menus import insert_after
from newsreader.ui.icons import icon
from newsreader.ui.models.feed_tree import NodeKey
from newsreader.ui.plain_text import message_box
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import LibraryApi
    from newsreader.ui.widgets.feed_tree import FeedTreeWidget
    from newsreader.ui.widgets.message_bar import MessageHub


class FolderController(QObject):
    """Creates, renames and deletes folders and moves feeds between them for the window."""

    def __init__(
        self,
        library: LibraryApi,
        hub: MessageHub,
        feed_tree: FeedTreeWidget,
        *,
        add_feed_action: QAction,
        reload_feeds: Callable[[], None],
        parent: QWidget,
    ) -> None:
        """The New Folder command goes after ``add_feed_action``; ``parent`` owns it and the
        questions."""
        super().__init__(parent)
        self._parent = parent
        self.library = library
        self._hub = hub
        self._tree = feed_tree
        self._reload_feeds = reload_feeds
        feed_tree.feed_model().set_icon_root(library.data_dir)  # site icons
        self.sync_folders()
        feed_tree.new_folder_requested.connect(self.new_folder)
        feed_tree.rename_folder_requested.connect(self.rename_folder)
        feed_tree.delete_folder_requested.connect(self.delete_folder)
        feed_tree.move_requested.connect(self.move_feeds)
        self.new_folder_action = QAction(icon("folder"), self.tr("New &Folder…"), parent)
        self.new_folder_action.triggered.connect(lambda _checked=False: self.new_folder())
        insert_after(add_feed_action, [self.new_folder_action])

    # -- questions (tests replace these) ---------------------------------------------------
    def ask_name(self, title: str, label: str, text: str = "") -> str | None:
        """A folder name from the reader, or None if cancelled."""
        dialog = QInputDialog(self._parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(text)
        # Qt ships no Indonesian for its standard buttons: name them ourselves.
        dialog.setOkButtonText(self.tr("OK"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        if not dialog.exec():
            return None
        return dialog.textValue().strip() or None

    def confirm_delete(self, name: str, feeds: int) -> bool:
        box = message_box(
            self._parent, QMessageBox.Icon.Question, self.tr("Delete Folder"),
            self.tr("Delete the folder “%1”?").replace("%1", name),
            self.tr("Its %n subscription(s) will move to the top level; none is removed.", "",
                    feeds) if feeds else "",
        )  # fmt: skip
        delete = box.addButton(self.tr("Delete Folder"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is delete

    # -- commands ------------------------------------------------------------------------
    def new_folder(self) -> None:
        name = self.ask_name(self.tr("New Folder"), self.tr("Name of the new folder:"))
        if name is None or self._exists(name):
            return
        library = self.library
        self._run(lambda: library.create_folder(name), lambda stored: self._show(str(stored)))

    def rename_folder(self, name: str) -> None:
        new = self.ask_name(self.tr("Rename Folder"), self.tr("New name of the folder:"), name)
        if new is None or new == name:
            return
        library = self.library
        self._run(lambda: library.rename_folder(name, new), lambda _moved: self._show(new))

    def delete_folder(self, name: str) -> None:
        feeds = self._tree.feed_model().feed_ids_under(NodeKey("folder", name))
        if not self.confirm_delete(name, len(feeds)):
            return
        library, hub = self.library, self._hub

        def done(_moved: object) -> None:
            hub.info(self.tr("Deleted the folder “%1”.").replace("%1", name))

        self._run(lambda: library.delete_folder(name), done)

    def move_feeds(self, feed_ids: list[int], folder: str) -> None:
        """Put feeds into a folder ("" for the top level); what is selected stays so."""
        if not feed_ids:
            return
        library = self.library
        self._run(lambda: library.move_feeds(feed_ids, folder), lambda _count: None)

    # -- plumbing --------------------------------------------------------------------------
    def sync_folders(self) -> None:
        """Let the tree show folders without feeds too (a fast read)."""
        try:
            names = self.library.folders()
        except NewsreaderError as exc:
            self._hub.error(str(exc))
            return
        self._tree.feed_model().set_folders(names)

    def _exists(self, name: str) -> bool:
        if name not in self._tree.feed_model().folder_names():
            return False
        self._hub.warning(self.tr("There is already a folder “%1”.").replace("%1", name))
        return True

    def _show(self, name: str) -> None:
        self._tree.select_key(NodeKey("folder", name))

    def _run(self, work: Callable[[], object], then: Callable[[object], None]) -> None:
        def guarded() -> object:
            try:
                return work()
            except ValueError as exc:  # a name the library refuses: the reader's to fix
                return exc

        def done(result: object) -> None:
            self.sync_folders()
            self._reload_feeds()
            if isinstance(result, ValueError):
                text = self.tr("Could not change the folders: %1").replace("%1", str(result))
                self._hub.warning(text)
            else:
                then(result)

        def failed(exc: Exception) -> None:
            self.sync_folders()
            self._reload_feeds()
            self._hub.error(self.tr("Could not change the folders: %1").replace("%1", str(exc)))

        run_task(guarded, done, failed, context=self, ordered=True)
