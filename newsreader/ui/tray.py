"""Tray icon with the unread count, minimising to the tray, and grouped desktop notifications
for new articles.

The logic lives apart from ``QSystemTrayIcon`` (absent on some desktops and offscreen):
``notification_text`` words one notice per refresh, ``Notifier`` decides from the settings
which feeds count, ``badge_icon`` draws the count; ``TrayController`` only shows them.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from newsreader.core import Settings, UpdateResult
from newsreader.ui.icons import icon
from newsreader.ui.models.feed_tree import UNREAD_ROLE, NodeKey

if TYPE_CHECKING:
    from newsreader.ui.main_window import MainWindow

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
    """Turns a refresh's results into at most one notice, per the settings.

    Signals:
        notification_ready(str, str): headline and details of the notice to show.
    """

    notification_ready = Signal(str, str)

    def __init__(
        self,
        settings: Callable[[], Settings],
        titles: Callable[[], Mapping[int, str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._titles = titles

    def on_update_finished(self, results: Sequence[UpdateResult]) -> tuple[str, str] | None:
        settings = self._settings()
        if not settings.notifications or not settings.notify_feeds:
            return None
        counts = new_article_counts(results, self._titles(), set(settings.notify_feeds))
        text = notification_text(counts)
        if text is not None:
            self.notification_ready.emit(*text)
        return text


def with_notify(settings: Settings, feed_id: int, on: bool) -> Settings | None:
    """``settings`` with the feed's notifications on or off; None if already so."""
    if (feed_id in settings.notify_feeds) == on:
        return None
    feeds = set(settings.notify_feeds) ^ {feed_id}
    return dataclasses.replace(settings, notify_feeds=sorted(feeds))


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

    ``available`` overrides the desktop's answer (tests). Without a tray, the count still
    shows in the window title and nothing hides.
    """

    def __init__(self, window: MainWindow, *, available: bool | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.unread = 0
        self.notifier = Notifier(lambda: window.library.settings,
                                 lambda: {f.id: f.title for f in window.feeds()}, self)  # fmt: skip
        window.scheduler.update_finished.connect(self.notifier.on_update_finished)
        self.notifier.notification_ready.connect(self.show_notice)
        if available is None:
            available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = QSystemTrayIcon(window) if available else None
        if self.tray is not None:
            self._build_tray(self.tray)
        model = window.feed_tree.feed_model()
        model.modelReset.connect(self.update_count)
        model.dataChanged.connect(self.update_count)
        window.installEventFilter(self)
        self.update_count()

    def _build_tray(self, tray: QSystemTrayIcon) -> None:
        menu = QMenu(self._window)
        show = QAction(self.tr("Show Newsreader"), menu)
        show.triggered.connect(lambda _checked=False: self.show_window())
        refresh = QAction(icon("refresh"), self.tr("Refresh All Feeds"), menu)
        refresh.triggered.connect(lambda _checked=False: self._window.feeds_ctl.refresh_all())
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
        index = self._window.feed_tree.feed_model().index_for(NodeKey("view", "unread"))
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
        message = f"{headline}\n{details}" if details else headline
        self.tray.showMessage(self.tr("Newsreader"), message, icon("app"), _NOTICE_MS)

    # -- showing and hiding -------------------------------------------------------------
    def hides_to_tray(self) -> bool:
        return self.tray is not None and self._window.library.settings.minimise_to_tray

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
        if not self._window.library.settings.start_minimised:
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
