"""Full-text search: query syntax, folding, ranking, which articles, the
index kept in step by triggers, saved searches. (Migrations 4, 7 and 8, which built the index,
are tested in tests/core/storage/test_migrations.py.)"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.library import Library, open_library
from newsreader.core.search import find as search
from newsreader.core.search.find import SavedSearchNotFoundError
from newsreader.core.search.syntax import highlight_spans, matches, parse, search_terms, to_fts
from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import EntryRecord
from newsreader.core.types import ExtractedArticle
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.library_tools import add_feed_unchecked, search_count, search_entries
from tests.helpers.search_data import add_entry, add_feed, fts_integrity, update_entry

NOW = 1_700_000_000.0
DAY = 86400.0


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = open_library(tmp_path / "data", fetcher=FakeFetcher(), clock=lambda: NOW)
    yield library
    library.close()


def titles(rows: list) -> list[str]:
    return [row.title for row in rows]


# -- the query syntax -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("banjir", '"banjir"'),
        ("banjir jakarta", '"banjir" AND "jakarta"'),
        ('"banjir bandang"', '"banjir bandang"'),
        ('"banjir   bandang', '"banjir bandang"'),  # unclosed: runs to the end
        ("pemilu*", '"pemilu"*'),
        ("p*", '"p"'),  # too short a prefix: the word itself
        ("ja*", '"ja"'),
        ("jak*", '"jak"*'),
        ("banjir -jakarta", '("banjir") NOT "jakarta"'),
        ('banjir -"jawa barat"', '("banjir") NOT "jawa barat"'),
        ("banjir NOT jakarta", '("banjir") NOT "jakarta"'),
        ("jakarta OR bandung banjir", '("jakarta" OR "bandung") AND "banjir"'),
        ("a -b -c", '("a") NOT ("b" OR "c")'),
        ("covid-19", '"covid-19"'),
        ('say "hi', '"say" AND "hi"'),
        ("AND OR NOT", None),
        ("-banjir", None),  # only an exclusion: nothing to look for
        ("", None),
        ("   ", None),
        ('"', None),
        ('""', None),
        ("* - ( ) : ^", None),
    ],
)
def test_typed_text_becomes_a_quoted_fts_query(typed: str, expected: str | None) -> None:
    assert to_fts(typed) == expected


def test_search_terms_are_the_positive_words_and_phrases() -> None:
    assert search_terms('Café "banjir bandang" -jakarta pemilu* OR cafe Café') == [
        "Café",
        "banjir bandang",
        "pemilu*",
        "cafe",
    ]
    assert search_terms("-x NOT y") == []


def test_highlight_spans_fold_case_and_accents_like_the_index() -> None:
    text = "Kafe CAFÉ dan café-nya; banjir  bandang, pemilukada. Cafeteria"
    spans = highlight_spans(text, ["cafe", "banjir bandang", "pemilu*"])
    assert [text[a:b] for a, b in spans] == ["CAFÉ", "café", "banjir  bandang", "pemilukada"]
    assert highlight_spans("İstanbul ıi", ["istanbul"]) == [(0, 8)]
    assert highlight_spans("anything", []) == []
    assert highlight_spans("", ["x"]) == []


def test_longer_term_wins_where_terms_overlap() -> None:
    text = "banjir bandang dan banjir"
    spans = highlight_spans(text, ["banjir", "banjir bandang"])
    assert [text[a:b] for a, b in spans] == ["banjir bandang", "banjir"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("cafe", True),
        ("CAFÉ jakarta", True),
        ('"banjir bandang"', True),
        ('"bandang banjir"', False),
        ("banjir -jakarta", False),
        ("banjir -bogor", True),
        ("bogor OR garut", True),
        ("bogor OR depok", False),
        ("pemilu*", True),
        ("pemilu", False),
        ("", False),
        ("-cafe", False),
    ],
)
def test_matches_in_memory_as_the_index_would(query: str, found: bool) -> None:
    text = "Café di Jakarta: banjir bandang, pemilukada di Garut"
    assert matches(text, query) is found


# -- matching ---------------------------------------------------------------------------------


def test_diacritics_and_case_are_folded(lib: Library) -> None:
    feed = add_feed(lib)
    add_entry(lib, feed, "Café baru di Jakarta", "Kopi Kintamani")
    add_entry(lib, feed, "Naïve plan", "Résumé of the Señor")
    assert titles(lib.search("cafe")) == ["Café baru di Jakarta"]
    assert titles(lib.search("CAFÉ")) == ["Café baru di Jakarta"]
    assert titles(lib.search("naive")) == ["Naïve plan"]
    assert titles(lib.search("senor resume")) == ["Naïve plan"]
    assert titles(lib.search("kintamani")) == ["Café baru di Jakarta"]  # the text too


def test_phrases_exclusion_prefix_and_or(lib: Library) -> None:
    feed = add_feed(lib)
    add_entry(lib, feed, "A", "banjir bandang melanda Garut, Jawa Barat")
    add_entry(lib, feed, "B", "bandang lalu banjir di Jakarta")
    add_entry(lib, feed, "C", "pemilukada serentak di Bandung")
    assert titles(lib.search('"banjir bandang"')) == ["A"]
    assert sorted(titles(lib.search("banjir bandang"))) == ["A", "B"]
    assert titles(lib.search("banjir -jakarta")) == ["A"]
    assert titles(lib.search('banjir -"jawa barat"')) == ["B"]
    assert titles(lib.search("banjir NOT garut")) == ["B"]
    assert titles(lib.search("pemilu*")) == ["C"]
    assert titles(lib.search("pemilu")) == []
    assert sorted(titles(lib.search("garut OR bandung"))) == ["A", "C"]


def test_author_is_searched(lib: Library) -> None:
    add_entry(lib, add_feed(lib), "Laporan", "isi", author="Dewi Lestari")
    assert titles(lib.search("lestari")) == ["Laporan"]


HOSTILE = [
    '"', '""', '"""', '"unbalanced', "AND OR", "OR", "NOT", "AND", "-", "--", "*", "**",
    "(", ")", "()", "title:banjir", "text:", "a^b", "^", "NEAR(a b)", "{a b}", "a + b",
    "'; DROP TABLE entry; --", "\x00", "\x00banjir", "🙂", "banjir 🙂", "a" * 10_000,
    "x " * 500, "-*", '-"', 'NOT "', "OR banjir OR", "banjir*" * 3, ":", "\\", "%_",
]  # fmt: skip


