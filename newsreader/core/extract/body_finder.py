"""Finding the article body on a page without a site rule.

The page, already stripped of scripts and furniture, is read as a sequence of text blocks in
document order: each block element's own inline text (its text and that of its inline
children, not of nested blocks), with its length and how much of it is link text. A block
weighs its length less a threshold, so long prose counts and short lines (dates, bylines,
captions, "Share") cost a little; link-dense blocks (menus, teaser titles, "Baca juga")
cost their whole length. The article is the run of consecutive blocks of greatest total
weight (Kadane's maximum subarray): prose sits together on a page, interrupted by small
things, while menus, link lists and teaser cards separate it from other text.

The run is then cut to the article's paragraphs: those of the shape (tag, parent tag and
class) holding the most text, with their siblings the run missed and a lead paragraph just
before them; prose at the run's edges in other wrappers (a cookie notice, a standfirst, an
author's bio) goes. Short closing lines in the text's own container (editor initials
``(asp/imk)``, "Reporter: ...") come back.

The body element is the lowest common ancestor of those blocks, trimmed of everything
before the first and after the last, so a wrapper around the title, the byline and the
related cards gives only the text, and the picture heading the article. This works when
each paragraph has wrappers of its own (``<div data-component="text-block"><div><p>``),
where scoring a paragraph's parent (readability) finds one paragraph.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lxml import html

from newsreader.core.extract.page_tree import BLOCK_TAGS, HEADINGS, MAX_WALK, ancestors

# Below this many characters a block costs more than it brings: dates, bylines, captions.
SHORT_BLOCK = 50
# A block whose text is mostly link text is navigation, whatever its length.
LINK_DENSE = 0.5
_UNIT_TAGS = BLOCK_TAGS | {"body"}  # inline elements (span, a, b, font) join their block
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math"})


@dataclass(slots=True)
class Block:
    """One block element's own text: its length, link text length and the element."""

    el: html.HtmlElement
    chars: int
    link_chars: int
    heading: bool
    caption: bool = False

    @property
    def prose(self) -> bool:
        """Running text: long enough, not links, not a heading or a caption."""
        return self.weight > 0 and not self.heading and not self.caption

    @property
    def weight(self) -> float:
        if self.chars and self.link_chars > LINK_DENSE * self.chars:
            return -float(max(self.chars, SHORT_BLOCK // 2))
        if self.caption:
            return -float(self.chars) / 2  # a picture's caption is not the article's text
        if self.heading:
            return -10.0  # a subheading neither makes nor breaks a run of paragraphs
        return float(self.chars - SHORT_BLOCK)


def text_blocks(root: html.HtmlElement) -> list[Block]:
    """The text blocks under ``root`` in document order (empty ones left out)."""
    blocks: list[Block] = []
    for count, el in enumerate(root.iter()):
        if count >= MAX_WALK:
            break
        tag = el.tag
        if not isinstance(tag, str) or tag not in _UNIT_TAGS:
            continue
        chars, links = _own_text(el)
        if chars:
            caption = tag == "figcaption" or (tag != "p" and _is_caption(el))
            blocks.append(Block(el, chars, links, tag in HEADINGS, caption))
    return blocks


def _own_text(el: html.HtmlElement, in_link: bool = False) -> tuple[int, int]:
    """(characters, link characters) of the element's text outside nested blocks; inline
    children are entered, blocks inside them (a <div> in a <span>) are theirs."""
    chars = _length(el.text)
    link = in_link or el.tag == "a"
    links = chars if link else 0
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in BLOCK_TAGS and tag not in _SKIP:
            inner, inner_links = _own_text(child, link)
            chars += inner
            links += inner_links
        tail = _length(child.tail)
        chars += tail
        links += tail if link else 0
    return chars, links


def _is_caption(el: html.HtmlElement) -> bool:
    """A picture's caption: in a <figure>, or named so ("photo__caption", "wp-caption-text")."""
    parent = el.getparent()
    if parent is not None and parent.tag in ("figure", "figcaption"):
        return True
    return "caption" in (el.get("class") or "").lower()


def _length(text: str | None) -> int:
    """Characters of the text with runs of whitespace counted once (cheaper than norm)."""
    if not text:
        return 0
    words = text.split()
    return sum(len(w) for w in words) + len(words) - 1 if words else 0


def best_run(blocks: list[Block]) -> tuple[int, int, float]:
    """(first, last, weight) of the consecutive blocks of greatest total weight."""
    best = (0, -1, 0.0)
    start, total = 0, 0.0
    for i, block in enumerate(blocks):
        if total <= 0:
            start, total = i, 0.0
        total += block.weight
        if total > best[2]:
            best = (start, i, total)
    return best


def find_body(doc: html.HtmlElement) -> html.HtmlElement | None:
    """The element holding the article's text, trimmed to it; None when no prose is found."""
    blocks = text_blocks(doc)
    first, last, weight = best_run(blocks)
    if weight <= 0:
        return None
    first, last = _core(blocks, first, last)
    last = _extend(blocks, last)
    start, end = blocks[first].el, blocks[last].el
    body = _common_ancestor(start, end)
    _trim(body, start, end)
    return body


def _core(blocks: list[Block], first: int, last: int) -> tuple[int, int]:
    """The article within the run, and its paragraphs the run missed.

    The article's paragraphs share a shape (tag, parent tag and class) and usually a parent.
    Among the paragraphs of the run, and those beside them (same parent) anywhere on the
    page, the shape with the most text is the article's (square roots, so that many
    paragraphs outweigh one long cookie notice). The run is cut to those paragraphs: prose
    at its edges that is not the article's (a standfirst, an appeal to subscribe) goes,
    and paragraphs past a link box too heavy for the run to cross come back. A paragraph
    directly before them (a lead in a wrapper of its own) stays.
    """
    run_parents = {b.el.getparent() for b in blocks[first : last + 1] if b.prose}
    if not run_parents:
        return first, last
    totals: dict[tuple[str, str, str], float] = {}
    candidates: list[int] = []
    for i, block in enumerate(blocks):
        if block.prose and block.el.getparent() in run_parents:
            candidates.append(i)
            key = _shape(block.el)
            totals[key] = totals.get(key, 0.0) + math.sqrt(block.weight)
    shape = max(totals, key=lambda k: totals[k])
    members = [i for i in candidates if _shape(blocks[i].el) == shape]
    parents = {blocks[i].el.getparent() for i in members}
    start, end = members[0], members[-1]
    for i in range(first, start):  # a container's own text before its paragraphs (a lead)
        if blocks[i].el in parents:
            start = i
            break
    while start > 0 and _paragraph(blocks[start - 1]):
        start -= 1
    if start > 0 and blocks[start - 1].heading and blocks[start - 1].el.tag != "h1":
        start -= 1  # the subheading over the first paragraph
    # Nothing is added after the last paragraph: what follows an article in a wrapper of its
    # own is an author's bio, an appeal, a newsletter box.
    return start, end


def _paragraph(block: Block) -> bool:
    """A paragraph, not a line: a byline with a date can be as long as a short sentence, but
    it does not end like one."""
    if not block.prose:
        return False
    if block.chars >= 2 * SHORT_BLOCK:
        return True
    return block.el.text_content().rstrip()[-1:] in _SENTENCE_END


_SENTENCE_END = frozenset('.!?"”’)')


def _shape(el: html.HtmlElement) -> tuple[str, str, str]:
    parent = el.getparent()
    if parent is None:
        return (str(el.tag), "", "")
    return (str(el.tag), str(parent.tag), parent.get("class") or "")


def _extend(blocks: list[Block], last: int) -> int:
    """Take in the short lines that close the text in its own container: editor initials
    ("(asp/imk)", "[vm/ft]"), the writer's name, "Reporter: ..." lines."""
    container = blocks[last].el.getparent()
    if container is None:
        return last
    for i in range(last + 1, min(last + 4, len(blocks))):
        block = blocks[i]
        if block.heading or block.caption or block.weight < -SHORT_BLOCK:
            break
        if block.link_chars > LINK_DENSE * block.chars or not _inside(block.el, container):
            break
        last = i
    return last


def _inside(el: html.HtmlElement, container: html.HtmlElement) -> bool:
    node: html.HtmlElement | None = el.getparent()
    while node is not None:
        if node is container:
            return True
        node = node.getparent()
    return False


def _common_ancestor(a: html.HtmlElement, b: html.HtmlElement) -> html.HtmlElement:
    above_a = set(ancestors(a))
    for node in ancestors(b):
        if node in above_a:
            return node
    return a  # unreachable within one tree


def _trim(body: html.HtmlElement, start: html.HtmlElement, end: html.HtmlElement) -> None:
    """Remove what precedes ``start`` and follows ``end`` inside ``body``, text included
    (the body's own text only when the run does not start with the body itself)."""
    keep_own = start is body
    pictures: list[html.HtmlElement] = []  # the lead pictures, nearest to the text first
    looking = True
    for parent, child in _path(body, start):
        for sibling in list(child.itersiblings(preceding=True)):
            if looking and isinstance(sibling.tag, str):
                picture = _lead_picture(sibling)
                if picture is not None and len(pictures) < 4:
                    pictures.append(picture)
                elif sibling.tag in HEADINGS or len(sibling.text_content()) > 100:
                    looking = False  # the title or the like: what is above is not the article
            parent.remove(sibling)
        if parent is not body or not keep_own:
            parent.text = None
    for picture in reversed(pictures):  # farthest first: page order
        _first_inside(body, start).addprevious(picture)
    for parent, child in _path(body, end):
        for sibling in list(child.itersiblings()):
            parent.remove(sibling)
        if parent is not body or not keep_own:
            child.tail = None


def _first_inside(body: html.HtmlElement, start: html.HtmlElement) -> html.HtmlElement:
    """The child of ``body`` that holds ``start`` (``start`` itself when it is the body)."""
    node = start
    while node.getparent() is not None and node.getparent() is not body:
        node = node.getparent()
    return node if node.getparent() is body else start


def _lead_picture(el: html.HtmlElement) -> html.HtmlElement | None:
    """The picture heading the article (between title and text), as a bare <p><img></p>:
    kept for the reader, without its caption, which is not the article's text."""
    if el.tag == "img":
        images = [el]
    else:
        images = list(el.iter("img"))
        if len(images) != 1 or len(el.text_content()) > 300 or el.find(".//a[@href]") is not None:
            return None
    picture = html.Element("p")
    picture.append(_copy(images[0]))
    return picture


def _copy(img: html.HtmlElement) -> html.HtmlElement:
    clone = html.Element("img")
    for name, value in img.attrib.items():
        clone.set(name, value)
    return clone


def _path(
    top: html.HtmlElement, el: html.HtmlElement
) -> list[tuple[html.HtmlElement, html.HtmlElement]]:
    """(parent, child) pairs from ``el`` up to ``top`` (``top`` as the last parent)."""
    pairs = []
    node = el
    while node is not top:
        parent = node.getparent()
        if parent is None:
            break
        pairs.append((parent, node))
        node = parent
    return pairs
