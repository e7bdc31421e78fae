"""GET through httpx, for what the standard library's transport cannot send: requests through a
proxy (socks5:// too, with socksio), and addresses that need encoding first (non-ASCII hosts
or paths, user names in the URL). Only moves bytes: the rest is ``transport.request``'s.

httpx is imported when the first such request is made: it and its TLS context cost ~100 ms,
which a refresh of feeds reached directly never pays.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from newsreader.core.net.failures import describe_http_error

if TYPE_CHECKING:
    import httpx

    from newsreader.core.net.deadline import Watchdog


class HttpxTransport:
    """One ``httpx.Client`` and its connection pool (see ``transport.Transport``)."""

    def __init__(
        self,
        headers: Mapping[str, str],
        *,
        timeout: float,
        connect_timeout: float,
        proxy: str | None,
        max_connections: int,
        trust_env: bool,
    ) -> None:
        import httpx

        self._client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            follow_redirects=False,  # followed by Fetcher.get, to tell permanent moves apart
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
            proxy=proxy,
            trust_env=trust_env,
        )

    @contextlib.contextmanager
    def stream(
        self,
        url: str,
        headers: Mapping[str, str],
        *,
        connect_timeout: float,
        timeout: float,
        watchdog: Watchdog,
    ) -> Iterator[httpx.Response]:
        """GET ``url``. Raises httpx.InvalidURL, httpx.HTTPError."""
        import httpx

        with self._client.stream(
            "GET",
            url,
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            # New connections reach the watchdog through httpcore's "trace" extension,
            # reused ones through the response's stream.
            extensions={"trace": watchdog.trace},
        ) as response:
            watchdog.watch(response.extensions.get("network_stream"))
            yield response

    def failure(self, exc: Exception, *, timeout: float, connect_timeout: float) -> str | None:
        import httpx

        if isinstance(exc, httpx.HTTPError):
            return describe_http_error(exc, timeout, connect_timeout)
        if isinstance(exc, httpx.InvalidURL):  # a FetchError, not a ValueError: see BadAddress
            return f"not a valid web address ({exc})"
        return None

    def close(self) -> None:
        self._client.close()
