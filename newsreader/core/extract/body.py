"""The article body: finding it on a page without a rule, and cleaning it on every path.

Cleaning removes what Indonesian news pages put inside or around the text that is not the
article: share bars, ads, comment blocks, the ``DISCLAIMER:`` paragraph, promotion lines,
the title repeated at the start of the body, and the partner lead line (``VOA Indonesia -
<title>``, which names the article's origin). Editor initials such as ``[vm/ft]`` stay.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from lxml import etree, html

from newsreader.core.extract.dates import find_date_line
from newsreader.core.extract.metadata import parse_byline, same_title
from newsreader.core.extract.page_tree import (
    BLOCK_TAGS,
    HEADINGS,
    ancestors,
    drop,
    is_furniture,
    leaf_blocks,
    norm,
    text_of,
    walk,
)
from newsreader.core.extract.sanitize import element_text, parse_fragment, prepare_tree

log = logging.getLogger(__name__)

MIN_BODY_CHARS = 200  # less than this is a teaser or a failure, not an article
TRAFILATURA_MAX_CHARS = 1_000_000  # it parses the page again: bound what that costs

_PAGE_JUNK = tuple(
    "script style noscript template iframe frame object embed button input select "  # noqa: SIM905
    "textarea svg math canvas link meta".split()
)
_PAGE_FURNITURE_TAGS = ("nav", "footer", "aside", "header", "form", "dialog")
_BOILERPLATE = re.compile(
    r"^(?:disclaimer\s*:|advertisement\b|scroll to continue|iklan\s*$|ads\s*$|"
    r"dapatkan (?:update|informasi|berita)|simak (?:breaking news|berita|update)|"
    r"ikuti (?:kami|berita|update|saluran)|download aplikasi|unduh aplikasi|"
    r"baca (?:artikel|berita) selengkapnya|(?:klik|click) (?:di ?sini|here)|"
    r"(?:baca juga|baca pula|simak juga|lihat juga)\s*:|"
    r"\[gambas:[^\]]*\]$)",  # detik/CNN Indonesia embed markers ("[Gambas:Video CNN]")
    re.IGNORECASE,
)
_BYLINE_ONLY = re.compile(
    r"^\s*(?:penulis|reporter|pewarta|wartawan|kontributor|editor|redaktur|penyunting|"
    r"fotografer)\s*:",
    re.IGNORECASE,
)
_LEAD_LINE = re.compile(r"^(?P<origin>[A-Z0-9][\w.&' ]{1,40}?)\s+[-–—]\s+(?P<rest>\S.*)$")
_PARTNERS = frozenset(
    "voa indonesia|bbc indonesia|bbc news indonesia|cri indonesia|abc australia|"  # noqa: SIM905
    "abc indonesia|dw indonesia|antara|kantor berita antara|xinhua|sputnik|anadolu|reuters|"
    "afp|ap".split("|")
)
_EMPTYABLE = frozenset(
    "p div span section article figure figcaption ul ol li strong b em i u a blockquote "  # noqa: SIM905
    "h2 h3 h4 h5 h6 center font small".split()
)


@dataclass
class BodyInfo:
    """What cleaning learned from the body: the partner origin and any byline lines."""

    origin: str = ""
    bylines: list[tuple[str, str]] = field(default_factory=list)


def strip_junk(doc: html.HtmlElement) -> None:
    """Remove what is never text (scripts, styles, embeds, form controls), keeping the text
    that follows each. Cheap (lxml does it in C) and it shrinks every later walk."""
    etree.strip_elements(doc, *_PAGE_JUNK, with_tail=False)


def strip_page(doc: html.HtmlElement, keep: html.HtmlElement | None) -> None:
    """Remove page furniture (menus, footers, asides, share/ads/comment blocks) page-wide.

    ``keep`` (the title element) and everything around it survives, as does any element
    holding most of the page's text: a wrapper named "with-sidebar" is not furniture, and an
    ASP.NET page wrapped whole in a <form> keeps its form.
    """
    strip_junk(doc)
    total = len(doc.text_content()) or 1
    keep_path = set(ancestors(keep)) if keep is not None else set()
    doomed = []
    stack = [c for c in reversed(doc) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if (
            (el.tag in _PAGE_FURNITURE_TAGS or is_furniture(el))
            and el not in keep_path
            and len(el.text_content()) < 0.5 * total
        ):
            doomed.append(el)  # its subtree goes with it: not walked
            continue
        stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    for el in doomed:
        drop(el)


def _drop_all(doomed: list[html.HtmlElement]) -> None:
    """Drop each element unless an ancestor is dropped too (removing that is enough)."""
    ids = {id(d) for d in doomed}
    for el in doomed:
        parent = el.getparent()
        inside = False
        while parent is not None and not inside:
            inside = id(parent) in ids
            parent = parent.getparent()
        if not inside and el.getparent() is not None:
            drop(el)


def split_breaks(root: html.HtmlElement) -> None:
    """Turn loose text into paragraphs: text separated by <br> (older sites write
    ``<td>Title<br>Date<br><br><span>text</span><br><br>...</td>``) or lying between block
    children (``<div>Jakarta - lead text<br><br><div class="ads"></div>more text...``).
    Each run of inline content becomes a <p>; blocks stay where they are."""
    for el in list(walk(root, *_SPLIT_TAGS)):
        children = list(el)
        if not children or _loose_chars(el, children) < 50:
            continue
        if any(c.tag == "br" or (isinstance(c.tag, str) and c.tag in BLOCK_TAGS) for c in children):
            _split(el, children)


_SPLIT_TAGS = ("div", "td", "th", "section", "article", "main", "font", "center", "blockquote")


def _loose_chars(el: html.HtmlElement, children: list[html.HtmlElement]) -> int:
    """Characters of the element's inline text: its own, its inline children's, not its
    block children's."""
    count = len(el.text.strip()) if el.text else 0
    for child in children:
        if child.tail:
            count += len(child.tail.strip())
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS:
            count += len(child.text_content().strip())
    return count


