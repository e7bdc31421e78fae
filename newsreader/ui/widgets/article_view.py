"""ArticleViewWidget: the article pane. Shows stored articles; never fetches anything.

It shows one of three things: an article (full text, or the feed's summary for feeds the
reader chose so), the changes of an updated article, or a notice (placeholder, loading). The
reading options (theme, font size, width) apply to all three; ``ReadingControls`` sets them.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Container
from html import escape
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
    QTextFrameFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from newsreader.core import (
    ARTICLE_URL,
    CHANGES_URL,
    FULL_URL,
    Entry,
    ReadingOptions,
    article_html,
    changes_html,
    column_chars,
    images_dir,
    limit_depth,
    theme_of,
)
from newsreader.ui.dates import format_long
from newsreader.ui.notes import translate_note

log = logging.getLogger(__name__)

_MIN_SIDE_MARGIN = 24
_TOP_MARGIN = 18
_WHEEL_STEP = 120  # angleDelta of one notch of a mouse wheel

Mode = Literal["article", "changes", "notice"]


class ArticleViewWidget(QTextBrowser):
    """Renders ``render.article_html`` in a QTextBrowser, with a readable column width.

    ``loadResource`` only returns images that are files of the shown article inside the data
    dir's image cache; anything else (http, https, other files) gets nothing, so displaying
    an article never makes a request. Links are handled here, never followed by Qt.

    Signals:
        related_link_activated(str): the reader clicked one of the article's related links.
        changes_requested(int): the reader asked for the changes of this (updated) article.
        zoom_requested(int): Ctrl+wheel: font size steps, +1 larger, -1 smaller.
        full_article_requested(): the reader left the feed's summary for the full article.
        display_changed(): another article, mode or look is shown.
    """

    related_link_activated = Signal(str)
    changes_requested = Signal(int)
    zoom_requested = Signal(int)
    full_article_requested = Signal()
    display_changed = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image_root = images_dir(data_dir).resolve()
        self._allowed: set[Path] = set()
        self._entry: Entry | None = None
        self._mode: Mode = "notice"
        self._notice = ""
        self._cached_urls: Container[str] = ()
        self._diff: str | None = None
        self._options = ReadingOptions()
        self._html = ""
        self._image_width = 0  # column width images were scaled to (0: no image shown)
        self._wheel = 0  # Ctrl+wheel delta not yet turned into a zoom step
        # Set by ReadingControls: whether a feed's articles show the feed's summary.
        self.summary_for: Callable[[int], bool] = lambda _feed_id: False
        # Replaceable in tests: what opens an ordinary web link.
        self.open_external: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])  # relative names resolve nowhere
        self.setReadOnly(True)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._relayout = QTimer(self, singleShot=True, interval=150)
        self._relayout.timeout.connect(self._apply_layout)
        self._apply_palette()
        self.show_placeholder()

    # -- what is shown -----------------------------------------------------------------
    def entry(self) -> Entry | None:
        """The article shown, or None for the placeholder and messages."""
        return self._entry

    def mode(self) -> Mode:
        """What is shown: an article, the changes of one, or a notice."""
        return self._mode

    def options(self) -> ReadingOptions:
        return self._options

    def set_options(self, options: ReadingOptions) -> None:
        """Theme, font size and width for everything shown from now on, the current view too."""
        options = dataclasses.replace(options.normalized(), summary=False)
        if options == self._options:
            return
        self._options = options
        self._apply_palette()
        self.refresh_display()

    def showing_summary(self) -> bool:
        """Whether the shown article is its feed's summary rather than the full text."""
        entry = self._entry
        return self._mode == "article" and entry is not None and self.summary_for(entry.feed_id)

    def show_entry(self, entry: Entry, cached_urls: Container[str] = ()) -> None:
        """Show one article; ``cached_urls`` marks related links readable offline."""
        self._entry = entry
        self._cached_urls = cached_urls
        self._diff = None
        self._mode = "article"
        self._render()

    def show_changes(self, diff_html: str | None) -> None:
        """Show what changed in the shown article (None: no earlier version is stored)."""
        if self._entry is None:
            return
        self._diff = diff_html
        self._mode = "changes"
        self._render()

    def show_article(self) -> None:
        """Back from the changes to the article itself."""
        if self._entry is not None and self._mode != "article":
            self._mode = "article"
            self._render()

    def refresh_display(self) -> None:
        """Render what is shown again (after an option changed), at the same place."""
        bar = self.verticalScrollBar()
        ratio = bar.value() / max(1, bar.maximum())
        self._render()
        bar.setValue(round(ratio * bar.maximum()))

    def update_entry_state(self, *, read: bool | None = None, starred: bool | None = None) -> None:
        """Keep the shown article's state current without laying it out again."""
        if self._entry is None:
            return
        entry = self._entry
        self._entry = dataclasses.replace(
            entry,
            read=entry.read if read is None else read,
            starred=entry.starred if starred is None else starred,
        )

    def show_placeholder(self, text: str | None = None) -> None:
        """The empty state: nothing selected."""
        self._show_notice(text or self.tr("Select an article to read it."))

    def show_loading(self, title: str = "") -> None:
        """While a related article is being fetched."""
        text = self.tr("Loading…")
        self._show_notice(f"{text}\n{title}" if title else text)

    def _show_notice(self, text: str) -> None:
        self._entry = None
        self._mode = "notice"
        self._notice = text
        self._render()

    def _render(self) -> None:
        self._allowed = set()
        self._image_width = 0
        self._html = self._document_html()
        self._set_document(self._html)
        self.display_changed.emit()

    def _document_html(self) -> str:
        entry, options = self._entry, self._options
        if entry is None or self._mode == "notice":
            lines = "<br>".join(escape(line) for line in self._notice.splitlines())
            color = theme_of(options).muted
            return (
                '<table width="100%" height="100%"><tr><td align="center" valign="middle">'
                f'<p style="color:{color}; font-size:12pt;">{lines}</p></td></tr></table>'
            )
        if self._mode == "changes":
            return changes_html(entry, self._diff, format_date=format_long,
                                image_src=self._image_src, labels=self._labels(),
                                options=options)  # fmt: skip
        return article_html(
            entry,
            format_date=format_long,
            image_src=self._image_src,
            labels=self._labels(),
            cached_urls=self._cached_urls,
            options=dataclasses.replace(options, summary=self.summary_for(entry.feed_id)),
            note_text=translate_note,
        )

    def _apply_palette(self) -> None:
        # The document paints its own background; the palette covers the viewport around it
        # (below a short article, the notices) and the links Qt colours itself.
        theme = theme_of(self._options)
        palette = self.palette()
        for role, color in (
            (QPalette.ColorRole.Base, theme.background),
            (QPalette.ColorRole.Text, theme.text),
            (QPalette.ColorRole.Link, theme.link),
            (QPalette.ColorRole.LinkVisited, theme.link),
        ):
            palette.setColor(role, QColor(color))
        self.setPalette(palette)

    def _set_document(self, html: str) -> None:
        self.document().clear()  # drops cached resources of the previous article
        # Layout is quadratic in the nesting depth, and articles stored by older versions
        # were not flattened when they were sanitized.
        self.setHtml(limit_depth(html))
        self._apply_margins()

    def _labels(self) -> dict[str, str]:
        return {
            "by": self.tr("By {author}"),
            "origin": self.tr("Source: {origin}"),
            "extracted_site": self.tr("Extracted by site rule {name}"),
            "extracted_generic": self.tr("Generic extraction"),
            "summary_only": self.tr("Feed summary only"),
            "feed_content": self.tr("Article text as the feed delivered it"),
            # Why the path above was taken, e.g. "Generic extraction (site rule x: ...)".
            "with_note": self.tr("{path} ({note})"),
            "showing_summary": self.tr("Showing the feed's summary of this article"),
            "show_full": self.tr("Show the full article"),
            "no_summary": self.tr("The feed has no summary of this article: showing the full text"),
            "related": self.tr("Related"),
            "cached": self.tr("saved offline"),
            "open_original": self.tr("Open the original page"),
            "no_text": self.tr("This article has no text here. Open the original page to read it."),
            "image": self.tr("image"),
            "updated": self.tr("Updated {date}"),
            "show_changes": self.tr("Show changes"),
            "changes_title": self.tr("Changes since the previous version"),
            "added": self.tr("added"),
            "removed": self.tr("removed"),
            "back_to_article": self.tr("Back to the article"),
            "no_changes": self.tr("No earlier version of this article is stored."),
            "no_difference": self.tr("The text is the same as in the previous version."),
        }

    # -- images: local cache only ---------------------------------------------------------
    def _image_src(self, url: str) -> str | None:
        if self._entry is None:
            return None
        stored = self._entry.image_path(url)
        if not stored:
            return None
        path = Path(stored)
        path = (path if path.is_absolute() else self._image_root / path).resolve()
        if not path.is_relative_to(self._image_root) or not path.is_file():
            return None
        self._allowed.add(path)
        return QUrl.fromLocalFile(str(path)).toString()

    def loadResource(self, type_: int, name: QUrl | str) -> Any:
        """Only image files of the shown article; nothing remote, nothing else local.

        A refusal is an empty answer, never None: on None Qt reads the name as a path itself
        (a stylesheet, an image), and an empty image it does not.
        """
        name = QUrl(name)
        image_type = type_ == QTextDocument.ResourceType.ImageResource.value
        if not image_type or not name.isLocalFile():
            log.debug("refused resource %s", name.toString()[:200])
            return QImage() if image_type else QByteArray()
        path = Path(name.toLocalFile()).resolve()
        if path not in self._allowed:
            log.debug("refused local resource %s", path)
            return QImage()
        image = QImage(str(path))
        if image.isNull():
            return image
        width = self._column_width()
        self._image_width = width
        if image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return image

    # -- readable column ----------------------------------------------------------------------
    def _column_width(self) -> int:
        """The reading width in average characters of the text font; less in a narrow pane."""
        font = QFont(self.font())
        font.setPointSizeF(self._options.font_pt)
        wanted = QFontMetrics(font).averageCharWidth() * column_chars(self._options)
        available = self.viewport().width() - 2 * _MIN_SIDE_MARGIN
        return max(120, min(wanted, available))

    def _apply_margins(self) -> None:
        side = max(_MIN_SIDE_MARGIN, (self.viewport().width() - self._column_width()) // 2)
        root = self.document().rootFrame()
        fmt: QTextFrameFormat = root.frameFormat()
        if (fmt.leftMargin(), fmt.topMargin()) == (side, _TOP_MARGIN):
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(_TOP_MARGIN)
        fmt.setBottomMargin(_TOP_MARGIN)
        root.setFrameFormat(fmt)

    def _apply_layout(self) -> None:
        self._apply_margins()
        if self._image_width and self._image_width != self._column_width():
            # Images were scaled for another width: lay the article out again, same place.
            bar = self.verticalScrollBar()
            ratio = bar.value() / max(1, bar.maximum())
            self._set_document(self._html)
            bar.setValue(round(ratio * bar.maximum()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_margins()
        self._relayout.start()

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms the text like Ctrl++/Ctrl+- (not Qt's own widget-font zoom)."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
            return
        event.accept()
        # Touchpads send small deltas: add them up to whole wheel notches.
        self._wheel += event.angleDelta().y()
        steps = int(self._wheel / _WHEEL_STEP)
        if steps:
            self._wheel -= steps * _WHEEL_STEP
            self.zoom_requested.emit(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._mode == "changes" and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            self.show_article()
            return
        super().keyPressEvent(event)

    # -- links -------------------------------------------------------------------------
    def _on_anchor_clicked(self, url: QUrl) -> None:
        related = self._related_url(url)
        if url.toString() == CHANGES_URL and self._entry is not None:
            self.changes_requested.emit(self._entry.id)
        elif url.toString() == ARTICLE_URL:
            self.show_article()
        elif url.toString() == FULL_URL and self.showing_summary():
            self.full_article_requested.emit()
        elif related is not None:
            self.related_link_activated.emit(related)
        elif url.scheme() in ("http", "https"):
            self.open_external(url)
        elif not url.scheme() and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        else:
            log.info("ignored link %s", url.toString()[:200])

    def _related_url(self, url: QUrl) -> str | None:
        if self._entry is None:
            return None
        if url.scheme() not in ("http", "https"):
            return None
        for link in self._entry.related:
            if QUrl(link.url) == url or link.url == url.toString():
                return link.url
        return None
