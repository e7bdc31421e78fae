"""One window per data folder: a second launch hands its links to the first and exits 0; a
stale socket does not block a launch; garbage from a client is ignored."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from newsreader.cli.frontend import split_links
from newsreader.core import resolve_data_dir
from newsreader.core.resources import resources_dir
from newsreader.ui import app as app_module
from newsreader.ui import single_instance
from newsreader.ui.dialogs.add_feed import AddFeedDialog
from newsreader.ui.main_window import MainWindow
from newsreader.ui.single_instance import (
    MAX_MESSAGE,
    InstanceBusyError,
    InstanceServer,
    claim,
    encode,
    feed_address,
    server_name,
)
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A private runtime folder with a short path (a socket's path holds ~100 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="nr-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def server(qtbot, runtime_dir: Path) -> Iterator[InstanceServer]:
    instance = InstanceServer(str(runtime_dir / "s.sock"), timeout_ms=300)
    assert instance.listen()
    yield instance
    instance.close()


def _talk(path: str, data: bytes) -> dict[str, bytes]:
    """Send ``data`` on a plain socket, from a thread (the server answers on this one), and
    collect what comes back until the server closes."""
    result: dict[str, bytes] = {}

    def run() -> None:
        reply = b""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(10)
            client.connect(path)
            try:
                client.sendall(data)
                while chunk := client.recv(4096):
                    reply += chunk
            except OSError:  # the server hung up on it
                pass
        result["reply"] = reply

    threading.Thread(target=run, daemon=True).start()
    return result


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://site.example/rss", "https://site.example/rss"),
        ("feed://site.example/rss", "http://site.example/rss"),
        ("feed:https://site.example/rss", "https://site.example/rss"),
        ("FEED://https://site.example/rss", "https://site.example/rss"),
        ("javascript:alert(1)", None),
        ("feed:javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("feed:file:///etc/passwd", None),
        ("https://site.example/a\nb", None),
        ("https://" + "a" * 3000 + ".example", None),
        ("site.example", None),
        (42, None),
    ],
)
def test_only_web_and_feed_links_are_taken(given: object, expected: str | None) -> None:
    assert feed_address(given) == expected


@pytest.mark.parametrize(
    ("argv", "rest", "links"),
    [
        (["https://a.example/rss"], [], ["https://a.example/rss"]),
        (["--data-dir", "/d", "-v", "feed://a.example", "https://b.example"],
         ["--data-dir", "/d", "-v"], ["feed://a.example", "https://b.example"]),
        (["https://a.example/rss", "-v"], ["-v"], ["https://a.example/rss"]),
        (["file:///home/ani/feed.xml"], [], ["file:///home/ani/feed.xml"]),
        (["add", "https://a.example/rss"], ["add", "https://a.example/rss"], []),
        (["https://a.example/rss", "feeds"], ["https://a.example/rss", "feeds"], []),
        (["--data-dir", "https://odd", "feeds"], ["--data-dir", "https://odd", "feeds"], []),
        ([], [], []),
    ],
)  # fmt: skip
def test_the_command_line_takes_links_where_a_command_would_be(
    argv: list[str], rest: list[str], links: list[str]
) -> None:
    assert split_links(argv) == (rest, links)


def test_a_second_launch_hands_over_its_links_and_the_window_offers_them(
    qtbot, tmp_path: Path, runtime_dir: Path, fake_library: FakeLibrary, settings: QSettings
) -> None:
    data_dir = resolve_data_dir(str(tmp_path / "library"))
    first = claim(server_name(data_dir, str(runtime_dir)), [])
    assert first is not None and first.is_listening()
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    first.activation_requested.connect(window.links.receive)
    assert not window.isVisible()
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir), "QT_QPA_PLATFORM": "offscreen"}
    output = tmp_path / "second.txt"
    with output.open("wb") as out, subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--data-dir", str(data_dir),
         "https://site.example/rss", "feed:https://other.example/atom"],
        cwd=resources_dir().parent, env=env, stdout=out, stderr=subprocess.STDOUT,
    ) as second:  # fmt: skip
        try:
            with qtbot.waitSignal(first.activation_requested, timeout=30_000) as handed:
                pass
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)  # serving it
        finally:
            if second.poll() is None:
                second.kill()
            first.close()
    assert second.returncode == 0, output.read_text()
    assert handed.args == [["https://site.example/rss", "https://other.example/atom"]]
    assert window.isVisible()  # raised: it was not even shown
    [dialog] = window.findChildren(AddFeedDialog)
    assert dialog.url_edit.text() == "https://site.example/rss"
    assert window.links.pending() == ["https://other.example/atom"]
    dialog.reject()  # one dialog at a time: the next comes when this one closes
    qtbot.waitUntil(lambda: [d.url_edit.text() for d in window.findChildren(AddFeedDialog)
                             if d.isVisible()] == ["https://other.example/atom"])  # fmt: skip


def test_a_launch_without_links_only_brings_the_window_forward(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    window.showMinimized()
    window.links.receive([])
    assert window.isVisible() and not window.isMinimized()
    assert window.findChildren(AddFeedDialog) == []


def test_a_first_launch_with_links_offers_them_in_its_own_window(
    qapp, tmp_path: Path, runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime_dir))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    data_dir = resolve_data_dir(str(tmp_path / "library"))
    asked: list[str] = []

    def answer() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, AddFeedDialog) and w.isVisible()]  # fmt: skip
        if dialogs:
            asked.append(dialogs[0].url_edit.text())
            listening.append(os.path.exists(server_name(data_dir)))
            dialogs[0].reject()
            window = dialogs[0].parentWidget()
            assert window is not None
            window.close()

    listening: list[bool] = []
    timer = QTimer(interval=50)
    timer.timeout.connect(answer)
    timer.start()
    deadline = QTimer(singleShot=True, interval=30_000)  # a hang fails below, not the run
    deadline.timeout.connect(qapp.quit)
    deadline.start()
    try:
        code = app_module.run_gui(data_dir, offered_urls=["feed://site.example/rss",
                                  "javascript:alert(1)"], builtin_defaults=False)  # fmt: skip
    finally:
        timer.stop()
        deadline.stop()
    assert code == 0
    assert asked == ["http://site.example/rss"]
    assert listening == [True]  # for later launches, while it ran
    assert not os.path.exists(server_name(data_dir))  # and gone after


def test_a_stale_socket_is_removed_and_the_launch_listens(
    qtbot, runtime_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = str(runtime_dir / "stale.sock")
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(path)  # a window that crashed: the file stays, nobody listens
    crashed.close()
    assert os.path.exists(path)
    with caplog.at_level(logging.INFO, logger="newsreader.ui.single_instance"):
        server = claim(path, ["https://a.example/rss"])
    try:
        assert server is not None and server.is_listening()
        assert "removing the socket of a window that is gone" in caplog.text
        assert os.stat(path).st_mode & 0o077 == 0  # the user's alone
        with qtbot.waitSignal(server.activation_requested) as handed:
            talk = _talk(path, encode(["https://b.example/rss"]))
        qtbot.waitUntil(lambda: "reply" in talk)
        assert talk["reply"] == b"ok\n"
        assert handed.args == [["https://b.example/rss"]]
    finally:
        if server is not None:
            server.close()
    assert not os.path.exists(path)


@pytest.mark.parametrize(
    "garbage",
    [
        b"\xff\xfe\x00 not even text\n",
        b"[1, 2, 3]\n",
        b'{"urls": "https://a.example/rss"}\n',
        b'{"urls": [' + b'"https://a.example/",' * 40 + b'"x"]}\n',
        b"x" * (MAX_MESSAGE + 100),  # no end of line, ever
        b'{"urls": []',  # then silence: the server stops waiting
        b"",
    ],
    ids=["binary", "not-an-object", "urls-not-a-list", "too-many", "too-long", "unfinished",
         "silent"],
)  # fmt: skip
def test_garbage_from_a_client_is_ignored(
    qtbot, server: InstanceServer, garbage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with qtbot.assertNotEmitted(server.activation_requested):
        talk = _talk(server.full_name(), garbage)
        qtbot.waitUntil(lambda: "reply" in talk, timeout=5000)
    assert talk["reply"] == b""  # hung up on, no answer
    assert "ignoring a client" in caplog.text
    with qtbot.waitSignal(server.activation_requested) as handed:  # and it still serves
        talk = _talk(server.full_name(), encode(["https://ok.example/rss"]))
    qtbot.waitUntil(lambda: "reply" in talk)
    assert handed.args == [["https://ok.example/rss"]]


def test_addresses_that_are_not_web_links_never_reach_the_window(
    qtbot, server: InstanceServer
) -> None:
    message = (b'{"urls": ["javascript:alert(1)", "file://elsewhere.example/etc/passwd", '
               b'"file:passwd", "feed://a.example/", "file:///home/ani/a.opml"]}\n')  # fmt: skip
    with qtbot.waitSignal(server.activation_requested) as handed:
        talk = _talk(server.full_name(), message)
    qtbot.waitUntil(lambda: "reply" in talk)
    assert handed.args == [["http://a.example/", "file:///home/ani/a.opml"]]


def test_a_window_that_holds_the_name_but_does_not_answer_is_not_replaced(
    qtbot, server: InstanceServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "hand_over", lambda *_args, **_kw: False)  # it hangs
    with pytest.raises(InstanceBusyError):
        claim(server.name, [])
    assert server.is_listening()


def test_the_name_is_per_data_folder_and_private(tmp_path: Path, runtime_dir: Path) -> None:
    one = server_name(tmp_path / "one", str(runtime_dir))
    assert one == server_name(tmp_path / "one", str(runtime_dir))
    assert one != server_name(tmp_path / "two", str(runtime_dir))
    assert one.startswith(str(runtime_dir))
    assert "/" not in server_name(tmp_path / "one", "")  # no runtime folder: Qt's default place