@pytest.mark.parametrize("typed", HOSTILE)
def test_odd_input_never_raises(lib: Library, typed: str) -> None:
    feed = add_feed(lib)
    add_entry(lib, feed, "Banjir di Jakarta", "title text")
    assert isinstance(lib.search(typed), list)
    assert isinstance(search_count(lib, typed), int)
    assert isinstance(lib.search_terms(typed), list)


def test_quoted_operators_are_words(lib: Library) -> None:
    feed = add_feed(lib)
    add_entry(lib, feed, "Rock AND roll", "")
    add_entry(lib, feed, "Rock music", "")
    assert titles(lib.search('rock "AND" roll')) == ["Rock AND roll"]
    assert lib.search("title:rock") == []  # no column filter: the words "title" and "rock"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab -*"():^+OR NDTéé\x00'), max_size=30))
def test_any_text_is_a_valid_query(typed: str) -> None:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')")
    con.execute("INSERT INTO t VALUES ('a b ab OR NOT and')")
    match = to_fts(typed)
    if match is not None:
        con.execute("SELECT count(*) FROM t WHERE t MATCH ?", (match,)).fetchall()
    assert parse(typed).empty == (match is None)


def test_empty_query_returns_nothing(lib: Library) -> None:
    add_entry(lib, add_feed(lib), "Banjir", "")
    assert lib.search("") == []
    assert lib.search("   ") == []
    assert search_count(lib, "") == 0
    assert lib.search("banjir", limit=0) == []


# -- order ------------------------------------------------------------------------------------


def test_relevance_title_first_then_newest(lib: Library) -> None:
    feed = add_feed(lib)
    add_entry(lib, feed, "Kabar pagi", "gempa di laut " + "kata lain " * 40, ts=NOW - 1)
    add_entry(lib, feed, "Gempa Cianjur", "kabar " + "kata lain " * 40, ts=NOW - 5 * DAY)
    same = "Gempa hari ini"
    add_entry(lib, feed, same, "isi", ts=NOW - 3 * DAY, guid="older")
    add_entry(lib, feed, same, "isi", ts=NOW - 2 * DAY, guid="newer")
    rows = lib.search("gempa")
    assert rows[-1].title == "Kabar pagi"  # only in the text: last
    ties = [r for r in rows if r.title == same]
    assert ties[0].published > ties[1].published  # equal scores: newest first
    newest = lib.search("gempa", order="newest")
    assert [r.published for r in newest] == sorted((r.published for r in newest), reverse=True)


