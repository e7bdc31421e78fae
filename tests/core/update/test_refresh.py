"""A refresh against the loopback server with the real ``Fetcher``, where the web sends what
cannot be used: addresses that cannot be fetched (a port out of range, an unclosed IPv6
bracket) at every door they come in by, bodies cut short, validators folded over lines.

Each is refused or skipped where it enters; the refresh goes on, and the other feeds carry
their articles.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsreader.core.errors import FeedError, InvalidURLError
from newsreader.core.library import Library, open_library
from newsreader.core.net.fetch import Fetcher
from newsreader.core.storage import writes as storage
from newsreader.core.storage.records import EntryRecord, FeedRecord, ImageRecord
from tests.helpers.http_server import HANDLED, HttpServer, Request
from tests.helpers.library_tools import add_feed_unchecked
from tests.helpers.story_pages import T0, filler, page

HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}
BAD_PORT = "http://127.0.0.1:99999/berita/rusak"
BAD_BRACKET = "http://[::1/berita/rusak"


def rss(items: list[tuple[str, str]], site: str = "http://127.0.0.1/") -> bytes:
    """A feed of (title, link) items, newest first, of the web site ``site``."""
    body = "".join(
        f"<item><title>{name}</title><link>{link}</link><guid>g-{name}</guid>"
        f"<pubDate>Thu, 05 Dec 2024 0{n}:00:00 GMT</pubDate>"
        f"<description>Ringkasan {name}.</description></item>"
        for n, (name, link) in enumerate(reversed(items))
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Warta</title>"
        f"<link>{site}</link>{body}</channel></rss>"
    ).encode()


@dataclass
class Web:
    server: HttpServer
    lib: Library

    def url(self, path: str) -> str:
        return self.server.url(path)

    def feed(self, path: str, items: list[tuple[str, str]]) -> int:
        """Serve a feed at ``path``; subscribe to it (full articles) without fetching."""
        self.server.route(path, rss(items, self.url("/")), headers=RSS)
        return add_feed_unchecked(self.lib, self.url(path), kind="feed", full_article=True)

    def article(self, path: str, title: str, **kwargs: object) -> str:
        self.server.route(path, page(title, filler(title), **kwargs), headers=HTML)  # type: ignore[arg-type]
        return self.url(path)

    def asked(self, path: str) -> int:
        return sum(1 for r in self.server.requests if r.path == path)


@pytest.fixture
def web(http_server: HttpServer, tmp_path: Path) -> Iterator[Web]:
    fetcher = Fetcher(timeout=5.0, connect_timeout=2.0, trust_env=False)
    lib = open_library(tmp_path / "data", fetcher=fetcher, clock=lambda: T0)
    try:
        yield Web(http_server, lib)
    finally:
        lib.close()
        fetcher.close()


def good_feed(web: Web) -> int:
    """A feed that behaves, beside the one that does not."""
    link = web.article("/baik/satu", "Berita Baik")
    return web.feed("/baik.xml", [("Berita Baik", link)])


def stored(lib: Library, feed_id: int) -> dict[str, EntryRecord]:
    return {e.title: e for e in EntryRecord.select().where(EntryRecord.feed == feed_id)}


# -- addresses that cannot be fetched ----------------------------------------------------------
@pytest.mark.parametrize("bad", [BAD_PORT, BAD_BRACKET])
def test_an_item_link_that_cannot_be_fetched_keeps_what_the_feed_carries(
    web: Web, bad: str
) -> None:
    fine = good_feed(web)
    link = web.article("/berita/dua", "Berita Dua")
    feed_id = web.feed("/feed.xml", [("Berita Rusak", bad), ("Berita Dua", link)])
    results = {r.feed_id: r for r in web.lib.refresh()}
    assert results[feed_id].error == "" and results[fine].error == ""
    assert (results[feed_id].new, results[feed_id].articles_fetched) == (2, 1)
    entries = stored(web.lib, feed_id)
    broken = entries["Berita Rusak"]
    assert broken.url == "" and broken.extraction == "feed"
    assert "Ringkasan Berita Rusak" in broken.text
    assert entries["Berita Dua"].extraction not in ("", "feed")
    assert web.asked("/berita/dua") == 1
    assert [r.error for r in web.lib.refresh()] == ["", ""]  # and the next refresh too


def test_a_feed_redirected_to_an_address_that_cannot_be_fetched_fails_alone(web: Web) -> None:
    fine = good_feed(web)
    web.server.redirect("/pindah.xml", BAD_PORT)
    moved = add_feed_unchecked(web.lib, web.url("/pindah.xml"), kind="feed")
    results = {r.feed_id: r for r in web.lib.refresh()}
    assert "redirected to an address that cannot be fetched" in results[moved].error
    assert results[fine].error == "" and results[fine].new == 1
    assert "cannot be fetched" in web.lib.feed(moved).error


@pytest.mark.parametrize("bad", [BAD_PORT, BAD_BRACKET, "http://127.0.0.1:0/rss"])
def test_add_refuses_an_address_that_cannot_be_fetched(web: Web, bad: str) -> None:
    with pytest.raises(InvalidURLError, match="not a web address") as info:
        web.lib.add_feed(bad)
    assert isinstance(info.value, FeedError)  # what the command line and the window report
    assert web.lib.feeds() == [] and web.server.requests == []


def test_a_feed_stored_with_such_an_address_before_fails_alone(web: Web) -> None:
    """An address kept before addresses were checked where they come in: the fetcher refuses
    it, as the feed's own error."""
    fine = good_feed(web)
    old = web.lib.writer.call(lambda: storage.insert_feed(BAD_BRACKET, now=T0, kind="feed"))
    results = {r.feed_id: r for r in web.lib.refresh()}
    assert "not a valid web address" in results[old].error
    assert results[fine].error == "" and results[fine].new == 1


