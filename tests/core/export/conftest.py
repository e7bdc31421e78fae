"""Fixtures every export test uses: a picture cache and an empty output folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.export_data import fill_cache


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return fill_cache(tmp_path / "cache")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
