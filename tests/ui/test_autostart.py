"""Start when I log in: the XDG autostart entry, written and removed from Settings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from newsreader.ui.app_id import APP_ID
from newsreader.ui.autostart import Autostart, entry_path, exec_line, launch_command, supported
from newsreader.ui.dialogs.settings import SettingsDialog
from newsreader.ui.main_window import MainWindow
from tests.helpers.fakes import FakeLibrary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _exec_args(value: str) -> list[str]:
    """An Exec value read back as the Desktop Entry spec says: the string's escapes first,
    then the arguments, quoted ones with their four escapes."""
    line = value.replace("\\\\", "\0").replace("\\n", "\n").replace("\0", "\\")
    args: list[str] = []
    current, quoted, started, i = "", False, False, 0
    while i < len(line):
        char = line[i]
        if quoted and char == "\\" and line[i + 1 : i + 2] in ('"', "`", "$", "\\"):
            current, i = current + line[i + 1], i + 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if current or started:
                args.append(current)
            current, started = "", False
        else:
            current += char
        i += 1
    if current or started:
        args.append(current)
    return [arg.replace("%%", "%") for arg in args]


def _exec_of(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(line.removeprefix("Exec=") for line in lines if line.startswith("Exec="))


def test_the_entry_goes_to_the_xdg_config_folder(tmp_path: Path) -> None:
    assert entry_path({"XDG_CONFIG_HOME": str(tmp_path)}) == (
        tmp_path / "autostart" / f"{APP_ID}.desktop"
    )
    # The spec ignores a relative XDG_CONFIG_HOME, and so does the entry.
    assert entry_path({"XDG_CONFIG_HOME": "relative"}) == (
        Path.home() / ".config" / "autostart" / f"{APP_ID}.desktop"
    )
    assert entry_path({}) == Path.home() / ".config" / "autostart" / f"{APP_ID}.desktop"


@pytest.mark.parametrize(
    "command",
    [
        ["/usr/bin/newsreader", "--data-dir", "/home/ani/.local/share/newsreader"],
        ["/opt/My Apps/newsreader", "--data-dir", '/home/ani/"berita" $HOME `x` 100%'],
        ["C:\\odd\\path", "--data-dir", "a\\b c"],
    ],
)
def test_the_exec_line_gives_back_the_command(command: list[str]) -> None:
    assert _exec_args(exec_line(command)) == command


def test_the_command_starts_this_newsreader_on_this_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("APPIMAGE", raising=False)
    script = tmp_path / "bin" / "newsreader"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "argv", [str(script)])
    assert launch_command(tmp_path / "lib") == [str(script), "--data-dir", str(tmp_path / "lib")]
    monkeypatch.setattr(sys, "argv", ["/somewhere/newsreader/__main__.py"])
    assert launch_command(tmp_path / "lib")[:3] == [sys.executable, "-m", "newsreader"]
    monkeypatch.setenv("APPIMAGE", "/home/ani/Apps/Newsreader.AppImage")
    assert launch_command(tmp_path / "lib")[0] == "/home/ani/Apps/Newsreader.AppImage"


@pytest.mark.skipif(not supported(), reason="XDG autostart: Linux and the BSDs")
def test_the_settings_checkbox_writes_and_removes_the_entry(
    qtbot, fake_library: FakeLibrary, settings: QSettings, _private_config: Path
) -> None:
    entry = _private_config / "autostart" / f"{APP_ID}.desktop"
    window = MainWindow(fake_library, settings=settings)
    qtbot.addWidget(window)
    dialog = window.preferences.show_dialog()
    assert dialog.autostart_box is not None and not dialog.autostart_box.isChecked()
    dialog.autostart_box.setChecked(True)
    dialog.accept()  # nothing else changed: closes at once
    assert not dialog.isVisible()
    text = entry.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\nType=Application\n")
    assert _exec_args(_exec_of(entry))[-2:] == ["--data-dir", str(fake_library.data_dir)]
    again = window.preferences.show_dialog()
    assert again.autostart_box is not None and again.autostart_box.isChecked()
    again.autostart_box.setChecked(False)
    again.accept()
    assert not entry.exists()


def test_an_entry_that_cannot_be_written_is_said_in_the_dialog(
    qtbot, fake_library: FakeLibrary, tmp_path: Path
) -> None:
    (tmp_path / "config").write_text("a file where the folder should be")
    autostart = Autostart(fake_library.data_dir, tmp_path / "config" / "autostart" / "x.desktop")
    dialog = SettingsDialog(fake_library, autostart=autostart)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.autostart_box is not None
    dialog.autostart_box.setChecked(True)
    dialog.accept()
    assert dialog.isVisible()  # stays open, saying why
    assert dialog.error_label.text().startswith("Could not change the start at login: ")


def test_without_autostart_there_is_no_checkbox(qtbot, fake_library: FakeLibrary) -> None:
    dialog = SettingsDialog(fake_library)
    qtbot.addWidget(dialog)
    assert dialog.autostart_box is None
