"""The image cache's disk budget: evict the least recently read images.

Images are stored once per content (``images.ImageStore``); several image URLs, and several
articles, may share one file. The budget counts each file once, from ``ImageRecord.size``.
When the store is over budget, files are evicted in the order they were last read: the latest
``last_used_at`` of the records sharing the file (set by ``touch_images`` when an article is
read), else when the image was fetched. A file linked to a starred article is never evicted.

An evicted image keeps its record with ``path = ""`` and ``error = "evicted"``, so a refresh
does not download it again every time (it is still linked to its old article, which then shows
the alt text in its place). ``forget_evicted`` drops those records for the given URLs, so that
an explicit re-fetch or re-extraction of an article downloads its pictures again.

Every function here writes and must run as a ``Writer`` job (one transaction).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.core.storage.image_store import ImageStore
from newsreader.core.storage.records import EntryImageRecord, EntryRecord, ImageRecord

if TYPE_CHECKING:
    from newsreader.core.storage.writer import Writer

log = logging.getLogger(__name__)

EVICTED = "evicted"
_BATCH = 500


@dataclass(frozen=True)
class EvictionReport:
    """What one ``enforce_budget`` pass did; sizes in bytes."""

    total_before: int
    total_after: int
    evicted_files: int
    evicted_bytes: int
    protected_bytes: int  # kept although over budget: images of starred articles


@dataclass
class _CachedFile:
    """One stored file and every image record pointing at it."""

    path: str
    size: int
    last_read: float
    record_ids: list[int]
    protected: bool = False


def enforce_budget(store: ImageStore, budget_bytes: int) -> EvictionReport:
    """Evict the least recently read unprotected files until the store fits ``budget_bytes``.

    A file is deleted first, then its records are marked evicted; a file that cannot be
    deleted (permissions, say) is left and kept in its records, so records and files agree.
    """
    files = _cached_files()
    total = sum(f.size for f in files)
    if total <= budget_bytes:
        return EvictionReport(total, total, 0, 0, 0)
    _mark_protected(files)
    excess = total - budget_bytes
    evicted: list[_CachedFile] = []
    for cached in sorted(files, key=lambda f: (f.last_read, f.path)):
        if excess <= 0:
            break
        if cached.protected or not _delete(store, cached.path):
            continue
        evicted.append(cached)
        excess -= cached.size
    _mark_evicted([i for f in evicted for i in f.record_ids])
    freed = sum(f.size for f in evicted)
    protected = sum(f.size for f in files if f.protected)
    if excess > 0:
        log.info("image cache still %d bytes over budget (starred articles' images kept)", excess)
    log.info("image cache: evicted %d files, %d bytes", len(evicted), freed)
    return EvictionReport(total, total - freed, len(evicted), freed, protected)


def _cached_files() -> list[_CachedFile]:
    """Stored files, each once, with the latest read time over the records sharing it."""
    files: dict[str, _CachedFile] = {}
    query = ImageRecord.select(
        ImageRecord.id,
        ImageRecord.path,
        ImageRecord.size,
        ImageRecord.last_used_at,
        ImageRecord.fetched_at,
    ).where(ImageRecord.path != "")
    for rec in query:
        path, size = str(rec.path), int(rec.size or 0)
        read = float(rec.last_used_at if rec.last_used_at is not None else rec.fetched_at)
        cached = files.get(path)
        if cached is None:
            files[path] = _CachedFile(path, size, read, [int(rec.id)])
        else:
            cached.last_read = max(cached.last_read, read)
            cached.size = max(cached.size, size)
            cached.record_ids.append(int(rec.id))
    return list(files.values())


def _mark_protected(files: list[_CachedFile]) -> None:
    """Files of an image linked to a starred article (through any of their URLs)."""
    starred_urls = (
        EntryImageRecord.select(EntryImageRecord.url)
        .join(EntryRecord)
        .where(EntryRecord.starred == True)  # noqa: E712
    )
    paths = {
        str(rec.path)
        for rec in ImageRecord.select(ImageRecord.path).where(
            (ImageRecord.path != "") & ImageRecord.url.in_(starred_urls)
        )
    }
    for cached in files:
        cached.protected = cached.path in paths


def _delete(store: ImageStore, relative: str) -> bool:
    """Remove one file; True when it is gone (also when it already was)."""
    try:
        store.path(relative).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not evict image %s: %s", relative, exc)
        return False
    return True


def _mark_evicted(record_ids: Sequence[int]) -> None:
    for start in range(0, len(record_ids), _BATCH):
        chunk = list(record_ids[start : start + _BATCH])
        ImageRecord.update(path="", error=EVICTED).where(ImageRecord.id.in_(chunk)).execute()


def touch_images(entry_ids: Iterable[int], *, now: float) -> int:
    """Mark the images of these articles as read now. Returns how many records changed."""
    ids = list(entry_ids)
    changed = 0
    for start in range(0, len(ids), _BATCH):
        urls = EntryImageRecord.select(EntryImageRecord.url).where(
            EntryImageRecord.entry.in_(ids[start : start + _BATCH])
        )
        changed += int(
            ImageRecord.update(last_used_at=now).where(ImageRecord.url.in_(urls)).execute()
        )
    return changed


def touch_images_later(writer: Writer, entry_ids: list[int], *, now: float) -> None:
    """Queue ``touch_images`` on the writer without waiting for it: safe on the GUI thread. A
    failure is only logged; the images then merely look less recently read to the eviction."""
    future = writer.submit(touch_images, entry_ids, now=now)
    future.add_done_callback(_log_touch_failure)


def _log_touch_failure(future: Future[int]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.warning("could not note images as read: %s", future.exception())


def forget_evicted(urls: Iterable[str]) -> int:
    """Drop the records of evicted images among ``urls`` so the next fetch downloads them."""
    wanted = list(dict.fromkeys(urls))
    gone = 0
    for start in range(0, len(wanted), _BATCH):
        gone += int(
            ImageRecord.delete()
            .where(
                ImageRecord.url.in_(wanted[start : start + _BATCH]) & (ImageRecord.error == EVICTED)
            )
            .execute()
        )
    return gone
