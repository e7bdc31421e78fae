"""The library facade end to end over a fake fetcher: subscribe, refresh, read, star, remove."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from newsreader.core.errors import (
    EntryNotFoundError,
    FeedExistsError,
    FetchError,
    InvalidURLError,
    ParseError,
)
from newsreader.core.library import Library, open_library
from newsreader.core.update.subscriptions import DEFAULT_SUBSCRIPTIONS
from tests.helpers.fake_fetcher import FakeFetcher, FakeResponse
from tests.helpers.library_tools import mark_all_read

SITE = "https://news.example.id"
FEED = f"{SITE}/rss"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def art(slug: str) -> str:
    """An article URL shaped like a news site's (a slug of several words)."""
    return f"{SITE}/read/{slug}-berita-hari-ini"


def rss(items: list[tuple[str, str, str]], ttl: str = "") -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>{art(slug)}</link><guid>{art(slug)}"
        f"</guid><pubDate>Mon, 26 Oct 2020 04:26:00 +0000</pubDate>"
        f"<description>{summary}</description></item>"
        for slug, title, summary in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Contoh Berita'
        f"</title><link>{SITE}/</link>{ttl}{body}</channel></rss>"
    ).encode()


def page(title: str, paragraphs: int = 6, related: tuple[str, ...] = ()) -> bytes:
    text = " ".join(
        f"Kalimat nomor {i} dari artikel {title} yang cukup panjang untuk dibaca." for i in range(8)
    )
    body = "".join(f"<p>{text}</p>" for _ in range(paragraphs))
    rel = "".join(f'<li><a href="{art(slug)}">Judul {slug}</a></li>' for slug in related)
    return (
        f"<html lang='id'><head><title>{title}</title><meta property='og:title' content='{title}'>"
        f"</head><body><nav><a href='/'>Beranda</a></nav><article><h1>{title}</h1>"
        f"<div class='date'>Senin, 26 Oktober 2020 - 11:26 WIB</div>"
        f"<img src='{SITE}/img/{title}.png' alt='foto {title}'>{body}</article>"
        f"<section><h3>Baca Juga</h3><ul>{rel}</ul></section><footer>Hak cipta</footer>"
        f"</body></html>"
    ).encode()


@pytest.fixture
def fetcher() -> FakeFetcher:
    fake = FakeFetcher()
    fake.responses[FEED] = FakeResponse(
        rss([("satu", "Berita Satu", "Ringkasan satu"), ("dua", "Berita Dua", "Ringkasan dua")]),
        headers={"ETag": '"v1"', "Content-Type": "application/rss+xml"},
    )
    fake.responses[art("satu")] = page("satu", related=("dua", "tiga"))
    fake.responses[art("dua")] = page("dua")
    fake.responses[art("tiga")] = page("tiga")
    for name in ("satu", "dua", "tiga"):
        fake.responses[f"{SITE}/img/{name}.png"] = PNG
    return fake


@pytest.fixture
def lib(tmp_path: Path, fetcher: FakeFetcher):
    library = open_library(tmp_path / "data", fetcher=fetcher)
    yield library
    library.close()


def test_add_refresh_extract_and_cache_images(lib: Library, fetcher: FakeFetcher) -> None:
    feed = lib.add_feed(FEED)
    assert (feed.title, feed.kind, feed.total) == ("Contoh Berita", "feed", 2)  # stored at once
    results = lib.refresh()  # the feed: 304; the pages of its two articles: fetched
    assert [(r.new, r.articles_fetched, r.error) for r in results] == [(0, 2, "")]
    rows = lib.entries(feed_id=feed.id)
    assert {r.title for r in rows} == {"Berita Satu", "Berita Dua"}
    entry = lib.entry(next(r.id for r in rows if r.title == "Berita Satu"))
    assert "Kalimat nomor 3 dari artikel satu" in entry.text
    assert entry.extraction in ("generic", "site:example")
    assert entry.published is not None and entry.published.utcoffset() is not None
    assert [link.url for link in entry.related] == [art("dua"), art("tiga")]
    cached = [ref for ref in entry.images if ref.path]
    assert cached and Path(cached[0].path).read_bytes() == PNG
    assert lib.feeds()[0].unread == 2


def test_second_refresh_is_conditional_and_keeps_state(lib: Library, fetcher: FakeFetcher) -> None:
    feed = lib.add_feed(FEED)
    lib.refresh()
    first = lib.entries(feed_id=feed.id)[0]
    lib.mark_read([first.id])
    lib.set_starred(first.id)
    fetcher.requests.clear()
    results = lib.refresh()
    assert results[0].not_modified
    assert (FEED, '"v1"', None) in fetcher.requests
    # The feed changes the item's text: content updates, read and star stay.
    fetcher.responses[FEED] = FakeResponse(
        rss([("satu", "Berita Satu (diperbarui)", "Ringkasan baru"), ("dua", "Berita Dua", "x")]),
        headers={"ETag": '"v2"'},
    )
    results = lib.refresh()
    assert results[0].updated >= 1 and results[0].new == 0
    again = lib.entry(first.id)
    assert (again.read, again.starred) == (True, True)
    assert len(lib.entries(feed_id=feed.id)) == 2


