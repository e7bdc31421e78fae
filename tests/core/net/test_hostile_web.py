"""The web misbehaving on purpose, through a whole refresh ("bad input is the web").

Each case runs a real library with the real ``Fetcher`` against the loopback server: three
good feeds and one that first behaves, gets stored and read and starred, then misbehaves
(slow, reset, 500, 503 with Retry-After, 404, 410, compression bombs, a 200 MB body, a web
page, malformed XML, redirect loops, a wrong charset, billion laughs, external entities).
After the refresh the good feeds carry their new articles, the bad one has its error (and the
schedule the server asked for), nothing stored before is lost or unmarked, and the database
is intact. test_fetch.py and test_parse.py cover the pieces; this is the whole pipeline.
"""

from __future__ import annotations

import functools
import resource
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from newsreader.core.library import Library, open_library
from newsreader.core.net.fetch import Fetcher
from newsreader.core.storage.records import EntryRecord
from newsreader.core.types import Feed, UpdateResult
from tests.helpers.http_server import RESET, HttpServer, Request, Response
from tests.helpers.library_tools import add_feed_unchecked

NOW = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC).timestamp()
TIMEOUT = 1.5  # seconds: the slow cases wait this long, so keep it short
MB = 1024 * 1024
GOOD = ("/good/a.xml", "/good/b.xml", "/good/c.xml")
BAD = "/bad/feed.xml"


def rss(name: str, count: int, *, title_of: Callable[[int], str] | None = None) -> bytes:
    """A feed of ``count`` items, newest first; item i has guid ``<name>-i``."""
    titles = title_of or (lambda i: f"{name} berita {i}")
    items = "".join(
        f"<item><title>{titles(i)}</title><guid>{name}-{i}</guid>"
        f"<link>https://news.example/{name}/{i}-berita-hari-ini</link>"
        f"<description>&lt;p&gt;Ringkasan {i}&lt;/p&gt;</description></item>"
        for i in range(count, 0, -1)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{name}</title><link>https://news.example/{name}/</link>{items}</channel></rss>"
    ).encode()


Snapshot = tuple[int, str, str, bool, bool]  # feed id, url, title, read, starred


@dataclass
class Web:
    """The server, a library refreshing from it, and what the library held before."""

    server: HttpServer
    lib: Library
    data_dir: Path
    bad_id: int = 0
    before: dict[int, Snapshot] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.server.url(path)

    def serve_good(self, count: int) -> None:
        for path in GOOD:
            self.server.route(path, rss(path.split("/")[-1][0], count),
                              headers={"Content-Type": "application/rss+xml"})  # fmt: skip

    def refresh(self) -> dict[str, UpdateResult]:
        return {r.url: r for r in self.lib.refresh(full_articles=False)}

    def bad_feed(self) -> Feed:
        return self.lib.feed(self.bad_id)