def _split(el: html.HtmlElement, children: list[html.HtmlElement]) -> None:
    out: list[html.HtmlElement] = []
    paragraph = html.Element("p")
    paragraph.text, el.text = el.text, None

    def close() -> html.HtmlElement:
        if len(paragraph) or (paragraph.text or "").strip():
            out.append(paragraph)
        return html.Element("p")

    for child in children:
        el.remove(child)  # its tail moves with it
        tag = child.tag
        if tag == "br" or (isinstance(tag, str) and tag in BLOCK_TAGS):
            tail, child.tail = child.tail, None
            paragraph = close()
            if tag != "br":
                out.append(child)
            paragraph.text = tail
        else:
            paragraph.append(child)
    close()
    for item in out:
        el.append(item)


def trafilatura_body(page_text: str, url: str) -> html.HtmlElement | None:
    """The body trafilatura finds, as a <div>; None when it finds nothing."""
    import trafilatura  # costs ~190 ms: only imported when the own heuristics fail

    quiet_trafilatura()
    try:
        result = trafilatura.extract(
            page_text[:TRAFILATURA_MAX_CHARS],
            url=url or None,
            output_format="html",
            include_images=True,
            include_links=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            deduplicate=False,
            with_metadata=False,
        )
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        log.info("trafilatura failed on %s: %s", url, exc)
        return None
    if not result:
        return None
    root = parse_fragment(result)
    if root is None:
        return None
    body = root.find(".//body")
    return body if body is not None else root


def quiet_trafilatura() -> None:
    """trafilatura and its helpers log ordinary outcomes as warnings and errors ("discarding
    data", "empty HTML tree"); for us those are results, reported in the article's note."""
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logger = logging.getLogger(name)
        if logger.level < logging.CRITICAL:
            logger.setLevel(logging.CRITICAL)


