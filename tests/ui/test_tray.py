"""Tray count, grouped notifications, per-feed opt-in (on the feed), minimise to tray.

QSystemTrayIcon is absent offscreen: the logic is tested without it (the notifier, the badge,
the count the tray would show), and the tray-only parts through a stand-in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon

from newsreader.core.settings import Settings
from newsreader.core.types import Feed, UpdateResult
from newsreader.ui.controllers.tray import (
    Notifier,
    badge_icon,
    new_article_counts,
    notification_text,
)
from newsreader.ui.dialogs.feed_properties import FeedPropertiesDialog
from newsreader.ui.icons import icon
from newsreader.ui.main_window import MainWindow
from tests.helpers.fakes import FakeLibrary
from tests.helpers.translations import build_translations, translated

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TITLES = {1: "Elshinta – Nasional", 2: "Elshinta – Internasional", 3: "Teknologi Blog",
          4: "Bulk"}  # fmt: skip


def _result(feed_id: int, new: int, error: str = "") -> UpdateResult:
    return UpdateResult(feed_id, f"https://x.example/{feed_id}", new=new, error=error)


def _feeds(*opted_in: int) -> list[Feed]:
    """The feeds of TITLES, those given opted in to notices."""
    return [
        Feed(id=fid, url=f"https://x.example/{fid}", title=title, site_url="", folder="",
             kind="feed", unread=0, total=0, error="", last_fetched=None, next_fetch=None,
             interval_minutes=None, full_article=None, builtin=False, notify=fid in opted_in)
        for fid, title in TITLES.items()
    ]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_translations(tmp_path_factory.mktemp("qm"))


@pytest.fixture(autouse=True)
def english(qapp, built: Path) -> Iterator[None]:
    """English plurals ("1 new article", "5 new articles"), as the app loads them."""
    with translated(built, "en"):
        yield


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    win = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(win)
    return win


def test_one_feed_is_named_and_several_are_counted() -> None:
    assert notification_text([]) is None
    assert notification_text([("Elshinta – Nasional", 5)]) == (
        "5 new articles in Elshinta – Nasional",
        "",
    )
    assert notification_text([("Elshinta – Nasional", 1)])[0] == (  # type: ignore[index]
        "1 new article in Elshinta – Nasional"
    )
    headline, details = notification_text(
        [("Elshinta – Nasional", 7), ("Teknologi Blog", 3), ("Bulk", 2)]
    )  # type: ignore[misc]
    assert headline == "12 new articles in 3 feeds"
    assert details == "Elshinta – Nasional (7), Teknologi Blog (3), Bulk (2)"
    many = [(f"Feed {n}", 1) for n in range(5)]
    assert notification_text(many)[1].endswith(", …")  # type: ignore[index]


def test_only_opted_in_feeds_with_new_articles_count() -> None:
    results = [_result(1, 5), _result(2, 0), _result(3, 4, "HTTP 500"), _result(4, 9)]
    assert new_article_counts(results, TITLES, {1, 2, 3}) == [("Elshinta – Nasional", 5)]
    assert new_article_counts(results, TITLES, {1, 4}) == [("Bulk", 9), ("Elshinta – Nasional", 5)]


def test_the_notifier_follows_the_settings_and_the_feeds(qtbot) -> None:
    settings, feeds = Settings(), _feeds(1, 4)
    notifier = Notifier(lambda: settings, lambda: feeds)
    with qtbot.waitSignal(notifier.notification_ready) as shown:
        notifier.on_update_finished([_result(1, 5), _result(4, 7)])
    assert shown.args == ["12 new articles in 2 feeds", "Bulk (7), Elshinta – Nasional (5)"]
    with qtbot.assertNotEmitted(notifier.notification_ready):
        assert notifier.on_update_finished([_result(2, 3)]) is None  # not opted in
        settings = Settings(notifications=False)
        assert notifier.on_update_finished([_result(1, 5)]) is None  # switched off
        settings, feeds = Settings(), _feeds()
        assert notifier.on_update_finished([_result(1, 5)]) is None  # nobody asked


def test_the_badge_draws_the_count_in_red() -> None:
    base = icon("app")
    plain = badge_icon(base, 0).pixmap(64, 64).toImage()
    badged = badge_icon(base, 7).pixmap(64, 64).toImage()
    corner = badged.pixelColor(56, 58)
    assert corner.red() > 180 and corner.green() < 90  # the red badge, bottom right
    assert plain.pixelColor(56, 58) != corner
    assert isinstance(badge_icon(base, 12_345), QIcon)


def test_the_window_counts_unread_and_notifies_after_a_refresh(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    tray = window.tray
    assert tray.tray is None  # no system tray offscreen
    assert tray.unread == fake_library.view_counts()["unread"] == 3
    assert tray.tooltip() == "Newsreader: 3 unread articles"
    fake_library.mark_read([1])
    window.reload_feeds()
    assert tray.unread == 2
    fake_library.set_feed_options(2, notify=True)
    window.reload_feeds()  # the window's feeds tell the notifier who asked
    with qtbot.waitSignal(tray.notifier.notification_ready) as shown:
        window.scheduler.update_finished.emit([_result(2, 4), _result(3, 1)])
    assert shown.args[0] == "4 new articles in Elshinta Internasional"
    tray.show_notice(*shown.args)  # without a tray: logged, nothing else


class _StandInTray:
    """What TrayController uses of QSystemTrayIcon."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self._icon = QIcon()
        self.tip = ""

    def showMessage(self, title: str, message: str, _icon: QIcon, _ms: int) -> None:
        self.messages.append((title, message))

    def setIcon(self, value: QIcon) -> None:
        self._icon = value

    def icon(self) -> QIcon:
        return self._icon

    def setToolTip(self, text: str) -> None:
        self.tip = text


