"""Storing a feed's entries (core/storage/ingest.py): the one-statement insert stores exactly the
columns worked out for each entry, whatever their text; columns prepared beside the
writer (``prepare``) are the ones the writer would have computed."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.core.library import open_library
from newsreader.core.storage import ingest
from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import EntryRecord
from newsreader.core.types import ParsedEntry
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.library_tools import add_feed_unchecked

NOW = 1_700_000_000.0
BASE = "https://situs.example/rss"
_COLUMNS = ("url", "title", "author", "published_ts", "published_offset", "summary_html",
            "feed_html", "lead_image", "content_hash", "html", "text", "extraction")  # fmt: skip

# Text of every kind: controls, NUL, quotes and backslashes, astral planes.
_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


def _entry(n: int, title: str, summary: str) -> ParsedEntry:
    return ParsedEntry(
        guid=f"g{n}",
        url=f"https://situs.example/a/{n}",
        title=title,
        author='Redaksi "Elshinta" \\ 1',
        published=datetime(2024, 5, 1, 7, n % 60, tzinfo=UTC),
        summary_html=f"<p>{summary}</p>",
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(titles=st.lists(st.tuples(_text, _text), min_size=1, max_size=5))
def test_stored_columns_are_the_computed_ones(tmp_path: Path, titles) -> None:  # type: ignore[no-untyped-def]
    library = open_library(Path(tempfile.mkdtemp(dir=tmp_path)), fetcher=FakeFetcher(),
                           clock=lambda: NOW)  # fmt: skip
    try:
        feed = add_feed_unchecked(library, BASE, kind="feed", full_article=False)
        entries = [_entry(n, title, summary) for n, (title, summary) in enumerate(titles)]
        ids, _ = library.writer.call(
            lambda: ingest.ingest(feed, entries, base=BASE, now=NOW, feed_only=True)
        )
        assert len(ids) == len(entries)
        for entry_id, entry in zip(ids, entries, strict=True):
            row = EntryRecord.get_by_id(entry_id)
            expected = ingest.content_values(entry, BASE, ingest.entry_hash(entry),
                                             feed_only=True, now=NOW)  # fmt: skip
            assert {c: getattr(row, c) for c in _COLUMNS} == {c: expected[c] for c in _COLUMNS}
            assert row.guid == entry.guid and row.listed and not row.starred
    finally:
        library.close()


def test_columns_prepared_beside_the_writer_are_used_and_checked(tmp_path: Path) -> None:
    library = open_library(tmp_path / "data", fetcher=FakeFetcher(), clock=lambda: NOW)
    try:
        feed = add_feed_unchecked(library, BASE, kind="feed", full_article=False)
        first = [_entry(n, f"Judul {n}", "ringkasan") for n in range(3)]
        library.writer.call(lambda: ingest.ingest(feed, first, base=BASE, now=NOW))
        changed = [_entry(0, "Judul 0", "ringkasan baru"), *first[1:], _entry(3, "Baru", "x")]
        prepared = ingest.prepare(feed, changed, base=BASE, now=NOW, feed_only=False)
        # Only the changed one (its columns) and the new one (its whole row).
        assert set(prepared.values) == {"g0"} and set(prepared.rows) == {"g3"}
        row = prepared.rows["g3"]
        row[row.index("Baru")] = "from prepare"
        prepared.values["g0"]["author"] = "from prepare"  # both are used as they are
        new, updated = library.writer.call(
            lambda: storage.apply_feed(
                feed,
                _parsed(changed),
                now=NOW,
                next_fetch_at=NOW,
                etag=None,
                last_modified=None,
                prepared=prepared,
            )
        )
        assert updated == 1 and len(new) == 1
        assert EntryRecord.get_by_id(new[0]).title == "from prepare"
        assert EntryRecord.get(EntryRecord.guid == "g0").author == "from prepare"
        third = [_entry(0, "Judul 0", "ringkasan ketiga"), *changed[1:]]
        stale = ingest.prepare(feed, third, base=BASE, now=NOW + 1, feed_only=False)
        stale.values["g0"]["summary_html"] = "<p>stale</p>"
        library.writer.call(
            lambda: storage.apply_feed(
                feed,
                _parsed(third),
                now=NOW,
                next_fetch_at=NOW,
                etag=None,
                last_modified=None,
                prepared=stale,
            )
        )
        # Prepared for another time: not used; the writer worked the columns out itself.
        assert EntryRecord.get(EntryRecord.guid == "g0").summary_html == "<p>ringkasan ketiga</p>"
    finally:
        library.close()


def _parsed(entries: list[ParsedEntry]):  # type: ignore[no-untyped-def]
    from newsreader.core.types import ParsedFeed

    return ParsedFeed(title="Situs", site_url="https://situs.example/", kind="feed",
                      entries=tuple(entries))  # fmt: skip


def test_a_feed_larger_than_one_statement_and_skipped_rows_keep_their_ids(
    tmp_path: Path,
) -> None:
    library = open_library(tmp_path / "data", fetcher=FakeFetcher(), clock=lambda: NOW)
    try:
        feed = add_feed_unchecked(library, BASE, kind="feed", full_article=False)
        # Articles retention removed are remembered: the insert trigger skips them.
        library.writer.call(
            lambda: EntryRecord._meta.database.execute_sql(
                "INSERT INTO entry_gone (feed_id, guid, gone_at) VALUES (?, 'g7', ?)", [feed, NOW]
            )
        )
        entries = [_entry(n, f"Judul {n}", f"isi {n}") for n in range(1500)]  # 2 statements
        ids, _ = library.writer.call(
            lambda: ingest.ingest(feed, entries, base=BASE, now=NOW, feed_only=True)
        )
        assert len(ids) == 1499
        stored = {row.id: row.guid for row in EntryRecord.select(EntryRecord.id, EntryRecord.guid)}
        expected = [e.guid for e in entries if e.guid != "g7"]
        assert [stored[i] for i in ids] == expected
    finally:
        library.close()


def test_a_draft_narrowed_for_the_page_is_what_prepare_makes_for_it(tmp_path: Path) -> None:
    """A parse worker drafts rows before the feed's full-article setting is known (as
    feed-only); narrowed for a feed that wants its pages, they are the rows ``prepare`` makes
    for it, so the writer inserts them as they are instead of sanitizing them itself."""
    library = open_library(tmp_path / "data", fetcher=FakeFetcher(), clock=lambda: NOW)
    try:
        feed = add_feed_unchecked(library, BASE, kind="feed")
        library.writer.call(lambda: ingest.ingest(feed, [_entry(0, "Lama", "x")], base=BASE,
                                                  now=NOW))  # fmt: skip
        entries = [_entry(0, "Lama", "berubah"), _entry(1, "Baru <b>1</b>", "y & z")]
        drafted = ingest.draft(feed, entries, base=BASE, now=NOW)
        assert drafted.feed_only and set(drafted.rows) == {"g1"}
        for feed_only in (True, False):
            made = ingest.prepare(feed, entries, base=BASE, now=NOW, feed_only=feed_only)
            narrowed = ingest.prepare(feed, entries, base=BASE, now=NOW, feed_only=feed_only,
                                      drafted=drafted)  # fmt: skip
            assert (narrowed.rows, narrowed.values) == (made.rows, made.values)
            assert narrowed.feed_only is feed_only
        # Drafted for another base or time: not used.
        other = ingest.prepare(feed, entries, base=BASE + "?2", now=NOW, feed_only=False,
                               drafted=drafted)  # fmt: skip
        assert other.base == BASE + "?2" and other.rows is not drafted.rows
    finally:
        library.close()
