"""Choosing what to export (starred, a feed, a date range, any list of ids) on a real library,
and the library's export with progress and cancel."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsreader.core.errors import ExportError
from newsreader.core.export.common import ExportCancelledError
from newsreader.core.library import Library
from tests.helpers.export_data import JPEG, PNG
from tests.helpers.export_library import START, WIB, fill_library, open_filled


def picture(article: int, index: int) -> bytes:
    return PNG if index else JPEG


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = open_filled(tmp_path / "data", 6, picture)  # feed 1: 6 starred, hourly from START
    fill_library(library, 4, picture, starred=False, feed_title="Elshinta – Ekonomi")
    yield library
    library.close()


def test_starred_feed_and_dates_combine(lib: Library) -> None:
    feeds = {f.title: f.id for f in lib.feeds()}
    nasional, ekonomi = feeds["Elshinta – Nasional"], feeds["Elshinta – Ekonomi"]
    starred = lib.entries_for_export(starred=True)
    assert len(starred) == 6
    assert [lib.entry(i).published for i in starred] == sorted(
        (lib.entry(i).published for i in starred), reverse=True
    )  # newest first, as the list shows them
    assert set(lib.entries_for_export(feed_id=ekonomi)).isdisjoint(starred)
    assert len(lib.entries_for_export(feed_id=ekonomi)) == 4
    assert lib.entries_for_export(starred=True, feed_id=ekonomi) == []
    assert len(lib.entries_for_export()) == 10
    # since inclusive, until exclusive: hours 1 and 2 of each feed.
    since, until = START + timedelta(hours=1), START + timedelta(hours=3)
    ranged = lib.entries_for_export(since=since, until=until)
    assert len(ranged) == 4
    assert all(since <= lib.entry(i).published < until for i in ranged)  # type: ignore[operator]
    assert len(lib.entries_for_export(starred=True, feed_id=nasional, since=since)) == 5
    naive_utc = (START + timedelta(hours=5)).astimezone(UTC).replace(tzinfo=None)
    assert len(lib.entries_for_export(feed_id=nasional, since=naive_utc)) == 1
    assert lib.entries_for_export(until=datetime(2000, 1, 1, tzinfo=WIB)) == []


def test_ids_from_anywhere_keep_their_order(lib: Library, tmp_path: Path) -> None:
    ids = lib.entries_for_export(starred=True)[::-1][:3]
    assert [e.id for e in lib.entries_by_id(ids)] == ids
    path = lib.export(ids, "json", tmp_path / "pilih", title="Pilihan")
    assert path.suffix == ".json"
    assert [item["id"] for item in json.loads(path.read_text("utf-8"))] == ids


def test_library_export_reports_progress_and_cancels(lib: Library, tmp_path: Path) -> None:
    ids = lib.entries_for_export(starred=True)
    seen: list[tuple[int, int]] = []
    lib.export(ids, "epub", tmp_path / "buku.epub", progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelledError):
        lib.export(ids, "html", tmp_path / "batal.html", cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["buku.epub", "data"]
    with pytest.raises(ExportError, match="already exists"):
        lib.export(ids, "epub", tmp_path / "buku.epub")
