"""What tests and benchmarks do to a real ``Library`` that neither the window nor the command
line does: subscribe without fetching, count or list search results, list the starred, ...

Each works on the library's collaborators (its writer, clock, storage) the way the library's
own methods do, so a test sees the same behaviour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.core.search import find, index
from newsreader.core.storage import image_cache
from newsreader.core.storage import writes as storage
from newsreader.core.update.subscriptions import check_url

if TYPE_CHECKING:
    from newsreader.core.library import Library
    from newsreader.core.search.find import Order
    from newsreader.core.types import EntrySummary, FeedKind, View


def add_feed_unchecked(
    lib: Library,
    url: str,
    *,
    title: str = "",
    folder: str = "",
    kind: FeedKind = "auto",
    full_article: bool | None = None,
    builtin: bool = False,
) -> int:
    """Store a subscription without fetching it; returns its id. InvalidURLError for a URL
    that is not http(s), FeedExistsError if subscribed already."""
    url = check_url(url)
    now = lib.clock()
    return lib.writer.call(
        lambda: storage.insert_feed(
            url, now=now, kind=kind, title=title, folder=folder, full_article=full_article,
            builtin=builtin,
        )
    )  # fmt: skip


def search_count(
    lib: Library, query: str, *, feed_id: int | None = None, view: View = "all"
) -> int:
    """How many articles ``lib.search`` finds in all."""
    index.catch_up(lib.writer)
    return find.count(query, today_start=lib._today_start(), feed_id=feed_id, view=view)


def search_entries(
    lib: Library, search_id: int, *, limit: int = 200, offset: int = 0, view: View = "all",
    order: Order = "newest",
) -> list[EntrySummary]:  # fmt: skip
    """The articles of a saved search, newest first. SavedSearchNotFoundError for a wrong id."""
    saved = find.get_saved(search_id)
    return lib.search(saved.query, limit=limit, offset=offset, view=view, order=order)


def starred_ids(lib: Library) -> list[int]:
    return [e.id for e in lib.entries(view="starred")]


def mark_all_read(
    lib: Library, *, feed_id: int | None = None, folder: str | None = None, view: View = "all"
) -> int:
    """Mark what a feed, folder or view lists read; returns how many were marked."""
    return len(lib.mark_all_read_undoable(feed_id=feed_id, folder=folder, view=view))


def touch_images(lib: Library, entry_id: int) -> None:
    """Note that an article's images were seen now, as opening it does (queued, not waited)."""
    image_cache.touch_images_later(lib.writer, [entry_id], now=lib.clock())
