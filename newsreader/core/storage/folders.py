"""Folders of the feed list: create, rename, delete.

A folder is the ``folder`` text of its feeds; one with no feed yet (just created, or emptied
by moving its feeds out) is kept in the meta table so it stays in the list until deleted.
Folders are one level deep, as in QuiteRSS's and NetNewsWire's usual use.

The write functions run on the writer thread (``Writer.call``); ``list_folders`` reads.
"""

from __future__ import annotations

import json
import logging

from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import FeedRecord

log = logging.getLogger(__name__)

_EMPTY_KEY = "empty_folders"  # meta key: JSON list of folders that have no feed
MAX_NAME = 200


def check_name(name: str) -> str:
    """The folder name as stored (trimmed); ValueError if it cannot be one."""
    name = " ".join(name.split())  # a tab or newline from a paste would make two folders
    if not name:
        raise ValueError("a folder needs a name")
    if len(name) > MAX_NAME:
        raise ValueError(f"a folder name may have at most {MAX_NAME} characters")
    return name


def _feed_folders() -> set[str]:
    live = FeedRecord.removed == False  # noqa: E712
    rows = FeedRecord.select(FeedRecord.folder).distinct().where(live & (FeedRecord.folder != ""))
    return {str(rec.folder) for rec in rows}


def _empty_folders() -> list[str]:
    raw = storage.get_meta(_EMPTY_KEY)
    if not raw:
        return []
    try:
        names = json.loads(raw)
    except json.JSONDecodeError:
        log.warning("folders: the list of empty folders is unreadable; starting a new one")
        return []
    return [n for n in names if isinstance(n, str) and n] if isinstance(names, list) else []


def _save_empty(names: set[str]) -> None:
    storage.set_meta(_EMPTY_KEY, json.dumps(sorted(names), ensure_ascii=False))


def list_folders() -> list[str]:
    """Every folder, with feeds or not, sorted without regard to case."""
    return sorted(_feed_folders() | set(_empty_folders()), key=lambda n: (n.casefold(), n))


def create_folder(name: str) -> str:
    """Add an empty folder; returns its stored name. ValueError if it exists or is unnamed."""
    name = check_name(name)
    if name in list_folders():
        raise ValueError(f"there is already a folder “{name}”")
    _save_empty({*_empty_folders(), name})
    return name


def rename_folder(old: str, new: str) -> int:
    """Rename a folder (merging into ``new`` if that exists); returns the feeds moved.

    ValueError if ``old`` is not a folder or ``new`` is no name.
    """
    new = check_name(new)
    if old not in list_folders():
        raise ValueError(f"there is no folder “{old}”")
    moved = FeedRecord.update(folder=new).where(FeedRecord.folder == old).execute()
    empty = set(_empty_folders())
    if old in empty:
        empty.discard(old)
        if not moved:
            empty.add(new)
    _save_empty(empty - _feed_folders())
    return int(moved)


def delete_folder(name: str) -> int:
    """Remove a folder; its feeds move to the top level (none is unsubscribed). Returns
    how many moved. ValueError if there is no such folder."""
    if name not in list_folders():
        raise ValueError(f"there is no folder “{name}”")
    moved = FeedRecord.update(folder="").where(FeedRecord.folder == name).execute()
    _save_empty(set(_empty_folders()) - {name})
    return int(moved)


def move_feeds(feed_ids: list[int], folder: str) -> int:
    """Put feeds into ``folder`` ("" for the top level); returns how many changed. A folder
    left without feeds stays, as an empty one, until deleted."""
    target = check_name(folder) if folder else ""
    before = _feed_folders()
    changed = FeedRecord.update(folder=target).where(FeedRecord.id.in_(feed_ids)).execute()
    after = _feed_folders()
    empty = (set(_empty_folders()) | (before - after)) - after
    _save_empty(empty - {target} if target else empty)
    return int(changed)
