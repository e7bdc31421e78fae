"""HTTP GET for feeds, pages and images: timeouts, size caps, redirects, readable errors.

One ``Fetcher`` (one ``httpx.Client`` and its connection pool) is shared by the worker threads
of an update. Redirects are followed here, not by httpx, so that we can tell a permanent move
(every hop 301/308: the subscription URL should change) from a temporary one. Bodies are
decoded here too, in bounded pieces, so that a compression bomb stops at the size cap instead
of inflating in one call.
"""

from __future__ import annotations

import email.utils
import errno
import http.client
import logging
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self
from urllib.parse import urljoin, urlsplit

from .. import __version__
from .direct import ConnectFailed, DirectClient, DirectResponse, can_send
from .errors import FetchError, InvalidURLError
from .types import FetchResult
from .watchdog import Watchdog

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"Newsreader/{__version__} (+desktop feed reader)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_PERMANENT_STATUSES = frozenset({301, 308})
_PIECE = 64 * 1024  # largest piece a decoder hands out at once


class FetcherProtocol(Protocol):
    """What the update pipeline needs from a fetcher (tests pass a fake)."""

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        accept: str | None = None,
    ) -> FetchResult: ...


class FetchStatusError(FetchError):
    """The server answered with an error status. ``headers`` are the response headers."""

    def __init__(self, url: str, message: str, status: int, headers: Mapping[str, str]) -> None:
        super().__init__(url, message, status)
        self.headers: Mapping[str, str] = headers

    @property
    def retry_after(self) -> str | None:
        """The raw Retry-After header, if the server sent one."""
        return self.headers.get("retry-after")


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> int | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0, int((when - now).total_seconds()))


