"""The reader's desk of issue 5: keyboard navigation, search, mark all
read with undo, rebindable shortcuts and accessible names, added to a MainWindow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.ui.accessibility import describe_widgets, set_tab_order
from newsreader.ui.keyboard import KeyboardControls
from newsreader.ui.navigation import Navigator
from newsreader.ui.search_bar import SearchController
from newsreader.ui.undo import MarkAllReadController

if TYPE_CHECKING:
    from newsreader.ui.main_window import MainWindow


def install_desk(
    window: MainWindow,
) -> tuple[Navigator, MarkAllReadController, SearchController, KeyboardControls]:
    """Build the parts in order (each reads the ones before through ``window``) and put
    their commands in the menus and the toolbar. The keyboard comes last: it takes stock of
    every action with a shortcut. The parts are set on ``window`` as they are made (the
    later ones use the earlier ones there); the tuple gives MainWindow their types."""
    window.navigator = navigator = Navigator(window)
    window.undo = undo = MarkAllReadController(window)
    undo.install(window.commands.edit_menu)
    window.search = search = SearchController(window)
    search.install(window.toolbar, window.commands.edit_menu)
    window.keyboard = keyboard = KeyboardControls(window, navigator)
    keyboard.install()
    describe_widgets(window)
    set_tab_order(window)
    return navigator, undo, search, keyboard
