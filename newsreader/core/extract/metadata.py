"""What a page says about its article besides the body: title, date, author, lead image.

Sources, best first: the page's own metadata (OpenGraph and article meta tags, JSON-LD),
then what Indonesian news sites print around the title: a date line such as
``Senin, 26 Oktober 2020 - 11:26 WIB`` and a byline such as ``Penulis : ...``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import html

from newsreader.core.extract.dates import find_date_line, parse_date_line
from newsreader.core.extract.page_tree import blocks_after, blocks_before, norm, text_of, walk
from newsreader.core.extract.sanitize import absolute_url, image_source, is_tracking_image

log = logging.getLogger(__name__)

_PUBLISHED_KEYS = tuple(
    "article:published_time og:article:published_time datepublished pubdate publishdate "  # noqa: SIM905
    "publish-date dc.date.issued dc.date date content_publisheddate parsely-pub-date "
    "sailthru.date dtk:publishdate".split()
)
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "content_author", "dtk:author")
_IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting", "report")
_BYLINE = re.compile(
    r"(?:^|(?<=[\s|•·,;:(]))(?P<label>penulis|reporter|pewarta|wartawan|kontributor|editor|"
    r"redaktur|penyunting|author|oleh|by)\b\s*:?\s*(?P<name>[^|•·\n:]+?)\s*"
    r"(?=$|[|•·\n]|\s+[-–—]\s|\s(?:penulis|reporter|pewarta|editor|redaktur|penyunting|foto|"
    r"sumber|fotografer)\b)",
    re.IGNORECASE,
)
_WRITER_LABELS = (
    "penulis",
    "reporter",
    "pewarta",
    "wartawan",
    "kontributor",
    "author",
    "oleh",
    "by",
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+")


@dataclass
class PageMeta:
    """The metadata of the page's <head> and JSON-LD."""

    og_title: str = ""
    title_tag: str = ""
    site_name: str = ""
    image: str = ""
    author: str = ""
    published: datetime | None = None
    ld_headline: str = ""
    ld_author: str = ""
    ld_published: datetime | None = None
    ld_image: str = ""


