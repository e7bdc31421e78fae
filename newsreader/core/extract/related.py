"""Related links: the "Baca Juga" block and inline "Baca juga: <link>" paragraphs.

Indonesian news sites list related articles under a heading (``Baca Juga``, ``Berita
Terkait``, ``Artikel Terkait``, ``Lihat Juga``) or as a paragraph inside the body that starts
with ``Baca juga:``. Both are read into ``RelatedLink`` items (title, URL, date, teaser) and
removed from the page so they never end up in the article body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from lxml import html

from newsreader.core.extract.dates import find_date_line, parse_date_line
from newsreader.core.extract.page_tree import (
    HEADINGS,
    drop,
    lines,
    norm,
    pieces,
    select,
    select_one,
    text_of,
    walk,
)
from newsreader.core.extract.sanitize import absolute_url
from newsreader.core.extract.site_rules import SiteRule
from newsreader.core.types import RelatedLink

_LABELS = (
    r"baca juga|baca pula|simak juga|lihat juga|berita terkait|artikel terkait|berita lainnya|"
    r"artikel lainnya|baca berita lainnya|berita lain|related(?: articles?| posts?| news| stories)?"
    r"|read also|read more|more stories"
)
_HEADING = re.compile(rf"^(?:{_LABELS})\s*:?$", re.IGNORECASE)
_INLINE = re.compile(r"^(?:baca juga|baca pula|simak juga|lihat juga|baca|simak)\s*:", re.I)
_STARTS = re.compile(rf"^\s*(?:{_LABELS}|baca\s*:|simak\s*:)", re.IGNORECASE)
_RELATED_NAMES = re.compile(
    r"related|terkait|baca-?juga|bacajuga|read-?also|lihatjg|linksisip", re.IGNORECASE
)
_NOT_ARTICLES = re.compile(
    r"/(?:tag|tags|topik|topic|kategori|category|kanal|indeks|index|author|penulis|search|cari|"
    r"live|video-?index)(?:/|$)|\.(?:jpe?g|png|gif|webp|svg|pdf|mp3|mp4)$",
    re.IGNORECASE,
)


@dataclass
class Block:
    """A related block: where to read items (``roots``) and what to remove (``remove``)."""

    roots: list[html.HtmlElement]
    remove: list[html.HtmlElement] = field(default_factory=list)
    inline: bool = False


Accept = Callable[[str], bool]


def looks_like_article(url: str) -> bool:
    """A URL shaped like an article (a slug or an id), not a section, tag or file."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    if _NOT_ARTICLES.search(path):
        return False
    segments = [s for s in path.split("/") if s]
    return any(re.search(r"\d", s) or s.count("-") >= 2 or len(s) >= 25 for s in segments)


def same_url(a: str, b: str) -> bool:
    return _url_key(a) == _url_key(b)


