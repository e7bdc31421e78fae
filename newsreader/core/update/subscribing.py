"""Subscribing to an address: its first fetch decides what it is (a feed, a site that names its
feed, or an index page of articles), and what that fetch brought is stored at once, the way a
refresh stores a feed (``Updater.store``).

One fetch: the articles are there as soon as the subscription is, and the response's
validators are kept, so the feed's first refresh is a conditional GET that usually gets a 304.
The pages of the articles are left to that refresh, due at once (``pages.await_pages``):
subscribing waits for one request, not for every article's.
"""

from __future__ import annotations

from dataclasses import replace

from newsreader.core.errors import FeedExistsError
from newsreader.core.storage import pages
from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import FeedRecord
from newsreader.core.update.pipeline import FeedState, Updater
from newsreader.core.update.subscriptions import check_url


def subscribe(
    updater: Updater, url: str, *, folder: str = "", full_article: bool | None = None
) -> int:
    """Subscribe to a feed URL or a site URL (autodiscovery, else its index page) and store
    its articles. Network. Returns the feed's id.

    Nothing is stored unless the address yields articles. Raises InvalidURLError,
    FeedExistsError, FetchError, ParseError.
    """
    url = check_url(url)
    _refuse_subscribed(url)
    result = updater.fetcher.get(url)
    parsed, source = updater.parse(result, "auto")
    final_url = source.final_url
    if final_url != url:
        _refuse_subscribed(final_url)
    now = updater.clock()
    feed_id = updater.writer.call(
        lambda: storage.insert_feed(
            final_url,
            now=now,
            kind=parsed.kind,
            title=parsed.title,
            site_url=parsed.site_url,
            folder=folder,
            full_article=full_article,
        )
    )
    # A feed subscribed to again keeps its settings, but not the digest of its last body:
    # the same body must be stored anew, not taken as unchanged.
    feed = replace(FeedState.of(FeedRecord.get_by_id(feed_id)), body_hash=None)
    new_ids, wants_pages = updater.store(feed, source, parsed)
    updater.writer.call(_leave_pages, feed_id, new_ids if wants_pages else [])
    return feed_id


def _leave_pages(feed_id: int, entry_ids: list[int]) -> None:
    """Leave the pages of the articles stored to the feed's first refresh, due at once (as a
    feed subscribed to is): the scheduler fetches them even if no refresh is asked for."""
    pages.await_pages(feed_id, entry_ids)
    if entry_ids:
        storage.update_feed(feed_id, {"next_fetch_at": 0.0})


def _refuse_subscribed(url: str) -> None:
    if FeedRecord.select().where((FeedRecord.url == url) & ~FeedRecord.removed).exists():
        raise FeedExistsError(url, "already subscribed")
