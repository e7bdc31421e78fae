"""What every export format shares: files and folders with the user's usual permissions,
never a private temporary file's, still written atomically."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.export.formats import export_entries
from newsreader.core.paths import atomic_write
from tests.helpers.export_data import make_entry


@pytest.fixture(params=[0o022, 0o027], ids=["umask022", "umask027"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    """Permission bits of ``root`` and everything under it, by path relative to its parent."""
    paths = [root, *root.rglob("*")] if root.is_dir() else [root]
    return {str(p.relative_to(root.parent)): stat.S_IMODE(p.stat().st_mode) for p in paths}


def _expected(umask: int, modes: dict[str, int], out: Path) -> dict[str, int]:
    return {name: (0o777 if (out / name).is_dir() else 0o666) & ~umask for name in modes}


@pytest.mark.parametrize("fmt", ["html", "json", "epub", "md"])
def test_exported_files_and_folders_follow_the_umask(
    cache: Path, out: Path, umask: int, fmt: str
) -> None:
    path = export_entries([make_entry(cache)], fmt, out / "arsip")  # type: ignore[arg-type]
    modes = _modes(path)
    if fmt == "md":
        modes |= _modes(out / "arsip_images")
        assert len(modes) == 5  # the file, the folder, three pictures
    assert modes == _expected(umask, modes, out)
    # Overwriting keeps to the umask too, and leaves no temporary file behind.
    export_entries([make_entry(cache)], fmt, path, force=True)  # type: ignore[arg-type]
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["arsip.md", "arsip_images"] if fmt == "md" else [path.name]
    )


def test_a_folder_per_article_follows_the_umask(cache: Path, out: Path, umask: int) -> None:
    entries = [make_entry(cache), make_entry(cache, 2, title="Dua")]
    folder = export_entries(entries, "md", out / "arsip", per_article=True)
    modes = _modes(folder)
    assert {"arsip", "arsip/images", "arsip/Dua.md"} <= modes.keys()
    assert modes == _expected(umask, modes, out)


def test_other_atomic_files_stay_private(tmp_path: Path, umask: int) -> None:
    # The settings and the files beside the database are the user's alone, whatever the umask.
    atomic_write(tmp_path / "settings.json", b"{}")
    assert stat.S_IMODE((tmp_path / "settings.json").stat().st_mode) == 0o600
    atomic_write(tmp_path / "shared.txt", b"x", follow_umask=True)
    assert stat.S_IMODE((tmp_path / "shared.txt").stat().st_mode) == 0o666 & ~umask
