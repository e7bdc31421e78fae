"""Reading QuiteRSS's and RSS Guard's tables (for ``migrate_in``; schemas described there).

Each reader has two functions: ``*_feeds(conn, tables, note)`` gives rows ``(key, url, title,
folder, site_url)`` and ``*_articles(conn, tables, key, note)`` yields that feed's articles.
``tables`` maps lower-case table names to their columns, so a column missing from an older
version of the other app reads as NULL instead of failing.

SQLite does not hold a column to its declared type, and these files were written by other
programs: a "text" column may hold a BLOB, a number, or bytes that are not UTF-8. Every value is
read as text anyway (``decode_text`` is the connection's ``text_factory``; BLOBs go through it
too), so one odd row can neither stop an import nor hide the rows after it. Bytes that are not
UTF-8 become U+FFFD, and the row is named to ``note`` as a sentence for the import report.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from newsreader.core.extract.sanitize import html_to_text
from newsreader.core.feeds.opml import FOLDER_SEPARATOR, normalize_url
from newsreader.core.importers.common import ImportedArticle

Tables = dict[str, dict[str, str]]
Note = Callable[[str], None]  # takes a sentence for ImportReport.problems
_CHUNK = 500
_REPLACED = "stored with � in place of the unreadable characters"


class _Mangled(str):
    """Text that was not UTF-8, decoded with U+FFFD: the type lets a row say it was damaged
    after the fact, since a ``text_factory`` cannot report anything itself."""


def decode_text(raw: bytes) -> str:
    """UTF-8 text from the other reader's file, never raising (see ``_Mangled``)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _Mangled(raw.decode("utf-8", "replace"))


def _decoded(row: Sequence[object]) -> tuple[list[object], bool]:
    """``row`` with its BLOBs decoded as text; True if any value was not UTF-8."""
    values = [decode_text(v) if isinstance(v, bytes) else v for v in row]
    return values, any(isinstance(v, _Mangled) for v in values)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _select(tables: Tables, table: str, wanted: tuple[str, ...]) -> str:
    """A column list where columns missing from this version read as NULL."""
    have = tables[table]
    return ", ".join(f'"{c}"' if c.lower() in have else f'NULL AS "{c}"' for c in wanted)


# -- QuiteRSS --------------------------------------------------------------------------------
def quiterss_feeds(conn: sqlite3.Connection, tables: Tables, note: Note) -> list[Any]:
    cols = _select(tables, "feeds", ("id", "text", "title", "xmlUrl", "htmlUrl", "parentId"))
    order = "parentId, rowToParent, id" if "rowtoparent" in tables["feeds"] else "id"
    rows = _all_rows(conn, f"SELECT {cols} FROM feeds ORDER BY {order}", note, name_at=1)
    folders = {r[0]: (_text(r[1]) or _text(r[2]), r[5]) for r in rows if not _text(r[3]).strip()}
    found = []
    for fid, text, title, xml_url, html_url, parent in rows:
        if _text(xml_url).strip():
            name = _text(text) or _text(title)
            found.append((fid, _text(xml_url), name, _path(folders, parent), _text(html_url)))
    return found


def quiterss_articles(
    conn: sqlite3.Connection, tables: Tables, key: object, note: Note
) -> Iterator[ImportedArticle]:
    wanted = (
        "guid",
        "title",
        "link_href",
        "link_alternate",
        "published",
        "received",
        "author_name",
        "description",
        "content",
        "read",
        "starred",
        "deleted",
    )
    # Deleted articles last: one also kept undeleted (a duplicate row) is stored first, and
    # is then known, so it is not remembered as deleted (see ``store_articles``).
    query = (
        f"SELECT {_select(tables, 'news', wanted)} FROM news WHERE feedId = ?"
        ' ORDER BY COALESCE("deleted", 0) != 0, id'
    )
    for row, mangled in _rows(conn, query, (key,)):
        guid, title, link, alternate, published, received, author = row[:7]
        description, content, read, starred, deleted = row[7:]
        url = web_url(link) or web_url(alternate)
        when = _iso_time(published) or _iso_time(received, local=True)
        article = _article(
            guid,
            url,
            title,
            author,
            when,
            _text(description),
            _text(content),
            _flag(read),
            _flag(starred),
            # The reader deleted it there: remembered so the feed does not bring it back.
            deleted=_flag(deleted),
        )
        if mangled and not article.deleted:
            note(f"article “{article.title}” held text that is not UTF-8; {_REPLACED}")
        yield article


# -- RSS Guard -------------------------------------------------------------------------------
def rssguard_feeds(conn: sqlite3.Connection, tables: Tables, note: Note) -> list[Any]:
    query = "SELECT id, parent_id, title FROM Categories"
    categories = {r[0]: (_text(r[2]), r[1]) for r in _all_rows(conn, query, note, name_at=2)}
    feed_cols = tables["feeds"]
    source = "source" if "source" in feed_cols else "url"
    # Messages.feed names Feeds.custom_id where it is text, Feeds.id where it is an integer.
    by_custom = "custom_id" in feed_cols and "INT" not in tables["messages"]["feed"]
    cols = _select(tables, "feeds", ("id", "custom_id", "title", source, "category", "account_id"))
    order = "ordr, id" if "ordr" in feed_cols else "id"
    found = []
    query = f"SELECT {cols} FROM Feeds ORDER BY category, {order}"
    for fid, custom, title, url, category, account in _all_rows(conn, query, note, name_at=2):
        key = (str(custom) if by_custom and custom is not None else fid, account)
        found.append((key, _text(url), _text(title), _path(categories, category), ""))
    return found


