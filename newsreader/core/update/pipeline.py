"""The refresh pipeline's first stage: fetch and parse feeds in parallel, write each feed in one
transaction. The second, the new articles' pages and images, is article_stage.py's.

Decisions live in ``schedule``, parsing in ``feeds.document``, preparing and inserting rows in
``storage.ingest``; this module only orchestrates. A subscription stores what it fetched
through here too (``Updater.store``). A feed's failure is returned in its result and stored on
the feed; it never aborts the batch. A StorageError (a full disk fails every feed alike) or a
bug stops the batch and is raised once (``batch.in_order``).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from newsreader.core.errors import FeedError, FetchError, NotAFeedError
from newsreader.core.extract.site_rules import RuleSet
from newsreader.core.feeds.document import parse_document
from newsreader.core.net.failures import parse_retry_after
from newsreader.core.net.fetch import FetcherProtocol
from newsreader.core.storage import ingest, pages
from newsreader.core.storage import writes as storage
from newsreader.core.storage.image_store import ImageStore
from newsreader.core.storage.writer import Writer
from newsreader.core.types import FetchResult, ParsedFeed, Progress, UpdateResult
from newsreader.core.update import schedule
from newsreader.core.update.batch import in_order

if TYPE_CHECKING:
    from newsreader.core.storage.ingest import Prepared
    from newsreader.core.storage.records import FeedRecord
    from newsreader.core.update.parse_pool import ParsePool

log = logging.getLogger(__name__)

_T = TypeVar("_T")
# Feed writes queued and not yet done: fetch threads go on to the next feed without waiting
# for theirs, and this bounds what the queue holds.
_PENDING_WRITES = 64


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

    @classmethod
    def of(cls, rec: FeedRecord) -> FeedState:
        return cls(rec.id, rec.url, rec.kind, rec.title, rec.etag, rec.last_modified,
                   rec.interval_minutes, rec.ttl_minutes, rec.error_count, rec.full_article,
                   rec.body_hash)  # fmt: skip


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
        # Articles awaiting their page (a subscription's, or left over): one read in all.
        awaited = pages.awaited_pages() if self.full_articles else {}
        with ThreadPoolExecutor(self.workers, thread_name_prefix="newsreader-fetch") as pool:
            futures = [
                pool.submit(self._update_one, feed, cancel, awaited.get(feed.id, []))
                for feed in feeds
            ]
            for outcome in in_order(pool, futures, _outcome):
                done += 1
                if outcome is None:
                    continue
                outcomes.append((outcome.result, outcome.new_ids, outcome.full_article))
                if progress is not None:
                    progress(Progress(done, len(feeds), "feeds", outcome.result.url))
        return outcomes

    def host_slot(self, url: str) -> threading.Semaphore:
        """The slot a request to ``url``'s host holds: at most ``per_host`` at once."""
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:  # not a valid address: the fetcher refuses it, under any slot
            host = ""
        with self._lock:
            slot = self._host_limits.get(host)
            if slot is None:
                slot = self._host_limits[host] = threading.Semaphore(self._per_host)
            return slot

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET within the host limits. Raises FeedError subclasses."""
        with self.host_slot(url):
            return self.fetcher.get(
                url, etag=etag, last_modified=last_modified, max_bytes=max_bytes
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

    def _update_one(
        self, feed: FeedState, cancel: threading.Event | None, awaited: list[int]
    ) -> _Written | None:
        if cancel is not None and cancel.is_set():
            return None
        try:
            result = self.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
            return self._store(feed, result, awaited=awaited)
        except FeedError as exc:
            return self._record_error(feed, exc)

    def store(
        self, feed: FeedState, result: FetchResult, parsed: ParsedFeed
    ) -> tuple[list[int], bool]:
        """Store a feed fetched and parsed already (by a subscription) as a refresh stores it:
        the same rows, validators and next check. Waits for the write. Returns the new
        entries' ids and whether their pages are to be fetched."""
        outcome = self._store(feed, result, parsed).outcome()
        return outcome.new_ids, outcome.full_article and self.full_articles

    def _store(
        self,
        feed: FeedState,
        result: FetchResult,
        parsed: ParsedFeed | None = None,
        awaited: list[int] | None = None,
    ) -> _Written:
        """Queue the write of a fetched feed: a 304 or the same body again only notes the
        check; else the document is parsed (unless ``parsed`` is given: ``result`` is then
        the response it was read from) and its entries stored."""
        now = self.clock()
        max_age = schedule.parse_max_age(result.headers.get("cache-control"))
        digest = hashlib.sha1(result.content, usedforsecurity=False).hexdigest()
        # A server that ignores conditional GET resends the same bytes: as good as a 304.
        unchanged = (
            feed.kind in ("feed", "index")
            and digest == feed.body_hash
            and result.final_url == feed.url
        )
        if result.not_modified or unchanged:
            next_at = self._next_time(feed, now, error_count=0, max_age=max_age)
            return self._store_not_modified(feed, result, now, next_at, awaited)
        drafted: Prepared | None = None
        if parsed is None:
            parsed, source, drafted = self._parse(feed, result, now)
        else:
            source = result
        final_url = source.final_url
        if result.permanent_redirect:
            final_url = final_url if final_url != result.final_url else result.permanent_redirect
        with_ttl = replace(feed, ttl_minutes=parsed.ttl_minutes)
        next_at = self._next_time(with_ttl, now, 0, max_age=max_age)
        full = self._wants_full(feed, parsed, final_url)
        feed_only = not (full and self.full_articles)
        # Sanitized here (or in a parse worker), beside the single writer, not inside it.
        prepared = ingest.prepare(feed.id, parsed.entries, base=final_url, now=now,
                                  feed_only=feed_only, drafted=drafted)  # fmt: skip
        # Validators and digest are the fetched document's: of no use for another address.
        same_url = final_url == result.final_url

        def finish(written: tuple[list[int], int]) -> _FeedOutcome:
            new_ids, updated = written
            res = UpdateResult(feed.id, final_url, new=len(new_ids), updated=updated)
            return _FeedOutcome(res, new_ids, full)

        def write() -> tuple[list[int], int]:
            return storage.apply_feed(
                feed.id,
                parsed,
                now=now,
                next_fetch_at=next_at,
                etag=result.etag if same_url else None,
                last_modified=result.last_modified if same_url else None,
                url=final_url if final_url != feed.url else None,
                body_hash=digest if same_url else None,
                feed_only=feed_only,
                prepared=prepared,
            )

        return self._write(*self._with_awaited(feed, awaited, full, now, write, finish))

    def _store_not_modified(
        self,
        feed: FeedState,
        result: FetchResult,
        now: float,
        next_at: float,
        awaited: list[int] | None,
    ) -> _Written:
        same = _FeedOutcome(UpdateResult(feed.id, feed.url, not_modified=True), [], False)
        # No document to decide by: the feed's own setting decides for the articles awaiting
        # their page (as it wins in ``wants_full_article``).
        pages_wanted = feed.full_article is not False

        def write() -> None:
            etag, modified = result.etag, result.last_modified
            storage.record_not_modified(feed.id, now=now, next_fetch_at=next_at, etag=etag,
                                        last_modified=modified)  # fmt: skip

        return self._write(*self._with_awaited(feed, awaited, pages_wanted, now, write,
                                               lambda _: same))  # fmt: skip

    def _wants_full(self, feed: FeedState, parsed: ParsedFeed, final_url: str) -> bool:
        """Are the pages of this feed's articles to be fetched (``wants_full_article``)?"""
        return schedule.wants_full_article(
            feed.full_article,
            kind=parsed.kind,
            has_rule=self.rules.for_url(final_url) is not None
            or any(self.rules.for_url(e.url) for e in parsed.entries[:1]),
            feed_carries_articles=schedule.carries_articles(
                [len(e.content_html) for e in parsed.entries]
            ),
        )

    def _with_awaited(
        self,
        feed: FeedState,
        awaited: list[int] | None,
        pages_wanted: bool,
        now: float,
        write: Callable[[], _T],
        finish: Callable[[_T], _FeedOutcome],
    ) -> tuple[Callable[[], _T], Callable[[_T], _FeedOutcome]]:
        """The feed's write and outcome, taking the articles awaiting their page
        (``pages.await_pages``): their pages are fetched with the new articles' or, when the
        feed no longer wants pages, they keep what the feed carried."""
        if not awaited:
            return write, finish

        def write_and_take() -> _T:
            written = write()
            if not pages_wanted:
                ingest.keep_as_carried(awaited, now)
            pages.pages_taken(feed.id)
            return written

        def finish_with_pages(written: _T) -> _FeedOutcome:
            outcome = finish(written)
            if not pages_wanted:
                return outcome
            ids = list(dict.fromkeys([*awaited, *outcome.new_ids]))
            return _FeedOutcome(outcome.result, ids, True)

        return write_and_take, finish_with_pages

    def _parse(
        self, feed: FeedState, result: FetchResult, now: float
    ) -> tuple[ParsedFeed, FetchResult, Prepared | None]:
        """``parse``, in a parse worker when the refresh has them: there the new entries are
        drafted for the writer too. Not an "auto" stream: it may fetch the feed a page names."""
        if self.parse_pool is not None and feed.kind != "auto":
            article_url = self._article_url(feed.kind, result.final_url)
            pooled = self.parse_pool.parse(
                feed.id, result, kind=feed.kind, article_url=article_url, now=now
            )
            if pooled is not None:
                return pooled[0], result, pooled[1]
        parsed, source = self.parse(result, feed.kind)
        return parsed, source, None

    def parse(self, result: FetchResult, kind: str) -> tuple[ParsedFeed, FetchResult]:
        """Read a fetched document per the stream's kind (``feeds.document``): "auto" becomes
        a feed, a feed the page names, or an index page. Returns the feed and the response it
        was read from. Raises FeedError subclasses."""
        article_url = self._article_url(kind, result.final_url)
        return parse_document(result, kind=kind, article_url=article_url, fetch=self.get)

    def _article_url(self, kind: str, url: str) -> str:
        """The site rule's regex for the article links of an index page at ``url``."""
        if kind == "feed":
            return ""  # a feed is never read as an index page
        rule = self.rules.for_url(url)
        return rule.article_url if rule else ""

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
        retry = parse_retry_after(headers.get("retry-after"), now=now)
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