def test_failing_feed_records_error_and_others_update(lib: Library, fetcher: FakeFetcher) -> None:
    good = lib.add_feed(FEED)
    other = f"{SITE}/other.xml"
    fetcher.responses[other] = rss([("tiga", "Berita Tiga", "t")])
    bad = lib.add_feed(other)
    lib.refresh()
    before = {e.id for e in lib.entries(feed_id=bad.id)}
    fetcher.responses[other] = FetchError(other, "connection refused")
    fetcher.responses[FEED] = FakeResponse(
        rss([("satu", "Berita Satu", "s"), ("dua", "Berita Dua", "d"), ("tiga", "Tiga", "t")]),
        headers={"ETag": '"v3"'},
    )
    results = {r.feed_id: r for r in lib.refresh()}
    assert results[bad.id].error == "connection refused"
    assert results[good.id].new == 1
    feeds = {f.id: f for f in lib.feeds()}
    assert feeds[bad.id].error == "connection refused"
    assert {e.id for e in lib.entries(feed_id=bad.id)} == before  # nothing lost
    fetcher.responses[other] = b"<rss><channel><title>broken"  # malformed XML
    results = {r.feed_id: r for r in lib.refresh([bad.id])}
    assert results[bad.id].error
    assert {e.id for e in lib.entries(feed_id=bad.id)} == before


def test_add_by_site_url_uses_autodiscovery(lib: Library, fetcher: FakeFetcher) -> None:
    fetcher.responses[f"{SITE}/"] = (
        f'<html><head><link rel="alternate" type="application/rss+xml" href="{FEED}">'
        f"</head><body>Beranda</body></html>"
    ).encode()
    feed = lib.add_feed(f"{SITE}/")
    assert (feed.url, feed.kind) == (FEED, "feed")
    with pytest.raises(FeedExistsError):
        lib.add_feed(FEED)


def test_add_by_index_page_without_feed(lib: Library, fetcher: FakeFetcher) -> None:
    links = "".join(
        f'<div class="item"><h2><a href="/news/{slug}/2020/10/26/judul-berita-nomor-{slug}">'
        f"Judul berita {slug}</a></h2></div>"
        for slug in ("101", "102", "103")
    )
    index = f"{SITE}/indeks"
    fetcher.responses[index] = (
        f"<html><head><title>Indeks</title></head><body><nav><a href='/tentang'>Tentang</a></nav>"
        f"{links}</body></html>"
    ).encode()
    feed = lib.add_feed(index)
    assert feed.kind == "index"
    lib.refresh([feed.id], full_articles=False)
    titles = [e.title for e in lib.entries(feed_id=feed.id)]
    assert titles == ["Judul berita 101", "Judul berita 102", "Judul berita 103"]


def test_bad_urls_store_nothing(lib: Library, fetcher: FakeFetcher) -> None:
    with pytest.raises(InvalidURLError):
        lib.add_feed("javascript:alert(1)")
    with pytest.raises(FetchError):
        lib.add_feed(f"{SITE}/missing")
    fetcher.responses[f"{SITE}/plain"] = b"<html><body><p>Tidak ada apa-apa.</p></body></html>"
    with pytest.raises(ParseError):
        lib.add_feed(f"{SITE}/plain")
    assert lib.feeds() == []


def test_views_mark_all_read_and_stars(lib: Library) -> None:
    feed = lib.add_feed(FEED)
    lib.refresh()
    counts = lib.view_counts()
    assert counts["unread"] == 2 and counts["all"] == 2 and counts["starred"] == 0
    entry_id = lib.entries(feed_id=feed.id)[0].id
    lib.set_starred(entry_id)
    assert [e.id for e in lib.entries(view="starred")] == [entry_id]
    assert mark_all_read(lib, feed_id=feed.id) == 2
    assert lib.view_counts()["unread"] == 0 and lib.feeds()[0].unread == 0
    lib.mark_read([entry_id], read=False)
    assert [e.id for e in lib.entries(view="unread")] == [entry_id]
    with pytest.raises(EntryNotFoundError):
        lib.set_starred(9999)


def test_remove_feed_keeps_starred_articles(lib: Library) -> None:
    feed = lib.add_feed(FEED)
    lib.refresh()
    keep = lib.entries(feed_id=feed.id)[0].id
    lib.set_starred(keep)
    assert lib.starred_count(feed.id) == 1
    lib.remove_feed(feed.id, keep_starred=True)
    assert lib.feeds() == []
    assert [e.id for e in lib.entries(view="starred")] == [keep]
    assert lib.entry(keep).title
    assert lib.entries(view="all") == []
    # Re-subscribing brings the feed back with the kept article still starred.
    again = lib.add_feed(FEED)
    assert again.id == feed.id
    lib.remove_feed(again.id, keep_starred=False)
    assert lib.entries(view="starred") == []


