"""Reading options, widths and themes of the article pane: valid, bounded and readable."""

from __future__ import annotations

import logging

import pytest

from newsreader.core.render.appearance import (
    DEFAULT_FONT_PT,
    MAX_FONT_PT,
    MIN_FONT_PT,
    THEMES,
    WIDTHS,
    ReadingOptions,
    column_chars,
)


def _luminance(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_theme_is_readable(name: str) -> None:
    t = THEMES[name]
    # WCAG AA: 4.5 for text; the marks of changes on their own backgrounds too.
    for fg, bg in (
        (t.text, t.background),
        (t.link, t.background),
        (t.muted, t.background),
        (t.faint, t.background),
        (t.note, t.background),
        (t.cached, t.background),
        (t.quote, t.background),
        (t.text, t.code_background),
        (t.badge, t.badge_background),
        (t.inserted, t.inserted_background),
        (t.deleted, t.deleted_background),
    ):
        assert contrast(fg, bg) >= 4.5, (name, fg, bg, round(contrast(fg, bg), 2))


def test_themes_differ_in_background() -> None:
    assert len({t.background for t in THEMES.values()}) == len(THEMES) == 3


def test_widths_grow_from_narrow_to_wide() -> None:
    chars = [column_chars(ReadingOptions(width=w)) for w in ("narrow", "medium", "wide")]
    assert chars == sorted(chars) and len(set(chars)) == 3
    assert chars == [WIDTHS["narrow"], WIDTHS["medium"], WIDTHS["wide"]]


def test_zoom_stays_within_limits() -> None:
    options = ReadingOptions()
    assert options.font_pt == DEFAULT_FONT_PT
    assert options.zoomed(2).font_pt == DEFAULT_FONT_PT + 2
    assert options.zoomed(-100).font_pt == MIN_FONT_PT
    assert options.zoomed(100).font_pt == MAX_FONT_PT


def test_invalid_options_become_defaults_and_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        fixed = ReadingOptions(theme="neon", font_pt=400, width="huge", summary=True).normalized()
    assert fixed == ReadingOptions(summary=True)
    assert len(caplog.records) == 3
    valid = ReadingOptions(theme="sepia", font_pt=14, width="narrow")
    assert valid.normalized() is valid
