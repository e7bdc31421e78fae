"""Pure scheduling decisions."""

from __future__ import annotations

import pytest

from newsreader.core.update import schedule

NOW = 1_700_000_000.0


def test_default_and_per_feed_interval() -> None:
    assert schedule.next_fetch_time(NOW, interval_minutes=None, default_minutes=15) == NOW + 900
    assert schedule.next_fetch_time(NOW, interval_minutes=60, default_minutes=15) == NOW + 3600


def test_ttl_stretches_but_never_shortens() -> None:
    longer = schedule.next_fetch_time(
        NOW, interval_minutes=None, default_minutes=15, ttl_minutes=60
    )
    shorter = schedule.next_fetch_time(NOW, interval_minutes=30, default_minutes=15, ttl_minutes=5)
    assert (longer, shorter) == (NOW + 3600, NOW + 1800)


def test_backoff_doubles_with_jitter_and_caps() -> None:
    def at(errors: int, rand: float) -> float:
        return (
            schedule.next_fetch_time(
                NOW,
                interval_minutes=None,
                default_minutes=15,
                error_count=errors,
                rand=lambda: rand,
            )
            - NOW
        )

    assert at(1, 0.5) == 900
    assert at(3, 0.5) == 3600
    assert at(3, 0.0) == pytest.approx(3600 * 0.9)
    assert at(3, 1.0) == pytest.approx(3600 * 1.1)
    assert at(40, 0.5) == 24 * 3600


def test_retry_after_is_a_floor() -> None:
    got = schedule.next_fetch_time(
        NOW,
        interval_minutes=1,
        default_minutes=15,
        error_count=1,
        retry_after_s=7200,
        rand=lambda: 0.5,
    )
    assert got == NOW + 7200


def test_full_article_decision() -> None:
    decide = schedule.wants_full_article
    assert decide(None, kind="index", has_rule=False, feed_carries_articles=True)
    assert decide(None, kind="feed", has_rule=True, feed_carries_articles=True)
    assert decide(None, kind="feed", has_rule=False, feed_carries_articles=False)
    assert not decide(None, kind="feed", has_rule=False, feed_carries_articles=True)
    assert not decide(False, kind="index", has_rule=True, feed_carries_articles=False)
    assert schedule.carries_articles([5000, 4000, 10])
    assert not schedule.carries_articles([100, 4000, 10])
    assert not schedule.carries_articles([])
