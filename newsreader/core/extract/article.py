"""Turning an article page into a clean article (``ExtractedArticle``).

Three paths, tried in order:

1. ``site:<name>``: the site rule for the URL's host (resources/sites/*.json). It must give
   a title, a body of at least ``MIN_BODY_CHARS`` characters and a date; otherwise
2. ``generic``: metadata, Indonesian date lines and bylines, "Baca Juga" blocks, and the
   body found as the heaviest run of text blocks (``bodyfinder``; trafilatura only when
   that finds less than an article); otherwise
3. ``summary``: the feed's summary of the article.

``note`` says why a path was left ("site rule elshinta: body not found"). The page is parsed
once; nothing here raises on bad pages (empty, binary, huge, deeply nested).
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from lxml import etree, html

from newsreader.core.extract.body import (
    MIN_BODY_CHARS,
    BodyInfo,
    body_images,
    clean_body,
    drop_link_lists,
    split_breaks,
    strip_junk,
    strip_page,
    trafilatura_body,
)
from newsreader.core.extract.body_finder import find_body
from newsreader.core.extract.metadata import (
    PageMeta,
    author_in,
    bylines_near,
    choose_author,
    date_in,
    find_published,
    find_title,
    lead_image_of,
    read_meta,
)
from newsreader.core.extract.page_tree import (
    contains,
    drop,
    norm,
    parse_page,
    select_all,
    select_one,
    text_of,
)
from newsreader.core.extract.related import (
    find_blocks,
    looks_like_article,
    read_blocks,
    remove_blocks,
    rule_blocks,
)
from newsreader.core.extract.sanitize import (
    clean_serialized,
    html_to_text,
    image_source,
    is_placeholder,
    is_tracking_image,
    parse_fragment,
    sanitize_html,
    serialize_children,
)
from newsreader.core.extract.site_rules import RuleSet, SiteRule, load_rules
from newsreader.core.types import ExtractedArticle, RelatedLink

log = logging.getLogger(__name__)

__all__ = ["MIN_BODY_CHARS", "decode_page", "default_rules", "extract_article"]


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The bundled rules, loaded once (used when the caller passes no RuleSet)."""
    return load_rules(None)


@dataclass
class _Found:
    """What a path found; ``body`` is the cleaned body element."""

    title: str
    body: html.HtmlElement | None
    published: datetime | None = None
    author: str = ""
    lead_image: str = ""
    related: list[RelatedLink] = field(default_factory=list)
    info: BodyInfo = field(default_factory=BodyInfo)


def extract_article(
    page: bytes | str,
    url: str,
    *,
    rules: RuleSet | None = None,
    fetched_at: datetime | None = None,
    content_type: str = "",
    summary_html: str = "",
    feed_title: str = "",
) -> ExtractedArticle:
    """The article of a page.

    Args:
        page: the page as fetched (bytes are decoded with ``decode_page``) or as text.
        url: the page's final URL: picks the site rule and resolves relative links.
        rules: site rules; None means the bundled ones.
        fetched_at: when the page was fetched, for relative dates ("2 jam yang lalu").
        content_type: the Content-Type header (its charset decodes bytes).
        summary_html: the feed's summary, the article of last resort.
        feed_title: the feed's name, removed from the page's <title> when that is used.
    """
    text = page if isinstance(page, str) else decode_page(page, content_type)
    try:
        return _extract(text, url, rules, fetched_at, summary_html, feed_title)
    except (ValueError, etree.LxmlError, RecursionError) as exc:
        # lxml and nh3 reject some inputs with errors; a bad page must not stop an update.
        log.warning("extraction of %s failed: %s", url, exc, exc_info=True)
        return _summary(summary_html, url, None, [f"extraction failed: {exc}"])


def _extract(
    text: str,
    url: str,
    rules: RuleSet | None,
    now: datetime | None,
    summary_html: str,
    feed_title: str,
) -> ExtractedArticle:
    rule = (rules if rules is not None else default_rules()).for_url(url)
    doc = parse_page(text)
    if doc is None:
        return _summary(summary_html, url, None, ["the page is empty or not HTML"])
    meta = read_meta(doc, url, now)
    notes: list[str] = []
    if rule is not None:
        found, why = _by_rule(doc, rule, meta, url, now)
        if found is not None:
            return _article(found, url, f"site:{rule.name}", "")
        notes.append(f"site rule {rule.name}: {why}")
    found, why = _generic(doc, text, rule, meta, url, now, feed_title)
    if found is not None and not why:
        return _article(found, url, "generic", "; ".join(notes))
    notes.append(f"generic: {why}")
    if not summary_html.strip() and found is not None and found.body is not None:
        # No summary to fall back to: a short body is better than nothing.
        return _article(found, url, "generic", "; ".join(notes))
    return _summary(summary_html, url, found, notes)


