"""Numbered schema migrations, tracked in ``PRAGMA user_version``.

Each migration runs in its own transaction after the file was backed up; a database written
by a newer Newsreader is refused rather than damaged.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from .db import ALL_RECORDS
from .errors import StorageError

log = logging.getLogger(__name__)


def _m1_initial(db: SqliteDatabase) -> None:
    db.create_tables(ALL_RECORDS)


# Append only; never edit a released migration. Index i holds the step to version i + 1.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_m1_initial]
LATEST = len(MIGRATIONS)


def schema_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def backup(path: Path, version: int) -> Path:
    """Copy the database (consistently, through SQLite's backup API) before a migration."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def migrate(db: SqliteDatabase, path: Path | None) -> int:
    """Bring the schema to LATEST. Returns the version found before migrating."""
    found = schema_version(db)
    if found > LATEST:
        raise StorageError(
            f"{path} was written by a newer Newsreader (schema {found}, this version knows "
            f"{LATEST}); update Newsreader to open it"
        )
    if found and found < LATEST and path is not None and path.exists():
        saved = backup(path, found)
        log.info("backed up %s to %s before migrating", path, saved)
    for version in range(found, LATEST):
        with db.atomic():
            MIGRATIONS[version](db)
            db.execute_sql(f"PRAGMA user_version = {version + 1}")
        log.info("migrated %s to schema %d", path, version + 1)
    return found
