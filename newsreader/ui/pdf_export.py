"""PDF export and printing through Qt's own PDF writer.

Each article is laid out as its own ``QTextDocument`` and painted page by page onto one
``QPdfWriter`` (A4, margins), so every article starts on a new page and only one article's
pictures are decoded at a time. Images come from the cache only; the document refuses every
other resource (``_OfflineDocument``), so making the PDF never reads the network or any file
but the article's cached pictures. Qt embeds the fonts it uses, so Indonesian text shows the
same on any machine. Painting on a ``QPdfWriter`` is allowed off the GUI thread: the dialog
runs this in a task.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import lxml.html
from PySide6.QtCore import (
    QByteArray,
    QFile,
    QFileDevice,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from newsreader.core import (
    Entry,
    ExportError,
    ProgressCallback,
    RelatedLink,
    Steps,
    atomic_file,
    body_tree,
    check_target,
    esc,
    human_date,
    is_web,
    limit_depth,
    meta_parts,
)

log = logging.getLogger(__name__)

RESOLUTION = 300  # device pixels per inch of the PDF's coordinates (text stays vector)
MARGINS_MM = QMarginsF(18, 16, 18, 14)
_CSS_DPI = 96  # <img width> and CSS pixels are 1/96 inch
_FOOTER_PT = 8
_IMAGE_SCHEME = "nr-image"
_STYLE = """
body { font-family: 'DejaVu Serif', 'Noto Serif', serif; font-size: 11pt; color: #111; }
h1 { font-family: 'DejaVu Sans', 'Noto Sans', sans-serif; font-size: 17pt; margin-bottom: 4px; }
h2, h3, h4, h5, h6 { font-family: 'DejaVu Sans', 'Noto Sans', sans-serif; }
.meta { font-family: 'DejaVu Sans', 'Noto Sans', sans-serif; font-size: 8.5pt; color: #555; }
.caption, figcaption { font-size: 9pt; color: #555; }
.missing { color: #777; }
blockquote { margin-left: 16px; color: #333; }
"""

_app: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication for the CLI (fonts need one);
    offscreen when there is no display to connect to."""
    global _app
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["newsreader"])
    return _app


class _OfflineDocument(QTextDocument):
    """A text document that loads nothing: only images added as resources are shown."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Nothing, as an empty answer of the kind asked for: on None, Qt may read the name
        as a path itself (as QTextBrowser's document does)."""
        log.debug("refused resource %s", QUrl(name).toString()[:200])
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return QImage()
        return QByteArray()


def load_images(entry: Entry) -> dict[str, QImage]:
    """The article's cached pictures, decoded, by URL (thread-safe: the PDF export decodes
    the next article's while it paints one)."""
    images = {}
    for ref in entry.images:
        image = QImage(ref.path) if ref.path else QImage()
        if not image.isNull():
            images[ref.url] = image
    return images


def article_document(
    entry: Entry, device: QPagedPaintDevice, images: Mapping[str, QImage] | None = None
) -> QTextDocument:
    """One article laid out for ``device``'s page: header, body with cached images (decoded
    here unless given), related links. Pictures wider than the text column are scaled down."""
    layout = device.pageLayout()
    dpi = device.logicalDpiX() or RESOLUTION
    area = layout.paintRectPixels(dpi)
    doc = _OfflineDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(QFont("DejaVu Serif", 11))
    doc.setDefaultStyleSheet(_STYLE)
    doc.setDocumentMargin(0)  # the page layout has the margins
    css_width = area.width() * _CSS_DPI / dpi
    css_height = area.height() * _CSS_DPI / dpi
    pictures = load_images(entry) if images is None else images
    # Laying out is quadratic in the nesting depth; older versions stored deep articles.
    doc.setHtml(limit_depth(_article_html(entry, doc, pictures, (css_width, css_height * 0.7))))
    return doc


def _article_html(
    entry: Entry, doc: QTextDocument, images: Mapping[str, QImage], limits: tuple[float, float]
) -> str:
    title = esc(entry.title or entry.url or "Artikel")
    meta = " · ".join(f"{esc(label)}: {esc(value)}" for label, value in meta_parts(entry))
    parts = [f"<h1>{title}</h1>"]
    if meta:
        parts.append(f'<p class="meta">{meta}</p>')
    if is_web(entry.url):
        parts.append(f'<p class="meta"><a href="{esc(entry.url)}">{esc(entry.url)}</a></p>')
    parts.append("<hr/>")
    body = body_tree(entry)
    _place_images(body, doc, images, limits)
    parts.append(lxml.html.tostring(body, encoding="unicode"))
    parts.append(_related_html(entry.related))
    return f"<html><body>{''.join(parts)}</body></html>"


def _place_images(
    body: lxml.html.HtmlElement,
    doc: QTextDocument,
    images: Mapping[str, QImage],
    limits: tuple[float, float],
) -> None:
    """Cached pictures become document resources sized to fit; others become ``[alt]``."""
    max_w, max_h = limits
    for number, img in enumerate(list(body.iter("img"))):
        image = images.get(img.get("src", ""))
        if image is None:
            missing = lxml.html.Element("span", {"class": "missing"})
            missing.text = f"[{img.get('alt', '').strip() or 'gambar'}]"
            img.addprevious(missing)
            img.drop_tree()
            continue
        name = f"{_IMAGE_SCHEME}:{number}"
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        scale = min(1.0, max_w / image.width(), max_h / image.height())
        for attr in list(img.attrib):
            if attr != "alt":
                del img.attrib[attr]
        img.set("src", name)
        img.set("width", str(max(1, int(image.width() * scale))))


def _related_html(related: Sequence[RelatedLink]) -> str:
    if not related:
        return ""
    items = []
    for link in related:
        name = esc(link.title or link.url)
        text = f'<a href="{esc(link.url)}">{name}</a>' if is_web(link.url) else name
        if link.published:
            text += f' <span class="meta">({esc(human_date(link.published))})</span>'
        items.append(f"<li>{text}</li>")
    return f"<h3>Baca Juga</h3><ul>{''.join(items)}</ul>"


def export_pdf(
    entries: Sequence[Entry],
    path: Path,
    *,
    force: bool = False,
    title: str = "Newsreader",
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Write ``entries`` to one A4 PDF at ``path`` (``.pdf`` added if it has no suffix).

    Raises:
        ExportError: nothing to export, the target exists and ``force`` is false, or the
            file could not be written. ExportCancelledError when ``cancel`` was set; no file
            is left behind either way.
    """
    if not entries:
        raise ExportError("nothing to export")
    path = Path(path).expanduser()
    path = path if path.suffix else path.with_suffix(".pdf")
    check_target(path, force)
    steps = Steps(len(entries), progress, cancel)
    steps.start()
    try:
        # Made as the other exports are: the user's umask decides who may read it.
        with atomic_file(path, follow_umask=True) as handle:
            _write_pdf(entries, handle, title, steps)
    except OSError as exc:
        raise ExportError(f"could not write {path}: {exc.strerror or exc}") from exc
    log.info("exported %d articles as pdf to %s", len(entries), path)
    return path


def _write_pdf(entries: Sequence[Entry], handle: BinaryIO, title: str, steps: Steps) -> None:
    """Paint ``entries`` into the open file ``handle`` (written through Qt, then flushed)."""
    out = QFile()
    if not out.open(handle.fileno(), QIODevice.OpenModeFlag.WriteOnly,
                    QFileDevice.FileHandleFlag.DontCloseHandle):  # fmt: skip
        raise OSError(f"cannot write the PDF: {out.errorString()}")
    try:
        _paint_pdf(entries, out, title, steps)
    finally:
        out.close()  # flushes Qt's buffer into the file
    if out.error() != QFileDevice.FileError.NoError:
        raise OSError(f"cannot write the PDF: {out.errorString()}")
    if os.fstat(handle.fileno()).st_size == 0:
        raise OSError("the PDF writer wrote nothing (disk full?)")


def _paint_pdf(entries: Sequence[Entry], out: QFile, title: str, steps: Steps) -> None:
    writer = QPdfWriter(out)
    writer.setTitle(title)
    writer.setCreator("Newsreader")
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, MARGINS_MM,
                                     QPageLayout.Unit.Millimeter))  # fmt: skip
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("cannot write the PDF")
    # Decoding pictures is a good part of the work: the next article's are decoded on another
    # thread (Qt lets go of the GIL there) while this one is painted.
    with ThreadPoolExecutor(1, thread_name_prefix="pdf-images") as decoder:
        try:
            page = 0
            upcoming = decoder.submit(load_images, entries[0])
            for number, entry in enumerate(entries, 1):
                images = upcoming.result()
                if number < len(entries):
                    upcoming = decoder.submit(load_images, entries[number])
                page = _paint_article(painter, writer, entry, images, page)
                steps.advance()
        finally:
            painter.end()


def _paint_article(
    painter: QPainter, writer: QPdfWriter, entry: Entry, images: Mapping[str, QImage], page: int
) -> int:
    """Paint one article from a fresh page; returns the number of pages painted so far."""
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    footer = _FOOTER_PT * writer.resolution() / 72 * 2
    doc = article_document(entry, writer, images)
    height = area.height() - footer
    doc.setPageSize(QSizeF(area.width(), height))
    for index in range(doc.pageCount()):
        if page:
            writer.newPage()
        page += 1
        painter.save()
        painter.translate(0, -index * height)
        doc.drawContents(painter, QRectF(0, index * height, area.width(), height))
        painter.restore()
        _paint_footer(painter, area.width(), area.height(), footer, str(page))
    return page


def _paint_footer(painter: QPainter, width: float, bottom: float, height: float, text: str) -> None:
    painter.save()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(_FOOTER_PT)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
    painter.drawText(QRectF(0, bottom - height / 2, width, height / 2), int(align), text)
    painter.restore()


def print_entry(entry: Entry, printer: QPrinter) -> None:
    """Print one article as the PDF export lays it out (File > Print…)."""
    doc = article_document(entry, printer)
    doc.print_(printer)
