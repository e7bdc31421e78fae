"""What the facade's parts share: the attributes and reads ``Library`` provides to its mixins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Literal

from .images import ImageStore
from .settings import Settings
from .types import EntrySummary, Feed
from .writer import Writer

View = Literal["all", "unread", "starred", "today"]


class LibraryBase:
    """Declares what Library sets up for ArchiveMixin and SearchMixin."""

    settings: Settings
    clock: Callable[[], float]
    writer: Writer
    images: ImageStore
    _refresh_lock: threading.Lock

    def feeds(self) -> list[Feed]:
        raise NotImplementedError

    def entries(self, *, view: View = "all") -> list[EntrySummary]:
        raise NotImplementedError

    def _today_start(self) -> float:
        raise NotImplementedError
