"""Applying changed settings to a running library.

The Settings dialog saves; these helpers make the change count at once where it can: a new
proxy gets a new HTTP client, a shorter default interval brings the next checks closer, a
smaller image budget evicts now. The language applies after a restart (the UI says so).
"""

from __future__ import annotations

from pathlib import Path

from newsreader.core.net.fetch import Fetcher
from newsreader.core.settings import Settings, effective_proxy, save_settings, validate
from newsreader.core.storage.records import FeedRecord

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
