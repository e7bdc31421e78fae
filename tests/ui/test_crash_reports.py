"""Crash reports: written by the hook into the data folder, offered once on the next launch."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QSettings, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from newsreader.ui import app as app_module
from newsreader.ui.crash_reports import CrashReports, crash_dir, offer_report
from newsreader.ui.diagnostics import app_version
from newsreader.ui.main_window import MainWindow
from newsreader.ui.widgets.message_bar import MessageBarWidget, MessageHub

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ARTICLE = "Presiden meresmikan jembatan baru di Kalimantan " * 40  # a value an error quoted


def _raised() -> tuple[type[BaseException], BaseException, TracebackType | None]:
    try:
        raise ValueError(f"cannot parse {ARTICLE}")
    except ValueError as exc:
        return type(exc), exc, exc.__traceback__


@pytest.fixture
def reports(tmp_path: Path) -> CrashReports:
    return CrashReports(crash_dir(tmp_path))


def test_a_report_has_what_a_bug_report_needs_and_no_article(reports: CrashReports) -> None:
    exc_type, exc, tb = _raised()
    path = reports.write(exc_type, exc, tb, now=datetime(2026, 5, 9, 7, 35, tzinfo=UTC))
    assert path is not None and path.parent == reports.folder
    assert path.name.startswith("crash-20260509-073500-")
    text = path.read_text(encoding="utf-8")
    assert f"Version: {app_version()}" in text
    for field in ("Time: 2026-05-09", "Platform: ", "Python: ", "Qt: ", "Thread: "):
        assert field in text
    assert "Traceback (most recent call last):" in text and "in _raised" in text
    assert "ValueError: cannot parse Presiden" in text
    assert ARTICLE not in text  # the quoted value is cut
    assert max(len(line) for line in text.splitlines()) < 320


def test_a_report_is_offered_until_answered(reports: CrashReports) -> None:
    assert reports.pending() is None
    first = reports.write(*_raised())
    second = reports.write(*_raised())
    assert first is not None and second is not None and first != second
    assert reports.pending() == second
    reports.answer(second)
    assert reports.pending() is None  # nor the older one
    third = reports.write(*_raised())
    assert reports.pending() == third


def test_only_the_newest_reports_are_kept(reports: CrashReports) -> None:
    for _ in range(25):
        reports.write(*_raised())
    assert len(reports.reports()) == 20


def test_a_folder_that_cannot_be_written_costs_only_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "crash-reports").write_text("in the way")
    assert CrashReports(crash_dir(tmp_path)).write(*_raised()) is None
    assert "cannot write a crash report" in caplog.text


def test_the_hook_writes_a_report_from_any_thread(
    reports: CrashReports, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", lambda *args: None)
    shown: list[str] = []
    monkeypatch.setattr(app_module, "show_crash_dialog", shown.append)
    app_module.install_excepthook(reports)
    sys.excepthook(*_raised())
    worker = threading.Thread(target=lambda: sys.excepthook(*_raised()))
    worker.start()
    worker.join()
    assert len(reports.reports()) == 2
    assert len(shown) == 1  # the dialog only on the GUI thread
    app_module.install_excepthook(None)  # a second install only changes where reports go
    assert sys.excepthook.reports is None  # type: ignore[attr-defined]


def test_the_offer_opens_the_report_or_is_dismissed_for_good(
    qtbot, reports: CrashReports, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    hub = MessageHub()
    bar = MessageBarWidget(hub)
    qtbot.addWidget(bar)
    report = reports.write(*_raised())
    assert offer_report(reports, hub) == report
    assert bar.level() == "warning" and str(report) in bar.text()
    bar._button.click()
    assert opened == [QUrl.fromLocalFile(str(report))]
    assert reports.pending() is None and offer_report(reports, hub) is None
    newer = reports.write(*_raised())
    assert offer_report(reports, hub) == newer
    bar._close.click()  # "Dismiss"
    assert reports.pending() is None and len(opened) == 1


def test_the_next_launch_offers_the_report(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    report = CrashReports(crash_dir(data_dir)).write(*_raised())
    seen: list[str] = []

    def look() -> None:
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                       and w.library.data_dir == data_dir.resolve()), None)  # fmt: skip
        if window is not None:
            seen.append(window.message_bar.text())
            window.close()

    timer = QTimer(interval=50)
    timer.timeout.connect(look)
    timer.start()
    deadline = QTimer(singleShot=True, interval=30_000)  # a hang fails below, not the run
    deadline.timeout.connect(qapp.quit)
    deadline.start()
    try:
        code = app_module.run_gui(data_dir, builtin_defaults=False, argv=[])
    finally:
        timer.stop()
        deadline.stop()
    assert code == 0
    assert seen and str(report) in seen[0]
