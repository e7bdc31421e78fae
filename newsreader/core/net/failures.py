"""The fetcher's failures as a person reads them: the error for an HTTP error status, and
messages for statuses, network and TLS failures, sizes and Retry-After waits.

Kept apart from fetch.py, which moves bytes: these only name what went wrong, for both
transports (httpx and http.client) alike.
"""

from __future__ import annotations

import email.utils
import errno
import http.client
import socket
import ssl
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from typing import TYPE_CHECKING

from newsreader.core.errors import FetchError

if TYPE_CHECKING:
    import httpx

    from newsreader.core.net.stdlib_transport import DirectResponse


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


def status_message(response: httpx.Response | DirectResponse) -> str:
    """The status as a person reads it, "HTTP 404 Not Found", and any wait the server asks."""
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


def describe_http_error(exc: httpx.HTTPError, timeout: float, connect_timeout: float) -> str:
    """A message a person understands for a network failure."""
    import httpx

    if isinstance(exc, httpx.ConnectTimeout):
        return f"connection timed out after {connect_timeout:g} s"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    message = describe_cause(exc, timeout)
    if message:
        return message
    if isinstance(exc, httpx.ProxyError):
        return f"proxy error ({exc})"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return "the server closed the connection unexpectedly"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({exc})"
    return f"network error ({exc or type(exc).__name__})"


def describe_cause(exc: BaseException, timeout: float) -> str | None:
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