def snapshot(lib: Library) -> dict[int, Snapshot]:
    """Every stored article, read through the facade: id -> (feed, url, title, read, star)."""
    ids = [int(i) for i in EntryRecord.select(EntryRecord.id).scalars()]
    return {e.id: (e.feed_id, e.url, e.title, e.read, e.starred) for e in lib.entries_by_id(ids)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@pytest.fixture
def web(http_server: HttpServer, tmp_path: Path) -> Iterator[Web]:
    """Four feeds stored, some articles read and starred; the bad one still behaving."""
    fetcher = Fetcher(timeout=TIMEOUT, connect_timeout=TIMEOUT, trust_env=False)
    lib = open_library(tmp_path / "data", fetcher=fetcher, clock=lambda: NOW)
    state = Web(http_server, lib, tmp_path / "data")
    try:
        state.serve_good(2)
        http_server.route(BAD, rss("bad", 3), headers={"Content-Type": "application/rss+xml"})
        for path in GOOD:
            add_feed_unchecked(lib, state.url(path), kind="feed")
        state.bad_id = add_feed_unchecked(lib, state.url(BAD), kind="feed")
        first = state.refresh()
        assert [r.error for r in first.values()] == ["", "", "", ""]
        ids = [
            int(i) for i in EntryRecord.select(EntryRecord.id).order_by(EntryRecord.id).scalars()
        ]
        lib.mark_read(ids[::2])
        for entry_id in ids[1::3]:
            lib.set_starred(entry_id)
        state.before = snapshot(lib)
        assert len(state.before) == 9
        assert any(s[3] for s in state.before.values()) and any(s[4] for s in state.before.values())
        state.serve_good(3)  # every good feed has one new article for the next refresh
        yield state
    finally:
        lib.close()
        fetcher.close()


def refresh_and_check(web: Web) -> UpdateResult:
    """Refresh everything; the good feeds updated, nothing lost, the database intact.
    Returns the bad feed's result."""
    results = web.refresh()
    for path in GOOD:
        good = results[web.url(path)]
        assert (good.error, good.new) == ("", 1), good
    after = snapshot(web.lib)
    assert {key: after.get(key) for key in web.before} == web.before
    new_bad = [s for key, s in after.items() if key not in web.before and s[0] == web.bad_id]
    assert len(after) == len(web.before) + len(GOOD) + len(new_bad)
    check = EntryRecord._meta.database.execute_sql("PRAGMA integrity_check").fetchone()
    assert check[0] == "ok"
    return results[web.url(BAD)]


def assert_failed(web: Web, result: UpdateResult, *fragments: str) -> Feed:
    feed = web.bad_feed()
    assert result.error and feed.error == result.error, result
    for fragment in fragments:
        assert fragment in result.error, result.error
    assert feed.next_fetch is not None and feed.next_fetch.timestamp() > NOW
    return feed


# -- the network misbehaving ----------------------------------------------------------------


def test_slow_server_times_out(web: Web) -> None:
    web.server.route(BAD, rss("bad", 4), delay=30)  # the wait ends with the server
    assert_failed(web, refresh_and_check(web), "timed out")


def test_dripping_server_hits_the_overall_deadline(web: Web) -> None:
    body = rss("bad", 4)
    web.server.route(BAD, lambda request: Response(200, web.server.drip(body, 0.05)))
    assert_failed(web, refresh_and_check(web), "timed out")


def test_connection_reset(web: Web) -> None:
    web.server.route(BAD, lambda request: RESET)
    assert_failed(web, refresh_and_check(web), "connection")


@pytest.mark.parametrize(("status", "text"), [(500, "HTTP 500"), (404, "HTTP 404")])
def test_error_status(web: Web, status: int, text: str) -> None:
    web.server.route(BAD, b"<html>oops</html>", status=status)
    feed = assert_failed(web, refresh_and_check(web), text)
    assert not feed.paused


@pytest.mark.parametrize(
    "retry_after",
    ["7200", format_datetime(datetime.fromtimestamp(NOW + 7200, UTC), usegmt=True)],
    ids=["seconds", "http-date"],
)
def test_503_with_retry_after_sets_the_next_fetch(web: Web, retry_after: str) -> None:
    web.server.route(BAD, b"busy", status=503, headers={"Retry-After": retry_after})
    feed = assert_failed(web, refresh_and_check(web), "HTTP 503")
    assert feed.next_fetch is not None
    assert feed.next_fetch.timestamp() >= NOW + 7200  # the server's wish is a floor


def test_410_gone_is_reported_and_pauses_the_feed(web: Web) -> None:
    web.server.route(BAD, b"gone", status=410)
    feed = assert_failed(web, refresh_and_check(web), "HTTP 410", "removed")
    assert feed.paused


# -- bodies too big -------------------------------------------------------------------------


@functools.cache
def _bomb(coding: str) -> bytes:
    """64 MB of zeros (six times the cap) in about 64 KB of gzip or 50 bytes of br."""
    if coding == "br":
        import brotli

        return bytes(brotli.compress(b"\0" * (64 * MB), quality=1))
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * MB
    return b"".join([squeeze.compress(chunk) for _ in range(64)] + [squeeze.flush()])


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_compression_bomb_stops_at_the_cap(web: Web, coding: str) -> None:
    bomb = _bomb(coding)
    assert len(bomb) < MB
    web.server.route(BAD, bomb, headers={"Content-Encoding": coding,
                                         "Content-Type": "application/rss+xml"})  # fmt: skip
    before = peak_rss_mb()
    assert_failed(web, refresh_and_check(web), "larger than 10 MB")
    assert peak_rss_mb() - before < 100


def test_200_mb_body_is_cut_off_at_the_cap(web: Web) -> None:
    sent: list[int] = []

    def huge(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>'
            piece = b"x" * MB
            for _ in range(200):
                sent.append(len(piece))
                yield piece

        return Response(200, chunks(), {"Content-Type": "application/rss+xml"})

    web.server.route(BAD, huge)
    before = peak_rss_mb()
    assert_failed(web, refresh_and_check(web), "larger than 10 MB")
    assert peak_rss_mb() - before < 100
    assert sum(sent) < 100 * MB  # the client hung up: the server did not send it all


# -- documents that are not what they should be ---------------------------------------------


def test_html_page_instead_of_the_feed_names_its_feed(web: Web) -> None:
    page = (
        b'<!DOCTYPE html><html><head><title>Berita</title><link rel="alternate" '
        b'type="application/rss+xml" href="/bad/real-feed.xml"></head>'
        b"<body><p>Selamat datang</p></body></html>"
    )
    web.server.route(BAD, page, headers={"Content-Type": "text/html; charset=utf-8"})
    assert_failed(web, refresh_and_check(web), "web page", web.url("/bad/real-feed.xml"))


def test_malformed_xml_is_an_error(web: Web) -> None:
    web.server.route(BAD, b"<?xml version='1.0'?><rss version='2.0'><channel><<<>>>&&\x00")
    assert_failed(web, refresh_and_check(web), "XML error")


def test_feed_cut_short_keeps_what_it_could_read(web: Web) -> None:
    whole = rss("bad", 5)
    web.server.route(BAD, whole[: whole.index(b"<guid>bad-4</guid>") + 18])  # ends in item 4
    result = refresh_and_check(web)
    assert result.error == "" and result.new == 2  # items 5 and 4 came through
    assert not web.bad_feed().error


@pytest.mark.parametrize("loop", ["self", "pair"])
def test_redirect_loop(web: Web, loop: str) -> None:
    if loop == "self":
        web.server.redirect(BAD, BAD)
    else:
        web.server.redirect(BAD, "/bad/other.xml", status=301)
        web.server.redirect("/bad/other.xml", BAD, status=301)
    assert_failed(web, refresh_and_check(web), "too many redirects")
    assert web.bad_feed().url == web.url(BAD)  # a permanent loop does not move the feed


def _named(title: str) -> Callable[[int], str]:
    """Item titles: the new item 4 carries ``title``, the stored ones keep theirs."""
    return lambda i: title if i == 4 else f"bad berita {i}"


LATIN1_FEED = rss("bad", 4, title_of=_named("Kafé Jakarta 4")).replace(b' encoding="utf-8"', b"")


@pytest.mark.parametrize(
    ("body", "content_type", "title"),
    [
        (rss("bad", 4, title_of=_named("Kafé “Jakarta” № 4")), "text/xml; charset=iso-8859-1",
         "Kafé “Jakarta” № 4"),
        (rss("bad", 4, title_of=_named("Kafé “Jakarta” № 4")), "text/xml; charset=utf-16",
         "Kafé “Jakarta” № 4"),
        (LATIN1_FEED.decode().encode("latin-1"), "application/rss+xml; charset=ISO-8859-1",
         "Kafé Jakarta 4"),
    ],
    ids=["utf8-said-latin1", "utf8-said-utf16", "latin1-said-so-only-in-header"],
)  # fmt: skip
def test_wrong_or_missing_charset(web: Web, body: bytes, content_type: str, title: str) -> None:
    web.server.route(BAD, body, headers={"Content-Type": content_type})
    result = refresh_and_check(web)
    assert (result.error, result.new) == ("", 1), result
    stored = [s[2] for s in snapshot(web.lib).values() if s[1].endswith("/bad/4-berita-hari-ini")]
    assert stored == [title]


# -- hostile XML ----------------------------------------------------------------------------

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, b"".join(b"&lol%d;" % (n - 1) if n > 1 else b"&lol;"
                                             for _ in range(10)))
        for n in range(1, 10)
    )
    + b"]>"
)  # fmt: skip


