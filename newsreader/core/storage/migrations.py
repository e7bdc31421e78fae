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

from newsreader.core.errors import StorageError
from newsreader.core.storage.records import as_storage_error, bind, make_database

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
    """Story updates: earlier texts of changed articles, when the text was
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
    """Polling state: paused feeds (410 Gone), the hash of the last body stored (a
    server that ignores conditional GET resends the same bytes), and the site icon."""
    db.execute_sql('ALTER TABLE "feed" ADD COLUMN "paused" INTEGER NOT NULL DEFAULT 0')
    db.execute_sql('ALTER TABLE "feed" ADD COLUMN "body_hash" TEXT')
    db.execute_sql('ALTER TABLE "feed" ADD COLUMN "icon_path" TEXT NOT NULL DEFAULT \'\'')


# Full-text search. External content: the text is stored once, in "entry";
# the index holds only tokens, kept in step by triggers (so every writer, bulk inserts and
# imports included, updates it). unicode61 with remove_diacritics 2 folds case and accents:
# "cafe" finds "café". The update trigger skips rows whose indexed text did not change (a
# feed update rewrites the title with the same value).
_FTS_COLUMNS = "title, author, text"
_FTS_OLD = "'delete', old.id, old.title, old.author, old.text"
_FTS_NEW = "new.id, new.title, new.author, new.text"
_SEARCH_SCHEMA = (
    f"CREATE VIRTUAL TABLE \"entry_fts\" USING fts5({_FTS_COLUMNS}, content='entry',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    'CREATE TRIGGER "entry_fts_insert" AFTER INSERT ON "entry" BEGIN'
    f" INSERT INTO entry_fts(rowid, {_FTS_COLUMNS}) VALUES ({_FTS_NEW}); END",
    'CREATE TRIGGER "entry_fts_delete" AFTER DELETE ON "entry" BEGIN'
    f" INSERT INTO entry_fts(entry_fts, rowid, {_FTS_COLUMNS}) VALUES ({_FTS_OLD}); END",
    'CREATE TRIGGER "entry_fts_update" AFTER UPDATE OF title, author, text ON "entry"'
    " WHEN old.title IS NOT new.title OR old.author IS NOT new.author"
    " OR old.text IS NOT new.text BEGIN"
    f" INSERT INTO entry_fts(entry_fts, rowid, {_FTS_COLUMNS}) VALUES ({_FTS_OLD});"
    f" INSERT INTO entry_fts(rowid, {_FTS_COLUMNS}) VALUES ({_FTS_NEW}); END",
    "INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')",
    'CREATE TABLE "saved_search" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL,'
    ' "query" TEXT NOT NULL, "created_at" REAL NOT NULL)',
    # Retention: the guids of articles it deleted, so a feed still carrying
    # them does not bring them back as new. A starred or unlisted insert is never skipped.
    'CREATE TABLE "entry_gone" ("feed_id" INTEGER NOT NULL, "guid" TEXT NOT NULL, "gone_at"'
    ' REAL NOT NULL, PRIMARY KEY ("feed_id", "guid"), FOREIGN KEY ("feed_id") REFERENCES'
    ' "feed" ("id") ON DELETE CASCADE) WITHOUT ROWID',
    'CREATE TRIGGER "entry_gone_skip" BEFORE INSERT ON "entry" WHEN new.listed AND NOT'
    ' new.starred AND EXISTS (SELECT 1 FROM "entry_gone" WHERE "feed_id" = new.feed_id AND'
    ' "guid" = new.guid) BEGIN SELECT RAISE(IGNORE); END',
    # Per-feed retention; NULL follows Settings.keep_days / keep_per_feed.
    'ALTER TABLE "feed" ADD COLUMN "keep_days" INTEGER',
    'ALTER TABLE "feed" ADD COLUMN "keep_per_feed" INTEGER',
)


def _m4_search_retention(db: SqliteDatabase) -> None:
    """Full-text search with saved searches and retention; the
    index is filled from the articles already stored."""
    for statement in _SEARCH_SCHEMA:
        db.execute_sql(statement)


# Reading state in a narrow table (the reader's desk at 200,000 articles). A read mark
# in "entry" rewrote the whole ~10 KB row, overflow pages and all: marking 140,000 articles
# read took 7 s. "entry_state" holds what the lists filter, sort and count by, one ~30-byte
# row per article: "read" lives only here; the others are copies of "entry" columns kept by
# triggers, so every writer (bulk inserts and imports included) keeps them in step. "single"
# is "duplicate_of IS NULL". "story" groups the copies of one article (same URL), whose marks
# are shared: the story of the first copy stored, else the article's own id. A new copy takes
# the read mark of its story. Each index serves named queries (core/storage/listing.py, marks.py);
# only "entry_state_unread" holds read, as a partial index, so a mark deletes or adds one
# index entry and a bulk mark stays cheap.
_STATE_MATE = (
    'SELECT {what} FROM "entry" AS e JOIN "entry_state" AS m ON m."entry_id" = e."id"'
    ' WHERE e."url" = new."url" AND new."url" != \'\' AND e."id" != new."id"'
)
_MATE_READ = _STATE_MATE.format(what='MAX(m."read")')
_MATE_STORY = _STATE_MATE.format(what='MIN(m."story")')
_STATE_SCHEMA = (
    'CREATE TABLE "entry_state" ("entry_id" INTEGER NOT NULL PRIMARY KEY, "feed_id" INTEGER'
    ' NOT NULL, "sort_ts" REAL NOT NULL, "listed" INTEGER NOT NULL, "single" INTEGER NOT NULL,'
    ' "starred" INTEGER NOT NULL, "read" INTEGER NOT NULL DEFAULT 0, "story" INTEGER NOT NULL)',
    'INSERT INTO "entry_state" SELECT "id", "feed_id", "sort_ts", "listed", "duplicate_of" IS'
    ' NULL, "starred", "read", "id" FROM "entry"',
    'WITH "shared" ("url", "head") AS (SELECT "url", MIN("id") FROM "entry" WHERE "url" != \'\''
    ' GROUP BY "url" HAVING COUNT(*) > 1) UPDATE "entry_state" SET "story" = "shared"."head"'
    ' FROM "entry" JOIN "shared" ON "shared"."url" = "entry"."url"'
    ' WHERE "entry"."id" = "entry_state"."entry_id"',
    'CREATE INDEX "entry_state_story" ON "entry_state" ("story") WHERE "story" != "entry_id"',
    # "listed" and "read" are constant in it, yet listed: SQLite 3.40 reads a partial index
    # alone (covering) only when it holds every column the statement names.
    'CREATE INDEX "entry_state_unread" ON "entry_state" ("feed_id", "single", "sort_ts",'
    ' "listed", "read") WHERE "listed" = 1 AND "read" = 0',
    'CREATE INDEX "entry_state_feed" ON "entry_state" ("feed_id", "listed", "sort_ts")',
    'CREATE INDEX "entry_state_shown" ON "entry_state" ("listed", "single", "sort_ts")',
    'CREATE INDEX "entry_state_starred" ON "entry_state" ("starred", "sort_ts")',
    'CREATE INDEX "entry_title" ON "entry" ("title" COLLATE NOCASE)',
    'CREATE INDEX "entry_feed_title" ON "entry" ("feed_id", "title" COLLATE NOCASE)',
    'CREATE INDEX "feed_title" ON "feed" ("title" COLLATE NOCASE)',
    'CREATE TRIGGER "entry_state_insert" AFTER INSERT ON "entry" BEGIN INSERT INTO'
    ' "entry_state" VALUES (new."id", new."feed_id", new."sort_ts", new."listed",'
    ' new."duplicate_of" IS NULL, new."starred",'
    f' COALESCE(({_MATE_READ}), 0), COALESCE(({_MATE_STORY}), new."id")); END',
    'CREATE TRIGGER "entry_state_update" AFTER UPDATE OF "feed_id", "sort_ts", "listed",'
    ' "duplicate_of", "starred" ON "entry" BEGIN UPDATE "entry_state" SET "feed_id" ='
    ' new."feed_id", "sort_ts" = new."sort_ts", "listed" = new."listed", "single" ='
    ' new."duplicate_of" IS NULL, "starred" = new."starred" WHERE "entry_id" = new."id"; END',
    'CREATE TRIGGER "entry_state_url" AFTER UPDATE OF "url" ON "entry" WHEN old."url" IS NOT'
    ' new."url" BEGIN UPDATE "entry_state" SET "story" ='
    f' COALESCE(({_MATE_STORY}), new."id") WHERE "entry_id" = new."id"; END',
    'CREATE TRIGGER "entry_state_delete" AFTER DELETE ON "entry" BEGIN DELETE FROM'
    ' "entry_state" WHERE "entry_id" = old."id"; END',
    'DROP INDEX "entry_feed_id_listed_read"',
    'ALTER TABLE "entry" DROP COLUMN "read"',
)


def _m5_entry_state(db: SqliteDatabase) -> None:
    """Read marks and the lists' keys in the narrow "entry_state" table;
    title and feed-title indexes for sorting the list. Rewrites "entry" once (DROP COLUMN:
    about 15 s per GB of cache)."""
    if sqlite3.sqlite_version_info < (3, 35, 0):  # DROP COLUMN, UPDATE ... FROM
        raise StorageError(f"SQLite {sqlite3.sqlite_version} is too old: 3.35 or newer needed")
    for statement in _STATE_SCHEMA:
        db.execute_sql(statement)


# What the window re-reads after every mark, kept rather than counted: the listed
# articles per feed in "feed_total" (a 200,000-row scan each time otherwise; a read mark does
# not change them), and a count of the changes to "feed" in "change_count", so the feed list
# keeps its values until a feed changes (core/storage/feed_list.py). Both by triggers.
_TOTAL_ADD = (  # (an upsert's SELECT needs its WHERE: SQLite's parser)
    'INSERT INTO "feed_total" SELECT {row}."feed_id", 1 WHERE {row}."listed" ON CONFLICT'
    ' ("feed_id") DO UPDATE SET "listed" = "listed" + 1'
)
_TOTAL_SUB = (
    'UPDATE "feed_total" SET "listed" = "listed" - 1 WHERE "feed_id" = {row}."feed_id" AND'
    ' {row}."listed"'
)
# IF NOT EXISTS, OR REPLACE, DROP: for some minutes of development the totals were part of
# migration 5 (with the count in "meta"), so a cache built then has them at version 5.
_KEPT_SCHEMA = (
    'CREATE TABLE IF NOT EXISTS "feed_total" ("feed_id" INTEGER NOT NULL PRIMARY KEY,'
    ' "listed" INTEGER NOT NULL)',
    'INSERT OR REPLACE INTO "feed_total" SELECT "feed_id", COUNT(*) FROM "entry_state" WHERE'
    ' "listed" = 1 GROUP BY "feed_id"',
    'CREATE TRIGGER IF NOT EXISTS "feed_total_insert" AFTER INSERT ON "entry_state" WHEN'
    f' new."listed" BEGIN {_TOTAL_ADD.format(row="new")}; END',
    'CREATE TRIGGER IF NOT EXISTS "feed_total_delete" AFTER DELETE ON "entry_state" WHEN'
    f' old."listed" BEGIN {_TOTAL_SUB.format(row="old")}; END',
    'CREATE TRIGGER IF NOT EXISTS "feed_total_update" AFTER UPDATE OF "listed", "feed_id" ON'
    ' "entry_state" WHEN old."listed" != new."listed" OR old."feed_id" != new."feed_id" BEGIN'
    f" {_TOTAL_SUB.format(row='old')}; {_TOTAL_ADD.format(row='new')}; END",
    'CREATE TABLE "change_count" ("name" TEXT NOT NULL PRIMARY KEY, "count" INTEGER NOT NULL)',
    "INSERT INTO \"change_count\" VALUES ('feed', 0)",
    'DELETE FROM "meta" WHERE "key" = \'feed_generation\'',
    *(
        f'DROP TRIGGER IF EXISTS "feed_generation_{event.lower()}"'
        for event in ("insert", "update", "delete")
    ),
    *(
        f'CREATE TRIGGER "feed_changed_{event.lower()}" AFTER {event} ON "feed" BEGIN UPDATE'
        ' "change_count" SET "count" = "count" + 1 WHERE "name" = \'feed\'; END'
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
)


def _m6_kept_counts(db: SqliteDatabase) -> None:
    """Feed totals and a feed-table generation, kept by triggers."""
    for statement in _KEPT_SCHEMA:
        db.execute_sql(statement)


# Search indexing in batches (the goal: a cold refresh of 500 feeds in under 2 s). Indexing
# each new article as it was inserted cost 1.0 s of the 25,000 (FTS5 writes a segment per
# transaction, then merges them); the same rows indexed in one statement take 0.07 s. New
# articles above "search_indexed"."upto" wait for ``search_index.index_pending``, run at the
# end of each refresh and before every search. Deletes and updates of indexed rows keep the
# index in step as before; an insert at or below the mark (SQLite reuses the highest rowid
# after it was deleted) is indexed at once. "entry_feed_id" went: "entry_feed_id_guid" and
# "entry_feed_id_listed_sort_ts" begin with the same column, and each index costs inserts.
_INDEXED = '(SELECT "upto" FROM "search_indexed")'
_INDEX_LATER_SCHEMA = (
    'CREATE TABLE "search_indexed" ("upto" INTEGER NOT NULL)',
    'INSERT INTO "search_indexed" SELECT COALESCE(MAX("id"), 0) FROM "entry"',
    'DROP TRIGGER "entry_fts_insert"',
    'DROP TRIGGER "entry_fts_delete"',
    'DROP TRIGGER "entry_fts_update"',
    f'CREATE TRIGGER "entry_fts_insert" AFTER INSERT ON "entry" WHEN new.id <= {_INDEXED}'
    f" BEGIN INSERT INTO entry_fts(rowid, {_FTS_COLUMNS}) VALUES ({_FTS_NEW}); END",
    f'CREATE TRIGGER "entry_fts_delete" AFTER DELETE ON "entry" WHEN old.id <= {_INDEXED}'
    f" BEGIN INSERT INTO entry_fts(entry_fts, rowid, {_FTS_COLUMNS}) VALUES ({_FTS_OLD}); END",
    'CREATE TRIGGER "entry_fts_update" AFTER UPDATE OF title, author, text ON "entry"'
    f" WHEN old.id <= {_INDEXED} AND (old.title IS NOT new.title"
    " OR old.author IS NOT new.author OR old.text IS NOT new.text) BEGIN"
    f" INSERT INTO entry_fts(entry_fts, rowid, {_FTS_COLUMNS}) VALUES ({_FTS_OLD});"
    f" INSERT INTO entry_fts(rowid, {_FTS_COLUMNS}) VALUES ({_FTS_NEW}); END",
    'DROP INDEX IF EXISTS "entry_feed_id"',
)


def _m7_index_later(db: SqliteDatabase) -> None:
    """New articles indexed for search in batches; one redundant index dropped."""
    for statement in _INDEX_LATER_SCHEMA:
        db.execute_sql(statement)


# No trigger on insert at all: the check of migration 7's insert trigger, an
# article id against the mark, cost 0.18 s of the single writer's time per 25,000 articles.
# It was there for SQLite reusing the highest id after that row is deleted; instead, the
# delete trigger now lowers the mark when the row it deletes held it, to the highest id left
# (never above the mark), so a reused id is always above the mark and waits its turn.
_NO_INSERT_CHECK_SCHEMA = (
    'DROP TRIGGER "entry_fts_insert"',
    'DROP TRIGGER "entry_fts_delete"',
    f'CREATE TRIGGER "entry_fts_delete" AFTER DELETE ON "entry" WHEN old.id <= {_INDEXED}'
    f" BEGIN INSERT INTO entry_fts(entry_fts, rowid, {_FTS_COLUMNS}) VALUES ({_FTS_OLD});"
    ' UPDATE "search_indexed" SET "upto" = MIN("upto", COALESCE((SELECT MAX("id") FROM'
    ' "entry"), 0)) WHERE "upto" = old.id; END',
)


def _m8_no_insert_check(db: SqliteDatabase) -> None:
    """Inserting an article runs no search-index trigger."""
    for statement in _NO_INSERT_CHECK_SCHEMA:
        db.execute_sql(statement)


# The mark must also come down when one statement deletes the article at the mark together
# with articles waiting above it (a feed removed before its newest articles were indexed):
# migration 8 lowered it only while the row at the mark went, to the highest id left at that
# moment, which could be one of the waiting rows about to go. SQLite then hands out ids at
# or below the stale mark, and those articles would never be indexed. Rows above the mark
# only: the row at the mark is migration 8's trigger's, which must still see it indexed.
_MARK_SCHEMA = (
    f'CREATE TRIGGER "entry_search_mark" AFTER DELETE ON "entry" WHEN old.id > {_INDEXED}'
    ' BEGIN UPDATE "search_indexed" SET "upto" = MIN("upto", COALESCE((SELECT MAX("id") FROM'
    ' "entry"), 0)); END',
)


def _m9_mark_follows_deletes(db: SqliteDatabase) -> None:
    """The search mark never stays above the highest article after a delete."""
    for statement in _MARK_SCHEMA:
        db.execute_sql(statement)


# Per-feed choices of the reader, on the feed like its interval and retention: a desktop
# notice for its new articles, and its summary shown instead of the full article. They were
# kept apart (a list of feed ids in settings.json, another in QSettings), where a removed
# feed's id stayed behind for the next feed SQLite gave that id to; stored on the row, they go
# with it. The library carries an older settings.json's list over when it opens.
_FEED_CHOICES_SCHEMA = (
    'ALTER TABLE "feed" ADD COLUMN "notify" INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE "feed" ADD COLUMN "show_summary" INTEGER NOT NULL DEFAULT 0',
)


def _m10_feed_choices(db: SqliteDatabase) -> None:
    """Notifications and the summary view chosen per feed, on the feed."""
    for statement in _FEED_CHOICES_SCHEMA:
        db.execute_sql(statement)


# Append only; never edit a released migration. Index i holds the step to version i + 1.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    _m1_initial,
    _m2_story_updates,
    _m3_feed_state,
    _m4_search_retention,
    _m5_entry_state,
    _m6_kept_counts,
    _m7_index_later,
    _m8_no_insert_check,
    _m9_mark_follows_deletes,
    _m10_feed_choices,
]
LATEST = len(MIGRATIONS)


def pending_migrations(path: Path) -> bool:
    """Whether opening the database at ``path`` migrates it (and first backs it up: seconds
    for a cache of gigabytes), so that the window can say so while it happens."""
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            found = int(con.execute("PRAGMA user_version").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return False  # opening it will say what is wrong
    return 0 < found < LATEST


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


def open_database(path: Path) -> SqliteDatabase:
    """The library's database at ``path`` (created if new), the records bound to it and its
    schema brought to LATEST. StorageError if the machine refuses (a full disk, a locked file)."""
    db = make_database(path)
    bind(db)
    try:
        with db.connection_context():
            migrate(db, path)
    except Exception as exc:  # a full disk or a locked file is the reader's to fix, no bug
        error = as_storage_error(exc, f"open the library {path}")
        if error is None:
            raise
        raise error from error.__cause__
    return db