def read_meta(doc: html.HtmlElement, base_url: str, now: datetime | None) -> PageMeta:
    """Meta tags and JSON-LD of the page (call before scripts are stripped)."""
    meta = PageMeta()
    for el in walk(doc, "meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower().strip()
        value = norm(el.get("content"))
        if not key or not value:
            continue
        if key in ("og:title", "twitter:title") and not meta.og_title:
            meta.og_title = value
        elif key == "og:site_name":
            meta.site_name = value
        elif key in _IMAGE_KEYS and not meta.image:
            meta.image = absolute_url(value, base_url)
        elif key in _AUTHOR_KEYS and not meta.author and "://" not in value:
            meta.author = value
        elif key in _PUBLISHED_KEYS and meta.published is None:
            meta.published = parse_date_line(value, now=now)
    title = doc.find(".//title")
    meta.title_tag = text_of(title) if title is not None else ""
    for data in _json_ld(doc):
        _read_ld(meta, data, base_url, now)
    return meta


def _json_ld(doc: html.HtmlElement) -> Iterator[dict[str, Any]]:
    """The article-like objects of the page's JSON-LD scripts."""
    for script in walk(doc, "script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads((script.text or "")[:500_000])
        except ValueError:
            log.debug("invalid JSON-LD skipped")
            continue
        stack: list[Any] = [data]
        seen = 0
        while stack and seen < 200:
            item = stack.pop(0)
            seen += 1
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kinds = item.get("@type", "")
                kinds = [kinds] if isinstance(kinds, str) else kinds
                if isinstance(kinds, list) and any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
                    yield item
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity"))


def _read_ld(meta: PageMeta, data: dict[str, Any], base_url: str, now: datetime | None) -> None:
    if not meta.ld_headline and isinstance(data.get("headline"), str):
        meta.ld_headline = norm(data["headline"])
    if meta.ld_published is None and isinstance(data.get("datePublished"), str):
        meta.ld_published = parse_date_line(data["datePublished"], now=now)
    if not meta.ld_author:
        meta.ld_author = ", ".join(_ld_names(data.get("author")))
    if not meta.ld_image:
        image = data.get("image")
        if isinstance(image, list) and image:
            image = image[0]
        if isinstance(image, dict):
            image = image.get("url")
        if isinstance(image, str):
            meta.ld_image = absolute_url(image, base_url)


def _ld_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:10]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and norm(name) and "://" not in name:
            names.append(norm(name))
    return names


def same_title(a: str, b: str) -> bool:
    """Are two texts the same headline (case, spacing and end punctuation aside)?"""
    x, y = _key(a), _key(b)
    return bool(x) and x == y


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _similar(a: str, b: str) -> bool:
    x, y = _key(a), _key(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return len(short) >= 0.6 * len(long) and short in long


def find_title(
    doc: html.HtmlElement, meta: PageMeta, feed_title: str
) -> tuple[str, html.HtmlElement | None]:
    """The headline and the element showing it (None if no element does)."""
    refs = [t for t in (meta.og_title, meta.ld_headline, clean_title_tag(meta, feed_title)) if t]
    headings = list(walk(doc, "h1", "h2", "h3"))[:80]
    for level in ("h1", "h2", "h3"):
        for el in headings:
            text = text_of(el)
            if el.tag == level and text and any(_similar(text, ref) for ref in refs):
                return text, el
    h1s = [el for el in headings if el.tag == "h1" and len(text_of(el).split()) >= 3]
    if len(h1s) == 1 and not (meta.og_title or meta.ld_headline):
        # One headline-like <h1> beats a <title> that does not resemble it ("Foto: Banjir").
        return text_of(h1s[0]), h1s[0]
    if refs:
        return refs[0], _element_showing(doc, refs[0])
    return (text_of(h1s[0]), h1s[0]) if h1s else ("", None)


def _element_showing(doc: html.HtmlElement, title: str) -> html.HtmlElement | None:
    """The outermost element of <body> whose whole text is the title (a <b>, a <font>)."""
    body = doc.find("body")
    if body is None:
        return None
    start = _key(title)[:12]
    for el in walk(body):
        own = _key(el.text or "")
        if own and start.startswith(own[:12]) and same_title(text_of(el), title):
            parent = el.getparent()
            while parent is not None and parent is not body and same_title(text_of(parent), title):
                el, parent = parent, parent.getparent()
            return el
    return None


def clean_title_tag(meta: PageMeta, feed_title: str) -> str:
    """The <title> without the site's name ("TITLE | Elshinta.com" -> "TITLE")."""
    parts = [p for p in _TITLE_SEPARATORS.split(meta.title_tag) if p.strip()]
    if len(parts) < 2:
        return meta.title_tag
    names = {_key(n) for n in (meta.site_name, feed_title) if n}
    kept = [
        p
        for p in parts
        if _key(p) not in names and not re.search(r"\.(?:com|co\.id|id|net|org)\b", p, re.I)
    ]
    return max(kept or parts, key=len).strip()


def date_in(el: html.HtmlElement, now: datetime | None) -> datetime | None:
    """The date an element shows: a datetime/content attribute, else its text."""
    for node in (el, *el.iter("time", "meta")):
        for attr in ("datetime", "content"):
            value = node.get(attr)
            if value:
                found = parse_date_line(value, now=now)
                if found is not None:
                    return found
    return parse_date_line(text_of(el), now=now)


def find_published(
    doc: html.HtmlElement,
    meta: PageMeta,
    title_el: html.HtmlElement | None,
    now: datetime | None,
) -> datetime | None:
    """When the article was published: metadata, then a date line by the title, then <time>."""
    if meta.published is not None:
        return meta.published
    if meta.ld_published is not None:
        return meta.ld_published
    if title_el is not None:
        for el, text in (*blocks_after(title_el, 10), *blocks_before(title_el, 4)):
            found = _block_date(el, text, now)
            if found is not None:
                return found
    for el in walk(doc, "time"):
        if el.get("datetime"):
            found = parse_date_line(el.get("datetime", ""), now=now)
            if found is not None:
                return found
    return None


def _block_date(el: html.HtmlElement, text: str, now: datetime | None) -> datetime | None:
    for node in el.iter("time"):
        found = parse_date_line(node.get("datetime") or "", now=now)
        if found is not None:
            return found
    hit = find_date_line(text, now=now, relative=len(text) <= 60)
    return hit[0] if hit else None


def parse_byline(text: str) -> list[tuple[str, str]]:
    """(label, name) pairs of a byline: "Penulis : A | Editor : B" -> [("penulis", "A"), ...]."""
    found = []
    for match in _BYLINE.finditer(text[:400]):
        label, name = match["label"].lower(), match["name"].strip(" .,;-–—")
        if label in ("oleh", "by") and not name[:1].isupper():
            continue  # "oleh karena itu" is a phrase, not a byline
        if 0 < len(name) <= 60 and len(name.split()) <= 7 and find_date_line(name) is None:
            found.append((label, name))
    return found


def writer_of(pairs: list[tuple[str, str]]) -> str:
    """The writer among byline pairs; an editor only when no writer is named."""
    writers = [name for label, name in pairs if label in _WRITER_LABELS]
    editors = [name for label, name in pairs if label not in _WRITER_LABELS]
    return (writers or editors or [""])[0]


def bylines_near(title_el: html.HtmlElement | None) -> list[tuple[str, str]]:
    """Byline pairs in the lines around the title (read before furniture is stripped)."""
    pairs: list[tuple[str, str]] = []
    if title_el is not None:
        for _, text in (*blocks_after(title_el, 10), *blocks_before(title_el, 3)):
            pairs.extend(parse_byline(text))
    return pairs


def choose_author(
    meta: PageMeta, near: list[tuple[str, str]], body_bylines: list[tuple[str, str]]
) -> str:
    """The author: JSON-LD, a writer named by the title or in the body, meta author, editor."""
    if meta.ld_author:
        return meta.ld_author
    pairs = near + body_bylines
    writers = [name for label, name in pairs if label in _WRITER_LABELS]
    if writers:
        return writers[0]
    return meta.author or writer_of(pairs)


def author_in(el: html.HtmlElement) -> str:
    """The author an element names (a rule's author element): its byline name or its text."""
    text = text_of(el)
    pairs = parse_byline(text)
    return writer_of(pairs) if pairs else text[:100]


def lead_image_of(el: html.HtmlElement, base_url: str) -> str:
    """The image address of a rule's lead-image element (an <img>, or a meta/link tag)."""
    img = el if el.tag == "img" else el.find(".//img")
    if img is not None:
        url = image_source(img, base_url)
    else:
        url = absolute_url(el.get("content") or el.get("href") or "", base_url)
    return "" if not url or is_tracking_image(url) else url
