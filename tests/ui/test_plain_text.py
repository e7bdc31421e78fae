"""Text from feeds, OPML files and servers shows as text in every widget, never as markup.

Qt reads tooltips, labels and message boxes as HTML when ``Qt.mightBeRichText`` guesses so,
and its HTML loads pictures by path: an Atom title ``&lt;img src="/dev/zero"&gt; x`` aborted
the window when its row was hovered. Each path below gets hostile text and must show exactly
that text, with no picture interpreted. The pictures named here are harmless files (a test must
not abort when the rule is broken); checking what Qt would show uses a document that loads
nothing either.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QWidget

from newsreader.core.errors import FetchError, StorageError
from newsreader.ui import app as app_module
from newsreader.ui.dialogs.add_feed import AddFeedDialog
from newsreader.ui.dialogs.export import ExportDialog
from newsreader.ui.dialogs.feed_properties import FeedPropertiesDialog
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.entry_list import FEED_COLUMN, TITLE_COLUMN
from newsreader.ui.models.feed_tree import FeedTreeModel, NodeKey
from newsreader.ui.plain_text import (
    link_label,
    menu_text,
    message_box,
    notice_text,
    plain_label,
    plain_title,
    plain_tooltip,
)
from newsreader.ui.widgets.feed_tree_menu import folder_actions
from newsreader.ui.widgets.refresh_status import RefreshStatusWidget
from tests.helpers.fakes import FakeLibrary, make_entry

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

IMAGE = QTextDocument.ResourceType.ImageResource.value
# A picture in a title: an Atom title "&lt;img ...&gt; x" as the parser leaves it, or a
# double-escaped RSS title. Entities in a title: rich text would show "<img ...>" instead.
PICTURE = '<img src="/etc/hostname"> x'
ESCAPED = '&lt;img src="/etc/hostname"&gt; x'
BOLD = "<b>tebal</b> & “kutip” [*]"
HOSTILE = [PICTURE, ESCAPED, BOLD, "  dua\nbaris <i>miring</i>", "<p>paragraf</p>"]


class _Inert(QTextDocument):
    """Reads no resource: showing what Qt would make of hostile markup is itself safe."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return QImage() if kind == IMAGE else QByteArray()


def _document(markup: str) -> QTextDocument:
    doc = _Inert()
    doc.setHtml(markup)
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            assert not it.fragment().charFormat().isImageFormat(), markup  # an <img> was read
            it += 1
        block = block.next()
    return doc


def tooltip_shows(tip: str | None) -> str | None:
    """What Qt shows for a tooltip: plain text unless Qt.mightBeRichText takes it for HTML."""
    if tip is None or not GuiQt.mightBeRichText(tip):
        return tip
    return _document(tip).toPlainText()


def label_shows(label: QLabel) -> str:
    assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    return label.text()


def shown_plain(label: QLabel) -> bool:
    """Whether Qt shows the label's text as it is (a form's own "Title:" labels are AutoText:
    fine for text of ours that Qt does not take for markup)."""
    auto = label.textFormat() == Qt.TextFormat.AutoText
    return label.textFormat() == Qt.TextFormat.PlainText or (
        auto and not GuiQt.mightBeRichText(label.text())
    )


# -- the rule ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE)
def test_a_tooltip_shows_its_text_as_it_is(text: str) -> None:
    tip = plain_tooltip(text)
    assert tooltip_shows(tip) == text
    assert tip is not None and "<img" not in tip


def test_plain_text_is_left_alone_and_none_stays_none() -> None:
    assert plain_tooltip("Elshinta – Nasional\nhttps://elshinta.com/") == (
        "Elshinta – Nasional\nhttps://elshinta.com/"
    )
    assert plain_tooltip(None) is None


@pytest.mark.parametrize("text", HOSTILE)
def test_labels_and_message_boxes_are_plain(qtbot, text: str) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert label_shows(plain_label(parent, text)) == text
    box = message_box(parent, QMessageBox.Icon.Question, text, text, informative=text)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert (box.text(), box.informativeText()) == (text, text)
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert informative is not None and informative.textFormat() == Qt.TextFormat.PlainText


