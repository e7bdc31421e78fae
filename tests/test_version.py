"""newsreader.version() and __version__ (newsreader/__init__.py): pyproject.toml's version, from
the installed metadata, or from pyproject.toml itself in a checkout that was never installed."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

import newsreader

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
VERSION = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    newsreader.version.cache_clear()
    yield
    newsreader.version.cache_clear()


def test_the_version_is_pyprojects() -> None:
    assert newsreader.version() == VERSION
    assert newsreader.__version__ == VERSION


def test_installed_the_metadata_says_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata, "version", lambda name: "9.8.7" if name == "newsreader" else "")
    assert newsreader.__version__ == "9.8.7"


def test_never_installed_pyproject_says_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert newsreader.version() == VERSION


def test_other_names_are_still_missing() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        newsreader.no_such_name  # noqa: B018
