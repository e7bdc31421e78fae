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

from .errors import StorageError

log = logging.getLogger(__name__)


# The schema of version 1 as peewee created it from the records of that release. Frozen as
# SQL: creating tables from the current records would build a newer schema under version 1,
# and the later migrations would then fail on a fresh database (duplicate columns).
_V1_SCHEMA = (
    'CREATE TABLE "feed" ("id" INTEGER NOT NULL PRIMARY KEY, "url" TEXT NOT NULL, "kind" TEXT'
    ' NOT NULL, "title" TEXT NOT NULL, "site_url" TEXT NOT NULL, "folder" TEXT NOT NULL, "etag"'
    ' TEXT, "last_modified" TEXT, "interval_minutes" INTEGER, "ttl_minutes" INTEGER,'
    ' "full_article" INTEGER, "builtin" INTEGER NOT NULL, "removed" INTEGER NOT NULL, "added_at"'
    ' REAL NOT NULL, "last_fetched_at" REAL, "next_fetch_at" REAL NOT NULL, "last_error" TEXT'
    ' NOT NULL, "error_count" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "feed_url" ON "feed" ("url")',
    'CREATE TABLE "entry" ("id" INTEGER NOT NULL PRIMARY KEY, "feed_id" INTEGER NOT NULL,'
    ' "guid" TEXT NOT NULL, "url" TEXT NOT NULL, "title" TEXT NOT NULL, "author" TEXT NOT NULL,'
    ' "published_ts" REAL, "published_offset" INTEGER, "sort_ts" REAL NOT NULL, "summary_html"'
    ' TEXT NOT NULL, "feed_html" TEXT NOT NULL, "html" TEXT NOT NULL, "text" TEXT NOT NULL,'
    ' "origin" TEXT NOT NULL, "lead_image" TEXT NOT NULL, "related_json" TEXT NOT NULL,'
    ' "extraction" TEXT NOT NULL, "extraction_note" TEXT NOT NULL, "content_hash" TEXT NOT'
    ' NULL, "read" INTEGER NOT NULL, "starred" INTEGER NOT NULL, "starred_at" REAL, "listed"'
    ' INTEGER NOT NULL, "duplicate_of" INTEGER, "added_at" REAL NOT NULL, "fetched_at" REAL,'
    ' FOREIGN KEY ("feed_id") REFERENCES "feed" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "entry_feed_id" ON "entry" ("feed_id")',
    'CREATE UNIQUE INDEX "entry_feed_id_guid" ON "entry" ("feed_id", "guid")',
    'CREATE INDEX "entry_feed_id_listed_sort_ts" ON "entry" ("feed_id", "listed", "sort_ts")',
    'CREATE INDEX "entry_feed_id_listed_read" ON "entry" ("feed_id", "listed", "read")',
    'CREATE INDEX "entry_listed_sort_ts" ON "entry" ("listed", "sort_ts")',
    'CREATE INDEX "entry_url" ON "entry" ("url")',
    'CREATE TABLE "entry_image" ("id" INTEGER NOT NULL PRIMARY KEY, "entry_id" INTEGER NOT'
    ' NULL, "url" TEXT NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("entry_id")'
    ' REFERENCES "entry" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "entry_image_entry_id" ON "entry_image" ("entry_id")',
    'CREATE UNIQUE INDEX "entry_image_entry_id_url" ON "entry_image" ("entry_id", "url")',
    'CREATE INDEX "entry_image_url" ON "entry_image" ("url")',
    'CREATE TABLE "image" ("id" INTEGER NOT NULL PRIMARY KEY, "url" TEXT NOT NULL, "sha256"'
    ' TEXT NOT NULL, "path" TEXT NOT NULL, "mime" TEXT NOT NULL, "size" INTEGER NOT NULL,'
    ' "error" TEXT NOT NULL, "fetched_at" REAL NOT NULL, "last_used_at" REAL)',
    'CREATE UNIQUE INDEX "image_url" ON "image" ("url")',
    'CREATE TABLE "meta" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "page" ("id" INTEGER NOT NULL PRIMARY KEY, "url" TEXT NOT NULL, "fetched_at"'
    ' REAL NOT NULL, "content_type" TEXT NOT NULL, "etag" TEXT, "last_modified" TEXT, "body"'
    " BLOB NOT NULL)",
    'CREATE UNIQUE INDEX "page_url" ON "page" ("url")',
)


def _m1_initial(db: SqliteDatabase) -> None:
    for statement in _V1_SCHEMA:
        db.execute_sql(statement)


def _m2_story_updates(db: SqliteDatabase) -> None:
    """Story updates (issue 3 point 7): earlier texts of changed articles, when the text was
    replaced, and when each kept page was last re-checked."""
    db.execute_sql('ALTER TABLE "entry" ADD COLUMN "updated_at" REAL')
    db.execute_sql('ALTER TABLE "page" ADD COLUMN "checked_at" REAL')
    db.execute_sql(
        'CREATE TABLE "article_version" ("id" INTEGER NOT NULL PRIMARY KEY, "entry_id" INTEGER'
        ' NOT NULL, "fetched_at" REAL NOT NULL, "title" TEXT NOT NULL, "html" TEXT NOT NULL,'
        ' "text" TEXT NOT NULL, FOREIGN KEY ("entry_id") REFERENCES "entry" ("id")'
        " ON DELETE CASCADE)"
    )
    db.execute_sql('CREATE INDEX "article_version_entry_id" ON "article_version" ("entry_id")')


def _m3_feed_state(db: SqliteDatabase) -> None:
    """Polling state (issue 4): paused feeds (410 Gone), the hash of the last body stored (a
    server that ignores conditional GET resends the same bytes), and the site icon."""
    db.execute_sql('ALTER TABLE "feed" ADD COLUMN "paused" INTEGER NOT NULL DEFAULT 0')
    db.execute_sql('ALTER TABLE "feed" ADD COLUMN "body_hash" TEXT')
    db.execute_sql('ALTER TABLE "feed" ADD COLUMN "icon_path" TEXT NOT NULL DEFAULT \'\'')


# Append only; never edit a released migration. Index i holds the step to version i + 1.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    _m1_initial,
    _m2_story_updates,
    _m3_feed_state,
]
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
