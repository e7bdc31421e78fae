"""Frozen value types passed between core layers and to the UI/CLI.

The core never hands out peewee rows: everything that leaves storage is one of these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

FeedKind = Literal["feed", "index", "auto"]
# What a smart view shows: every article, the unread, the starred, today's.
View = Literal["all", "unread", "starred", "today"]


@dataclass(frozen=True)
class RelatedLink:
    """One "Baca Juga" item: a related article named on an article page."""

    title: str
    url: str
    published: datetime | None = None
    teaser: str = ""


@dataclass(frozen=True)
class FetchResult:
    """What one HTTP GET returned. Header names are lower-case."""

    url: str
    final_url: str
    status: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    permanent_redirect: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class ParsedEntry:
    """One item of a feed or index page, before storage. HTML here is NOT sanitized."""

    guid: str
    url: str
    title: str
    author: str = ""
    published: datetime | None = None
    summary_html: str = ""
    content_html: str = ""
    image_url: str = ""


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed document or index page."""

    title: str
    site_url: str
    kind: FeedKind
    entries: tuple[ParsedEntry, ...]
    ttl_minutes: int | None = None


@dataclass(frozen=True)
class ExtractedArticle:
    """The article read out of a page.

    ``html`` is sanitized body HTML with absolute http(s) image URLs; ``text`` its plain text.
    ``images`` lists absolute image URLs in page order, lead image first. ``method`` names the
    path that produced it (``site:<name>``, ``generic`` or ``summary``); ``note`` says why a
    fallback was taken (empty when the first choice worked).
    """

    title: str
    html: str
    text: str
    method: str
    author: str = ""
    published: datetime | None = None
    origin: str = ""
    lead_image: str = ""
    images: tuple[str, ...] = ()
    related: tuple[RelatedLink, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Feed:
    """A subscription as the UI and CLI see it."""

    id: int
    url: str
    title: str
    site_url: str
    folder: str
    kind: FeedKind
    unread: int
    total: int
    error: str
    last_fetched: datetime | None
    next_fetch: datetime | None
    interval_minutes: int | None  # None: the global default
    full_article: bool | None  # None: decided per feed (site rule, summaries only, index page)
    builtin: bool
    paused: bool = False  # not polled (the site said 410 Gone, or the reader paused it)
    icon_path: str = ""  # the site's icon, relative to the data dir ("" if none yet)
    # Retention: None follows Settings.keep_days / keep_per_feed; 0: no limit.
    keep_days: int | None = None
    keep_per_feed: int | None = None
    notify: bool = False  # a desktop notice when it brings new articles (opt-in)
    show_summary: bool = False  # its articles open as the feed's summary, not the full text


@dataclass(frozen=True)
class EntrySummary:
    """One row of the article list."""

    id: int
    feed_id: int
    feed_title: str
    title: str
    url: str
    published: datetime | None
    read: bool
    starred: bool


@dataclass(frozen=True)
class ImageRef:
    """An image of an article: its source URL and the cached file (None if not cached)."""

    url: str
    path: str | None


@dataclass(frozen=True)
class Entry:
    """A whole article, as the article pane and exports need it."""

    id: int
    feed_id: int
    feed_title: str
    url: str
    title: str
    author: str
    published: datetime | None
    summary_html: str
    html: str
    text: str
    origin: str
    lead_image: str
    related: tuple[RelatedLink, ...]
    images: tuple[ImageRef, ...]
    read: bool
    starred: bool
    extraction: str
    extraction_note: str
    fetched_at: datetime | None
    # Story updates: when a re-check replaced the text, and how many earlier
    # texts are kept (``storage.versions.list_versions``, ``Library.entry_diff``).
    updated_at: datetime | None = None
    previous_versions: int = 0

    def image_path(self, url: str) -> str | None:
        """The cached file for an image URL of this article, if any."""
        for ref in self.images:
            if ref.url == url:
                return ref.path
        return None


@dataclass(frozen=True)
class ArticleVersion:
    """An earlier text of an article that changed after it was first fetched."""

    fetched_at: datetime | None
    title: str
    html: str
    text: str


@dataclass(frozen=True)
class UpdateResult:
    """Outcome of refreshing one feed. ``error`` is empty on success."""

    feed_id: int
    url: str
    new: int = 0
    updated: int = 0
    articles_fetched: int = 0
    not_modified: bool = False
    error: str = ""


@dataclass(frozen=True)
class Progress:
    """Progress of a refresh, for the status bar and the CLI."""

    done: int
    total: int
    stage: Literal["feeds", "articles"]
    current: str = ""


@dataclass(frozen=True)
class SavedSearch:
    """A search the reader named, shown as a smart view. ``unread``: its
    listed unread matches when counted (``Library.saved_searches(counts=True)``), else 0."""

    id: int
    name: str
    query: str
    unread: int = 0
