"""Newsreader: a desktop news reader that keeps whole articles offline.

``newsreader.__version__`` (or ``version()``) is the version installed, as pyproject.toml set it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DISTRIBUTION = "newsreader"


@cache
def version() -> str:
    """The installed distribution's version; in a checkout that was never installed,
    pyproject.toml's; "unknown" if neither can be read."""
    from importlib import metadata  # some 20 ms of imports: paid only when asked

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _checkout_version()


def _checkout_version() -> str:
    import tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        return "unknown"


def __getattr__(name: str) -> str:
    # __version__ is looked up on first use, so that a start that never shows it (the window,
    # most commands) does not read the metadata.
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
