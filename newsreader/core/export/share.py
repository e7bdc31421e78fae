"""Sharing one article: as plain text or Markdown for the clipboard, or as a mailto: link.
Pure functions of an ``Entry``; no library, no Qt.

Each form carries the title, the link, the date (the way the site writes it: ``Senin,
26 Oktober 2020 11:26 WIB``) and a short excerpt, so a message pasted into a chat still says
what the article is about.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from newsreader.core.export.controls import strip_controls
from newsreader.core.export.markdown import md_escape, md_url
from newsreader.core.extract.dates import format_date_line
from newsreader.core.types import Entry

EXCERPT_CHARS = 280


def as_text(entry: Entry) -> str:
    """Title, source and date, excerpt, link: one paragraph each."""
    parts = [_one_line(entry.title) or entry.url, _byline(entry), excerpt(entry), entry.url]
    return "\n\n".join(p for p in parts if p) + "\n"


def as_markdown(entry: Entry) -> str:
    """The title as a link, source and date in italics, the excerpt quoted."""
    title = md_escape(_one_line(entry.title) or entry.url)
    heading = f"**[{title}]({md_url(entry.url)})**" if _is_web(entry.url) else f"**{title}**"
    parts = [heading]
    byline = _byline(entry)
    if byline:
        parts.append(f"*{md_escape(byline)}*")
    text = excerpt(entry)
    if text:
        parts.append("> " + _escape_start(md_escape(text)))
    return "\n\n".join(parts) + "\n"


def mailto_url(entry: Entry) -> str:
    """``mailto:?subject=<title>&body=<link>``, percent-encoded per RFC 6068 (UTF-8, spaces as
    %20, line breaks as %0D%0A) so every mail client reads it the same way."""
    subject = _one_line(entry.title) or entry.url
    body = entry.url.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def excerpt(entry: Entry, limit: int = EXCERPT_CHARS) -> str:
    """The start of the article (its text, else its summary), cut at a word, with "…"."""
    from newsreader.core.extract.sanitize import (
        html_to_text,  # lxml: not at start-up (the GUI imports this module)
    )

    text = _one_line(entry.text or html_to_text(entry.summary_html))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


human_date = format_date_line


def _byline(entry: Entry) -> str:
    return " · ".join(p for p in (_one_line(entry.feed_title), human_date(entry.published)) if p)


def _escape_start(text: str) -> str:
    """A quoted excerpt starting with "#", "-" or "1." must not become a heading or a list."""
    text = re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", text)
    return re.sub(r"^(#|[-+*>](?=\s))", r"\\\1", text)


def _is_web(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://"))


def _one_line(text: str) -> str:
    return " ".join(strip_controls(text).split())
