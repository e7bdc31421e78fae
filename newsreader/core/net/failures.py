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
import time
from collections.abc import Iterator, Mapping
from datetime import UTC
from http import HTTPStatus
from typing import TYPE_CHECKING

# The error for an HTTP error status lives with the others; named here, where fetch.py looks.
from newsreader.core.errors import FetchStatusError as FetchStatusError

if TYPE_CHECKING:
    import httpx

# A body cut short: fewer bytes than its Content-Length, a chunked body without its last
# chunk, a compressed stream without its end. Never taken as the whole body: a feed cut after
# its second item would be stored as if it had two, with the ETag that makes the server
# answer 304 for the third ever after.
TRUNCATED = "the server closed the connection before the whole response arrived"


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), else None.

    ``now`` is epoch seconds (the refresh's clock), the current time if not given. The one
    reading of the header: the error message names the wait, the schedule honours it.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000": UTC, the sender's own zone unknown (RFC 5322)
        when = when.replace(tzinfo=UTC)
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


def format_size(n: int) -> str:
    """A byte count as a person reads it: "10 MB", "1.5 MB", "512 KB", "100 bytes"."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            return f"{round(n / size, 1):g} {unit}"
    return f"{n} bytes"


def status_message(status: int, reason_phrase: str, headers: Mapping[str, str]) -> str:
    """The status as a person reads it, "HTTP 404 Not Found", and any wait the server asks."""
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = reason_phrase
    message = f"HTTP {status} {reason}".rstrip()
    wait = parse_retry_after(headers.get("retry-after"))
    if wait is not None:
        message += f" (retry after {int(wait)} s)"
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
    if isinstance(exc, httpx.RemoteProtocolError):
        # h11's words for a body shorter than announced, and httpx's for a redirect it could
        # not follow (it reads the Location even when it follows none).
        if "complete message body" in str(exc):
            return TRUNCATED
        if "location header" in str(exc).lower():
            return "redirected to an address that cannot be fetched"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return "the server closed the connection unexpectedly"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({exc})"
    return f"network error ({exc or type(exc).__name__})"


def describe_cause(exc: BaseException, timeout: float) -> str | None:
    """A message for the failure of the machine or the network behind ``exc``, if any."""
    for cause in _causes(exc):
        if isinstance(cause, http.client.IncompleteRead):
            return TRUNCATED
        if isinstance(cause, http.client.RemoteDisconnected):
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