@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_with_a_tray_the_count_and_notices_show_and_minimising_hides(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    tray = window.tray
    tray.tray = stand_in = _StandInTray()
    tray.update_count()
    assert not stand_in.icon().isNull() and stand_in.tip == "Newsreader: 3 unread articles"
    tray.show_notice("12 new articles in 3 feeds", "Elshinta – Nasional (7)")
    assert stand_in.messages == [
        ("Newsreader", "12 new articles in 3 feeds\nElshinta – Nasional (7)")
    ]
    window.show()
    qtbot.waitExposed(window)
    assert not tray.hides_to_tray()
    fake_library.settings = dataclasses.replace(fake_library.settings, minimise_to_tray=True)
    assert tray.hides_to_tray()
    window.showMinimized()
    qtbot.waitUntil(lambda: not window.isVisible())
    tray.show_window()
    qtbot.waitUntil(window.isVisible)
    tray.tray = None


def test_start_follows_the_settings(qtbot, window: MainWindow, fake_library: FakeLibrary) -> None:
    tray = window.tray
    fake_library.settings = Settings(start_minimised=True, minimise_to_tray=True)
    tray.start()  # no tray here: minimised, not hidden
    qtbot.waitUntil(window.isVisible)
    assert window.isMinimized()


def test_the_feed_properties_opt_in_is_kept_on_the_feed(qtbot, fake_library: FakeLibrary) -> None:
    settings = fake_library.settings
    dialog = FeedPropertiesDialog(fake_library, fake_library.feed(2), fake_library.folders(),
                                  default_interval=15)  # fmt: skip
    qtbot.addWidget(dialog)
    assert not dialog.notify_box.isChecked()
    dialog.notify_box.setChecked(True)
    with qtbot.waitSignal(dialog.feed_changed) as changed:
        dialog.accept()
    assert fake_library.called("set_feed_options") == [(2, {"notify": True})]  # nothing else
    assert changed.args[0].notify and fake_library.feed(2).notify
    assert fake_library.settings is settings  # the settings are not saved for it
    again = FeedPropertiesDialog(fake_library, fake_library.feed(2), [], default_interval=15)
    qtbot.addWidget(again)
    assert again.notify_box.isChecked()
    again.notify_box.setChecked(False)
    with qtbot.waitSignal(again.finished):
        again.accept()
    assert not fake_library.feed(2).notify


def test_a_removed_feeds_opt_in_is_not_inherited(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    """A feed subscribed after another was removed may get its id: the opt-in was the
    removed feed's, and went with it."""
    fake_library.set_feed_options(3, notify=True)
    fake_library.remove_feed(3, keep_starred=False)
    new = fake_library.add_feed("https://baru.example/rss")
    assert new.id == 3 and not new.notify
    window.reload_feeds()
    with qtbot.assertNotEmitted(window.tray.notifier.notification_ready):
        assert window.tray.notifier.on_update_finished([_result(3, 6)]) is None
