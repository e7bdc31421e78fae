"""Crash reports: what an unexpected error leaves in ``<data folder>/crash-reports/``, and the
next launch's offer to open it.

A report holds the traceback, the version, the platform and the time: what a bug report needs
and nothing of the reader's library. The traceback quotes our source lines, and the error's
message, which may quote a value: each line is cut at ``_LINE_CAP`` characters so that an
article's text cannot end up in a file the reader is asked to send. Once the reader has
answered the offer (opened the report, or closed the message), it is not offered again; the
newest ``_KEEP`` reports are kept.
"""

from __future__ import annotations

import logging
import platform
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QUrl, qVersion
from PySide6.QtGui import QDesktopServices

from newsreader.ui.diagnostics import app_version
from newsreader.ui.widgets.message_bar import MessageAction, MessageHub

log = logging.getLogger(__name__)

REPORTS_DIR = "crash-reports"
_PREFIX = "crash-"
_ANSWERED = "answered"  # holds the name of the newest report the reader has answered
_KEEP = 20
_LINE_CAP = 300


def crash_dir(data_dir: Path) -> Path:
    return data_dir / REPORTS_DIR


def report_text(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    now: datetime,
) -> str:
    lines = [
        "Newsreader crash report",
        f"Version: {app_version()}",
        f"Time: {now.isoformat(timespec='seconds')}",
        f"Platform: {platform.platform()}",
        f"Python: {platform.python_implementation()} {platform.python_version()}",
        f"Qt: {qVersion()}, PySide6 {pyside_version}",
        f"Thread: {threading.current_thread().name}",
        "",
    ]
    for chunk in traceback.format_exception(exc_type, exc, tb):
        for line in chunk.rstrip("\n").split("\n"):
            lines.append(line if len(line) <= _LINE_CAP else line[:_LINE_CAP] + " […]")
    return "\n".join(lines) + "\n"


class CrashReports:
    """The crash reports of one data folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def write(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        *,
        now: datetime | None = None,
    ) -> Path | None:
        """Write a report; its path, or None when the system refused (logged: the hook that
        calls this must not fail in turn)."""
        now = now or datetime.now(UTC)
        text = report_text(exc_type, exc, tb, now.astimezone())
        stamp = now.astimezone(UTC).strftime("%Y%m%d-%H%M%S-%f")
        try:
            self.folder.mkdir(exist_ok=True)  # in the data folder, which exists
            for attempt in range(100):  # two errors in one microsecond: the second gets -1
                path = self.folder / f"{_PREFIX}{stamp}{f'-{attempt}' if attempt else ''}.txt"
                try:
                    with path.open("x", encoding="utf-8") as out:
                        out.write(text)
                    break
                except FileExistsError:
                    continue
            else:
                return None
        except OSError as error:
            log.error("cannot write a crash report in %s: %s", self.folder, error)
            return None
        self._prune()
        log.info("crash report written: %s", path)
        return path

    def reports(self) -> list[Path]:
        """Every report, oldest first (the names sort by time)."""
        try:
            return sorted(p for p in self.folder.glob(f"{_PREFIX}*.txt") if p.is_file())
        except OSError:
            return []

    def pending(self) -> Path | None:
        """The newest report the reader has not answered, if any."""
        reports = self.reports()
        if not reports:
            return None
        try:
            answered = (self.folder / _ANSWERED).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            answered = ""
        return reports[-1] if reports[-1].name > answered else None

    def answer(self, report: Path) -> None:
        """The reader answered the offer of ``report``: neither it nor an older one is
        offered again."""
        try:
            (self.folder / _ANSWERED).write_text(report.name + "\n", encoding="utf-8")
        except OSError as exc:
            log.warning("cannot note the answered crash report: %s", exc)

    def _prune(self) -> None:
        for old in self.reports()[:-_KEEP]:
            try:
                old.unlink()
            except OSError as exc:
                log.warning("cannot remove the old crash report %s: %s", old, exc)


def offer_report(reports: CrashReports, hub: MessageHub) -> Path | None:
    """Tell the reader, in the message area, about a report not yet answered, with a button to
    open it; closing the message answers it too. Returns the report offered."""
    report = reports.pending()
    if report is None:
        return None

    def open_report() -> None:
        reports.answer(report)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(report)))

    text = QCoreApplication.translate(
        "CrashReports",
        "Newsreader hit an unexpected error earlier. A report was saved: %1",
    ).replace("%1", str(report))
    action = MessageAction(
        QCoreApplication.translate("CrashReports", "Open Report"),
        open_report,
        dismissed=lambda: reports.answer(report),
    )
    hub.warning(text, action)
    return report
