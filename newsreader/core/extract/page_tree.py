"""The parsed page and the small tree helpers every extraction step shares.

A page is parsed once (lxml, ``huge_tree`` off, so hostile size is cut by libxml2) and every
step works on that one tree. libxml2 stops at 256 levels of nesting and drops the rest of the
page; a page that deep is parsed again with its nesting flattened below that
(``nesting.limit_depth``), so that its text survives. Walks over the whole page are capped at
``MAX_WALK`` elements so a 20 MB page costs bounded time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

from lxml import etree, html

from newsreader.core.extract.nesting import MAX_PAGE_DEPTH, limit_depth
from newsreader.core.extract.sanitize import element_text, remove_controls
from newsreader.core.extract.site_rules import css

log = logging.getLogger(__name__)

MAX_PAGE_CHARS = 3_000_000  # real article pages are far smaller; the rest is inline junk
MAX_WALK = 50_000  # elements any whole-page walk looks at
_PARSER = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
# lxml.html picks each element's class with a lookup written in Python, run every time an
# element is touched; the C default lookup makes every element an HtmlElement (all we use)
# and walks several times faster. Form and input elements lose only their form helpers.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction
    )
)
# A tree this deep was cut short by libxml2 (at 256 levels, counting some it adds itself).
_CUT_SHORT = etree.XPath("boolean(/*" + "/*" * 239 + ")")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav ul ol li dl dt dd table thead "  # noqa: SIM905
    "tbody tfoot tr td th caption blockquote figure figcaption pre h1 h2 h3 h4 h5 h6 hr "
    "address details summary form fieldset center".split()
)
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
# Inline tags that style words inside a run of text rather than set a text apart.
_FORMATTING = frozenset(
    ["b", "i", "em", "strong", "u", "s", "mark", "abbr", "sup", "sub", "q", "cite", "code"]
)

# Class/id words that mark page furniture rather than article text. Matched against the
# "-"/"_"-separated parts of each class and id token ("detail-share" -> "share").
_FURNITURE = frozenset(
    "share sharing sharer shares social sosmed socmed comment comments komentar disqus "  # noqa: SIM905
    "disclaimer ads ad advert advertisement adsense iklan banner sponsor sponsored promo "
    "newsletter subscribe breadcrumb breadcrumbs sidebar popular terpopuler populer "
    "footer navbar nav menu related terkait bacajuga rekomendasi recommendation "
    "recommended tags tag topik widget cookie cookies consent gdpr".split()
)
# Short words that also turn up among generated class names ("ad" in Medium's "ab ad ae"):
# they mark furniture only on elements that hold no prose of their own.
_WEAK = frozenset({"ad", "tag", "tags"})
_KEEP_TAGS = frozenset({"html", "body", "main", "article"})
_FURNITURE_NAME = re.compile(
    r"(?:^|[\s_-])(" + "|".join(sorted(_FURNITURE, key=len, reverse=True)) + r")(?=$|[\s_-])",
    re.IGNORECASE,
)


def parse_page(text: str) -> html.HtmlElement | None:
    """The page as an lxml tree, or None when there is nothing usable to parse."""
    if len(text) > MAX_PAGE_CHARS:
        log.info("page of %d characters cut to %d", len(text), MAX_PAGE_CHARS)
        text = text[:MAX_PAGE_CHARS]
    text = remove_controls(_XML_DECL.sub("", text, count=1))
    if "<" not in text:
        return None
    root = _parse(text)
    if root is not None and _CUT_SHORT(root):
        # Flattening costs about twice the parse, so only pages that need it pay for it.
        log.info("page nested too deep for libxml2: flattened to %d levels", MAX_PAGE_DEPTH)
        root = _parse(limit_depth(text, MAX_PAGE_DEPTH))
    return root


def _parse(text: str) -> html.HtmlElement | None:
    try:
        root = html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        log.debug("page not parsed: %s", exc)
        return None
    return root if isinstance(root, html.HtmlElement) else None


def norm(text: str | None) -> str:
    """Whitespace (non-breaking spaces included) collapsed to single spaces, trimmed."""
    # str.split() splits on the same Unicode whitespace as the regex \s, and is faster.
    return " ".join(text.split()) if text else ""


def text_of(el: html.HtmlElement) -> str:
    return norm(el.text_content())


def walk(root: html.HtmlElement, *tags: str) -> Iterator[html.HtmlElement]:
    """Elements under ``root`` (with those tags, or all), at most MAX_WALK of them."""
    for count, el in enumerate(root.iter(*tags) if tags else root.iter()):
        if count >= MAX_WALK:
            log.info("page walk stopped after %d elements", MAX_WALK)
            return
        if isinstance(el.tag, str):
            yield el


def select(root: html.HtmlElement, selectors: Iterable[str]) -> list[html.HtmlElement]:
    """The elements the first matching selector finds (selectors are tried in order)."""
    for selector in selectors:
        try:
            found = [el for el in css(selector)(root) if isinstance(el, html.HtmlElement)]
        except (etree.XPathError, ValueError) as exc:
            log.warning("selector %r failed: %s", selector, exc)
            continue
        if found:
            return found
    return []


def select_all(root: html.HtmlElement, selectors: Iterable[str]) -> list[html.HtmlElement]:
    """Everything any of the selectors finds, in selector order, each element once."""
    found: dict[int, html.HtmlElement] = {}
    for selector in selectors:
        try:
            for el in css(selector)(root):
                if isinstance(el, html.HtmlElement):
                    found.setdefault(id(el), el)
        except (etree.XPathError, ValueError) as exc:
            log.warning("selector %r failed: %s", selector, exc)
    return list(found.values())


def select_one(root: html.HtmlElement, selectors: Iterable[str]) -> html.HtmlElement | None:
    found = select(root, selectors)
    return found[0] if found else None


def drop(el: html.HtmlElement) -> None:
    """Remove ``el`` and its content, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def is_furniture(el: html.HtmlElement) -> bool:
    """Does the element's class or id name it page furniture (share bar, ads, comments...)?"""
    names = el.get("class")
    ident = el.get("id")
    if ident:
        names = f"{names} {ident}" if names else ident
    if not names or el.tag in _KEEP_TAGS:
        return False
    found = {m.lower() for m in _FURNITURE_NAME.findall(names)}
    if not found:
        return False
    return not found <= _WEAK or _not_prose(el)


