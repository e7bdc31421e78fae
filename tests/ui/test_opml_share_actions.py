"""File menu: import/export subscriptions and moving in; Article menu: copy and email an article.
On a real library in tmp_path (no network: imports do not fetch, the scheduler only records)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QObject, QSettings, QThreadPool, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from newsreader.core.export.share import as_markdown, as_text, mailto_url
from newsreader.core.feeds.opml import read_opml
from newsreader.core.library import Library, open_library
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import NodeKey
from newsreader.ui.workers import UpdateScheduler
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.reader_dbs import STARRED_URL, build_quiterss

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OPML = Path(__file__).resolve().parent.parent / "data" / "opml"


class RecordingScheduler(UpdateScheduler):
    """Remembers what it was asked to refresh instead of fetching."""

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self.requested: list[list[int] | None] = []

    def refresh_now(self, feed_ids: Sequence[int] | None = None) -> None:
        self.requested.append(None if feed_ids is None else list(feed_ids))


@pytest.fixture
def window(qtbot, tmp_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    library = open_library(tmp_path / "data", fetcher=FakeFetcher())
    win = MainWindow(library, settings=settings, scheduler=RecordingScheduler(library))
    qtbot.addWidget(win)
    yield win
    win.close()
    QThreadPool.globalInstance().waitForDone(10_000)
    library.close()


def _menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions()]


def test_menus_hold_the_new_commands(window: MainWindow) -> None:
    file_items = _menu_texts(window, "&File")
    assert file_items.index("&Export…") < file_items.index("&Import Subscriptions…")
    assert file_items[-6:] == [
        "",
        "&Import Subscriptions…",
        "Export Su&bscriptions…",
        "Import from &QuiteRSS or RSS Guard…",
        "",
        "&Quit",
    ]
    article = _menu_texts(window, "&Article")
    at = article.index("&Copy Link")
    assert article[at + 1 : at + 4] == ["Copy as &Text", "Copy as &Markdown", "&Email Link…"]


def test_import_subscriptions_from_the_file_menu(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions = window.subscriptions
    monkeypatch.setattr(actions, "ask_open_path", lambda *_: OPML / "liferea.opml")
    with qtbot.waitSignal(actions.import_finished, timeout=10_000) as signal:
        actions.import_opml.trigger()
        assert not actions.import_opml.isEnabled()  # busy until the task answers
        assert window.statusBar().currentMessage() == "Working on the subscriptions…"
    report = signal.args[0]
    assert (report.added, report.problems) == (4, [])
    assert actions.import_opml.isEnabled() and window.statusBar().currentMessage() == ""
    assert {f.folder for f in window.feeds()} == {"", "Berita", "Berita/Indonesia"}
    assert window.feed_tree.select_key(NodeKey("folder", "Berita/Indonesia"))
    assert window.message_bar.level() == "info"
    assert window.message_bar.text() == "Subscriptions imported: 4 added, 0 already there."
    assert window.scheduler.requested == [list(report.feed_ids)]  # fetched right after


def test_a_broken_list_warns_and_a_junk_file_is_an_error(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    actions = window.subscriptions
    with qtbot.waitSignal(actions.import_finished, timeout=10_000):
        actions.import_file(OPML / "truncated.opml")
    assert window.message_bar.level() == "warning"
    assert "2 added" in window.message_bar.text() and "damaged" in window.message_bar.text()

    junk = tmp_path / "junk.opml"
    junk.write_bytes(b"\x00 not xml")
    with qtbot.waitSignal(actions.import_finished, timeout=10_000):
        actions.import_file(junk)
    assert window.message_bar.level() == "error"
    assert window.message_bar.text().startswith("Nothing could be imported:")

    actions.import_file(tmp_path / "missing.opml")
    qtbot.waitUntil(lambda: "cannot read" in window.message_bar.text(), timeout=10_000)
    assert window.message_bar.level() == "error" and actions.import_opml.isEnabled()


def test_export_subscriptions(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.library.import_opml(OPML / "rssguard.opml")
    actions = window.subscriptions
    target = tmp_path / "langganan"
    monkeypatch.setattr(actions, "ask_save_path", lambda: target.with_suffix(".opml"))
    target.with_suffix(".opml").write_text("lama")  # the file dialog asked; it is replaced
    with qtbot.waitSignal(actions.export_finished, timeout=10_000) as signal:
        actions.export_opml.trigger()
    written = signal.args[0]
    assert written == target.with_suffix(".opml")
    assert len(read_opml(written.read_bytes()).feeds) == 3
    assert window.message_bar.text() == f"Subscriptions exported to {written}"

    # Without the dialog's consent nothing is overwritten: "langganan" was confirmed, not
    # "langganan.opml".
    monkeypatch.setattr(actions, "ask_save_path", lambda: target)
    actions.export_opml.trigger()
    qtbot.waitUntil(lambda: "already exists" in window.message_bar.text(), timeout=10_000)
    assert window.message_bar.level() == "error" and actions.export_opml.isEnabled()
    assert len(read_opml(written.read_bytes()).feeds) == 3

    fresh = tmp_path / "baru"
    monkeypatch.setattr(actions, "ask_save_path", lambda: fresh)
    with qtbot.waitSignal(actions.export_finished, timeout=10_000) as signal:
        actions.export_opml.trigger()
    assert signal.args[0] == fresh.with_suffix(".opml") and signal.args[0].exists()


def test_move_in_from_quiterss_then_share_an_article(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = build_quiterss(tmp_path / "feeds.db")
    actions = window.subscriptions
    monkeypatch.setattr(actions, "ask_open_path", lambda *_: db)
    with qtbot.waitSignal(actions.import_finished, timeout=10_000):
        actions.import_reader.trigger()
    assert window.message_bar.level() == "warning"  # the local-file feed stays behind
    text = window.message_bar.text()
    assert "3 added" in text and "Articles imported: 5." in text and "Berkas Lokal" in text

    share = window.sharing
    share.update_enabled()
    assert not share.copy_text.isEnabled()  # no article shown yet
    window.feed_tree.select_key(NodeKey("view", "starred"))
    starred = window.entry_model.entry_at(0)
    assert starred is not None and starred.url == STARRED_URL
    window.articles.show_entry(starred.id)
    share.update_enabled()
    assert share.copy_text.isEnabled()
    entry = window.library.entry(starred.id)

    share.copy_text.trigger()
    assert QGuiApplication.clipboard().text() == as_text(entry)
    share.copy_markdown.trigger()
    assert QGuiApplication.clipboard().text() == as_markdown(entry)

    opened: list[QUrl] = []

    class MailClient(QObject):
        @Slot(QUrl)
        def compose(self, url: QUrl) -> None:
            opened.append(url)

    client = MailClient()
    QDesktopServices.setUrlHandler("mailto", client, "compose")
    try:
        share.email_link.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    assert len(opened) == 1
    sent = opened[0].toString(QUrl.ComponentFormattingOption.FullyEncoded)
    assert parse_qs(urlsplit(sent).query) == parse_qs(urlsplit(mailto_url(entry)).query)
    assert parse_qs(urlsplit(sent).query)["body"] == [STARRED_URL]


def test_moving_in_from_a_file_that_is_no_database_changes_nothing(
    qtbot, window: MainWindow
) -> None:
    window.subscriptions.import_database(OPML / "liferea.opml")
    qtbot.waitUntil(lambda: window.message_bar.level() == "error", timeout=10_000)
    assert "not a database file" in window.message_bar.text()
    assert window.feeds() == [] and window.library.feeds() == []
