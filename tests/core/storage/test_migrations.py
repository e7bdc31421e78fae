"""Schema versions: fresh databases migrate, newer ones are refused, old ones backed up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsreader.core.errors import StorageError
from newsreader.core.storage import migrations
from newsreader.core.storage.records import bind, make_database


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


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    con = sqlite3.connect(path)
    con.execute("create table keep (x)")
    con.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    con.commit()
    con.close()
    db = make_database(path)
    with pytest.raises(StorageError, match="newer Newsreader"):
        migrations.migrate(db, path)
    db.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST + 1
    con.close()


def test_older_database_is_backed_up_before_migrating(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "n.db"
    db = make_database(path)
    bind(db)
    migrations.migrate(db, path)
    db.execute_sql("insert into meta (key, value) values ('x', 'y')")
    db.close()
    calls = []

    def _m2(database) -> None:
        calls.append(True)
        database.execute_sql("create table extra (id integer)")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _m2])
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    db = make_database(path)
    assert migrations.migrate(db, path) == migrations.LATEST - 1
    db.close()
    backup = tmp_path / f"n.db.v{migrations.LATEST - 1}.bak"
    assert calls and backup.exists()
    con = sqlite3.connect(backup)
    assert con.execute("select value from meta where key='x'").fetchone() == ("y",)
    con.close()


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "n.db"
    db = make_database(path)
    bind(db)
    migrations.migrate(db, path)

    def _broken(database) -> None:
        database.execute_sql("create table half (id integer)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _broken])
    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(db, path)
    assert migrations.schema_version(db) == migrations.LATEST - 1
    names = {r[0] for r in db.execute_sql("select name from sqlite_master")}
    assert "half" not in names
    db.close()


def test_pending_says_when_opening_will_migrate(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    assert not migrations.pending_migrations(path)  # no file yet: a first launch
    db = make_database(path)
    bind(db)
    for step in migrations.MIGRATIONS[:3]:
        step(db)
    db.execute_sql("PRAGMA user_version = 3")
    assert migrations.pending_migrations(path)
    migrations.migrate(db, path)
    db.close()
    assert not migrations.pending_migrations(path)
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert not migrations.pending_migrations(tmp_path / "junk.db")  # opening it says what is wrong
