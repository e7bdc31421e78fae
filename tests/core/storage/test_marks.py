"""Read marks: mark all read returns exactly what it marked, undo restores
it, copies of an article in other feeds share the mark; and migration 5, which moved the
mark to the narrow entry_state table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import fn

from newsreader.core import paths
from newsreader.core.library import Library, open_library
from newsreader.core.storage import marks, migrations
from newsreader.core.storage.records import (
    EntryRecord,
    EntryStateRecord,
    FeedTotalRecord,
    bind,
    make_database,
)
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
    assert lib.mark_all_read(**where) == len(names)  # type: ignore[arg-type]
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
    lib.mark_all_read()
    check()
    lib.remove_feed(ids["c"], keep_starred=False)
    check()
    lib.remove_feed(ids["b"])  # its starred article is kept
    check()


# -- migrations 5 and 6 ---------------------------------------------------------------------------


MINE = migrations.MIGRATIONS.index(migrations._m5_entry_state)  # the version before mine
KEPT = migrations.MIGRATIONS.index(migrations._m6_kept_counts)  # and before the kept counts


def _at_version(path: Path, version: int) -> None:
    db = make_database(path)
    bind(db)
    for step in range(version):
        with db.atomic():
            migrations.MIGRATIONS[step](db)
            db.execute_sql(f"PRAGMA user_version = {step + 1}")
    db.execute_sql(
        "insert into feed (url, kind, title, site_url, folder, builtin, removed, added_at,"
        " next_fetch_at, last_error, error_count) values ('https://a.example/rss', 'feed', 'A',"
        " '', '', 0, 0, 1.0, 0.0, '', 0), ('https://b.example/rss', 'feed', 'B', '', '', 0, 0,"
        " 1.0, 0.0, '', 0)"
    )
    db.close()


def test_migration_moves_read_marks_to_entry_state(tmp_path: Path) -> None:
    path = paths.database_path(tmp_path)
    _at_version(path, MINE)
    db = make_database(path)
    bind(db)
    for n, (feed, url, read, starred, listed, dup) in enumerate([
        (1, "https://x.example/1", 1, 0, 1, None),
        (1, "https://x.example/2", 0, 1, 1, None),
        (2, "https://x.example/1", 1, 0, 1, 1),  # a copy of the first
        (2, "https://x.example/3", 0, 0, 0, None),  # fetched as a related link only
    ]):  # fmt: skip
        db.execute_sql(
            "insert into entry (feed_id, guid, url, title, author, sort_ts, summary_html,"
            " feed_html, html, text, origin, lead_image, related_json, extraction,"
            " extraction_note, content_hash, read, starred, listed, duplicate_of, added_at)"
            " values (?, ?, ?, 'Judul', '', ?, '', '', '', 'Isi.', '', '', '[]', '', '', '', ?,"
            " ?, ?, ?, 1.0)",
            (feed, f"g{n}", url, 10.0 + n, read, starred, listed, dup),
        )
    db.close()
    with open_library(tmp_path) as lib:
        assert migrations.schema_version(lib._db) == migrations.LATEST
        rows = EntryStateRecord.select().order_by(EntryStateRecord.entry_id).tuples()
        assert [r[1:] for r in rows] == [
            # feed, sort_ts, listed, single, starred, read, story
            (1, 10.0, True, True, False, True, 1),
            (1, 11.0, True, True, True, False, 2),
            (2, 12.0, True, False, False, True, 1),
            (2, 13.0, False, True, False, False, 4),
        ]
        assert [e.read for e in lib.entries_by_id([1, 2, 3, 4])] == [True, False, True, False]
        assert dict(FeedTotalRecord.select().tuples()) == {1: 2, 2: 1}
        lib.mark_read([3], False)
        assert not lib.entry(1).read  # still one story
    assert (tmp_path / f"newsreader.db.v{MINE}.bak").exists()
    con = sqlite3.connect(path)
    columns = {row[1] for row in con.execute('PRAGMA table_info("entry")')}
    con.close()
    assert "read" not in columns and "starred" in columns


def test_migration_keeps_feed_totals_and_counts_feed_changes(tmp_path: Path) -> None:
    path = paths.database_path(tmp_path)
    _at_version(path, KEPT)
    db = make_database(path)
    bind(db)
    for n, (feed, listed) in enumerate([(1, 1), (1, 1), (1, 0), (2, 1)]):
        db.execute_sql(
            "insert into entry (feed_id, guid, url, title, author, sort_ts, summary_html,"
            " feed_html, html, text, origin, lead_image, related_json, extraction,"
            " extraction_note, content_hash, starred, listed, added_at) values (?, ?, ?, 'J',"
            " '', 1.0, '', '', '', '', '', '', '[]', '', '', '', 0, ?, 1.0)",
            (feed, f"g{n}", f"https://x.example/{n}", listed),
        )
    db.close()
    with open_library(tmp_path) as lib:
        assert dict(FeedTotalRecord.select().tuples()) == {1: 2, 2: 1}
        assert [(f.title, f.total) for f in lib.feeds()] == [("A", 2), ("B", 1)]
        lib.set_feed_options(2, title="B baru")  # the feed list sees the change at once
        assert [f.title for f in lib.feeds()] == ["A", "B baru"]
    assert (tmp_path / f"newsreader.db.v{KEPT}.bak").exists()
