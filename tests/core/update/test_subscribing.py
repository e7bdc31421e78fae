"""Subscribing (core/update/subscribing.py) against the loopback server: one fetch of the feed,
its articles stored at once, the same rows a refresh stores, and the first refresh a
conditional GET that still fetches the articles' pages."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.errors import ParseError
from newsreader.core.library import Library, open_library
from newsreader.core.paths import database_path
from tests.helpers.http_server import HttpServer
from tests.helpers.library_tools import add_feed_unchecked

NOW = 1_700_000_000.0
SLUGS = ("banjir-melanda-kota", "harga-beras-turun-lagi", "timnas-menang-telak-malam")


def _rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>Berita {slug}</title><link>{base}/berita/{slug}</link>"
        f"<guid>{base}/berita/{slug}</guid><pubDate>Tue, 14 Nov 2023 0{n}:13:20 +0700</pubDate>"
        f"<description>&lt;p&gt;Ringkasan {slug}&lt;/p&gt;</description></item>"
        for n, slug in enumerate(SLUGS)
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Warta</title>"
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def _page(slug: str) -> bytes:
    text = " ".join(f"Kalimat {i} tentang {slug} yang cukup panjang dibaca." for i in range(8))
    return (
        f"<html><head><title>{slug}</title></head><body><article><h1>Berita {slug}</h1>"
        f"{''.join(f'<p>{text}</p>' for _ in range(5))}</article></body></html>"
    ).encode()


@pytest.fixture
def site(http_server: HttpServer) -> HttpServer:
    base = http_server.url("").rstrip("/")
    http_server.route("/rss", _rss(base), etag='"v1"',
                      headers={"Content-Type": "application/rss+xml"})  # fmt: skip
    for slug in SLUGS:
        http_server.route(f"/berita/{slug}", _page(slug), headers={"Content-Type": "text/html"})
    return http_server


def _open(path: Path) -> Library:
    return open_library(path, clock=lambda: NOW)


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = _open(tmp_path / "lib")
    yield library
    library.close()


def _asked(server: HttpServer, path: str) -> list[dict[str, str]]:
    return [r.headers for r in server.requests if r.path == path]


def test_one_fetch_and_the_articles_are_there_at_once(lib: Library, site: HttpServer) -> None:
    feed = lib.add_feed(site.url("/rss"))
    assert len(_asked(site, "/rss")) == 1
    assert {e.title for e in lib.entries(feed_id=feed.id)} == {f"Berita {s}" for s in SLUGS}
    assert feed.total == 3 and feed.last_fetched is not None
    assert feed.next_fetch is None  # due at once: its first refresh fetches the pages
    assert not any(r.path.startswith("/berita/") for r in site.requests)  # pages: next refresh
    (result,) = lib.refresh()
    # The first refresh is conditional (the subscription kept the ETag), and still fetches the
    # pages of the articles the subscription stored.
    first, again = _asked(site, "/rss")
    assert "if-none-match" not in first and again["if-none-match"] == '"v1"'
    assert result.not_modified and (result.new, result.articles_fetched) == (0, 3)
    for row in lib.entries(feed_id=feed.id):
        entry = lib.entry(row.id)
        assert entry.extraction and "Kalimat 3" in entry.text
    assert len(lib.entries(feed_id=feed.id)) == 3
    lib.refresh()
    assert sum(r.path.startswith("/berita/") for r in site.requests) == 3  # once each


def _rows(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    con = sqlite3.connect(database_path(path))
    try:
        feeds = con.execute(
            "SELECT url, kind, title, site_url, etag, last_modified, body_hash, ttl_minutes,"
            " added_at, last_fetched_at, next_fetch_at, last_error, error_count FROM feed"
        ).fetchall()
        entries = con.execute(
            "SELECT guid, url, title, author, published_ts, published_offset, sort_ts,"
            " summary_html, feed_html, html, text, origin, lead_image, related_json,"
            " extraction, extraction_note, content_hash, listed, added_at, fetched_at"
            " FROM entry ORDER BY guid"
        ).fetchall()
    finally:
        con.close()
    return feeds, entries


@pytest.mark.parametrize("full_article", [False, None])
def test_the_rows_are_the_ones_a_refresh_stores(
    tmp_path: Path, site: HttpServer, full_article: bool | None
) -> None:
    """Feed-only, the subscription's rows are a refresh's at once; with full articles, once
    the first refresh has fetched the pages."""
    with _open(tmp_path / "subscribed") as lib:
        lib.add_feed(site.url("/rss"), full_article=full_article)
        if full_article is None:
            lib.refresh()
    with _open(tmp_path / "refreshed") as lib:
        add_feed_unchecked(lib, site.url("/rss"), full_article=full_article)
        lib.refresh()
    subscribed, refreshed = _rows(tmp_path / "subscribed"), _rows(tmp_path / "refreshed")
    assert subscribed == refreshed
    feeds, entries = subscribed
    assert feeds[0][1:5] == ("feed", "Warta", site.url("/"), '"v1"') and len(entries) == 3


def test_a_site_naming_its_feed_is_subscribed_to_that_feed(lib: Library, site: HttpServer) -> None:
    site.route(
        "/",
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head>'
        b"<body>Beranda</body></html>",
        headers={"Content-Type": "text/html"},
    )
    feed = lib.add_feed(site.url("/"))
    assert (feed.url, feed.kind, feed.total) == (site.url("/rss"), "feed", 3)
    assert (len(_asked(site, "/")), len(_asked(site, "/rss"))) == (1, 1)
    (result,) = lib.refresh()
    assert result.not_modified and _asked(site, "/rss")[-1]["if-none-match"] == '"v1"'


def test_full_articles_turned_off_before_the_first_refresh(lib: Library, site: HttpServer) -> None:
    """The articles the subscription stored for their pages keep what the feed carried."""
    feed = lib.add_feed(site.url("/rss"))
    lib.set_feed_options(feed.id, full_article=False)
    (result,) = lib.refresh()
    assert result.not_modified and result.articles_fetched == 0
    assert not any(r.path.startswith("/berita/") for r in site.requests)
    for row in lib.entries(feed_id=feed.id):
        entry = lib.entry(row.id)
        assert entry.extraction == "feed" and entry.text.startswith("Ringkasan")


def test_nothing_is_stored_for_an_address_without_articles(lib: Library, site: HttpServer) -> None:
    site.route("/kosong", b"<html><body><p>Tidak ada apa-apa.</p></body></html>",
               headers={"Content-Type": "text/html"})  # fmt: skip
    with pytest.raises(ParseError, match="no article links"):
        lib.add_feed(site.url("/kosong"))
    assert lib.feeds() == [] and lib.entries() == []