def rssguard_articles(
    conn: sqlite3.Connection, tables: Tables, key: object, note: Note
) -> Iterator[ImportedArticle]:
    wanted = (
        "id",
        "custom_id",
        "title",
        "url",
        "author",
        "date_created",
        "contents",
        "is_read",
        "is_important",
        "is_deleted",
        "is_pdeleted",
    )
    feed_key, account = key if isinstance(key, tuple) else (key, None)
    query = f"SELECT {_select(tables, 'messages', wanted)} FROM Messages WHERE feed = ?"
    params: tuple[object, ...] = (feed_key,)
    if account is not None and "account_id" in tables["messages"]:
        query += " AND account_id = ?"
        params = (feed_key, account)
    # Recycle bin last, as QuiteRSS's deleted articles (see ``quiterss_articles``).
    order = ' ORDER BY COALESCE("is_deleted", 0) != 0 OR COALESCE("is_pdeleted", 0) != 0, id'
    for row, mangled in _rows(conn, query + order, params):
        row_id, custom_id, title, url, author, created, contents, read, important = row[:9]
        article = _article(
            _rssguard_guid(custom_id, row_id),
            web_url(url),
            title,
            author,
            _epoch_time(created),
            _text(contents),
            "",
            _flag(read),
            _flag(important),
            # In RSS Guard's recycle bin, or purged from it: remembered as deleted.
            deleted=_flag(row[9]) or _flag(row[10]),
        )
        if mangled and not article.deleted:
            note(f"article “{article.title}” held text that is not UTF-8; {_REPLACED}")
        yield article


def _rssguard_guid(custom_id: object, row_id: object) -> object:
    """The item's own id, or None where RSS Guard filled in its row number for an item
    without one: that number means nothing to the feed, whose next refresh would then bring
    the item in again under its link (and a QuiteRSS import of it would not match)."""
    text = _text(custom_id).strip()
    return None if text.isdigit() and text == _text(row_id).strip() else custom_id


# -- shared ----------------------------------------------------------------------------------
def _rows(
    conn: sqlite3.Connection, query: str, params: tuple[object, ...]
) -> Iterator[tuple[list[Any], bool]]:
    """Each row decoded (``_decoded``), a batch at a time: a big feed never sits in memory."""
    cursor = conn.execute(query, params)
    while batch := cursor.fetchmany(_CHUNK):
        yield from map(_decoded, batch)


def _all_rows(conn: sqlite3.Connection, query: str, note: Note, *, name_at: int) -> list[Any]:
    """Every row of a small table (feeds, folders), decoded; a damaged one is noted by name."""
    rows = []
    for row, mangled in map(_decoded, conn.execute(query)):
        if mangled:
            name = _text(row[name_at]) or "a feed or folder"
            note(f"“{name}”: its name or address held text that is not UTF-8; {_REPLACED}")
        rows.append(row)
    return rows


def _path(nodes: dict[Any, tuple[str, Any]], parent: Any) -> str:
    """The folder path of a parent id, outermost first; tolerates loops and dangling ids."""
    names: list[str] = []
    seen: set[Any] = set()
    while parent in nodes and parent not in seen:
        seen.add(parent)
        name, parent = nodes[parent]
        if name.strip():
            names.append(" ".join(name.split()))
    return FOLDER_SEPARATOR.join(reversed(names))


def _flag(value: object) -> bool:
    try:
        return int(str(value or 0)) != 0
    except ValueError:
        return str(value).strip().lower() == "true"


def web_url(value: object) -> str:
    return normalize_url(str(value or "")) or ""


def _iso_time(value: object, *, local: bool = False) -> datetime | None:
    """QuiteRSS times: ISO text, UTC (``published``) or local time (``received``)."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.astimezone() if local else when.replace(tzinfo=UTC)
    return when


def _epoch_time(value: object) -> datetime | None:
    """RSS Guard times: milliseconds since 1970 (seconds in some old files)."""
    try:
        number = float(str(value))
    except ValueError:
        return None
    seconds = number / 1000 if number > 10**11 else number
    if seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _article(
    guid: object,
    url: str,
    title: object,
    author: object,
    published: datetime | None,
    summary: str,
    content: str,
    read: bool,
    starred: bool,
    *,
    deleted: bool = False,
) -> ImportedArticle:
    name = " ".join(_text(title).split())
    if not name:
        text = html_to_text(summary or content)
        name = text if len(text) <= 80 else text[:79].rstrip() + "…"
    ident = _text(guid).strip() or url
    if not ident:
        stamp = published.isoformat() if published else ""
        digest = hashlib.sha1(f"{name}\n{stamp}".encode(), usedforsecurity=False).hexdigest()
        ident = "sha1:" + digest
    return ImportedArticle(
        ident,
        url,
        name,
        " ".join(_text(author).split()),
        published,
        summary,
        content,
        read,
        starred,
        deleted,
    )


Reader = tuple[
    Callable[[sqlite3.Connection, Tables, Note], list[Any]],
    Callable[[sqlite3.Connection, Tables, object, Note], Iterator[ImportedArticle]],
]
READERS: dict[str, Reader] = {
    "quiterss": (quiterss_feeds, quiterss_articles),
    "rssguard": (rssguard_feeds, rssguard_articles),
}
