"""Pure scheduling decisions: when is a feed next due, does it want full articles, and which
article pages one refresh fetches."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

MAX_BACKOFF_MINUTES = 24 * 60
MIN_INTERVAL_MINUTES = 1

# The bounds of one refresh. Each article page is a request to the site and may take up to a
# request timeout; unbounded, a feed of 100,000 items asked for 100,000 pages in one refresh,
# and a refresh lasted as long as its slowest pages added up. The pages left over are not
# lost: they stay pending (``pages.await_pages``) and the next refreshes fetch them, newest
# first. A news feed brings tens of new articles per check, well within these.
PAGES_PER_FEED = 100  # article pages one feed has fetched per refresh
PAGES_PER_REFRESH = 500  # article pages fetched per refresh in all
# Articles a feed may have awaiting their page; older ones beyond keep what the feed carried
# (a feed that brings more new items each check than are fetched would grow it without end).
AWAITED_PER_FEED = 1000
# No page fetch (articles, related articles, story re-checks) starts this long after a refresh
# began; those underway finish within their own timeout. Ten pages dripping a byte at a time
# made a refresh last 100 s, and it grew with their number: now a refresh ends within about
# this plus one request timeout, whatever the sites do, and is soon ready to run again.
REFRESH_BUDGET_S = 120.0

_T = TypeVar("_T")


def next_fetch_time(
    now: float,
    *,
    interval_minutes: int | None,
    default_minutes: int,
    ttl_minutes: int | None = None,
    error_count: int = 0,
    retry_after_s: float | None = None,
    max_age_s: float | None = None,
    rand: Callable[[], float] = random.random,
) -> float:
    """Epoch seconds of the next fetch.

    The feed's own interval (else the default) is stretched to the feed's ``<ttl>`` when that
    asks for less frequent polling; errors back off exponentially (doubling per consecutive
    error, capped at a day) with +/-10% jitter so failing feeds do not retry in lockstep;
    ``Retry-After`` is a floor.
    """
    minutes: float = max(interval_minutes or default_minutes, MIN_INTERVAL_MINUTES)
    if ttl_minutes:
        minutes = max(minutes, min(ttl_minutes, MAX_BACKOFF_MINUTES))
    if max_age_s:  # Cache-Control: max-age, like <ttl>, only ever makes checks rarer
        minutes = max(minutes, min(max_age_s / 60, MAX_BACKOFF_MINUTES))
    if error_count > 0:
        minutes = min(minutes * 2 ** min(error_count - 1, 16), MAX_BACKOFF_MINUTES)
        minutes *= 0.9 + 0.2 * rand()
    delay = minutes * 60.0
    if retry_after_s is not None:
        delay = max(delay, retry_after_s)
    return now + delay


def wants_full_article(
    setting: bool | None, *, kind: str, has_rule: bool, feed_carries_articles: bool
) -> bool:
    """Fetch each item's page? The per-feed setting wins; else yes for index pages, sites with a
    rule and feeds that carry only summaries, no for feeds that carry whole articles."""
    if setting is not None:
        return setting
    if kind == "index" or has_rule:
        return True
    return not feed_carries_articles


def carries_articles(content_lengths: list[int], threshold: int = 1200) -> bool:
    """True when most items of a feed carry a whole article (long content), not a summary."""
    if not content_lengths:
        return False
    long_ones = sum(1 for n in content_lengths if n >= threshold)
    return long_ones * 2 > len(content_lengths)


def parse_max_age(cache_control: str | None) -> float | None:
    """Seconds from ``Cache-Control: max-age=N`` (None when absent, no-cache or no-store)."""
    if not cache_control:
        return None
    directives = [part.strip().lower() for part in cache_control.split(",")]
    if "no-cache" in directives or "no-store" in directives:
        return None
    for directive in directives:
        name, _, value = directive.partition("=")
        if name == "max-age" and value.strip().isdigit():
            return float(value.strip())
    return None


def pages_to_fetch(per_feed: Sequence[Sequence[_T]], *, feed_cap: int, total_cap: int) -> list[_T]:
    """The article pages a refresh fetches, from each feed's pending ones (newest first): at most
    ``feed_cap`` of a feed and ``total_cap`` in all, taken in turns (every feed's newest, then
    every feed's second, ...) so that one busy feed does not crowd out the others."""
    taken: list[_T] = []
    depth = min(feed_cap, max((len(items) for items in per_feed), default=0))
    for rank in range(depth):
        for items in per_feed:
            if rank < len(items):
                if len(taken) >= total_cap:
                    return taken
                taken.append(items[rank])
    return taken
