"""The pure decisions of subscribing: the address typed, a feed's options as column changes,
the built-in subscriptions."""

from __future__ import annotations

import pytest

from newsreader.core.errors import InvalidURLError
from newsreader.core.update.subscriptions import (
    DEFAULT_SUBSCRIPTIONS,
    UNSET,
    check_url,
    default_feeds,
    feed_changes,
)

LEFT_OUT = dict(title=None, folder=None, interval_minutes=UNSET, full_article=UNSET, paused=None,
                keep_days=UNSET, keep_per_feed=UNSET)  # fmt: skip


def changes(**given: object) -> dict[str, object]:
    """The column changes for the options given, the others left out."""
    return feed_changes(**{**LEFT_OUT, **given})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("  https://elshinta.com/rss ", "https://elshinta.com/rss"),
        ("elshinta.com", "https://elshinta.com"),
        ("localhost:8080/rss", "https://localhost:8080/rss"),
        ("http://127.0.0.1:8080/feed", "http://127.0.0.1:8080/feed"),
    ],
)
def test_an_address_typed_becomes_a_web_address(typed: str, url: str) -> None:
    assert check_url(typed) == url


@pytest.mark.parametrize("typed", ["javascript:alert(1)", "ftp://x.example/feed", "", "https://"])
def test_anything_but_a_web_address_is_refused(typed: str) -> None:
    with pytest.raises(InvalidURLError):
        check_url(typed)


def test_options_left_out_change_nothing_and_none_means_the_default() -> None:
    assert changes() == {}
    assert changes(interval_minutes=None, title=" Berita ") == {
        "title": "Berita", "interval_minutes": None, "next_fetch_at": 0.0,
    }  # fmt: skip


def test_pausing_or_resuming_plans_a_fresh_check() -> None:
    assert changes(paused=False) == {"paused": False, "next_fetch_at": 0.0, "error_count": 0}


def test_notices_and_the_summary_view_are_the_feeds_flags() -> None:
    assert changes(notify=True, show_summary=False) == {"notify": True, "show_summary": False}
    assert changes(notify=None, show_summary=None) == {}  # left out


@pytest.mark.parametrize(
    "option", [{"interval_minutes": 0}, {"interval_minutes": 7 * 24 * 60 + 1},
               {"keep_days": -1}, {"keep_days": True}],
)  # fmt: skip
def test_values_out_of_range_are_refused(option: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        changes(**option)


def test_the_built_in_site_is_probed_for_a_feed_and_its_sections_are_index_pages() -> None:
    feeds = default_feeds()
    assert [url for url, _, _, _ in feeds] == [url for url, _, _ in DEFAULT_SUBSCRIPTIONS]
    assert {url: kind for url, _, _, kind in feeds}.pop("https://elshinta.com/") == "auto"
    assert {kind for url, _, _, kind in feeds if url != "https://elshinta.com/"} == {"index"}
