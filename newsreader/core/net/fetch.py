"""HTTP GET for feeds, pages and images: timeouts, size caps, redirects, readable errors.

One ``Fetcher`` (one ``httpx.Client`` and its connection pool) is shared by the worker threads
of an update. Redirects are followed here, not by httpx, so that we can tell a permanent move
(every hop 301/308: the subscription URL should change) from a temporary one. Bodies are
decoded here too, in bounded pieces (decoders.py), so that a compression bomb stops at the
size cap instead of inflating in one call. Messages for failures are in fetcherrors.py.
"""

from __future__ import annotations

import http.client
import logging
import ssl
import threading
import time
from collections.abc import Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self
from urllib.parse import urljoin, urlsplit

from newsreader import __version__
from newsreader.core.errors import FetchError, InvalidURLError
from newsreader.core.net.deadline import Watchdog
from newsreader.core.net.decoders import PIECE, CorruptDataError, decoder_for
from newsreader.core.net.failures import (
    FetchStatusError,
    describe_cause,
    describe_http_error,
    format_size,
    parse_retry_after,  # noqa: F401 - re-exported
    status_message,
)
from newsreader.core.net.stdlib_transport import (
    ConnectFailed,
    DirectClient,
    DirectResponse,
    can_send,
)
from newsreader.core.types import FetchResult

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
        # no proxy is given; False for "no proxy". socks5:// needs socksio.
        self._trust_env = trust_env
        self._client: httpx.Client | None = None
        self._direct: DirectClient | None = None
        # Whether httpx sends everything (a proxy applies, or ``direct`` is False); else
        # http.client sends what it can (stdlib_transport.py). Known at the first request.
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
        """The standard-library transport (stdlib_transport.py), when it can send ``url``: no
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
            raise self._timed_out(url)
        direct = self._direct_client(current)
        if direct is not None:
            return self._request_direct(direct, url, current, headers, deadline, cap, remaining)
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
                raise self._timed_out(url) from exc
            message = describe_http_error(exc, self.timeout, self.connect_timeout)
            raise FetchError(url, message) from exc
        finally:
            watchdog.stop()
        if watchdog.fired:
            raise self._timed_out(url)
        return result

    def _request_direct(
        self,
        direct: DirectClient,
        url: str,
        current: str,
        headers: dict[str, str],
        deadline: float,
        cap: int,
        remaining: float,
    ) -> tuple[int, dict[str, str], bytes]:
        """One hop through http.client; the same limits and messages as through httpx."""
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
                raise self._timed_out(url) from exc
            if exc.timed_out:
                message = f"connection timed out after {self.connect_timeout:g} s"
            else:
                message = describe_cause(exc, self.timeout) or "could not connect"
            raise FetchError(url, message) from exc
        except (OSError, http.client.HTTPException) as exc:
            if watchdog.fired:
                raise self._timed_out(url) from exc
            message = describe_cause(exc, self.timeout) or f"network error ({exc})"
            raise FetchError(url, message) from exc
        finally:
            watchdog.stop()
        if watchdog.fired:  # cut off mid-headers, http.client took what came as complete
            raise self._timed_out(url)
        return result

    def _timed_out(self, url: str) -> FetchError:
        return FetchError(url, f"timed out after {self.timeout:g} s")

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
            raise FetchStatusError(url, status_message(response), status, headers)
        decoder = decoder_for(url, headers.get("content-encoding", ""))
        length = headers.get("content-length", "")
        if decoder is None and length.isdigit() and int(length) > cap:
            raise FetchError(url, f"response larger than {format_size(cap)}")  # fail fast
        body = bytearray()
        try:
            for raw in response.iter_raw():
                self._append(url, body, decoder.feed(raw) if decoder else (raw,), cap)
                if time.monotonic() > deadline:
                    raise self._timed_out(url)
            if decoder is not None:
                self._append(url, body, decoder.finish(), cap)
        except CorruptDataError as exc:
            raise FetchError(url, "the server sent corrupt compressed data", status) from exc
        return status, headers, bytes(body)

    @staticmethod
    def _append(url: str, body: bytearray, pieces: Iterable[bytes], cap: int) -> None:
        for piece in pieces:
            body += piece
            if len(body) > cap:
                raise FetchError(url, f"response larger than {format_size(cap)}")


def _discard_body(response: httpx.Response | DirectResponse, limit: int = PIECE) -> None:
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


def _environment_proxies() -> dict[str, str]:
    """The proxies the environment (or Windows' registry, macOS' settings) names."""
    import urllib.request

    return urllib.request.getproxies()