def _by_rule(
    doc: html.HtmlElement, rule: SiteRule, meta: PageMeta, url: str, now: datetime | None
) -> tuple[_Found | None, str]:
    """The article by the site rule, or (None, why not). The page is changed only on success."""
    title_el = select_one(doc, rule.title)
    title = _value(title_el)
    if not title:
        return None, "title not found"
    body = select_one(doc, rule.body)
    if body is None:
        return None, "body not found"
    stripped = [el for el in select_all(doc, rule.strip) if not contains(el, body)]
    length = len(text_of(body)) - sum(len(text_of(el)) for el in stripped if contains(body, el))
    if length < MIN_BODY_CHARS:
        return None, f"body too short ({max(length, 0)} characters)"
    date_el = select_one(doc, rule.date)
    published = date_in(date_el, now) if date_el is not None else None
    if published is None:
        return None, "date not found"
    author_el = select_one(doc, rule.author)
    author = author_in(author_el) if author_el is not None else ""
    lead_el = select_one(doc, rule.lead_image)
    lead = lead_image_of(lead_el, url) if lead_el is not None else ""
    accept = rule.is_article_url if rule.article_url else looks_like_article
    blocks = [b for b in rule_blocks(doc, rule) if not contains(b.roots[0], body)]
    inline = find_blocks(body, url, accept, inline_only=True)
    related = read_blocks(inline + blocks, url, accept, rule, now)
    if not related:
        blocks = find_blocks(doc, url, accept)
        related = read_blocks(blocks, url, accept, None, now)
    near = bylines_near(title_el) if not author else []
    remove_blocks(inline + blocks)
    for el in stripped:
        drop(el)
    info = clean_body(body, title, url)
    author = author or choose_author(meta, near, info.bylines)
    found = _Found(title, body, published, author, lead, related, info)
    return found, ""


def _picture_after_title(title_el: html.HtmlElement | None, url: str) -> str:
    """A page without og:image often shows its picture right under the headline, outside the
    body's container: the first real image following the title within its article."""
    if title_el is None:
        return ""
    container = next((a for a in title_el.iterancestors() if a.tag in ("article", "main")), None)
    prose_at = None
    if container is None:
        # No article element: the headline's own block and the picture's block are siblings
        # (``<div class="post-header"><h1>`` then ``<div class="post-img">``), so look a few
        # levels up, but only before the body's prose starts.
        container = _headline_area(title_el)
        order = {el: i for i, el in enumerate(container.iter())}
        prose_at = next(
            (
                order[p]
                for p in title_el.xpath("following::p[position() <= 30]")
                if p in order and len(text_of(p)) >= 150
            ),
            len(order),
        )
    for img in title_el.xpath("following::img[position() <= 5]"):
        if not any(a is container for a in img.iterancestors()):
            break
        if prose_at is not None and order.get(img, prose_at) >= prose_at:
            break
        src = image_source(img, url)
        if src and not is_tracking_image(src, img.get("width"), img.get("height")):
            return src
    return ""


def _headline_area(title_el: html.HtmlElement) -> html.HtmlElement:
    """The element up to three levels above the headline, below <body>."""
    area = title_el
    for _ in range(3):
        parent = area.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        area = parent
    return area


def _value(el: html.HtmlElement | None) -> str:
    if el is None:
        return ""
    if el.tag == "meta":
        return (el.get("content") or "").strip()
    return text_of(el)


def _generic(
    doc: html.HtmlElement,
    text: str,
    rule: SiteRule | None,
    meta: PageMeta,
    url: str,
    now: datetime | None,
    feed_title: str,
) -> tuple[_Found | None, str]:
    """The article by page-independent rules; (found, why) with why empty when plausible."""
    strip_junk(doc)  # scripts and styles: the metadata was read, and they slow every walk
    title, title_el = find_title(doc, meta, feed_title)
    accept = rule.is_article_url if rule is not None and rule.article_url else looks_like_article
    blocks = find_blocks(doc, url, accept)
    related = read_blocks(blocks, url, accept, None, now)
    remove_blocks(blocks)
    published = find_published(doc, meta, title_el, now)
    near = bylines_near(title_el)
    page_chars = len(norm(doc.text_content()))
    pictured = meta.image or meta.ld_image or _picture_after_title(title_el, url)
    strip_page(doc, keep=title_el)
    split_breaks(doc)
    body = find_body(doc)
    # trafilatura only when the page holds enough text for an article to be found at all.
    if page_chars >= MIN_BODY_CHARS and (body is None or len(text_of(body)) < MIN_BODY_CHARS):
        other = trafilatura_body(text, url)
        if other is not None and len(text_of(other)) > (
            len(text_of(body)) if body is not None else 0
        ):
            body = other
    found = _Found(title, body, published, "", pictured, related)
    if body is None:
        return found, "no article body found"
    drop_link_lists(body)
    found.info = clean_body(body, title, url)
    found.author = choose_author(meta, near, found.info.bylines)
    length = len(text_of(body))
    if length < MIN_BODY_CHARS:
        return found, f"body too short ({length} characters)"
    if not title:
        return found, "title not found"
    return found, ""


def _article(found: _Found, url: str, method: str, note: str) -> ExtractedArticle:
    body = found.body
    assert body is not None  # the paths only succeed with a body
    html_out = clean_serialized(serialize_children(body), url)
    lead = found.lead_image if _usable_image(found.lead_image) else ""
    images = _images(lead, body_images(body))
    return ExtractedArticle(
        title=found.title,
        html=html_out,
        text=html_to_text(html_out),
        method=method,
        author=found.author,
        published=found.published,
        origin=found.info.origin,
        lead_image=lead or (images[0] if images else ""),
        images=images,
        related=tuple(found.related),
        note=note,
    )


def _usable_image(url: str) -> bool:
    return bool(url) and not is_tracking_image(url) and not is_placeholder(url)


def _images(lead: str, body: list[str]) -> tuple[str, ...]:
    ordered = [lead, *body] if lead else body
    return tuple(dict.fromkeys(u for u in ordered if u.startswith(("http://", "https://"))))


def _summary(
    summary_html: str, url: str, found: _Found | None, notes: list[str]
) -> ExtractedArticle:
    """The feed's summary as the article, with whatever the page did give."""
    html_out = sanitize_html(summary_html, url) if summary_html.strip() else ""
    root = parse_fragment(html_out) if html_out else None
    images = [img.get("src", "") for img in root.iter("img")] if root is not None else []
    lead = found.lead_image if found is not None and _usable_image(found.lead_image) else ""
    all_images = _images(lead, images)
    if not html_out:
        notes = [*notes, "the feed has no summary"]
    return ExtractedArticle(
        title=found.title if found is not None else "",
        html=html_out,
        text=html_to_text(html_out),
        method="summary",
        author=found.author if found is not None else "",
        published=found.published if found is not None else None,
        origin=found.info.origin if found is not None else "",
        lead_image=lead or (all_images[0] if all_images else ""),
        images=all_images,
        related=tuple(found.related) if found is not None else (),
        note="; ".join(notes),
    )


# -- decoding ------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# Labels browsers treat as windows-1252 (WHATWG Encoding), which is a superset of them.
_AS_CP1252 = {
    "latin1",
    "latin-1",
    "iso-8859-1",
    "iso8859-1",
    "us-ascii",
    "ascii",
    "iso_8859-1",
    "l1",
    "cp819",
    "windows-1252",
    "cp1252",
    "x-cp1252",
}


def decode_page(page: bytes, content_type: str = "") -> str:
    """The page as text: a byte-order mark, then the header's charset, then the page's
    <meta charset>, then UTF-8, then windows-1252. A declared charset the bytes do not fit
    is passed over (sites declare UTF-8 and send windows-1252). Never raises."""
    if not page:
        return ""
    for bom, encoding in _BOMS:
        if page.startswith(bom):
            return page[len(bom) :].decode(encoding, errors="replace")
    header = _HEADER_CHARSET.search(content_type or "")
    declared = _META_CHARSET.search(page[:4096])
    for label in (
        header.group(1) if header else "",
        declared.group(1).decode() if declared else "",
    ):
        encoding = _encoding(label)
        if not encoding:
            continue
        if encoding == "cp1252" and _mostly_utf8(page):
            return page.decode("utf-8", errors="replace")  # declared legacy, sent as UTF-8
        try:
            return page.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    if _mostly_utf8(page):
        return page.decode("utf-8", errors="replace")
    return page.decode("cp1252", errors="replace")


def _encoding(label: str) -> str:
    label = label.strip().lower()
    if not label:
        return ""
    if label in _AS_CP1252:
        return "cp1252"
    if label.startswith("utf-16") or label.startswith("utf16"):
        return "utf-8"  # a page that can declare itself in ASCII is not UTF-16
    try:
        return codecs.lookup(label).name
    except LookupError:
        return ""


def _mostly_utf8(page: bytes) -> bool:
    """Is the page UTF-8: all high bytes in valid sequences, or nearly all of them?"""
    sample = page[:1_000_000]
    high = len(_HIGH_BYTE.findall(sample))
    if not high:
        return True
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(sample))
    return in_sequences >= 0.9 * high
