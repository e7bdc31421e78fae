"""ArticleViewWidget: the article pane. Shows stored articles; never fetches anything."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Container
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QResizeEvent, QTextFrameFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

from newsreader.core.paths import images_dir
from newsreader.core.render import article_html
from newsreader.core.types import Entry
from newsreader.ui.dates import format_long

log = logging.getLogger(__name__)

_MIN_SIDE_MARGIN = 24
_TOP_MARGIN = 18


class ArticleViewWidget(QTextBrowser):
    """Renders ``render.article_html`` in a QTextBrowser, with a readable column width.

    ``loadResource`` only returns images that are files of the shown article inside the data
    dir's image cache; anything else (http, https, other files) gets nothing, so displaying
    an article never makes a request. Links are handled here, never followed by Qt.

    Signals:
        related_link_activated(str): the reader clicked one of the article's related links.
    """

    related_link_activated = Signal(str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image_root = images_dir(data_dir).resolve()
        self._allowed: set[Path] = set()
        self._entry: Entry | None = None
        self._html = ""
        self._image_width = 0  # column width images were scaled to (0: no image shown)
        # Replaceable in tests: what opens an ordinary web link.
        self.open_external: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._relayout = QTimer(self, singleShot=True, interval=150)
        self._relayout.timeout.connect(self._apply_layout)
        self.show_placeholder()

    # -- what is shown -----------------------------------------------------------------
    def entry(self) -> Entry | None:
        """The article shown, or None for the placeholder and messages."""
        return self._entry

    def show_entry(self, entry: Entry, cached_urls: Container[str] = ()) -> None:
        """Show one article; ``cached_urls`` marks related links readable offline."""
        self._entry = entry
        self._allowed = set()
        self._image_width = 0
        self._html = article_html(
            entry,
            format_date=format_long,
            image_src=self._image_src,
            labels=self._labels(),
            cached_urls=cached_urls,
        )
        self._set_document(self._html)

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
        self._allowed = set()
        lines = "<br>".join(escape(line) for line in text.splitlines())
        self._html = (
            '<table width="100%" height="100%"><tr><td align="center" valign="middle">'
            f'<p style="color:#808080; font-size:12pt;">{lines}</p></td></tr></table>'
        )
        self._set_document(self._html)

    def _set_document(self, html: str) -> None:
        self.document().clear()  # drops cached resources of the previous article
        self.setHtml(html)
        self._apply_margins()

    def _labels(self) -> dict[str, str]:
        return {
            "by": self.tr("By {author}"),
            "origin": self.tr("Source: {origin}"),
            "extracted_site": self.tr("Extracted by site rule {name}"),
            "extracted_generic": self.tr("Extracted from the page by the generic reader"),
            "summary_only": self.tr("Feed summary only"),
            "feed_content": self.tr("Article text as the feed delivered it"),
            "related": self.tr("Related"),
            "cached": self.tr("saved offline"),
            "open_original": self.tr("Open the original page"),
            "no_text": self.tr("This article has no text here. Open the original page to read it."),
            "image": self.tr("image"),
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
        """Only image files of the shown article; nothing remote, nothing else local."""
        name = QUrl(name)
        if not name.isLocalFile():
            log.debug("refused resource %s", name.toString())
            return None
        path = Path(name.toLocalFile()).resolve()
        if path not in self._allowed:
            log.debug("refused local resource %s", path)
            return None
        image = QImage(str(path))
        if image.isNull():
            return None
        width = self._column_width()
        self._image_width = width
        if image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return image

    # -- readable column ----------------------------------------------------------------------
    def _column_width(self) -> int:
        """At most ~90 average characters wide, like a book page; less in a narrow window."""
        wanted = self.fontMetrics().averageCharWidth() * 90
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

    # -- links -------------------------------------------------------------------------
    def _on_anchor_clicked(self, url: QUrl) -> None:
        related = self._related_url(url)
        if related is not None:
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
