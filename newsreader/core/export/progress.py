"""Progress and cancellation of an export, kept free of heavy imports so the GUI can
name them without loading the export machinery at startup."""

from __future__ import annotations

import threading
from collections.abc import Callable

from newsreader.core.errors import ExportCancelledError

# done, total: called after each article (from the exporting thread).
ProgressCallback = Callable[[int, int], None]


class Steps:
    """Progress and cancellation of one export: ``advance()`` after each article."""

    def __init__(
        self,
        total: int,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.total = total
        self.done = 0
        self._progress = progress
        self._cancel = cancel

    def check(self) -> None:
        """Raise ExportCancelledError if the reader asked to stop."""
        if self._cancel is not None and self._cancel.is_set():
            raise ExportCancelledError("export cancelled")

    def start(self) -> None:
        self.check()
        if self._progress is not None:
            self._progress(0, self.total)

    def advance(self) -> None:
        self.done += 1
        if self._progress is not None:
            self._progress(self.done, self.total)
        self.check()
