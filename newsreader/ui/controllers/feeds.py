"""FeedController: refreshing, subscribing, unsubscribing and exporting for the main window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QSettings, Qt, QTime, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from newsreader.core import Feed, NewsreaderError, UpdateResult
from newsreader.ui.dialogs.add_feed import AddFeedDialog
from newsreader.ui.dialogs.export import ExportDialog
from newsreader.ui.dialogs.feed_properties import FeedPropertiesDialog
from newsreader.ui.models.feed_tree import NodeKey
from newsreader.ui.plain_text import message_box
from newsreader.ui.widgets.message_bar import MessageAction
from newsreader.ui.workers import report_bug, run_task

if TYPE_CHECKING:
    from newsreader.core import LibraryApi
    from newsreader.ui.controllers.refresh_follow import RefreshFollower
    from newsreader.ui.models.entry_list import EntryListModel
    from newsreader.ui.widgets.entry_list import EntryListWidget
    from newsreader.ui.widgets.feed_tree import FeedTreeWidget
    from newsreader.ui.widgets.message_bar import MessageHub
    from newsreader.ui.widgets.refresh_status import RefreshStatusWidget
    from newsreader.ui.workers import UpdateScheduler

_MAX_ERRORS_LISTED = 3


class FeedController(QObject):
    """The subscription side of the window: scheduler progress and results, the add, remove
    and export flows. Problems go to the message area, never to a modal box.

    While a refresh runs, ``follower`` shows what it stored (counts, new articles) from a
    task; when it ends, the status bar says so once the window shows the end's results.
    """

    def __init__(
        self,
        library: LibraryApi,
        scheduler: UpdateScheduler,
        hub: MessageHub,
        *,
        follower: RefreshFollower,
        feed_tree: FeedTreeWidget,
        entry_model: EntryListModel,
        entry_list: EntryListWidget,
        refresh_status: RefreshStatusWidget,
        updated_label: QLabel,
        cancel_action: QAction,
        feeds: Callable[[], Sequence[Feed]],
        reload_feeds: Callable[[], None],
        settings: QSettings,
        parent: QWidget,
    ) -> None:
        """``feeds``: the subscriptions as the window last read them; ``reload_feeds`` reads
        them again. ``settings`` keeps the dialogs' choices (the export folder). ``parent``
        owns the dialogs and questions."""
        super().__init__(parent)
        self._parent = parent
        self.library = library
        self.hub = hub
        self.scheduler = scheduler
        self._tree = feed_tree
        self._entry_model = entry_model
        self._entry_list = entry_list
        self._refresh_status = refresh_status
        self._updated_label = updated_label
        self._cancel_action = cancel_action
        self._feeds = feeds
        self._reload_feeds = reload_feeds
        self._settings = settings
        self.follower = follower
        self.follower.caught_up.connect(self._on_caught_up)
        self._finished: list[UpdateResult] = []  # results waiting for the follower
        self.scheduler.update_started.connect(self._on_update_started)
        self.scheduler.progress_changed.connect(self._on_progress)
        self.scheduler.update_finished.connect(self._on_update_finished)
        self.scheduler.update_failed.connect(self._on_update_failed)

    # -- refreshing ------------------------------------------------------------------------
    def refresh_all(self) -> None:
        self.scheduler.refresh_now(None)

    def refresh_selected(self) -> None:
        key = self._tree.current_key()
        if key is not None:
            self.refresh_feeds(self._tree.feed_model().feed_ids_under(key))

    def refresh_feeds(self, feed_ids: list[int]) -> None:
        if feed_ids:
            self.scheduler.refresh_now(feed_ids)

    def cancel_refresh(self) -> None:
        self.scheduler.cancel()

    def _on_update_started(self) -> None:
        self._refresh_status.start()
        self._cancel_action.setEnabled(True)

    def _on_progress(self, done: int, total: int, stage: str, current: str) -> None:
        self._refresh_status.set_progress(done, total, stage, current)
        self.follower.follow()

    def _on_update_finished(self, results: list[UpdateResult]) -> None:
        self._cancel_action.setEnabled(self.scheduler.is_busy())
        self._finished.extend(results)
        self.follower.catch_up()

    def _on_caught_up(self) -> None:
        if not self.scheduler.is_busy():  # else the next refresh already shows its progress
            self._refresh_status.finish()
        now = QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
        self._updated_label.setText(self.tr("Updated at %1").replace("%1", now))
        results, self._finished = self._finished, []
        self._report_feed_errors(results)

    def _report_feed_errors(self, results: list[UpdateResult]) -> None:
        failed = [result for result in results if result.error]
        if not failed:
            return
        titles = {feed.id: feed.title for feed in self._feeds()}
        if len(failed) == len(results) and len(results) > 1:
            text = self.tr("None of the %n feed(s) could be updated. Is the computer offline?",
                           "", len(results))  # fmt: skip
            self.hub.warning(f"{text} ({failed[0].error})")
            return
        listed = "; ".join(
            f"{titles.get(r.feed_id, r.url)}: {r.error}" for r in failed[:_MAX_ERRORS_LISTED]
        )
        if len(failed) > _MAX_ERRORS_LISTED:
            listed += " …"
        text = self.tr("%n feed(s) could not be updated: %1", "", len(failed))
        self.hub.warning(text.replace("%1", listed))

    def _on_update_failed(self, exc: object) -> None:
        self._refresh_status.finish()
        if isinstance(exc, NewsreaderError):
            self.hub.error(self.tr("Updating failed: %1").replace("%1", str(exc)))
        elif isinstance(exc, BaseException):
            report_bug(exc)

    # -- subscribing -----------------------------------------------------------------------
    def _folders(self) -> list[str]:
        # The tree's folders: empty ones too, so a new folder can be chosen at once.
        return self._tree.feed_model().folder_names()

    def show_add_dialog(self, initial_url: str | None = None) -> AddFeedDialog:
        dialog = AddFeedDialog(self.library, self._folders(), self._parent,
                               initial_url=initial_url)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.feed_added.connect(self._on_feed_added)
        dialog.open()
        return dialog

    def _on_feed_added(self, feed: Feed) -> None:
        self._reload_feeds()
        self._tree.select_key(NodeKey("feed", feed.id))
        self.scheduler.refresh_now([feed.id])
        self.hub.info(self.tr("Subscribed to “%1”. Fetching its articles…")
                      .replace("%1", feed.title or feed.url))  # fmt: skip

    def show_properties_dialog(self, feed_id: int | None = None) -> FeedPropertiesDialog | None:
        """The properties of a feed (the selected one by default); None if there is none."""
        if feed_id is None:
            key = self._tree.current_key()
            if key is None or key.kind != "feed":
                return None
            feed_id = int(key.id)
        try:
            feed = self.library.feed(feed_id)  # fresh: the tree's copy may predate an update
        except NewsreaderError as exc:
            self.hub.error(str(exc))
            return None
        default = self.library.settings.refresh_interval_minutes
        dialog = FeedPropertiesDialog(self.library, feed, self._folders(), self._parent,
                                      default_interval=default)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.feed_changed.connect(self._on_feed_changed)
        dialog.open()
        return dialog

    def _on_feed_changed(self, _feed: Feed) -> None:
        self._reload_feeds()  # title and folder show in the tree
        self._entry_model.refresh()  # and the title in the article list

    def remove_selected_feed(self) -> None:
        key = self._tree.current_key()
        if key is not None and key.kind == "feed":
            self.remove_feed(int(key.id))

    def remove_feed(self, feed_id: int) -> None:
        """Ask (keeping starred articles is offered when there are any), then unsubscribe."""
        try:
            feed = self.library.feed(feed_id)
        except NewsreaderError as exc:
            self.hub.error(str(exc))
            return
        library = self.library
        run_task(
            lambda: library.starred_count(feed_id),
            lambda count: self._confirm_remove(feed, int(count)),  # type: ignore[call-overload]
            self._on_failed,
            context=self,
        )

    def _confirm_remove(self, feed: Feed, starred: int) -> None:
        keep = self.ask_remove(feed, starred)
        if keep is None:
            return
        library = self.library
        run_task(
            lambda: library.remove_feed(feed.id, keep_starred=keep),
            lambda _result: self._after_remove(feed),
            self._on_failed,
            context=self,
        )

    def ask_remove(self, feed: Feed, starred: int) -> bool | None:
        """True: remove but keep starred articles; False: remove all; None: cancelled."""
        text = self.tr("Remove “%1”?").replace("%1", feed.title or feed.url)
        box = message_box(self._parent, QMessageBox.Icon.Question,
                          self.tr("Remove Subscription"), text)  # fmt: skip
        delete = None
        if starred:
            box.setInformativeText(
                self.tr("It has %n starred article(s). Keep them in Starred?", "", starred)
            )
            keep = box.addButton(
                self.tr("Keep Starred Articles"), QMessageBox.ButtonRole.AcceptRole
            )
            delete = box.addButton(self.tr("Delete All"), QMessageBox.ButtonRole.DestructiveRole)
        else:
            box.setInformativeText(self.tr("Its articles will be deleted."))
            keep = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is keep:
            return True
        return False if clicked is delete and delete is not None else None

    def _after_remove(self, feed: Feed) -> None:
        self._reload_feeds()
        self.hub.info(self.tr("Removed “%1”.").replace("%1", feed.title or feed.url))

    def _on_failed(self, exc: Exception) -> None:
        self.hub.error(str(exc))

    # -- exporting ---------------------------------------------------------------------------
    def show_export_dialog(self) -> ExportDialog:
        key = self._tree.current_key()
        feed_id = int(key.id) if key is not None and key.kind == "feed" else None
        feed = next((f for f in self._feeds() if f.id == feed_id), None)
        dialog = ExportDialog(self.library, self._entry_list.selected_ids(), self._parent,
                              feed=feed, settings=self._settings)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.export_finished.connect(self._on_exported)
        dialog.open()
        return dialog

    def _on_exported(self, path: Path, count: int) -> None:
        text = self.tr("Exported %n article(s) to %1", "", count).replace("%1", str(path))
        url = QUrl.fromLocalFile(str(path))
        self.hub.info(text, MessageAction(self.tr("Open"), lambda: QDesktopServices.openUrl(url)))
