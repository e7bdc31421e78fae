"""Site icons for the feed list, fetched once and kept in the data dir.

After the feeds stage of a refresh, each site whose feeds were fetched successfully and whose
icon was never looked for, or not for a week, is asked once: its page's
``<link rel="icon" | "shortcut icon" | "apple-touch-icon">``, else ``/favicon.ico``. Only
bytes that are an image by their own signature are kept (``images.sniff_image``; SVG never,
it can carry scripts), under ``data_dir/icons/`` named by their hash, so the eight Elshinta
feeds share one file. ``FeedRecord.icon_path`` records the file relative to the data dir.

The work runs on a thread of its own beside the article stage and is bounded (sites per
refresh, bytes per icon, a deadline), so an icon never holds up a refresh; a failure only
waits for the next week.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from newsreader.core.errors import FeedError, NewsreaderError
from newsreader.core.net.address import is_fetchable
from newsreader.core.net.fetch import HTML_ACCEPT, FetcherProtocol
from newsreader.core.paths import atomic_write
from newsreader.core.storage import writes as storage
from newsreader.core.storage.image_store import image_problem, sniff_image
from newsreader.core.storage.records import FeedRecord
from newsreader.core.storage.writer import Writer

log = logging.getLogger(__name__)

ICONS_DIR = "icons"
RECHECK_S = 7 * 24 * 3600  # at most weekly: icons rarely change
MAX_ICON_BYTES = 256 * 1024
MAX_PAGE_BYTES = 2 * 1024 * 1024
SITES_PER_REFRESH = 16
CANDIDATES_PER_SITE = 3
DEADLINE_S = 30.0
_WORKERS = 3
_META_PREFIX = "icon:"  # meta key per site: {"checked": epoch seconds, "path": relative path}
_ICON_ACCEPT = "image/png, image/x-icon, image/vnd.microsoft.icon, image/*;q=0.8, */*;q=0.1"
# Best first: the icon the site names for browsers, then the larger touch icon.
_RELS = (("icon", "shortcut icon"), ("apple-touch-icon", "apple-touch-icon-precomposed"))


@dataclass(frozen=True)
class IconJob:
    """One site to ask: its origin (the meta key), the page to read, and its feeds."""

    origin: str
    page_url: str
    feed_ids: tuple[int, ...]


def site_page(feed_url: str, site_url: str) -> str:
    """The page whose icon stands for a feed: its web site, else its host's home page; "" if
    neither address can be fetched."""
    own_site = is_fetchable(site_url)
    if not own_site and not is_fetchable(feed_url):
        return ""
    parts = urlsplit(site_url if own_site else feed_url)
    if own_site and parts.path.strip("/"):
        return site_url
    return f"{parts.scheme}://{parts.netloc}/"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_due(checked_at: float | None, now: float) -> bool:
    """Never looked for, or looked for a week ago or more."""
    return checked_at is None or now - checked_at >= RECHECK_S


def icon_candidates(page: bytes, base_url: str) -> list[str]:
    """Icon URLs a page names, best first, then ``/favicon.ico``; SVG left out."""
    found: list[str] = []
    try:
        doc = html.document_fromstring(page) if page.strip() else None
    except (etree.ParserError, ValueError):
        doc = None
    if doc is not None:
        links = doc.xpath("//link[@rel and @href]")
        for wanted in _RELS:
            for link in links:
                rel = " ".join(str(link.get("rel", "")).lower().split())
                href = str(link.get("href", "")).strip()
                svg = "svg" in str(link.get("type", "")).lower() or href.lower().endswith(".svg")
                if rel in wanted and href and not svg:
                    found.append(_joined(base_url, href))
    found.append(_joined(base_url, "/favicon.ico"))
    return list(dict.fromkeys(u for u in found if is_fetchable(u)))


def _joined(base_url: str, href: str) -> str:
    try:
        return urljoin(base_url, href)
    except ValueError:  # "http://[::1": skipped, as a port out of range is
        return ""


def icon_file_name(data: bytes) -> str | None:
    """``icons/<hash><suffix>`` for image bytes, None if they are not an image we keep."""
    kind = sniff_image(data)
    if kind is None or image_problem(data):  # cut short, or beyond the pixel budget
        return None
    digest = hashlib.sha256(data).hexdigest()[:32]
    return f"{ICONS_DIR}/{digest}{kind[1]}"


def plan(
    feeds: Sequence[tuple[int, str, str, str]],
    known: dict[str, tuple[float, str]],
    now: float,
    limit: int = SITES_PER_REFRESH,
) -> tuple[list[IconJob], dict[int, str]]:
    """Which sites to ask, and which feeds just take their site's known icon.

    ``feeds``: (id, url, site_url, icon_path) of feeds fetched successfully; ``known``:
    origin -> (checked at, icon path) from earlier refreshes. Pure.
    """
    pages: dict[str, str] = {}
    members: dict[str, list[int]] = {}
    assign: dict[int, str] = {}
    for feed_id, url, site_url, icon_path in feeds:
        page = site_page(url, site_url)
        if not page:
            continue
        origin = origin_of(page)
        checked, path = known.get(origin, (None, ""))
        if is_due(checked, now):
            pages.setdefault(origin, page)
            members.setdefault(origin, []).append(feed_id)
        elif path and path != icon_path:
            assign[feed_id] = path
    jobs = [IconJob(o, pages[o], tuple(members[o])) for o in list(pages)[:limit]]
    return jobs, assign


def _known(origins: Sequence[str]) -> dict[str, tuple[float, str]]:
    known: dict[str, tuple[float, str]] = {}
    for origin in origins:
        raw = storage.get_meta(_META_PREFIX + origin)
        try:
            data = json.loads(raw) if raw else None
            if isinstance(data, dict):
                known[origin] = (float(data["checked"]), str(data.get("path", "")))
        except (ValueError, KeyError, TypeError):
            log.info("icons: unreadable record for %s; asking again", origin)
    return known


def _store(origin: str, feed_ids: Sequence[int], path: str, now: float) -> None:
    """On the writer: the site's record, and the icon of its feeds (kept if none found)."""
    storage.set_meta(_META_PREFIX + origin, json.dumps({"checked": now, "path": path}))
    if path and feed_ids:
        FeedRecord.update(icon_path=path).where(FeedRecord.id.in_(list(feed_ids))).execute()


