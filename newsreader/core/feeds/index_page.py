"""Web pages as streams: feed autodiscovery, and index pages read as lists of articles.

A site without a feed is read from an index page (home, /indeks, a category): its links to
articles of the same site, in page order, become entries. Which links are articles comes from
the site rule's ``article_url`` regex, else from the URL shape (see ``_is_article_path``).
lxml is imported inside the functions: start-up must stay fast.
"""

from __future__ import annotations

import functools
import html as html_lib
import logging
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsreader.core.errors import ParseError
from newsreader.core.extract.dates import parse_date_line
from newsreader.core.feeds.common import FEED_TYPES, SPACE, XML_DECL, absolute_url
from newsreader.core.types import ParsedEntry, ParsedFeed

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_FEED_HINT = re.compile(r"(?:\A|/)(?:feeds?|rss|atom)(?:/|\.xml|\.rss)?\Z|\.(?:rss|atom|xml)\Z")
_HOME_PATH = re.compile(r"/(?:index|default|home)\.\w+\Z", re.I)


# -- HTML pages ------------------------------------------------------------------------------
def _html_root(document: bytes | str, url: str) -> HtmlElement:
    from lxml import etree
    from lxml import html as lxml_html

    text = document if isinstance(document, str) else _decode_html(document)
    text = XML_DECL.sub("", text, count=1)  # lxml refuses str input with an encoding decl
    if not text.strip():
        raise ParseError(url, "the page is empty")
    try:
        return lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(url, f"the page could not be read ({exc})") from exc


