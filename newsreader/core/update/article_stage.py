"""Stage 2 of a refresh: the pages of the new articles fetched, extracted and stored with their
images. Story re-checks (recheck.py) and related articles (related_prefetch.py) fetch their
pages through here too, within the same host limits and time budget.

The time budget: a refresh given a deadline (on the injected clock) starts no page fetch after
it; an article not fetched in time is not stored, so it stays pending (``pages.await_pages``)
and a later refresh fetches it. Pages already underway finish, bounded by their own timeout,
and so do the images of the articles stored.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from newsreader.core.errors import FeedError
from newsreader.core.net.address import is_fetchable
from newsreader.core.storage import pages
from newsreader.core.storage import writes as storage
from newsreader.core.storage.image_store import MAX_IMAGE_BYTES
from newsreader.core.types import FetchResult, Progress
from newsreader.core.update.batch import in_order

if TYPE_CHECKING:
    from newsreader.core.update.pipeline import Updater

log = logging.getLogger(__name__)

MAX_PAGE_BYTES = 5 * 1024 * 1024
_T = TypeVar("_T")


@dataclass(frozen=True)
class PendingArticle:
    entry_id: int
    url: str
    summary_html: str
    feed_title: str
    feed_id: int = 0


def _identity(value: _T) -> _T:
    return value


class ArticleStage:
    """The article pages of one refresh (or of one related article opened by hand).

    Attributes:
        updater: the refresh's pipeline: its fetcher, writer, rules, clock and host limits.
        deadline: on ``updater.clock``, the time after which no page fetch starts; None for
            no limit.
    """

    def __init__(self, updater: Updater, *, deadline: float | None = None) -> None:
        self.updater = updater
        self.writer = updater.writer
        self.rules = updater.rules
        self.clock = updater.clock
        self.workers = updater.workers
        self.deadline = deadline
        self._lock = threading.Lock()
        self._images_seen: set[str] = set()

    def out_of_time(self) -> bool:
        return self.deadline is not None and self.clock() >= self.deadline

    def get_page(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult | None:
        """GET an article page within the host limits; with validators it is conditional
        (story updates re-check kept pages). None once the time budget is spent: nothing was
        asked. Raises FeedError subclasses."""
        with self.updater.host_slot(url):
            # Checked with the slot held: a fetch waiting for its host does not start late.
            if self.out_of_time():
                return None
            return self.updater.fetcher.get(
                url, etag=etag, last_modified=last_modified, max_bytes=MAX_PAGE_BYTES
            )

    def update_articles(
        self,
        pending: Sequence[PendingArticle],
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> list[PendingArticle]:
        """Fetch, extract and store each pending article, in order. Returns those stored: not
        those a cancel or the time budget left out."""
        stored: list[PendingArticle] = []
        with ThreadPoolExecutor(self.workers, thread_name_prefix="newsreader-article") as pool:
            futures = [pool.submit(self._article_one, item, cancel) for item in pending]
            for done, was_stored in enumerate(in_order(pool, futures, _identity), 1):
                if was_stored:
                    stored.append(pending[done - 1])
                if progress is not None:
                    progress(Progress(done, len(pending), "articles", pending[done - 1].url))
        return stored

    def _article_one(self, item: PendingArticle, cancel: threading.Event | None) -> bool:
        if cancel is not None and cancel.is_set():
            return False
        return self.fetch_article(item)

    def fetch_article(self, item: PendingArticle) -> bool:
        """Fetch (or take from the page cache), extract and store one article with its images.
        False if the time budget was spent before its page was asked for: nothing stored."""
        from newsreader.core.extract.article import extract_article

        page = pages.load_page(item.url)  # a read: this thread's own connection
        note = ""
        if page is None:
            try:
                result = self.get_page(item.url)
                if result is None:
                    return False
                self.writer.call(pages.store_page, result, self.clock())
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
        return True

    def fetch_images(self, urls: Iterable[str]) -> None:
        from newsreader.core.storage.records import ImageRecord

        for url in urls:
            if not is_fetchable(url):
                log.info("image %s not cached: not a valid web address", url)
                continue
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
            data = self.updater.get(url, max_bytes=MAX_IMAGE_BYTES).content
            sha, path, mime = self.updater.images.save(data)
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
