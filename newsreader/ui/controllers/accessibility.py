"""Accessible names and the Tab order of the main window.

Screen readers announce a widget by its accessible name; the Tab order goes the way the
eye does: search, subscriptions, filter, article list, article. Ctrl+1/2/3 jump straight
to the three panes (``Navigator``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def describe_widgets(
    *,
    feed_tree: QWidget,
    entry_list: QWidget,
    article_view: QWidget,
    toolbar: QWidget,
    menu_bar: QWidget,
    status_bar: QWidget,
    message_bar: QWidget,
    refresh_status: QWidget,
    updated_label: QWidget,
    panes: QWidget,
) -> None:
    """Name every pane and bar; tell what a pane is for and how to get there."""
    named: list[tuple[QWidget, str, str]] = [
        (feed_tree, QCoreApplication.translate("Accessibility", "Subscriptions"),
         QCoreApplication.translate("Accessibility",
                                    "Smart views, saved searches, folders and feeds with their "
                                    "unread counts (Ctrl+1)")),
        (entry_list, QCoreApplication.translate("Accessibility", "Articles"),
         QCoreApplication.translate("Accessibility",
                                    "The articles of the selected feed or view; unread ones are "
                                    "bold (Ctrl+2)")),
        (article_view, QCoreApplication.translate("Accessibility", "Article"),
         QCoreApplication.translate("Accessibility",
                                    "The text of the selected article; Space scrolls (Ctrl+3)")),
        (toolbar, QCoreApplication.translate("Accessibility", "Toolbar"), ""),
        (menu_bar, QCoreApplication.translate("Accessibility", "Menu bar"), ""),
        (status_bar, QCoreApplication.translate("Accessibility", "Status bar"), ""),
        (message_bar, QCoreApplication.translate("Accessibility", "Messages"), ""),
        (refresh_status, QCoreApplication.translate("Accessibility", "Update progress"), ""),
        (updated_label, QCoreApplication.translate("Accessibility", "Last update"), ""),
        (panes, QCoreApplication.translate("Accessibility", "Panes"), ""),
    ]  # fmt: skip
    for widget, name, description in named:
        widget.setAccessibleName(name)
        if description:
            widget.setAccessibleDescription(description)


def set_tab_order(chain: Sequence[QWidget]) -> None:
    """Tab visits the widgets of ``chain`` in its order (search, subscriptions, filter, list,
    article)."""
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
