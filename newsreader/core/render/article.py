"""The HTML document of the article pane (Qt-free, so it is testable without a display).

The output stays within what ``QTextBrowser`` renders well: simple block tags, a small
``<style>`` block with class selectors (``appearance.stylesheet``: theme, font size), no
``max-width`` (the widget narrows the text column with document margins instead, see
``appearance.column_chars``). Every image source goes through ``image_src``: the pane never
shows an image it would have to fetch. Links of the ``newsreader:`` scheme are the pane's own
commands (show the changes of an updated article, back to the article); the sanitizer lets
no such link into an article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from datetime import datetime
from html import escape
from html.parser import HTMLParser

from newsreader.core.render.appearance import ReadingOptions, stylesheet
from newsreader.core.types import Entry, RelatedLink

# The pane's own commands, as link targets.
CHANGES_URL = "newsreader:changes"
ARTICLE_URL = "newsreader:article"
FULL_URL = "newsreader:full"  # leave the feed's summary for the full article

# English defaults; the UI passes translated strings for the same keys.
DEFAULT_LABELS: dict[str, str] = {
    "by": "By {author}",
    "origin": "Source: {origin}",
    "extracted_site": "Extracted by site rule {name}",
    "extracted_generic": "Generic extraction",
    "summary_only": "Feed summary only",
    "feed_content": "Article text as the feed delivered it",
    "with_note": "{path} ({note})",
    "showing_summary": "Showing the feed's summary of this article",
    "show_full": "Show the full article",
    "no_summary": "The feed has no summary of this article: showing the full text",
    "related": "Related",
    "cached": "saved offline",
    "open_original": "Open the original page",
    "no_text": "This article has no text here. Open the original page to read it.",
    "image": "image",
    "updated": "Updated {date}",
    "show_changes": "Show changes",
    "changes_title": "Changes since the previous version",
    "added": "added",
    "removed": "removed",
    "back_to_article": "Back to the article",
    "no_changes": "No earlier version of this article is stored.",
    "no_difference": "The text is the same as in the previous version.",
}

# Around a header part: blanks, and separators a site put there itself.
_META_STRIP = " \t\r\n\u00a0·•|-–—,;:/"
# An <img> start tag; quoted attribute values may contain ">".
_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
_KEPT_IMG_ATTRS = ("alt", "title", "width", "height")
# QTextBrowser knows <del> but not <ins>: both become classed spans (the theme colours them).
_DIFF_TAG = re.compile(r"<(/?)(ins|del)\b[^>]*>", re.IGNORECASE)


def article_html(
    entry: Entry,
    *,
    format_date: Callable[[datetime], str],
    image_src: Callable[[str], str | None],
    labels: Mapping[str, str],
    cached_urls: Container[str] = (),
    options: ReadingOptions | None = None,
    note_text: Callable[[str], str] | None = None,
) -> str:
    """The whole HTML document for one article.

    Args:
        entry: the article; its ``html``/``summary_html`` are already sanitized.
        format_date: turns a datetime into the reader's locale.
        image_src: maps a remote image URL to a local URL to show, or None if not cached.
        labels: translated strings for the keys of ``DEFAULT_LABELS`` (missing keys fall back).
        cached_urls: related-article URLs already stored locally (marked as readable offline).
        options: theme, font size, and whether to show the feed's summary instead of the text.
        note_text: translates the extraction note (English, from the core) for the info line.
    """
    text = {**DEFAULT_LABELS, **labels}
    options = options or ReadingOptions()
    body, info, info_class = _body_and_info(entry, options.summary, text, note_text)
    body_images = _img_sources(body)
    parts = [
        f"<h1>{escape(entry.title)}</h1>",
        _meta_line(entry, format_date, text),
        _updated_line(entry, format_date, text),
        _info_line(info, info_class, options.summary, text),
        _lead_image(entry, body_images, image_src),
        rewrite_images(body, image_src, text["image"])
        if body
        else f'<p class="missing">{escape(text["no_text"])}</p>',
        _related_section(entry.related, format_date, text, cached_urls),
        _original_link(entry.url, text),
    ]
    return _document(parts, options)


def changes_html(
    entry: Entry,
    diff_html: str | None,
    *,
    format_date: Callable[[datetime], str],
    image_src: Callable[[str], str | None],
    labels: Mapping[str, str],
    options: ReadingOptions | None = None,
) -> str:
    """The document showing what changed in an updated article.

    ``diff_html`` is the sanitized text with ``<ins>``/``<del>`` marks ("" when the texts
    are equal), or None when no earlier version is stored. Links back to the article come
    first and last.
    """
    text = {**DEFAULT_LABELS, **labels}
    back = f'<p class="meta"><a href="{ARTICLE_URL}">← {escape(text["back_to_article"])}</a></p>'
    updated = getattr(entry, "updated_at", None)
    heading = text["changes_title"]
    if isinstance(updated, datetime):
        heading = f"{heading} · {text['updated'].format(date=format_date(updated))}"
    legend = (
        f'<p class="legend"><span class="ins">{escape(text["added"])}</span> &nbsp; '
        f'<span class="del">{escape(text["removed"])}</span></p>'
    )
    if diff_html and diff_html.strip():
        body = rewrite_images(mark_changes(diff_html), image_src, text["image"])
    else:
        notice = text["no_changes"] if diff_html is None else text["no_difference"]
        body, legend = f'<p class="missing">{escape(notice)}</p>', ""
    parts = [
        back,
        f"<h1>{escape(entry.title)}</h1>",
        f'<p class="meta">{escape(heading)}</p>',
        legend,
        body,
        back.replace('class="meta"', 'class="original"'),
    ]
    return _document(parts, options or ReadingOptions())


def mark_changes(diff_html: str) -> str:
    """``<ins>``/``<del>`` as spans of class ``ins``/``del``, which the stylesheet colours."""
    return _DIFF_TAG.sub(
        lambda m: "</span>" if m.group(1) else f'<span class="{m.group(2).lower()}">', diff_html
    )


def _document(parts: list[str], options: ReadingOptions) -> str:
    content = "\n".join(part for part in parts if part)
    return (
        '<html><head><meta charset="utf-8">'
        f"<style>{stylesheet(options)}</style></head>\n<body>\n{content}\n</body></html>"
    )


def _body_and_info(
    entry: Entry,
    summary: bool,
    labels: Mapping[str, str],
    note_text: Callable[[str], str] | None,
) -> tuple[str, str, str]:
    """The body to show, the info line and its class ("info", or "info-note" for a fallback)."""
    full = entry.html.strip() or entry.summary_html.strip()
    if summary:
        if entry.summary_html.strip():
            return entry.summary_html.strip(), labels["showing_summary"], "info"
        return full, labels["no_summary"], "info-note"
    # How the text was extracted is for `show --json` and `rules --check`, not for every
    # header; the reader only hears of it when the full text could not be had, because then
    # the text shown may be just the feed's short summary.
    if entry.extraction != "summary" and entry.html.strip():
        return full, "", "info"
    return full, extraction_info(entry, labels, note_text), "info-note"


def _info_line(info: str, css_class: str, summary: bool, labels: Mapping[str, str]) -> str:
    if not info:
        return ""
    link = f' &nbsp;<a href="{FULL_URL}">{escape(labels["show_full"])}</a>' if summary else ""
    return f'<p class="{css_class}">{escape(info)}{link}</p>'


def extraction_info(
    entry: Entry, labels: Mapping[str, str], note_text: Callable[[str], str] | None = None
) -> str:
    """One line naming how the text was obtained and, after a fallback, why.

    E.g. "Generic extraction (site rule elshinta: body not found)". ``note_text`` translates
    the core's English note; without it the note is shown as stored.
    """
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
    if not note:
        return line
    return labels["with_note"].format(path=line, note=note_text(note) if note_text else note)


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
    # Only the parts present are joined, so no separator is left dangling; values scraped
    # from a page may bring the site's own separator along, which is dropped too.
    author, origin = _meta_part(entry.author), _meta_part(entry.origin)
    where = [
        _meta_part(entry.feed_title),
        _meta_part(format_date(entry.published)) if entry.published is not None else "",
    ]
    who = [
        labels["by"].format(author=author) if author else "",
        labels["origin"].format(origin=origin) if origin else "",
    ]
    # Where and when on one line, who on the next: each short enough not to wrap in the
    # reading column, so no line starts or ends with a separator.
    separator = " &nbsp;·&nbsp; "
    lines = [separator.join(escape(item) for item in group if item) for group in (where, who)]
    shown = [line for line in lines if line]
    if not shown:
        return ""
    return f'<p class="meta">{"<br>".join(shown)}</p>'


def _meta_part(value: str) -> str:
    return value.strip(_META_STRIP)


def _updated_line(
    entry: Entry, format_date: Callable[[datetime], str], labels: Mapping[str, str]
) -> str:
    # getattr: the story-update fields are newer than this module's first callers.
    updated = getattr(entry, "updated_at", None)
    if not isinstance(updated, datetime):
        return ""
    badge = labels["updated"].format(date=format_date(updated))
    return (
        f'<p class="updated"><span class="badge">&nbsp;{escape(badge)}&nbsp;</span> &nbsp; '
        f'<a href="{CHANGES_URL}">{escape(labels["show_changes"])}</a></p>'
    )


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
