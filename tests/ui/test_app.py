"""run_gui end to end on the demo site, the translators, and the crash hook."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from newsreader.core.resources import resources_dir
from newsreader.demo import install_demo_rule
from newsreader.ui import app as app_module
from newsreader.ui.language import install_translators
from newsreader.ui.main_window import MainWindow
from tests.helpers.demo_fixtures import DemoSite

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _main_window() -> MainWindow | None:
    # Shown: windows of earlier tests may linger, closed (run_gui freezes the heap).
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, MainWindow) and w.isVisible()), None)  # fmt: skip


def test_run_gui_shows_the_window_then_subscribes_and_refreshes(
    qapp, demo_site: DemoSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    data_dir = tmp_path / "data"
    install_demo_rule(data_dir, demo_site.base_url)
    seen: dict[str, object] = {}

    def poll() -> None:
        window = _main_window()
        if window is None:
            return
        seen.setdefault("shown_with_rows", window.entry_model.rowCount())
        if window.entry_model.rowCount() >= len(demo_site.expected["rss"]["articles"]):
            seen["titles"] = {window.entry_model.entry_at(r).title  # type: ignore[union-attr]
                              for r in range(window.entry_model.rowCount())}  # fmt: skip
            # Closing the last window ends the application as the reader would; an explicit
            # quit() on top would leave a Quit event behind for the next test's event loop.
            window.close()

    timer = QTimer(interval=50)
    timer.timeout.connect(poll)
    timer.start()
    deadline = QTimer(singleShot=True, interval=60_000)  # a hang fails below, not the run
    deadline.timeout.connect(qapp.quit)
    deadline.start()
    code = app_module.run_gui(data_dir, initial_urls=[demo_site.url("/rss")],
                              builtin_defaults=False)  # fmt: skip
    timer.stop()
    deadline.stop()
    assert code == 0
    assert seen["shown_with_rows"] == 0  # the window came first, the network after
    assert demo_site.seed["title"] in seen["titles"]  # type: ignore[operator]


def test_translators_load_the_indonesian_interface(qapp, tmp_path: Path) -> None:
    script = resources_dir().parent / "scripts" / "build-translations"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True,
                   capture_output=True)  # fmt: skip
    installed = install_translators(qapp, QLocale("id_ID"), tmp_path)
    try:
        assert [t.language() for t in installed if "newsreader" in t.filePath()] == ["id_ID"]
        window_title = QApplication.translate("ActionSet", "&Add Subscription…")
        assert window_title == "&Tambah Langganan…"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_crash_hook_logs_and_shows_the_dialog(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(sys, "excepthook", lambda *args: None)
    shown: list[str] = []
    monkeypatch.setattr(app_module, "show_crash_dialog", shown.append)
    app_module.install_excepthook()
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        with caplog.at_level(logging.CRITICAL):
            sys.excepthook(type(exc), exc, exc.__traceback__)
    assert "RuntimeError: boom" in shown[0]
    assert any(r.levelno == logging.CRITICAL and r.exc_info for r in caplog.records)


def test_importing_the_gui_loads_no_network_or_parsing_stack() -> None:
    code = (
        "import sys, newsreader.ui.app; "
        "print(sorted(m for m in ('feedparser', 'httpx', 'trafilatura', 'lxml', "
        "'newsreader.core.library') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         cwd=resources_dir().parent)  # fmt: skip
    assert out.stdout.strip() == "[]"


def _old_database(data_dir: Path, version: int) -> None:
    """A library an older Newsreader left: the fixture of that schema version, with articles."""
    import shutil

    from newsreader.core.paths import database_path
    from tests.data.schemas.build import fixture_path

    data_dir.mkdir(parents=True)
    shutil.copyfile(fixture_path(version), database_path(data_dir))


def test_an_upgrade_happens_behind_a_progress_window(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from newsreader.core.storage import migrations

    shown: list[str] = []
    real_show = QProgressDialog.show

    def show(dialog: QProgressDialog) -> None:
        shown.append(dialog.labelText())
        real_show(dialog)

    monkeypatch.setattr(QProgressDialog, "show", show)
    old, new = tmp_path / "old", tmp_path / "new"
    _old_database(old, migrations.LATEST - 2)
    library = app_module.open_library_in_view(old)
    try:
        assert migrations.schema_version(library._db) == migrations.LATEST
        assert len(shown) == 1 and "backup copy" in shown[0]
        assert list(old.glob("*.bak"))  # backed up first, as every migration is
    finally:
        library.close()
    fresh = app_module.open_library_in_view(new)  # a first launch: nothing to migrate
    fresh.close()
    assert len(shown) == 1
