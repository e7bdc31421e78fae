"""A fetched document read as a stream of entries: the one way a refresh, a subscription and the
parse workers read what came back.

In order: the lxml fast path, else feedparser (``parse.parse_feed``); a web page where a feed
was expected is not a feed, named with the feed the page links to; a page at an address still
to be decided ("auto") is looked through for a feed (autodiscovery), else read as an index
page, its article links the entries.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from newsreader.core.errors import FetchError, NotAFeedError, ParseError
from newsreader.core.feeds import parse
from newsreader.core.types import FetchResult, ParsedEntry, ParsedFeed

log = logging.getLogger(__name__)

DISCOVERED_TRIED = 3  # feeds a page names that are tried, in its order
# Items taken from one document, the newest: a feed of 100,000 items would otherwise be
# stored whole on every change and ask for 100,000 pages. A news feed carries tens; an
# archive feed's older items are no news, and the cap keeps the work of a refresh bounded.
MAX_ENTRIES = 1000


def parse_document(
    response: FetchResult,
    *,
    kind: str,
    article_url: str = "",
    fetch: Callable[[str], FetchResult] | None = None,
) -> tuple[ParsedFeed, FetchResult]:
    """Read ``response`` as a stream of the given kind: "feed", "index", or "auto" (a feed, a
    feed the page names, else an index page).

    ``article_url`` is the site rule's regex for article links of an index page (empty: the
    URL-shape heuristic). ``fetch`` GETs a feed a page names; without it, "auto" reads the
    page as an index page. Returns the feed (its ``MAX_ENTRIES`` newest items) and the
    response it was read from: ``response``, or a named feed's. Raises ParseError
    (NotAFeedError for a web page where a feed was expected).
    """
    parsed, source = _parse(response, kind, article_url, fetch)
    if len(parsed.entries) <= MAX_ENTRIES:
        return parsed, source
    log.info("%s lists %d items; the newest %d are taken", source.final_url,
             len(parsed.entries), MAX_ENTRIES)  # fmt: skip
    return replace(parsed, entries=newest(parsed.entries, MAX_ENTRIES)), source


def newest(entries: Sequence[ParsedEntry], limit: int) -> tuple[ParsedEntry, ...]:
    """The ``limit`` newest entries, in document order. Dated entries by their date, newer
    than undated ones; undated ones by their place (feeds list the newest first)."""

    def age(index: int) -> float:
        published = entries[index].published
        return published.timestamp() if published is not None else -math.inf

    chosen = sorted(range(len(entries)), key=age, reverse=True)[:limit]  # stable: ties keep order
    return tuple(entries[i] for i in sorted(chosen))


def _parse(
    response: FetchResult,
    kind: str,
    article_url: str,
    fetch: Callable[[str], FetchResult] | None,
) -> tuple[ParsedFeed, FetchResult]:
    url = response.final_url
    if kind == "index":
        return _index(response, article_url), response
    try:
        return parse.parse_feed(response.content, url, content_type=response.content_type), response
    except NotAFeedError as exc:
        if kind == "feed":
            raise _not_a_feed(exc, response.content, url) from None
    if fetch is not None:
        from newsreader.core.feeds.index_page import discover_feed_links

        for link in discover_feed_links(response.content, url)[:DISCOVERED_TRIED]:
            try:
                found = fetch(link)
                return parse.parse_feed(found.content, found.final_url), found
            except (FetchError, ParseError) as exc:
                log.info("discovered feed %s failed: %s", link, exc)
    return _index(response, article_url), response


def _index(response: FetchResult, article_url: str) -> ParsedFeed:
    from newsreader.core.feeds.index_page import parse_index

    return parse_index(response.content, response.final_url, article_url=article_url)


def _not_a_feed(exc: NotAFeedError, content: bytes, url: str) -> NotAFeedError:
    """A web page came where a feed was: name the feed the page links to, if it does, so the
    reader can subscribe to that instead."""
    from newsreader.core.feeds.index_page import discover_feed_links

    links = discover_feed_links(content, url)
    if not links:
        return exc
    return NotAFeedError(url, f"{exc.message}; the page names the feed {links[0]}")
