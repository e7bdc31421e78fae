"""HTTP/1.1 GET over the standard library, for addresses reached without a proxy.

httpx spends ~1 ms of CPU on each request (its request and URL models, h11's state machine,
the trace hooks); http.client ~0.1 ms. A refresh of 500 feeds answered with 304s is nothing
but requests, so that difference was most of its time (the aim: 500 304s in under 0.5 s).
Feeds behind a proxy, and addresses that need encoding first (non-ASCII hosts or paths, user
names in the URL), still go through httpx (httpx_transport.py; ``Fetcher`` picks per request).

This module only moves bytes and names its own failures: redirects are ``fetch``'s; the
status, decoding, size caps and messages are ``transport.request``'s. Connections are kept
alive per origin and reused; a kept connection the server closed meanwhile is retried once on
a fresh one (GET is idempotent).
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import ssl
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsreader.core.net.failures import describe_cause

if TYPE_CHECKING:
    from newsreader.core.net.deadline import Watchdog

_PIECE = 64 * 1024
_IDLE_PER_ORIGIN = 4
# A URL the standard library sends as it is: printable ASCII, no spaces.
_PLAIN = frozenset(chr(c) for c in range(0x21, 0x7F))
_FOLD = re.compile(r"[ \t]*\r?\n[ \t]*")
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
          ConnectionAbortedError)  # fmt: skip


class BadAddress(Exception):
    """The address cannot be sent (a port out of range, say): a network failure of its own
    kind, as httpx's InvalidURL is, never a ValueError that would stop a whole refresh."""


class ConnectFailed(Exception):
    """Connecting (TCP, then TLS) failed; ``__cause__`` says how. ``timed_out``: it took
    longer than the connect timeout."""

    def __init__(self, timed_out: bool) -> None:
        super().__init__("connect failed")
        self.timed_out = timed_out


def can_send(url: str) -> bool:
    """Whether http.client can send ``url`` as it is (else httpx encodes it)."""
    if not _PLAIN.issuperset(url):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and "@" not in parts.netloc and bool(parts.hostname)


class Headers(dict[str, str]):
    """Response headers, names lower-cased, repeated ones joined by ", " (as httpx does)."""


class DirectResponse:
    """The parts of a response ``transport.request`` reads (the names of httpx.Response)."""

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self._response = response
        self.status_code = response.status
        self.reason_phrase = response.reason or ""
        headers = Headers()
        for name, value in response.getheaders():
            key = name.lower()
            if "\n" in value:  # a folded line, unfolded as httpx (h11) does
                value = _FOLD.sub(" ", value)
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        self.headers = headers

    def iter_raw(self) -> Iterator[bytes]:
        """The body as sent (chunked framing removed, content encoding kept). ``read``, not
        ``read1``: only ``read`` marks an empty body (a 304) finished, so that its
        connection is kept. IncompleteRead if the connection closed before the
        Content-Length was reached (http.client returns what came, as if it were all)."""
        while piece := self._response.read(_PIECE):
            yield piece
        missing = self._response.length
        if missing:
            raise http.client.IncompleteRead(b"", missing)

    @property
    def finished(self) -> bool:
        """The body was read to its end, and all of it came: the connection can be reused."""
        return self._response.isclosed() and not self._response.length


class DirectClient:
    """Keep-alive connections per origin; ``stream`` is one GET (see ``transport.Transport``).
    Thread-safe."""

    def __init__(self, default_headers: dict[str, str], ssl_context: Callable[[], ssl.SSLContext]):
        self._default_headers = default_headers
        self._ssl_context = ssl_context
        self._context: ssl.SSLContext | None = None
        self._idle: dict[tuple[str, str, int], list[http.client.HTTPConnection]] = {}
        self._lock = threading.Lock()
        self._closed = False

    @contextlib.contextmanager
    def stream(
        self,
        url: str,
        headers: Mapping[str, str],
        *,
        connect_timeout: float,
        timeout: float,
        watchdog: Watchdog,
    ) -> Iterator[DirectResponse]:
        """GET ``url``. Raises BadAddress, ConnectFailed, OSError, http.client.HTTPException."""
        try:
            parts = urlsplit(url)
            port = parts.port or _default_port(parts.scheme)
        except ValueError as exc:
            raise BadAddress(str(exc)) from exc
        origin = (parts.scheme, parts.hostname or "", port)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn, response = self._send(
            origin, target, headers, connect_timeout, timeout, watchdog.watch_socket
        )
        result = DirectResponse(response)
        try:
            yield result
        finally:
            # A socket the watchdog shut down is no use to the next request.
            reusable = not watchdog.fired and result.finished and not response.will_close
            self._release(origin, conn, reusable)

    def failure(self, exc: Exception, *, timeout: float, connect_timeout: float) -> str | None:
        if isinstance(exc, BadAddress):
            return f"not a valid web address ({exc})"
        if isinstance(exc, ConnectFailed):
            if exc.timed_out:
                return f"connection timed out after {connect_timeout:g} s"
            return describe_cause(exc, timeout) or "could not connect"
        if isinstance(exc, OSError | http.client.HTTPException):
            return describe_cause(exc, timeout) or f"network error ({exc})"
        return None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, {}
        for conns in idle.values():
            for conn in conns:
                conn.close()

    def _send(
        self,
        origin: tuple[str, str, int],
        target: str,
        headers: Mapping[str, str],
        connect_timeout: float,
        timeout: float,
        on_socket: Callable[[socket.socket], None],
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        while True:
            conn = self._take(origin)
            reused = conn is not None
            if conn is None:
                conn = self._connect(origin, connect_timeout)
            sock = conn.sock
            if sock is not None:
                sock.settimeout(timeout)
                on_socket(sock)
            try:
                conn.putrequest("GET", target, skip_accept_encoding=True)
                for name, value in {**self._default_headers, **headers}.items():
                    conn.putheader(name, value)
                conn.endheaders()
                return conn, conn.getresponse()
            except _STALE:
                conn.close()
                if not reused:
                    raise
                # The server closed the kept connection meanwhile: once more, on a new one.
            except BaseException:
                conn.close()
                raise

    def _connect(self, origin: tuple[str, str, int], timeout: float) -> http.client.HTTPConnection:
        scheme, host, port = origin
        conn: http.client.HTTPConnection
        if scheme == "https":
            conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=self._tls())
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            conn.connect()
        except TimeoutError as exc:
            conn.close()
            raise ConnectFailed(timed_out=True) from exc
        except OSError as exc:
            conn.close()
            raise ConnectFailed(timed_out=False) from exc
        if conn.sock is not None:
            conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    def _tls(self) -> ssl.SSLContext:
        with self._lock:
            if self._context is None:
                self._context = self._ssl_context()
            return self._context

    def _take(self, origin: tuple[str, str, int]) -> http.client.HTTPConnection | None:
        with self._lock:
            if self._closed:
                raise RuntimeError("this Fetcher is closed")
            conns = self._idle.get(origin)
            return conns.pop() if conns else None

    def _release(
        self, origin: tuple[str, str, int], conn: http.client.HTTPConnection, reusable: bool
    ) -> None:
        if reusable:
            with self._lock:
                conns = self._idle.setdefault(origin, [])
                if not self._closed and len(conns) < _IDLE_PER_ORIGIN:
                    conns.append(conn)
                    return
        conn.close()


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80
