"""What the facade's parts share: the attributes and reads ``Library`` provides to its mixins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from newsreader.core.extract.site_rules import RuleSet
from newsreader.core.net.fetch import FetcherProtocol
from newsreader.core.settings import Settings
from newsreader.core.storage.image_store import ImageStore
from newsreader.core.storage.writer import Writer
from newsreader.core.types import EntrySummary, Feed, View


class LibraryBase:
    """Declares what Library sets up for ArchiveMixin, SearchMixin and RefreshMixin."""

    data_dir: Path
    settings: Settings
    clock: Callable[[], float]
    fetcher: FetcherProtocol
    rules: RuleSet
    writer: Writer
    images: ImageStore
    _refresh_lock: threading.Lock
    related_per_refresh: int
    recheck_per_refresh: int
    parse_in_processes: bool

    def feeds(self) -> list[Feed]:
        raise NotImplementedError

    def entries(self, *, view: View = "all") -> list[EntrySummary]:
        raise NotImplementedError

    def _today_start(self) -> float:
        raise NotImplementedError

    def _clean_up_if_due(self) -> None:
        raise NotImplementedError
