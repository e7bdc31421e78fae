"""Applying changed settings to a running library.

The Settings dialog saves; these helpers make the change count at once where it can: a new
proxy gets a new HTTP client, a shorter default interval brings the next checks closer, a
smaller image budget evicts now. The language applies after a restart (the UI says so).
"""

from __future__ import annotations

import logging
from pathlib import Path

from newsreader.core.errors import StorageError
from newsreader.core.net.fetch import Fetcher
from newsreader.core.settings import (
    Settings,
    effective_proxy,
    forget_moved,
    moved_settings,
    save_settings,
    validate,
)
from newsreader.core.storage import writes
from newsreader.core.storage.records import FeedRecord
from newsreader.core.storage.writer import Writer

log = logging.getLogger(__name__)

_NETWORK_FIELDS = ("proxy", "proxy_mode", "request_timeout_s", "max_connections")


def check_and_save(settings: Settings, path: Path) -> None:
    """Save ``settings``; ValueError naming every bad value, StorageError if unwritable."""
    problems = validate(settings)
    if problems:
        raise ValueError("; ".join(problems))
    save_settings(settings, path)


def make_fetcher(settings: Settings) -> Fetcher:
    """The HTTP client these settings ask for (proxy, timeout, connections)."""
    proxy, trust_env = effective_proxy(settings)
    return Fetcher(
        timeout=settings.request_timeout_s,
        proxy=proxy,
        trust_env=trust_env,
        max_connections=settings.max_connections * 2,
    )


def network_changed(old: Settings, new: Settings) -> bool:
    return any(getattr(old, name) != getattr(new, name) for name in _NETWORK_FIELDS)


def replan(old_minutes: int, new_minutes: int) -> int:
    """On the writer: with a shorter default interval, feeds that follow the default are
    checked that much sooner (a longer one applies from their next check). Returns how
    many feeds were moved."""
    if new_minutes >= old_minutes:
        return 0
    sooner = FeedRecord.last_fetched_at + new_minutes * 60
    follows_default = (
        FeedRecord.interval_minutes.is_null(True)
        & FeedRecord.last_fetched_at.is_null(False)
        & (FeedRecord.error_count == 0)  # a failing feed keeps its back-off
        & (FeedRecord.next_fetch_at > sooner)
    )
    return int(FeedRecord.update(next_fetch_at=sooner).where(follows_default).execute())


# Set in the database once the opt-ins of an older settings file are on the feeds: should
# the file keep its list (it could not be rewritten), a later opening must not opt a feed in
# again after the reader opted out.
_MOVED_KEY = "settings_moved_to_feeds"


def carry_over(writer: Writer, path: Path) -> int:
    """Put the notices an older settings file at ``path`` chose per feed (``notify_feeds``)
    on the feeds, then drop the list from the file: the database first, so an opening cut
    short between the two finishes the move the next time. Returns the feeds opted in."""
    moved = moved_settings(path)
    if not moved:
        return 0
    ids = moved.get("notify_feeds")
    wanted = [i for i in ids if type(i) is int] if isinstance(ids, list) else []
    if not isinstance(ids, list) or len(wanted) != len(ids):
        log.warning("settings: notify_feeds holds more than feed ids: %r; those kept", ids)
    try:
        written = path.stat().st_mtime + 2  # FAT keeps times to 2 s
    except OSError:  # gone meanwhile: nothing tells the feeds apart, all listed count
        written = float("inf")
    opted = writer.call(_opt_in, wanted, written)
    try:
        forget_moved(path)
    except StorageError as exc:  # the reader starts all the same; the marker keeps it done
        log.warning("settings: %s", exc)
    log.info("settings: notices of %d feeds moved from %s to the library", opted, path.name)
    return opted


def _opt_in(feed_ids: list[int], written: float) -> int:
    """On the writer, once: notices on for the listed feeds subscribed when the list was last
    written. A feed added later never asked: it took the id of a removed feed (SQLite gives
    the highest id again once that row is gone), which the list kept."""
    if writes.get_meta(_MOVED_KEY) is not None:
        return 0
    asked = FeedRecord.id.in_(feed_ids) & ~FeedRecord.removed & (FeedRecord.added_at <= written)
    opted = int(FeedRecord.update(notify=True).where(asked).execute()) if feed_ids else 0
    writes.set_meta(_MOVED_KEY, "notify_feeds")
    return opted
