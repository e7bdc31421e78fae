"""Accessible names and the Tab order of the main window.

Screen readers announce a widget by its accessible name; the Tab order goes the way the
eye does: search, subscriptions, filter, article list, article. Ctrl+1/2/3 jump straight
to the three panes (``Navigator``).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from newsreader.ui.main_window import MainWindow


def describe_widgets(window: MainWindow) -> None:
    """Name every pane and bar; tell what a pane is for and how to get there."""
    named: list[tuple[QWidget, str, str]] = [
        (window.feed_tree, QCoreApplication.translate("Accessibility", "Subscriptions"),
         QCoreApplication.translate("Accessibility",
                                    "Smart views, saved searches, folders and feeds with their "
                                    "unread counts (Ctrl+1)")),
        (window.entry_list, QCoreApplication.translate("Accessibility", "Articles"),
         QCoreApplication.translate("Accessibility",
                                    "The articles of the selected feed or view; unread ones are "
                                    "bold (Ctrl+2)")),
        (window.article_view, QCoreApplication.translate("Accessibility", "Article"),
         QCoreApplication.translate("Accessibility",
                                    "The text of the selected article; Space scrolls (Ctrl+3)")),
        (window.toolbar, QCoreApplication.translate("Accessibility", "Toolbar"), ""),
        (window.menuBar(), QCoreApplication.translate("Accessibility", "Menu bar"), ""),
        (window.statusBar(), QCoreApplication.translate("Accessibility", "Status bar"), ""),
        (window.message_bar, QCoreApplication.translate("Accessibility", "Messages"), ""),
        (window.refresh_status, QCoreApplication.translate("Accessibility", "Update progress"),
         ""),
        (window.updated_label, QCoreApplication.translate("Accessibility", "Last update"), ""),
        (window.main_splitter, QCoreApplication.translate("Accessibility", "Panes"), ""),
    ]  # fmt: skip
    for widget, name, description in named:
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)


def tab_chain(window: MainWindow) -> list[QWidget]:
    """The widgets Tab visits, in order."""
    buttons = list(window.list_pane.filter_bar.buttons.values())
    return [window.search.field, window.feed_tree, *buttons, window.entry_list,
            window.article_view]  # fmt: skip


def set_tab_order(window: MainWindow) -> None:
    chain = tab_chain(window)
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