def _not_prose(el: html.HtmlElement) -> bool:
    """Little text, or mostly links: an ad slot, a tag list."""
    text = len(el.text_content().strip())
    if text < 40:
        return True
    return sum(len(a.text_content()) for a in el.iter("a")) > 0.5 * text


def ancestors(el: html.HtmlElement) -> list[html.HtmlElement]:
    """``el`` and the elements above it, up to the root."""
    chain = []
    node: html.HtmlElement | None = el
    while node is not None:
        chain.append(node)
        node = node.getparent()
    return chain


def contains(ancestor: html.HtmlElement, el: html.HtmlElement | None) -> bool:
    """Is ``el`` inside ``ancestor`` (or ``ancestor`` itself)?"""
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False


def blocks_after(
    start: html.HtmlElement, limit: int = 12
) -> Iterator[tuple[html.HtmlElement, str]]:
    """The short blocks that follow ``start`` in the page (date and byline lines).

    A block is an element whose whole text is short; a long container is entered instead
    of being read whole, and a long leaf (the first body paragraph) ends the walk.
    """
    count = 0
    node: html.HtmlElement | None = start
    while node is not None and count < limit:
        nxt = node.getnext()
        while nxt is None:
            node = node.getparent()
            if node is None or node.tag == "body":
                return
            nxt = node.getnext()
        node = nxt
        for el, text, is_long in _short_blocks(node):
            if is_long:
                return
            yield el, text
            count += 1
            if count >= limit:
                return


def blocks_before(
    start: html.HtmlElement, limit: int = 4
) -> Iterator[tuple[html.HtmlElement, str]]:
    """The short blocks just before ``start`` (its siblings, then its parent's)."""
    count = 0
    node: html.HtmlElement | None = start
    for _ in range(3):
        if node is None or node.tag == "body":
            return
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            text = text_of(sibling)
            if text and len(text) <= 200:
                yield sibling, text
                count += 1
            if count >= limit:
                return
        node = node.getparent()


def _short_blocks(el: html.HtmlElement) -> Iterator[tuple[html.HtmlElement, str, bool]]:
    """(element, text, too_long) of el if short, else of its children, in order."""
    stack = [el]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        text = text_of(node)
        if not text:
            continue
        children = [c for c in node if isinstance(c.tag, str)]
        if len(text) <= 200 or not any(c.tag in BLOCK_TAGS for c in children):
            yield node, text, len(text) > 200
            continue
        stack.extend(reversed(children))


def leaf_blocks(root: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """Block elements under ``root`` holding no other block, in document order."""
    for el in root.iterdescendants():
        if not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS:
            continue
        if any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el):
            continue
        yield el


def lines(el: html.HtmlElement) -> list[str]:
    """The element's text as lines: one per block element or <br>."""
    return [line for line in element_text(el).split("\n") if line.strip()]


def pieces(root: html.HtmlElement) -> list[str]:
    """The element's text in the pieces the page shows apart, in document order.

    A piece is the text of an element holding only text and inline formatting (``<b>``,
    ``<em>``), or a run of loose text between elements. List items often put title, date
    and teaser in sibling ``<span>``s laid out as lines by CSS, with no space between them in
    the markup: ``text_content()`` and even ``lines()`` glue "09:28 WIB" onto the teaser.
    """
    found: list[str] = []
    stack: list[html.HtmlElement | str] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            found.append(node)
            continue
        if all(not isinstance(c.tag, str) or c.tag in _FORMATTING for c in node):
            found.append(text_of(node))
            continue
        found.append(norm(node.text))
        for child in reversed(node):
            stack.append(norm(child.tail))
            if isinstance(child.tag, str):
                stack.append(child)
    return [piece for piece in found if piece]
