"""The one rule for text from outside shown in Qt widgets: it is shown as text, never read as
markup.

Feed and article titles, authors, folder names from OPML files, addresses, and servers' words
in error messages are the publisher's. Qt reads a tooltip, a ``QLabel`` or a ``QMessageBox``
in its default ``AutoText`` format as HTML when ``Qt.mightBeRichText`` guesses so, and its
HTML loads images by path: a title ``<img src="/dev/zero">`` aborts the window when the row is
hovered, a FIFO freezes it, any other path makes Qt read a local file. So every such widget is
made here, plain: labels and message boxes in ``PlainText`` format, tooltips escaped whenever
Qt would take them for HTML. ``tests/ui/test_plain_text_sites.py`` walks the window's call sites
and fails on one that bypasses this module.

Text that is ours (translations, numbers, dates) may be set directly; the one piece of HTML
built from outside text, the feed's web site as a link, is built here from escaped parts.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

_PLAIN = Qt.TextFormat.PlainText


def plain_tooltip(text: str | None) -> str | None:
    """``text`` as a tooltip that shows it literally (None stays None: no tooltip).

    Qt shows a tooltip as rich text exactly when ``Qt.mightBeRichText`` says so; such text
    is escaped into a paragraph that keeps its spaces and line breaks, anything else is left
    alone, since Qt shows it as it is.
    """
    if text is None or not GuiQt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def plain_label(parent: QWidget | None = None, text: str = "") -> QLabel:
    """A label that shows its text as it is, whatever ``setText`` is given later."""
    label = QLabel(parent)
    label.setTextFormat(_PLAIN)
    label.setText(text)
    return label


def link_label(parent: QWidget | None, url: str, text: str) -> QLabel:
    """A label showing ``text`` as a link to ``url`` (opened by the desktop's browser) when
    ``url`` is a web address, else ``text`` alone: both escaped, so only the link is markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    shown = html.escape(text)
    if url.startswith(("http://", "https://")):
        label.setText(f'<a href="{html.escape(url, quote=True)}">{shown}</a>')
        label.setOpenExternalLinks(True)
    else:
        label.setText(shown)
    return label


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
) -> QMessageBox:
    """A message box showing ``text`` and ``informative`` as they are. QMessageBox's static
    helpers (``question``, ``critical``...) read their text as ``AutoText``: never use them
    for text that quotes anything from outside."""
    box = QMessageBox(parent)
    box.setTextFormat(_PLAIN)  # the informative text follows it
    box.setIcon(icon)
    box.setWindowTitle(plain_title(title))
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    return box


def plain_title(text: str) -> str:
    """``text`` as a window title shows it: Qt reads "[*]" in a title as the place of its
    unsaved-changes mark, and a doubled one as the characters themselves."""
    return text.replace("[*]", "[*][*]")


def menu_text(text: str) -> str:
    """``text`` as a menu entry or a button shows it: Qt reads "&" as the mark of a key."""
    return text.replace("&", "&&")


def notice_text(text: str, *, markup: bool) -> str:
    """``text`` for a desktop notification. With ``markup`` the desktop reads the notice as
    markup (the freedesktop notification servers Qt hands it to over D-Bus): escaped, so that
    it shows as it is; otherwise Qt shows it in a plain label, as it is."""
    return html.escape(text, quote=False) if markup else text
