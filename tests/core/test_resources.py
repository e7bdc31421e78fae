"""resources_dir(): the package newsreader.resources, else the folder beside the package.

The installed wheel is checked by tests/test_wheel.py (scripts/smoke-wheel); these cover the
checkout, with and without an install, and an install that keeps them in an archive.
"""

from __future__ import annotations

import importlib.resources
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.resources import resources_dir

CHECKOUT_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    """Each test looks again; the next one sees the real answer."""
    resources_dir.cache_clear()
    yield
    resources_dir.cache_clear()


def test_it_holds_what_the_app_reads() -> None:
    root = resources_dir()
    for name in ("sites/elshinta.json", "demo/site/index.html", "demo/site/rss/index.xml",
                 "icons/newsreader.png", "translations/newsreader_id.ts"):  # fmt: skip
        assert (root / name).is_file(), name


def test_a_checkout_reads_its_own_folder() -> None:
    """Installed editable, the package is the checkout's folder, found by the import system."""
    assert resources_dir() == CHECKOUT_RESOURCES


def test_without_the_package_the_folder_beside_newsreader_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A checkout run without installing (PYTHONPATH=.), or the PyInstaller bundle."""

    def not_installed(package: str) -> object:
        raise ModuleNotFoundError(f"No module named {package!r}")

    monkeypatch.setattr(importlib.resources, "files", not_installed)
    assert resources_dir() == CHECKOUT_RESOURCES


def test_resources_in_an_archive_are_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    archive = tmp_path / "newsreader.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("newsreader/resources/sites/elshinta.json", "{}")
    in_zip = zipfile.Path(archive, "newsreader/resources/")
    monkeypatch.setattr(importlib.resources, "files", lambda package: in_zip)
    with pytest.raises(RuntimeError, match="not in a folder"):
        resources_dir()
