"""The version shown, and the log file in the data folder: rotated, and beside the command
line's own log output rather than instead of it."""

from __future__ import annotations

import io
import logging
from importlib import metadata
from pathlib import Path

import pytest

import newsreader
from newsreader.ui import diagnostics
from newsreader.ui.diagnostics import LogFile, app_version


def test_the_log_file_rotates_and_keeps_three_old_files(tmp_path: Path) -> None:
    log_file = LogFile(tmp_path, max_bytes=2000)
    try:
        assert log_file.handler is not None
        assert (log_file.handler.maxBytes, log_file.handler.backupCount) == (2000, 3)
        logger = logging.getLogger("newsreader.test_rotation")
        for i in range(200):
            logger.info("line %03d %s", i, "x" * 80)
    finally:
        log_file.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["newsreader.log", "newsreader.log.1", "newsreader.log.2", "newsreader.log.3"]
    assert all(p.stat().st_size <= 2000 for p in tmp_path.iterdir())
    assert "line 199" in (tmp_path / "newsreader.log").read_text(encoding="utf-8")


def test_the_default_cap_is_a_megabyte(tmp_path: Path) -> None:
    log_file = LogFile(tmp_path)
    try:
        assert log_file.handler is not None
        assert (log_file.handler.maxBytes, log_file.handler.backupCount) == (1_000_000, 3)
        assert LogFile(tmp_path).handler is None  # once per file
    finally:
        log_file.close()


def test_the_terminal_keeps_its_level_while_the_file_gets_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = logging.getLogger()
    monkeypatch.setattr(root, "level", logging.WARNING)  # as the command line sets it
    terminal = io.StringIO()
    stderr = logging.StreamHandler(terminal)
    root.addHandler(stderr)
    try:
        log_file = LogFile(tmp_path)
        logging.getLogger("newsreader.test_levels").info("only in the file")
        logging.getLogger("newsreader.test_levels").warning("in both")
        log_file.close()
    finally:
        root.removeHandler(stderr)
    assert terminal.getvalue() == "in both\n"
    written = (tmp_path / "newsreader.log").read_text(encoding="utf-8")
    assert "only in the file" in written and "in both" in written
    assert stderr.level == logging.NOTSET and root.level == logging.WARNING  # as it was


def test_the_version_falls_back_to_the_source(monkeypatch: pytest.MonkeyPatch) -> None:
    assert app_version() == metadata.version("newsreader")

    def missing(_name: str) -> str:
        raise metadata.PackageNotFoundError("newsreader")

    monkeypatch.setattr(diagnostics.metadata, "version", missing)
    assert app_version() == newsreader.__version__
