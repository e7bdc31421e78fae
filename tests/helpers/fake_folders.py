"""The folder and settings side of FakeLibrary, as a mixin.

Behaves as storage/folders.py and Library.apply_settings do (their own tests are in tests/core).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.core import paths
from newsreader.core.settings import Settings
from newsreader.core.types import Feed
from newsreader.core.update.preferences import check_and_save


class FakeFolders:
    """Needs ``_feeds``, ``_lock``, ``_log``, ``data_dir`` and ``settings`` of FakeLibrary."""

    _feeds: dict[int, Feed]
    _lock: threading.RLock
    data_dir: Path
    settings: Settings
    _empty_folders: set[str]

    if TYPE_CHECKING:

        def _log(self, name: str, *args: object) -> None: ...

    def folders(self) -> list[str]:
        with self._lock:
            names = {f.folder for f in self._feeds.values() if f.folder} | self._empty_folders
        return sorted(names, key=str.casefold)

    # Folders as core/storage/folders.py keeps them (its own tests: tests/core/test_folders.py).
    def create_folder(self, name: str) -> str:
        self._log("create_folder", name)
        if not name.strip() or name.strip() in self.folders():
            raise ValueError(f"cannot make a folder “{name}”")
        with self._lock:
            self._empty_folders.add(name.strip())
        return name.strip()

    def rename_folder(self, old: str, new: str) -> int:
        self._log("rename_folder", old, new)
        return self._refolder(old, new.strip())

    def delete_folder(self, name: str) -> int:
        self._log("delete_folder", name)
        return self._refolder(name, "")

    def _refolder(self, old: str, new: str) -> int:
        if old not in self.folders():
            raise ValueError(f"there is no folder “{old}”")
        with self._lock:
            ids = [fid for fid, f in self._feeds.items() if f.folder == old]
            for fid in ids:
                self._feeds[fid] = dataclasses.replace(self._feeds[fid], folder=new)
            self._empty_folders.discard(old)
            if new and not ids:
                self._empty_folders.add(new)
        return len(ids)

    def move_feeds(self, feed_ids: Sequence[int], folder: str) -> int:
        self._log("move_feeds", tuple(feed_ids), folder)
        with self._lock:
            before = set(self.folders())
            for fid in feed_ids:
                self._feeds[fid] = dataclasses.replace(self._feeds[fid], folder=folder)
            self._empty_folders |= before - {f.folder for f in self._feeds.values()}
            self._empty_folders.discard(folder)
            self._empty_folders.discard("")
        return len(feed_ids)

    def apply_settings(self, settings: Settings) -> None:
        """As the library's: ValueError for a bad value, else saved and in use."""
        self._log("apply_settings", settings)
        check_and_save(settings, paths.settings_path(self.data_dir))
        self.settings = settings
