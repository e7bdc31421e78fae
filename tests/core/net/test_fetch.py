"""Fetcher against the loopback server: validators, redirects, errors, deadlines, size caps."""

from __future__ import annotations

import contextlib
import socket
import ssl
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import brotli
import pytest

from newsreader import __version__
from newsreader.core.errors import FetchError, InvalidURLError, NotAFeedError
from newsreader.core.feeds.parse import parse_feed
from newsreader.core.net.fetch import (
    Fetcher,
    FetcherProtocol,
    FetchStatusError,
    format_size,
    parse_retry_after,
)
from tests.helpers.http_server import HANDLED, RESET, HttpServer, Request, Response

FEEDS = Path(__file__).parents[2] / "data" / "feeds"
MB = 1024 * 1024


@pytest.fixture(params=["direct", "httpx"])
def fetcher(request: pytest.FixtureRequest) -> Iterator[Fetcher]:
    """Both transports: http.client where no proxy applies (stdlib_transport.py), httpx else."""
    with Fetcher(timeout=5.0, connect_timeout=2.0, direct=request.param == "direct") as f:
        yield f


# -- the ordinary case -----------------------------------------------------------------------
def test_get_returns_body_and_lowercased_headers(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/feed", body=b"<rss/>", headers={"Content-Type": "application/rss+xml"})
    result = fetcher.get(http_server.url("/feed"))
    assert result.status == 200
    assert result.content == b"<rss/>"
    assert result.url == result.final_url == http_server.url("/feed")
    assert result.content_type == "application/rss+xml"
    assert all(name == name.lower() for name in result.headers)
    assert result.permanent_redirect is None


def test_sends_user_agent_accept_and_encodings(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/a", body=b"x")
    fetcher.get(http_server.url("/a"), accept="application/rss+xml")
    headers = http_server.requests[-1].headers
    assert headers["user-agent"] == f"Newsreader/{__version__} (+desktop feed reader)"
    assert headers["accept"] == "application/rss+xml"
    assert {e.strip() for e in headers["accept-encoding"].split(",")} == {"gzip", "deflate", "br"}
    assert "if-none-match" not in headers and "if-modified-since" not in headers


def test_fetcher_satisfies_the_protocol(fetcher: Fetcher) -> None:
    seam: FetcherProtocol = fetcher
    assert callable(seam.get)


def test_many_threads_share_one_fetcher(http_server: HttpServer, fetcher: Fetcher) -> None:
    for i in range(40):
        http_server.route(f"/f{i}", body=f"feed {i}".encode())
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda i: fetcher.get(http_server.url(f"/f{i}")), range(40)))
    assert [r.content for r in results] == [f"feed {i}".encode() for i in range(40)]


