"""A scriptable stand-in for ``Fetcher``: maps URLs to documents, records every request."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from newsreader.core.errors import FetchError
from newsreader.core.types import FetchResult


@dataclass
class FakeResponse:
    content: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    final_url: str | None = None
    permanent_redirect: str | None = None


class FakeFetcher:
    """``responses[url]`` is a FakeResponse, bytes, or an exception to raise."""

    def __init__(self, responses: dict[str, object] | None = None) -> None:
        self.responses: dict[str, object] = dict(responses or {})
        self.requests: list[tuple[str, str | None, str | None]] = []
        self._lock = threading.Lock()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        accept: str | None = None,
    ) -> FetchResult:
        with self._lock:
            self.requests.append((url, etag, last_modified))
        answer = self.responses.get(url)
        if answer is None:
            raise FetchError(url, "HTTP 404 Not Found", status=404)
        if isinstance(answer, BaseException):
            raise answer
        if isinstance(answer, bytes):
            answer = FakeResponse(answer)
        assert isinstance(answer, FakeResponse)
        headers = {k.lower(): v for k, v in answer.headers.items()}
        if etag is not None and headers.get("etag") == etag:
            return FetchResult(url, url, 304, b"", headers)
        return FetchResult(
            url,
            answer.final_url or url,
            answer.status,
            answer.content,
            headers,
            answer.permanent_redirect,
        )

    def urls(self) -> list[str]:
        return [url for url, _, _ in self.requests]
