"""What feed parsing and index pages share: feed MIME types, the text patterns both use, and
links made absolute (as feedparser resolves them: the fast path and the slow agree).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from newsreader.core.feeds.fast_fields import plain_http_url
from newsreader.core.net.address import is_fetchable

SPACE = re.compile(r"\s+")
XML_DECL = re.compile(r"\A\s*<\?xml[^>]*>")
# The types a <link rel="alternate"> names a feed by.
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml",
     "application/x-atom+xml"}
)  # fmt: skip


def absolute_url(base: str, href: Any) -> str:
    """An absolute http(s) URL without fragment that can be fetched (``checked_url``), or ""
    for anything else (javascript:, mailto:, a port out of range): an item keeps what its
    feed carries, and its page is not asked for."""
    if type(href) is str and plain_http_url(base, href):
        # What the long way gives, without urljoin's ~15 µs.
        return href if is_fetchable(href) else ""
    return join_url(base, href)


def join_url(base: str, href: Any) -> str:
    """``absolute_url`` the long way, for every value."""
    if not href or not str(href).strip():
        return ""
    try:
        url = urljoin(base, str(href).strip())
    except ValueError:  # "http://[::1" and other junk pages are full of
        return ""
    if url.lower().startswith("feed:"):
        url = url[5:].removeprefix("//")
        url = url if "://" in url else "http://" + url
    url = url.split("#", 1)[0]
    return url if is_fetchable(url) else ""
