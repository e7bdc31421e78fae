"""What the reader may send when something goes wrong: the version, the log file (rotated), and
where both live. Crash reports are in ``ui/crash_reports.py``."""

from __future__ import annotations

import logging
from importlib import metadata
from logging.handlers import RotatingFileHandler
from pathlib import Path

log = logging.getLogger(__name__)

LICENCE = "GPL-3.0-or-later"
LOG_NAME = "newsreader.log"
# A week of a busy reader's INFO lines fits one file; three old ones keep the days before a
# problem without the folder growing past 4 MB.
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3


def app_version() -> str:
    """The installed version; the source's when there is no installed metadata (a bundle, a
    checkout run in place)."""
    try:
        return metadata.version("newsreader")
    except metadata.PackageNotFoundError:
        from newsreader import __version__

        return __version__


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_NAME


class LogFile:
    """The window's log file in the data folder, rotated at ``max_bytes`` with ``backups`` old
    files kept. ``close`` undoes what opening did (tests open several in one process)."""

    def __init__(
        self, data_dir: Path, *, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS
    ) -> None:
        self.path = log_path(data_dir)
        self.handler: RotatingFileHandler | None = None
        self._levels: list[tuple[logging.Handler, int]] = []
        self._root_level = logging.NOTSET
        root = logging.getLogger()
        if any(getattr(h, "baseFilename", None) == str(self.path.absolute())
               for h in root.handlers):  # fmt: skip
            return  # already logging there
        try:
            self.handler = RotatingFileHandler(self.path, maxBytes=max_bytes,
                                               backupCount=backups, encoding="utf-8")  # fmt: skip
        except OSError as exc:  # a read-only folder: opening the library says what is wrong
            log.warning("no log file in %s: %s", data_dir, exc)
            return
        self.handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        self.handler.setLevel(logging.INFO)
        # The file wants INFO; a handler already there (the command line's stderr, at
        # WARNING unless -v) keeps showing what it showed.
        self._root_level = root.level
        shown = root.getEffectiveLevel()
        for handler in root.handlers:
            if handler.level == logging.NOTSET:
                self._levels.append((handler, handler.level))
                handler.setLevel(shown)
        root.setLevel(min(shown, logging.INFO))
        root.addHandler(self.handler)

    def close(self) -> None:
        if self.handler is None:
            return
        root = logging.getLogger()
        root.removeHandler(self.handler)
        self.handler.close()
        self.handler = None
        for handler, level in self._levels:
            handler.setLevel(level)
        root.setLevel(self._root_level)
