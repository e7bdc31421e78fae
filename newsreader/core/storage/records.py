"""peewee records and the database connection (SQLite, WAL, one writer).

Records never leave the core: storage turns them into the frozen types of ``types.py``.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path
from typing import Any

import peewee
from peewee import (
    SQL,
    AutoField,
    BlobField,
    BooleanField,
    DatabaseProxy,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

from newsreader.core.errors import StorageError

log = logging.getLogger(__name__)

database_proxy = DatabaseProxy()

# synchronous=NORMAL is durable in WAL mode across application crashes (RSS Guard's
# synchronous=OFF loses data); busy_timeout lets readers wait out the writer's checkpoints.
PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "normal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "cache_size": -16000,
    "temp_store": "memory",
}


class BaseRecord(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class FeedRecord(BaseRecord):
    id = AutoField()
    url = TextField(unique=True)
    kind = TextField(default="auto")  # feed | index | auto (decided on first fetch)
    title = TextField(default="")
    site_url = TextField(default="")
    folder = TextField(default="")
    etag = TextField(null=True)
    last_modified = TextField(null=True)
    interval_minutes = IntegerField(null=True)  # None: the global default
    ttl_minutes = IntegerField(null=True)
    full_article = BooleanField(null=True)  # None: decided per feed (see update.wants_full_article)
    builtin = BooleanField(default=False)
    removed = BooleanField(default=False)  # unsubscribed but its starred articles were kept
    added_at = FloatField()
    last_fetched_at = FloatField(null=True)
    next_fetch_at = FloatField(default=0.0)
    last_error = TextField(default="")
    error_count = IntegerField(default=0)
    paused = BooleanField(default=False)  # not polled: 410 Gone, or the reader paused it
    body_hash = TextField(null=True)  # SHA-1 of the last body: an unchanged resend is not parsed
    icon_path = TextField(default="")  # the site's icon in the data dir, when known
    # Retention of this feed (migration 4, core/storage/retention.py); None: the global setting.
    keep_days = IntegerField(null=True)
    keep_per_feed = IntegerField(null=True)
    # The reader's choices for this feed (migration 10): a desktop notice for its new
    # articles; its articles open as the feed's summary rather than the full article.
    notify = BooleanField(default=False)
    show_summary = BooleanField(default=False)

    class Meta:
        table_name = "feed"


class EntryRecord(BaseRecord):
    id = AutoField()
    # Indexed by "entry_feed_id_guid" and others that begin with it (migration 7).
    feed = ForeignKeyField(FeedRecord, backref="entries", on_delete="CASCADE", index=False)
    guid = TextField()
    url = TextField(default="")
    title = TextField(default="")
    author = TextField(default="")
    published_ts = FloatField(null=True)  # UTC epoch seconds
    published_offset = IntegerField(null=True)  # minutes east of UTC, as the source gave it
    sort_ts = FloatField()  # published_ts, else when first seen: the list's order
    summary_html = TextField(default="")  # sanitized
    feed_html = TextField(default="")  # sanitized full content the feed carried, if any
    html = TextField(default="")  # sanitized article body
    text = TextField(default="")
    origin = TextField(default="")
    lead_image = TextField(default="")
    related_json = TextField(default="[]")
    extraction = TextField(default="")  # "" pending | site:NAME | generic | summary | feed
    extraction_note = TextField(default="")
    content_hash = TextField(default="")
    # The read mark lives in EntryStateRecord (migration 5): a mark must not rewrite this row.
    starred = BooleanField(default=False)
    starred_at = FloatField(null=True)
    listed = BooleanField(default=True)  # False: fetched only as a related link of another entry
    # The same article (URL) already listed by another feed: shown once in the smart views,
    # and read/star marks apply to every copy.
    duplicate_of = IntegerField(null=True)
    added_at = FloatField()
    fetched_at = FloatField(null=True)
    updated_at = FloatField(null=True)  # a story update replaced the text (migration 2)

    class Meta:
        table_name = "entry"
        indexes = (
            (("feed", "guid"), True),
            (("feed", "listed", "sort_ts"), False),
            (("listed", "sort_ts"), False),
            (("url",), False),
        )


class EntryStateRecord(BaseRecord):
    """What the article lists filter, sort and count by, one narrow row per entry (migration
    5; the schema, its indexes and the triggers are there). ``read`` is stored only here; the
    other columns are copies of EntryRecord's kept by triggers: write those on EntryRecord.
    ``single``: not a copy of an article another feed lists. ``story``: the copies of one
    article (same URL) share it, and their read mark."""

    entry_id = IntegerField(primary_key=True)
    feed_id = IntegerField()
    sort_ts = FloatField()
    listed = BooleanField()
    single = BooleanField()
    starred = BooleanField()
    read = BooleanField(default=False)
    story = IntegerField()

    class Meta:
        table_name = "entry_state"


class FeedTotalRecord(BaseRecord):
    """Listed articles per feed, kept by triggers on entry_state (migration 5)."""

    feed_id = IntegerField(primary_key=True)
    listed = IntegerField()

    class Meta:
        table_name = "feed_total"


class ChangeCountRecord(BaseRecord):
    """How many times a table changed, kept by triggers (migration 6): "feed"."""

    name = TextField(primary_key=True)
    count = IntegerField()

    class Meta:
        table_name = "change_count"


class PageRecord(BaseRecord):
    """Raw article pages, zlib-compressed, so improved rules can re-extract offline."""

    id = AutoField()

    url = TextField(unique=True)
    fetched_at = FloatField()
    content_type = TextField(default="")
    etag = TextField(null=True)
    last_modified = TextField(null=True)
    body = BlobField()
    checked_at = FloatField(null=True)  # last conditional GET for story updates (migration 2)

    class Meta:
        table_name = "page"


class ImageRecord(BaseRecord):
    """One downloaded image; files are content-addressed (one copy shared by all articles)."""

    id = AutoField()

    url = TextField(unique=True)
    sha256 = TextField(default="")
    path = TextField(default="")  # relative to the images dir; "" when the download failed
    mime = TextField(default="")
    size = IntegerField(default=0)
    error = TextField(default="")
    fetched_at = FloatField()
    last_used_at = FloatField(null=True)

    class Meta:
        table_name = "image"


class EntryImageRecord(BaseRecord):
    id = AutoField()
    entry = ForeignKeyField(EntryRecord, backref="image_links", on_delete="CASCADE")
    url = TextField()
    position = IntegerField()

    class Meta:
        table_name = "entry_image"
        indexes = ((("entry", "url"), True), (("url",), False))


class ArticleVersionRecord(BaseRecord):
    """An earlier text of an article that changed after it was fetched (story updates).
    The entry holds the newest text; these are the ones it replaced."""

    id = AutoField()
    entry = ForeignKeyField(EntryRecord, backref="versions", on_delete="CASCADE")
    fetched_at = FloatField()  # when this text was fetched
    title = TextField(default="")
    html = TextField(default="")
    text = TextField(default="")

    class Meta:
        table_name = "article_version"


class MetaRecord(BaseRecord):
    key = TextField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "meta"


def _state_indexes() -> None:
    """The indexes of migration 5, declared so the records describe the migrated schema.
    Each serves named queries of ``listing`` and ``marks``."""
    state = EntryStateRecord
    for name, fields, where in (
        ("entry_state_story", (state.story,), state.story != state.entry_id),
        ("entry_state_unread", (state.feed_id, state.single, state.sort_ts, state.listed,
                                state.read), (state.listed == 1) & (state.read == 0)),
        ("entry_state_feed", (state.feed_id, state.listed, state.sort_ts), None),
        ("entry_state_shown", (state.listed, state.single, state.sort_ts), None),
        ("entry_state_starred", (state.starred, state.sort_ts), None),
    ):  # fmt: skip
        state.add_index(state.index(*fields, where=where, name=name))
    nocase = SQL('"title" COLLATE NOCASE')
    EntryRecord.add_index(EntryRecord.index(nocase, name="entry_title"))
    EntryRecord.add_index(EntryRecord.index(EntryRecord.feed, nocase, name="entry_feed_title"))
    FeedRecord.add_index(FeedRecord.index(nocase, name="feed_title"))


_state_indexes()

ALL_RECORDS: tuple[type[BaseRecord], ...] = (
    FeedRecord,
    EntryRecord,
    PageRecord,
    ImageRecord,
    EntryImageRecord,
    MetaRecord,
    ArticleVersionRecord,
    EntryStateRecord,
    FeedTotalRecord,
    ChangeCountRecord,
)


def _text(value: bytes) -> str:
    """A TEXT value as str. Another program (or a damaged page) can leave bytes that are not
    UTF-8 in a row; sqlite3's own decoding would then fail the whole query, and every list
    holding that row with it. Shown with U+FFFD instead, that row alone is marred."""
    return value.decode("utf-8", "replace")


class _Connection(sqlite3.Connection):
    """Every connection to the library decodes its text with ``_text``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text_factory = _text


