"""Pure scheduling decisions: when is a feed next due, and does it want full articles."""

from __future__ import annotations

import random
from collections.abc import Callable

MAX_BACKOFF_MINUTES = 24 * 60
MIN_INTERVAL_MINUTES = 1


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


def is_due(next_fetch_at: float, now: float) -> bool:
    return next_fetch_at <= now


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


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - now, 0.0)