def test_a_web_site_link_shows_its_address(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    for url in ('https://x.example/"><img src="/etc/hostname">', "javascript:<b>x</b>"):
        label = link_label(parent, url, url)
        assert _document(label.text()).toPlainText() == url
    assert "<a href" in link_label(parent, "https://x.example/", "https://x.example/").text()
    assert "<a href" not in link_label(parent, "javascript:alert(1)", "j").text()


def test_titles_menus_and_notices_keep_their_characters() -> None:
    assert plain_title("a [*] b") == "a [*][*] b"
    assert menu_text("R&D") == "R&&D"
    assert notice_text(PICTURE, markup=True) == '&lt;img src="/etc/hostname"&gt; x'
    assert notice_text(PICTURE, markup=False) == PICTURE


# -- the window's paths ---------------------------------------------------------------------
@pytest.fixture
def hostile(fake_library: FakeLibrary) -> FakeLibrary:
    """Feed 3 titled with markup and failing with a server's markup; feed 2 in a folder named
    with markup; an article whose title, author and feed name are markup."""
    fake_library.set_feed_options(3, title=PICTURE)
    fake_library.set_feed_error(3, 'HTTP 302 to <img src="/etc/hostname"> (<b>Found</b>)')
    fake_library.set_feed_options(2, folder=ESCAPED)
    fake_library.add_entry(make_entry(id=50, feed_id=3, feed_title=PICTURE, title=ESCAPED,
                                      author=BOLD, published=fake_library.now))  # fmt: skip
    return fake_library


@pytest.fixture
def window(qtbot, hostile: FakeLibrary, settings: QSettings) -> MainWindow:
    win = MainWindow(hostile, settings=settings)
    qtbot.addWidget(win)
    return win


def _all_indexes(model: FeedTreeModel, parent: QModelIndex | None = None) -> Iterator[QModelIndex]:
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            yield model.index(row, column, parent)
        yield from _all_indexes(model, model.index(row, 0, parent))


def test_the_feed_list_tooltips_show_titles_folders_and_errors(
    window: MainWindow, hostile: FakeLibrary
) -> None:
    model = window.feed_tree.feed_model()
    model.set_extra_views([(NodeKey("saved", 7), BOLD, PICTURE, 0)])  # a saved search
    shown = {tooltip_shows(index.data(Qt.ItemDataRole.ToolTipRole))
             for index in _all_indexes(model)}  # fmt: skip
    assert hostile.feed(3).error in shown
    assert ESCAPED in shown  # the folder
    assert PICTURE in shown  # the saved search's tooltip
    feed_two = model.index_for(NodeKey("feed", 2)).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip_shows(feed_two).startswith("Elshinta Internasional\n")  # type: ignore[union-attr]


def test_the_article_list_tooltips_show_titles(
    qtbot, window: MainWindow, hostile: FakeLibrary
) -> None:
    model = window.entry_model
    model.set_source(feed_id=3)
    qtbot.waitUntil(lambda: 50 in model.entry_ids())
    row = model.entry_ids().index(50)
    for column in (TITLE_COLUMN, FEED_COLUMN):
        tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip_shows(tip) == ESCAPED
    window.article_view.show_entry(hostile.entry(50))
    text = window.article_view.toPlainText()  # the core escapes what the pane shows
    assert ESCAPED in text and BOLD in text and PICTURE in text  # title, author, feed name


def test_questions_quote_names_as_they_are(
    window: MainWindow, hostile: FakeLibrary, message_boxes: list[QMessageBox]
) -> None:
    assert window.folders_ctl.confirm_delete(ESCAPED, 1) is False
    assert window.feeds_ctl.ask_remove(hostile.feed(3), 0) is None
    saved = hostile.save_search(PICTURE, "varian")
    window.search.reload_saved()
    assert window.search.confirm_delete(saved.name) is False
    texts = [box.text() for box in message_boxes]
    assert texts == [f"Delete the folder “{ESCAPED}”?", f"Remove “{PICTURE}”?",
                     f"Delete the saved search “{PICTURE}”? No article is deleted."]  # fmt: skip


def test_the_move_to_menu_names_folders_as_they_are(
    window: MainWindow, hostile: FakeLibrary
) -> None:
    hostile.set_feed_options(1, folder="R&D")
    window.reload_feeds()
    parent = QMenu()
    actions = folder_actions(window.feed_tree, NodeKey("feed", 3), parent)
    move = next(a.menu() for a in actions if a.menu() is not None)
    assert {"R&D", ESCAPED} <= {a.text().replace("&&", "&") for a in move.actions()}
    assert "R&&D" in {a.text() for a in move.actions()}


def test_the_feed_properties_show_title_address_and_error_as_they_are(
    qtbot, hostile: FakeLibrary
) -> None:
    site = 'https://x.example/"><img src="/etc/hostname">'
    feed = dataclasses.replace(hostile.feed(3), site_url=site, url=site + "/feed")
    dialog = FeedPropertiesDialog(hostile, feed, hostile.folders(), default_interval=15)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"Properties: {plain_title(PICTURE)}"
    assert label_shows(dialog.last_error_label) == hostile.feed(3).error
    assert _document(dialog.site_label.text()).toPlainText() == site
    for label in dialog.findChildren(QLabel):
        if label is not dialog.site_label:
            assert shown_plain(label), label.text()


def test_server_text_in_errors_shows_as_it_is(
    qtbot, hostile: FakeLibrary, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    reason = 'moved to <img src="/etc/hostname"> <b>Found</b>'

    def refused(url: str, **_kwargs: object) -> object:
        raise FetchError(url, reason)

    monkeypatch.setattr(hostile, "add_feed", refused)
    add = AddFeedDialog(hostile, [], initial_url="https://x.example/feed")
    qtbot.addWidget(add)
    add.accept()
    qtbot.waitUntil(lambda: add.error_label.isVisibleTo(add))
    assert label_shows(add.error_label) == f"Could not load the address: {reason}"
    hostile.set_feed_options(1, title="R&D <b>x</b>")
    export = ExportDialog(hostile, [], feed=hostile.feed(1))  # type: ignore[arg-type]
    qtbot.addWidget(export)
    assert export.feed_radio.text() == "Articles of “R&&D <b>x</b>”"  # a button reads "&&" as "&"
    export.footer.show_error(reason)
    assert label_shows(export.error_label) == reason
    for dialog in (add, export):
        for label in dialog.findChildren(QLabel):
            assert shown_plain(label), label.text()


def test_the_export_asks_about_a_file_named_with_markup(
    qtbot, hostile: FakeLibrary, tmp_path: Path, message_boxes: list[QMessageBox]
) -> None:
    target = tmp_path / "<b>arsip<b> & co.html"
    target.write_text("milik pengguna")
    export = ExportDialog(hostile, [])  # type: ignore[arg-type]
    qtbot.addWidget(export)
    export.set_format("html")
    export.set_path(target)
    assert export._confirm_overwrite(target) is None  # cancelled
    assert message_boxes[-1].text() == "<b>arsip<b> & co.html already exists. Replace it?"


def test_messages_progress_and_notices_show_text_as_it_is(
    qtbot, window: MainWindow, hostile: FakeLibrary
) -> None:
    window.hub.error(hostile.feed(3).error)
    assert window.message_bar.text() == hostile.feed(3).error
    for label in window.findChildren(QLabel):
        assert shown_plain(label), (label.objectName(), label.text())
    status = RefreshStatusWidget()
    qtbot.addWidget(status)
    status.set_progress(0, 2, "feeds", "<b>x</b>")
    assert label_shows(status.label).endswith(": <b>x</b>")
    shown: list[tuple[str, str]] = []

    class StandIn:
        def showMessage(self, title: str, message: str, *_args: object) -> None:
            shown.append((title, message))

    tray = window.tray
    tray.tray = StandIn()  # type: ignore[assignment]
    try:
        tray.notice_markup = True  # the desktop's notification server reads markup
        tray.show_notice(PICTURE, BOLD)
        tray.notice_markup = False  # Qt's own balloon: a plain label
        tray.show_notice(PICTURE, BOLD)
    finally:
        tray.tray = None
    assert shown == [("Newsreader", notice_text(f"{PICTURE}\n{BOLD}", markup=True)),
                     ("Newsreader", f"{PICTURE}\n{BOLD}")]  # fmt: skip


def test_an_opml_folder_named_with_markup_shows_as_it_is(
    window: MainWindow, hostile: FakeLibrary, tmp_path: Path
) -> None:
    opml = tmp_path / "langganan.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="&lt;img src=&quot;/etc/hostname&quot;&gt; x">'
        '<outline type="rss" text="&amp;lt;b&amp;gt;y" xmlUrl="https://y.example/feed"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    hostile.import_opml(opml)
    window.reload_feeds()
    model = window.feed_tree.feed_model()
    folder = model.index_for(NodeKey("folder", PICTURE))
    assert folder.isValid() and folder.data() == PICTURE
    assert tooltip_shows(folder.data(Qt.ItemDataRole.ToolTipRole)) == PICTURE
    feed = model.index(0, 0, folder)
    assert tooltip_shows(feed.data(Qt.ItemDataRole.ToolTipRole)).startswith("&lt;b&gt;y\n")  # type: ignore[union-attr]


def test_a_startup_failure_quotes_the_error_as_it_is(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[QMessageBox],
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    reason = 'could not open <img src="/etc/hostname"> <b>x</b>'

    def fail(_data_dir: Path) -> object:
        raise StorageError(reason)

    monkeypatch.setattr(app_module, "open_library_in_view", fail)
    assert app_module.run_gui(tmp_path / "data", builtin_defaults=False, argv=[]) == 1
    assert [box.text() for box in message_boxes] == [f"Cannot open the library: {reason}"]