def test_order_is_exact_in_the_window_then_newest_first(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_WINDOW", 4)
    feed = add_feed(lib)
    # Ids grow with arrival; the oldest arrivals have the word in their title (rank best).
    ids = [add_entry(lib, feed, f"kopi {n}" if n < 3 else f"Berita {n}", "teks kopi", ts=NOW + n)
           for n in range(10)]  # fmt: skip
    pages = [lib.search("kopi", limit=3, offset=start) for start in (0, 3, 6, 9)]
    got = [row.id for page in pages for row in page]
    assert sorted(got) == sorted(ids) and len(got) == 10  # every match once, across pages
    assert set(got[:4]) == set(ids[-4:])  # the window: the newest four matches
    assert got[4:] == ids[5::-1]  # then the older matches, newest first
    assert lib.search("kopi", limit=3, offset=20) == []
    whole = [row.id for row in lib.search("kopi", limit=100)]
    assert whole == got
    newest = [row.id for row in lib.search("kopi", limit=100, order="newest")]
    assert newest == ids[::-1]


def test_paging_and_count(lib: Library) -> None:
    feed = add_feed(lib)
    for n in range(25):
        add_entry(lib, feed, f"Berita {n}", "ekonomi", ts=NOW - n)
    first = lib.search("ekonomi", limit=10)
    second = lib.search("ekonomi", limit=10, offset=10)
    rest = lib.search("ekonomi", limit=10, offset=20)
    assert len(first) == 10 and len(second) == 10 and len(rest) == 5
    assert not {r.id for r in first} & {r.id for r in second}
    assert search_count(lib, "ekonomi") == 25


# -- which articles ---------------------------------------------------------------------------


def test_only_articles_the_lists_show(lib: Library) -> None:
    live = add_feed(lib, "Live")
    gone = add_feed(lib, "Gone", removed=True)
    add_entry(lib, live, "Listed tsunami", "")
    add_entry(lib, live, "Unlisted tsunami", "", listed=False)
    add_entry(lib, gone, "Removed tsunami", "")
    add_entry(lib, gone, "Removed starred tsunami", "", starred=True)
    assert sorted(titles(lib.search("tsunami"))) == ["Listed tsunami", "Removed starred tsunami"]
    assert search_count(lib, "tsunami") == 2


def test_an_article_in_two_feeds_shows_once(lib: Library) -> None:
    one, two = add_feed(lib, "One"), add_feed(lib, "Two")
    original = add_entry(lib, one, "Gunung meletus", "")
    add_entry(lib, two, "Gunung meletus", "", duplicate_of=original)
    assert [r.id for r in lib.search("meletus")] == [original]
    assert [r.feed_id for r in lib.search("meletus", feed_id=two)] == [two]


def test_views_narrow_the_search(lib: Library) -> None:
    feed, other = add_feed(lib), add_feed(lib)
    add_entry(lib, feed, "Read pasar", "", read=True, ts=NOW - 3 * DAY)
    add_entry(lib, feed, "Unread pasar", "", ts=NOW - 3 * DAY)
    add_entry(lib, feed, "Starred pasar", "", starred=True, read=True, ts=NOW - 3 * DAY)
    add_entry(lib, other, "Today pasar", "", read=True, ts=NOW)
    assert titles(lib.search("pasar", view="unread")) == ["Unread pasar"]
    assert titles(lib.search("pasar", view="starred")) == ["Starred pasar"]
    assert titles(lib.search("pasar", view="today")) == ["Today pasar"]
    assert len(lib.search("pasar", feed_id=feed)) == 3
    assert search_count(lib, "pasar", view="unread") == 1


# -- the index follows the articles ---------------------------------------------------------


def test_triggers_keep_the_index_in_step(lib: Library) -> None:
    feed = add_feed(lib)
    entry = add_entry(lib, feed, "Judul lama", "teks pertama")
    assert titles(lib.search("pertama")) == ["Judul lama"]
    update_entry(lib, entry, text="teks kedua", title="Judul baru")
    assert lib.search("pertama") == [] and lib.search("lama") == []
    assert titles(lib.search("kedua baru")) == ["Judul baru"]
    update_entry(lib, entry, starred=True)  # not an indexed column: no re-indexing
    update_entry(lib, entry, title="Judul baru")  # same value: skipped by the WHEN clause
    fts_integrity(lib)
    lib.writer.call(lambda: EntryRecord.delete().where(EntryRecord.id == entry).execute())
    assert lib.search("kedua") == []
    fts_integrity(lib)


def test_reextraction_and_feed_updates_reindex(lib: Library) -> None:
    feed = add_feed(lib)
    entry = add_entry(lib, feed, "Judul", "ringkasan feed")
    article = ExtractedArticle(title="Judul", html="<p>teks lengkap halaman</p>",
                               text="teks lengkap halaman", method="generic")  # fmt: skip
    lib.writer.call(lambda: storage.store_article(entry, article, now=NOW))
    assert titles(lib.search("halaman")) == ["Judul"]
    assert lib.search("ringkasan") == []
    lib.remove_feed(feed, keep_starred=False)  # cascades to the articles
    assert lib.search("halaman") == []
    fts_integrity(lib)


def _indexed(lib: Library) -> set[int]:
    """The article ids the index holds (rowids of the FTS5 index's own table)."""
    rows = lib.writer.call(
        lambda: EntryRecord._meta.database.execute_sql("SELECT id FROM entry_fts_docsize")
    )
    return {row[0] for row in rows}


def test_new_articles_wait_for_a_batch_and_every_search_sees_them(lib: Library) -> None:
    feed = add_feed(lib)
    old = add_entry(lib, feed, "Gempa di Palu", "teks lama")
    assert titles(lib.search("gempa")) == ["Gempa di Palu"]  # the search indexed it first
    new = add_entry(lib, feed, "Banjir di Medan", "teks baru")
    waiting = add_entry(lib, feed, "Pasar murah", "harga cabai")
    assert _indexed(lib) == {old}  # inserted without being indexed (migration 7)
    update_entry(lib, waiting, text="harga bawang")  # a change before indexing: no trace
    lib.writer.call(lambda: EntryRecord.delete().where(EntryRecord.id == new).execute())
    assert search_count(lib, "cabai") == 0
    assert titles(lib.search("bawang")) == ["Pasar murah"]
    assert _indexed(lib) == {old, waiting}
    fts_integrity(lib)


def _mark(lib: Library) -> int:
    return lib.writer.call(
        lambda: EntryRecord._meta.database.execute_sql(
            'SELECT "upto" FROM "search_indexed"'
        ).fetchone()[0]
    )


def test_a_reused_id_waits_above_the_mark_like_any_new_article(lib: Library) -> None:
    feed = add_feed(lib)
    first = add_entry(lib, feed, "Pertama", "satu")
    middle = add_entry(lib, feed, "Tengah", "dua")
    last = add_entry(lib, feed, "Terakhir", "tiga")
    lib.search("satu")  # all three indexed: the mark is at ``last``
    assert _mark(lib) == last
    for gone in (last, middle):  # the highest first: the mark follows it down
        lib.writer.call(lambda g=gone: EntryRecord.delete().where(EntryRecord.id == g).execute())
    assert _mark(lib) == first
    reused = add_entry(lib, feed, "Pengganti", "empat")
    assert reused == middle  # SQLite gave the highest id + 1 again
    assert _indexed(lib) == {first}  # no trigger on insert: it waits above the mark
    assert titles(lib.search("empat")) == ["Pengganti"]
    assert _indexed(lib) == {first, reused}
    fts_integrity(lib)


def test_deleting_below_the_mark_while_articles_wait_keeps_them_waiting(lib: Library) -> None:
    feed = add_feed(lib)
    first = add_entry(lib, feed, "Pertama", "satu")
    lib.search("satu")
    waiting = add_entry(lib, feed, "Menunggu", "dua")
    lib.writer.call(lambda: EntryRecord.delete().where(EntryRecord.id == first).execute())
    assert _mark(lib) == first  # not raised over the waiting article
    assert titles(lib.search("dua")) == ["Menunggu"] and _indexed(lib) == {waiting}
    fts_integrity(lib)


def test_a_refresh_indexes_its_articles_before_it_returns(tmp_path: Path, http_server) -> None:
    items = "".join(
        f"<item><title>Berita {n}</title><link>{http_server.url(f'/a/{n}')}</link>"
        f"<description>kabar nomor{n}</description></item>"
        for n in range(3)
    )
    feed = f"<rss version='2.0'><channel><title>T</title>{items}</channel></rss>"
    http_server.route("/rss", feed.encode(), headers={"Content-Type": "application/rss+xml"})
    library = open_library(tmp_path / "data", clock=lambda: NOW)
    try:
        add_feed_unchecked(library, http_server.url("/rss"), kind="feed", full_article=False)
        library.refresh()
        assert len(_indexed(library)) == 3
        assert titles(library.search("nomor1")) == ["Berita 1"]
    finally:
        library.close()


# -- the plan at scale ------------------------------------------------------------------------


def _bulk(lib: Library, feed: int, count: int) -> None:
    words = ("banjir", "gempa", "pasar", "pemilu", "jakarta",
             "bandung", "harga", "rupiah", "sekolah", "vaksin")  # fmt: skip

    def insert() -> None:
        rows = [
            (feed, f"bulk-{n}", f"{words[n % 10]} {n}", f"{words[(n * 7) % 10]} teks {n}",
             NOW - n, NOW - n)
            for n in range(count)
        ]  # fmt: skip
        EntryRecord._meta.database.cursor().executemany(
            "INSERT INTO entry (feed_id, guid, url, title, author, sort_ts, summary_html,"
            " feed_html, html, text, origin, lead_image, related_json, extraction,"
            " extraction_note, content_hash, starred, listed, added_at) VALUES"
            " (?, ?, '', ?, '', ?, '', '', '', ?, '', '', '[]', 'feed', '', '', 0, 1, ?)",
            [(f, g, t, ts, x, a) for f, g, t, x, ts, a in rows],
        )

    lib.writer.call(insert)


def test_the_fts_index_drives_the_query_at_20k_articles(lib: Library) -> None:
    _bulk(lib, add_feed(lib), 20_000)
    for kwargs in ({}, {"feed_id": 1}, {"view": "unread"}, {"before": 10_000}, {"ranked": False}):
        sql, params = search.search_sql('"gempa"', today_start=0.0, **kwargs)  # type: ignore[arg-type]
        steps = [str(row[3]) for row in lib._db.execute_sql("EXPLAIN QUERY PLAN " + sql, params)]
        # The MATCH drives (the only scan, of the index), each hit reaches its article and
        # feed by primary key; only the matches are sorted.
        scans = [step for step in steps if step.startswith("SCAN")]
        assert len(scans) == 1 and scans[0].startswith("SCAN entry_fts VIRTUAL TABLE INDEX")
        assert ":M" in scans[0], steps  # the MATCH constraint is used by the index
        for table in ("m", "f", "e"):
            assert any(f"SEARCH {table} USING INTEGER PRIMARY KEY" in step for step in steps)
        assert not [step for step in steps if "TEMP B-TREE" in step], steps  # no sorting
    assert len(lib.search("gempa")) == 200
    assert search_count(lib, "gempa") == 4_000  # every tenth title, every tenth text
    fts_integrity(lib)


# -- saved searches ---------------------------------------------------------------------------


def test_saved_searches_are_smart_views(lib: Library) -> None:
    feed = add_feed(lib)
    add_entry(lib, feed, "Harga cabai naik", "", ts=NOW - 1)
    add_entry(lib, feed, "Harga beras", "", read=True, ts=NOW - 2)
    add_entry(lib, feed, "Cuaca", "")
    saved = lib.save_search("  Harga   pangan ", "harga")
    assert saved.name == "Harga pangan" and saved.query == "harga"
    other = lib.save_search("Cuaca", "cuaca -hujan")
    assert [(s.name, s.unread) for s in lib.saved_searches()] == [
        ("Cuaca", 1),
        ("Harga pangan", 1),
    ]
    assert [s.unread for s in lib.saved_searches(counts=False)] == [0, 0]
    assert titles(search_entries(lib, saved.id)) == ["Harga cabai naik", "Harga beras"]
    assert titles(search_entries(lib, saved.id, view="unread")) == ["Harga cabai naik"]
    renamed = lib.rename_search(saved.id, "Pangan")
    assert renamed.name == "Pangan" and renamed.query == "harga"
    lib.rename_search(saved.id, "PANGAN")  # its own name in other case: fine
    lib.delete_search(other.id)
    assert [s.name for s in lib.saved_searches()] == ["PANGAN"]


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("", "harga", "needs a name"),
        ("   ", "harga", "needs a name"),
        ("x" * 201, "harga", "at most"),
        ("Kosong", "", "no word"),
        ("Kosong", "-harga", "no word"),
        ("harga", "lain", "already"),
    ],
)
def test_bad_saved_searches_are_refused(lib: Library, name: str, query: str, message: str) -> None:
    lib.save_search("Harga", "harga")
    with pytest.raises(ValueError, match=message):
        lib.save_search(name, query)
    assert len(lib.saved_searches()) == 1


def test_unknown_saved_search(lib: Library) -> None:
    lib.save_search("A", "a")
    taken = lib.save_search("B", "b")
    with pytest.raises(SavedSearchNotFoundError):
        lib.rename_search(999, "x")
    with pytest.raises(SavedSearchNotFoundError):
        lib.delete_search(999)
    with pytest.raises(SavedSearchNotFoundError):
        search_entries(lib, 999)
    with pytest.raises(ValueError, match="already"):
        lib.rename_search(taken.id, "a")
