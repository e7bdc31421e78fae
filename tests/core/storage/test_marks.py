"""Read marks: mark all read returns exactly what it marked, undo restores
it, copies of an article in other feeds share the mark. (Migrations 5 and 6, which moved the
mark to the narrow entry_state table and keep the feed totals, are tested in
tests/core/storage/test_migrations.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from peewee import fn

from newsreader.core.library import Library, open_library
from newsreader.core.storage import marks
from newsreader.core.storage.records import EntryRecord, EntryStateRecord, FeedTotalRecord
from tests.helpers.library_tools import mark_all_read
from tests.helpers.search_data import add_entry, add_feed

NOW = 1_700_000_000.0
DAY = 86400.0


def _unread(lib: Library) -> dict[int, bool]:
    rows = EntryStateRecord.select(EntryStateRecord.entry_id, EntryStateRecord.read).tuples()
    return {int(i): bool(r) for i, r in rows}


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = open_library(tmp_path, clock=lambda: NOW)
    yield library
    library.close()


def _library(lib: Library) -> dict[str, int]:
    """Two feeds in a folder, one outside; a copy of an article in a second feed."""
    a = add_feed(lib, "A", folder="Nasional")
    b = add_feed(lib, "B", folder="Nasional")
    c = add_feed(lib, "C")
    ids = {
        "a_old": add_entry(lib, a, "lama", ts=NOW - 3 * DAY),
        "a_new": add_entry(lib, a, "baru", ts=NOW),
        "a_read": add_entry(lib, a, "dibaca", ts=NOW - DAY, read=True),
        "b_star": add_entry(lib, b, "bintang", ts=NOW - 2 * DAY, starred=True),
        "c_one": add_entry(lib, c, "satu", ts=NOW - DAY),
    }
    shared = EntryRecord.get_by_id(ids["a_old"]).url
    ids["c_copy"] = add_entry(lib, c, "lama", ts=NOW - 3 * DAY, url=shared,
                              duplicate_of=ids["a_old"])  # fmt: skip
    return ids | {"a": a, "b": b, "c": c}


def test_mark_all_read_returns_what_it_marked_and_undo_restores_it(lib: Library) -> None:
    _mark_all_and_undo(lib, _library(lib))


def _mark_all_and_undo(lib: Library, ids: dict[str, int]) -> None:
    before = _unread(lib)
    marked = lib.mark_all_read_undoable()
    assert sorted(marked) == sorted(i for i, read in before.items() if not read)
    assert lib.view_counts()["unread"] == 0 and all(_unread(lib).values())
    assert lib.mark_all_read_undoable() == []  # nothing left: nothing marked
    lib.mark_read(marked, False)
    assert _unread(lib) == before
    assert lib.entry(ids["a_read"]).read  # read before: not undone


def test_mark_all_read_of_a_feed_marks_the_copies_elsewhere(lib: Library) -> None:
    ids = _library(lib)
    marked = lib.mark_all_read_undoable(feed_id=ids["c"])
    assert sorted(marked) == sorted([ids["c_one"], ids["c_copy"], ids["a_old"]])
    assert lib.feed(ids["a"]).unread == 1  # a_new
    lib.mark_read(marked, False)
    assert lib.feed(ids["a"]).unread == 2 and lib.feed(ids["c"]).unread == 2


@pytest.mark.parametrize(
    ("where", "names"),
    [
        ({"folder": "Nasional"}, ["a_old", "a_new", "b_star", "c_copy"]),
        ({"view": "today"}, ["a_new"]),
        ({"view": "starred"}, ["b_star"]),
        ({"view": "unread"}, ["a_old", "a_new", "b_star", "c_one", "c_copy"]),
    ],
)
def test_mark_all_read_of_a_folder_or_view(
    lib: Library, where: dict[str, str], names: list[str]
) -> None:
    ids = _library(lib)
    assert mark_all_read(lib, **where) == len(names)  # type: ignore[arg-type]
    assert {i for i, read in _unread(lib).items() if not read} == {
        ids[n] for n in ("a_old", "a_new", "b_star", "c_one", "c_copy") if n not in names
    }


def test_large_selections_take_the_one_pass_paths(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past _LOOKUP_MAX articles the story mates come from one pass over the shared stories;
    past _PASS_FROM the update is one pass over the table: the same marks."""
    monkeypatch.setattr(marks, "_LOOKUP_MAX", 1)
    monkeypatch.setattr(marks, "_PASS_FROM", 2)
    ids = _library(lib)
    _mark_all_and_undo(lib, ids)
    marked = lib.mark_all_read_undoable(feed_id=ids["c"])
    assert sorted(marked) == sorted([ids["c_one"], ids["c_copy"], ids["a_old"]])


def test_copies_share_the_read_mark_and_a_new_copy_takes_it(lib: Library) -> None:
    ids = _library(lib)
    lib.mark_read([ids["c_copy"]])
    assert lib.entry(ids["a_old"]).read
    url = EntryRecord.get_by_id(ids["a_old"]).url
    later = add_entry(lib, ids["b"], "lama", url=url, duplicate_of=ids["a_old"])
    assert lib.entry(later).read
    lib.mark_read([later], False)
    assert not lib.entry(ids["a_old"]).read and not lib.entry(ids["c_copy"]).read


def test_the_copies_of_a_story_follow_a_changed_url(lib: Library) -> None:
    ids = _library(lib)
    lib.writer.call(lambda: EntryRecord.update(url="https://lain.example/x").where(
        EntryRecord.id == ids["c_copy"]).execute())  # fmt: skip
    lib.mark_read([ids["a_old"]])
    assert not lib.entry(ids["c_copy"]).read  # no longer the same article


def test_deleted_articles_leave_no_state(lib: Library) -> None:
    ids = _library(lib)
    lib.remove_feed(ids["c"], keep_starred=False)
    assert ids["c_one"] not in _unread(lib) and ids["a_old"] in _unread(lib)


def test_feed_totals_follow_every_change(lib: Library) -> None:
    """feed_total (kept by triggers) always equals a count of the listed articles."""

    def check() -> None:
        kept = dict(FeedTotalRecord.select().tuples())
        counted = dict(
            EntryStateRecord.select(EntryStateRecord.feed_id, fn.COUNT(EntryStateRecord.entry_id))
            .where(EntryStateRecord.listed == True)  # noqa: E712
            .group_by(EntryStateRecord.feed_id)
            .tuples()
        )
        assert {f: n for f, n in kept.items() if n} == counted
        assert all(feed.total == counted.get(feed.id, 0) for feed in lib.feeds())

    ids = _library(lib)
    check()
    hidden = add_entry(lib, ids["a"], "terkait", listed=False)
    check()
    update = lib.writer.call
    update(lambda: EntryRecord.update(listed=True).where(EntryRecord.id == hidden).execute())
    check()
    update(lambda: EntryRecord.update(feed=ids["c"]).where(EntryRecord.id == hidden).execute())
    check()
    mark_all_read(lib)
    check()
    lib.remove_feed(ids["c"], keep_starred=False)
    check()
    lib.remove_feed(ids["b"])  # its starred article is kept
    check()
