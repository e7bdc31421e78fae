"""EPUB 3 export: one book, one XHTML chapter per article, with its cached images, an EPUB 3
table of contents (``nav.xhtml``) and an NCX for older readers.

Built by hand with ``zipfile`` and lxml, no new dependency. The result passes ``epubcheck``:
``mimetype`` comes first and uncompressed, every chapter is valid XHTML 5 (``xhtml``), only
EPUB core image types go in (PNG, JPEG, GIF; any other image becomes its alt text), and
nothing refers to a resource outside the book.
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from lxml import etree

from newsreader.core.export.common import (
    Steps,
    body_tree,
    human_date,
    is_web,
    meta_parts,
    one_line,
    read_image,
    xml_safe,
)
from newsreader.core.export.xhtml import XHTML, XhtmlBuilder, safe_href
from newsreader.core.types import Entry, RelatedLink

LANGUAGE = "id"
OPS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CORE_IMAGES = frozenset({"image/png", "image/jpeg", "image/gif"})
_CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '<rootfiles><rootfile full-path="OEBPS/content.opf" '
    'media-type="application/oebps-package+xml"/></rootfiles>\n</container>\n'
)
_CSS = """body{font-family:serif;line-height:1.5;margin:0 .5em}
h1,h2,h3,.meta{font-family:sans-serif;line-height:1.25}.meta{color:#555;font-size:.85em}
img{max-width:100%;height:auto}figure{margin:1em 0}figcaption{color:#555;font-size:.9em}
blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1em}.missing-image{color:#777}
"""


@dataclass(frozen=True)
class _Chapter:
    href: str  # relative to OEBPS/
    label: str


def write_epub(
    entries: Sequence[Entry],
    out: BinaryIO,
    title: str,
    steps: Steps,
    *,
    now: datetime | None = None,
    book_id: str | None = None,
) -> None:
    """Write the book to ``out`` (a seekable binary file)."""
    title = one_line(xml_safe(title)) or "Newsreader"
    book_id = book_id or f"urn:uuid:{uuid.uuid4()}"
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        # The first entry, stored, no extra field: readers sniff the type from fixed offsets.
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", _CONTAINER)
        book.writestr("OEBPS/style.css", _CSS)
        images = _Images(book)
        chapters = []
        for number, entry in enumerate(entries, 1):
            chapter = _Chapter(f"text/c{number:04d}.xhtml", _label(entry, number))
            book.writestr(f"OEBPS/{chapter.href}", chapter_xhtml(entry, images.src_for(entry)))
            chapters.append(chapter)
            steps.advance()
        book.writestr("OEBPS/nav.xhtml", _nav(chapters, title))
        book.writestr("OEBPS/toc.ncx", _ncx(chapters, title, book_id))
        book.writestr("OEBPS/content.opf", _opf(chapters, images.items, title, book_id, stamp))


class _Images:
    """Copies cached images into the book, once each; ``items`` lists (href, media type)."""

    def __init__(self, book: zipfile.ZipFile) -> None:
        self._book = book
        self._done: dict[str, str | None] = {}
        self.items: list[tuple[str, str]] = []

    def src_for(self, entry: Entry) -> Callable[[str], str | None]:
        def src(url: str) -> str | None:
            path = entry.image_path(url)
            if not path:
                return None
            if path not in self._done:
                self._done[path] = self._add(path)
            return self._done[path]

        return src

    def _add(self, path: str) -> str | None:
        found = read_image(path)
        if found is None or found[0] not in _CORE_IMAGES:
            return None
        mime, suffix, data = found
        href = f"images/i{len(self.items) + 1:04d}{suffix}"
        # Pictures are compressed already: storing them saves time and nothing else.
        self._book.writestr(f"OEBPS/{href}", data, zipfile.ZIP_STORED)
        self.items.append((href, mime))
        return f"../{href}"


def chapter_xhtml(entry: Entry, image_src: Callable[[str], str | None]) -> bytes:
    """One article as a complete XHTML 5 document."""
    heading = _label(entry, 0)
    root, body = _document(heading, stylesheet="../style.css")
    _sub(body, "h1").text = heading
    meta = meta_parts(entry)
    if meta:
        _sub(body, "p", {"class": "meta"}).text = xml_safe(
            " · ".join(f"{label}: {value}" for label, value in meta)
        )
    href = safe_href(entry.url) if is_web(entry.url) else None
    if href:
        link = _sub(_sub(body, "p", {"class": "meta source"}), "a", {"href": href})
        link.text = "Baca artikel asli"
    XhtmlBuilder(image_src).flow(body_tree(entry), _sub(body, "div", {"class": "body"}))
    if entry.related:
        _related(entry.related, body)
    return _serialize(root)


def _related(related: Sequence[RelatedLink], body: etree._Element) -> None:
    section = _sub(body, "div", {"class": "related"})
    _sub(section, "h2").text = "Baca Juga"
    items = _sub(section, "ul")
    for link in related:
        item = _sub(items, "li")
        href = safe_href(link.url) if is_web(link.url) else None
        name = _sub(item, "a", {"href": href}) if href else _sub(item, "span")
        name.text = one_line(xml_safe(link.title or link.url)) or "-"
        if link.published:
            name.tail = f" ({human_date(link.published)})"
        if link.teaser:
            _sub(item, "br").tail = one_line(xml_safe(link.teaser))


def _nav(chapters: Sequence[_Chapter], title: str) -> bytes:
    root, body = _document(title)
    nav = _sub(body, "nav", {f"{{{OPS}}}type": "toc", "id": "toc"})
    _sub(nav, "h1").text = "Daftar Isi"
    items = _sub(nav, "ol")
    for chapter in chapters:
        _sub(_sub(items, "li"), "a", {"href": chapter.href}).text = chapter.label
    return _serialize(root)


def _ncx(chapters: Sequence[_Chapter], title: str, book_id: str) -> bytes:
    root = etree.Element(f"{{{NCX}}}ncx", {"version": "2005-1", XML_LANG: LANGUAGE},
                         nsmap={None: NCX})  # fmt: skip
    head = etree.SubElement(root, f"{{{NCX}}}head")
    for name, content in (("dtb:uid", book_id), ("dtb:depth", "1"),
                          ("dtb:totalPageCount", "0"), ("dtb:maxPageNumber", "0")):  # fmt: skip
        etree.SubElement(head, f"{{{NCX}}}meta", {"name": name, "content": content})
    doc_title = etree.SubElement(root, f"{{{NCX}}}docTitle")
    etree.SubElement(doc_title, f"{{{NCX}}}text").text = title
    nav_map = etree.SubElement(root, f"{{{NCX}}}navMap")
    for order, chapter in enumerate(chapters, 1):
        point = etree.SubElement(nav_map, f"{{{NCX}}}navPoint",
                                 {"id": f"np{order}", "playOrder": str(order)})  # fmt: skip
        label = etree.SubElement(point, f"{{{NCX}}}navLabel")
        etree.SubElement(label, f"{{{NCX}}}text").text = chapter.label
        etree.SubElement(point, f"{{{NCX}}}content", {"src": chapter.href})
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _opf(
    chapters: Sequence[_Chapter],
    images: Sequence[tuple[str, str]],
    title: str,
    book_id: str,
    stamp: str,
) -> bytes:
    root = etree.Element(f"{{{OPF}}}package",
                         {"version": "3.0", "unique-identifier": "book-id", XML_LANG: LANGUAGE},
                         nsmap={None: OPF})  # fmt: skip
    meta = etree.SubElement(root, f"{{{OPF}}}metadata", nsmap={"dc": DC})
    etree.SubElement(meta, f"{{{DC}}}identifier", {"id": "book-id"}).text = book_id
    etree.SubElement(meta, f"{{{DC}}}title").text = title
    etree.SubElement(meta, f"{{{DC}}}language").text = LANGUAGE
    etree.SubElement(meta, f"{{{DC}}}creator").text = "Newsreader"
    etree.SubElement(meta, f"{{{DC}}}date").text = stamp
    etree.SubElement(meta, f"{{{OPF}}}meta", {"property": "dcterms:modified"}).text = stamp
    manifest = etree.SubElement(root, f"{{{OPF}}}manifest")
    items = [
        ("nav", "nav.xhtml", "application/xhtml+xml", "nav"),
        ("ncx", "toc.ncx", "application/x-dtbncx+xml", ""),
        ("css", "style.css", "text/css", ""),
    ]
    items += [(f"c{n:04d}", c.href, "application/xhtml+xml", "") for n, c in enumerate(chapters, 1)]
    items += [(f"i{n:04d}", href, mime, "") for n, (href, mime) in enumerate(images, 1)]
    for item_id, href, media_type, properties in items:
        attrs = {"id": item_id, "href": href, "media-type": media_type}
        if properties:
            attrs["properties"] = properties
        etree.SubElement(manifest, f"{{{OPF}}}item", attrs)
    spine = etree.SubElement(root, f"{{{OPF}}}spine", {"toc": "ncx"})
    etree.SubElement(spine, f"{{{OPF}}}itemref", {"idref": "nav"})
    for number in range(1, len(chapters) + 1):
        etree.SubElement(spine, f"{{{OPF}}}itemref", {"idref": f"c{number:04d}"})
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _document(title: str, stylesheet: str = "") -> tuple[etree._Element, etree._Element]:
    """An empty XHTML document in Indonesian: (root, body)."""
    root = etree.Element(f"{{{XHTML}}}html", {"lang": LANGUAGE, XML_LANG: LANGUAGE},
                         nsmap={None: XHTML, "epub": OPS})  # fmt: skip
    head = _sub(root, "head")
    _sub(head, "meta", {"charset": "utf-8"})
    _sub(head, "title").text = title
    if stylesheet:
        _sub(head, "link", {"rel": "stylesheet", "type": "text/css", "href": stylesheet})
    return root, _sub(root, "body")


def _sub(parent: etree._Element, tag: str, attrib: dict[str, str] | None = None) -> etree._Element:
    return etree.SubElement(parent, f"{{{XHTML}}}{tag}", attrib or {})


def _serialize(root: etree._Element) -> bytes:
    return bytes(
        etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")
    )


def _label(entry: Entry, number: int) -> str:
    """The chapter's title: never empty, one line, XML-safe."""
    text = one_line(xml_safe(entry.title or entry.url))
    return text or f"Artikel {number}"
