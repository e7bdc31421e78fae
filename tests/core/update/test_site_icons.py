"""Site icons: discovery in a page, validation, storage, weekly re-checks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.library import Library, open_library
from newsreader.core.storage.image_store import sniff_image
from newsreader.core.update import site_icons as favicons
from tests.helpers.http_server import HttpServer
from tests.helpers.library_tools import add_feed_unchecked

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
# A Windows icon file: the ICONDIR header, one 1x1 entry, then a PNG image.
ICO = b"\x00\x00\x01\x00\x01\x00\x01\x01\x00\x00\x01\x00\x20\x00" + len(PNG).to_bytes(4, "little")
ICO += (22).to_bytes(4, "little") + PNG
T0 = 1_700_000_000.0
WEEK = favicons.RECHECK_S


def rss(base: str) -> bytes:
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Contoh</title>"
        f"<link>{base}/</link><item><title>Satu</title><link>{base}/berita/satu-dua-tiga</link>"
        f"<description>Ringkasan.</description></item></channel></rss>"
    ).encode()


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def lib(http_server: HttpServer, tmp_path: Path, clock: Clock) -> Iterator[Library]:
    http_server.route("/rss", rss(http_server.url("")), headers={"Content-Type": "text/xml"})
    with open_library(tmp_path / "data", clock=clock) as library:
        add_feed_unchecked(library, http_server.url("/rss"), kind="feed", full_article=False)
        yield library


def _icon_requests(server: HttpServer) -> list[str]:
    return [r.path for r in server.requests if r.path != "/rss"]


def test_candidates_come_from_the_page_links_then_favicon_ico() -> None:
    page = b"""<html><head>
        <link rel="apple-touch-icon" href="/touch.png">
        <link rel="icon" type="image/svg+xml" href="/logo.svg">
        <link rel="Shortcut Icon" href="img/fav.ico">
        </head><body></body></html>"""
    assert favicons.icon_candidates(page, "https://elshinta.com/news/1") == [
        "https://elshinta.com/news/img/fav.ico",
        "https://elshinta.com/touch.png",
        "https://elshinta.com/favicon.ico",
    ]
    assert favicons.icon_candidates(b"", "https://elshinta.com/indeks") == [
        "https://elshinta.com/favicon.ico"
    ]


def test_the_site_page_and_when_to_look_again() -> None:
    assert favicons.site_page("https://a.example/rss", "") == "https://a.example/"
    assert favicons.site_page("https://feeds.example/x", "https://b.example/") == (
        "https://b.example/"
    )
    assert favicons.site_page("https://a.example/rss", "https://a.example/blog") == (
        "https://a.example/blog"
    )
    assert favicons.is_due(None, T0)
    assert not favicons.is_due(T0, T0 + WEEK - 1)
    assert favicons.is_due(T0, T0 + WEEK)


def test_ico_is_an_image_and_html_is_not() -> None:
    assert sniff_image(ICO) == ("image/x-icon", ".ico")
    assert favicons.icon_file_name(b"<html>404</html>") is None
    name = favicons.icon_file_name(PNG)
    assert name is not None and name.startswith("icons/") and name.endswith(".png")


def test_the_page_named_icon_is_fetched_once_and_stored(
    lib: Library, http_server: HttpServer, clock: Clock
) -> None:
    http_server.route("/", b'<html><head><link rel="icon" href="/static/f.ico"></head></html>')
    http_server.route("/static/f.ico", ICO, headers={"Content-Type": "image/x-icon"})
    (result,) = lib.refresh()
    assert not result.error
    (feed,) = lib.feeds()
    assert feed.icon_path.startswith("icons/") and feed.icon_path.endswith(".ico")
    assert (lib.data_dir / feed.icon_path).read_bytes() == ICO
    assert _icon_requests(http_server) == ["/", "/static/f.ico"]
    clock.now += WEEK - 60
    lib.refresh()
    assert _icon_requests(http_server) == ["/", "/static/f.ico"]  # not before a week
    clock.now += 120
    lib.refresh()
    assert _icon_requests(http_server)[2:] == ["/", "/static/f.ico"]


def test_without_a_link_favicon_ico_is_used_and_html_rejected(
    lib: Library, http_server: HttpServer
) -> None:
    http_server.route("/", b"<html><head><link rel='icon' href='/broken.png'></head></html>")
    http_server.route(
        "/broken.png", b"<html>Not found</html>", headers={"Content-Type": "image/png"}
    )
    http_server.route("/favicon.ico", PNG)
    lib.refresh()
    (feed,) = lib.feeds()
    assert feed.icon_path.endswith(".png")
    assert (lib.data_dir / feed.icon_path).read_bytes() == PNG


def test_no_icon_leaves_none_and_the_refresh_succeeds(
    lib: Library, http_server: HttpServer, clock: Clock
) -> None:
    (result,) = lib.refresh()  # "/" and "/favicon.ico" answer 404
    assert not result.error and result.new == 1
    assert lib.feeds()[0].icon_path == ""
    assert _icon_requests(http_server) == ["/", "/favicon.ico"]
    clock.now += 3600
    lib.refresh()
    assert len(_icon_requests(http_server)) == 2  # asked again only next week


def test_feeds_of_one_site_share_one_request_and_one_file(
    lib: Library, http_server: HttpServer, clock: Clock
) -> None:
    http_server.route("/favicon.ico", PNG)
    http_server.route("/rss2", rss(http_server.url("")), headers={"Content-Type": "text/xml"})
    lib.refresh()
    second = add_feed_unchecked(lib, http_server.url("/rss2"), kind="feed", full_article=False)
    clock.now += 3600
    lib.refresh()  # the site's icon is known: the new feed takes it without asking
    paths = {feed.icon_path for feed in lib.feeds()}
    assert len(paths) == 1 and "" not in paths
    assert _icon_requests(http_server).count("/favicon.ico") == 1
    assert lib.feed(second).icon_path


def test_a_failing_feed_asks_for_no_icon(lib: Library, http_server: HttpServer) -> None:
    http_server.route("/rss", b"", status=500)
    (result,) = lib.refresh()
    assert result.error
    assert _icon_requests(http_server) == []


def test_a_cancelled_refresh_records_nothing(http_server: HttpServer, tmp_path: Path) -> None:
    import threading

    from newsreader.core.net.fetch import Fetcher

    cancel = threading.Event()
    cancel.set()
    with open_library(tmp_path / "d") as library, Fetcher() as fetcher:
        job = favicons.IconFetch(fetcher, library.writer, library.data_dir, cancel=cancel)
        feed_id = add_feed_unchecked(library, http_server.url("/rss"))
        job.start([feed_id])
        job.wait()
    assert http_server.requests == [] and job.found == {}
