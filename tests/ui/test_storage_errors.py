"""Storage failures reach the reader as words, never as a traceback: a full disk during a
refresh and a damaged search index in the message area (the scheduler forwards the library's
StorageError and the window shows it), a library that cannot be opened in a dialog at start,
after which the app exits with 1."""

from __future__ import annotations

import logging
import random
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtWidgets import QMessageBox

from newsreader.core.errors import StorageError
from newsreader.core.library import open_library
from newsreader.core.storage.records import MetaRecord
from newsreader.ui import app as app_module
from newsreader.ui.controllers.search import RESULTS_KEY
from newsreader.ui.main_window import MainWindow
from newsreader.ui.workers import UpdateScheduler
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.fakes import FakeLibrary
from tests.helpers.library_tools import add_feed_unchecked
from tests.helpers.search_data import GARBAGE, add_entry, add_feed

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
    add_feed_unchecked(library, "https://x.example/feed", kind="feed", full_article=False)

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
    qtbot,
    fake_library: FakeLibrary,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hooked: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))

    def full_disk(*args: object, **kwargs: object) -> list[object]:
        raise StorageError(DISK_FULL)

    monkeypatch.setattr(fake_library, "refresh", full_disk)
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    with caplog.at_level(logging.INFO):
        window.feeds_ctl.refresh_all()
        qtbot.waitUntil(lambda: window.message_bar.level() == "error")
    assert window.message_bar.text() == f"Updating failed: {DISK_FULL}"
    assert hooked == []
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []  # no traceback


# -- a library that cannot be opened when the window starts -----------------------------------
# Run as root, chmod does not stop reading: what is in the way is a folder, a file, or noise.
def _database_is_a_folder(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "newsreader.db").mkdir()


def _data_dir_is_a_file(data_dir: Path) -> None:
    data_dir.write_text("not a folder")


def _database_is_noise(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "newsreader.db").write_bytes(random.Random(7).randbytes(64 * 1024))


@pytest.mark.parametrize(
    "spoil", [_database_is_a_folder, _data_dir_is_a_file, _database_is_noise],
    ids=["database-is-a-folder", "data-dir-is-a-file", "database-is-noise"],
)  # fmt: skip
def test_a_library_that_cannot_be_opened_is_explained_and_the_app_exits(
    qapp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    message_boxes: list[QMessageBox],
    spoil: Callable[[Path], None],
) -> None:
    hooked: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))
    data_dir = tmp_path / "data"
    spoil(data_dir)
    with caplog.at_level(logging.INFO):
        code = app_module.run_gui(data_dir, builtin_defaults=False, argv=[])
    assert code == 1
    [box] = message_boxes  # plain text (the fixture checks)
    assert box.text().startswith("Cannot open the library: ")
    assert str(data_dir) in box.text()
    assert hooked == []  # no crash dialog
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []  # no traceback


def test_the_command_line_explains_a_data_folder_that_is_a_file(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: list[QMessageBox]
) -> None:
    from newsreader.cli import main

    hooked: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))
    data_dir = tmp_path / "data"
    _data_dir_is_a_file(data_dir)
    assert main(["--data-dir", str(data_dir)]) == 1
    [box] = message_boxes
    assert box.text().startswith("Cannot open the library: ")
    assert str(data_dir) in box.text()
    assert hooked == []


def _damaged_search_index(data_dir: Path) -> None:
    library = open_library(data_dir, fetcher=FakeFetcher({}))
    try:
        feed_id = add_feed(library, "Elshinta")
        for number in range(20):
            add_entry(library, feed_id, f"Berita banjir {number}", "banjir di Kalimantan " * 40)
        library.saved_searches()  # indexes them
        library.save_search("Banjir", "banjir")
    finally:
        library.close()
    with sqlite3.connect(data_dir / "newsreader.db") as db:
        db.execute(f"UPDATE entry_fts_data SET block = {GARBAGE} WHERE id > 1")
    db.close()


def test_a_damaged_search_index_is_reported_without_a_traceback(
    qtbot,
    tmp_path: Path,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The articles are readable: the window starts and says what is wrong, as it does for a
    full disk; neither the crash dialog nor a traceback."""
    hooked: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))
    _damaged_search_index(tmp_path / "data")
    library = open_library(tmp_path / "data", fetcher=FakeFetcher({}))
    try:
        with caplog.at_level(logging.INFO):
            window = MainWindow(library, settings=settings)
            qtbot.addWidget(window)
            qtbot.waitUntil(lambda: window.message_bar.level() == "error")
            assert "search index" in window.message_bar.text()
            window.search.run("banjir", RESULTS_KEY)
            qtbot.waitUntil(lambda: "Could not search" in window.message_bar.text())
            window.close()
    finally:
        library.close()
    assert hooked == []
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []
