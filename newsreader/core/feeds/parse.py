"""Feeds and index pages to ``ParsedFeed`` values.

RSS 0.9x/1.0/2.0 and Atom go through feedparser, imported inside the functions because it costs
~125 ms at import and start-up must stay fast (lxml likewise). feedparser never fetches external
entities (its SAX parser has them off) and leaves DTD-declared entities unexpanded as text, so a
billion-laughs document stays small; the tests pin both with hostile documents.

Index pages and feed autodiscovery live in ``index_page``; ``document.parse_document`` picks
between them for a fetched document.
"""

from __future__ import annotations

import calendar
import hashlib
import html as html_lib
import logging
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from newsreader.core.errors import NotAFeedError, ParseError
from newsreader.core.extract.dates import parse_date_line
from newsreader.core.feeds.common import SPACE, absolute_url
from newsreader.core.feeds.fast_path import try_parse
from newsreader.core.types import ParsedEntry, ParsedFeed

logger = logging.getLogger(__name__)

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_FIRST_TAG = re.compile(rb"<([a-zA-Z][\w:.-]*)")
_DOCTYPE_HTML = re.compile(rb"<!doctype\s+html", re.I)
_XML_ENCODING = re.compile(rb"\A\s*<\?xml[^>]*?encoding\s*=", re.I)
_TAG = re.compile(r"<[^>]*>")
_BREAK_TAG = re.compile(r"<(?:br|/?p|/?div|/?li|/?h\d)\b[^>]*>", re.I)
_OFFSET = re.compile(r"(?:([+-])(\d\d):?(\d\d)|\b(Z|GMT|UTC|UT))\s*\Z", re.I)
_IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|\Z)", re.I)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Tags a web page may start with when it has no <html> or doctype; no feed starts so.
_HTML_FIRST_TAGS = frozenset(
    {b"html", b"head", b"body", b"meta", b"title", b"script", b"style", b"link", b"div", b"p",
     b"table", b"span", b"a", b"h1", b"br"}
)  # fmt: skip


def looks_like_html(content: bytes, content_type: str = "") -> bool:
    """Whether a response is a web page rather than a feed; the bytes win over the header."""
    head = content[:4096]
    for bom in _BOMS:
        head = head.removeprefix(bom)
    head = _COMMENT.sub(b"", head)
    first = _FIRST_TAG.search(head)
    if first is not None:
        name = first.group(1).lower()
        if name.rsplit(b":", 1)[-1] in (b"rss", b"feed", b"rdf"):
            return False  # a feed served as text/html is still a feed
        if name in _HTML_FIRST_TAGS:
            return True
    if _DOCTYPE_HTML.search(head):
        return True
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


# -- feeds -----------------------------------------------------------------------------------
def parse_feed(content: bytes, url: str, *, content_type: str = "") -> ParsedFeed:
    """Parse an RSS or Atom document. Raises NotAFeedError for a web page, else ParseError."""
    if not content.strip():
        raise ParseError(url, "the feed is empty")
    if looks_like_html(content, content_type):
        raise NotAFeedError(url, "this address is a web page, not a feed")
    fast = try_parse(content, url, absolute_url)
    if fast is not None and (fast.entries or fast.title):
        return fast
    data = _feedparser(content, url, content_type)
    meta = data.feed
    title = _plain(meta.get("title"), meta.get("title_detail"))
    entries = tuple(e for e in (_feed_entry(raw, url) for raw in data.entries) if e is not None)
    if not entries and (not title or not data.get("version")):
        raise ParseError(url, _failure(data))
    return ParsedFeed(
        title=title,
        site_url=absolute_url(url, meta.get("link")),
        kind="feed",
        entries=entries,
        ttl_minutes=_ttl(meta.get("ttl")),
    )


def _feedparser(content: bytes, url: str, content_type: str) -> Any:
    import feedparser

    try:
        return feedparser.parse(
            content,
            response_headers={
                "content-location": url,
                "content-type": _xml_type(content, content_type),
            },
            resolve_relative_uris=True,
            sanitize_html=False,  # raw on purpose: sanitizing happens once, before display
        )
    except (ValueError, LookupError) as exc:
        # feedparser trips over some encoding labels ('encoding="\x80"' raises
        # UnicodeDecodeError, a NUL in it ValueError): found by tests/core/test_properties.py.
        raise ParseError(url, f"the feed could not be read: bad encoding ({exc})") from exc


def _xml_type(content: bytes, content_type: str) -> str:
    """The content type to give feedparser: the document's own encoding beats the header's.

    Servers often send a wrong charset; a BOM or an XML declaration is far more reliable, and
    bytes that are valid UTF-8 are almost certainly UTF-8. Only otherwise is the header used.
    """
    charset = ""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    if not charset or content.startswith(_BOMS) or _XML_ENCODING.match(content):
        return "application/xml"
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return f"application/xml; charset={charset}"
    return "application/xml"


def _failure(data: Any) -> str:
    exc = data.get("bozo_exception")
    if not data.get("bozo") or not hasattr(exc, "getLineNumber"):
        return "not an RSS or Atom feed"
    return (
        f"the feed could not be read: XML error at line {exc.getLineNumber()}: {exc.getMessage()}"
    )


def _feed_entry(raw: Any, feed_url: str) -> ParsedEntry | None:
    link = absolute_url(feed_url, raw.get("link"))
    summary = _html_of(raw.get("summary_detail"))
    content = _best_content(raw.get("content") or [])
    title = _plain(raw.get("title"), raw.get("title_detail"))
    if not title and (summary or content):
        text = _plain(summary or content, {"type": "text/html"})
        title = text if len(text) <= 80 else text[:79].rstrip() + "…"
    published = _published(raw)
    guid = str(raw.get("id") or "").strip() or link
    if not guid:
        if not title:
            return None
        stamp = published.isoformat() if published else str(raw.get("published") or "")
        guid = (
            "sha1:" + hashlib.sha1(f"{title}\n{stamp}".encode(), usedforsecurity=False).hexdigest()
        )
    detail = raw.get("author_detail") or {}
    return ParsedEntry(
        guid=guid,
        url=link,
        title=title,
        author=_plain(detail.get("name") or raw.get("author"), None),
        published=published,
        summary_html=summary,
        content_html=content,
        image_url=_feed_image(raw, feed_url),
    )


def _plain(value: Any, detail: Any) -> str:
    """Plain text of a feed text construct: tags dropped, entities decoded, spaces collapsed."""
    text = str(value or "")
    if detail and "html" in str(detail.get("type", "")):
        text = html_lib.unescape(_TAG.sub("", _BREAK_TAG.sub(" ", text)))
    return SPACE.sub(" ", text).strip()


def _html_of(detail: Any) -> str:
    if not detail:
        return ""
    value = str(detail.get("value") or "")
    if "html" in str(detail.get("type", "text/html")):
        return value
    return f"<p>{html_lib.escape(value)}</p>" if value.strip() else ""


def _best_content(contents: list[Any]) -> str:
    """content:encoded / atom:content, preferring an HTML version over plain text."""
    for item in contents:
        if "html" in str(item.get("type", "")):
            return _html_of(item)
    return _html_of(contents[0]) if contents else ""


def _published(raw: Any) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime, in the offset the feed wrote."""
    for key in ("published", "updated", "created"):
        # dict.get: feedparser's own maps a missing "updated" to "published" with a
        # DeprecationWarning (an RSS pubDate it could not parse was enough).
        text = str(dict.get(raw, key) or "")
        parsed = dict.get(raw, f"{key}_parsed")
        instant = _from_struct(parsed, text) if parsed else None
        if instant is not None:
            return instant
        if text:
            found = parse_date_line(text)  # Indonesian feeds: "Senin, 26 Oktober 2020 11:26 WIB"
            if found is not None:
                return found
    return None


def _from_struct(parsed: Any, text: str) -> datetime | None:
    try:
        return _with_offset(datetime.fromtimestamp(calendar.timegm(parsed), UTC), text)
    except (ValueError, OverflowError, OSError):  # "0000-00-00", year 9999 + 14 h: no date
        return None


def _with_offset(instant: datetime, text: str) -> datetime:
    match = _OFFSET.search(text.strip())
    if match is None or match.group(4):
        return instant
    delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
    if delta >= timedelta(hours=15):
        return instant
    return instant.astimezone(timezone(-delta if match.group(1) == "-" else delta))


def _feed_image(raw: Any, feed_url: str) -> str:
    for media in raw.get("media_content") or []:
        url, medium, kind = media.get("url"), media.get("medium"), str(media.get("type") or "")
        if url and (medium == "image" or kind.startswith("image/") or _IMAGE_EXT.search(url)):
            return absolute_url(feed_url, url)
    for thumb in raw.get("media_thumbnail") or []:
        if thumb.get("url"):
            return absolute_url(feed_url, thumb["url"])
    for link in raw.get("links") or []:
        href, kind = link.get("href"), str(link.get("type") or "")
        is_image = kind.startswith("image/") or (not kind and _IMAGE_EXT.search(href or ""))
        if link.get("rel") == "enclosure" and href and is_image:
            return absolute_url(feed_url, href)
    return ""


def _ttl(value: Any) -> int | None:
    try:
        minutes = int(str(value).strip())
    except ValueError:
        return None
    return minutes if 1 <= minutes <= 7 * 24 * 60 else None