def _assign(assign: dict[int, str]) -> None:
    for feed_id, path in assign.items():
        FeedRecord.update(icon_path=path).where(FeedRecord.id == feed_id).execute()


class IconFetch:
    """The icon work of one refresh, on its own threads; ``wait`` joins it."""

    def __init__(
        self,
        fetcher: FetcherProtocol,
        writer: Writer,
        data_dir: Path,
        *,
        clock: Callable[[], float] = time.time,
        cancel: threading.Event | None = None,
        deadline_s: float = DEADLINE_S,
    ) -> None:
        self._fetcher = fetcher
        self._writer = writer
        self._data_dir = data_dir
        self._clock = clock
        self._cancel = cancel
        self._deadline = time.monotonic() + deadline_s
        self._pool: ThreadPoolExecutor | None = None
        self._futures: list[Future[None]] = []
        self.found: dict[str, str] = {}  # origin -> icon path, for tests and logs

    def start(self, feed_ids: Sequence[int]) -> None:
        """Plan (reads, on the calling thread) and start asking the sites that are due."""
        if not feed_ids:
            return
        wanted = FeedRecord.id.in_(list(feed_ids))
        feeds = [(r.id, r.url, r.site_url or "", r.icon_path or "")
                 for r in FeedRecord.select().where(wanted)]  # fmt: skip
        site_pages = {site_page(url, site) for _, url, site, _ in feeds}
        origins = sorted({origin_of(page) for page in site_pages if page})
        jobs, assign = plan(feeds, _known(origins), self._clock())
        if assign:
            self._writer.call(_assign, assign)
        if jobs:
            self._pool = ThreadPoolExecutor(_WORKERS, thread_name_prefix="newsreader-icons")
            self._futures = [self._pool.submit(self._run, job) for job in jobs]

    def wait(self) -> None:
        """Join the threads; a bug in them (not a network or disk failure) is raised here."""
        if self._pool is None:
            return
        self._pool.shutdown(wait=True)
        self._pool = None
        for future in self._futures:
            future.result()

    def _stopped(self) -> bool:
        cancelled = self._cancel is not None and self._cancel.is_set()
        return cancelled or time.monotonic() > self._deadline

    def _run(self, job: IconJob) -> None:
        if self._stopped():
            return  # left for the next refresh: nothing is recorded
        try:
            path = self._find(job)
            self._writer.call(_store, job.origin, job.feed_ids, path, self._clock())
        except (NewsreaderError, OSError) as exc:  # an icon is not worth failing a refresh
            log.warning("icons: the icon of %s not kept: %s", job.origin, exc)
            return
        if path:
            self.found[job.origin] = path
        log.info("icons: %s -> %s", job.origin, path or "none found")

    def _find(self, job: IconJob) -> str:
        try:
            page = self._fetcher.get(job.page_url, max_bytes=MAX_PAGE_BYTES, accept=HTML_ACCEPT)
            candidates = icon_candidates(page.content, page.final_url)
        except FeedError as exc:
            log.info("icons: %s not read (%s); trying /favicon.ico", job.page_url, exc)
            candidates = icon_candidates(b"", job.page_url)
        for url in candidates[:CANDIDATES_PER_SITE]:
            if self._stopped():
                break
            path = self._fetch_one(url)
            if path:
                return path
        return ""

    def _fetch_one(self, url: str) -> str:
        try:
            data = self._fetcher.get(url, max_bytes=MAX_ICON_BYTES, accept=_ICON_ACCEPT).content
        except FeedError as exc:
            log.debug("icons: %s: %s", url, exc)
            return ""
        name = icon_file_name(data)
        if name is None:
            log.debug("icons: %s is not an image", url)
            return ""
        target = self._data_dir / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data)
        return name