def test_opml_import_skips_addresses_that_cannot_be_fetched(web: Web, tmp_path: Path) -> None:
    good = web.url("/baik.xml")
    good_feed(web)
    web.lib.remove_feed(web.lib.feeds()[0].id)
    opml = tmp_path / "langganan.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline text="Rusak" xmlUrl="{BAD_PORT}"/>'
        f'<outline text="Rusak juga" xmlUrl="{BAD_BRACKET}"/>'
        f'<outline text="Baik" xmlUrl="{good}"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    report = web.lib.import_opml(opml)
    assert report.added == 1 and len(report.problems) == 2
    assert all("not a web address" in p for p in report.problems)
    assert [f.url for f in web.lib.feeds()] == [good]
    assert [r.error for r in web.lib.refresh()] == [""]


def test_related_links_that_cannot_be_fetched_are_skipped(web: Web) -> None:
    """A "Baca Juga" link of the page's own site (the same host, a port out of range)."""
    bad = "http://127.0.0.1:99999/2024/12/05/pengungsi-banjir-butuh-air/"
    fine = web.article("/2024/12/05/sekolah-diliburkan-tiga-hari/", "Sekolah Diliburkan")
    related = [("Pengungsi banjir butuh air bersih", bad), ("Sekolah diliburkan tiga hari", fine)]
    link = web.article("/2024/12/05/banjir-bandang/", "Banjir Bandang", related=related)
    feed_id = web.feed("/feed.xml", [("Banjir Bandang", link)])
    (result,) = web.lib.refresh()
    assert result.error == "" and result.articles_fetched == 1
    assert web.asked("/2024/12/05/sekolah-diliburkan-tiga-hari/") == 1  # the one that can be
    source = next(e for e in web.lib.entries(feed_id=feed_id))
    assert bad in {r.url for r in web.lib.entry(source.id).related}
    with pytest.raises(InvalidURLError):
        web.lib.open_related(source.id, bad)  # opened by hand: refused, clearly


def test_image_addresses_that_cannot_be_fetched_are_skipped(web: Web) -> None:
    paragraphs = filler("gambar")
    paragraphs[1] += f'<img src="{BAD_PORT}.jpg" alt="rusak">'
    web.server.route("/berita/gambar", page("Gambar", paragraphs), headers=HTML)
    web.feed("/feed.xml", [("Gambar", web.url("/berita/gambar"))])
    (result,) = web.lib.refresh()
    assert result.error == "" and result.articles_fetched == 1
    assert not ImageRecord.select().where(ImageRecord.url == f"{BAD_PORT}.jpg").exists()


def test_index_page_links_that_cannot_be_fetched_are_skipped(web: Web) -> None:
    good = [f"/berita/2024/12/05/kabar-nomor-{i}-hari-ini" for i in range(3)]
    for path in good:
        web.article(path, path.rsplit("/", 1)[-1])
    links = "".join(
        f'<li><h2><a href="{href}">Judul {n}</a></h2></li>'
        for n, href in enumerate([BAD_PORT + "/2024/12/05/kabar-rusak-hari-ini", *good])
    )
    web.server.route("/indeks", f"<html><body><ul>{links}</ul></body></html>".encode(),
                     headers=HTML)  # fmt: skip
    feed_id = add_feed_unchecked(web.lib, web.url("/indeks"), kind="index")
    (result,) = web.lib.refresh()
    assert result.error == "" and result.new == 3 and result.articles_fetched == 3
    assert {e.url for e in stored(web.lib, feed_id).values()} == {web.url(p) for p in good}


