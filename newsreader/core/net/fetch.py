"""HTTP GET for feeds, pages and images: timeouts, size caps, redirects, readable errors.

One ``Fetcher`` is shared by the worker threads of an update. Redirects are followed here, not
by the transports, so that we can tell a permanent move (every hop 301/308: the subscription
URL should change) from a temporary one. Each hop goes through ``transport.request``, the same
for both transports (http.client where it can, httpx else); it decodes bodies in bounded
pieces (decoders.py), so that a compression bomb stops at the size cap instead of inflating in
one call. Messages for failures are in failures.py.
"""

from __future__ import annotations

import logging
import re
import ssl
import threading
import time
from types import TracebackType
from typing import Protocol, Self
from urllib.parse import urljoin, urlsplit

from newsreader import __version__
from newsreader.core.errors import FetchError
from newsreader.core.net.address import checked_url
from newsreader.core.net.failures import (
    FetchStatusError,  # noqa: F401 - re-exported
    format_size,  # noqa: F401 - re-exported
    parse_retry_after,  # noqa: F401 - re-exported
)
from newsreader.core.net.httpx_transport import HttpxTransport
from newsreader.core.net.stdlib_transport import DirectClient, can_send
from newsreader.core.net.transport import REDIRECT_STATUSES, Transport, request
from newsreader.core.types import FetchResult

logger = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"Newsreader/{__version__} (+desktop feed reader)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

_PERMANENT_STATUSES = frozenset({301, 308})
# Validators as they are kept: one line of visible ASCII, a sane length. An entity tag has no
# spaces (RFC 9110 etagc); a date has single ones between its words. Any other value (a header
# folded over lines, say) would be sent back as a header of several lines.
_ETAG = re.compile(r"[\x21-\x7e]{1,512}")
_DATE = re.compile(r"(?=.{1,128}\Z)[\x21-\x7e]+(?: [\x21-\x7e]+)*")
# What a conditional header may carry (a list of entity tags too): one line, visible ASCII.
_HEADER_VALUE = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]{0,1022}[\x21-\x7e])?")


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
        self._client: HttpxTransport | None = None
        self._direct: DirectClient | None = None
        # Whether httpx sends everything (a proxy applies, or ``direct`` is False); else
        # http.client sends what it can (stdlib_transport.py). Known at the first request.
        self._proxied: bool | None = None if direct else True
        self._closed = False
        self._lock = threading.Lock()

    def _http(self) -> HttpxTransport:
        """The httpx transport, made on first use: httpx and its TLS context cost ~100 ms."""
        with self._lock:
            if self._closed:
                raise RuntimeError("this Fetcher is closed")
            if self._client is None:
                agent, proxy, connections = self._client_args
                self._client = HttpxTransport(
                    {"User-Agent": agent, "Accept-Encoding": "gzip, deflate, br"},
                    timeout=self.timeout,
                    connect_timeout=self.connect_timeout,
                    proxy=proxy,
                    max_connections=connections,
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
        checked_url(url)
        headers = {"Accept": accept or "*/*"}
        conditional = {**headers, **_conditional_headers(etag, last_modified)}
        cap = self.max_bytes if max_bytes is None else max_bytes
        deadline = time.monotonic() + self.timeout
        current, hops, permanent = url, 0, True
        while True:
            status, resp_headers, content = request(
                self._transport(current),
                url,
                current,
                # The validators are the answer of ``url``'s server: another host is not told.
                conditional if _same_host(current, url) else headers,
                deadline=deadline,
                cap=cap,
                timeout=self.timeout,
                connect_timeout=self.connect_timeout,
            )
            location = resp_headers.get("location")
            if status not in REDIRECT_STATUSES:
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
            headers=_without_odd_validators(resp_headers),
            permanent_redirect=current if hops and permanent else None,
        )

    def _transport(self, url: str) -> Transport:
        """http.client where it can send ``url`` (no proxy applies, no encoding needed), else
        httpx."""
        direct = self._direct_client(url)
        return direct if direct is not None else self._http()


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """If-None-Match and If-Modified-Since for the validators that are fit to send (one kept
    before they were checked on arrival may not be)."""
    headers = {}
    if etag and _HEADER_VALUE.fullmatch(etag):
        headers["If-None-Match"] = etag
    if last_modified and _HEADER_VALUE.fullmatch(last_modified):
        headers["If-Modified-Since"] = last_modified
    return headers


def _without_odd_validators(headers: dict[str, str]) -> dict[str, str]:
    """The response headers, less an ETag or Last-Modified that is not one line of visible
    ASCII: kept, it would be stored and sent back as a header of several lines."""
    odd = [name for name, fit in (("etag", _ETAG), ("last-modified", _DATE))
           if name in headers and not fit.fullmatch(headers[name])]  # fmt: skip
    for name in odd:
        logger.info("ignored a malformed %s header: %r", name, headers[name][:200])
        del headers[name]
    return headers


def _same_host(url: str, other: str) -> bool:
    return urlsplit(url).hostname == urlsplit(other).hostname


def _redirect_target(url: str, current: str, location: str) -> str:
    try:
        return checked_url(urljoin(current, location.strip()))
    except ValueError as exc:  # InvalidURLError, or urljoin's own for "http://[::1"
        raise FetchError(
            url, f"redirected to an address that cannot be fetched: {location.strip()[:200]}"
        ) from exc


def _environment_proxies() -> dict[str, str]:
    """The proxies the environment (or Windows' registry, macOS' settings) names."""
    import urllib.request

    return urllib.request.getproxies()