def make_database(path: Path) -> SqliteDatabase:
    """A database object for ``path``; connections are per thread (peewee's default)."""
    return SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False, factory=_Connection)


def bind(db: SqliteDatabase) -> None:
    database_proxy.initialize(db)


def root_failure(exc: BaseException) -> BaseException:
    """The error that failed a transaction, not the failed ROLLBACK after it.

    After a full disk or an I/O error SQLite rolls the transaction back by itself; peewee's
    ROLLBACK then fails with "cannot rollback - no transaction is active", an error that hides
    the real one (a full disk was once read as a bug and crashed the refresh).
    """
    while "no transaction is active" in str(exc) and exc.__context__ is not None:
        exc = exc.__context__
    return exc


# What each environmental failure means to the reader, by a word of SQLite's message.
_REASONS = (
    ("full", "the disk is full; free some space and try again"),
    ("locked", "the database is in use by another program"),
    ("busy", "the database is in use by another program"),
    ("readonly", "the library folder cannot be written to"),
    ("malformed", "the database file is damaged"),
    ("not a database", "the database file is damaged"),
    ("vtable constructor failed", "the search index is damaged"),
    ("unable to open", "the database file cannot be opened: no permission, or not a file"),
    ("i/o", "the disk could not be read or written"),
)


def describe_failure(exc: BaseException) -> str:
    """A person-readable reason for an environmental failure, SQLite's own words after it."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return f"{_REASONS[0][1]} ({exc.strerror})"
    text = str(exc)
    reason = next((why for word, why in _REASONS if word in text.lower()), "")
    return f"{reason} ({text})" if reason else text


def as_storage_error(exc: BaseException, doing: str) -> StorageError | None:
    """``StorageError("could not {doing}: {reason}")`` for a failure of the machine (full
    disk, locked, I/O), from the real error; None for a bug, which must propagate."""
    failure = root_failure(exc)
    if not is_environmental(failure):
        return None
    error = StorageError(f"could not {doing}: {describe_failure(failure)}")
    error.__cause__ = failure
    return error


def is_environmental(exc: BaseException) -> bool:
    """True for failures of the machine, not of our code: full disk, locked, I/O, corrupt.

    Only these become StorageError; programming errors (bad SQL) must propagate.
    """
    if not isinstance(exc, sqlite3.Error | OSError | peewee.DatabaseError):
        return False
    text = str(exc).lower()
    return isinstance(exc, OSError) or any(
        word in text
        for word in (
            "disk",
            "full",
            "locked",
            "busy",
            "i/o",
            "malformed",
            "not a database",
            "readonly",
            "vtable constructor failed",  # a virtual table (the search index) unreadable
            "unable to open",  # SQLITE_CANTOPEN: no permission, a folder in its place
        )
    )