def test_a_site_icon_link_that_cannot_be_fetched_is_skipped(web: Web) -> None:
    web.server.route(
        "/",
        b'<html><head><link rel="icon" href="http://[::1/favicon.png">'
        b'<link rel="icon" href="http://127.0.0.1:99999/favicon.png"></head></html>',
        headers=HTML,
    )
    good_feed(web)
    assert [r.error for r in web.lib.refresh()] == [""]
    assert web.asked("/favicon.ico") == 1  # the address that can be fetched is still tried


# -- bodies cut short ------------------------------------------------------------------------
def _cut(body: bytes, *, etag: str) -> object:
    """A handler announcing ``body`` whole, sending half of it, then closing the connection."""

    def handle(request: Request) -> object:
        assert request.connection is not None
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: {etag}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        request.connection.sendall(head + body[: len(body) * 2 // 3])
        return HANDLED

    return handle


@pytest.mark.parametrize("compressed", [False, True])
def test_a_feed_cut_short_stores_nothing_and_the_next_refresh_gets_it_whole(
    web: Web, compressed: bool
) -> None:
    items = [(f"Berita {n}", web.url(f"/berita/{n}")) for n in range(3)]
    whole = rss(items)
    feed_id = add_feed_unchecked(web.lib, web.url("/feed.xml"), kind="feed", full_article=False)
    cut = gzip.compress(whole) if compressed else whole
    handler = _cut(cut, etag='"v1"')
    if compressed:  # the Content-Length of what is sent: only the gzip stream shows the cut

        def handler(request: Request) -> object:
            assert request.connection is not None
            half = cut[: len(cut) // 2]
            request.connection.sendall(
                b'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nETag: "v1"\r\n'
                + f"Content-Length: {len(half)}\r\n\r\n".encode()
                + half
            )
            return HANDLED

    web.server.route("/feed.xml", handler=handler)
    (result,) = web.lib.refresh()
    assert "closed the connection before the whole response arrived" in result.error
    record = FeedRecord.get_by_id(feed_id)
    assert record.etag is None and stored(web.lib, feed_id) == {}
    web.server.route("/feed.xml", whole, etag='"v1"', headers=RSS)
    (result,) = web.lib.refresh()
    assert result.error == "" and result.new == 3
    assert "if-none-match" not in web.server.requests[-1].headers
    assert set(stored(web.lib, feed_id)) == {"Berita 0", "Berita 1", "Berita 2"}
    assert FeedRecord.get_by_id(feed_id).etag == '"v1"'


# -- validators --------------------------------------------------------------------------------
def test_a_folded_etag_is_not_stored_nor_sent_back(web: Web) -> None:
    body = rss([("Berita", web.url("/berita/1"))])

    def folded(request: Request) -> object:
        assert request.connection is not None
        request.connection.sendall(
            b'HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: "v1"\r\n'
            b" X-Injected: yes\r\nLast-Modified: Thu, 05 Dec 2024\r\n 00:00:00 GMT\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        return HANDLED

    web.server.route("/feed.xml", handler=folded)
    feed_id = add_feed_unchecked(web.lib, web.url("/feed.xml"), kind="feed", full_article=False)
    (result,) = web.lib.refresh()
    assert result.error == "" and result.new == 1
    record = FeedRecord.get_by_id(feed_id)
    assert record.etag is None
    assert record.last_modified == "Thu, 05 Dec 2024 00:00:00 GMT"  # unfolded: one line
    web.lib.refresh()
    again = [r for r in web.server.requests if r.path == "/feed.xml"][-1].headers
    assert "if-none-match" not in again and "x-injected" not in again
    assert again["if-modified-since"] == "Thu, 05 Dec 2024 00:00:00 GMT"


def test_validators_after_a_redirect_to_another_host_go_only_there(web: Web) -> None:
    """The feed moves to the address it was redirected to, with that address's validators;
    the next refresh asks there. The first host is never sent them."""
    other = f"http://localhost:{web.server.port}/feed.xml"
    web.server.redirect("/lama.xml", other)
    web.server.route("/feed.xml", rss([("Berita", web.url("/berita/1"))]), etag='"v1"',
                     headers=RSS)  # fmt: skip
    feed_id = add_feed_unchecked(web.lib, web.url("/lama.xml"), kind="feed", full_article=False)
    web.lib.refresh()
    record = FeedRecord.get_by_id(feed_id)
    assert (record.url, record.etag) == (other, '"v1"')
    (result,) = web.lib.refresh()
    assert result.not_modified
    feed_requests = [r for r in web.server.requests if r.path in ("/lama.xml", "/feed.xml")]
    assert [r.headers.get("if-none-match") for r in feed_requests] == [None, None, '"v1"']
    assert feed_requests[-1].headers["host"].startswith("localhost")
