"""The `demo_site` fixture: the bundled sample site served on loopback, plus its known truth.

resources/demo/expected.json describes every article (title, date, author, body paragraphs,
related links, ...) with site paths; `DemoSite.expected` is the same data with every path
(any string starting with "/") turned into an absolute URL on the running server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsreader.core.resources import resources_dir
from newsreader.demo import DemoServer


def expected_path() -> Path:
    return resources_dir() / "demo" / "expected.json"


def load_expected() -> dict[str, Any]:
    """expected.json as stored: values are site paths such as "/news/227891/..."."""
    data: dict[str, Any] = json.loads(expected_path().read_text(encoding="utf-8"))
    return data


def resolve_paths(value: Any, base_url: str) -> Any:
    """Prefix every string that starts with "/" with base_url, recursively."""
    if isinstance(value, str):
        return base_url + value if value.startswith("/") else value
    if isinstance(value, list):
        return [resolve_paths(v, base_url) for v in value]
    if isinstance(value, dict):
        return {k: resolve_paths(v, base_url) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class DemoSite:
    """A running demo server. `expected` holds absolute URLs for this server."""

    base_url: str
    expected: dict[str, Any]
    raw_expected: dict[str, Any]

    def url(self, path: str = "/") -> str:
        """Absolute URL of a site path ("/rss", "/news/..."); a leading "/" is optional."""
        return self.base_url + "/" + path.lstrip("/")

    @property
    def articles(self) -> list[dict[str, Any]]:
        """Expected articles: the seed first, then its ten Baca Juga items in page order."""
        articles: list[dict[str, Any]] = self.expected["articles"]
        return articles

    @property
    def seed(self) -> dict[str, Any]:
        return self.articles[0]

    def article(self, url: str) -> dict[str, Any]:
        """The expected article whose URL (absolute, or a site path) is `url`."""
        wanted = url if url.startswith("http") else self.url(url)
        for art in self.articles:
            if art["url"] == wanted:
                return art
        raise KeyError(url)


@pytest.fixture
def demo_site() -> Iterator[DemoSite]:
    """Serve resources/demo/site on 127.0.0.1:<free port> for one test."""
    with DemoServer() as server:
        raw = load_expected()
        yield DemoSite(server.base_url, resolve_paths(raw, server.base_url), raw)