# -- conditional GET -------------------------------------------------------------------------
def test_etag_sent_and_304_returned(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/feed", body=b"<rss/>", etag='"v1"')
    first = fetcher.get(http_server.url("/feed"))
    assert first.etag == '"v1"'
    second = fetcher.get(http_server.url("/feed"), etag=first.etag)
    assert http_server.requests[-1].headers["if-none-match"] == '"v1"'
    assert second.status == 304 and second.not_modified
    assert second.content == b""


def test_last_modified_sent_and_304_returned(http_server: HttpServer, fetcher: Fetcher) -> None:
    stamp = "Mon, 26 Oct 2020 04:26:00 GMT"
    http_server.route("/feed", body=b"<rss/>", last_modified=stamp)
    first = fetcher.get(http_server.url("/feed"))
    assert first.last_modified == stamp
    second = fetcher.get(http_server.url("/feed"), last_modified=stamp)
    assert http_server.requests[-1].headers["if-modified-since"] == stamp
    assert second.not_modified


def test_not_modified_answers_keep_the_connection(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/feed", body=b"<rss/>", etag='"v1"')
    http_server.route("/gone", status=404, body=b"not here")
    for _ in range(5):
        assert fetcher.get(http_server.url("/feed"), etag='"v1"').not_modified
        with pytest.raises(FetchStatusError):
            fetcher.get(http_server.url("/gone"))
    assert http_server.connections_opened == 1


def test_stale_validator_gets_the_new_body(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/feed", body=b"<rss>new</rss>", etag='"v2"')
    result = fetcher.get(http_server.url("/feed"), etag='"v1"')
    assert result.status == 200
    assert result.content == b"<rss>new</rss>"
    assert result.etag == '"v2"'


# -- redirects -------------------------------------------------------------------------------
def _redirect(status: int, location: str) -> Response:
    return Response(status, b"", {"Location": location})


def test_permanent_redirects_are_reported(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/old", handler=lambda r: _redirect(301, "/older"))
    http_server.route("/older", handler=lambda r: _redirect(308, http_server.url("/new")))
    http_server.route("/new", body=b"moved")
    result = fetcher.get(http_server.url("/old"))
    assert result.content == b"moved"
    assert result.url == http_server.url("/old")
    assert result.final_url == http_server.url("/new")
    assert result.permanent_redirect == http_server.url("/new")


@pytest.mark.parametrize("temporary", [302, 303, 307])
def test_a_temporary_hop_is_not_permanent(
    http_server: HttpServer, fetcher: Fetcher, temporary: int
) -> None:
    http_server.route("/a", handler=lambda r: _redirect(301, "/b"))
    http_server.route("/b", handler=lambda r: _redirect(temporary, "/c"))
    http_server.route("/c", body=b"here")
    result = fetcher.get(http_server.url("/a"))
    assert result.final_url == http_server.url("/c")
    assert result.permanent_redirect is None


def test_conditional_headers_follow_redirects(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/a", handler=lambda r: _redirect(302, "/b"))
    http_server.route("/b", body=b"x", etag='"e"')
    result = fetcher.get(http_server.url("/a"), etag='"e"')
    assert result.not_modified


def test_conditional_headers_are_not_sent_to_another_host(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    """The validators are the answer of the address asked: after a redirect to another host
    (localhost is another host than 127.0.0.1, the same server here) they are not sent."""
    other = f"http://localhost:{http_server.port}/b"
    http_server.route("/a", handler=lambda r: _redirect(302, other))
    http_server.route("/b", body=b"x", etag='"e"')
    stamp = "Mon, 26 Oct 2020 04:26:00 GMT"
    result = fetcher.get(http_server.url("/a"), etag='"e"', last_modified=stamp)
    assert result.status == 200 and result.final_url == other
    first, second = http_server.requests
    assert first.headers["if-none-match"] == '"e"' and first.headers["if-modified-since"] == stamp
    assert second.headers["host"].startswith("localhost")
    assert "if-none-match" not in second.headers and "if-modified-since" not in second.headers


def test_redirect_loop(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/loop", handler=lambda r: _redirect(302, "/loop"))
    with pytest.raises(FetchError, match="too many redirects") as info:
        fetcher.get(http_server.url("/loop"))
    assert info.value.url == http_server.url("/loop")
    assert len(http_server.requests) == fetcher.max_redirects + 1


def test_exactly_max_redirects_is_fine(http_server: HttpServer) -> None:
    for i in range(3):
        http_server.redirect(f"/r{i}", f"/r{i + 1}", status=301)
    http_server.route("/r3", body=b"end")
    with Fetcher(max_redirects=3) as f:
        assert f.get(http_server.url("/r0")).content == b"end"
    with Fetcher(max_redirects=2) as f, pytest.raises(FetchError, match="too many redirects"):
        f.get(http_server.url("/r0"))


def test_redirect_to_another_scheme_is_refused(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/a", handler=lambda r: _redirect(302, "file:///etc/passwd"))
    with pytest.raises(FetchError, match="cannot be fetched"):
        fetcher.get(http_server.url("/a"))


@pytest.mark.parametrize(
    "location", ["http://127.0.0.1:99999/x", "http://[::1/x", "//127.0.0.1:70000/x"]
)
def test_redirect_to_an_address_that_cannot_be_fetched(
    http_server: HttpServer, fetcher: Fetcher, location: str
) -> None:
    http_server.route("/a", handler=lambda r: _redirect(302, location))
    with pytest.raises(FetchError, match="cannot be fetched") as info:
        fetcher.get(http_server.url("/a"))
    assert not isinstance(info.value, ValueError)
    assert info.value.url == http_server.url("/a")


def test_redirect_without_location(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/nowhere", status=302)
    with pytest.raises(FetchError, match="redirect without a Location"):
        fetcher.get(http_server.url("/nowhere"))


def test_other_non_success_statuses_are_errors(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/choices", status=300, body=b"pick one")
    with pytest.raises(FetchStatusError, match="HTTP 300 Multiple Choices"):
        fetcher.get(http_server.url("/choices"))


# -- HTTP errors -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "HTTP 404 Not Found"),
        (410, "HTTP 410 Gone"),
        (500, "HTTP 500 Internal Server Error"),
        (503, "HTTP 503 Service Unavailable"),
    ],
)
def test_error_statuses(
    http_server: HttpServer, fetcher: Fetcher, status: int, message: str
) -> None:
    http_server.route("/x", status=status, body=b"error page")
    with pytest.raises(FetchStatusError) as info:
        fetcher.get(http_server.url("/x"))
    assert info.value.status == status
    assert info.value.message == message
    assert isinstance(info.value, FetchError)


def test_retry_after_seconds(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/busy", status=503, headers={"Retry-After": "120"})
    with pytest.raises(FetchError) as info:
        fetcher.get(http_server.url("/busy"))
    assert info.value.message == "HTTP 503 Service Unavailable (retry after 120 s)"
    assert info.value.headers["retry-after"] == "120"  # type: ignore[attr-defined]
    assert info.value.retry_after == "120"  # type: ignore[attr-defined]


def test_retry_after_http_date(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/slow", status=429, headers={"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})
    with pytest.raises(FetchStatusError) as info:
        fetcher.get(http_server.url("/slow"))
    assert info.value.message.startswith("HTTP 429 Too Many Requests (retry after ")
    assert info.value.retry_after == "Wed, 21 Oct 2099 07:28:00 GMT"


def test_parse_retry_after() -> None:
    now = datetime(2015, 10, 21, 7, 0, tzinfo=UTC).timestamp()
    assert parse_retry_after("120") == 120
    assert parse_retry_after(" 0 ") == 0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=now) == 28 * 60
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 -0000", now=now) == 28 * 60  # UTC
    assert parse_retry_after("Wed, 21 Oct 2015 06:00:00 GMT", now=now) == 0
    assert parse_retry_after("Wed, 21 Oct 2099 07:28:00 GMT") > 0  # from the current time
    assert parse_retry_after("soon") is None
    assert parse_retry_after("") is None
    assert parse_retry_after(None) is None


# -- network failures ------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # closed again: nothing listens there


def test_connection_refused(fetcher: Fetcher) -> None:
    url = f"http://127.0.0.1:{_free_port()}/feed"
    with pytest.raises(FetchError, match="connection refused") as info:
        fetcher.get(url)
    assert info.value.url == url
    assert info.value.status is None
    assert info.value.__cause__ is not None


def test_host_not_found(fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchError, match="host not found"):
        fetcher.get("http://no-such-host.invalid/feed")


def test_connection_reset(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/reset", handler=lambda r: RESET)
    with pytest.raises(FetchError, match="connection reset"):
        fetcher.get(http_server.url("/reset"))


def test_tls_failure_has_a_plain_message(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/", body=b"plain http")
    with pytest.raises(FetchError, match=r"^secure connection failed \(\w"):
        fetcher.get(http_server.url("/").replace("http://", "https://"))


@pytest.mark.parametrize(
    "url", ["ftp://example.com/feed", "file:///etc/passwd", "javascript:alert(1)", "example.com",
            "http://", "http://[::1", "http://[::1/x", "http://127.0.0.1:99999/x",
            "http://example.com:http/x"]
)  # fmt: skip
def test_invalid_urls(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(InvalidURLError):
        fetcher.get(url)
    with pytest.raises(ValueError):
        fetcher.get(url)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:99999/x", "http://127.0.0.1:0/x", "http://example.com:http/x"]
)
def test_the_transports_never_raise_value_error_for_an_address(fetcher: Fetcher, url: str) -> None:
    """The second line, behind the fetcher's own check: an address a transport cannot send is
    a failure of that request (a feed's error), not a ValueError that stops a refresh."""
    from newsreader.core.net.transport import request

    transport = fetcher._transport(url)
    deadline = time.monotonic() + 5
    with pytest.raises(FetchError, match=r"not a valid web address|refused") as info:
        request(transport, url, url, {}, deadline=deadline, cap=MB, timeout=5, connect_timeout=2)
    assert not isinstance(info.value, ValueError)


# -- deadlines -------------------------------------------------------------------------------
def test_slow_drip_stops_at_the_deadline(http_server: HttpServer) -> None:
    http_server.route("/drip", handler=lambda r: Response(200, http_server.drip(b"x" * 600, 0.05)))
    with Fetcher(timeout=0.5) as f, pytest.raises(FetchError, match=r"timed out after 0\.5 s"):
        f.get(http_server.url("/drip"))


def test_dripped_headers_stop_at_the_deadline(http_server: HttpServer) -> None:
    def drip_headers(request: Request) -> object:
        assert request.connection is not None
        request.connection.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(200):
            if http_server.wait(0.05):
                break
            try:
                request.connection.sendall(b"x")
            except OSError:
                break
        return HANDLED

    http_server.route("/slow-headers", handler=drip_headers)
    with Fetcher(timeout=0.5) as f, pytest.raises(FetchError, match="timed out"):
        f.get(http_server.url("/slow-headers"))


def test_silent_server_times_out(http_server: HttpServer) -> None:
    http_server.route("/silent", body=b"late", delay=30)
    with Fetcher(timeout=0.3) as f, pytest.raises(FetchError, match="timed out"):
        f.get(http_server.url("/silent"))


def test_fetcher_still_works_after_a_timeout(http_server: HttpServer) -> None:
    http_server.route("/silent", body=b"late", delay=30)
    http_server.route("/ok", body=b"fine")
    with Fetcher(timeout=0.3) as f:
        with pytest.raises(FetchError):
            f.get(http_server.url("/silent"))
        assert f.get(http_server.url("/ok")).content == b"fine"


# -- size caps and compression ---------------------------------------------------------------
def _counted_chunks(counter: list[int], total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    chunk = b"a" * size
    for _ in range(total // size):
        counter[0] += size
        yield chunk


def test_declared_length_over_the_cap_fails_fast(http_server: HttpServer) -> None:
    sent = [0]
    http_server.route(
        "/big",
        handler=lambda r: Response(
            200, _counted_chunks(sent, 200 * MB), {"Content-Length": str(200 * MB)}
        ),
    )
    with Fetcher(max_bytes=MB) as f, pytest.raises(FetchError, match="larger than 1 MB"):
        f.get(http_server.url("/big"))
    assert sent[0] < 50 * MB


def test_streamed_body_stops_at_the_cap(http_server: HttpServer) -> None:
    sent = [0]
    http_server.route("/big", handler=lambda r: Response(200, _counted_chunks(sent, 200 * MB)))
    with Fetcher(max_bytes=2 * MB) as f, pytest.raises(FetchError, match="larger than 2 MB"):
        f.get(http_server.url("/big"))
    assert sent[0] < 50 * MB


def test_per_call_cap(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/img", body=b"x" * 5000)
    with pytest.raises(FetchError, match=r"larger than 4\.9 KB"):
        fetcher.get(http_server.url("/img"), max_bytes=5000 - 1)
    assert len(fetcher.get(http_server.url("/img"), max_bytes=5000).content) == 5000


def test_format_size() -> None:
    assert format_size(10 * MB) == "10 MB"
    assert format_size(3 * MB // 2) == "1.5 MB"
    assert format_size(512 * 1024) == "512 KB"
    assert format_size(100) == "100 bytes"


def _zeros_compressed(total: int, wbits: int) -> bytes:
    """``total`` zero bytes, compressed a megabyte at a time (never held whole)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = bytes(MB)
    parts = [packer.compress(zeros) for _ in range(total // MB)]
    return b"".join([*parts, packer.flush()])


def _brotli_zeros(total: int) -> bytes:
    packer = brotli.Compressor(quality=4)
    zeros = bytes(MB)
    return b"".join([*(packer.process(zeros) for _ in range(total // MB)), packer.finish()])


@pytest.mark.parametrize(
    ("encoding", "make"),
    [
        ("gzip", lambda n: _zeros_compressed(n, 16 + zlib.MAX_WBITS)),
        ("deflate", lambda n: _zeros_compressed(n, zlib.MAX_WBITS)),
        ("deflate", lambda n: _zeros_compressed(n, -zlib.MAX_WBITS)),
        ("br", _brotli_zeros),
    ],
)
def test_compression_bomb_stops_at_the_cap(
    http_server: HttpServer, encoding: str, make: object
) -> None:
    bomb = make(32 * MB)  # type: ignore[operator]
    assert len(bomb) < MB  # the point of a bomb: small on the wire
    chunks = [bomb[i : i + 16384] for i in range(0, len(bomb), 16384)]
    http_server.route(
        "/bomb", handler=lambda r: Response(200, iter(chunks), {"Content-Encoding": encoding})
    )
    with Fetcher(max_bytes=2 * MB) as f:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match="larger than 2 MB"):
                f.get(http_server.url("/bomb"))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 12 * MB


@pytest.mark.parametrize(
    ("encoding", "pack"),
    [
        ("gzip", lambda b: zlib.compress(b, wbits=16 + zlib.MAX_WBITS)),
        ("x-gzip", lambda b: zlib.compress(b, wbits=16 + zlib.MAX_WBITS)),
        ("deflate", lambda b: zlib.compress(b)),
        ("deflate", lambda b: zlib.compress(b, wbits=-zlib.MAX_WBITS)),
        ("br", brotli.compress),
        ("identity", lambda b: b),
    ],
)
def test_content_encodings_are_decoded(
    http_server: HttpServer, fetcher: Fetcher, encoding: str, pack: object
) -> None:
    body = ("<rss>" + "kabar terkini " * 20000 + "</rss>").encode()
    packed = pack(body)  # type: ignore[operator]
    http_server.route("/z", body=packed, headers={"Content-Encoding": encoding})
    assert fetcher.get(http_server.url("/z")).content == body


def test_gzip_route_helper(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/g", body=b"<rss>gz</rss>", gzip=True)
    assert fetcher.get(http_server.url("/g")).content == b"<rss>gz</rss>"


def test_corrupt_compressed_body(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route(
        "/bad", body=b"\x1f\x8b\x08\x00garbage-not-gzip", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="corrupt compressed"):
        fetcher.get(http_server.url("/bad"))


def test_unknown_encoding(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/zstd", body=b"\x28\xb5\x2f\xfd", headers={"Content-Encoding": "zstd"})
    with pytest.raises(FetchError, match="unsupported content encoding"):
        fetcher.get(http_server.url("/zstd"))


# -- bodies cut short ------------------------------------------------------------------------
def _raw(head: bytes, body: bytes) -> object:
    """A handler writing ``head`` (the status line and headers, up to the blank line) and
    ``body`` as they are, then closing the connection."""

    def handle(request: Request) -> object:
        assert request.connection is not None
        request.connection.sendall(head + b"\r\n" + body)
        return HANDLED

    return handle


TRUNCATED = "closed the connection before the whole response arrived"
XML = "<rss><channel>" + "<item><title>kabar terkini</title></item>" * 2000 + "</channel></rss>"


def test_a_body_shorter_than_its_content_length(http_server: HttpServer, fetcher: Fetcher) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 1000\r\n"
    http_server.route("/short", handler=_raw(head, b"x" * 500))
    with pytest.raises(FetchError, match=TRUNCATED):
        fetcher.get(http_server.url("/short"))


def test_a_status_body_cut_short_changes_nothing(http_server: HttpServer, fetcher: Fetcher) -> None:
    """The body of a redirect or an error is thrown away: cut short, the status still holds."""
    moved = f"HTTP/1.1 302 Found\r\nLocation: {http_server.url('/b')}\r\nContent-Length: 90\r\n"
    http_server.route("/a", handler=_raw(moved.encode(), b"moved"))
    http_server.route("/b", body=b"here")
    assert fetcher.get(http_server.url("/a")).content == b"here"
    gone = b"HTTP/1.1 404 Not Found\r\nContent-Length: 90\r\n"
    http_server.route("/gone", handler=_raw(gone, b"not here"))
    with pytest.raises(FetchStatusError, match="HTTP 404"):
        fetcher.get(http_server.url("/gone"))


def test_a_chunked_body_without_its_last_chunk(http_server: HttpServer, fetcher: Fetcher) -> None:
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
    http_server.route("/cut", handler=_raw(head, b"1f4\r\n" + b"x" * 500 + b"\r\n1f4\r\nxx"))
    with pytest.raises(FetchError, match="closed the connection"):
        fetcher.get(http_server.url("/cut"))


@pytest.mark.parametrize(
    ("encoding", "pack"),
    [
        ("gzip", lambda b: zlib.compress(b, wbits=16 + zlib.MAX_WBITS)),
        ("deflate", zlib.compress),
        ("deflate", lambda b: zlib.compress(b, wbits=-zlib.MAX_WBITS)),
        ("br", brotli.compress),
    ],
)
@pytest.mark.parametrize("with_length", [True, False])
def test_a_compressed_body_cut_in_half(
    http_server: HttpServer, fetcher: Fetcher, encoding: str, pack: object, with_length: bool
) -> None:
    """Cut where the framing cannot tell (the Content-Length of the half, or none and the
    connection closed): only the compressed stream not reaching its end can."""
    packed = pack(XML.encode())  # type: ignore[operator]
    half = packed[: len(packed) // 2]
    head = f"HTTP/1.1 200 OK\r\nContent-Encoding: {encoding}\r\nConnection: close\r\n"
    head += f"Content-Length: {len(half)}\r\n" if with_length else ""
    http_server.route("/half", handler=_raw(head.encode(), half))
    http_server.route("/whole", body=packed, headers={"Content-Encoding": encoding})
    with pytest.raises(FetchError, match=TRUNCATED):
        fetcher.get(http_server.url("/half"))
    assert fetcher.get(http_server.url("/whole")).content == XML.encode()


def test_an_empty_body_labelled_compressed_is_empty(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/empty", body=b"", headers={"Content-Encoding": "gzip"})
    assert fetcher.get(http_server.url("/empty")).content == b""


# -- validators ------------------------------------------------------------------------------
def test_folded_validators_are_not_kept(http_server: HttpServer, fetcher: Fetcher) -> None:
    """A header folded over lines (obsolete, RFC 9112 5.2) is read as one line, the way both
    transports do: an ETag with a space in it is no entity tag and is ignored, a date folded
    between its words is the date."""
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n"
        b'ETag: "v1"\r\n X-Injected: yes\r\n'
        b"Last-Modified: Mon, 26 Oct 2020\r\n\t04:26:00 GMT\r\n"
    )
    http_server.route("/folded", handler=_raw(head, b"<rss/>"))
    result = fetcher.get(http_server.url("/folded"))
    assert result.content == b"<rss/>"
    assert result.etag is None
    assert result.last_modified == "Mon, 26 Oct 2020 04:26:00 GMT"


@pytest.mark.parametrize(
    "etag", ['"v1"\r\n X-Injected: yes', '"v1"\nX-Injected: yes', '"v1"\x00', "\u00e9t\u00e9"]
)
def test_validators_of_more_than_one_line_are_not_sent(
    http_server: HttpServer, fetcher: Fetcher, etag: str
) -> None:
    """One kept before validators were checked on arrival is not sent back either."""
    http_server.route("/feed", body=b"<rss/>")
    result = fetcher.get(http_server.url("/feed"), etag=etag, last_modified="Mon,\r\n 26 Oct")
    assert result.status == 200
    headers = http_server.requests[-1].headers
    assert "if-none-match" not in headers and "if-modified-since" not in headers
    assert "x-injected" not in headers


def test_chunked_body(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/c", chunks=[b"<rss>", b"satu ", b"dua", b"</rss>"], chunk_delay=0.01)
    assert fetcher.get(http_server.url("/c")).content == b"<rss>satu dua</rss>"


# -- HTML where a feed was expected ----------------------------------------------------------
def test_html_served_where_a_feed_was_expected(http_server: HttpServer, fetcher: Fetcher) -> None:
    page = (FEEDS / "page_with_alternates.html").read_bytes()
    http_server.route("/rss", body=page, headers={"Content-Type": "text/html; charset=utf-8"})
    result = fetcher.get(http_server.url("/rss"))
    assert result.content_type == "text/html"
    with pytest.raises(NotAFeedError, match="web page, not a feed"):
        parse_feed(result.content, result.final_url, content_type=result.content_type)


def test_fetch_then_parse_a_gzipped_feed(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route_file("/feed.xml", FEEDS / "rss20.xml", gzip=True, etag='"a"',
                           headers={"Content-Type": "application/rss+xml"})  # fmt: skip
    result = fetcher.get(http_server.url("/feed.xml"))
    parsed = parse_feed(result.content, result.final_url, content_type=result.content_type)
    assert len(parsed.entries) == 3


# -- the test server itself ------------------------------------------------------------------
def test_server_shutdown_is_quick_with_a_sleeping_handler() -> None:
    server = HttpServer()
    server.route("/sleep", body=b"x", delay=60)
    worker = threading.Thread(target=_swallow, args=(server.url("/sleep"),), daemon=True)
    worker.start()
    while not server.requests:
        server.stop.wait(0.01)
    server.close()
    worker.join(5)  # the handler's 60 s delay must not hold the close
    assert not worker.is_alive()


def _swallow(url: str) -> None:
    with Fetcher(timeout=10) as f, contextlib.suppress(FetchError):
        f.get(url)


def test_server_validators_follow_rfc_9110(http_server: HttpServer, fetcher: Fetcher) -> None:
    stamp = "Mon, 26 Oct 2020 04:26:00 GMT"
    http_server.route("/v", body=b"body", etag='"v2"', last_modified=stamp)
    url = http_server.url("/v")
    assert fetcher.get(url, etag='"v1", W/"v2"').not_modified
    assert fetcher.get(url, last_modified=stamp).not_modified
    assert not fetcher.get(url, etag='"v1"', last_modified=stamp).not_modified  # INM wins


def test_server_conveniences(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/hello", lambda request: Response(200, request.path.encode()))
    http_server.redirect("/moved", "/hello?x=1", status=301)
    result = fetcher.get(http_server.url("/moved"))
    assert result.content == b"/hello?x=1"
    assert result.permanent_redirect == http_server.url("/hello?x=1")
    data = fetcher.get(http_server.url("/data/feeds/rss20.xml"))
    assert data.content == (FEEDS / "rss20.xml").read_bytes()
    assert data.content_type == "application/xml"
    with pytest.raises(FetchStatusError, match="404"):
        fetcher.get(http_server.url("/data/../conftest.py"))
    assert [r.path for r in http_server.requests][:2] == ["/moved", "/hello?x=1"]


def test_creating_a_fetcher_does_not_load_httpx() -> None:
    code = (
        "import sys\n"
        "from newsreader.core.net.fetch import Fetcher\n"
        "Fetcher().close()\n"
        "assert 'httpx' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[3])


def test_a_closed_fetcher_refuses_work(http_server: HttpServer) -> None:
    http_server.route("/a", body=b"x")
    fetcher = Fetcher()
    assert fetcher.get(http_server.url("/a")).content == b"x"
    fetcher.close()
    fetcher.close()  # idempotent
    with pytest.raises(RuntimeError, match="closed"):
        fetcher.get(http_server.url("/a"))


# -- the two transports ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "sendable"),
    [
        ("http://127.0.0.1:8080/feed.xml?a=1&b=%20", True),
        ("https://www.elshinta.com/news/1/berita", True),
        ("http://example.com/a b", False),  # httpx encodes the space
        ("http://bücher.example/feed", False),  # an IDN host: httpx encodes it
        ("http://example.com/berita-\u00e9", False),
        ("http://user:pw@example.com/feed", False),  # credentials: httpx sends them
        ("ftp://example.com/feed", False),
    ],
)
def test_which_addresses_the_standard_library_sends(url: str, sendable: bool) -> None:
    from newsreader.core.net.stdlib_transport import can_send

    assert can_send(url) is sendable


def test_addresses_it_cannot_send_go_through_httpx(http_server: HttpServer) -> None:
    http_server.route("/a%20b", body=b"spaced")
    http_server.route("/caf%C3%A9", body=b"accented")
    with Fetcher() as f:
        assert f.get(http_server.url("/a b")).content == b"spaced"
        assert f.get(http_server.url("/caf\u00e9")).content == b"accented"
        assert f._client is not None  # httpx was needed for these two


def test_a_proxy_in_the_environment_sends_everything_through_httpx(
    http_server: HttpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The loopback server plays the proxy: httpx asks it for the absolute URL.
    target = "http://feeds.example/rss"
    http_server.route(target, body=b"via proxy")
    monkeypatch.setenv("HTTP_PROXY", http_server.url(""))
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with Fetcher() as f:
        assert f.get(target).content == b"via proxy"
        assert f._direct is None
    with Fetcher(trust_env=False) as f, pytest.raises(FetchError):
        f.get(target)  # "no proxy": straight to feeds.example, which the tests refuse


def test_a_kept_connection_the_server_closed_is_retried_on_a_new_one(
    http_server: HttpServer,
) -> None:
    http_server.route("/a", body=b"first")
    with Fetcher() as f:
        assert f.get(http_server.url("/a")).content == b"first"
        opened = http_server.connections_opened
        http_server.close_idle_connections()  # as servers do after their keep-alive timeout
        http_server.route("/a", body=b"second")
        assert f.get(http_server.url("/a")).content == b"second"
        assert http_server.connections_opened == opened + 1


# -- HTTPS -------------------------------------------------------------------------------------
TLS = Path(__file__).parents[2] / "data" / "tls"


@pytest.fixture
def https_url() -> Iterator[str]:
    """A loopback HTTPS server presenting tests/data/tls/loopback.pem; "/feed" answers."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = b"<rss version='2.0'><channel><title>Aman</title></channel></rss>"
            self.send_response(200 if self.path == "/feed" else 404)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "loopback.pem", TLS / "loopback-key.pem")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/feed"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.mark.parametrize("direct", [True, False])
def test_https_is_verified_by_both_transports(
    https_url: str, direct: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Fetcher(direct=direct) as f, pytest.raises(FetchError, match="secure connection failed"):
        f.get(https_url)  # a certificate no known authority signed
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "loopback.pem"))  # now trusted, as httpx does
    with Fetcher(direct=direct) as f:
        first, second = f.get(https_url), f.get(https_url)
        assert first.content == second.content and b"Aman" in first.content
        assert (f._direct is not None) is direct
