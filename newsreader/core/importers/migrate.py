"""Moving in from QuiteRSS or RSS Guard: their feeds, folders, articles, read and starred marks.

Both keep everything in one SQLite file (QuiteRSS ``feeds.db``, RSS Guard ``database.db``).
The file is opened read-only and checked before anything is written: a file that is not such
a database raises ImportFailedError and changes nothing. Articles are then stored feed by feed,
in short writer jobs, so the window stays usable during a big import; importing the same file
again adds nothing (see ``importing.store_articles``).

Schemas, as those apps create them:
- QuiteRSS (``src/database/database.cpp``): ``feeds(id, text, title, xmlUrl, htmlUrl,
  parentId, ...)``, where a row without ``xmlUrl`` is a folder; ``news(id, feedId, guid,
  description, content, title, published, received, author_name, read, starred, deleted,
  link_href, link_alternate, ...)``, ``published`` an ISO UTC time, ``read`` 0 unread, 1 or 2
  read, ``deleted`` non-zero once the user deleted the article.
- RSS Guard (``resources/sql/db_init_sqlite.sql``): ``Categories(id, parent_id, title, ...)``
  (-1 is the root), ``Feeds(id, title, category, source, custom_id, account_id, ...)`` (older
  versions say ``url`` for ``source``), ``Messages(id, is_read, is_important, is_deleted,
  is_pdeleted, feed, title, url, author, date_created, contents, custom_id, account_id, ...)``,
  ``date_created`` in milliseconds, ``feed`` naming ``Feeds.custom_id`` (``Feeds.id`` in the
  newest versions, where the column is an INTEGER).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newsreader.core.errors import ImportFailedError
from newsreader.core.feeds.opml import normalize_url
from newsreader.core.importers.common import (
    ImportedArticle,
    ImportReport,
    ensure_feed,
    store_articles,
)
from newsreader.core.importers.reader_databases import READERS, Note, Tables, decode_text, web_url
from newsreader.core.storage.writer import Writer

log = logging.getLogger(__name__)

DatabaseKind = Literal["quiterss", "rssguard"]
NAMES: dict[str, str] = {"quiterss": "QuiteRSS", "rssguard": "RSS Guard"}
_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 500  # articles per writer job


@dataclass(frozen=True)
class SourceFeed:
    """A subscription in the other reader's database; ``key`` selects its articles there."""

    key: object
    url: str
    title: str
    folder: str
    site_url: str = ""


# -- opening and recognising -----------------------------------------------------------------
def _connect(path: Path) -> sqlite3.Connection:
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise ImportFailedError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if magic != _SQLITE_MAGIC:
        raise ImportFailedError(f"{path.name} is not a database file (SQLite)")
    try:
        # Read-only and immutable: SQLite then takes no locks and creates no -wal, -shm or
        # -journal file, so the other app's folder may be read-only and nothing is ever left
        # beside its file. The price: changes still in its -wal are not seen (see
        # ``_unsaved_changes``).
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise ImportFailedError(f"cannot open {path}: {exc}") from exc
    conn.text_factory = decode_text
    return conn


@contextmanager
def _opened(
    path: Path, kind: DatabaseKind | None = None
) -> Iterator[tuple[sqlite3.Connection, Tables]]:
    """The other reader's file, open, with its tables (checked to be ``kind``'s if given).

    SQLite finds damage only when it reads the damaged page, so a read anywhere in the block
    may fail: that too becomes ImportFailedError. Writes in the block go through the Writer,
    whose failures are StorageError and pass unchanged.
    """
    what = f"{_A_NAME[kind]} database" if kind else "a QuiteRSS or RSS Guard database"
    with closing(_connect(path)) as conn:
        try:
            tables = _columns(conn)
            if kind is not None:
                _check(tables, kind, path)
            yield conn, tables
        except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
            raise ImportFailedError(
                f"{path.name} cannot be read: it is damaged or is not {what} ({exc})"
            ) from exc


def _columns(conn: sqlite3.Connection) -> Tables:
    """Lower-case table name -> {lower-case column name: declared type}."""
    tables: Tables = {}
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for name in names:
        info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        tables[name.lower()] = {str(col[1]).lower(): str(col[2]).upper() for col in info}
    return tables


def detect_kind(path: Path) -> DatabaseKind:
    """Which reader's database a file is. Raises ImportFailedError for anything else."""
    with _opened(path) as (_, tables):
        pass
    kind: DatabaseKind
    for kind in ("quiterss", "rssguard"):
        try:
            _check(tables, kind, path)
        except ImportFailedError:
            continue
        return kind
    raise ImportFailedError(f"{path.name} is neither a QuiteRSS nor an RSS Guard database")


_REQUIRED: dict[str, dict[str, set[str]]] = {
    "quiterss": {"feeds": {"id", "xmlurl", "parentid"}, "news": {"feedid", "title"}},
    "rssguard": {
        "feeds": {"id", "title", "category"},
        "categories": {"id", "parent_id", "title"},
        "messages": {"feed", "title", "is_read", "is_important"},
    },
}
_A_NAME = {"quiterss": "a QuiteRSS", "rssguard": "an RSS Guard"}