def _url_key(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    host = (parts.hostname or "").removeprefix("www.")
    return urlunsplit(("", host, parts.path.rstrip("/"), parts.query, ""))


def find_blocks(
    doc: html.HtmlElement, page_url: str, accept: Accept, *, inline_only: bool = False
) -> list[Block]:
    """Related blocks found by their heading, their "Baca juga:" lead or their class name,
    in page order. Only links ``accept`` takes (articles, not sections) count."""
    links = _Links(page_url, accept)
    blocks: list[Block] = []
    taken: set[html.HtmlElement] = set()  # everything inside a block found
    for el in walk(doc):
        if el in taken:
            continue
        block = _block_at(el, links, inline_only)
        if block is not None and block.roots:
            blocks.append(block)
            for root in block.remove or block.roots:
                taken.update(root.iter())
    return blocks


@dataclass
class _Links:
    """Which links of an element count as related articles."""

    page_url: str
    accept: Accept

    def of(self, el: html.HtmlElement) -> set[str]:
        found = set()
        for a in [el] if el.tag == "a" else el.iter("a"):
            url = absolute_url(a.get("href") or "", self.page_url)
            if url and self.accept(url) and not same_url(url, self.page_url):
                found.add(url)
        return found


def _block_at(el: html.HtmlElement, links: _Links, inline_only: bool) -> Block | None:
    own = el.text
    if own and not own.isspace() and _STARTS.match(own):
        whole = text_of(el)
        if len(whole) > 400:
            return None
        if _HEADING.match(whole):
            return None if inline_only else _heading_block(el, links)
        if _INLINE.match(whole) and links.of(el):
            top = _same_text_ancestor(el, whole)
            return Block([top], [top], inline=True)
        return None
    if inline_only or el.tag in ("html", "body", "main", "article"):
        return None
    names = f"{el.get('class', '')} {el.get('id', '')}"
    if not names.strip() or not _RELATED_NAMES.search(names):
        return None
    if len(links.of(el)) < 2 or el.find(".//h1") is not None:
        return None
    # A wrapper merely named "...related..." around the article is mostly plain text; a
    # related list is mostly link titles (teasers and dates aside): at least a fifth.
    link_text = sum(len(text_of(a)) for a in el.iter("a"))
    return Block([el], [el]) if link_text >= 0.2 * len(text_of(el)) else None


def _same_text_ancestor(el: html.HtmlElement, text: str) -> html.HtmlElement:
    """The outermost ancestor holding exactly the same text (a wrapper table, a <p>)."""
    top = el
    parent = top.getparent()
    while parent is not None and parent.tag not in ("body", "article", "main"):
        if text_of(parent) != text:
            break
        top, parent = parent, parent.getparent()
    return top


def _heading_block(heading: html.HtmlElement, links: _Links) -> Block | None:
    """The items after a "Baca Juga" heading: its next siblings, or those of a small wrapper
    around it (``<div class="title"><h3>Baca Juga</h3><a>Semua</a></div><ul>...``)."""
    label = text_of(heading)
    head = _same_text_ancestor(heading, label)
    for _ in range(3):
        roots = _following_items(head, links)
        if roots:
            return Block(roots, [head, *roots])
        parent = head.getparent()
        # Climb only through wrappers of the heading, never into the page around it.
        if parent is None or parent.tag in ("body", "html", "main", "article"):
            return None
        if len(text_of(parent)) > len(label) + 60:
            return None
        head = parent
    return None


def _following_items(head: html.HtmlElement, links: _Links) -> list[html.HtmlElement]:
    """Siblings after ``head`` up to the next heading or the next run of plain text."""
    roots: list[html.HtmlElement] = []
    linked = False
    for sibling in head.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in HEADINGS or _HEADING.match(text_of(sibling)[:60]):
            break
        has_links = bool(links.of(sibling))
        if not has_links and len(text_of(sibling)) > 100:
            break
        roots.append(sibling)
        linked = linked or has_links
        if len(roots) >= 8:
            break
    return roots if linked else []


def rule_blocks(doc: html.HtmlElement, rule: SiteRule) -> list[Block]:
    return [Block([el], [el]) for el in select(doc, rule.related)]


def read_blocks(
    blocks: Iterable[Block],
    page_url: str,
    accept: Accept,
    rule: SiteRule | None,
    now: datetime | None,
) -> list[RelatedLink]:
    """The related links of the blocks in page order, each URL once, never the page itself."""
    found: list[RelatedLink] = []
    seen = {_url_key(page_url)}
    for block in blocks:
        for link in _read_block(block, page_url, accept, rule, now):
            key = _url_key(link.url)
            if key not in seen:
                seen.add(key)
                found.append(link)
    return found


def remove_blocks(blocks: Iterable[Block]) -> None:
    for block in blocks:
        for el in block.remove:
            drop(el)


def _read_block(
    block: Block, page_url: str, accept: Accept, rule: SiteRule | None, now: datetime | None
) -> list[RelatedLink]:
    items: list[RelatedLink] = []
    for root in block.roots:
        if rule is not None and rule.related_item and not block.inline:
            for item in select(root, rule.related_item):
                url = _first_url(item, page_url, accept)
                if url:
                    items.append(_read_item(item, url, page_url, rule, now))
            if items:
                continue
        for item, url in _group_items(root, page_url, accept):
            if block.inline:  # "Baca juga: <link>" names a title and nothing else
                title = max((text_of(a) for a in item.iter("a")), key=len, default="")
                items.append(RelatedLink(title=title, url=url))
            else:
                items.append(_read_item(item, url, page_url, rule, now))
    return [item for item in items if item.title]


def _first_url(item: html.HtmlElement, page_url: str, accept: Accept) -> str:
    anchors = [item] if item.tag == "a" else item.iter("a")
    for a in anchors:
        url = absolute_url(a.get("href") or "", page_url)
        if url and accept(url) and not same_url(url, page_url):
            return url
    return ""


def _group_items(
    root: html.HtmlElement, page_url: str, accept: Accept
) -> list[tuple[html.HtmlElement, str]]:
    """One (item element, URL) per distinct article link: the largest element around the
    link that holds no link to another URL (so an image link and a title link merge)."""
    urls: dict[html.HtmlElement, str] = {}
    for a in root.iter("a"):
        url = absolute_url(a.get("href") or "", page_url)
        if url and accept(url) and not same_url(url, page_url):
            urls[a] = url
    if not urls:
        return []
    # For each element: "" (no link), the one URL it links to, or None (several URLs).
    single: dict[html.HtmlElement, str | None] = {}
    # Children come after their parent in document order: reversed, they come first.
    for el in reversed(list(root.iter())):
        own = urls.get(el, "")
        hrefs = {own} if own else set()
        many = False
        for child in el:
            value = single.get(child, "")
            many = many or value is None
            if value:
                hrefs.add(value)
        single[el] = None if many or len(hrefs) > 1 else next(iter(hrefs), "")
    result: list[tuple[html.HtmlElement, str]] = []
    seen: set[str] = set()
    for a, url in urls.items():
        if url in seen:
            continue
        seen.add(url)
        item = a
        while item is not root:
            parent = item.getparent()
            if parent is None or single.get(parent) != url:
                break
            item = parent
        result.append((item, url))
    return result


def _read_item(
    item: html.HtmlElement, url: str, page_url: str, rule: SiteRule | None, now: datetime | None
) -> RelatedLink:
    anchors = [
        a
        for a in ([item] if item.tag == "a" else item.iter("a"))
        if same_url(absolute_url(a.get("href") or "", page_url), url)
    ]
    title = max((_anchor_title(a) for a in anchors), key=len, default="")
    if not title:
        title = next((t for h in item.iter(*HEADINGS) if (t := text_of(h))), "")
    published, date_text = _item_date(item, title, rule, now)
    teaser = _item_teaser(item, title, date_text, rule)
    return RelatedLink(title=title, url=url, published=published, teaser=teaser)


def _item_date(
    item: html.HtmlElement, title: str, rule: SiteRule | None, now: datetime | None
) -> tuple[datetime | None, str]:
    el = select_one(item, rule.related_date) if rule is not None else None
    if el is None:
        el = next(iter(item.iter("time")), None)
    if el is not None:
        value = el.get("datetime") or ""
        found = parse_date_line(value, now=now) if value else None
        found = found or parse_date_line(text_of(el), now=now)
        if found is not None:
            return found, text_of(el)
    dated = _date_piece([p for p in pieces(item) if p != title], now)
    if dated is not None:
        return dated
    for line in lines(item):
        line = norm(line.replace(title, " ")) if title else line
        if line and len(line) <= 80:  # a date line is short; a teaser may say "lalu"
            hit = find_date_line(line, now=now)
            if hit is not None:
                return hit[0], line
    return None, ""


def _date_piece(parts: list[str], now: datetime | None) -> tuple[datetime, str] | None:
    """The first short piece holding a date; with the next piece when that adds the time
    (``<span>15 Juni 2021</span> <span>09:28 WIB</span>``)."""
    for i, part in enumerate(parts):
        hit = find_date_line(part, now=now) if len(part) <= 80 else None
        if hit is None:
            continue
        if i + 1 < len(parts) and len(joined := f"{part} {parts[i + 1]}") <= 80:
            both = find_date_line(joined, now=now)
            if both is not None and both[0] != hit[0] and both[0].date() == hit[0].date():
                return both[0], joined
        return hit[0], part
    return None


def _anchor_title(a: html.HtmlElement) -> str:
    """A link's title: its first non-empty heading, else its text, unless the link wraps the
    whole item (title, date, teaser apart): then its first piece that is not a date."""
    heading = next((t for h in a.iter(*HEADINGS) if (t := text_of(h))), "")
    if heading:
        return heading
    parts = pieces(a)
    if len(parts) <= 1:
        return text_of(a)
    return next((p for p in parts if find_date_line(p) is None), parts[0])


def _item_teaser(item: html.HtmlElement, title: str, date_text: str, rule: SiteRule | None) -> str:
    el = select_one(item, rule.related_teaser) if rule is not None else None
    if el is not None:
        return text_of(el)
    blocks = lines(item)
    for part in pieces(item):
        for known in (title, date_text):
            part = norm(part.replace(known, " ")) if known else part
        if len(part) < 30 or (len(part) <= 60 and find_date_line(part) is not None):
            continue
        # A link or other tag inside the teaser splits it into pieces: its whole line wins
        # when that line holds nothing else (neither the title nor the date).
        whole = next((norm(b) for b in blocks if part in norm(b)), part)
        clean = all(not known or known not in whole for known in (title, date_text))
        return whole if clean else part
    return ""
