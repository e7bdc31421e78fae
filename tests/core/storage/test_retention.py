"""Retention: what a clean-up deletes, what it never deletes, what goes with
an article, and the once-a-day rule of the refresh."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.core.library import Library, open_library
from newsreader.core.settings import Settings, load_settings, save_settings
from newsreader.core.storage import image_cache as imagecache
from newsreader.core.storage import pages, retention
from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import (
    ArticleVersionRecord,
    EntryImageRecord,
    EntryRecord,
    EntryStateRecord,
    ImageRecord,
    PageRecord,
)
from newsreader.core.types import FetchResult, ParsedEntry, ParsedFeed
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.search_data import add_entry, add_feed, fts_integrity

NOW = 1_700_000_000.0
DAY = 86400.0


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_lib(tmp_path: Path, clock: Clock, **settings: int) -> Library:
    return open_library(
        tmp_path / "data",
        fetcher=FakeFetcher(),
        clock=clock,
        settings=dataclasses.replace(Settings(), **settings),
    )


@pytest.fixture
def lib(tmp_path: Path, clock: Clock) -> Iterator[Library]:
    library = make_lib(tmp_path, clock, keep_days=30)
    yield library
    library.close()


def old(days: float) -> dict[str, float]:
    """Published and arrived ``days`` ago."""
    return {"ts": NOW - days * DAY, "added_at": NOW - days * DAY}


def ids() -> set[int]:
    return {int(row.id) for row in EntryRecord.select(EntryRecord.id)}


def test_settings_validate_keep_per_feed(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(dataclasses.replace(Settings(), keep_per_feed=50, keep_days=7), path)
    loaded = load_settings(path)
    assert (loaded.keep_days, loaded.keep_per_feed) == (7, 50)
    path.write_text('{"keep_per_feed": -1}')
    assert load_settings(path).keep_per_feed == 0


def test_age_limit_reads_and_unread_alike_never_starred(lib: Library) -> None:
    feed = add_feed(lib)
    young = add_entry(lib, feed, "young", **old(29))
    old_unread = add_entry(lib, feed, "old unread", **old(31))
    old_read = add_entry(lib, feed, "old read", read=True, **old(40))
    old_starred = add_entry(lib, feed, "old starred", starred=True, **old(400))
    just_arrived = add_entry(lib, feed, "old, fetched now", ts=NOW - 90 * DAY, added_at=NOW)
    report = lib.clean_up()
    assert ids() == {young, old_starred, just_arrived}
    assert (report.articles, report.by_age, report.by_count) == (2, 2, 0)
    assert report.feeds == {feed: 2} and not report.dry_run
    assert {old_unread, old_read}.isdisjoint(ids())
    assert EntryStateRecord.select().count() == 3  # their list state went with them


def test_count_limit_keeps_the_newest_and_starred_besides(tmp_path: Path, clock: Clock) -> None:
    with make_lib(tmp_path, clock, keep_per_feed=3) as lib:
        feed, other = add_feed(lib), add_feed(lib)
        kept = [add_entry(lib, feed, f"new {n}", **old(2 + n)) for n in range(3)]
        starred = add_entry(lib, feed, "starred", starred=True, **old(50))
        gone = [add_entry(lib, feed, f"old {n}", **old(10 + n)) for n in range(4)]
        unlisted = add_entry(lib, feed, "related link", listed=False, **old(60))
        fresh_extra = add_entry(lib, feed, "arrived now", ts=NOW - 99 * DAY, added_at=NOW)
        others = [add_entry(lib, other, f"other {n}", **old(n + 1)) for n in range(3)]
        report = lib.clean_up()
        assert ids() == {*kept, starred, unlisted, fresh_extra, *others}
        assert (report.articles, report.by_count) == (4, 4)
        assert not set(gone) & ids()


def test_per_feed_overrides(tmp_path: Path, clock: Clock) -> None:
    with make_lib(tmp_path, clock, keep_days=10) as lib:
        forever = add_feed(lib, keep_days=0)  # this feed keeps everything
        short = add_feed(lib, keep_days=2, keep_per_feed=1)
        default = add_feed(lib)
        a = add_entry(lib, forever, "a", **old(100))
        b = add_entry(lib, short, "b", **old(3))
        c = add_entry(lib, short, "c", **old(1.5))
        d = add_entry(lib, short, "d", **old(1.2))
        e = add_entry(lib, default, "e", **old(9))
        f = add_entry(lib, default, "f", **old(11))
        lib.clean_up()
        assert ids() == {a, d, e}
        assert not {b, c, f} & ids()


def test_unsubscribed_feeds_keep_only_stars(lib: Library) -> None:
    gone = add_feed(lib, removed=True)
    starred = add_entry(lib, gone, "kept star", starred=True, **old(500))
    unstarred = add_entry(lib, gone, "unstarred since", **old(1))
    report = lib.clean_up()
    assert starred in ids() and unstarred not in ids()
    assert report.unsubscribed == 1


def test_dry_run_only_tells(lib: Library) -> None:
    feed = add_feed(lib)
    for n in range(3):
        add_entry(lib, feed, f"old {n}", **old(40 + n))
    before = ids()
    report = lib.clean_up(dry_run=True)
    assert report.dry_run and report.articles == 3 and ids() == before
    assert lib.clean_up().articles == 3


def _page(url: str) -> None:
    pages.store_page(FetchResult(url, url, 200, b"<html>page</html>"), NOW)


def test_pages_versions_links_and_index_go_with_the_article(lib: Library) -> None:
    feed, other = add_feed(lib), add_feed(lib)
    doomed = add_entry(lib, feed, "Banjir lama", "teks banjir", url="https://a/1", **old(40))
    add_entry(lib, feed, "Shared", "x", url="https://a/shared", **old(40))
    add_entry(lib, other, "Shared copy", "x", url="https://a/shared", **old(1))
    kept = add_entry(lib, feed, "Kept", "x", url="https://a/2", **old(1))

    def setup() -> None:
        for url in ("https://a/1", "https://a/shared", "https://a/2"):
            _page(url)
        for url in ("https://img/only", "https://img/both"):
            storage.store_image(url, sha256="s", path=f"{url[-4:]}.png", mime="image/png",
                                size=10, error="", now=NOW)  # fmt: skip
        storage.link_images(doomed, ["https://img/only", "https://img/both"])
        storage.link_images(kept, ["https://img/both"])
        ArticleVersionRecord.insert(
            entry=doomed, fetched_at=NOW, title="t", html="", text=""
        ).execute()
        ImageRecord.update(last_used_at=NOW).execute()

    lib.writer.call(setup)
    assert [r.id for r in lib.search("banjir")] == [doomed]
    report = lib.clean_up()
    assert report.articles == 2 and report.pages == 1 and report.images == 1
    assert {p.url for p in PageRecord.select()} == {"https://a/shared", "https://a/2"}
    assert ArticleVersionRecord.select().count() == 0
    assert {(link.entry_id, link.url) for link in EntryImageRecord.select()} == {
        (kept, "https://img/both")
    }
    used = {img.url: img.last_used_at for img in ImageRecord.select()}
    assert used == {"https://img/only": 0, "https://img/both": NOW}  # evicted first
    assert lib.search("banjir") == []
    fts_integrity(lib)


def test_released_images_are_the_first_the_budget_evicts(lib: Library) -> None:
    feed = add_feed(lib)
    doomed = add_entry(lib, feed, "old", **old(40))
    kept = add_entry(lib, feed, "new", **old(1))
    for name in ("old", "new"):
        lib.images.root.mkdir(parents=True, exist_ok=True)
        (lib.images.root / f"{name}.png").write_bytes(b"x" * 100)

    def setup() -> None:
        for name, entry in (("old", doomed), ("new", kept)):
            url = f"https://img/{name}"
            storage.store_image(url, sha256=name, path=f"{name}.png", mime="image/png",
                                size=100, error="", now=NOW)  # fmt: skip
            storage.link_images(entry, [url])
        # The old article's picture was read more recently: only the clean-up puts it first.
        ImageRecord.update(last_used_at=NOW).where(ImageRecord.url == "https://img/old").execute()
        ImageRecord.update(last_used_at=NOW - DAY).where(
            ImageRecord.url == "https://img/new"
        ).execute()

    lib.writer.call(setup)
    lib.clean_up()
    evicted = lib.writer.call(imagecache.enforce_budget, lib.images, 100)
    assert evicted.evicted_files == 1
    assert not (lib.images.root / "old.png").exists()
    assert (lib.images.root / "new.png").exists()


def test_copies_of_a_deleted_article_take_its_place(lib: Library) -> None:
    one, two = add_feed(lib), add_feed(lib)
    original = add_entry(lib, one, "Story", url="https://s/1", **old(40))
    copy = add_entry(lib, two, "Story", url="https://s/1", duplicate_of=original, **old(20))
    lib.clean_up()
    assert ids() == {copy}
    assert EntryRecord.get_by_id(copy).duplicate_of is None
    assert EntryStateRecord.get_by_id(copy).single


def _feed_of(guids: list[str], starred_guid: str = "") -> ParsedFeed:
    when = datetime.fromtimestamp(NOW - 40 * DAY, UTC)
    entries = tuple(
        ParsedEntry(guid=g, url=f"https://s/{g}", title=g, published=when) for g in guids
    )
    return ParsedFeed(title="F", site_url="https://s/", kind="feed", entries=entries)


def test_a_feed_still_carrying_deleted_articles_does_not_bring_them_back(
    lib: Library, clock: Clock
) -> None:
    feed = add_feed(lib)

    def apply(guids: list[str]) -> list[int]:
        parsed = _feed_of(guids)

        def job() -> list[int]:
            new, _ = storage.apply_feed(
                feed, parsed, now=clock.now, next_fetch_at=0.0, etag=None, last_modified=None
            )
            return new

        return lib.writer.call(job)

    clock.now = NOW - 2 * DAY  # fetched two days ago, published 40 days ago
    assert len(apply(["a", "b"])) == 2
    clock.now = NOW
    assert lib.clean_up().articles == 2
    assert apply(["a", "b", "c"]) != []  # only "c" is new
    assert {e.guid for e in EntryRecord.select()} == {"c"}
    # An article fetched as a related link, or a starred import, is never skipped.
    related = lib.writer.call(lambda: storage.insert_related_entry(feed, "a", "A", now=NOW))
    assert EntryRecord.get_by_id(related).guid == "a"
    starred = lib.writer.call(
        lambda: EntryRecord.insert(
            feed=feed, guid="b", title="b", sort_ts=NOW, added_at=NOW, starred=True
        ).execute()
    )
    assert EntryRecord.get_by_id(starred).starred
    # A year later the guids are forgotten.
    clock.now = NOW + 366 * DAY
    lib.clean_up()
    gone = lib._db.execute_sql('SELECT "guid" FROM "entry_gone"').fetchall()
    assert gone == [("c",)]  # "a" and "b" forgotten; "c" deleted just now


def test_refresh_cleans_up_at_most_once_a_day(lib: Library, clock: Clock) -> None:
    feed = add_feed(lib)
    first = add_entry(lib, feed, "first", **old(31))
    lib.refresh([])
    assert first not in ids()
    assert retention.is_due(NOW) is False
    second = add_entry(lib, feed, "second", **old(31))
    clock.now = NOW + DAY - 1
    lib.refresh([])
    assert second in ids()  # the same day: not again
    clock.now = NOW + DAY
    lib.refresh([])
    assert second not in ids()


def test_clock_set_back_makes_it_due(lib: Library, clock: Clock) -> None:
    lib.clean_up()
    assert not retention.is_due(NOW + 10)
    assert retention.is_due(NOW - 10)
    lib.writer.call(storage.set_meta, retention.LAST_RUN_KEY, "garbage")
    assert retention.is_due(NOW)


def test_a_star_given_after_the_plan_is_respected(lib: Library) -> None:
    feed = add_feed(lib)
    entry = add_entry(lib, feed, "old", **old(40))
    lib.writer.call(
        lambda: EntryRecord.update(starred=True).where(EntryRecord.id == entry).execute()
    )
    assert lib.writer.call(retention._delete_articles, [entry], NOW) == 0
    assert entry in ids()


def test_feed_retention_is_a_feed_option(lib: Library) -> None:
    feed = add_feed(lib)
    changed = lib.set_feed_options(feed, keep_days=7, keep_per_feed=0)
    assert (changed.keep_days, changed.keep_per_feed) == (7, 0)
    assert lib.set_feed_options(feed, title="x").keep_days == 7  # left out: unchanged
    assert lib.set_feed_options(feed, keep_days=None).keep_days is None
    with pytest.raises(ValueError, match="keep_days"):
        lib.set_feed_options(feed, keep_days=-1)
    with pytest.raises(ValueError, match="keep_per_feed"):
        lib.set_feed_options(feed, keep_per_feed=True)
