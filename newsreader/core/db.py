"""peewee records and the database connection (SQLite, WAL, one writer).

Records never leave the core: storage turns them into the frozen types of ``types.py``.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import peewee
from peewee import (
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

log = logging.getLogger(__name__)

database_proxy = DatabaseProxy()

# synchronous=NORMAL is durable in WAL mode across application crashes (issue 4: RSS Guard's
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

    class Meta:
        table_name = "feed"


class EntryRecord(BaseRecord):
    id = AutoField()
    feed = ForeignKeyField(FeedRecord, backref="entries", on_delete="CASCADE")
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
    read = BooleanField(default=False)
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
            (("feed", "listed", "read"), False),
            (("listed", "sort_ts"), False),
            (("url",), False),
        )


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
    """An earlier text of an article that changed after it was fetched (story updates,
    issue 3 point 7). The entry holds the newest text; these are the ones it replaced."""

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


ALL_RECORDS: tuple[type[BaseRecord], ...] = (
    FeedRecord,
    EntryRecord,
    PageRecord,
    ImageRecord,
    EntryImageRecord,
    MetaRecord,
    ArticleVersionRecord,
)


def make_database(path: Path) -> SqliteDatabase:
    """A database object for ``path``; connections are per thread (peewee's default)."""
    return SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)


def bind(db: SqliteDatabase) -> None:
    database_proxy.initialize(db)


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
        )
    )
