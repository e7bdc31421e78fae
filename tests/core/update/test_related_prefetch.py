"""Related links offline: after a refresh the "Baca Juga" articles of new items are cached
too (same site, depth 1, bounded), so they open without the network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.library import Library, open_library
from newsreader.core.update.related_prefetch import site_of
from tests.helpers.http_server import HttpServer
from tests.helpers.story_pages import T0, article_path, filler, page, rss

HTML = {"Content-Type": "text/html; charset=utf-8"}
FEED_ITEMS = [
    ("jembatan-putus-diterjang-banjir-di-sentani", "Jembatan Putus Diterjang Banjir"),
    ("harga-beras-naik-jelang-natal-di-jayapura", "Harga Beras Naik Jelang Natal"),
]
# Related of the first item: three on the site (one of them also in the feed), one elsewhere.
RELATED_1 = [
    "pengungsi-banjir-butuh-air-bersih-dan-selimut",
    "sekolah-diliburkan-tiga-hari-akibat-banjir",
    FEED_ITEMS[1][0],
]
RELATED_2 = ["pasar-murah-digelar-di-lima-distrik-kota"]
SECOND_LEVEL = "relawan-dapur-umum-bertambah-di-sentani"
EXTERNAL = "https://nasional.example.org/2024/12/05/pemerintah-pusat-kirim-bantuan-banjir"


def url(server: HttpServer, slug: str) -> str:
    return server.url(article_path(slug))


@pytest.fixture
def site(http_server: HttpServer) -> HttpServer:
    base = http_server.url("")
    http_server.route("/feed", rss(base, FEED_ITEMS), headers={"Content-Type": "application/xml"})
    first = [(f"Terkait {s}", url(http_server, s)) for s in RELATED_1]
    http_server.route(
        article_path(FEED_ITEMS[0][0]),
        page(FEED_ITEMS[0][1], filler("jembatan"), related=[*first, ("Bantuan", EXTERNAL)]),
        headers=HTML,
    )
    second = [(f"Terkait {s}", url(http_server, s)) for s in RELATED_2]
    http_server.route(
        article_path(FEED_ITEMS[1][0]),
        page(FEED_ITEMS[1][1], filler("beras"), related=second),
        headers=HTML,
    )
    deeper = [("Relawan", url(http_server, SECOND_LEVEL))]
    for slug in RELATED_1[:2] + RELATED_2:
        http_server.route(
            article_path(slug), page(slug, filler(slug), related=deeper), headers=HTML
        )
    http_server.route(article_path(SECOND_LEVEL), page("relawan", filler("relawan")), headers=HTML)
    return http_server


@pytest.fixture
def lib(site: HttpServer, tmp_path: Path) -> Iterator[Library]:
    with open_library(tmp_path / "data", clock=lambda: T0) as library:
        library.add_feed(site.url("/feed"))
        yield library


def hits(server: HttpServer, slug: str) -> int:
    return sum(1 for r in server.requests if r.path == article_path(slug))


def test_related_articles_are_cached_after_refresh(lib: Library, site: HttpServer) -> None:
    lib.refresh()
    related = [url(site, s) for s in RELATED_1[:2] + RELATED_2]
    assert lib.cached_urls(related) == set(related)
    assert all(hits(site, s) == 1 for s in RELATED_1 + RELATED_2)  # the feed item only once
    assert hits(site, SECOND_LEVEL) == 0  # depth 1
    assert not any("nasional.example.org" in r.path for r in site.requests)  # same site only
    assert len(lib.entries()) == 2  # not listed, not unread
    source = next(e for e in lib.entries() if e.title == FEED_ITEMS[0][1])
    before = len(site.requests)
    opened = lib.open_related(source.id, related[0])
    assert "pengungsi-banjir-butuh-air-bersih-dan-selimut" in opened.text
    assert len(site.requests) == before  # offline


def test_prefetch_is_bounded_and_fair(lib: Library, site: HttpServer) -> None:
    lib.refresher.related_per_refresh = 2
    lib.refresh()
    # Each source's first link before any source's second.
    assert hits(site, RELATED_1[0]) == 1 and hits(site, RELATED_2[0]) == 1
    assert hits(site, RELATED_1[1]) == 0
    lib.refresher.related_per_refresh = 0
    lib.refresh()
    assert hits(site, RELATED_1[1]) == 0


def test_failed_related_fetch_is_retried_when_opened(lib: Library, site: HttpServer) -> None:
    missing = RELATED_1[1]
    site.route(article_path(missing), b"gone", status=404)
    lib.refresh()
    assert lib.cached_urls([url(site, missing)]) == set()  # not shown as saved
    site.route(article_path(missing), page(missing, filler(missing)), headers=HTML)
    source = next(e for e in lib.entries() if e.title == FEED_ITEMS[0][1])
    opened = lib.open_related(source.id, url(site, missing))
    assert "sekolah-diliburkan-tiga-hari-akibat-banjir" in opened.text
    assert hits(site, missing) == 2


def test_no_prefetch_without_full_articles(lib: Library, site: HttpServer) -> None:
    lib.refresh(full_articles=False)
    assert all(hits(site, s) == 0 for s in RELATED_1[:2] + RELATED_2)


def test_site_of() -> None:
    assert site_of("https://www.Contoh.co.id/a") == site_of("https://m.contoh.co.id/b")
    assert site_of("https://contoh.co.id/a") != site_of("https://lain.co.id/a")
    assert site_of("http://[::1") == ""
