"""Sanitized article HTML rebuilt as valid XHTML 5, for EPUB chapters.

EPUB readers parse chapters as XML and ``epubcheck`` validates them against the HTML schema,
which is stricter than any browser: no block inside a paragraph, list items only in lists,
``dt`` before ``dd``, one ``figcaption`` first or last, no obsolete tags or attributes, no
characters XML forbids. Rather than repair markup after the fact, the body is rebuilt from an
allow-list: each element is either kept (with its allowed attributes only), renamed to a
valid equivalent, flattened into its parent's kind of content, or unwrapped.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsreader.core.export.common import xml_safe

XHTML = "http://www.w3.org/1999/xhtml"

# Elements whose content is phrasing, kept as they are (inline, or a heading/paragraph).
_PHRASING = frozenset(
    "a abbr b bdi br cite code del dfn em i img ins kbd mark q s samp small span strong "  # noqa: SIM905
    "sub sup u var wbr".split()
)
_TEXT_BLOCKS = frozenset("p pre h1 h2 h3 h4 h5 h6".split())  # noqa: SIM905
_FLOW_BLOCKS = frozenset("div section article aside nav blockquote".split())  # noqa: SIM905
_RENAMED = {
    "center": "div", "header": "div", "footer": "div", "main": "div", "address": "div",
    "hgroup": "div", "details": "div", "summary": "p", "tt": "code", "strike": "s",
    "acronym": "abbr", "big": "span", "font": "span", "time": "span", "data": "span",
    "bdo": "span", "ruby": "span", "rb": "span", "rt": "span", "rtc": "span", "nobr": "span",
    "label": "span",
}  # fmt: skip
_DROPPED = frozenset(
    "script style template noscript rp head title meta link iframe object embed svg math "  # noqa: SIM905
    "form input button select textarea audio video canvas".split()
)
_VOID = frozenset({"br", "wbr", "img", "hr"})
_MAILTO = "mailto:"


class XhtmlBuilder:
    """Rebuilds an lxml.html tree under an XHTML parent element.

    Args:
        image_src: maps an image's ``src`` to the path inside the book, or None when the image
            is not in the book (it becomes ``[alt]`` text).
    """

    def __init__(self, image_src: Callable[[str], str | None]) -> None:
        self.image_src = image_src

    def flow(self, src: HtmlElement, dst: etree._Element) -> None:
        """Add ``src``'s content to ``dst``, a parent that takes block (flow) content."""
        _add_text(dst, src.text)
        for child in src:
            if isinstance(child.tag, str):
                self._flow_child(child, dst)
            _add_text(dst, child.tail)

    def phrasing(self, src: HtmlElement, dst: etree._Element, *, in_link: bool = False) -> None:
        """Add ``src``'s content to ``dst``, a parent that takes inline content only."""
        _add_text(dst, src.text)
        for child in src:
            if isinstance(child.tag, str):
                self._phrasing_child(child, dst, in_link)
            _add_text(dst, child.tail)

    # -- one element -------------------------------------------------------------------
    def _flow_child(self, el: HtmlElement, dst: etree._Element) -> None:
        tag = _tag(el)
        if tag is None:
            return
        if tag in _FLOW_BLOCKS:
            self.flow(el, _sub(dst, tag))
        elif tag in _TEXT_BLOCKS:
            self._text_block(el, tag, dst)
        elif tag in ("ul", "ol"):
            self._list(el, tag, dst)
        elif tag == "dl":
            self._definitions(el, dst)
        elif tag == "table":
            self._table(el, dst)
        elif tag == "figure":
            self._figure(el, dst)
        elif tag == "hr":
            _sub(dst, "hr")
        elif tag in _PHRASING:
            self._phrasing_child(el, dst, in_link=False)
        else:  # li, td, figcaption... out of place, or unknown: keep the content
            self.flow(el, dst)

    def _phrasing_child(self, el: HtmlElement, dst: etree._Element, in_link: bool) -> None:
        tag = _tag(el)
        if tag is None:
            return
        if tag == "img":
            self._image(el, dst)
        elif tag in ("br", "wbr"):
            _sub(dst, tag)
        elif tag == "a":
            self._link(el, dst, in_link)
        elif tag in _PHRASING:
            out = _sub(dst, tag)
            if tag == "abbr" and el.get("title"):
                out.set("title", xml_safe(el.get("title", "")))
            self.phrasing(el, out, in_link=in_link)
        else:  # a block inside a paragraph: its words stay, apart from their neighbours
            _add_text(dst, " ")
            self.phrasing(el, dst, in_link=in_link)
            _add_text(dst, " ")

    def _text_block(self, el: HtmlElement, tag: str, dst: etree._Element) -> None:
        if tag[0] == "h":  # below the chapter's own <h1>
            tag = f"h{min(6, max(2, int(tag[1])))}"
        out = _sub(dst, tag)
        self.phrasing(el, out)

    def _link(self, el: HtmlElement, dst: etree._Element, in_link: bool) -> None:
        href = None if in_link else safe_href(el.get("href", ""))
        out = _sub(dst, "a" if href else "span")
        if href:
            out.set("href", href)
        self.phrasing(el, out, in_link=in_link or bool(href))

    def _image(self, el: HtmlElement, dst: etree._Element) -> None:
        alt = xml_safe(" ".join((el.get("alt") or "").split()))
        src = self.image_src(el.get("src") or "")
        if src is None:
            missing = _sub(dst, "span", {"class": "missing-image"})
            missing.text = f"[{alt or 'gambar'}]"
            return
        img = _sub(dst, "img", {"src": src, "alt": alt})
        for name in ("width", "height"):
            value = (el.get(name) or "").strip()
            if value.isascii() and value.isdigit() and 0 < int(value) < 100_000:
                img.set(name, str(int(value)))

    def _list(self, el: HtmlElement, tag: str, dst: etree._Element) -> None:
        out = _sub(dst, tag)
        start = (el.get("start") or "").strip()
        if tag == "ol" and start.lstrip("-").isascii() and start.lstrip("-").isdigit():
            out.set("start", str(int(start)))
        if (el.text or "").strip():
            _sub(out, "li").text = xml_safe(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and _tag(child) == "li":
                self.flow(child, _sub(out, "li"))
            elif isinstance(child.tag, str) and _tag(child) is not None:
                self._flow_child(child, _sub(out, "li"))
            if (child.tail or "").strip():
                _sub(out, "li").text = xml_safe(child.tail or "")

    def _definitions(self, el: HtmlElement, dst: etree._Element) -> None:
        """``dl`` holds groups of ``dt``+ then ``dd``+: missing halves are added empty."""
        out = _sub(dst, "dl")
        last = None
        for child in el:
            if not isinstance(child.tag, str) or _tag(child) is None:
                continue
            kind = "dt" if _tag(child) == "dt" else "dd"
            if kind == "dd" and last is None:
                _sub(out, "dt")
            item = _sub(out, kind)
            if kind == "dt":
                self.phrasing(child, item)
            elif _tag(child) == "dd":
                self.flow(child, item)
            else:
                self._flow_child(child, item)
            last = kind
        if last == "dt":
            _sub(out, "dd")

    def _table(self, el: HtmlElement, dst: etree._Element) -> None:
        rows: list[HtmlElement] = []
        caption = None
        for child in el:
            tag = _tag(child) if isinstance(child.tag, str) else None
            if tag == "tr":
                rows.append(child)
            elif tag in ("thead", "tbody", "tfoot"):
                rows += [r for r in child if isinstance(r.tag, str) and _tag(r) == "tr"]
            elif tag == "caption" and caption is None:
                caption = child
        if not rows:
            self.flow(el, dst)
            return
        table = _sub(dst, "table")
        if caption is not None:
            self.flow(caption, _sub(table, "caption"))
        body = _sub(table, "tbody")
        for row in rows:
            tr = _sub(body, "tr")
            for cell in row:
                tag = _tag(cell) if isinstance(cell.tag, str) else None
                if tag in ("td", "th"):
                    self._cell(cell, tag, tr)

    def _cell(self, cell: HtmlElement, tag: str, tr: etree._Element) -> None:
        out = _sub(tr, tag)
        for name, low in (("colspan", 1), ("rowspan", 0)):
            value = (cell.get(name) or "").strip()
            if value.isascii() and value.isdigit() and low <= int(value) <= 1000:
                out.set(name, str(int(value)))
        # A header cell may not hold headings or sections: keep its words inline.
        (self.phrasing if tag == "th" else self.flow)(cell, out)

    def _figure(self, el: HtmlElement, dst: etree._Element) -> None:
        """A figure's content, with its first caption moved last (it must be first or last)."""
        out = _sub(dst, "figure")
        _add_text(out, el.text)
        caption = None
        for child in el:
            if isinstance(child.tag, str) and _tag(child) == "figcaption" and caption is None:
                caption = child
            elif isinstance(child.tag, str):
                self._flow_child(child, out)
            _add_text(out, child.tail)
        if caption is not None:
            self.flow(caption, _sub(out, "figcaption"))


def safe_href(url: str) -> str | None:
    """An http(s) or mailto link, percent-encoded so it is a valid URL; None otherwise."""
    url = url.strip()
    lowered = url.lower()
    if lowered.startswith(_MAILTO):
        return quote(xml_safe(url), safe=":@!$&'()*+,;=%/?")
    if not lowered.startswith(("http://", "https://")):
        return None
    encoded = quote(xml_safe(url), safe=":/?#[]@!$&'()*+,;=%~")
    try:
        if not urlsplit(encoded).hostname:
            return None
    except ValueError:  # a malformed [IPv6] host
        return None
    return encoded


def _tag(el: HtmlElement) -> str | None:
    """The element's name after renaming; None for elements dropped with their content."""
    tag = str(el.tag).lower()
    if tag in _DROPPED:
        return None
    return _RENAMED.get(tag, tag)


def _sub(parent: etree._Element, tag: str, attrib: dict[str, str] | None = None) -> etree._Element:
    return etree.SubElement(parent, f"{{{XHTML}}}{tag}", attrib or {})


def _add_text(dst: etree._Element, text: str | None) -> None:
    """Append text where the next child would go (after the last child, or inside)."""
    if not text:
        return
    text = xml_safe(text)
    if len(dst):
        last = dst[-1]
        last.tail = (last.tail or "") + text
    elif etree.QName(dst).localname not in _VOID:
        dst.text = (dst.text or "") + text
