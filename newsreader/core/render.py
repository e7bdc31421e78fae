"""The HTML document of the article pane (Qt-free, so it is testable without a display).

The output stays within what ``QTextBrowser`` renders well: simple block tags, a small
``<style>`` block with class selectors, no ``max-width`` (the widget narrows the text column
with document margins instead). Every image source goes through ``image_src``: the pane
never shows an image it would have to fetch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from datetime import datetime
from html import escape
from html.parser import HTMLParser

from .types import Entry, RelatedLink

# English defaults; the UI passes translated strings for the same keys.
DEFAULT_LABELS: dict[str, str] = {
    "by": "By {author}",
    "origin": "Source: {origin}",
    "extracted_site": "Extracted by site rule {name}",
    "extracted_generic": "Extracted from the page by the generic reader",
    "summary_only": "Feed summary only",
    "feed_content": "Article text as the feed delivered it",
    "related": "Related",
    "cached": "saved offline",
    "open_original": "Open the original page",
    "no_text": "This article has no text here. Open the original page to read it.",
    "image": "image",
}

# Line spacing is added as a fixed distance (-qt-line-height-type), not a percentage: Qt
# applies a percentage to every line of a paragraph, an image's too, leaving a gap under it.
_STYLE = """
h1 { font-size: 19pt; font-weight: 600; margin-top: 4px; margin-bottom: 6px; }
h2 { font-size: 15pt; font-weight: 600; }
h3 { font-size: 13pt; font-weight: 600; }
p { margin-top: 0px; margin-bottom: 11px; line-height: 5px; -qt-line-height-type: line-distance; }
li { margin-bottom: 4px; }
blockquote { margin-left: 18px; color: #555555; }
pre { font-size: 9.5pt; }
.meta { color: #707070; font-size: 9.5pt; margin-bottom: 2px; }
.info { color: #808080; font-size: 8.5pt; font-style: italic; margin-bottom: 14px; }
.lead { margin-bottom: 14px; }
.related-title { font-size: 13pt; font-weight: 600; margin-top: 22px; margin-bottom: 8px; }
.related-item { margin-bottom: 10px; }
.related-date { color: #707070; font-size: 8.5pt; }
.cached { color: #2e7d32; font-size: 8.5pt; }
.teaser { color: #5a5a5a; font-size: 9.5pt; }
.original { margin-top: 18px; }
.missing { color: #808080; }
"""

# An <img> start tag; quoted attribute values may contain ">".
_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_KEPT_IMG_ATTRS = ("alt", "title", "width", "height")


def article_html(
    entry: Entry,
    *,
    format_date: Callable[[datetime], str],
    image_src: Callable[[str], str | None],
    labels: Mapping[str, str],
    cached_urls: Container[str] = (),
) -> str:
    """The whole HTML document for one article.

    Args:
        entry: the article; its ``html``/``summary_html`` are already sanitized.
        format_date: turns a datetime into the reader's locale.
        image_src: maps a remote image URL to a local URL to show, or None if not cached.
        labels: translated strings for the keys of ``DEFAULT_LABELS`` (missing keys fall back).
        cached_urls: related-article URLs already stored locally (marked as readable offline).
    """
    text = {**DEFAULT_LABELS, **labels}
    body = entry.html.strip() or entry.summary_html.strip()
    body_images = _img_sources(body)
    parts = [
        f"<h1>{escape(entry.title)}</h1>",
        _meta_line(entry, format_date, text),
        f'<p class="info">{escape(extraction_info(entry, text))}</p>',
        _lead_image(entry, body_images, image_src),
        rewrite_images(body, image_src, text["image"])
        if body
        else f'<p class="missing">{escape(text["no_text"])}</p>',
        _related_section(entry.related, format_date, text, cached_urls),
        _original_link(entry.url, text),
    ]
    content = "\n".join(part for part in parts if part)
    return (
        '<html><head><meta charset="utf-8">'
        f"<style>{_STYLE}</style></head>\n<body>\n{content}\n</body></html>"
    )


def extraction_info(entry: Entry, labels: Mapping[str, str]) -> str:
    """One line naming how the text was obtained, with the fallback note when there is one."""
    method = entry.extraction
    if method.startswith("site:"):
        line = labels["extracted_site"].format(name=method.removeprefix("site:"))
    elif method == "generic":
        line = labels["extracted_generic"]
    elif method == "summary" or not entry.html.strip():
        line = labels["summary_only"]
    else:
        line = labels["feed_content"]
    note = entry.extraction_note.strip()
    return f"{line}: {note}" if note else line


def rewrite_images(html: str, image_src: Callable[[str], str | None], fallback_alt: str) -> str:
    """Point every <img> at its local copy; an image without one becomes ``<em>[alt]</em>``.

    No remote ``src`` survives, so showing the article never triggers a request.
    """

    def replace(match: re.Match[str]) -> str:
        attrs = _tag_attrs(match.group(0))
        src = attrs.get("src", "").strip()
        local = image_src(src) if src else None
        alt = attrs.get("alt", "").strip() or fallback_alt
        if local is None:
            return f'<em class="missing">[{escape(alt)}]</em>'
        kept = "".join(
            f' {name}="{escape(attrs[name])}"' for name in _KEPT_IMG_ATTRS if attrs.get(name)
        )
        return f'<img src="{escape(local)}"{kept}>'

    return _IMG_TAG.sub(replace, html)


def _meta_line(
    entry: Entry, format_date: Callable[[datetime], str], labels: Mapping[str, str]
) -> str:
    items = [entry.feed_title.strip()]
    if entry.published is not None:
        items.append(format_date(entry.published))
    if entry.author.strip():
        items.append(labels["by"].format(author=entry.author.strip()))
    if entry.origin.strip():
        items.append(labels["origin"].format(origin=entry.origin.strip()))
    shown = [escape(item) for item in items if item]
    if not shown:
        return ""
    return f'<p class="meta">{" &nbsp;·&nbsp; ".join(shown)}</p>'


def _lead_image(entry: Entry, body_images: set[str], image_src: Callable[[str], str | None]) -> str:
    # The lead image is often repeated as the first image of the body: show it once.
    lead = entry.lead_image.strip()
    if not lead or lead in body_images:
        return ""
    local = image_src(lead)
    if local is None:
        return ""
    return f'<p class="lead"><img src="{escape(local)}"></p>'


def _related_section(
    related: tuple[RelatedLink, ...],
    format_date: Callable[[datetime], str],
    labels: Mapping[str, str],
    cached_urls: Container[str],
) -> str:
    if not related:
        return ""
    items = []
    for link in related:
        lines = [f'<a href="{escape(link.url)}">{escape(link.title or link.url)}</a>']
        details = []
        if link.published is not None:
            details.append(
                f'<span class="related-date">{escape(format_date(link.published))}</span>'
            )
        if link.url in cached_urls:
            details.append(f'<span class="cached">✓ {escape(labels["cached"])}</span>')
        if details:
            lines.append(" &nbsp; ".join(details))
        if link.teaser.strip():
            lines.append(f'<span class="teaser">{escape(link.teaser.strip())}</span>')
        items.append(f'<li class="related-item">{"<br>".join(lines)}</li>')
    return (
        f'<p class="related-title">{escape(labels["related"])}</p>\n<ol>\n'
        + "\n".join(items)
        + "\n</ol>"
    )


def _original_link(url: str, labels: Mapping[str, str]) -> str:
    if not url.strip():
        return ""
    return (
        f'<p class="original"><a href="{escape(url)}">{escape(labels["open_original"])} ↗</a></p>'
    )


class _AttrReader(HTMLParser):
    """Reads the attributes of one start tag, with entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {name.lower(): value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def _tag_attrs(tag: str) -> dict[str, str]:
    reader = _AttrReader()
    reader.feed(tag)
    reader.close()
    return reader.attrs


def _img_sources(html: str) -> set[str]:
    return {_tag_attrs(m.group(0)).get("src", "").strip() for m in _IMG_TAG.finditer(html)}
