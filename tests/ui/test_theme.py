"""Light and dark themes, following the system unless chosen; the article pane follows the
application unless given a theme of its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

from newsreader.core.render.appearance import THEMES
from newsreader.ui import theme as theme_module
from newsreader.ui.controllers.reading import FOLLOW_APP, THEME_KEY
from newsreader.ui.main_window import MainWindow
from newsreader.ui.theme import ThemeManager, palette_is_dark, theme_manager
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def manager(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[ThemeManager]:
    system = {"dark": False}
    monkeypatch.setattr(theme_module, "system_is_dark", lambda: system["dark"])
    found = theme_manager()
    found.system = system  # type: ignore[attr-defined]  # the test's desktop
    yield found
    system["dark"] = False
    found.apply("system")


@pytest.fixture
def window(qtbot, fake_library: FakeLibrary, settings: QSettings) -> MainWindow:
    win = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(win)
    return win


def _window_color(app: QApplication) -> str:
    return app.palette().color(QPalette.ColorRole.Window).name()


def _pane_base(window: MainWindow) -> str:
    return window.article_view.palette().color(QPalette.ColorRole.Base).name()


def test_dark_and_light_change_the_palette_and_say_so(qtbot, manager: ThemeManager) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert not manager.is_dark()
    with qtbot.waitSignal(manager.scheme_changed) as changed:
        manager.apply("dark")
    assert changed.args == [True]
    assert palette_is_dark(app.palette()) and app.style().name().lower() == "fusion"
    assert _window_color(app) == "#2b2d30"
    with qtbot.waitSignal(manager.scheme_changed) as changed:
        manager.apply("light")
    assert changed.args == [False] and not palette_is_dark(app.palette())
    with qtbot.assertNotEmitted(manager.scheme_changed):
        manager.apply("neon")  # unknown: the system's, which is light here
    assert manager.choice() == "system"


def test_the_system_scheme_is_followed_unless_a_choice_overrides(
    qtbot, manager: ThemeManager
) -> None:
    manager.apply("system")
    manager.system["dark"] = True  # type: ignore[attr-defined]
    with qtbot.waitSignal(manager.scheme_changed):
        manager._on_system_changed(None)  # type: ignore[arg-type]  # what Qt's signal calls
    assert manager.is_dark()
    manager.apply("light")  # an explicit light on a dark desktop
    app = QApplication.instance()
    assert isinstance(app, QApplication) and not palette_is_dark(app.palette())
    manager.system["dark"] = False  # type: ignore[attr-defined]
    with qtbot.assertNotEmitted(manager.scheme_changed):
        manager._on_system_changed(None)  # type: ignore[arg-type]
    assert manager.choice() == "light"


def test_the_article_pane_follows_the_app_by_default(
    qtbot, manager: ThemeManager, window: MainWindow, settings: QSettings
) -> None:
    assert window.reading.themes[FOLLOW_APP].isChecked()
    assert _pane_base(window) == THEMES["light"].background
    manager.apply("dark")
    assert window.article_view.options().theme == "dark"
    assert _pane_base(window) == THEMES["dark"].background
    assert window.reading.themes[FOLLOW_APP].isChecked()
    manager.apply("light")
    assert _pane_base(window) == THEMES["light"].background
    assert settings.value(THEME_KEY) == FOLLOW_APP


def test_sepia_stays_sepia_whatever_the_app_does(
    qtbot, manager: ThemeManager, window: MainWindow, fake_library: FakeLibrary, settings
) -> None:
    window.reading.themes["sepia"].trigger()
    manager.apply("dark")
    assert window.article_view.options().theme == "sepia"
    assert _pane_base(window) == THEMES["sepia"].background
    again = MainWindow(fake_library, settings=settings)  # the choice is kept
    qtbot.addWidget(again)
    assert again.reading.themes["sepia"].isChecked()
    again.reading.themes[FOLLOW_APP].trigger()
    assert again.article_view.options().theme == "dark"  # the app is dark now
    assert settings.value(THEME_KEY) == FOLLOW_APP


def test_drawn_icons_turn_light_in_the_dark(qtbot, manager: ThemeManager) -> None:
    from newsreader.ui.icons import icon

    def inks() -> set[str]:
        image = icon("all").pixmap(64, 64).toImage()
        return {
            image.pixelColor(x, 30).name() for x in range(64) if image.pixelColor(x, 30).alpha()
        }

    assert "#5f6368" in inks()
    manager.apply("dark")
    assert "#c9ccd1" in inks() and "#5f6368" not in inks()
    checked = icon("star_toggle").pixmap(64, 64, QIcon.Mode.Normal, QIcon.State.On).toImage()
    assert checked.pixelColor(32, 34).name() == "#f4b400"  # gold stays gold
    manager.apply("light")
    assert "#5f6368" in inks()
