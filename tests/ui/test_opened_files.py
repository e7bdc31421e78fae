"""Files opened from a file manager (``newsreader %U``): a subscription list is offered for
import, a feed file for subscribing by the address it gives, anything else is said."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from newsreader.cli.frontend import split_links
from newsreader.ui.dialogs.add_feed import AddFeedDialog
from newsreader.ui.main_window import MainWindow
from newsreader.ui.single_instance import decode, encode, launch_address
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

OPML = """<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Warta" xmlUrl="https://warta.example/rss"/></body></opml>"""
ATOM = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Warta</title>
<link href="https://warta.example/"/><link rel="self" href="https://warta.example/atom.xml"/>
</feed>"""
RSS_SITE = """<?xml version="1.0"?><rss version="2.0"><channel><title>Warta</title>
<link>https://warta.example/</link></channel></rss>"""
RSS_NOWHERE = '<rss version="2.0"><channel><title>Warta</title></channel></rss>'


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    return window


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _offered(window: MainWindow) -> list[str]:
    return [d.url_edit.text() for d in window.findChildren(AddFeedDialog) if d.isVisible()]


def test_an_opml_file_is_offered_for_import_and_imported(
    qtbot, window: MainWindow, fake_library: FakeLibrary, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    path = _file(tmp_path, "langganan.xml", OPML)  # by content: the name says "xml" only
    asked: list[Path] = []
    monkeypatch.setattr(window.links, "confirm_import", lambda p: asked.append(p) or True)
    with qtbot.waitSignal(window.subscriptions.import_finished, timeout=10_000):
        window.links.receive([path.as_uri()])
    assert asked == [path]
    assert "https://warta.example/rss" in [feed.url for feed in fake_library.feeds()]
    assert window.message_bar.text().startswith("Subscriptions imported: 1 added")
    assert window.findChildren(AddFeedDialog) == []


def test_an_opml_file_declined_is_not_imported(
    qtbot, window: MainWindow, fake_library: FakeLibrary, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    path = _file(tmp_path, "subs.opml", OPML)
    asked: list[Path] = []
    monkeypatch.setattr(window.links, "confirm_import", lambda p: asked.append(p) or False)
    before = list(fake_library.feeds())
    window.links.receive([path.as_uri()])
    qtbot.waitUntil(lambda: asked == [path])
    assert fake_library.feeds() == before


def test_an_atom_file_offers_its_own_address(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = _file(tmp_path, "warta.atom", ATOM)
    window.links.receive([path.as_uri()])
    qtbot.waitUntil(lambda: _offered(window) == ["https://warta.example/atom.xml"])


def test_an_rss_file_with_only_its_site_offers_the_site(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = _file(tmp_path, "warta.rss", RSS_SITE)
    window.links.receive([path.as_uri()])
    qtbot.waitUntil(lambda: _offered(window) == ["https://warta.example/"])


def test_a_feed_file_without_an_address_is_said(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = _file(tmp_path, "warta.rss", RSS_NOWHERE)
    window.links.receive([path.as_uri()])
    qtbot.waitUntil(lambda: window.message_bar.text() != "")
    assert window.message_bar.text() == "This file has no web address to subscribe to: warta.rss"
    assert window.findChildren(AddFeedDialog) == []


@pytest.mark.parametrize("text", ["Just some notes.\n", "<html><body>a page</body></html>"])
def test_a_file_that_is_neither_is_said(
    qtbot, window: MainWindow, tmp_path: Path, text: str
) -> None:
    path = _file(tmp_path, "notes.xml", text)
    window.links.receive([path.as_uri()])
    qtbot.waitUntil(lambda: window.message_bar.text() != "")
    assert window.message_bar.text() == "“notes.xml” is neither a feed nor a list of subscriptions."
    assert window.message_bar.level() == "warning"


def test_a_file_that_went_is_said(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.links.receive([(tmp_path / "gone.opml").as_uri()])
    qtbot.waitUntil(lambda: window.message_bar.text() != "")
    assert window.message_bar.text().startswith("Could not open “gone.opml”: ")
    assert window.message_bar.level() == "error"


def test_a_relative_path_and_a_file_url_both_reach_the_window(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    atom = _file(tmp_path, "warta.atom", ATOM)
    rss = _file(tmp_path, "situs.rss", RSS_SITE)
    monkeypatch.chdir(tmp_path)
    rest, links = split_links(["--data-dir", "/d", "warta.atom", rss.as_uri()])
    assert rest == ["--data-dir", "/d"]
    assert links == [atom.as_uri(), rss.as_uri()]  # made absolute by the launch
    handed = decode(encode([a for a in map(launch_address, links) if a is not None]).strip())
    assert handed == links  # the running window takes them over its socket
    window.links.receive(handed)
    qtbot.waitUntil(lambda: _offered(window) == ["https://warta.example/atom.xml"])
    assert window.links.pending() == ["https://warta.example/"]


@pytest.mark.parametrize(
    ("argv", "commands"),
    [
        (["feeds"], ["feeds"]),  # a command, even beside a file of that name
        (["missing.opml"], ["missing.opml"]),  # no such file: argparse says what is wrong
        (["opml", "import", "subs.opml"], ["opml", "import", "subs.opml"]),
    ],
)
def test_a_path_counts_as_a_link_only_where_it_names_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str], commands: list[str]
) -> None:
    _file(tmp_path, "feeds", "")
    _file(tmp_path, "subs.opml", OPML)
    monkeypatch.chdir(tmp_path)
    assert split_links(argv) == (commands, [])


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("file:///home/ani/warta.atom", "file:///home/ani/warta.atom"),
        ("file:///home/ani/a b.opml", "file:///home/ani/a%20b.opml"),
        ("file://elsewhere.example/share/a.opml", None),  # another machine's file
        ("file:a.opml", None),  # relative: the launch makes paths absolute
        ("/home/ani/a.opml", None),  # a path is a file: URL by then
        ("file:///home/ani/a\nb.opml", None),
    ],
)
def test_only_local_files_with_absolute_paths_are_taken(given: str, expected: str | None) -> None:
    assert launch_address(given) == expected