def test_a_removed_feeds_own_choices_go_with_it(lib: Library, fetcher: FakeFetcher) -> None:
    """Notices and the summary view are the subscription's: a feed subscribed later is asked
    afresh, even with the removed one's id (SQLite gives the highest id again) or address."""
    first = lib.add_feed(FEED)
    lib.set_feed_options(first.id, notify=True, show_summary=True)
    lib.remove_feed(first.id, keep_starred=False)
    other = f"{SITE}/lain/rss"
    fetcher.responses[other] = fetcher.responses[FEED]
    second = lib.add_feed(other)
    assert second.id == first.id and not (second.notify or second.show_summary)
    lib.refresh()
    lib.set_starred(lib.entries(feed_id=second.id)[0].id)
    lib.set_feed_options(second.id, notify=True, show_summary=True)
    lib.remove_feed(second.id, keep_starred=True)  # kept, for its starred article
    again = lib.add_feed(other)
    assert again.id == second.id and not (again.notify or again.show_summary)


def test_open_related_fetches_once_then_reads_the_cache(lib: Library, fetcher: FakeFetcher) -> None:
    feed = lib.add_feed(FEED)
    lib.refresh()
    source = next(e for e in lib.entries(feed_id=feed.id) if e.title == "Berita Satu")
    tiga = art("tiga")
    related = lib.open_related(source.id, tiga)
    assert "artikel tiga" in related.text
    assert tiga in lib.cached_urls([tiga, f"{SITE}/nothing"])
    # Not in the feed's list, not counted as unread.
    assert related.id not in {e.id for e in lib.entries(feed_id=feed.id)}
    fetcher.requests.clear()
    assert lib.open_related(source.id, tiga).id == related.id
    assert tiga not in fetcher.urls()


def test_default_subscriptions_only_once(lib: Library) -> None:
    assert lib.ensure_default_subscriptions()
    urls = {f.url for f in lib.feeds()}
    assert urls == {url for url, _, _ in DEFAULT_SUBSCRIPTIONS}
    assert all(f.builtin for f in lib.feeds())
    kinds = {f.url: f.kind for f in lib.feeds()}
    assert kinds.pop("https://elshinta.com/") == "auto"  # the site: feed if it has one
    assert set(kinds.values()) == {"index"}
    lib.remove_feed(lib.feeds()[0].id)
    assert not lib.ensure_default_subscriptions()
    assert len(lib.feeds()) == len(DEFAULT_SUBSCRIPTIONS) - 1


def test_refresh_can_be_cancelled(lib: Library, fetcher: FakeFetcher) -> None:
    lib.add_feed(FEED)
    fetcher.requests.clear()
    cancel = threading.Event()
    cancel.set()
    assert lib.refresh(cancel=cancel) == []
    assert fetcher.requests == []


def test_reopen_keeps_everything(tmp_path: Path, fetcher: FakeFetcher) -> None:
    with open_library(tmp_path, fetcher=fetcher) as first:
        feed = first.add_feed(FEED)
        first.refresh()
        starred = first.entries(feed_id=feed.id)[0].id
        first.set_starred(starred)
    with open_library(tmp_path, fetcher=FakeFetcher()) as second:
        assert second.entry(starred).starred
        assert len(second.entries()) == 2


def test_same_article_in_two_feeds_shows_once_and_shares_marks(
    lib: Library, fetcher: FakeFetcher
) -> None:
    first = lib.add_feed(FEED)
    other = f"{SITE}/kategori.xml"
    fetcher.responses[other] = rss([("satu", "Berita Satu", "Ringkasan satu")])
    second = lib.add_feed(other)
    lib.refresh()
    assert len(lib.entries(feed_id=first.id)) == 2 and len(lib.entries(feed_id=second.id)) == 1
    assert len(lib.entries(view="all")) == 2
    assert lib.view_counts()["unread"] == 2
    copy = lib.entries(feed_id=second.id)[0]
    lib.mark_read([copy.id])
    lib.set_starred(copy.id)
    twin = next(e for e in lib.entries(feed_id=first.id) if e.url == copy.url)
    assert twin.read and twin.starred
    (shown,) = lib.entries(view="starred")  # once, whichever feed stored it first
    assert shown.id in (copy.id, twin.id)
    # Removing the feed of the shown copy leaves the other as the article in the smart views.
    lib.remove_feed(shown.feed_id, keep_starred=False)
    left = [e for e in lib.entries(view="all") if e.url == copy.url]
    assert [e.id for e in left] == [twin.id if shown.id == copy.id else copy.id]
    assert left[0].starred


def test_the_facade_is_one_class_that_delegates(lib: Library) -> None:
    """No mixins: what the library does is found on its collaborators, not in base classes."""
    assert Library.__mro__ == (Library, object)
    assert lib.settings is lib.refresher.settings and lib.fetcher is lib.refresher.fetcher
