"""Moving in from QuiteRSS or RSS Guard: their feeds, folders, articles, read and starred marks
(point 4).

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
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newsreader.core.feeds.opml import normalize_url
from newsreader.core.importers.common import (
    ImportedArticle,
    ImportFailedError,
    ImportReport,
    ensure_feed,
    store_articles,
)
from newsreader.core.importers.reader_databases import READERS, Tables, web_url
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
        # Read-only: the other reader's file is never changed, even if it is still running.
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ImportFailedError(f"cannot open {path}: {exc}") from exc


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
    with closing(_connect(path)) as conn:
        tables = _schema(conn, path)
    kind: DatabaseKind
    for kind in ("quiterss", "rssguard"):
        try:
            _check(tables, kind, path)
        except ImportFailedError:
            continue
        return kind
    raise ImportFailedError(f"{path.name} is neither a QuiteRSS nor an RSS Guard database")


def _schema(conn: sqlite3.Connection, path: Path) -> Tables:
    try:
        return _columns(conn)
    except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
        raise ImportFailedError(f"{path.name} is not a readable database: {exc}") from exc


_REQUIRED: dict[str, dict[str, set[str]]] = {
    "quiterss": {"feeds": {"id", "xmlurl", "parentid"}, "news": {"feedid", "title"}},
    "rssguard": {
        "feeds": {"id", "title", "category"},
        "categories": {"id", "parent_id", "title"},
        "messages": {"feed", "title", "is_read", "is_important"},
    },
}


def _check(tables: Tables, kind: DatabaseKind, path: Path) -> None:
    name = {"quiterss": "a QuiteRSS", "rssguard": "an RSS Guard"}[kind]
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


def read_feeds(path: Path, kind: DatabaseKind) -> tuple[list[SourceFeed], list[str]]:
    """The subscriptions of another reader's database, and the ones that cannot be used."""
    with closing(_connect(path)) as conn:
        tables = _schema(conn, path)
        _check(tables, kind, path)
        return _source_feeds(READERS[kind][0](conn, tables))


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

    Raises:
        ImportFailedError: the file is not such a database (nothing is changed then).
    """
    if kind not in READERS:
        raise ImportFailedError(f"unknown reader {kind!r}; use quiterss or rssguard")
    source = NAMES[kind]
    feeds, problems = read_feeds(path, kind)
    read_articles = READERS[kind][1]
    added: list[int] = []
    skipped = articles = 0
    with closing(_connect(path)) as conn:
        tables = _schema(conn, path)
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
            try:
                articles += _store_feed_articles(
                    writer, feed_id, read_articles(conn, tables, feed.key), now, source
                )
            except sqlite3.DatabaseError as exc:
                problems.append(f"“{feed.title or feed.url}”: articles unreadable: {exc}")
    log.info("%s import of %s: %d feeds added, %d articles", source, path, len(added), articles)
    return ImportReport(len(added), skipped, problems, articles, tuple(added))


def _store_feed_articles(
    writer: Writer,
    feed_id: int,
    articles: Iterator[ImportedArticle],
    now: Callable[[], float],
    source: str,
) -> int:
    stored = 0
    chunk: list[ImportedArticle] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= _CHUNK:
            stored += writer.call(store_articles, feed_id, chunk, now=now(), source=source)
            chunk = []
    if chunk:
        stored += writer.call(store_articles, feed_id, chunk, now=now(), source=source)
    return stored
