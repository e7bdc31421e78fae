"""The data directory and the files inside it, plus an atomic file writer.

Paths are resolved once at startup (``resolve_data_dir``) and passed down; nothing deeper in
the core looks them up on its own.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import platformdirs

from newsreader.core.errors import StorageError

log = logging.getLogger(__name__)

ENV_DATA_DIR = "NEWSREADER_DATA_DIR"
APP_NAME = "newsreader"


def resolve_data_dir(cli_value: str | None) -> Path:
    """The data directory: ``--data-dir``, else ``$NEWSREADER_DATA_DIR``, else the platform's.

    ``~`` is expanded and the directory (with its parents) is created if missing.

    Raises:
        StorageError: the directory cannot be created, or the path is not a directory.
    """
    raw = cli_value or os.environ.get(ENV_DATA_DIR, "")
    if not raw.strip():
        raw = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    data_dir = Path(raw).expanduser().resolve()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        # mkdir(exist_ok=True) still raises when the path exists but is a file.
        raise StorageError(f"data directory {data_dir} exists and is not a directory") from exc
    except OSError as exc:
        raise StorageError(f"cannot create data directory {data_dir}: {exc}") from exc
    log.debug("data directory: %s", data_dir)
    return data_dir


def database_path(data_dir: Path) -> Path:
    """The SQLite database file."""
    return data_dir / "newsreader.db"


def images_dir(data_dir: Path) -> Path:
    """The image cache folder (not created here)."""
    return data_dir / "images"


def settings_path(data_dir: Path) -> Path:
    """The JSON settings file."""
    return data_dir / "settings.json"


def user_sites_dir(data_dir: Path) -> Path:
    """The user's site rule files; one here overrides the bundled rule of the same name."""
    return data_dir / "sites"


def atomic_write(path: Path, data: bytes, *, follow_umask: bool = False) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same directory, are flushed to disk, then renamed
    over ``path``. On any failure the temporary file is removed and the error propagates.
    ``follow_umask``: see ``atomic_file``.

    Raises:
        OSError: the file could not be written (full disk, permission, missing folder).
    """
    with atomic_file(path, follow_umask=follow_umask) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, *, follow_umask: bool = False) -> Iterator[BinaryIO]:
    """A binary file that appears at ``path`` only if the ``with`` block completes: written to a
    temporary file beside it, flushed to disk, renamed over ``path`` (streamed, so a large
    export never sits in memory whole). On failure the temporary file is removed.

    The file is the user's alone (0600), as the settings and the files beside the database
    should be. With ``follow_umask`` it gets what any new file of the user gets (0666 less the
    umask): an export is made to be shared, synced or served like the user's other files.
    """
    fd, tmp_name = _temp_file(path, 0o666 if follow_umask else 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def _temp_file(path: Path, mode: int) -> tuple[int, str]:
    """A new, empty temporary file beside ``path``, created with ``mode`` less the umask.

    ``tempfile.mkstemp`` always makes 0600 files, and setting the mode afterwards would mean
    reading the umask, which can only be done by changing it: a race with other threads.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(name, flags, mode), str(name)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def _fsync_dir(directory: Path) -> None:
    """Persist the rename itself; best effort, since not every platform can open a folder."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        log.debug("cannot fsync folder %s", directory)
    finally:
        os.close(fd)
