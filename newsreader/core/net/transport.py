"""One hop of a GET, the same whichever transport sends it: the deadline, the status, the
decoding, the size cap and the readable errors.

Two transports move the bytes: http.client for what it can send as it is (stdlib_transport.py:
a tenth of httpx's CPU per request, which is most of a refresh answered with 304s), httpx for
the rest (a proxy applies, or the address needs encoding; httpx_transport.py). Each only
opens a response and names its own failures (``Transport``); everything a reader could
notice differing between them is decided here, once. Redirects are followed hop by hop by
``Fetcher.get`` (fetch.py), each hop through ``request``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Protocol

from newsreader.core.errors import FetchError
from newsreader.core.net.deadline import Watchdog
from newsreader.core.net.decoders import PIECE, CorruptDataError, TruncatedDataError, decoder_for
from newsreader.core.net.failures import TRUNCATED, FetchStatusError, format_size, status_message

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
Hop = tuple[int, dict[str, str], bytes]  # status, lower-cased headers, decoded body


class Response(Protocol):
    """What ``request`` reads of a response (the names are httpx.Response's)."""

    @property
    def status_code(self) -> int: ...

    @property
    def reason_phrase(self) -> str: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    def iter_raw(self) -> Iterator[bytes]:
        """The body as sent: transfer framing removed, content encoding kept."""
        ...


class Transport(Protocol):
    """Sends one GET and names its own failures; thread-safe, connections kept per origin."""

    def stream(
        self,
        url: str,
        headers: Mapping[str, str],
        *,
        connect_timeout: float,
        timeout: float,
        watchdog: Watchdog,
    ) -> AbstractContextManager[Response]:
        """The response to GET ``url``, open while the body is read. The watchdog is given
        the request's socket; once it has fired, the connection is not reused."""
        ...

    def failure(self, exc: Exception, *, timeout: float, connect_timeout: float) -> str | None:
        """The message for a network failure of this transport; None if ``exc`` is not one
        (a bug, which propagates)."""
        ...

    def close(self) -> None: ...


def timed_out(url: str, timeout: float) -> FetchError:
    return FetchError(url, f"timed out after {timeout:g} s")


def request(
    transport: Transport,
    url: str,
    current: str,
    headers: Mapping[str, str],
    *,
    deadline: float,
    cap: int,
    timeout: float,
    connect_timeout: float,
) -> Hop:
    """GET ``current`` (a hop on the way from ``url``, which errors name) within the overall
    ``deadline`` (``time.monotonic``); a body is cut at ``cap`` bytes, once decoded. Returns
    the body of a 2xx only. Raises FetchError (FetchStatusError for an error status)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise timed_out(url, timeout)
    watchdog = Watchdog(remaining)
    try:
        with transport.stream(
            current,
            headers,
            connect_timeout=min(connect_timeout, remaining),
            timeout=min(timeout, remaining),
            watchdog=watchdog,
        ) as response:
            try:
                hop = _read(url, response, deadline, cap, timeout, transport)
            finally:
                watchdog.stop()  # before the connection goes back to the pool
    except Exception as exc:
        message = transport.failure(exc, timeout=timeout, connect_timeout=connect_timeout)
        if message is None:
            raise  # ours (a FetchError from _read), or a bug
        if watchdog.fired:
            raise timed_out(url, timeout) from exc
        raise FetchError(url, message) from exc
    finally:
        watchdog.stop()
    if watchdog.fired:  # cut off mid-headers: what came was taken as complete
        raise timed_out(url, timeout)
    return hop


def _read(
    url: str, response: Response, deadline: float, cap: int, timeout: float, transport: Transport
) -> Hop:
    status = response.status_code
    headers = dict(response.headers.items())  # lower-case names
    if status in REDIRECT_STATUSES or status == 304:
        _discard_body(response, transport)
        return status, headers, b""
    if not 200 <= status < 300:
        _discard_body(response, transport)
        message = status_message(status, response.reason_phrase, headers)
        raise FetchStatusError(url, message, status, headers)
    decoder = decoder_for(url, headers.get("content-encoding", ""))
    length = headers.get("content-length", "")
    if decoder is None and length.isdigit() and int(length) > cap:
        raise FetchError(url, f"response larger than {format_size(cap)}")  # fail fast
    body = bytearray()
    try:
        for raw in response.iter_raw():
            _append(url, body, decoder.feed(raw) if decoder else (raw,), cap)
            if time.monotonic() > deadline:
                raise timed_out(url, timeout)
        if decoder is not None:
            _append(url, body, decoder.finish(), cap)
    except CorruptDataError as exc:
        raise FetchError(url, "the server sent corrupt compressed data", status) from exc
    except TruncatedDataError as exc:
        raise FetchError(url, TRUNCATED, status) from exc
    return status, headers, bytes(body)


def _append(url: str, body: bytearray, pieces: Iterable[bytes], cap: int) -> None:
    for piece in pieces:
        body += piece
        if len(body) > cap:
            raise FetchError(url, f"response larger than {format_size(cap)}")


def _discard_body(response: Response, transport: Transport, limit: int = PIECE) -> None:
    """Read a short body to its end so that the connection can be reused (keep-alive). One cut
    short changes nothing: only the status and headers are used (the connection is not kept)."""
    seen = 0
    try:
        for raw in response.iter_raw():
            seen += len(raw)
            if seen > limit:
                return  # not worth it: closing the connection is cheaper
    except Exception as exc:
        if transport.failure(exc, timeout=0, connect_timeout=0) is None:
            raise  # not a network failure: a bug
