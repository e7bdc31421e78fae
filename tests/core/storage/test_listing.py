"""The article list's sorting, filtering and paging, against a reference.

A few hundred articles with every kind of row the list must handle (copies listed by two
feeds, unlisted articles, a removed feed's kept stars, today's articles, titles that differ
only in case) are stored through the real schema; every combination of source, view, sort,
direction and filter is compared with a plain-Python reading of the same rows, whole and in
pages (by key and by OFFSET).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsreader.core.library import Library, open_library
from newsreader.core.storage import listing
from newsreader.core.storage import writes as storage
from newsreader.core.storage.listing import FEW_UNREAD, SORTS, VIEWS, ListQuery
from newsreader.core.storage.records import EntryRecord, FeedRecord

NOW = 1_700_000_000.0
DAY = 86400.0
FOLDERS = ("Nasional", "Ekonomi", "")


@dataclass
class Row:
    id: int
    feed: int
    feed_title: str
    folder: str
    removed: bool
    title: str
    sort_ts: float
    read: bool
    starred: bool
    listed: bool
    single: bool


def _build(lib: Library, rng: random.Random) -> list[Row]:
    """Six feeds (one removed, keeping its starred articles), 400 articles."""
    rows: list[Row] = []

    def store() -> None:
        feeds = []
        for n in range(6):
            title = ["beta", "Alpha", "gamma", "Delta", "alpha", "Zeta"][n]
            folder = FOLDERS[n % 3]
            fid = storage.insert_feed(f"https://f{n}.example/rss", now=NOW, title=title,
                                      folder=folder, kind="feed")  # fmt: skip
            feeds.append((fid, title, folder, n == 5))
        originals: list[tuple[int, int, str]] = []
        for n in range(400):
            fid, ftitle, folder, removed = rng.choice(feeds)
            ts = NOW - rng.choice([0.5, 2, 30, 400]) * DAY * rng.random()
            title = rng.choice(["apel", "Apel", "bank", "Cuaca", "cuaca", "Zebra", ""])
            url = f"https://news.example/{n}"
            dup = None
            if originals and rng.random() < 0.1:
                oid, ofeed, ourl = rng.choice(originals)
                if ofeed != fid:
                    dup, url = oid, ourl
            listed = rng.random() > 0.05
            starred = rng.random() < 0.1 or (removed and rng.random() < 0.5)
            entry_id = int(EntryRecord.insert(
                feed=fid, guid=f"g{n}", url=url, title=title, sort_ts=ts, published_ts=ts,
                added_at=ts, listed=listed, duplicate_of=dup, starred=starred,
            ).execute())  # fmt: skip
            if dup is None and listed:
                originals.append((entry_id, fid, url))
            rows.append(Row(entry_id, fid, ftitle, folder, removed, title, ts, False,
                            starred, listed, dup is None))  # fmt: skip
        FeedRecord.update(removed=True).where(FeedRecord.id == feeds[5][0]).execute()

    lib.writer.call(store)
    unread = [r for r in rows if rng.random() < 0.35]
    lib.mark_read([r.id for r in unread], True)
    by_id = {r.id: r for r in rows}
    for entry in lib.entries_by_id(list(by_id)):  # copies share the read mark
        by_id[entry.id].read = entry.read
    return rows


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, list[Row]]]:
    lib = open_library(Path(tmp_path_factory.mktemp("desk")), clock=lambda: NOW)
    rows = _build(lib, random.Random(5))
    yield lib, rows
    lib.close()


def expected(rows: list[Row], lib: Library, **q: object) -> list[int]:
    """The list as the issue describes it, read off the rows in Python."""
    today = lib._today_start()
    view, feed_id, folder = q.get("view", "all"), q.get("feed_id"), q.get("folder")
    found = []
    for r in rows:
        shown = r.starred if view == "starred" else r.listed and not r.removed
        shown &= r.single or feed_id is not None
        shown &= feed_id is None or r.feed == feed_id
        shown &= folder is None or r.folder == folder
        shown &= not (view == "unread" or q.get("unread_only")) or not r.read
        shown &= not q.get("starred_only") or r.starred
        shown &= view != "today" or r.sort_ts >= today
        if shown:
            found.append(r)
    sort, descending = q.get("sort", "date"), q.get("descending", True)
    if sort == "feed" and feed_id is not None:
        sort, descending = "date", True
    if sort == "title":
        found.sort(key=lambda r: (r.title.lower(), r.id), reverse=bool(descending))
    elif sort == "feed":
        found.sort(key=lambda r: (-r.sort_ts, -r.id))
        found.sort(key=lambda r: (r.feed_title.lower(), r.feed), reverse=bool(descending))
    else:
        found.sort(key=lambda r: (r.sort_ts, r.id), reverse=bool(descending))
    return [r.id for r in found]


SOURCES = [{}, {"feed_id": 1}, {"feed_id": 3}, {"folder": "Nasional"}, {"folder": ""}]
FILTERS = [{}, {"unread_only": True}, {"starred_only": True}]
PAGE = 25


def _variants(source: dict[str, object], view: str, sort: str) -> Iterator[dict[str, object]]:
    for descending, filt in itertools.product((True, False), FILTERS):
        yield {**source, "view": view, "sort": sort, "descending": descending, **filt}


def _check(lib: Library, rows: list[Row], query: dict[str, object]) -> None:
    want = expected(rows, lib, **query)
    assert [e.id for e in lib.entries(**query)] == want, query  # type: ignore[arg-type]
    paged: list[int] = []
    while True:  # pages by key: each offset was reached by the page before
        page = lib.entries(limit=PAGE, offset=len(paged), **query)  # type: ignore[arg-type]
        paged += [e.id for e in page]
        if len(page) < PAGE:
            break
    assert paged == want, query
    # An offset no page reached: OFFSET, the same rows.
    by_offset = listing.list_entries(ListQuery(lib._today_start(), **query), 5, 11)  # type: ignore[arg-type]
    assert [e.id for e in by_offset] == want[11:16], query


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("source", SOURCES, ids=str)
def test_list_matches_the_reference_whole_and_in_pages(
    desk: tuple[Library, list[Row]], source: dict[str, object], view: str, sort: str
) -> None:
    lib, rows = desk
    for query in _variants(source, view, sort):
        _check(lib, rows, query)


@pytest.mark.parametrize("sort", SORTS)
def test_unread_lists_walking_the_order(
    desk: tuple[Library, list[Row]], sort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past FEW_UNREAD unread articles in reach, the date, title or feed order drives the page
    and skips read rows (below it, as above, the unread index does): the same lists."""
    lib, rows = desk
    assert 0 < sum(not r.read for r in rows) <= FEW_UNREAD
    monkeypatch.setattr(listing, "FEW_UNREAD", 3)
    for source in SOURCES:
        for view in ("unread", "all", "today"):
            for query in _variants(source, view, sort):
                if view == "unread" or query.get("unread_only"):
                    _check(lib, rows, query)


def test_keyed_pages_do_not_skip_rows_that_left_the_list(tmp_path: Path) -> None:
    """In the Unread view, articles read while the first page is shown leave the query: the
    next page still starts after the last row shown (OFFSET would skip as many)."""
    with open_library(tmp_path, clock=lambda: NOW) as lib:
        rows = _build(lib, random.Random(9))
        first = lib.entries(view="unread", limit=10)
        lib.mark_read([e.id for e in first[:6]], True)
        second = lib.entries(view="unread", limit=10, offset=10)
        want = [i for i in expected(rows, lib, view="unread") if i not in {e.id for e in first}]
        assert [e.id for e in second] == want[:10]


def test_unknown_sort_or_view_is_refused(desk: tuple[Library, list[Row]]) -> None:
    lib, _ = desk
    with pytest.raises(ValueError, match="unknown sort"):
        lib.entries(sort="size")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown view"):
        lib.entries(view="later")  # type: ignore[arg-type]
