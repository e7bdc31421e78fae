"""How the article pane looks: colour themes, font size, reading width, and the stylesheet.

Qt-free, so the look is testable as text. The stylesheet stays within what ``QTextBrowser``
understands: type and single-class selectors, colours, font sizes, margins, text decoration.
It has no ``max-width`` (ignored by Qt): the pane narrows the text column with document
margins computed from ``column_chars``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Final

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Theme:
    """The colours of one article-pane theme (CSS hex colours)."""

    background: str
    text: str
    muted: str  # the meta line, dates of related links
    faint: str  # the extraction info line
    link: str
    note: str  # an extraction fallback: worth noticing, not alarming
    quote: str  # blockquotes: set off by colour and indent (Qt pads no block background)
    code_background: str
    cached: str  # "saved offline" mark of related links
    badge: str  # the "Updated" badge: text on badge_background
    badge_background: str
    inserted: str
    inserted_background: str
    deleted: str
    deleted_background: str


THEMES: Final[dict[str, Theme]] = {
    "light": Theme(
        background="#ffffff", text="#1f1f1f", muted="#5f6368", faint="#70757a", link="#1a5fb4",
        note="#8a5300", quote="#3d4b5c", code_background="#f1f3f4",
        cached="#2e7d32", badge="#ffffff", badge_background="#b45f06",
        inserted="#1b5e20", inserted_background="#dff3dc",
        deleted="#b3261e", deleted_background="#fbe3e1",
    ),
    "dark": Theme(
        background="#1f2023", text="#e4e4e4", muted="#a8abb0", faint="#9aa0a6", link="#8ab4f8",
        note="#f3bd6b", quote="#c5cdd8", code_background="#2a2c30",
        cached="#81c995", badge="#1f2023", badge_background="#f3bd6b",
        inserted="#b4e8ae", inserted_background="#1f3b23",
        deleted="#f6aea6", deleted_background="#4a211d",
    ),
    "sepia": Theme(
        background="#f5ecd9", text="#3b2e22", muted="#6f5b45", faint="#7a6650", link="#8a430b",
        note="#8f4500", quote="#584634", code_background="#ebdfc3",
        cached="#45632a", badge="#f5ecd9", badge_background="#8f4500",
        inserted="#2d5a1c", inserted_background="#dde6c1",
        deleted="#962b1f", deleted_background="#f0d3c3",
    ),
}  # fmt: skip

# Average characters per line of the text column, like the measure of a printed page.
WIDTHS: Final[dict[str, int]] = {"narrow": 60, "medium": 78, "wide": 110}

DEFAULT_FONT_PT: Final = 11
MIN_FONT_PT: Final = 7
MAX_FONT_PT: Final = 32


@dataclass(frozen=True)
class ReadingOptions:
    """What the reader chose for the article pane.

    ``summary`` shows the feed's summary instead of the full article (the pane decides it
    per feed). Unknown values are replaced by defaults in ``normalized``.
    """

    theme: str = "light"
    font_pt: int = DEFAULT_FONT_PT
    width: str = "medium"
    summary: bool = False

    def normalized(self) -> ReadingOptions:
        """These options with every invalid value replaced by its default (and logged)."""
        fixed = self
        if self.theme not in THEMES:
            log.warning("unknown reading theme %r: using light", self.theme)
            fixed = replace(fixed, theme="light")
        if self.width not in WIDTHS:
            log.warning("unknown reading width %r: using medium", self.width)
            fixed = replace(fixed, width="medium")
        if not isinstance(self.font_pt, int) or not MIN_FONT_PT <= self.font_pt <= MAX_FONT_PT:
            log.warning("font size %r out of range: using %d", self.font_pt, DEFAULT_FONT_PT)
            fixed = replace(fixed, font_pt=DEFAULT_FONT_PT)
        return fixed

    def zoomed(self, steps: int) -> ReadingOptions:
        """The font ``steps`` points larger (negative: smaller), kept within the limits."""
        size = min(MAX_FONT_PT, max(MIN_FONT_PT, self.font_pt + steps))
        return replace(self, font_pt=size)


def theme_of(options: ReadingOptions) -> Theme:
    return THEMES.get(options.theme, THEMES["light"])


def column_chars(options: ReadingOptions) -> int:
    """How many average characters a line of the text column holds at most."""
    return WIDTHS.get(options.width, WIDTHS["medium"])


def _pt(base: int, factor: float) -> str:
    # Sizes follow the base font, so zooming scales headings, meta lines and all.
    return f"{round(base * factor, 1):g}pt"


def stylesheet(options: ReadingOptions) -> str:
    """The ``<style>`` content of the article document for these options."""
    t = theme_of(options)
    b = options.font_pt
    # Line spacing is added as a fixed distance (-qt-line-height-type), not a percentage: Qt
    # applies a percentage to every line of a paragraph, an image's too, leaving a gap under it.
    gap = max(2, round(b * 0.45))
    return f"""
body {{ font-size: {_pt(b, 1)}; color: {t.text}; background-color: {t.background}; }}
a {{ color: {t.link}; }}
h1 {{ font-size: {_pt(b, 1.7)}; font-weight: 600; margin-top: 4px; margin-bottom: 6px; }}
h2 {{ font-size: {_pt(b, 1.36)}; font-weight: 600; }}
h3 {{ font-size: {_pt(b, 1.18)}; font-weight: 600; }}
p {{ margin-top: 0px; margin-bottom: {round(b)}px; line-height: {gap}px;
     -qt-line-height-type: line-distance; }}
li {{ margin-bottom: 4px; }}
blockquote {{ margin-left: 24px; margin-right: 24px; color: {t.quote}; }}
pre {{ font-size: {_pt(b, 0.86)}; background-color: {t.code_background}; }}
code {{ background-color: {t.code_background}; }}
.meta {{ color: {t.muted}; font-size: {_pt(b, 0.86)}; margin-bottom: 2px; }}
.info {{ color: {t.faint}; font-size: {_pt(b, 0.8)}; font-style: italic; margin-bottom: 14px; }}
.info-note {{ color: {t.note}; font-size: {_pt(b, 0.8)}; margin-bottom: 14px; }}
.updated {{ font-size: {_pt(b, 0.86)}; margin-bottom: 8px; }}
.badge {{ color: {t.badge}; background-color: {t.badge_background}; font-weight: 600; }}
.lead {{ margin-bottom: 14px; }}
.related-title {{ font-size: {_pt(b, 1.18)}; font-weight: 600; margin-top: 22px;
                  margin-bottom: 8px; }}
.related-item {{ margin-bottom: 10px; }}
.related-date {{ color: {t.muted}; font-size: {_pt(b, 0.8)}; }}
.cached {{ color: {t.cached}; font-size: {_pt(b, 0.8)}; font-weight: 600; }}
.teaser {{ color: {t.muted}; font-size: {_pt(b, 0.86)}; }}
.original {{ margin-top: 18px; }}
.missing {{ color: {t.faint}; }}
.legend {{ color: {t.muted}; font-size: {_pt(b, 0.86)}; margin-bottom: 14px; }}
.ins {{ color: {t.inserted}; background-color: {t.inserted_background};
        text-decoration: underline; }}
.del {{ color: {t.deleted}; background-color: {t.deleted_background};
        text-decoration: line-through; }}
"""