def _check(tables: Tables, kind: DatabaseKind, path: Path) -> None:
    name = _A_NAME[kind]
    for table, needed in _REQUIRED[kind].items():
        if table not in tables:
            raise ImportFailedError(f"{path.name} is not {name} database (no table {table!r})")
        missing = needed - tables[table].keys()
        if missing:
            raise ImportFailedError(
                f"{path.name} is not {name} database this version can read "
                f"(table {table!r} lacks {', '.join(sorted(missing))})"
            )
    if kind == "rssguard" and not {"source", "url"} & tables["feeds"].keys():
        raise ImportFailedError(f"{path.name}: RSS Guard feeds without addresses")


def _unsaved_changes(path: Path, source: str) -> str | None:
    """A warning when the other app's -wal file is there: opened immutable, the import sees
    only the database file itself, not what the app has not yet moved into it."""
    wal = path.with_name(f"{path.name}-wal")
    try:
        if wal.stat().st_size == 0:
            return None
    except OSError:  # no -wal: everything is in the file
        return None
    return (
        f"{wal.name} is there: {source} may still be running, and changes it has not yet "
        f"saved into {path.name} were not imported; close {source} and import again"
    )


def _source_feeds(rows: list[Any]) -> tuple[list[SourceFeed], list[str]]:
    feeds: list[SourceFeed] = []
    problems: list[str] = []
    seen: set[str] = set()
    for key, raw_url, title, folder, site in rows:
        url = normalize_url(str(raw_url))
        if url is None:
            problems.append(
                f"“{title or raw_url}”: not a web address ({raw_url or 'none'}); "
                "its articles were left out"
            )
            continue
        if url in seen:
            continue
        seen.add(url)
        feeds.append(SourceFeed(key, url, " ".join(title.split()), folder, web_url(site)))
    return feeds, problems


# -- importing -------------------------------------------------------------------------------
def import_database(
    writer: Writer, path: Path, kind: DatabaseKind, *, now: Callable[[], float]
) -> ImportReport:
    """Import feeds, folders and articles (with read and starred marks) from QuiteRSS or RSS
    Guard. No network: the feeds are fetched on the next refresh.

    What cannot be read (a damaged row, text that is not UTF-8, a feed without a web address)
    is said in the report's ``problems``; its counts are what was stored.

    Raises:
        ImportFailedError: the file is damaged or not such a database (nothing is changed).
    """
    if kind not in READERS:
        raise ImportFailedError(f"unknown reader {kind!r}; use quiterss or rssguard")
    source = NAMES[kind]
    read_feeds, read_articles = READERS[kind]
    problems: list[str] = []
    added: list[int] = []
    skipped = articles = 0
    with _opened(path, kind) as (conn, tables):
        unsaved = _unsaved_changes(path, source)
        problems += [unsaved] if unsaved else []
        rows = read_feeds(conn, tables, problems.append)
        problems += [] if rows else [_no_feeds(path, kind)]
        feeds, unusable = _source_feeds(rows)
        problems += unusable
        for feed in feeds:
            feed_id, is_new = writer.call(
                ensure_feed,
                feed.url,
                now=now(),
                title=feed.title,
                folder=feed.folder,
                site_url=feed.site_url,
                kind="auto",
            )
            if is_new:
                added.append(feed_id)
            else:
                skipped += 1
            note = _feed_note(problems, feed.title or feed.url)
            found = read_articles(conn, tables, feed.key, note)
            articles += _store_feed_articles(writer, feed_id, found, now, source, note)
    log.info("%s import of %s: %d feeds added, %d articles", source, path, len(added), articles)
    return ImportReport(len(added), skipped, problems, articles, tuple(added))


def _no_feeds(path: Path, kind: DatabaseKind) -> str:
    """Why nothing came in from a file without feeds: QuiteRSS may work on a copy in memory
    and write its file only when it quits, so during its first session the file is empty."""
    if kind == "quiterss":
        return (
            f"{path.name} holds no feeds yet; QuiteRSS writes them when it quits: "
            "close QuiteRSS and import again"
        )
    return f"{path.name} holds no feeds"


def _feed_note(problems: list[str], name: str) -> Note:
    return lambda text: problems.append(f"“{name}”: {text}")


def _store_feed_articles(
    writer: Writer,
    feed_id: int,
    articles: Iterator[ImportedArticle],
    now: Callable[[], float],
    source: str,
    note: Note,
) -> int:
    """Store a feed's articles a writer job at a time; returns how many were new.

    A read failing part-way (a damaged page) keeps every article read before it, so the count
    stays true; the rest of the feed is noted as left out.
    """
    stored = read = 0
    chunk: list[ImportedArticle] = []
    try:
        for article in articles:
            read += 1
            chunk.append(article)
            if len(chunk) >= _CHUNK:
                stored += writer.call(store_articles, feed_id, chunk, now=now(), source=source)
                chunk = []
    except sqlite3.DatabaseError as exc:  # only reads raise it: the Writer's is StorageError
        if read:
            note(f"its articles could not all be read; {read} were, the rest left out ({exc})")
        else:
            note(f"its articles could not be read ({exc})")
    if chunk:
        stored += writer.call(store_articles, feed_id, chunk, now=now(), source=source)
    return stored
