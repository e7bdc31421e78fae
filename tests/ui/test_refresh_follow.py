"""The window follows a refresh from tasks: counts and new articles show
while it runs and after it, on a real library fed from a loopback server."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from newsreader.core.library import Library, open_library
from newsreader.core.types import Feed
from newsreader.ui.controllers import refresh_follow
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import UNREAD_ROLE, NodeKey
from tests.helpers.fakes import FakeLibrary
from tests.helpers.http_server import HttpServer, Request, Response
from tests.helpers.library_tools import add_feed_unchecked

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

WAIT_MS = 30_000
ITEMS = 4
# Served titles sort the other way round from the order the feeds were added in.
TITLES = ["Zaitun", "Yogya", "Xenia", "Wamena"]


def rss(n: int, title: str) -> bytes:
    items = "".join(
        f"<item><title>{title} berita {i}</title><link>http://127.0.0.1/f{n}/a{i}</link>"
        f"<guid>f{n}-a{i}</guid><pubDate>{formatdate(1_700_000_000 + n * 100 + i, usegmt=True)}"
        f"</pubDate><description>Isi berita {i}.</description></item>"
        for i in range(ITEMS)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>http://127.0.0.1/f{n}/</link>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()  # never leave the server's thread waiting


@pytest.fixture
def window(
    qtbot, http_server: HttpServer, gate: threading.Event, tmp_path: Path, settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[MainWindow]:  # fmt: skip
    monkeypatch.setattr(refresh_follow, "FOLLOW_EVERY_MS", 0)  # follow every report
    for n, title in enumerate(TITLES[:-1]):
        http_server.route(f"/feed{n}.xml", body=rss(n, title))
    last = len(TITLES) - 1

    def held(_request: Request) -> Response:
        while not gate.wait(0.05) and not http_server.stop.is_set():
            pass
        return Response(200, rss(last, TITLES[last]))

    http_server.route(f"/feed{last}.xml", handler=held)
    library: Library = open_library(tmp_path / "data")
    for n in range(len(TITLES)):
        add_feed_unchecked(library, http_server.url(f"/feed{n}.xml"), kind="feed")
    win = MainWindow(library, settings=settings)
    qtbot.addWidget(win)
    yield win
    gate.set()
    win.close()  # joins the scheduler thread before the library goes away
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    library.close()


def _unread(window: MainWindow, key: NodeKey) -> int:
    return int(window.feed_tree.feed_model().index_for(key).data(UNREAD_ROLE) or 0)


def _titles(window: MainWindow) -> set[str]:
    model = window.entry_model
    return {row.title for row in (model.entry_at(n) for n in range(model.rowCount())) if row}


def _feed_titles(window: MainWindow) -> list[str]:
    model = window.feed_tree.feed_model()
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    return [title for title in rows if title in TITLES]


def test_counts_and_new_articles_show_while_the_refresh_runs_and_after_it(
    qtbot, window: MainWindow, gate: threading.Event
) -> None:
    window.feed_tree.select_key(NodeKey("view", "all"))
    feed_ids = [feed.id for feed in window.feeds()]
    window.feeds_ctl.refresh_all()
    # Three feeds answer, the fourth waits: the window shows what is stored meanwhile.
    three = {f"{title} berita {i}" for title in TITLES[:-1] for i in range(ITEMS)}
    qtbot.waitUntil(lambda: _titles(window) == three, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: _unread(window, NodeKey("view", "unread")) == 3 * ITEMS)
    assert window.scheduler.is_busy()
    assert not window.refresh_status.isHidden()
    assert "Updated at" not in window.updated_label.text()
    # Feeds got their titles; while the refresh runs the tree keeps them where they were.
    assert _feed_titles(window) == TITLES[:-1]

    gate.set()
    qtbot.waitUntil(lambda: "Updated at" in window.updated_label.text(), timeout=WAIT_MS)
    assert window.refresh_status.isHidden()
    every = {f"{title} berita {i}" for title in TITLES for i in range(ITEMS)}
    assert _titles(window) == every
    for feed_id in feed_ids:
        assert _unread(window, NodeKey("feed", feed_id)) == ITEMS
    assert _unread(window, NodeKey("view", "all")) == len(TITLES) * ITEMS
    assert window.windowTitle() == f"{len(TITLES) * ITEMS} unread — Newsreader"
    assert _feed_titles(window) == sorted(TITLES)  # sorted once it ended


def test_a_read_in_flight_does_not_undo_what_the_window_read_since(
    qtbot, window: MainWindow, gate: threading.Event
) -> None:
    gate.set()
    window.feeds_ctl.refresh_all()
    qtbot.waitUntil(lambda: "Updated at" in window.updated_label.text(), timeout=WAIT_MS)
    feeds, counts = window.library.feeds(), window.library.view_counts()
    older = [dataclasses.replace(feed, unread=99) for feed in feeds]
    window.show_feeds(older, counts, read_at=0.0)  # read before the tree's last read
    assert _unread(window, NodeKey("feed", feeds[0].id)) == ITEMS
    window.show_feeds(older, counts)  # read now
    assert _unread(window, NodeKey("feed", feeds[0].id)) == 99


def test_counts_read_while_a_refresh_runs_are_read_in_a_task(
    qtbot, fake_library: FakeLibrary, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    gui = threading.get_ident()
    readers: list[bool] = []
    feeds = fake_library.feeds

    def recorded() -> list[Feed]:
        readers.append(threading.get_ident() == gui)
        return feeds()

    monkeypatch.setattr(fake_library, "feeds", recorded)
    fake_library.refresh_gate = threading.Event()
    window.feeds_ctl.refresh_all()
    qtbot.waitUntil(window.scheduler.is_busy)
    readers.clear()
    window.feed_tree.select_key(NodeKey("feed", 2))
    assert window.entry_list.select_entry(1)  # opened: read, and the counts follow
    qtbot.waitUntil(lambda: _unread(window, NodeKey("feed", 2)) == 1)
    assert window.scheduler.is_busy()
    assert readers and not any(readers)  # the GUI thread never waited on the read
    fake_library.refresh_gate.set()
    qtbot.waitUntil(lambda: "Updated at" in window.updated_label.text())
    window.close()
