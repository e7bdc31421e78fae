"""The data directory resolution and the atomic writer."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest

from newsreader.core import paths
from newsreader.core.errors import StorageError
from newsreader.core.paths import (
    atomic_write,
    database_path,
    images_dir,
    resolve_data_dir,
    settings_path,
    user_sites_dir,
)

CALLS: list[tuple[str, object]] = []


@pytest.fixture
def platform_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the platform default into tmp_path and clear the environment variable."""
    target = tmp_path / "platform" / "newsreader"
    CALLS.clear()

    def fake_user_data_dir(appname: str, appauthor: object = None) -> str:
        CALLS.append((appname, appauthor))
        return str(target)

    monkeypatch.setattr(platformdirs, "user_data_dir", fake_user_data_dir)
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    return target


def test_cli_value_wins_over_environment(
    tmp_path: Path, platform_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "from-env"))
    result = resolve_data_dir(str(tmp_path / "from-cli"))
    assert result == (tmp_path / "from-cli").resolve()
    assert result.is_dir()
    assert not (tmp_path / "from-env").exists()


def test_environment_used_without_cli_value(
    tmp_path: Path, platform_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "from-env"))
    assert resolve_data_dir(None) == (tmp_path / "from-env").resolve()
    assert resolve_data_dir("") == (tmp_path / "from-env").resolve()


def test_platform_default_used_last(platform_dir: Path) -> None:
    result = resolve_data_dir(None)
    assert result == platform_dir.resolve()
    assert result.is_dir()
    assert CALLS == [("newsreader", False)]


def test_blank_environment_falls_back_to_platform(
    platform_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.ENV_DATA_DIR, "   ")
    assert resolve_data_dir(None) == platform_dir.resolve()


def test_parents_created(tmp_path: Path, platform_dir: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    assert resolve_data_dir(str(deep)).is_dir()


def test_tilde_expanded(
    tmp_path: Path, platform_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    result = resolve_data_dir("~/news data")
    assert result == (tmp_path / "home" / "news data").resolve()
    assert result.is_dir()


def test_relative_path_made_absolute(
    tmp_path: Path, platform_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = resolve_data_dir("relative")
    assert result.is_absolute()
    assert result == (tmp_path / "relative").resolve()


def test_existing_directory_is_fine(tmp_path: Path, platform_dir: Path) -> None:
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "keep.txt").write_text("x")
    assert resolve_data_dir(str(tmp_path / "here")) == (tmp_path / "here").resolve()
    assert (tmp_path / "here" / "keep.txt").read_text() == "x"


def test_file_in_the_way_raises_storage_error(tmp_path: Path, platform_dir: Path) -> None:
    (tmp_path / "afile").write_text("x")
    with pytest.raises(StorageError, match="not a directory") as info:
        resolve_data_dir(str(tmp_path / "afile"))
    assert isinstance(info.value.__cause__, OSError)


def test_uncreatable_directory_raises_storage_error(tmp_path: Path, platform_dir: Path) -> None:
    (tmp_path / "afile").write_text("x")
    with pytest.raises(StorageError, match="cannot create") as info:
        resolve_data_dir(str(tmp_path / "afile" / "sub"))
    assert isinstance(info.value.__cause__, OSError)


def test_helpers_name_files_inside_the_data_dir(tmp_path: Path) -> None:
    assert database_path(tmp_path) == tmp_path / "newsreader.db"
    assert images_dir(tmp_path) == tmp_path / "images"
    assert settings_path(tmp_path) == tmp_path / "settings.json"
    assert user_sites_dir(tmp_path) == tmp_path / "sites"
    assert list(tmp_path.iterdir()) == []  # helpers only name paths


def test_atomic_write_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_bytes(b"old")
    atomic_write(target, "baru: Jum\u2019at\u00a0WIB".encode())
    assert target.read_bytes() == "baru: Jum\u2019at\u00a0WIB".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_atomic_write_failure_keeps_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.txt"
    target.write_bytes(b"old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_atomic_write_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "missing" / "file.txt", b"x")
