"""MainWindow on a FakeLibrary: reading, related links, starring, marking, exporting, refreshing."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.entry_list import FEED_COLUMN
from newsreader.ui.models.feed_tree import ERROR_ROLE, UNREAD_ROLE, NodeKey
from tests.helpers.fakes import (
    RELATED_FAIL_URL,
    RELATED_FETCH_URL,
    SEED_TITLE,
    SEED_URL,
    FakeLibrary,
    make_entry,
)

# The offscreen platform says so whenever a top-level window with size limits is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    win = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(win)
    return win


def _tree_unread(window: MainWindow, key: NodeKey) -> int:
    return window.feed_tree.feed_model().index_for(key).data(UNREAD_ROLE)


def _open_seed(window: MainWindow) -> None:
    window.feed_tree.select_key(NodeKey("feed", 2))
    assert window.entry_list.select_entry(1)


def test_selecting_a_feed_lists_its_articles(window: MainWindow) -> None:
    assert window.feed_tree.current_key() == NodeKey("view", "all")
    window.feed_tree.select_key(NodeKey("feed", 2))
    assert window.entry_model.entry_ids() == [1, 2]
    assert window.entry_list.isColumnHidden(FEED_COLUMN)  # one feed: no feed column
    window.feed_tree.select_key(NodeKey("folder", "Elshinta"))
    assert sorted(window.entry_model.entry_ids()) == [1, 2, 3]
    assert not window.entry_list.isColumnHidden(FEED_COLUMN)
    assert "Select an article" in window.article_view.toPlainText()


def test_opening_an_article_shows_it_and_marks_it_read(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    assert _tree_unread(window, NodeKey("feed", 2)) == 2
    _open_seed(window)
    text = window.article_view.toPlainText()
    assert SEED_TITLE in text and "Lukashenko masih terus berkuasa" in text
    for link in fake_library.entry(1).related:
        assert link.title in text
    assert window.entry_model.entry_at(0).read  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: fake_library.entry(1).read)
    qtbot.waitUntil(lambda: _tree_unread(window, NodeKey("feed", 2)) == 1)
    # Ends in the application's name, or Qt adds it again: "Newsreader (2) — Newsreader".
    assert window.windowTitle() == "2 unread — Newsreader"


def test_following_a_related_link_shows_that_article_and_back_returns(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    _open_seed(window)
    fake_library.related_gate = threading.Event()
    window.article_view.anchorClicked.emit(QUrl(RELATED_FETCH_URL))
    assert "Loading" in window.article_view.toPlainText()
    assert "Selandia Baru" in window.article_view.toPlainText()
    fake_library.related_gate.set()
    qtbot.waitUntil(lambda: (window.article_view.entry() or fake_library.entry(1)).url
                    == RELATED_FETCH_URL)  # fmt: skip
    assert "Isi lengkap artikel terkait" in window.article_view.toPlainText()
    assert window.commands.back.isEnabled()
    window.commands.back.trigger()
    assert window.article_view.entry().url == SEED_URL  # type: ignore[union-attr]
    assert not window.commands.back.isEnabled()


def test_a_failing_related_link_is_reported_without_losing_the_article(
    qtbot, window: MainWindow
) -> None:
    _open_seed(window)
    window.article_view.anchorClicked.emit(QUrl(RELATED_FAIL_URL))
    qtbot.waitUntil(lambda: "connection timed out" in window.message_bar.text())
    assert window.message_bar.level() == "error"
    assert window.article_view.entry().url == SEED_URL  # type: ignore[union-attr]


def test_pressing_s_stars_the_article(qtbot, window: MainWindow, fake_library: FakeLibrary) -> None:
    with qtbot.waitActive(window):  # window shortcuts need the active window
        window.show()
        window.activateWindow()
    _open_seed(window)
    window.entry_list.setFocus()
    qtbot.keyClick(window.entry_list, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: fake_library.entry(1).starred)
    assert window.commands.star.isChecked()
    assert window.entry_model.entry_at(0).starred  # type: ignore[union-attr]
    window.commands.star.trigger()
    qtbot.waitUntil(lambda: not fake_library.entry(1).starred)
    assert not window.commands.star.isChecked()


def test_clicking_the_star_column_stars_that_row(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    window.feed_tree.select_key(NodeKey("feed", 2))
    window.entry_list.star_clicked.emit(2, True)
    qtbot.waitUntil(lambda: fake_library.entry(2).starred)
    assert window.entry_model.entry_at(1).starred  # type: ignore[union-attr]


def test_mark_all_read_for_the_selected_feed(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    window.feed_tree.select_key(NodeKey("feed", 2))
    window.commands.mark_all_read.trigger()
    qtbot.waitUntil(lambda: _tree_unread(window, NodeKey("feed", 2)) == 0)
    assert fake_library.entry(1).read is not False
    assert all(window.entry_model.entry_at(r).read for r in range(2))  # type: ignore[union-attr]
    assert _tree_unread(window, NodeKey("feed", 1)) == 1  # other feeds untouched


def test_mark_all_read_for_a_folder(qtbot, window: MainWindow, fake_library: FakeLibrary) -> None:
    window.mark_all_read(NodeKey("folder", "Elshinta"))
    qtbot.waitUntil(lambda: _tree_unread(window, NodeKey("folder", "Elshinta")) == 0)
    assert fake_library.view_counts()["unread"] == 0


def test_next_unread_moves_to_the_next_unread_row(window: MainWindow) -> None:
    window.feed_tree.select_key(NodeKey("view", "all"))
    window.commands.next_unread.trigger()
    assert window.article_view.entry().id == 1  # type: ignore[union-attr]
    window.commands.next_unread.trigger()
    assert window.article_view.entry().id == 2  # type: ignore[union-attr]


def test_export_selected_articles_through_the_dialog(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    window.feed_tree.select_key(NodeKey("feed", 2))
    window.entry_list.selectAll()
    dialog = window.feeds_ctl.show_export_dialog()
    assert dialog.selected_radio.isChecked()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    target = tmp_path / "export.json"
    dialog.set_path(target)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    qtbot.waitUntil(lambda: "Exported 2 article" in window.message_bar.text())
    assert str(target) in window.message_bar.text()
    titles = [item["title"] for item in json.loads(target.read_text(encoding="utf-8"))]
    assert titles[0] == SEED_TITLE and len(titles) == 2


def test_export_starred_reports_an_empty_selection_in_the_dialog(
    qtbot, window: MainWindow, fake_library: FakeLibrary, tmp_path: Path
) -> None:
    fake_library.set_starred(4, False)
    dialog = window.feeds_ctl.show_export_dialog()
    assert dialog.starred_radio.isChecked() and not dialog.selected_radio.isEnabled()
    dialog.set_path(tmp_path / "starred.html")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.error_label.isHidden())
    assert "no starred articles" in dialog.error_label.text()
    assert not (tmp_path / "starred.html").exists()


def test_refresh_shows_progress_and_ends(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    fake_library.refresh_gate = threading.Event()
    window.commands.refresh.trigger()
    status = window.refresh_status
    qtbot.waitUntil(lambda: "Updating 2/3: Elshinta Internasional" in status.label.text())
    assert not status.isHidden() and status.bar.maximum() == 3
    fake_library.refresh_gate.set()
    qtbot.waitUntil(status.isHidden)
    assert "Updated at" in window.updated_label.text()
    assert fake_library.called("refresh") == [((), False)]


def test_after_a_refresh_new_articles_appear_and_the_selection_stays(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    _open_seed(window)
    newest = fake_library.now + timedelta(minutes=5)
    fake_library.add_entry(make_entry(id=99, feed_id=2, title="Berita terbaru", published=newest))
    window.feeds_ctl.refresh_all()
    qtbot.waitUntil(lambda: window.entry_model.entry_ids()[:1] == [99])
    current = window.entry_list.current_entry()
    assert current is not None and current.id == 1
    assert window.article_view.entry().id == 1  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: _tree_unread(window, NodeKey("feed", 2)) == 2)


def test_when_every_feed_fails_the_reader_is_told_about_the_network(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    fake_library.failing_urls.update(f.url for f in fake_library.feeds())
    window.feeds_ctl.refresh_all()
    qtbot.waitUntil(lambda: "offline" in window.message_bar.text())
    assert window.message_bar.level() == "warning"


def test_a_feed_error_shows_in_the_tree_and_the_message_area(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    fake_library.failing_urls.add("https://blog.example/feed.xml")
    window.feeds_ctl.refresh_all()
    qtbot.waitUntil(lambda: "Teknologi Blog: HTTP 503" in window.message_bar.text())
    assert window.message_bar.level() == "warning"
    index = window.feed_tree.feed_model().index_for(NodeKey("feed", 3))
    assert index.data(ERROR_ROLE) == "HTTP 503 Service Unavailable"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "HTTP 503 Service Unavailable"


def test_removing_a_feed_with_starred_articles_asks_to_keep_them(
    qtbot, window: MainWindow, fake_library: FakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []

    def answer(feed: object, starred: int) -> bool:
        asked.append(starred)
        return True  # keep the starred articles

    monkeypatch.setattr(window.feeds_ctl, "ask_remove", answer)
    window.feed_tree.select_key(NodeKey("feed", 3))
    window.commands.remove_feed.trigger()
    qtbot.waitUntil(lambda: not window.feed_tree.feed_model().index_for(NodeKey("feed", 3))
                    .isValid())  # fmt: skip
    assert asked == [1]
    assert fake_library.called("remove_feed") == [(3, True)]
    assert fake_library.entry(4).starred
    assert window.feed_tree.current_key() is None
    assert window.entry_model.rowCount() == 0
    assert "Removed" in window.message_bar.text()


@pytest.mark.parametrize(
    ("button", "expected"),
    [("Keep Starred Articles", True), ("Delete All", False), ("Cancel", None)],
)
def test_the_remove_question_offers_to_keep_starred_articles(
    window: MainWindow, fake_library: FakeLibrary, button: str, expected: bool | None
) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "1 starred article" in box.informativeText()
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, click)
    assert window.feeds_ctl.ask_remove(fake_library.feed(3), 1) is expected


def test_adding_a_subscription_selects_and_refreshes_it(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    dialog = window.feeds_ctl.show_add_dialog(initial_url="news.example.org/rss")
    dialog.accept()
    qtbot.waitUntil(lambda: "Updated at" in window.updated_label.text())
    key = window.feed_tree.current_key()
    assert key is not None and key.kind == "feed"
    assert fake_library.feed(int(key.id)).url == "https://news.example.org/rss"
    assert fake_library.called("refresh")[-1] == ((int(key.id),), False)


def test_the_add_dialog_shows_the_error_and_stays_open(qtbot, window: MainWindow) -> None:
    dialog = window.feeds_ctl.show_add_dialog(initial_url="https://blog.example/feed.xml")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.error_label.isHidden())
    assert "already subscribed" in dialog.error_label.text()
    assert dialog.isVisible() and not dialog.is_busy()


def test_window_state_is_restored(qtbot, fake_library: FakeLibrary, settings: QSettings) -> None:
    first = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(first)
    first.feed_tree.select_key(NodeKey("feed", 3))
    first.commands.article_below.trigger()  # three columns
    first.close()
    second = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(second)
    assert second.feed_tree.current_key() == NodeKey("feed", 3)
    assert second.content_splitter.orientation() == Qt.Orientation.Horizontal
