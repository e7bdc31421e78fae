"""ReadingControls: the article pane's reading options as actions.

Feed summary or full article (the feed's own choice, ``Feed.show_summary``, saved through the
library), and, kept in QSettings, font zoom, reading width, light/dark/sepia themes; and the
changes of an updated article, read from the library in a task (``Library.entry_diff``; a
library without it shows "no earlier version").
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QRectF, QSettings, Qt, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QMenu, QToolBar

from newsreader.core import DEFAULT_FONT_PT, FeedNotFoundError, ReadingOptions
from newsreader.ui.ink_icons import InkIconEngine
from newsreader.ui.theme import app_is_dark, theme_manager
from newsreader.ui.workers import run_task

if TYPE_CHECKING:
    from newsreader.core import Feed, LibraryApi
    from newsreader.ui.widgets.article_view import ArticleViewWidget

log = logging.getLogger(__name__)

THEME_KEY = "reading/theme"
FONT_KEY = "reading/font_pt"
WIDTH_KEY = "reading/width"
# Where older versions listed the feeds shown as their summary (comma-separated ids); carried
# over to the feeds once (``ReadingControls``), then removed.
SUMMARY_KEY = "reading/summary_feeds"
FOLLOW_APP = "auto"  # the pane is light or dark as the application is


def pane_theme(choice: str) -> str:
    """The pane theme a choice stands for now (FOLLOW_APP: the application's scheme)."""
    if choice == FOLLOW_APP:
        return "dark" if app_is_dark() else "light"
    return choice


def load_options(settings: QSettings) -> ReadingOptions:
    """The reading options saved in ``settings``; invalid values become defaults (logged)."""
    try:
        font_pt = int(str(settings.value(FONT_KEY, DEFAULT_FONT_PT)))
    except ValueError:
        log.warning("invalid %s in the settings: using the default", FONT_KEY)
        font_pt = DEFAULT_FONT_PT
    return ReadingOptions(
        theme=pane_theme(str(settings.value(THEME_KEY, FOLLOW_APP))),
        font_pt=font_pt,
        width=str(settings.value(WIDTH_KEY, "medium")),
    ).normalized()


def save_options(settings: QSettings, options: ReadingOptions) -> None:
    settings.setValue(THEME_KEY, options.theme)
    settings.setValue(FONT_KEY, options.font_pt)
    settings.setValue(WIDTH_KEY, options.width)


def load_summary_feeds(settings: QSettings) -> set[int]:
    """The feeds an older version kept in ``settings`` as opening as their summary."""
    raw = str(settings.value(SUMMARY_KEY, "") or "")
    return {int(part) for part in raw.split(",") if part.strip().isdigit()}


class ReadingControls(QObject):
    """Actions for the reading options of one ``ArticleViewWidget``.

    Every change is applied to the pane at once; the look is saved to ``settings``, the
    summary choice on the feed, by the library in a task. ``feeds`` gives the subscriptions
    as the window last read them, ``reload_feeds`` has them read again (after a choice was
    stored).
    """

    def __init__(
        self,
        view: ArticleViewWidget,
        settings: QSettings,
        library: LibraryApi,
        *,
        feeds: Callable[[], Sequence[Feed]] = lambda: (),
        reload_feeds: Callable[[], None] = lambda: None,
        on_error: Callable[[str], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._settings = settings
        self._library = library
        self._feeds = feeds
        self._reload_feeds = reload_feeds
        self._on_error = on_error or (lambda text: log.error("%s", text))
        # The summary choices made here that the feeds read back do not show yet: feed id ->
        # (its URL, the choice); and the writes of each feed still under way.
        self._chosen: dict[int, tuple[str, bool]] = {}
        self._writing: Counter[int] = Counter()
        self._theme_choice = str(settings.value(THEME_KEY, FOLLOW_APP))
        view.summary_for = self.shows_summary
        view.set_options(load_options(settings))
        self._build_actions()
        view.display_changed.connect(self._sync)
        view.changes_requested.connect(lambda _entry_id: self.toggle_changes())
        view.zoom_requested.connect(self.zoom)
        view.full_article_requested.connect(self.toggle_summary)
        theme_manager().scheme_changed.connect(self._on_app_scheme)
        self._sync()
        self._carry_over_summary_feeds()

    # -- actions ------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.show_summary = self._action(
            self.tr("Show Feed &Summary"), self.toggle_summary, checkable=True
        )
        self.show_summary.setIcon(_summary_icon())
        self.show_summary.setToolTip(
            self.tr("Show the feed's summary instead of the full article (kept for this feed)")
        )
        self.zoom_in = self._action(self.tr("Zoom &In"), lambda: self.zoom(1),
                                    QKeySequence.StandardKey.ZoomIn, "Ctrl+=")  # fmt: skip
        self.zoom_out = self._action(self.tr("Zoom &Out"), lambda: self.zoom(-1),
                                     QKeySequence.StandardKey.ZoomOut)  # fmt: skip
        self.zoom_reset = self._action(self.tr("&Normal Size"), self.reset_zoom, "Ctrl+0")
        self.show_changes = self._action(
            self.tr("Show &Changes"), self.toggle_changes, checkable=True
        )
        self.show_changes.setToolTip(self.tr("What changed since the previous version"))
        self.widths = self._choices(
            (("narrow", self.tr("&Narrow")), ("medium", self.tr("&Medium")),
             ("wide", self.tr("&Wide"))),
            lambda name: self._set(width=name),
        )  # fmt: skip
        self.themes = self._choices(
            ((FOLLOW_APP, self.tr("&Follow the Application")), ("light", self.tr("&Light")),
             ("dark", self.tr("&Dark")), ("sepia", self.tr("&Sepia"))),
            self.choose_theme,
        )  # fmt: skip
        if self._theme_choice not in self.themes:  # unknown: the default, as for the pane
            self._theme_choice = FOLLOW_APP

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        *shortcuts: str | QKeySequence.StandardKey,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self.parent() or self)
        action.setCheckable(checkable)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # triggered, not toggled: setChecked in _sync must not run the command again.
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _choices(
        self, items: tuple[tuple[str, str], ...], choose: Callable[[str], None]
    ) -> dict[str, QAction]:
        group = QActionGroup(self)
        group.setExclusive(True)
        actions = {}
        for name, text in items:
            action = self._action(text, partial(choose, name), checkable=True)
            group.addAction(action)
            actions[name] = action
        return actions

    def install(self, view_menu: QMenu, article_menu: QMenu | None, toolbar: QToolBar) -> None:
        """Add the actions to the View menu, the Article menu and the toolbar."""
        view_menu.addSeparator()
        view_menu.addAction(self.show_summary)
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        width_menu = view_menu.addMenu(self.tr("Reading &Width"))
        width_menu.addActions(list(self.widths.values()))
        theme_menu = view_menu.addMenu(self.tr("Article &Theme"))
        theme_menu.addActions(list(self.themes.values()))
        if article_menu is not None:
            article_menu.addSeparator()
            article_menu.addAction(self.show_changes)
        toolbar.addSeparator()
        toolbar.addAction(self.show_summary)

    # -- commands -----------------------------------------------------------------------
    def options(self) -> ReadingOptions:
        return self._view.options()

    def zoom(self, steps: int) -> None:
        """Make the article text ``steps`` points larger (negative: smaller)."""
        self._apply(self.options().zoomed(steps))

    def reset_zoom(self) -> None:
        self._apply(replace(self.options(), font_pt=DEFAULT_FONT_PT))

    def choose_theme(self, choice: str) -> None:
        """A pane theme, or FOLLOW_APP (light or dark with the application); kept."""
        self._theme_choice = choice
        self._set(theme=pane_theme(choice))

    @Slot(bool)  # a real slot: Qt drops the connection when these controls are deleted
    def _on_app_scheme(self, _dark: bool) -> None:
        if not shiboken6.isValid(self._view):  # controls made without a parent outlive it
            theme_manager().scheme_changed.disconnect(self._on_app_scheme)
        elif self._theme_choice == FOLLOW_APP:
            self._set(theme=pane_theme(FOLLOW_APP))

    def _set(self, **changes: str) -> None:
        self._apply(replace(self.options(), **changes))  # type: ignore[arg-type]

    def _apply(self, options: ReadingOptions) -> None:
        self._view.set_options(options)
        save_options(self._settings, self._view.options())
        self._settings.setValue(THEME_KEY, self._theme_choice)  # the choice, not its colours
        self._sync()

    # -- summary or full article: the feed's choice ----------------------------------------
    def _feed(self, feed_id: int) -> Feed | None:
        return next((feed for feed in self._feeds() if feed.id == feed_id), None)

    def shows_summary(self, feed_id: int) -> bool:
        """Whether the feed's articles open as its summary: the feed's choice, or the one
        made here while the feeds do not show it yet."""
        feed = self._feed(feed_id)
        url, stored = (feed.url, feed.show_summary) if feed is not None else ("", False)
        chosen = self._chosen.get(feed_id)
        # The URL too: a feed removed meanwhile may have left its id to a new one.
        if chosen is None or chosen[0] != url:
            return stored
        if chosen[1] == stored and not self._writing[feed_id]:
            del self._chosen[feed_id]  # stored and read back
        return chosen[1]

    def toggle_summary(self) -> None:
        """Switch the shown article's feed between its summary and the full article; the
        feed keeps the choice (stored in the background, in order with other choices)."""
        entry = self._view.entry()
        if entry is None:
            self._sync()
            return
        feed_id, wanted = entry.feed_id, not self.shows_summary(entry.feed_id)
        feed = self._feed(feed_id)
        self._chosen[feed_id] = (feed.url if feed is not None else "", wanted)
        self._writing[feed_id] += 1
        library = self._library
        run_task(lambda: library.set_feed_options(feed_id, show_summary=wanted),
                 lambda _feed: self._on_summary_saved(feed_id),
                 lambda exc: self._on_summary_failed(feed_id, exc),
                 context=self, ordered=True)  # fmt: skip
        self._show_choice()

    def _show_choice(self) -> None:
        if self._view.mode() == "article":
            self._view.refresh_display()
        else:
            self._view.show_article()

    def _on_summary_saved(self, feed_id: int) -> None:
        self._writing[feed_id] -= 1
        self._reload_feeds()  # the feeds show the choice from now on

    def _on_summary_failed(self, feed_id: int, exc: Exception) -> None:
        self._writing[feed_id] -= 1
        if not self._writing[feed_id]:
            self._chosen.pop(feed_id, None)  # what the feed holds is shown again
        entry = self._view.entry()
        if entry is not None and entry.feed_id == feed_id:
            self._show_choice()
        self._on_error(self.tr("Could not keep the summary choice: %1").replace("%1", str(exc)))

    def _carry_over_summary_feeds(self) -> None:
        """Once: the feeds an older version listed in QSettings as opening as their summary
        get the choice themselves; the list goes once the library holds it all."""
        if not self._settings.contains(SUMMARY_KEY):
            return
        feed_ids, library = sorted(load_summary_feeds(self._settings)), self._library

        def carry() -> None:
            for feed_id in feed_ids:
                try:
                    library.set_feed_options(feed_id, show_summary=True)
                except FeedNotFoundError:
                    log.info("summary view of feed %d not carried over: removed", feed_id)

        def carried(_result: object) -> None:
            self._settings.remove(SUMMARY_KEY)
            self._reload_feeds()
            if self._view.entry() is not None and self._view.mode() == "article":
                self._view.refresh_display()

        def failed(exc: Exception) -> None:  # the list stays, for the next start
            text = self.tr("Could not keep the summary choices: %1")
            self._on_error(text.replace("%1", str(exc)))

        run_task(carry, carried, failed, context=self, ordered=True)

    def toggle_changes(self) -> None:
        """Show the changes of the shown (updated) article, or go back to the article."""
        view = self._view
        entry = view.entry()
        if entry is None or view.mode() == "changes":
            view.show_article()
            self._sync()
            return
        lookup: Callable[[int], str | None] | None = getattr(self._library, "entry_diff", None)
        if lookup is None:
            view.show_changes(None)
            return
        entry_id = entry.id
        run_task(lambda: lookup(entry_id), lambda diff: self._on_diff(entry_id, diff),
                 self._on_diff_failed, context=self)  # fmt: skip

    def _on_diff(self, entry_id: int, diff: object) -> None:
        shown = self._view.entry()
        if shown is None or shown.id != entry_id or self._view.mode() != "article":
            return  # the reader moved on meanwhile
        self._view.show_changes(diff if isinstance(diff, str) else None)

    def _on_diff_failed(self, exc: Exception) -> None:
        self._sync()
        self._on_error(self.tr("Could not read the earlier version: %1").replace("%1", str(exc)))

    # -- state --------------------------------------------------------------------------
    def _sync(self) -> None:
        """Actions follow what the pane shows."""
        view, options = self._view, self._view.options()
        entry = view.entry()
        self.show_summary.setEnabled(entry is not None)
        self.show_summary.setChecked(entry is not None and self.shows_summary(entry.feed_id))
        updated = entry is not None and getattr(entry, "updated_at", None) is not None
        self.show_changes.setEnabled(updated)
        self.show_changes.setChecked(updated and view.mode() == "changes")
        self.widths[options.width].setChecked(True)
        self.themes[self._theme_choice].setChecked(True)
        self.zoom_reset.setEnabled(options.font_pt != DEFAULT_FONT_PT)


@cache
def _summary_icon() -> QIcon:
    """A page whose last lines are missing: the short version of the article."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor("#5f6368")
    pen = QPen(ink, 4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawRoundedRect(QRectF(12, 6, 40, 52), 5, 5)
    for y, right in ((20, 42), (30, 42), (40, 32)):
        p.drawLine(20, y, right, y)
    p.end()
    return QIcon(InkIconEngine(ink, lambda: pixmap))  # light ink in the dark theme
