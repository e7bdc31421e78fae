"""Tray icon with the unread count, minimising to the tray, and grouped desktop notifications
for new articles.

The logic lives apart from ``QSystemTrayIcon`` (absent on some desktops and offscreen):
``notification_text`` words one notice per refresh, ``Notifier`` decides from the settings
and the feeds (``Feed.notify``) which count, ``badge_icon`` draws the count;
``TrayController`` only shows them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from newsreader.core import Settings, UpdateResult
from newsreader.ui.icons import icon
from newsreader.ui.models.feed_tree import UNREAD_ROLE, NodeKey
from newsreader.ui.plain_text import notice_text

if TYPE_CHECKING:
    from newsreader.core import Feed, LibraryApi
    from newsreader.ui.models.feed_tree import FeedTreeModel
    from newsreader.ui.workers import UpdateScheduler

log = logging.getLogger(__name__)

_NOTICE_MS = 8000
_SHOWN_FEEDS = 3


def new_article_counts(
    results: Sequence[UpdateResult], titles: Mapping[int, str], feeds: set[int]
) -> list[tuple[str, int]]:
    """(feed title, new articles) of the opted-in feeds that got any, most first."""
    counts = [(titles.get(r.feed_id, r.url), r.new) for r in results
              if r.new > 0 and r.feed_id in feeds and not r.error]  # fmt: skip
    return sorted(counts, key=lambda item: -item[1])


def notification_text(counts: Sequence[tuple[str, int]]) -> tuple[str, str] | None:
    """The one notice of a refresh: ("5 new articles in Elshinta – Nasional", "") or
    ("12 new articles in 3 feeds", "Elshinta – Nasional (7), …"); None if nothing is new."""
    if not counts:
        return None
    total = sum(n for _, n in counts)
    if len(counts) == 1:
        one = QCoreApplication.translate("Notifier", "%n new article(s) in %1", "", total)
        return one.replace("%1", counts[0][0]), ""
    several = QCoreApplication.translate("Notifier", "%n new article(s) in %1 feeds", "", total)
    headline = several.replace("%1", str(len(counts)))
    listed = ", ".join(f"{title} ({n})" for title, n in counts[:_SHOWN_FEEDS])
    return headline, listed + (", …" if len(counts) > _SHOWN_FEEDS else "")


class Notifier(QObject):
    """Turns a refresh's results into at most one notice: notices on in the settings, for
    the feeds that asked for one.

    ``feeds`` gives the subscriptions as the window last read them: their titles, and which
    opted in.

    Signals:
        notification_ready(str, str): headline and details of the notice to show.
    """

    notification_ready = Signal(str, str)

    def __init__(
        self,
        settings: Callable[[], Settings],
        feeds: Callable[[], Sequence[Feed]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._feeds = feeds

    def on_update_finished(self, results: Sequence[UpdateResult]) -> tuple[str, str] | None:
        if not self._settings().notifications:
            return None
        feeds = self._feeds()
        opted_in = {feed.id for feed in feeds if feed.notify}
        if not opted_in:
            return None
        titles = {feed.id: feed.title for feed in feeds}
        text = notification_text(new_article_counts(results, titles, opted_in))
        if text is not None:
            self.notification_ready.emit(*text)
        return text


def notices_read_as_markup() -> bool:
    """Whether the tray's notices go to a desktop that reads them as markup.

    On Linux and the BSDs Qt hands them to the freedesktop notification server over D-Bus
    when a StatusNotifierItem host is registered, and such servers read the text as markup
    (``<img src>`` included); otherwise Qt shows its own balloon, a plain label, as Windows
    and macOS show theirs.
    """
    if sys.platform in ("win32", "darwin"):
        return False
    from PySide6.QtDBus import QDBusConnection

    bus = QDBusConnection.sessionBus()
    interface = bus.interface() if bus.isConnected() else None
    if interface is None:
        return False
    reply = interface.isServiceRegistered("org.kde.StatusNotifierWatcher")
    return reply.isValid() and bool(reply.value())


def badge_icon(base: QIcon, count: int, size: int = 64) -> QIcon:
    """``base`` with the unread count in a red badge (none for 0; "999+" past 999)."""
    pixmap = base.pixmap(size, size)
    if count <= 0:
        return QIcon(pixmap)
    text = str(count) if count <= 999 else "999+"
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * (0.42 if len(text) <= 2 else 0.3)))
    painter.setFont(font)
    width = max(size * 0.5, painter.fontMetrics().horizontalAdvance(text) + size * 0.16)
    badge = QRectF(size - width, size * 0.46, width, size * 0.54)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#d93025"))
    painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class TrayController(QObject):
    """The tray icon of the window, when the desktop has a tray; notices go through it.

    ``window`` is the top-level widget it hides to the tray, shows again and closes on Quit;
    ``tree_model`` gives the unread count, ``feeds`` the subscriptions (which want notices,
    their titles). ``available`` overrides the desktop's answer (tests). Without a tray, the
    count still shows in the window title and nothing hides.
    """

    def __init__(
        self,
        window: QWidget,
        library: LibraryApi,
        scheduler: UpdateScheduler,
        tree_model: FeedTreeModel,
        *,
        feeds: Callable[[], Sequence[Feed]],
        refresh_all: Callable[[], None],
        available: bool | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._tree_model = tree_model
        self._refresh_all = refresh_all
        self.unread = 0
        self.notifier = Notifier(lambda: library.settings, feeds, self)
        scheduler.update_finished.connect(self.notifier.on_update_finished)
        self.notifier.notification_ready.connect(self.show_notice)
        if available is None:
            available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = QSystemTrayIcon(window) if available else None
        # How the desktop reads the notices' text; decided once, as Qt decides its tray.
        self.notice_markup = self.tray is not None and notices_read_as_markup()
        if self.tray is not None:
            self._build_tray(self.tray)
        tree_model.modelReset.connect(self.update_count)
        tree_model.dataChanged.connect(self.update_count)
        window.installEventFilter(self)
        self.update_count()

    def _build_tray(self, tray: QSystemTrayIcon) -> None:
        menu = QMenu(self._window)
        show = QAction(self.tr("Show Newsreader"), menu)
        show.triggered.connect(lambda _checked=False: self.show_window())
        refresh = QAction(icon("refresh"), self.tr("Refresh All Feeds"), menu)
        refresh.triggered.connect(lambda _checked=False: self._refresh_all())
        quit_action = QAction(self.tr("Quit"), menu)
        quit_action.triggered.connect(lambda _checked=False: self.quit())
        menu.addActions([show, refresh])
        menu.addSeparator()
        menu.addAction(quit_action)
        tray.setContextMenu(menu)
        tray.activated.connect(self._on_activated)
        tray.show()

    # -- the count ----------------------------------------------------------------------
    def update_count(self) -> None:
        index = self._tree_model.index_for(NodeKey("view", "unread"))
        count = int(index.data(UNREAD_ROLE) or 0) if index.isValid() else 0
        if count == self.unread and self.tray is not None and not self.tray.icon().isNull():
            return
        self.unread = count
        if self.tray is not None:
            self.tray.setIcon(badge_icon(icon("app"), count))
            self.tray.setToolTip(self.tooltip())

    def tooltip(self) -> str:
        if not self.unread:
            return self.tr("Newsreader: no unread articles")
        return self.tr("Newsreader: %n unread article(s)", "", self.unread)

    # -- notices ------------------------------------------------------------------------
    def show_notice(self, headline: str, details: str) -> None:
        if self.tray is None:
            log.info("notice (no tray to show it): %s %s", headline, details)
            return
        # The headline is the message: some desktops show the title alone, others drop it.
        message = f"{headline}\n{details}" if details else headline  # feed titles among them
        self.tray.showMessage(
            self.tr("Newsreader"), notice_text(message, markup=self.notice_markup), icon("app"),
            _NOTICE_MS,
        )  # fmt: skip

    # -- showing and hiding -------------------------------------------------------------
    def hides_to_tray(self) -> bool:
        return self.tray is not None and self._library.settings.minimise_to_tray

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        minimised = event.type() == QEvent.Type.WindowStateChange and self._window.isMinimized()
        if watched is self._window and minimised and self.hides_to_tray():
            QTimer.singleShot(0, self._window, self._window.hide)  # after the state change
        return False

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            if self._window.isVisible() and not self._window.isMinimized():
                self._window.showMinimized()
            else:
                self.show_window()

    def show_window(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()

    def start(self) -> None:
        """Show the window as the settings ask: normal, minimised, or only in the tray."""
        if not self._library.settings.start_minimised:
            self._window.show()
        elif self.hides_to_tray():
            log.info("starting in the tray")
        else:
            self._window.showMinimized()

    def quit(self) -> None:
        self._window.close()
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()
