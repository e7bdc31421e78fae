"""Polling rules over a fake fetcher: Cache-Control, unchanged resends, 410 Gone, pausing."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.core.errors import FetchError
from newsreader.core.library import Library, open_library
from newsreader.core.update import schedule
from tests.helpers.fake_fetcher import FakeFetcher, FakeResponse
from tests.helpers.library_tools import add_feed_unchecked

FEED = "https://berita.example.id/rss"
NOW = 1_800_000_000.0


def rss(n: int) -> bytes:
    items = "".join(
        f"<item><title>Berita {i}</title><link>https://berita.example.id/a/berita-nomor-{i}</link>"
        f"<guid>g{i}</guid></item>"
        for i in range(n)
    )
    return f"<rss version='2.0'><channel><title>B</title>{items}</channel></rss>".encode()


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def setup(tmp_path: Path):
    fetcher = FakeFetcher({FEED: FakeResponse(rss(3), headers={"Content-Type": "text/xml"})})
    clock = Clock()
    lib = open_library(tmp_path, fetcher=fetcher, clock=clock)
    feed_id = add_feed_unchecked(lib, FEED, kind="feed", full_article=False)
    yield lib, fetcher, clock, feed_id
    lib.close()


def test_cache_control_max_age_makes_checks_rarer(setup) -> None:
    lib, fetcher, _clock, feed_id = setup
    fetcher.responses[FEED] = FakeResponse(
        rss(3), headers={"Cache-Control": "public, max-age=7200"}
    )
    lib.refresh()
    assert lib.feed(feed_id).next_fetch.timestamp() == pytest.approx(NOW + 7200)
    assert schedule.parse_max_age("no-cache, max-age=60") is None
    assert schedule.parse_max_age("max-age=60") == 60


def test_unchanged_resend_is_not_parsed_again(setup, monkeypatch) -> None:
    lib, fetcher, clock, _feed_id = setup
    lib.refresh()  # no ETag: the server sends the whole body every time
    parsed = []
    from newsreader.core.feeds import parse

    original = parse.parse_feed
    monkeypatch.setattr(parse, "parse_feed", lambda *a, **k: parsed.append(1) or original(*a, **k))
    clock.now += 3600
    (result,) = lib.refresh()
    assert result.not_modified and parsed == []
    fetcher.responses[FEED] = FakeResponse(rss(4))
    (result,) = lib.refresh()
    assert result.new == 1 and parsed == [1]


def test_gone_feed_is_paused_and_kept(setup) -> None:
    lib: Library
    lib, fetcher, clock, feed_id = setup
    lib.refresh()
    fetcher.responses[FEED] = FetchError(FEED, "HTTP 410 Gone", status=410)
    (result,) = lib.refresh()
    feed = lib.feed(feed_id)
    assert feed.paused and "paused" in feed.error and "410" in feed.error
    assert len(lib.entries(feed_id=feed_id)) == 3
    fetcher.requests.clear()
    clock.now += 10 * 24 * 3600
    assert lib.refresh(only_due=True) == [] and lib.refresh() == []  # not polled any more
    assert fetcher.requests == []
    assert lib.next_due() is None
    fetcher.responses[FEED] = FakeResponse(rss(3))
    lib.set_feed_options(feed_id, paused=False)
    (result,) = lib.refresh()
    assert not result.error and not lib.feed(feed_id).paused


def test_refreshing_a_paused_feed_by_name_retries_it(setup) -> None:
    lib, _fetcher, _clock, feed_id = setup
    lib.set_feed_options(feed_id, paused=True)
    assert lib.refresh() == []
    (result,) = lib.refresh([feed_id])
    assert result.new == 3 and not lib.feed(feed_id).paused