def drop_link_lists(body: html.HtmlElement) -> None:
    """Remove link boxes inside a body found without a rule: containers whose text is mostly
    the titles of two or more links ("Recommended", "Most read"), with a short heading just
    before one. Whatever its class is called, such a box is not the article's text."""
    doomed: list[html.HtmlElement] = []
    stack = [c for c in reversed(body) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        if el.tag in _LINK_BOXES and _is_link_box(el):
            doomed.append(el)
            heading = el.getprevious()
            if heading is not None and heading.tag in HEADINGS and len(text_of(heading)) < 60:
                doomed.append(heading)
            continue
        stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    for el in doomed:
        if el.getparent() is not None:
            drop(el)


_LINK_BOXES = frozenset({"div", "section", "ul", "ol", "aside", "table", "nav"})


def _is_link_box(el: html.HtmlElement) -> bool:
    anchors = [a for a in el.iter("a") if a.get("href")]
    if len(anchors) < 2:
        return False
    text = len(text_of(el))
    links = sum(len(text_of(a)) for a in anchors)
    # A wrapper of the text around such a box holds prose of its own: only the box goes.
    return links >= 0.6 * text and text - links < 150


def clean_body(body: html.HtmlElement, title: str, base_url: str) -> BodyInfo:
    """Clean the body in place; returns the origin and byline lines it found."""
    info = BodyInfo()
    split_breaks(body)
    text_len = len(text_of(body)) or 1
    doomed = []
    for el in body.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        if (
            el.tag in _PAGE_JUNK
            or el.tag in _PAGE_FURNITURE_TAGS
            or (is_furniture(el) and len(text_of(el)) < 0.5 * text_len)
        ):
            doomed.append(el)
    _drop_all(doomed)
    _drop_text_blocks(body, info)
    info.origin = _clean_lead(body, title)
    prepare_tree(body, base_url)
    drop_empty(body)
    return info


def _drop_text_blocks(body: html.HtmlElement, info: BodyInfo) -> None:
    """Drop boilerplate lines (disclaimer, promotions) and byline-only lines (kept in info)."""
    doomed = []
    for el in leaf_blocks(body):
        text = text_of(el)
        if not text or len(text) > 400:
            continue
        if _BOILERPLATE.match(text):
            doomed.append(el)
        elif len(text) <= 120 and _BYLINE_ONLY.match(text):
            info.bylines.extend(parse_byline(element_text(el)))  # <br> separates bylines
            doomed.append(el)
    for el in doomed:
        drop(el)


def _clean_lead(body: html.HtmlElement, title: str) -> str:
    """Remove the title, date and byline lines heading the body; return the partner origin."""
    origin = ""
    doomed: list[html.HtmlElement] = []
    seen = 0
    for el in leaf_blocks(body):
        if el.tag in ("figure", "figcaption", "table", "tr", "td", "th", "hr"):
            continue  # an image or its caption above the text does not end the lead
        text = text_of(el)
        if not text:
            continue
        seen += 1
        if seen > 6:
            break
        if same_title(text, title):
            doomed.append(el)
        elif not origin and (origin := _origin(el, text, title, doomed)):
            continue
        elif len(text) <= 120 and _date_or_byline_only(text):
            doomed.append(el)
        else:
            break
    for el in doomed:
        drop(el)
    return origin


def _origin(el: html.HtmlElement, text: str, title: str, doomed: list[html.HtmlElement]) -> str:
    """The partner named by a lead line ``VOA Indonesia - <title>``; the line is dropped."""
    match = _LEAD_LINE.match(text)
    if match is None or len(match["origin"].split()) > 4:
        return ""
    origin, rest = match["origin"].strip(), match["rest"]
    if same_title(rest, title) or (origin.lower() in _PARTNERS and len(text) < 160):
        doomed.append(el)
        return origin
    if origin.lower() in _PARTNERS and el.text and el.text.lstrip().startswith(origin):
        # A long first paragraph opening with the partner's name: keep the paragraph.
        el.text = re.sub(r"^\s*" + re.escape(origin) + r"\s+[-–—]\s+", "", el.text)
        return origin
    return ""


def _date_or_byline_only(text: str) -> bool:
    """Is the line only a date and/or a byline ("Senin, 26 Okt 2020 | Penulis : X")?"""
    hit = find_date_line(text)
    rest = text.replace(hit[1], " ") if hit else text
    pairs = parse_byline(rest)
    if hit is None and not pairs:
        return False
    for _, name in pairs:
        rest = rest.replace(name, " ")
    rest = re.sub(
        r"\b(?:penulis|reporter|pewarta|editor|redaktur|oleh|by)\b|[\W\d_]+",
        " ",
        rest,
        flags=re.IGNORECASE,
    )
    return len(norm(rest)) <= 25  # a weekday name or a source name may remain


def drop_empty(root: html.HtmlElement) -> None:
    """Remove elements left without text or images (wrappers of removed boilerplate)."""
    for el in reversed(list(root.iterdescendants())):
        if (
            isinstance(el.tag, str)
            and el.tag in _EMPTYABLE
            and len(el) == 0
            and not (el.text or "").strip()
        ):
            drop(el)
    for table in list(root.iter("table")):
        if not text_of(table) and table.find(".//img") is None:
            drop(table)  # a layout table of a removed "Baca juga" box


def body_images(body: html.HtmlElement) -> list[str]:
    """Absolute image URLs of a prepared body, in order."""
    return [img.get("src", "") for img in body.iter("img") if img.get("src")]
