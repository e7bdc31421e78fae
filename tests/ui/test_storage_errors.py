"""A full disk during a refresh reaches the message area, never the crash
dialog: the scheduler forwards the library's StorageError and the window shows it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Slot

from newsreader.core.errors import StorageError
from newsreader.core.library import open_library
from newsreader.core.storage.records import MetaRecord
from newsreader.ui.main_window import MainWindow
from newsreader.ui.workers import UpdateScheduler
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

DISK_FULL = (
    "could not save to the database: the disk is full; free some space and try again "
    "(database or disk is full)"
)


class Failures(QObject):
    """Receives ``update_failed`` on the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[object] = []

    @Slot(object)
    def on_failed(self, exc: object) -> None:
        self.errors.append(exc)


def _feed(count: int) -> bytes:
    items = "".join(
        f"<item><guid>g{n}</guid><title>Item {n}</title><link>https://x.example/{n}</link>"
        f"<description>{'text ' * 400}</description></item>"
        for n in range(count)
    )
    return f"<rss version='2.0'><channel><title>X</title>{items}</channel></rss>".encode()


def test_the_scheduler_reports_a_full_disk_as_a_storage_error(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))
    fetcher = FakeFetcher({"https://x.example/feed": _feed(40)})
    library = open_library(tmp_path / "data", fetcher=fetcher)
    library.add_feed_unchecked("https://x.example/feed", kind="feed", full_article=False)

    def cap() -> None:  # the database may grow by 3 pages: as good as a full disk
        database = MetaRecord._meta.database
        pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
        database.execute_sql(f"PRAGMA max_page_count = {pages + 3}")

    library.writer.call(cap)
    scheduler = UpdateScheduler(library, poll_ms=60_000)
    failures = Failures()
    scheduler.update_failed.connect(failures.on_failed)
    try:
        scheduler.refresh_now(None)
        qtbot.waitUntil(lambda: bool(failures.errors), timeout=10_000)
    finally:
        scheduler.stop()
        library.close()
    assert isinstance(failures.errors[0], StorageError)
    assert str(failures.errors[0]) == DISK_FULL
    assert hooked == []


def test_the_window_shows_a_full_disk_in_the_message_area(
    qtbot, fake_library: FakeLibrary, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))

    def full_disk(*args: object, **kwargs: object) -> list[object]:
        raise StorageError(DISK_FULL)

    monkeypatch.setattr(fake_library, "refresh", full_disk)
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    window.feeds_ctl.refresh_all()
    qtbot.waitUntil(lambda: window.message_bar.level() == "error")
    assert window.message_bar.text() == f"Updating failed: {DISK_FULL}"
    assert hooked == []
