"""Folders of the feed list: create, rename (and merge), delete, move feeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.library import Library, open_library
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.library_tools import add_feed_unchecked


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    with open_library(tmp_path / "data", fetcher=FakeFetcher()) as library:
        for n, folder in enumerate(("Elshinta", "Elshinta", "teknologi", "")):
            url = f"https://site{n}.example/rss"
            add_feed_unchecked(library, url, title=f"F{n}", folder=folder)
        yield library


def _folder_of(lib: Library) -> dict[str, str]:
    return {feed.title: feed.folder for feed in lib.feeds()}


def test_folders_lists_empty_ones_too_sorted_without_case(lib: Library) -> None:
    assert lib.folders() == ["Elshinta", "teknologi"]
    assert lib.create_folder("  Berita   Daerah ") == "Berita Daerah"
    assert lib.folders() == ["Berita Daerah", "Elshinta", "teknologi"]
    with pytest.raises(ValueError, match="already"):
        lib.create_folder("Elshinta")
    with pytest.raises(ValueError, match="name"):
        lib.create_folder("   ")


def test_rename_moves_every_feed_and_merges_into_an_existing_folder(lib: Library) -> None:
    assert lib.rename_folder("Elshinta", "Radio") == 2
    assert _folder_of(lib) == {"F0": "Radio", "F1": "Radio", "F2": "teknologi", "F3": ""}
    assert lib.rename_folder("teknologi", "Radio") == 1  # merged
    assert lib.folders() == ["Radio"]
    lib.create_folder("Kosong")
    assert lib.rename_folder("Kosong", "Masih Kosong") == 0
    assert lib.folders() == ["Masih Kosong", "Radio"]
    with pytest.raises(ValueError, match="no folder"):
        lib.rename_folder("Tidak Ada", "X")


def test_delete_moves_the_feeds_to_the_top_level_and_keeps_them(lib: Library) -> None:
    assert lib.delete_folder("Elshinta") == 2
    assert _folder_of(lib) == {"F0": "", "F1": "", "F2": "teknologi", "F3": ""}
    assert len(lib.feeds()) == 4
    assert lib.folders() == ["teknologi"]
    lib.create_folder("Kosong")
    assert lib.delete_folder("Kosong") == 0
    assert lib.folders() == ["teknologi"]
    with pytest.raises(ValueError):
        lib.delete_folder("Kosong")


def test_moving_feeds_keeps_the_emptied_folder(lib: Library) -> None:
    ids = {feed.title: feed.id for feed in lib.feeds()}
    assert lib.move_feeds([ids["F2"]], "Elshinta") == 1
    assert lib.folders() == ["Elshinta", "teknologi"]  # emptied, still there
    assert lib.move_feeds([ids["F0"], ids["F1"]], "") == 2
    assert _folder_of(lib)["F0"] == ""
    lib.create_folder("Baru")
    lib.move_feeds([ids["F3"]], "Baru")
    assert lib.delete_folder("Baru") == 1
    assert lib.folders() == ["Elshinta", "teknologi"]
