"""The refresh pipeline: fetch and parse feeds in parallel, write each feed in one transaction,
then fetch, extract and store the new articles and their images.

Decisions live in ``schedule``; this module only orchestrates. A feed's failure is returned
in its result and stored on the feed; it never aborts the batch. A StorageError (a full disk
fails every feed alike) or a bug stops the batch and is raised once (``_in_order``).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from newsreader.core.errors import FeedError, FetchError, NotAFeedError, ParseError
from newsreader.core.extract.site_rules import RuleSet
from newsreader.core.net.fetch import FetcherProtocol
from newsreader.core.storage import ingest
from newsreader.core.storage import writes as storage
from newsreader.core.storage.image_store import MAX_IMAGE_BYTES, ImageStore
from newsreader.core.storage.writer import Writer
from newsreader.core.types import FetchResult, ParsedFeed, Progress, UpdateResult
from newsreader.core.update import schedule

if TYPE_CHECKING:
    from newsreader.core.update.parse_pool import ParsePool

log = logging.getLogger(__name__)

MAX_PAGE_BYTES = 5 * 1024 * 1024
_T = TypeVar("_T")
_R = TypeVar("_R")
# Feed writes queued and not yet done: fetch threads go on to the next feed without waiting
# for theirs, and this bounds what the queue holds.
_PENDING_WRITES = 64


def _in_order(
    pool: ThreadPoolExecutor,
    futures: Sequence[Future[_T]],
    resolve: Callable[[_T], _R],
) -> Iterator[_R]:
    """The jobs' results in order (through ``resolve``). The first exception stops the batch:
    jobs not begun are dropped, running ones finish, then it is raised. A feed's own failure
    is a result, so only a StorageError (a full disk or a locked database fails every feed
    alike) or a bug gets here; fetching hundreds more feeds only to fail
    storing each is no use."""
    try:
        for future in futures:
            yield resolve(future.result())
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise


def _not_a_feed(exc: NotAFeedError, content: bytes, url: str) -> NotAFeedError:
    """A web page came where a feed was: name the feed the page links to, if it does (issue 4:
    "an HTML page where a feed was expected is reported, and autodiscovery offered")."""
    from newsreader.core.feeds.index_page import discover_feed_links

    links = discover_feed_links(content, url)
    if not links:
        return exc
    return NotAFeedError(url, f"{exc.message}; the page names the feed {links[0]}")


def _identity(value: _T) -> _T:
    return value


def _outcome(written: _Written | None) -> _FeedOutcome | None:
    return written.outcome() if written is not None else None


@dataclass(frozen=True)
class FeedState:
    """What the pipeline needs to know of a feed before fetching it."""

    id: int
    url: str
    kind: str
    title: str
    etag: str | None
    last_modified: str | None
    interval_minutes: int | None
    ttl_minutes: int | None
    error_count: int
    full_article: bool | None
    body_hash: str | None = None


@dataclass(frozen=True)
class PendingArticle:
    entry_id: int
    url: str
    summary_html: str
    feed_title: str
    feed_id: int = 0


@dataclass
class _FeedOutcome:
    result: UpdateResult
    new_ids: list[int]
    full_article: bool


@dataclass
class _Written:
    """A feed's outcome once its write is done (``outcome``, on the refresh's thread)."""

    write: Future[Any]
    finish: Callable[[Any], _FeedOutcome]

    def outcome(self) -> _FeedOutcome:
        return self.finish(self.write.result())


class Updater:
    """Runs one refresh. Collaborators are injected; ``clock`` returns epoch seconds."""

    def __init__(
        self,
        *,
        fetcher: FetcherProtocol,
        writer: Writer,
        rules: RuleSet,
        images: ImageStore,
        clock: Callable[[], float],
        default_interval: int = 15,
        workers: int = 8,
        per_host: int = 2,
    ) -> None:
        self.fetcher = fetcher
        self.writer = writer
        self.rules = rules
        self.images = images
        self.clock = clock
        self.default_interval = default_interval
        self.full_articles = True  # False: store what feeds carry, fetch no article page
        self.workers = max(1, workers)
        self._host_limits: dict[str, threading.Semaphore] = {}
        self._per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._images_seen: set[str] = set()
        self.parse_pool: ParsePool | None = None  # worker processes, for big refreshes
        self._write_slots = threading.BoundedSemaphore(_PENDING_WRITES)

    # -- stage 1: feeds ---------------------------------------------------------------
    def update_feeds(
        self,
        feeds: Sequence[FeedState],
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> list[tuple[UpdateResult, list[int], bool]]:
        outcomes: list[tuple[UpdateResult, list[int], bool]] = []
        done = 0
        with ThreadPoolExecutor(self.workers, thread_name_prefix="newsreader-fetch") as pool:
            futures = [pool.submit(self._update_one, feed, cancel) for feed in feeds]
            for outcome in _in_order(pool, futures, _outcome):
                done += 1
                if outcome is None:
                    continue
                outcomes.append((outcome.result, outcome.new_ids, outcome.full_article))
                if progress is not None:
                    progress(Progress(done, len(feeds), "feeds", outcome.result.url))
        return outcomes

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).hostname or ""
        with self._lock:
            slot = self._host_limits.get(host)
            if slot is None:
                slot = self._host_limits[host] = threading.Semaphore(self._per_host)
            return slot

    def _get(self, url: str, **kwargs: object):  # type: ignore[no-untyped-def]
        with self._host_slot(url):
            return self.fetcher.get(url, **kwargs)  # type: ignore[arg-type]

    def get_page(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET an article page within the host limits; with validators it is conditional
        (story updates re-check kept pages). Raises FeedError subclasses."""
        with self._host_slot(url):
            return self.fetcher.get(
                url, etag=etag, last_modified=last_modified, max_bytes=MAX_PAGE_BYTES
            )

    def _write(self, fn: Callable[[], Any], finish: Callable[[Any], _FeedOutcome]) -> _Written:
        """Queue a feed's write without waiting for it (bounded by _PENDING_WRITES)."""
        self._write_slots.acquire()
        try:
            future = self.writer.submit(fn)
        except BaseException:
            self._write_slots.release()
            raise
        future.add_done_callback(lambda _: self._write_slots.release())
        return _Written(future, finish)

    def _update_one(self, feed: FeedState, cancel: threading.Event | None) -> _Written | None:
        if cancel is not None and cancel.is_set():
            return None
        try:
            return self._fetch_and_store(feed)
        except FeedError as exc:
            return self._record_error(feed, exc)

    def _fetch_and_store(self, feed: FeedState) -> _Written:
        result = self._get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        now = self.clock()
        max_age = schedule.parse_max_age(result.headers.get("cache-control"))
        next_at = self._next_time(feed, now, error_count=0, max_age=max_age)
        digest = hashlib.sha1(result.content, usedforsecurity=False).hexdigest()
        # A server that ignores conditional GET resends the same bytes: as good as a 304.
        unchanged = (
            feed.kind in ("feed", "index")
            and digest == feed.body_hash
            and result.final_url == feed.url
        )
        if result.not_modified or unchanged:
            same = _FeedOutcome(UpdateResult(feed.id, feed.url, not_modified=True), [], False)
            return self._write(
                lambda: storage.record_not_modified(
                    feed.id,
                    now=now,
                    next_fetch_at=next_at,
                    etag=result.etag,
                    last_modified=result.last_modified,
                ),
                lambda _: same,
            )
        pooled = None
        if self.parse_pool is not None and feed.kind == "feed":
            pooled = self.parse_pool.parse(
                feed.id, result.content, result.final_url, result.content_type, now
            )
        if pooled is not None:
            parsed, final_url = pooled[0], result.final_url
        else:
            parsed, final_url = self.parse_stream(
                feed, result.content, result.final_url, result.content_type
            )
        if result.permanent_redirect:
            final_url = final_url if final_url != result.final_url else result.permanent_redirect
        with_ttl = replace(feed, ttl_minutes=parsed.ttl_minutes)
        next_at = self._next_time(with_ttl, now, 0, max_age=max_age)
        full = schedule.wants_full_article(
            feed.full_article,
            kind=parsed.kind,
            has_rule=self.rules.for_url(final_url) is not None
            or any(self.rules.for_url(e.url) for e in parsed.entries[:1]),
            feed_carries_articles=schedule.carries_articles(
                [len(e.content_html) for e in parsed.entries]
            ),
        )
        feed_only = not (full and self.full_articles)
        # Sanitized here (or in a parse worker), beside the single writer, not inside it.
        if pooled is not None and final_url == result.final_url:
            prepared = pooled[1].for_feed_only(feed_only)
        else:
            prepared = ingest.prepare(feed.id, parsed.entries, base=final_url, now=now,
                                      feed_only=feed_only)  # fmt: skip

        def finish(written: tuple[list[int], int]) -> _FeedOutcome:
            new_ids, updated = written
            res = UpdateResult(feed.id, final_url, new=len(new_ids), updated=updated)
            return _FeedOutcome(res, new_ids, full)

        return self._write(
            lambda: storage.apply_feed(
                feed.id,
                parsed,
                now=now,
                next_fetch_at=next_at,
                etag=result.etag if final_url == result.final_url else None,
                last_modified=result.last_modified if final_url == result.final_url else None,
                url=final_url if final_url != feed.url else None,
                body_hash=digest if final_url == result.final_url else None,
                feed_only=feed_only,
                prepared=prepared,
            ),
            finish,
        )

    def parse_stream(
        self, feed: FeedState, content: bytes, url: str, content_type: str
    ) -> tuple[ParsedFeed, str]:
        """Parse per the feed's kind; an "auto" stream becomes a feed or an index page."""
        from newsreader.core.feeds import parse

        if feed.kind == "index":
            return self._parse_index(content, url), url
        try:
            return parse.parse_feed(content, url, content_type=content_type), url
        except NotAFeedError as exc:
            if feed.kind == "feed":
                raise _not_a_feed(exc, content, url) from None
        from newsreader.core.feeds.index_page import discover_feed_links

        links = discover_feed_links(content, url)
        for link in links[:3]:
            try:
                found = self._get(link)
                return parse.parse_feed(found.content, found.final_url), found.final_url
            except (FetchError, ParseError) as exc:
                log.info("discovered feed %s failed: %s", link, exc)
        return self._parse_index(content, url), url

    def _parse_index(self, content: bytes, url: str) -> ParsedFeed:
        from newsreader.core.feeds.index_page import parse_index

        rule = self.rules.for_url(url)
        return parse_index(content, url, article_url=rule.article_url if rule else "")

    def _next_time(
        self,
        feed: FeedState,
        now: float,
        error_count: int,
        retry: float | None = None,
        *,
        max_age: float | None = None,
    ) -> float:
        return schedule.next_fetch_time(
            now,
            interval_minutes=feed.interval_minutes,
            default_minutes=self.default_interval,
            ttl_minutes=feed.ttl_minutes,
            error_count=error_count,
            retry_after_s=retry,
            max_age_s=max_age,
        )

    def _record_error(self, feed: FeedState, exc: FeedError) -> _Written:
        now = self.clock()
        count = feed.error_count + 1
        headers = getattr(exc, "headers", None) or {}
        retry = schedule.parse_retry_after(headers.get("retry-after"), now)
        message = exc.message
        if isinstance(exc, NotAFeedError):
            message += "; subscribe to the site's address to find its feed"
        gone = isinstance(exc, FetchError) and exc.status == 410
        if gone:  # the site says the feed is gone for good: stop polling, keep its articles
            message = f"{message}: the site removed this feed; updates are paused"
        log.info("feed %s failed: %s", feed.url, message)
        failed = _FeedOutcome(UpdateResult(feed.id, feed.url, error=message), [], False)
        return self._write(
            lambda: storage.record_feed_error(
                feed.id,
                message,
                now=now,
                next_fetch_at=self._next_time(feed, now, count, retry),
                error_count=count,
                paused=gone,
            ),
            lambda _: failed,
        )

    # -- stage 2: articles ----------------------------------------------------------------
    def update_articles(
        self,
        pending: Sequence[PendingArticle],
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> int:
        """Fetch, extract and store each pending article. Returns how many were stored."""
        stored = 0
        with ThreadPoolExecutor(self.workers, thread_name_prefix="newsreader-article") as pool:
            futures = [pool.submit(self._article_one, item, cancel) for item in pending]
            for done, was_stored in enumerate(_in_order(pool, futures, _identity), 1):
                if was_stored:
                    stored += 1
                if progress is not None:
                    progress(Progress(done, len(pending), "articles", pending[done - 1].url))
        return stored

    def _article_one(self, item: PendingArticle, cancel: threading.Event | None) -> bool:
        if cancel is not None and cancel.is_set():
            return False
        self.fetch_article(item)
        return True

    def fetch_article(self, item: PendingArticle) -> None:
        """Fetch (or take from the page cache), extract and store one article with its images."""
        from newsreader.core.extract.article import extract_article

        page = self.writer.call(storage.load_page, item.url)
        note = ""
        if page is None:
            try:
                result = self._get(item.url, max_bytes=MAX_PAGE_BYTES)
                self.writer.call(storage.store_page, result, self.clock())
                page = (result.content, result.content_type)
            except FeedError as exc:
                note = f"page could not be fetched: {exc.message}"
        content, content_type = page if page is not None else (b"", "")
        article = extract_article(
            content,
            item.url,
            rules=self.rules,
            content_type=content_type,
            summary_html=item.summary_html,
            feed_title=item.feed_title,
        )
        if note:
            article = replace(article, note=note if not article.note else f"{note}; {article.note}")
        self.writer.call(lambda: storage.store_article(item.entry_id, article, now=self.clock()))
        self.fetch_images(article.images)

    def fetch_images(self, urls: Iterable[str]) -> None:
        from newsreader.core.storage.records import ImageRecord

        for url in urls:
            with self._lock:
                if url in self._images_seen:
                    continue
                self._images_seen.add(url)
            if ImageRecord.select().where(ImageRecord.url == url).exists():
                continue
            self._fetch_image(url)

    def _fetch_image(self, url: str) -> None:
        sha = path = mime = error = ""
        size = 0
        try:
            data = self._get(url, max_bytes=MAX_IMAGE_BYTES).content
            sha, path, mime = self.images.save(data)
            size = len(data)
        except FeedError as exc:
            error = exc.message
        except ValueError as exc:  # not an image (an HTML error page, say)
            error = str(exc)
        except OSError as exc:
            error = f"could not save the image: {exc}"
        if error:
            log.info("image %s not cached: %s", url, error)
        self.writer.call(
            lambda: storage.store_image(
                url, sha256=sha, path=path, mime=mime, size=size, error=error, now=self.clock()
            )
        )
