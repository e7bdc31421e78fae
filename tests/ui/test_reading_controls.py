"""Reading controls of the article pane in the main window.

Each control changes what the document shows (font size, margins, colours, summary or text),
is kept (the look in QSettings, the summary choice on the feed) and has its shortcut; updated
articles show a badge and their changes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QPoint,
    QPointF,
    QSettings,
    Qt,
    QThreadPool,
    QUrl,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPalette,
    QTextCharFormat,
    QWheelEvent,
)

from newsreader.core.errors import StorageError
from newsreader.core.render.appearance import DEFAULT_FONT_PT, THEMES, WIDTHS, ReadingOptions
from newsreader.core.render.article import ARTICLE_URL, CHANGES_URL, FULL_URL
from newsreader.ui.controllers.reading import (
    FONT_KEY,
    SUMMARY_KEY,
    THEME_KEY,
    WIDTH_KEY,
    ReadingControls,
)
from newsreader.ui.main_window import MainWindow
from newsreader.ui.models.feed_tree import NodeKey
from newsreader.ui.widgets.article_view import ArticleViewWidget
from newsreader.ui.workers import ordered_pool
from tests.helpers.fakes import (
    RELATED_FETCH_URL,
    RELATED_STORED_URL,
    SEED_URL,
    FakeLibrary,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BODY = "Presiden Belarusia Alexander Lukashenko"  # first words of the seed article's text
UPDATED_ID = 3  # the fake's updated article (feed 1, has a feed summary)


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    win = _window(qtbot, fake_library, settings)
    win.resize(1300, 900)
    return win


def _window(qtbot, library: FakeLibrary, settings: QSettings) -> MainWindow:
    win = MainWindow(library, settings=settings)
    qtbot.addWidget(win)
    opened: list[QUrl] = []
    win.article_view.open_external = lambda url: opened.append(url) or True
    win.opened = opened  # type: ignore[attr-defined]
    return win


def _open(window: MainWindow, entry_id: int) -> None:
    window.feed_tree.select_key(NodeKey("view", "all"))
    assert window.entry_list.select_entry(entry_id)
    entry = window.article_view.entry()
    assert entry is not None and entry.id == entry_id


def _format_of(view: ArticleViewWidget, text: str) -> QTextCharFormat:
    """The character format of the first fragment of the document containing ``text``."""
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if text in fragment.text():
                return fragment.charFormat()
            it += 1
        block = block.next()
    raise AssertionError(f"{text!r} not in the document")


def _left_margin(view: ArticleViewWidget) -> float:
    return view.document().rootFrame().frameFormat().leftMargin()


def _activate(qtbot, window: MainWindow) -> None:
    with qtbot.waitActive(window):  # window shortcuts need the active window
        window.show()
        window.activateWindow()


# -- font zoom ---------------------------------------------------------------------------------
def test_zoom_changes_the_font_of_the_document_and_is_kept(
    qtbot, window: MainWindow, fake_library: FakeLibrary, settings: QSettings
) -> None:
    _open(window, 1)
    view, reading = window.article_view, window.reading
    assert _format_of(view, BODY).fontPointSize() == DEFAULT_FONT_PT
    assert not reading.zoom_reset.isEnabled()
    reading.zoom_in.trigger()
    reading.zoom_in.trigger()
    assert _format_of(view, BODY).fontPointSize() == DEFAULT_FONT_PT + 2
    assert _format_of(view, "Related").fontPointSize() > DEFAULT_FONT_PT + 2  # headings too
    assert view.entry() is not None and view.entry().id == 1  # type: ignore[union-attr]
    reading.zoom_out.trigger()
    assert _format_of(view, BODY).fontPointSize() == DEFAULT_FONT_PT + 1
    assert int(settings.value(FONT_KEY)) == DEFAULT_FONT_PT + 1
    again = _window(qtbot, fake_library, settings)
    assert again.article_view.options().font_pt == DEFAULT_FONT_PT + 1
    reading.zoom_reset.trigger()
    assert _format_of(view, BODY).fontPointSize() == DEFAULT_FONT_PT
    assert int(settings.value(FONT_KEY)) == DEFAULT_FONT_PT


def test_zoom_shortcuts(qtbot, window: MainWindow) -> None:
    _activate(qtbot, window)
    _open(window, 1)
    view = window.article_view
    view.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_Plus, ctrl)
    assert view.options().font_pt == DEFAULT_FONT_PT + 1
    qtbot.keyClick(view, Qt.Key.Key_Equal, ctrl)  # the same key without Shift
    assert view.options().font_pt == DEFAULT_FONT_PT + 2
    qtbot.keyClick(view, Qt.Key.Key_Minus, ctrl)
    assert view.options().font_pt == DEFAULT_FONT_PT + 1
    qtbot.keyClick(view, Qt.Key.Key_0, ctrl)
    assert view.options().font_pt == DEFAULT_FONT_PT
    assert _format_of(view, BODY).fontPointSize() == DEFAULT_FONT_PT


def _wheel(view: ArticleViewWidget, delta: int, modifiers: Qt.KeyboardModifier) -> None:
    event = QWheelEvent(
        QPointF(50, 50), QPointF(50, 50), QPoint(), QPoint(0, delta),
        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    view.wheelEvent(event)


def test_ctrl_wheel_zooms_by_whole_notches(window: MainWindow) -> None:
    _open(window, 1)
    view = window.article_view
    ctrl = Qt.KeyboardModifier.ControlModifier
    _wheel(view, 120, ctrl)
    assert view.options().font_pt == DEFAULT_FONT_PT + 1
    for _ in range(3):  # a touchpad: small steps add up to one notch
        _wheel(view, -40, ctrl)
    assert view.options().font_pt == DEFAULT_FONT_PT
    _wheel(view, 120, Qt.KeyboardModifier.NoModifier)  # plain scrolling
    assert view.options().font_pt == DEFAULT_FONT_PT


# -- reading width -----------------------------------------------------------------------------
def test_reading_width_sets_the_text_column_and_is_kept(
    qtbot, window: MainWindow, fake_library: FakeLibrary, settings: QSettings
) -> None:
    window.show()
    qtbot.waitExposed(window)
    _open(window, 1)
    view, reading = window.article_view, window.reading
    assert reading.widths["medium"].isChecked()
    margins, viewports = {}, {}
    for name in ("narrow", "medium", "wide"):
        reading.widths[name].trigger()
        assert view.options().width == name
        margins[name] = _left_margin(view)
        # A short article may need the scroll bar in one width only: measure each with its own.
        viewports[name] = view.viewport().width()
    assert margins["narrow"] > margins["medium"] > margins["wide"]
    # The text column (what the viewport leaves between the margins) holds WIDTHS characters.
    font = QFont(view.font())
    font.setPointSizeF(DEFAULT_FONT_PT)
    narrow = QFontMetrics(font).averageCharWidth() * WIDTHS["narrow"]
    assert abs(viewports["narrow"] - 2 * margins["narrow"] - narrow) <= 1
    reading.widths["narrow"].trigger()
    assert settings.value(WIDTH_KEY) == "narrow"
    again = _window(qtbot, fake_library, settings)
    assert again.article_view.options().width == "narrow"
    assert again.reading.widths["narrow"].isChecked()


# -- themes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["light", "dark", "sepia"])
def test_a_theme_colours_the_document_and_the_pane(
    qtbot, window: MainWindow, fake_library: FakeLibrary, settings: QSettings, name: str
) -> None:
    _open(window, 1)
    view, theme = window.article_view, THEMES[name]
    window.reading.themes[name].trigger()
    root = view.document().rootFrame().frameFormat()
    assert root.background().color().name() == theme.background
    assert _format_of(view, BODY).foreground().color().name() == theme.text
    link = _format_of(view, "Serangan di Afghanistan")  # a related link
    assert link.isAnchor() and link.foreground().color().name() == theme.link
    assert _format_of(view, "saved offline").foreground().color().name() == theme.cached
    assert view.palette().color(QPalette.ColorRole.Base).name() == theme.background
    assert settings.value(THEME_KEY) == name
    again = _window(qtbot, fake_library, settings)
    assert again.article_view.options().theme == name
    assert again.reading.themes[name].isChecked()
    assert again.article_view.palette().color(QPalette.ColorRole.Base).name() == theme.background


def test_the_theme_applies_to_notices_too(window: MainWindow) -> None:
    window.reading.themes["dark"].trigger()
    window.article_view.show_placeholder()
    fmt = _format_of(window.article_view, "Select an article")
    assert fmt.foreground().color().name() == THEMES["dark"].muted


def test_invalid_settings_fall_back_to_defaults(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    settings.setValue(THEME_KEY, "neon")
    settings.setValue(FONT_KEY, "huge")
    settings.setValue(WIDTH_KEY, 3)
    win = _window(qtbot, fake_library, settings)
    assert win.article_view.options() == ReadingOptions()


# -- summary or full article -------------------------------------------------------------------
def test_the_summary_toggle_is_kept_on_the_feed(
    qtbot, window: MainWindow, fake_library: FakeLibrary, settings: QSettings
) -> None:
    view, toggle = window.article_view, window.reading.show_summary
    assert not toggle.isEnabled()  # nothing shown yet
    _open(window, UPDATED_ID)
    assert toggle.isEnabled() and not toggle.isChecked()
    assert "Varian baru virus corona" in view.toPlainText()
    toggle.trigger()
    text = view.toPlainText()  # at once, while the library stores it
    assert "Ringkasan: varian baru." in text and "Varian baru virus corona" not in text
    assert "Showing the feed's summary" in text
    assert toggle.isChecked() and view.showing_summary()
    qtbot.waitUntil(lambda: fake_library.feed(1).show_summary)
    assert fake_library.called("set_feed_options") == [(1, {"show_summary": True})]
    assert not settings.contains(SUMMARY_KEY)
    _open(window, 1)  # another feed: full text
    assert BODY in view.toPlainText() and not toggle.isChecked()
    _open(window, UPDATED_ID)  # its feed remembers the summary
    assert "Ringkasan: varian baru." in view.toPlainText() and toggle.isChecked()
    again = _window(qtbot, fake_library, settings)
    _open(again, UPDATED_ID)
    assert "Ringkasan: varian baru." in again.article_view.toPlainText()
    view.anchorClicked.emit(QUrl(FULL_URL))  # "Show the full article" in the info line
    assert "Varian baru virus corona" in view.toPlainText() and not toggle.isChecked()
    qtbot.waitUntil(lambda: not fake_library.feed(1).show_summary)


def test_a_summary_choice_the_library_refuses_is_undone_and_said(
    qtbot, window: MainWindow, fake_library: FakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_options: object) -> None:
        raise StorageError("could not save: the disk is full")

    monkeypatch.setattr(fake_library, "set_feed_options", refuse)
    _open(window, UPDATED_ID)
    window.reading.show_summary.trigger()
    assert window.article_view.showing_summary()
    qtbot.waitUntil(lambda: window.message_bar.level() == "error")
    assert window.message_bar.text() == (
        "Could not keep the summary choice: could not save: the disk is full"
    )
    assert not window.article_view.showing_summary()
    assert "Varian baru virus corona" in window.article_view.toPlainText()
    assert not window.reading.show_summary.isChecked()


def test_an_older_summary_list_is_carried_over_to_the_feeds_once(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    """Older versions listed the feeds shown as their summary in QSettings: the window gives
    each its choice through the library at start-up, then drops the list."""
    settings.setValue(SUMMARY_KEY, "x,2,,99")  # 99: a feed removed since
    win = _window(qtbot, fake_library, settings)
    qtbot.waitUntil(lambda: not settings.contains(SUMMARY_KEY))
    assert fake_library.called("set_feed_options") == [
        (2, {"show_summary": True}), (99, {"show_summary": True}),
    ]  # fmt: skip
    assert fake_library.feed(2).show_summary and not fake_library.feed(1).show_summary
    assert win.article_view.summary_for(2) and not win.article_view.summary_for(1)
    _window(qtbot, fake_library, settings)  # nothing left to carry
    ordered_pool().waitForDone(10_000)
    assert len(fake_library.called("set_feed_options")) == 2


def test_the_summary_toggle_is_on_the_toolbar_and_in_the_view_menu(window: MainWindow) -> None:
    assert window.reading.show_summary in window.toolbar.actions()
    view_actions = window.commands.view_menu.actions()
    assert window.reading.show_summary in view_actions
    assert window.reading.zoom_in in view_actions
    submenus = [a.menu() for a in view_actions if a.menu() is not None]
    assert any(set(m.actions()) == set(window.reading.themes.values()) for m in submenus)
    assert any(set(m.actions()) == set(window.reading.widths.values()) for m in submenus)


# -- story updates -----------------------------------------------------------------------------
def test_an_updated_article_shows_a_badge_and_its_changes(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    view, action = window.article_view, window.reading.show_changes
    _open(window, 1)
    assert "Updated" not in view.toPlainText() and not action.isEnabled()
    _open(window, UPDATED_ID)
    assert "Updated " in view.toPlainText() and "Show changes" in view.toPlainText()
    badge = _format_of(view, "Updated ")
    assert badge.background().color().name() == THEMES["light"].badge_background
    assert action.isEnabled() and not action.isChecked()
    view.anchorClicked.emit(QUrl(CHANGES_URL))
    qtbot.waitUntil(lambda: view.mode() == "changes")
    assert fake_library.called("entry_diff") == [(UPDATED_ID,)]
    assert action.isChecked()
    assert "Changes since the previous version" in view.toPlainText()
    removed, added = _format_of(view, "B1617"), _format_of(view, "B1617.2")
    assert removed.fontStrikeOut() and not removed.fontUnderline()
    assert removed.foreground().color().name() == THEMES["light"].deleted
    assert added.fontUnderline() and not added.fontStrikeOut()
    assert added.foreground().color().name() == THEMES["light"].inserted
    assert view.entry() is not None and view.entry().id == UPDATED_ID  # type: ignore[union-attr]
    view.anchorClicked.emit(QUrl(ARTICLE_URL))  # "Back to the article"
    assert view.mode() == "article" and "Varian baru virus corona" in view.toPlainText()
    assert not action.isChecked()


def test_the_changes_action_and_escape_go_there_and_back(qtbot, window: MainWindow) -> None:
    view, action = window.article_view, window.reading.show_changes
    assert action in window.commands.article_menu.actions()
    _open(window, UPDATED_ID)
    action.trigger()
    qtbot.waitUntil(lambda: view.mode() == "changes")
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.mode() == "article"
    action.trigger()
    qtbot.waitUntil(lambda: view.mode() == "changes")
    action.trigger()
    assert view.mode() == "article" and not action.isChecked()


def test_the_changes_view_follows_the_theme(qtbot, window: MainWindow) -> None:
    _open(window, UPDATED_ID)
    window.reading.show_changes.trigger()
    qtbot.waitUntil(lambda: window.article_view.mode() == "changes")
    window.reading.themes["dark"].trigger()
    assert window.article_view.mode() == "changes"
    added = _format_of(window.article_view, "B1617.2")
    assert added.foreground().color().name() == THEMES["dark"].inserted


def test_without_a_diff_in_the_library_the_pane_says_so(
    qtbot, fake_library: FakeLibrary, settings: QSettings
) -> None:
    view = ArticleViewWidget(fake_library.data_dir)
    qtbot.addWidget(view)
    controls = ReadingControls(view, settings, object())  # type: ignore[arg-type]
    view.show_entry(fake_library.entry(UPDATED_ID))
    controls.show_changes.trigger()
    assert view.mode() == "changes"
    assert "No earlier version of this article is stored." in view.toPlainText()


def test_a_diff_arriving_after_the_reader_moved_on_is_dropped(
    qtbot, window: MainWindow, fake_library: FakeLibrary
) -> None:
    _open(window, UPDATED_ID)
    window.reading.show_changes.trigger()
    _open(window, 1)
    QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.sendPostedEvents()  # the task delivers its (stale) result
    assert fake_library.called("entry_diff") == [(UPDATED_ID,)]
    assert window.article_view.mode() == "article"
    assert BODY in window.article_view.toPlainText()


# -- open in browser, copy link, related marks -------------------------------------------------
def test_open_in_browser_and_copy_link_follow_a_related_article(qtbot, window: MainWindow) -> None:
    _open(window, 1)
    window.commands.open_browser.trigger()
    window.commands.copy_link.trigger()
    assert window.opened == [QUrl(SEED_URL)]  # type: ignore[attr-defined]
    assert QGuiApplication.clipboard().text() == SEED_URL
    window.article_view.anchorClicked.emit(QUrl(RELATED_FETCH_URL))
    qtbot.waitUntil(lambda: getattr(window.article_view.entry(), "url", "") == RELATED_FETCH_URL)
    assert window.commands.open_browser.isEnabled() and window.commands.copy_link.isEnabled()
    window.commands.open_browser.trigger()
    window.commands.copy_link.trigger()
    assert window.opened[-1] == QUrl(RELATED_FETCH_URL)  # type: ignore[attr-defined]
    assert QGuiApplication.clipboard().text() == RELATED_FETCH_URL


def test_related_articles_in_the_cache_are_marked(qtbot, window: MainWindow) -> None:
    _open(window, 1)
    view = window.article_view
    html = view.toHtml()
    assert view.toPlainText().count("saved offline") == 1
    stored = html.index(RELATED_STORED_URL)
    assert html.index("saved offline") > stored
    assert html.index("saved offline") < html.index(RELATED_FETCH_URL)
    # Opening a related article stores it: back at the seed, it is marked as well.
    view.anchorClicked.emit(QUrl(RELATED_FETCH_URL))
    qtbot.waitUntil(lambda: getattr(view.entry(), "url", "") == RELATED_FETCH_URL)
    window.commands.back.trigger()
    assert view.entry() is not None and view.entry().id == 1  # type: ignore[union-attr]
    assert view.toPlainText().count("saved offline") == 2