def _db_bytes(data_dir: Path) -> bytes:
    """Every byte the library keeps on disk: database, WAL, caches."""
    return b"".join(p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file())


def test_billion_laughs_is_not_expanded(web: Web) -> None:
    body = rss("bad", 4).split(b"?>", 1)[1].replace(b"bad berita 4", b"&lol9;")
    web.server.route(BAD, LAUGHS + body, headers={"Content-Type": "application/rss+xml"})
    before = peak_rss_mb()
    result = refresh_and_check(web)
    assert (result.error, result.new) == ("", 1)  # read, the entity left as it was written
    titles = [s[2] for s in snapshot(web.lib).values() if s[1].endswith("/bad/4-berita-hari-ini")]
    assert titles == ["&lol9;"]
    assert peak_rss_mb() - before < 100
    stored = _db_bytes(web.data_dir)
    assert b"lol" * 1000 not in stored
    assert len(stored) < 20 * MB


@pytest.mark.parametrize("target", ["file", "http"])
def test_external_entity_is_never_read(web: Web, tmp_path: Path, target: str) -> None:
    secret = "rahasia-7f3a9c-jangan-dibaca"
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(secret)
    web.server.route("/secret.txt", secret.encode())
    system = secret_file.as_uri() if target == "file" else web.url("/secret.txt")
    doctype = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{system}">]>'.encode()
    body = rss("bad", 4).split(b"?>", 1)[1]
    body = body.replace(b"bad berita 4", b"&xxe;").replace(b"Ringkasan 4", b"&xxe;")
    web.server.route(BAD, doctype + body, headers={"Content-Type": "application/rss+xml"})
    result = refresh_and_check(web)
    assert (result.error, result.new) == ("", 1)  # read, the entity left out
    assert secret.encode() not in _db_bytes(web.data_dir)
    assert not [r for r in web.server.requests if r.path == "/secret.txt"]
