"""Schema versions: the migration machinery, and each migration carrying a library of the
version before it: the committed fixtures tests/data/schemas/vK.db, built there by build.py.

Each migration is checked alone, one step from a copy of the fixture before it. Every fixture
is also opened by the library, up to the newest schema: backed up first, it keeps its rows and
marks and ends with the schema of a fresh database.
"""

from __future__ import annotations

import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsreader.core import paths
from newsreader.core.errors import StorageError
from newsreader.core.library import open_library
from newsreader.core.storage import migrations
from newsreader.core.storage.records import ALL_RECORDS, EntryRecord, bind, make_database
from tests.data.schemas import build
from tests.data.schemas.build import fixture_path
from tests.helpers.search_data import add_entry, fts_integrity

ROOT = Path(__file__).resolve().parents[3]
VERSIONS = range(migrations.LATEST + 1)
UPTO = 'SELECT "upto" FROM "search_indexed"'


def _copy(tmp_path: Path, version: int) -> Path:
    """A copy of fixture ``version`` as the database of the library in ``tmp_path / "data"``."""
    path = paths.database_path(tmp_path / "data")
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fixture_path(version), path)
    return path


def _step(path: Path, to: int) -> None:
    """Migrate ``path`` to schema ``to`` and no further, through ``migrate`` (backup first)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrations, "LATEST", to)
        db = make_database(path)
        try:
            assert migrations.migrate(db, path) == to - 1
        finally:
            db.close()


def _rows(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)  # the fixtures stay as built
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _one(path: Path, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return _rows(path, sql, params)[0][0]


def _names(path: Path, kind: str) -> set[str]:
    sql = "SELECT name FROM sqlite_master WHERE type = ?"
    return {name for (name,) in _rows(path, sql, (kind,))}


def _columns(path: Path, table: str) -> list[str]:
    return [row[1] for row in _rows(path, f'PRAGMA table_info("{table}")')]


def _ids(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[int]:
    return [row[0] for row in _rows(path, sql, params)]


def _marks(path: Path) -> dict[int, tuple[int, int]]:
    """{entry id: (read, starred)}, in either schema: migration 5 moved the read mark."""
    if not _columns(path, "entry"):
        return {}
    if "read" in _columns(path, "entry"):
        sql = 'SELECT "id", "read", "starred" FROM "entry"'
    else:
        sql = 'SELECT "entry_id", "read", "starred" FROM "entry_state"'
    return {i: (read, starred) for i, read, starred in _rows(path, sql)}


def _schema(db_path: Path) -> dict[str, object]:
    con = sqlite3.connect(db_path)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "select name from sqlite_master where type='table' order by name"
            )
        ]
        return {
            name: (
                # name, type, not null, primary key; SQL defaults are left out: an added NOT
                # NULL column needs one, while peewee fills defaults in Python.
                sorted(
                    (c[1], c[2], c[3], c[5]) for c in con.execute(f'PRAGMA table_info("{name}")')
                ),
                sorted(
                    (i[1], i[2], [c[2] for c in con.execute(f'PRAGMA index_info("{i[1]}")')])
                    for i in con.execute(f'PRAGMA index_list("{name}")')
                ),
            )
            for name in tables
        }
    finally:
        con.close()


def _titles(rows: list[Any]) -> list[str]:
    return [row.title for row in rows]


# -- the fixtures ---------------------------------------------------------------------------------


def test_fixture_files_are_what_the_script_builds(tmp_path: Path) -> None:
    hint = "run .venv/bin/python -m tests.data.schemas.build, commit tests/data/schemas/*.db"
    built = build.build(tmp_path)
    committed = sorted(fixture_path(0).parent.glob("v*.db"))
    assert sorted(p.name for p in committed) == sorted(p.name for p in built), hint
    for path in built:
        assert build.contents(fixture_path(int(path.stem[1:]))) == build.contents(path), hint
        assert fixture_path(int(path.stem[1:])).stat().st_size < 64 * 1024  # small fixtures


@pytest.mark.parametrize("version", VERSIONS[1:])
def test_fixture_holds_a_library_worth_migrating(version: int) -> None:
    path = fixture_path(version)
    assert _one(path, "PRAGMA user_version") == version
    assert set(_marks(path).values()) == {(0, 0), (0, 1), (1, 0), (1, 1)}  # read x starred
    assert _one(path, 'SELECT COUNT(DISTINCT "folder") FROM "feed" WHERE "folder" != \'\'') >= 2
    assert _one(path, 'SELECT COUNT(*) FROM "entry" WHERE "duplicate_of" IS NOT NULL') >= 1
    assert _one(path, 'SELECT COUNT(*) FROM "entry" WHERE "related_json" != \'[]\'') == 1
    assert _one(path, 'SELECT COUNT(*) FROM "entry" WHERE NOT "listed"') == 1
    assert version < 2 or _one(path, 'SELECT COUNT(*) FROM "article_version"') == 1
    assert version < 4 or _one(path, 'SELECT COUNT(*) FROM "saved_search"') == 2
    assert version < 4 or _one(path, 'SELECT COUNT(*) FROM "entry_gone"') >= 1
    assert version < 7 or _one(path, UPTO) < _one(path, 'SELECT MAX("id") FROM "entry"')
    assert version < 10 or _one(path, 'SELECT COUNT(*) FROM "feed" WHERE "notify"') == 2
    assert version < 10 or _one(path, 'SELECT COUNT(*) FROM "feed" WHERE "show_summary"') == 1


# -- the machinery --------------------------------------------------------------------------------


def test_fresh_database_reaches_latest(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    db = make_database(path)
    bind(db)
    assert migrations.migrate(db, path) == 0
    assert migrations.schema_version(db) == migrations.LATEST
    tables = {row[0] for row in db.execute_sql("select name from sqlite_master where type='table'")}
    assert {"feed", "entry", "page", "image", "entry_image", "meta"} <= tables
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    db.close()
    assert not list(tmp_path.glob("*.bak"))  # a new file holds nothing to keep


def test_newer_database_is_refused_clearly_and_untouched(tmp_path: Path) -> None:
    path = _copy(tmp_path, migrations.LATEST)
    newer = migrations.LATEST + 1
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {newer}")
    con.commit()
    con.close()
    before = build.contents(path)
    message = (
        rf"^{re.escape(str(path))} was written by a newer Newsreader \(schema {newer}, this"
        rf" version knows {migrations.LATEST}\); update Newsreader to open it$"
    )
    db = make_database(path)
    with pytest.raises(StorageError, match=message):
        migrations.migrate(db, path)
    db.close()
    with pytest.raises(StorageError, match=message):  # the same words through the core's door
        open_library(path.parent)
    assert build.contents(path) == before
    assert not list(path.parent.glob("*.bak"))
    assert not migrations.pending_migrations(path)  # the window announces no upgrade


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy(tmp_path, migrations.LATEST)
    before = build.contents(path)

    def _broken(database) -> None:
        database.execute_sql("create table half (id integer)")
        database.execute_sql('DELETE FROM "entry"')
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _broken])
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    db = make_database(path)
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(db, path)
    assert migrations.schema_version(db) == migrations.LATEST - 1
    db.close()
    assert build.contents(path) == before  # no table "half", and every article still there
    assert build.contents(Path(f"{path}.v{migrations.LATEST - 1}.bak")) == before


def test_pending_says_when_opening_will_migrate(tmp_path: Path) -> None:
    path = paths.database_path(tmp_path / "data")
    assert not migrations.pending_migrations(path)  # no file yet: a first launch
    _copy(tmp_path, 3)
    assert migrations.pending_migrations(path)
    open_library(path.parent).close()
    assert not migrations.pending_migrations(path)
    _copy(tmp_path, 0)
    assert not migrations.pending_migrations(path)  # empty: created, nothing to back up
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert not migrations.pending_migrations(tmp_path / "junk.db")  # opening it says what is wrong


def test_sigkill_in_a_migration_leaves_the_old_database_usable(tmp_path: Path) -> None:
    """Killed halfway through a migration (one tests/helpers/crash_worker.py adds, which
    rewrites the schema and the data), the database is still the version before it."""
    path = _copy(tmp_path, migrations.LATEST)
    before = build.contents(path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.crash_worker", "migrate-crash", str(path.parent)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
    assert Path(f"{path}.v{migrations.LATEST}.bak").exists()  # backed up before it began
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert build.contents(path) == before  # no "crash_probe", every title, feed and mark
    with open_library(path.parent) as lib:  # this version opens it as if nothing happened
        for entry_id, (read, starred) in _marks(path).items():
            entry = lib.entry(entry_id)
            assert (entry.read, entry.starred) == (read, starred)
        assert lib.feed(1).title == "Kompas Nasional"


# -- every version, to the newest -----------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_each_version_upgrades_to_the_fresh_schema(tmp_path: Path, version: int) -> None:
    """Upgraded and fresh databases end alike: columns, indexes, triggers, their SQL."""
    path = _copy(tmp_path, version)
    open_library(path.parent).close()
    fresh = paths.database_path(tmp_path / "fresh")
    open_library(fresh.parent).close()
    assert _schema(path) == _schema(fresh)
    assert build.contents(path)["schema"] == build.contents(fresh)["schema"]


@pytest.mark.parametrize("version", VERSIONS)
def test_each_version_is_backed_up_and_keeps_its_rows_and_marks(
    tmp_path: Path, version: int
) -> None:
    """Every row of the fixture is still there with the same values in the columns that
    stayed, every article keeps its marks, and the backup is the file as it was."""
    old = fixture_path(version)
    path = _copy(tmp_path, version)
    open_library(path.parent).close()
    assert _one(path, "PRAGMA user_version") == migrations.LATEST
    backup = Path(f"{path}.v{version}.bak")
    if 0 < version < migrations.LATEST:
        assert build.contents(backup) == build.contents(old)
    else:  # an empty file holds nothing to keep, and the newest is not migrated
        assert not backup.exists()
    for table in build.contents(old).keys() - {"user_version", "schema"}:
        kept = ", ".join(f'"{c}"' for c in _columns(old, table) if c in _columns(path, table))
        sql = f'SELECT {kept} FROM "{table}" ORDER BY {kept}'
        assert _rows(path, sql) == _rows(old, sql), table
    assert _marks(path) == _marks(old)


def test_migrated_schema_is_the_records_schema(tmp_path: Path) -> None:
    """An upgraded database has the tables the records describe."""
    migrated = _copy(tmp_path, 1)
    open_library(migrated.parent).close()
    modelled = tmp_path / "modelled.db"
    db = make_database(modelled)
    bind(db)
    db.create_tables(ALL_RECORDS)
    db.close()
    # Tables the records describe match; the rest (full-text index, saved searches, the
    # retention log) exist only in SQL, compared fresh against upgraded above.
    tables = {record._meta.table_name for record in ALL_RECORDS}
    by_records = {k: v for k, v in _schema(migrated).items() if k in tables}
    assert by_records == _schema(modelled)


# -- each migration, one step from the version before ---------------------------------------------


def test_migration_1_creates_the_schema_in_an_empty_file(tmp_path: Path) -> None:
    path = _copy(tmp_path, 0)
    _step(path, 1)
    made, v1 = build.contents(path), build.contents(fixture_path(1))
    assert made["schema"] == v1["schema"]
    assert all(made[table] == [] for table in made.keys() - {"user_version", "schema"})
    assert not list(path.parent.glob("*.bak"))


def test_migration_2_keeps_the_articles_and_adds_story_updates(tmp_path: Path) -> None:
    path = _copy(tmp_path, 1)
    _step(path, 2)
    assert Path(f"{path}.v1.bak").exists()
    assert _rows(path, 'SELECT COUNT(*), COUNT("updated_at") FROM "entry"') == [(8, 0)]
    assert _rows(path, 'SELECT "url", "checked_at" FROM "page"') == [(build.BANJIR, None)]
    assert _one(path, 'SELECT COUNT(*) FROM "article_version"') == 0
    assert "article_version_entry_id" in _names(path, "index")
    (flood,) = _ids(path, 'SELECT "id" FROM "entry" WHERE "url" = ?', (build.BANJIR,))
    with open_library(path.parent) as lib:
        entry = lib.entry(flood)
        assert (entry.title, entry.read, entry.starred) == (
            "Banjir Rendam Ratusan Rumah di Bekasi",
            True,
            False,
        )
        assert (entry.updated_at, entry.previous_versions) == (None, 0)
        assert lib.entry_diff(flood) is None
        assert [link.url for link in entry.related] == [build.MENGUNGSI]
        assert [image.url for image in entry.images] == [build.IMAGE]


def test_migration_3_adds_polling_state_to_every_feed(tmp_path: Path) -> None:
    path = _copy(tmp_path, 2)
    _step(path, 3)
    assert Path(f"{path}.v2.bak").exists()
    state = 'SELECT "paused", "body_hash", "icon_path" FROM "feed"'
    assert _rows(path, state) == [(0, None, "")] * 4
    (flood,) = _ids(path, 'SELECT "id" FROM "entry" WHERE "url" = ?', (build.BANJIR,))
    with open_library(path.parent) as lib:
        feeds = lib.feeds()  # the unsubscribed blog is not listed
        assert {f.title: f.folder for f in feeds} == {
            "Kompas Nasional": "Berita",
            "Tempo Bisnis": "Berita",
            "Warta Kota Jakarta": "Jakarta",
        }
        assert not any(f.paused or f.icon_path for f in feeds)
        assert [f.error for f in feeds if f.error] == ["HTTP 503"]
        assert lib.folders() == ["Arsip", "Berita", "Jakarta"]
        entry = lib.entry(flood)  # the story update of version 2 is kept
        assert (entry.title, entry.previous_versions) == ("Banjir Rendam Ribuan Rumah di Bekasi", 1)
        assert "Ratusan" in (lib.entry_diff(flood) or "")


def test_migration_4_indexes_the_stored_articles_for_search(tmp_path: Path) -> None:
    path = _copy(tmp_path, 3)
    _step(path, 4)
    assert Path(f"{path}.v3.bak").exists()
    entries = _ids(path, 'SELECT "id" FROM "entry" ORDER BY "id"')
    assert _ids(path, 'SELECT "id" FROM "entry_fts_docsize" ORDER BY "id"') == entries
    con = sqlite3.connect(path)  # FTS5's own check of the index against the articles
    con.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)")
    con.close()
    assert _rows(path, 'SELECT COUNT(*) FROM "saved_search", "entry_gone"') == [(0,)]
    assert _rows(path, 'SELECT DISTINCT "keep_days", "keep_per_feed" FROM "feed"') == [(None, None)]
    triggers = {"entry_fts_insert", "entry_fts_delete", "entry_fts_update", "entry_gone_skip"}
    assert triggers <= _names(path, "trigger")
    with open_library(path.parent) as lib:
        assert _titles(lib.search("cafe")) == ["Festival Kopi di Café Braga Ramai Pengunjung"]
        assert _titles(lib.search("ribuan rumah")) == ["Banjir Rendam Ribuan Rumah di Bekasi"]
        assert _titles(lib.search("tsunami")) == [
            "Gempa M5,1 Guncang Garut, Tidak Berpotensi Tsunami"
        ]
        assert lib.saved_searches() == []
        fts_integrity(lib)


def test_migration_5_moves_read_marks_to_entry_state(tmp_path: Path) -> None:
    path = _copy(tmp_path, 4)
    _step(path, 5)
    assert Path(f"{path}.v4.bak").exists()
    expected, first = [], {}
    sql = (
        'SELECT "id", "feed_id", "sort_ts", "listed", "duplicate_of" IS NULL, "starred", "read",'
        ' "url" FROM "entry" ORDER BY "id"'
    )
    for *state, url in _rows(fixture_path(4), sql):
        expected.append((*state, first.setdefault(url, state[0])))  # a story: first copy's id
    assert _rows(path, 'SELECT * FROM "entry_state" ORDER BY "entry_id"') == expected
    rice, copy = _ids(path, 'SELECT "id" FROM "entry" WHERE "url" = ? ORDER BY 1', (build.BERAS,))
    assert _rows(
        path, 'SELECT "story", "single" FROM "entry_state" WHERE "entry_id" = ?', (copy,)
    ) == [(rice, 0)]
    assert "read" not in _columns(path, "entry") and "starred" in _columns(path, "entry")
    indexes = _names(path, "index")
    assert {f"entry_state_{n}" for n in ("story", "unread", "feed", "shown", "starred")} <= indexes
    assert {"entry_title", "entry_feed_title", "feed_title"} <= indexes
    assert "entry_feed_id_listed_read" not in indexes
    triggers = {f"entry_state_{n}" for n in ("insert", "update", "url", "delete")}
    assert triggers <= _names(path, "trigger")
    with open_library(path.parent) as lib:
        lib.mark_read([copy])
        assert lib.entry(rice).read  # one story, one mark
        lib.mark_read([rice], False)
        assert not lib.entry(copy).read


def test_migration_6_keeps_feed_totals_and_counts_feed_changes(tmp_path: Path) -> None:
    path = _copy(tmp_path, 5)
    _step(path, 6)
    assert Path(f"{path}.v5.bak").exists()
    listed = 'SELECT "feed_id", COUNT(*) FROM "entry" WHERE "listed" GROUP BY 1 ORDER BY 1'
    totals = _rows(fixture_path(5), listed)
    assert _rows(path, 'SELECT * FROM "feed_total" ORDER BY 1') == totals
    assert _rows(path, 'SELECT * FROM "change_count"') == [("feed", 0)]
    triggers = {f"feed_total_{event}" for event in ("insert", "delete", "update")}
    triggers |= {f"feed_changed_{event}" for event in ("insert", "delete", "update")}
    assert triggers <= _names(path, "trigger")
    with open_library(path.parent) as lib:
        removed = _ids(path, 'SELECT "id" FROM "feed" WHERE "removed"')  # not in the list
        assert [(f.id, f.total) for f in lib.feeds()] == [t for t in totals if t[0] not in removed]
        tempo = next(f.id for f in lib.feeds() if f.title == "Tempo Bisnis")
        lib.set_feed_options(tempo, title="Tempo Bisnis dan Ekonomi")  # seen at once
        assert "Tempo Bisnis dan Ekonomi" in [f.title for f in lib.feeds()]
    assert _rows(path, 'SELECT * FROM "change_count"') == [("feed", 1)]


def test_migration_7_marks_the_indexed_articles_and_keeps_them_searchable(
    tmp_path: Path,
) -> None:
    path = _copy(tmp_path, 6)
    assert "entry_feed_id" in _names(path, "index")
    _step(path, 7)
    assert Path(f"{path}.v6.bak").exists()
    assert _one(path, UPTO) == _one(path, 'SELECT MAX("id") FROM "entry"')
    indexes = _names(path, "index")
    assert "entry_feed_id" not in indexes and "entry_feed_id_guid" in indexes
    entries = _ids(path, 'SELECT "id" FROM "entry" ORDER BY "id"')
    assert _ids(path, 'SELECT "id" FROM "entry_fts_docsize" ORDER BY "id"') == entries
    (jam,) = _ids(path, 'SELECT "id" FROM "entry" WHERE "guid" = \'jembatan-suramadu\'')
    with open_library(path.parent) as lib:
        assert _titles(lib.search("suramadu")) == ["Arus Lalu Lintas Suramadu Padat"]
        lib.writer.call(lambda: EntryRecord.delete().where(EntryRecord.id == jam).execute())
        assert lib.search("suramadu") == []  # the delete trigger still follows indexed rows
        fts_integrity(lib)


def test_migration_8_indexes_nothing_on_insert_and_keeps_the_waiting_articles(
    tmp_path: Path,
) -> None:
    path = _copy(tmp_path, 7)
    upto, top = _one(path, UPTO), _one(path, 'SELECT MAX("id") FROM "entry"')
    assert upto < top  # an article stored at version 7 waits for indexing
    _step(path, 8)
    assert Path(f"{path}.v7.bak").exists()
    assert _one(path, UPTO) == upto
    indexed = _ids(path, 'SELECT "id" FROM "entry" WHERE "id" <= ? ORDER BY "id"', (upto,))
    assert _ids(path, 'SELECT "id" FROM "entry_fts_docsize" ORDER BY "id"') == indexed
    triggers = _names(path, "trigger")
    assert "entry_fts_insert" not in triggers
    assert {"entry_fts_delete", "entry_fts_update"} <= triggers
    feed = _one(path, 'SELECT "feed_id" FROM "entry" WHERE "id" = ?', (top,))
    with open_library(path.parent) as lib:
        assert _titles(lib.search("debat")) == ["Debat Capres Ketiga Digelar Malam Ini"]
        assert _one(path, UPTO) == top  # indexed before the search
        # The delete trigger lowers the mark when it held the deleted row, so the id SQLite
        # reuses for the next article is above it: that article waits, and is indexed.
        lib.writer.call(lambda: EntryRecord.delete().where(EntryRecord.id == top).execute())
        assert _one(path, UPTO) == top - 1
        assert add_entry(lib, feed, "Debat Capres Ditunda", "Debat ditunda sepekan.") == top
        assert _one(path, UPTO) == top - 1
        assert _titles(lib.search("ditunda")) == ["Debat Capres Ditunda"]
        fts_integrity(lib)


def test_migration_9_one_delete_of_the_mark_and_the_waiting_articles_lowers_the_mark(
    tmp_path: Path,
) -> None:
    path = _copy(tmp_path, 8)
    with open_library(path.parent) as lib:
        assert lib.search("monas")  # everything indexed: the mark is on the newest article
        warta = next(f.id for f in lib.feeds() if f.title == "Warta Kota Jakarta")
        add_entry(lib, warta, "Car Free Day Diperpanjang", "Car free day diperpanjang.")  # waits
        lib.remove_feed(warta, keep_starred=False)  # one DELETE: the mark's row, the waiting one
        tempo = next(f.id for f in lib.feeds() if f.title == "Tempo Bisnis")
        add_entry(lib, tempo, "Rupiah Melemah Sore Ini", "Rupiah melemah.")
        assert _one(path, UPTO) < _one(path, 'SELECT MAX("id") FROM "entry"')  # it waits
        assert _titles(lib.search("melemah")) == ["Rupiah Melemah Sore Ini"]


def test_migration_10_gives_every_feed_its_own_notices_and_summary_view_off(
    tmp_path: Path,
) -> None:
    path = _copy(tmp_path, 9)
    kept = 'SELECT "id", "url", "title", "folder", "removed", "keep_days" FROM "feed" ORDER BY 1'
    feeds = _rows(path, kept)
    _step(path, 10)
    assert Path(f"{path}.v9.bak").exists()
    assert _rows(path, kept) == feeds
    assert _rows(path, 'SELECT DISTINCT "notify", "show_summary" FROM "feed"') == [(0, 0)]
    with open_library(path.parent) as lib:
        assert not any(f.notify or f.show_summary for f in lib.feeds())
        tempo = next(f.id for f in lib.feeds() if f.title == "Tempo Bisnis")
        lib.set_feed_options(tempo, notify=True, show_summary=True)
        feed = lib.feed(tempo)
        assert (feed.notify, feed.show_summary, feed.keep_days) == (True, True, 30)
        assert [f.title for f in lib.feeds() if f.notify] == ["Tempo Bisnis"]
        assert _titles(lib.search("suramadu padat")) == ["Jembatan Suramadu Padat Kendaraan"]