def format_size(n: int) -> str:
    """A byte count as a person reads it: "10 MB", "1.5 MB", "512 KB", "100 bytes"."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            return f"{round(n / size, 1):g} {unit}"
    return f"{n} bytes"


class Fetcher:
    """Blocking, thread-safe HTTP GET with a per-request deadline and a body size cap.

    ``timeout`` is both the read timeout and the overall deadline of one ``get`` (redirects
    and body included); ``connect_timeout`` bounds each TCP/TLS connect.
    """

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        connect_timeout: float = 10.0,
        max_bytes: int = 10 * 1024 * 1024,
        max_redirects: int = 5,
        user_agent: str = DEFAULT_USER_AGENT,
        proxy: str | None = None,
        max_connections: int = 16,
        trust_env: bool = True,
        direct: bool = True,
    ) -> None:
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self._client_args = (user_agent, proxy, max_connections)
        # trust_env: the system's proxy (environment, Windows registry, macOS settings) when
        # no proxy is given; False for "no proxy" (issue 5 point 7). socks5:// needs socksio.
        self._trust_env = trust_env
        self._client: httpx.Client | None = None
        self._direct: DirectClient | None = None
        # Whether httpx sends everything (a proxy applies, or ``direct`` is False); else
        # http.client sends what it can (core/direct.py). Known at the first request.
        self._proxied: bool | None = None if direct else True
        self._closed = False
        self._lock = threading.Lock()

    def _http(self) -> httpx.Client:
        """The shared client, made on first use: httpx and its TLS context cost ~100 ms."""
        with self._lock:
            if self._closed:
                raise RuntimeError("this Fetcher is closed")
            if self._client is None:
                import httpx

                agent, proxy, connections = self._client_args
                self._client = httpx.Client(
                    headers={"User-Agent": agent, "Accept-Encoding": "gzip, deflate, br"},
                    timeout=httpx.Timeout(self.timeout, connect=self.connect_timeout),
                    follow_redirects=False,
                    limits=httpx.Limits(
                        max_connections=connections, max_keepalive_connections=connections
                    ),
                    proxy=proxy,
                    trust_env=self._trust_env,
                )
            return self._client

    def _direct_client(self, url: str) -> DirectClient | None:
        """The standard-library transport (core/direct.py), when it can send ``url``: no
        proxy applies, and the address needs no encoding. Else None: httpx sends it."""
        with self._lock:
            if self._closed:
                raise RuntimeError("this Fetcher is closed")
            if self._proxied is None:
                self._proxied = self._client_args[1] is not None or (
                    self._trust_env and bool(_environment_proxies())
                )
            if self._proxied or not can_send(url):
                return None
            if self._direct is None:
                agent = self._client_args[0]
                self._direct = DirectClient(
                    {"User-Agent": agent, "Accept-Encoding": "gzip, deflate, br"},
                    self._ssl_context,
                )
            return self._direct

    def _ssl_context(self) -> ssl.SSLContext:
        """The certificates httpx trusts (certifi's, or SSL_CERT_FILE/DIR), for both paths."""
        import httpx

        return httpx.create_ssl_context(trust_env=self._trust_env)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            client, self._client = self._client, None
            direct, self._direct = self._direct, None
        if client is not None:
            client.close()
        if direct is not None:
            direct.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        accept: str | None = None,
    ) -> FetchResult:
        """GET ``url``; raises InvalidURLError or FetchError. A 304 returns empty content."""
        _check_url(url)
        headers = {"Accept": accept or "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        cap = self.max_bytes if max_bytes is None else max_bytes
        deadline = time.monotonic() + self.timeout
        current, hops, permanent = url, 0, True
        while True:
            status, resp_headers, content = self._request(url, current, headers, deadline, cap)
            location = resp_headers.get("location")
            if status not in _REDIRECT_STATUSES:
                break
            if not location:
                raise FetchError(url, f"HTTP {status} redirect without a Location", status)
            hops += 1
            if hops > self.max_redirects:
                raise FetchError(url, f"too many redirects (more than {self.max_redirects})")
            permanent = permanent and status in _PERMANENT_STATUSES
            current = _redirect_target(url, current, location)
        logger.debug("GET %s -> %s (%d bytes, %d redirects)", url, status, len(content), hops)
        return FetchResult(
            url=url,
            final_url=current,
            status=status,
            content=content,
            headers=resp_headers,
            permanent_redirect=current if hops and permanent else None,
        )

    def _request(
        self, url: str, current: str, headers: dict[str, str], deadline: float, cap: int
    ) -> tuple[int, dict[str, str], bytes]:
        """One hop: status, lower-cased headers and the decoded body (empty unless 2xx)."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(url, f"timed out after {self.timeout:g} s")
        direct = self._direct_client(current)
        if direct is not None:
            return self._request_direct(direct, url, current, headers, deadline, cap)
        import httpx

        client = self._http()
        timeout = httpx.Timeout(
            min(self.timeout, remaining), connect=min(self.connect_timeout, remaining)
        )
        watchdog = Watchdog(remaining)
        try:
            with client.stream(
                "GET",
                current,
                headers=headers,
                timeout=timeout,
                extensions={"trace": watchdog.trace},
            ) as response:
                try:
                    watchdog.watch(response.extensions.get("network_stream"))
                    result = self._read(url, response, deadline, cap)
                finally:
                    watchdog.stop()  # before the connection goes back to the pool
        except httpx.InvalidURL as exc:
            raise InvalidURLError(current, "not a valid web address") from exc
        except httpx.HTTPError as exc:
            if watchdog.fired:
                raise FetchError(url, f"timed out after {self.timeout:g} s") from exc
            raise FetchError(url, _describe(exc, self.timeout, self.connect_timeout)) from exc
        finally:
            watchdog.stop()
        if watchdog.fired:
            raise FetchError(url, f"timed out after {self.timeout:g} s")
        return result

    def _request_direct(
        self,
        direct: DirectClient,
        url: str,
        current: str,
        headers: dict[str, str],
        deadline: float,
        cap: int,
    ) -> tuple[int, dict[str, str], bytes]:
        """One hop through http.client; the same limits and messages as through httpx."""
        remaining = deadline - time.monotonic()
        watchdog = Watchdog(remaining)
        try:
            with direct.stream(
                current,
                headers,
                connect_timeout=min(self.connect_timeout, remaining),
                timeout=min(self.timeout, remaining),
                on_socket=watchdog.watch_socket,
            ) as response:
                try:
                    result = self._read(url, response, deadline, cap)
                finally:
                    watchdog.stop()  # before the connection goes back to the pool
                    response.keep_alive = not watchdog.fired
        except ConnectFailed as exc:
            if watchdog.fired:
                raise FetchError(url, f"timed out after {self.timeout:g} s") from exc
            if exc.timed_out:
                message = f"connection timed out after {self.connect_timeout:g} s"
            else:
                message = _describe_cause(exc, self.timeout) or "could not connect"
            raise FetchError(url, message) from exc
        except (OSError, http.client.HTTPException) as exc:
            if watchdog.fired:
                raise FetchError(url, f"timed out after {self.timeout:g} s") from exc
            message = _describe_cause(exc, self.timeout) or f"network error ({exc})"
            raise FetchError(url, message) from exc
        finally:
            watchdog.stop()
        if watchdog.fired:  # cut off mid-headers, http.client took what came as complete
            raise FetchError(url, f"timed out after {self.timeout:g} s")
        return result

    def _read(
        self, url: str, response: httpx.Response | DirectResponse, deadline: float, cap: int
    ) -> tuple[int, dict[str, str], bytes]:
        status = response.status_code
        headers = dict(response.headers.items())  # httpx lower-cases names
        if status in _REDIRECT_STATUSES or status == 304:
            _discard_body(response)
            return status, headers, b""
        if not 200 <= status < 300:
            _discard_body(response)
            raise FetchStatusError(url, _status_message(response), status, headers)
        decoder = _decoder(url, headers.get("content-encoding", ""))
        length = headers.get("content-length", "")
        if decoder is None and length.isdigit() and int(length) > cap:
            raise FetchError(url, f"response larger than {format_size(cap)}")  # fail fast
        body = bytearray()
        try:
            for raw in response.iter_raw():
                self._append(url, body, decoder.feed(raw) if decoder else (raw,), cap)
                if time.monotonic() > deadline:
                    raise FetchError(url, f"timed out after {self.timeout:g} s")
            if decoder is not None:
                self._append(url, body, decoder.finish(), cap)
        except _CorruptDataError as exc:
            raise FetchError(url, "the server sent corrupt compressed data", status) from exc
        return status, headers, bytes(body)

    @staticmethod
    def _append(url: str, body: bytearray, pieces: Iterable[bytes], cap: int) -> None:
        for piece in pieces:
            body += piece
            if len(body) > cap:
                raise FetchError(url, f"response larger than {format_size(cap)}")


def _discard_body(response: httpx.Response | DirectResponse, limit: int = _PIECE) -> None:
    """Read a short body to its end so that the connection can be reused (keep-alive)."""
    seen = 0
    for raw in response.iter_raw():
        seen += len(raw)
        if seen > limit:
            return  # not worth it: closing the connection is cheaper


def _check_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise InvalidURLError(url, "not a valid web address") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidURLError(url, "only http:// and https:// addresses can be fetched")
    if not host:
        raise InvalidURLError(url, "the address has no host name")


def _redirect_target(url: str, current: str, location: str) -> str:
    target = urljoin(current, location.strip())
    try:
        _check_url(target)
    except InvalidURLError as exc:
        raise FetchError(url, f"redirected to an address that cannot be fetched: {target}") from exc
    return target


def _status_message(response: httpx.Response | DirectResponse) -> str:
    status = response.status_code
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = response.reason_phrase
    message = f"HTTP {status} {reason}".rstrip()
    wait = parse_retry_after(response.headers.get("retry-after"))
    if wait is not None:
        message += f" (retry after {wait} s)"
    return message


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _describe(exc: httpx.HTTPError, timeout: float, connect_timeout: float) -> str:
    """A message a person understands for a network failure."""
    import httpx

    if isinstance(exc, httpx.ConnectTimeout):
        return f"connection timed out after {connect_timeout:g} s"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    message = _describe_cause(exc, timeout)
    if message:
        return message
    if isinstance(exc, httpx.ProxyError):
        return f"proxy error ({exc})"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return "the server closed the connection unexpectedly"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({exc})"
    return f"network error ({exc or type(exc).__name__})"


def _describe_cause(exc: BaseException, timeout: float) -> str | None:
    """A message for the failure of the machine or the network behind ``exc``, if any."""
    for cause in _causes(exc):
        if isinstance(cause, http.client.RemoteDisconnected | http.client.IncompleteRead):
            return "the server closed the connection unexpectedly"
        if isinstance(cause, http.client.HTTPException):
            return f"the server sent an invalid answer ({type(cause).__name__})"
        if isinstance(cause, socket.gaierror):
            return "host not found"
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"secure connection failed: {cause.verify_message or 'certificate not valid'}"
        if isinstance(cause, ssl.SSLError):
            detail = (cause.reason or "").replace("_", " ").lower() or str(cause)
            return f"secure connection failed ({detail})"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(cause, TimeoutError):
            return f"timed out after {timeout:g} s"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return "network unreachable"
    return None


def _environment_proxies() -> dict[str, str]:
    """The proxies the environment (or Windows' registry, macOS' settings) names."""
    import urllib.request

    return urllib.request.getproxies()


def _decoder(url: str, header: str) -> _ZlibDecoder | _BrotliDecoder | None:
    coding = header.strip().lower()
    if coding in ("", "identity"):
        return None
    if coding in ("gzip", "x-gzip"):
        return _ZlibDecoder(16 + zlib.MAX_WBITS)
    if coding == "deflate":
        return _ZlibDecoder(zlib.MAX_WBITS, raw_fallback=True)
    if coding == "br":
        return _BrotliDecoder()
    raise FetchError(url, f"unsupported content encoding {coding!r}")


class _CorruptDataError(Exception):
    pass


class _ZlibDecoder:
    """gzip/deflate, handing out at most _PIECE bytes per step (zlib's max_length)."""

    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._obj = zlib.decompressobj(wbits)
        self._raw_fallback = raw_fallback  # "deflate" is zlib-wrapped or raw in the wild

    def feed(self, data: bytes) -> Iterator[bytes]:
        while not self._obj.eof:
            try:
                out = self._obj.decompress(data, _PIECE)
            except zlib.error as exc:
                if not self._raw_fallback:
                    raise _CorruptDataError(str(exc)) from exc
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                self._raw_fallback = False
                continue
            self._raw_fallback = False  # the header was fine: errors from here on are real
            yield out
            data = self._obj.unconsumed_tail
            if not data and not out:
                return

    def finish(self) -> Iterator[bytes]:
        if not self._obj.eof:
            yield self._obj.flush()


class _BrotliDecoder:
    """br, with the same bounded steps (brotli's output_buffer_limit)."""

    def __init__(self) -> None:
        import brotli  # only when a server actually sends br

        self._error: type[Exception] = brotli.error
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        yield self._process(data)
        while not self._obj.can_accept_more_data():
            yield from self.finish()

    def finish(self) -> Iterator[bytes]:
        """Output the decoder holds back once it reached the buffer limit."""
        while not self._obj.is_finished():
            out = self._process(b"")
            if not out:
                return
            yield out

    def _process(self, data: bytes) -> bytes:
        try:
            return bytes(self._obj.process(data, output_buffer_limit=_PIECE))
        except self._error as exc:
            raise _CorruptDataError(str(exc)) from exc
