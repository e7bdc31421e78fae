"""Fixtures for the UI tests: a fake library, isolated QSettings, and no task left running."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QMessageBox

from newsreader.ui.workers import ordered_pool
from tests.helpers.fakes import FakeLibrary


@pytest.fixture
def fake_library(tmp_path: Path) -> FakeLibrary:
    return FakeLibrary(tmp_path / "data")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window state goes to a file of this test, never to the user's configuration."""
    return QSettings(str(tmp_path / "newsreader-ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _drain_tasks(qtbot: object) -> Iterator[None]:
    """Let background tasks finish and deliver their results while the widgets still live."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
    ordered_pool().waitForDone(10_000)
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes record themselves instead of waiting for the reader, who cancels; each
    must show its text as plain text (it may quote a title, a path, a server's words)."""
    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        assert box.textFormat() == Qt.TextFormat.PlainText, box.text()
        shown.append(box)
        return int(QMessageBox.StandardButton.Cancel.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.fixture(autouse=True)
def _private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The desktop's configuration folder (the autostart entry) is the test's own."""
    config = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config
