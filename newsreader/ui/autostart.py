"""Starting at login: an XDG autostart entry, ``$XDG_CONFIG_HOME/autostart/<app id>.desktop``.

The entry itself is the setting (not a value in settings.json): the desktop's own
"startup applications" panel may remove it, and the checkbox then shows what the desktop does.
It opens this data folder's library; whether the window shows or waits minimised follows the
"Start minimised" setting, as every start does. Linux and the BSDs only: elsewhere the
platform has other ways (none here yet).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsreader.core import atomic_file
from newsreader.ui.app_id import APP_ID

_XDG_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly")
# Characters that make the Desktop Entry spec's Exec quote an argument.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def supported(platform: str = sys.platform) -> bool:
    return platform.startswith(_XDG_PLATFORMS)


def entry_path(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the autostart entry goes: ``XDG_CONFIG_HOME`` when it is an absolute path (the
    spec ignores a relative one), else ``~/.config``."""
    config = environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
    return base / "autostart" / f"{APP_ID}.desktop"


def launch_command(data_dir: Path) -> list[str]:
    """How this Newsreader is started again, for this data folder: the AppImage (its files
    are mounted elsewhere at each start), the bundle's executable, the installed
    ``newsreader`` script that runs now, or this Python with ``-m``."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if os.environ.get("APPIMAGE"):
        command = [os.environ["APPIMAGE"]]
    elif getattr(sys, "frozen", False):
        command = [sys.executable]
    elif script is not None and script.stem == "newsreader" and script.is_file():
        # absolute, not resolved: a link on PATH (pipx) outlives the folder it points into
        command = [str(script.absolute())]
    else:
        command = [sys.executable, "-m", "newsreader"]
    return [*command, "--data-dir", str(data_dir)]


def exec_line(command: Sequence[str]) -> str:
    """``command`` as the value of an Exec key: arguments quoted by the spec's rules, then
    escaped as any string value is (so a backslash in a path becomes four), ``%`` doubled."""
    quoted = []
    for arg in command:
        if any(c in _RESERVED for c in arg) or not arg:
            arg = '"' + "".join(f"\\{c}" if c in '"`$\\' else c for c in arg) + '"'
        quoted.append(arg.replace("%", "%%"))
    line = " ".join(quoted)
    for char, escaped in (("\\", "\\\\"), ("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
        line = line.replace(char, escaped)
    return line


def entry_text(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Newsreader\n"
        f"Exec={exec_line(command)}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


class Autostart:
    """The autostart entry of one data folder's Newsreader."""

    def __init__(self, data_dir: Path, path: Path | None = None) -> None:
        self.path = path or entry_path()
        self.command = launch_command(data_dir)

    def enabled(self) -> bool:
        return self.path.is_file()

    def set_enabled(self, enabled: bool) -> None:
        """Write or remove the entry.

        Raises:
            OSError: the system refused (a read-only configuration folder).
        """
        if not enabled:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(self.path) as out:
            out.write(entry_text(self.command).encode("utf-8"))