def _decode_html(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", "replace")
    declared = _META_CHARSET.search(content[:4096])
    if declared is not None:
        try:
            return content.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass  # an unknown charset name: guess below
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", "replace")


def _base_href(root: HtmlElement, url: str) -> str:
    href = next((b.get("href") for b in root.iter("base") if b.get("href")), None)
    return absolute_url(url, href) or url


def _text(element: HtmlElement) -> str:
    return SPACE.sub(" ", str(element.text_content())).strip()


def discover_feed_links(html: bytes | str, base_url: str) -> list[str]:
    """Feed URLs a page names: <link rel="alternate"> feeds first, then <a href> hints."""
    root = _html_root(html, base_url)
    base = _base_href(root, base_url)
    found: dict[str, None] = {}
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        url = absolute_url(base, link.get("href"))
        if "alternate" in rel and kind in FEED_TYPES and url:
            found.setdefault(url)
    for anchor in root.iter("a"):
        url = absolute_url(base, anchor.get("href"))
        path = urlsplit(url).path.lower().rstrip("/") if url else ""
        if path and "sitemap" not in path and _FEED_HINT.search(path) and _hint_fits(url, base):
            found.setdefault(url)
    return list(found)


def _hint_fits(url: str, page: str) -> bool:
    """Whether an <a href> feed hint is this page's feed, not merely the site's.

    A site-wide "RSS" link in the footer of a section page (/kategori/5/internasional) is not
    that section's feed: subscribing to it would swap the section for the whole site. So a hint
    counts on the site's home page, or when it lies below the page's own path.
    """
    if _bare_host(url) != _bare_host(page):
        return False
    page_path = _HOME_PATH.sub("", urlsplit(page).path.rstrip("/"))
    return not page_path or urlsplit(url).path.startswith(page_path + "/")


# -- index pages -----------------------------------------------------------------------------
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Navigation and sidebars are chrome wherever they are; a header or footer only outside any
# article/main (an article's own <header> holds its title link).
_NAV_TAGS = frozenset({"nav", "aside"})
_NAV_ROLES = frozenset({"navigation", "complementary", "menu", "menubar"})
_NAV_CLASSES = frozenset(
    {"nav", "navbar", "navigation", "menu", "main-menu", "sidebar", "breadcrumb", "breadcrumbs",
     "pagination"}
)  # fmt: skip
# The same words as parts of compound class names ("navbar-menu", "box-terpopuler").
_NAV_PARTS = frozenset(
    {"nav", "navbar", "navigation", "menu", "sidebar", "breadcrumb", "breadcrumbs", "pagination",
     "popular", "populer", "terpopuler", "trending"}
)  # fmt: skip
_EDGE_PARTS = frozenset({"header", "footer", "masthead"})
_NAME_PARTS = re.compile(r"[\s_-]+")
# Labels of the side lists a section page carries besides its own list. "Terkini" (latest)
# also heads the page's own list on /indeks, so it counts for less than "Terpopuler".
_SIDE_LABEL = re.compile(
    r"\A(?:berita |artikel |paling )?(?:(?P<latest>terkini|terbaru|latest)|terpopuler|populer|"
    r"popular|most popular|most read|trending|banyak dibaca|pilihan editor|editor'?s picks?)\Z",
    re.I,
)
_EDGE_TAGS = frozenset({"header", "footer"})
_EDGE_ROLES = frozenset({"banner", "contentinfo"})
_EDGE_CLASSES = frozenset({"header", "site-header", "masthead", "footer", "site-footer"})
_NOT_ARTICLE_SEGMENTS = frozenset(
    {"tag", "tags", "topik", "topic", "topics", "kategori", "category", "categories", "label",
     "author", "authors", "penulis", "search", "cari", "pencarian", "login", "masuk", "logout",
     "register", "daftar", "signup", "user", "users", "profile", "profil", "account", "akun",
     "static", "assets", "asset", "upload", "uploads", "wp-content", "wp-admin", "wp-json",
     "feed", "rss", "page", "indeks", "index", "about", "tentang", "contact", "kontak",
     "redaksi", "privacy", "cdn-cgi", "share", "sharer", "comment", "comments", "komentar"}
)  # fmt: skip
# /yyyy/mm/(dd/)something, where something is not just the day of an archive page.
_DATE_PATH = re.compile(
    r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/(?:(?:0?[1-9]|[12]\d|3[01])/)?(?!\d{1,2}/?\Z)[^/]+"
)
_ID_SEGMENT = re.compile(r"\A(?:[a-z]{1,3}-)?\d{3,}\Z")
_SLUG_ID = re.compile(r"-\d{4,}\Z")
_WORD_SPLIT = re.compile(r"[-_+]+")
_PAGE_EXT = re.compile(r"\.(?:s?html?|php|aspx?|jsp)\Z")
_FILE_EXT = re.compile(r"\.[a-z][a-z0-9]{1,3}\Z")
_GENERIC_LINK_TEXT = re.compile(
    r"\A(?:baca|read|lihat|see)?\s*(?:selengkapnya|more|lanjut(?:an)?|detail|berita)?\s*[»›>]*\Z",
    re.I,
)
_DATE_CLASS = re.compile(r"date|time|tanggal|waktu|publish|posted", re.I)
_TEASER_CLASS = re.compile(r"teaser|summary|excerpt|desc|lead|intro|snippet|abstract|ringkas", re.I)
_PLACEHOLDER_IMAGE = re.compile(r"no-?image|placeholder|blank\.|spacer|pixel|lazy|loading", re.I)
_IMAGE_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-srcset", "srcset", "src")
_MULTI = "\0several"  # an element holding links to more than one article
_MAX_ITEM_DEPTH = 8


def parse_index(html: bytes | str, base_url: str, *, article_url: str = "") -> ParsedFeed:
    """Turn a site's index page into entries: its article links, in page order.

    ``article_url`` is the site rule's regex for article URLs; empty means the URL-shape
    heuristic. Links only in nav/header/footer/aside do not count. Raises ParseError when the
    page has no article links.
    """
    root = _html_root(html, base_url)
    base = _base_href(root, base_url)
    is_article = _article_matcher(article_url, base)
    links: list[tuple[HtmlElement, str, int]] = []
    for anchor in root.iter("a"):
        url = absolute_url(base, anchor.get("href"))
        if url and url != base_url and is_article(url):
            links.append((anchor, url, _chrome_level(anchor)))
    owners = _owners(links)
    groups: dict[str, list[HtmlElement]] = {}
    # The least chrome-like links there are: chrome-only pages still give their links.
    lowest = min((level for _, _, level in links), default=0)
    for anchor, url, _level in (link for link in links if link[2] == lowest):
        groups.setdefault(url, []).append(anchor)
    entries = [
        entry
        for url, anchors in groups.items()
        if (entry := _index_entry(url, anchors, owners, base))
    ]
    if not entries:
        raise ParseError(base_url, "no article links found on the page")
    return ParsedFeed(title=_page_title(root, base), site_url=base_url, kind="index",
                      entries=tuple(entries))  # fmt: skip


@functools.lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error as exc:
        logger.warning("site rule article_url %r is not a valid regex: %s", pattern, exc)
        return None


def _article_matcher(article_url: str, base: str) -> Callable[[str], bool]:
    rule = _compile(article_url) if article_url else None
    if rule is not None:
        return lambda url: rule.search(url) is not None
    host = _bare_host(base)
    return lambda url: _same_site(_bare_host(url), host) and _is_article_path(urlsplit(url).path)


def _bare_host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host


def _same_site(host: str, base: str) -> bool:
    return bool(host) and (host == base or host.endswith("." + base) or base.endswith("." + host))


def _is_article_path(path: str) -> bool:
    """Whether a path looks like an article: a date, an id plus a slug, or a long slug."""
    segments = [s for s in path.lower().split("/") if s]
    if not segments or any(s in _NOT_ARTICLE_SEGMENTS for s in segments):
        return False
    last = _PAGE_EXT.sub("", segments[-1])
    if _FILE_EXT.search(last):
        return False  # an image, a PDF, a script...
    if _DATE_PATH.search(path.lower()):
        return True
    words = len([w for w in _WORD_SPLIT.split(last) if w])
    has_id = any(_ID_SEGMENT.match(s) for s in segments[:-1]) or bool(_SLUG_ID.search(last))
    return words >= 4 or (has_id and words >= 3)


def _chrome_level(element: HtmlElement) -> int:
    """How surely a link is page chrome rather than the page's own list: 0 content, 1 a list
    labelled "Terkini" (latest), 2 navigation, a sidebar list, the page's header or footer."""
    edge = False
    level = 0
    child = element
    for ancestor in element.iterancestors():
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag in ("article", "main"):
            return level
        role = ancestor.get("role") or ""
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".lower()
        parts = set(_NAME_PARTS.split(names))
        if tag in _NAV_TAGS or role in _NAV_ROLES or _NAV_CLASSES.intersection(names.split()):
            return 2
        if _NAV_PARTS.intersection(parts):
            return 2
        if tag in _EDGE_TAGS or role in _EDGE_ROLES or _EDGE_CLASSES.intersection(names.split()):
            edge = True
        edge = edge or bool(_EDGE_PARTS.intersection(parts))
        level = max(level, _side_label(ancestor, child))
        child = ancestor
    return 2 if edge else level


def _side_label(box: HtmlElement, path: HtmlElement) -> int:
    """The level of a side-list label heading ``box``: its first child (when the link is not
    inside that child) or the element just before it, if either is a short label."""
    first = next((c for c in box if isinstance(c.tag, str)), None)
    before = box.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    for label in (first if first is not path else None, before):
        # Only small elements can be labels: reading a whole column's text would be slow.
        if label is None or next(islice(label.iterdescendants(), 3, None), None) is not None:
            continue
        match = _SIDE_LABEL.match(_text(label)[:40])
        if match is not None:
            return 1 if match["latest"] else 2
    return 0


def _owners(links: list[tuple[HtmlElement, str, int]]) -> dict[HtmlElement, str]:
    """For each ancestor of an article link: the one article it holds, or _MULTI."""
    owners: dict[HtmlElement, str] = {}
    for anchor, url, _level in links:
        for depth, ancestor in enumerate(anchor.iterancestors()):
            if depth >= _MAX_ITEM_DEPTH or ancestor.tag in ("body", "html"):
                break
            seen = owners.setdefault(ancestor, url)
            if seen != url:
                owners[ancestor] = _MULTI
                break  # everything above holds several articles too
    return owners


def _item_of(anchor: HtmlElement, url: str, owners: dict[HtmlElement, str]) -> HtmlElement:
    """The largest element around a link that holds no other article: the list item."""
    item = anchor
    for ancestor in anchor.iterancestors():
        if owners.get(ancestor) != url:
            break
        item = ancestor
    return item


def _index_entry(
    url: str, anchors: list[HtmlElement], owners: dict[HtmlElement, str], base: str
) -> ParsedEntry | None:
    items = list(dict.fromkeys(_item_of(a, url, owners) for a in anchors))
    title = _best_title(anchors, items)
    if not title:
        return None
    published = next(filter(None, (_item_date(item) for item in items)), None)
    teaser = next(filter(None, (_item_teaser(item, title) for item in items)), "")
    image = next(filter(None, (_item_image(item, base) for item in items)), "")
    return ParsedEntry(
        guid=url,
        url=url,
        title=title,
        published=published,
        summary_html=f"<p>{html_lib.escape(teaser)}</p>" if teaser else "",
        image_url=image,
    )


def _best_title(anchors: list[HtmlElement], items: list[HtmlElement]) -> str:
    """Heading text beats plain link text, which beats "read more", titles and image alts."""
    candidates: list[tuple[int, str]] = []
    for anchor in anchors:
        # The first heading with text: some lists put an empty <h2> before the title's <h1>.
        inner = next((h for h in anchor.iter(*_HEADINGS) if _text(h)), None)
        text = _text(inner if inner is not None else anchor)
        in_heading = inner is not None or any(
            a.tag in _HEADINGS for _, a in zip(range(3), anchor.iterancestors(), strict=False)
        )
        if text:
            rank = 0 if in_heading else 7 if _GENERIC_LINK_TEXT.match(text) else 1
            candidates.append((rank, text))
        candidates.append((4, SPACE.sub(" ", anchor.get("title") or "").strip()))
        for img in anchor.iter("img"):
            candidates.append((5, SPACE.sub(" ", img.get("alt") or "").strip()))
    for item in items:
        heading = next((h for h in item.iter(*_HEADINGS) if _text(h)), None)
        if heading is not None:
            candidates.append((2, _text(heading)))
    candidates.append((6, _slug_title(anchors[0].get("href") or "")))
    ranked = sorted((rank, i) for i, (rank, text) in enumerate(candidates) if text)
    return candidates[ranked[0][1]][1] if ranked else ""


def _slug_title(href: str) -> str:
    """ "timnas-u19-menang-telak" -> "Timnas u19 menang telak": better than "Baca selengkapnya"."""
    segments = [s for s in urlsplit(href).path.split("/") if s]
    slug = _PAGE_EXT.sub("", segments[-1]) if segments else ""
    words = [w for w in _WORD_SPLIT.split(slug) if w and not w.isdigit()]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if len(words) >= 2 else ""


def _item_date(item: HtmlElement) -> datetime | None:
    """<time datetime> and date attributes first (exact), then date-ish text, then any text."""
    dated = [e for e in item.iter() if isinstance(e.tag, str) and (e.tag == "time"
             or e.get("datetime") or _DATE_CLASS.search(e.get("class") or ""))]  # fmt: skip
    for element in dated:
        for inner in element.iter():
            for value in (inner.get("datetime"), inner.get("title"), inner.get("content")):
                if value and (found := parse_date_line(value)) is not None:
                    return found
    for text in [*map(_text, dated), *_loose_texts(item)]:
        if 6 <= len(text) <= 120 and (found := parse_date_line(text)) is not None:
            return found
    return None


def _loose_texts(item: HtmlElement) -> Iterator[str]:
    """Text of an item outside its links and headings (where a bare date line would be)."""
    roots = {id(e) for e in item.iter("a", *_HEADINGS)}
    inside = {id(e) for root in item.iter("a", *_HEADINGS) for e in root.iter()}
    for element in item.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        if id(element) not in inside and element.text and element.text.strip():
            yield element.text.strip()
        outside = id(element) not in inside or id(element) in roots
        if element is not item and outside and element.tail and element.tail.strip():
            yield element.tail.strip()


def _item_teaser(item: HtmlElement, title: str) -> str:
    classed = [e for e in item.iter() if isinstance(e.tag, str)
               and _TEASER_CLASS.search(e.get("class") or "")]  # fmt: skip
    for element in [*classed, *item.iter("p")]:
        text = _text(element)
        if len(text.split()) < 5 or title in text[: len(title) + 5]:
            continue
        if len(text) > 60 or parse_date_line(text) is None:  # not the date line
            return text
    return ""


def _item_image(item: HtmlElement, base: str) -> str:
    for img in item.iter("img"):
        if (img.get("width") or "9").strip() in ("0", "1", "2"):
            continue  # a tracking pixel
        for attr in _IMAGE_ATTRS:
            value = (img.get(attr) or "").strip().split(",")[0].split(" ")[0]
            url = absolute_url(base, value)
            if url and not _PLACEHOLDER_IMAGE.search(url):
                return url
    return ""


def _page_title(root: HtmlElement, base: str) -> str:
    """<title> (it names the section, og:site_name only the site), else og:site_name."""
    titles = [_text(t) for t in root.iter("title")]
    titles += [(m.get("content") or "").strip() for m in root.iter("meta")
               if m.get("property") == "og:site_name"]  # fmt: skip
    return next((t for t in titles if t), urlsplit(base).hostname or base)
