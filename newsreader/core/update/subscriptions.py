"""Subscriptions as the reader asks for them: the address typed, a feed's own options, and the
built-in subscriptions of a first launch. Pure decisions; the library stores what they give.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newsreader.core.errors import InvalidURLError
from newsreader.core.net.address import checked_url
from newsreader.core.types import FeedKind

# The built-in subscriptions of a first launch: the Elshinta site, its latest news and main
# sections. The site showed no feed (ELSHINTA.md): the home page is probed for one on its first
# fetch ("auto"), the sections are read as index pages.
DEFAULT_SUBSCRIPTIONS: tuple[tuple[str, str, str], ...] = (
    ("https://elshinta.com/", "Elshinta", ""),
    ("https://elshinta.com/indeks", "Elshinta – Berita Terkini", "Elshinta"),
    ("https://elshinta.com/kategori/3/nasional", "Elshinta – Nasional", "Elshinta"),
    ("https://elshinta.com/kategori/2/ibu-kota", "Elshinta – Ibu Kota", "Elshinta"),
    ("https://elshinta.com/kategori/1/daerah", "Elshinta – Daerah", "Elshinta"),
    ("https://elshinta.com/kategori/5/internasional", "Elshinta – Internasional", "Elshinta"),
    ("https://elshinta.com/kategori/6/ekonomi-bisnis", "Elshinta – Ekonomi Bisnis", "Elshinta"),
    ("https://elshinta.com/kategori/15/olahraga", "Elshinta – Olahraga", "Elshinta"),
)


class Unset:
    """Marks an argument left out, where None is a meaningful value ("use the default")."""


UNSET = Unset()


def check_url(url: str) -> str:
    """Normalise a URL the user typed; raise InvalidURLError unless it can be fetched (http or
    https, a host, a valid port: ``checked_url``)."""
    url = url.strip()
    scheme, colon, rest = url.partition(":")
    has_scheme = bool(colon) and scheme.isalpha() and not rest[:1].isdigit()
    if url and not has_scheme:  # "elshinta.com" or "localhost:8080/rss"
        url = "https://" + url
    try:
        return checked_url(url)
    except InvalidURLError as exc:
        raise InvalidURLError(url, f"not a web address: {exc.message}") from None


def check_keep(name: str, value: int | None) -> int | None:
    """A feed's retention value, as the global setting of that name allows; ValueError else."""
    from newsreader.core.settings import RANGES

    low, high = RANGES[name]
    if value is not None and (isinstance(value, bool) or not low <= value <= high):
        raise ValueError(f"{name} must be between {low:.0f} and {high:.0f}, not {value!r}")
    return value


def default_feeds() -> list[tuple[str, str, str, FeedKind]]:
    """The built-in subscriptions as (url, title, folder, kind): the site's home page is probed
    for a feed, its sections are index pages."""
    return [
        (url, title, folder, "auto" if urlsplit(url).path == "/" else "index")
        for url, title, folder in DEFAULT_SUBSCRIPTIONS
    ]


def feed_changes(
    *,
    title: str | None,
    folder: str | None,
    interval_minutes: int | Unset | None,
    full_article: bool | Unset | None,
    paused: bool | None,
    keep_days: int | Unset | None,
    keep_per_feed: int | Unset | None,
    notify: bool | None = None,
    show_summary: bool | None = None,
) -> dict[str, object]:
    """The feed columns to change for the options given (see ``Library.set_feed_options``).
    ValueError for an interval or a retention value out of range."""
    changes: dict[str, object] = {}
    if title is not None:
        changes["title"] = title.strip()
    if folder is not None:
        changes["folder"] = folder.strip()
    if not isinstance(interval_minutes, Unset):
        if interval_minutes is not None and not 1 <= interval_minutes <= 7 * 24 * 60:
            raise ValueError("the update interval must be between 1 minute and 7 days")
        changes["interval_minutes"] = interval_minutes
        changes["next_fetch_at"] = 0.0  # re-plan from the next check
    if not isinstance(full_article, Unset):
        changes["full_article"] = full_article
    if paused is not None:
        changes.update(paused=paused, next_fetch_at=0.0, error_count=0)
    for name, keep in (("keep_days", keep_days), ("keep_per_feed", keep_per_feed)):
        if not isinstance(keep, Unset):
            changes[name] = check_keep(name, keep)
    for name, choice in (("notify", notify), ("show_summary", show_summary)):
        if choice is not None:
            changes[name] = bool(choice)
    return changes
