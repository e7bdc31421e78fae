"""A small HTML-to-Markdown converter for sanitized article bodies (lxml, no new dependency).

It covers what article bodies contain: paragraphs, headings, lists, links, emphasis,
blockquotes, code, line breaks and images. Anything else keeps its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote

from newsreader.core.export.controls import strip_controls

if TYPE_CHECKING:  # lxml loads lazily: the GUI imports md_escape at start-up
    from lxml.html import HtmlElement

_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; U+00A0 is text and is kept
_SPECIAL = re.compile(r"([\\`*_\[\]])")
# Every "<" (a tag may be completed by the next text node: "&lt;<span>script>") and "&" that
# could spell an entity: Markdown renderers pass raw HTML through, so a feed's text "<script>"
# would otherwise come back as markup.
_HTML_START = re.compile(r"(<|&(?=#?\w+;))")
# Text that would turn a paragraph into a heading, list item or quote if left unescaped.
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s)|[-+*](?=\s)|>)")
_NUMBER_START = re.compile(r"^(\d+)([.)])(?=\s)")
# What ends or breaks a URL inside "<...>" (an autolink: no "<", ">", space or control, and
# a backslash is taken as it is) or "(...)" (no space or control; an unbalanced ")" ends it
# and a backslash escapes the next character), the quote some renderers take for the start
# of a link title, and the C1 controls a terminal would obey.
_URL_UNSAFE = re.compile(r'[\x00-\x20\x7f-\x9f<>()\\"]')
_SAFE_SCHEMES = ("http://", "https://", "mailto:")

_CONTAINERS = frozenset({
    "div", "section", "article", "header", "footer", "aside", "main", "nav", "figure",
    "details", "table", "tbody", "thead", "tfoot", "dl", "center", "hgroup",
})  # fmt: skip
_PARAGRAPHS = frozenset({"p", "figcaption", "summary", "dt", "dd", "caption", "address"})
_STRONG = frozenset({"strong", "b"})
_EMPHASIS = frozenset({"em", "i", "cite", "var"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
_DROPPED = frozenset({"script", "style", "head", "template", "noscript"})


def md_escape(text: str) -> str:
    """Escape characters that Markdown would read as markup (or as raw HTML), and drop
    control characters (see ``controls``)."""
    return _HTML_START.sub(r"\\\1", _SPECIAL.sub(r"\\\1", strip_controls(text)))


def md_url(url: str) -> str:
    """A URL that is safe inside ``(...)`` or ``<...>``: what would end or change it there is
    percent-encoded, which every browser reads as the same address."""
    return _URL_UNSAFE.sub(lambda m: quote(m.group(), safe=""), url.strip())


class MarkdownConverter:
    """Converts an lxml element tree to Markdown.

    Args:
        image_path: maps an image's ``src`` to the path to reference, or None when the image
            is not available (it is then written as ``[alt]`` text, never as a remote URL).
        heading_shift: levels added to every heading, so a body's ``<h2>`` sits below the
            article title of the combined document.
    """

    def __init__(self, image_path: Callable[[str], str | None], *, heading_shift: int = 0) -> None:
        self.image_path = image_path
        self.heading_shift = heading_shift

    def convert(self, root: HtmlElement) -> str:
        """The Markdown of ``root``'s content."""
        return _tidy(self._inner(root))

    def _inner(self, el: HtmlElement) -> str:
        parts = [_text(el.text)]
        for child in el:
            if not isinstance(child.tag, str):  # comments and processing instructions
                parts.append(_text(child.tail))
                continue
            out = self._node(child)
            parts.append(out)
            tail = _text(child.tail)
            # Whitespace after a block or line break would indent the next line.
            parts.append(tail.lstrip() if out.endswith("\n") else tail)
        return _join(parts)

    def _node(self, el: HtmlElement) -> str:
        tag = el.tag.lower()
        if tag in _PARAGRAPHS:
            return _block(_escape_start(self._inner(el).strip()))
        if tag in _CONTAINERS:
            return _block(self._inner(el).strip())
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            level = min(6, int(tag[1]) + self.heading_shift)
            return _block("#" * level + " " + " ".join(self._inner(el).split()))
        handler = _HANDLERS.get(tag)
        if handler is not None:
            return handler(self, el)
        if tag in _STRONG:
            return _wrap(self._inner(el), "**")
        if tag in _EMPHASIS:
            return _wrap(self._inner(el), "*")
        if tag in _CODE:
            return _code_span(el.text_content())
        if tag in _DROPPED:
            return ""
        return self._inner(el)

    def _link(self, el: HtmlElement) -> str:
        text = self._inner(el).strip()
        href = (el.get("href") or "").strip()
        if not href.lower().startswith(_SAFE_SCHEMES):
            return text
        return f"[{text or md_escape(href)}]({md_url(href)})"

    def _image(self, el: HtmlElement) -> str:
        alt = md_escape(" ".join((el.get("alt") or "").split()))
        path = self.image_path(el.get("src") or "")
        if path:
            return f"![{alt}]({md_url(path)})"
        return f"\\[{alt or 'gambar'}\\]"

    def _list(self, el: HtmlElement) -> str:
        ordered = el.tag.lower() == "ol"
        try:
            number = int(el.get("start") or 1)
        except ValueError:
            number = 1
        items = []
        for child in el:
            if not isinstance(child.tag, str):
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            is_item = child.tag.lower() == "li"
            content = _tidy(self._inner(child) if is_item else self._node(child))
            items.append(marker + _indent(content, " " * len(marker)))
        return _block("\n".join(items))

    def _list_item(self, el: HtmlElement) -> str:
        # An <li> outside any list: still show it as an item.
        return _block("- " + _indent(_tidy(self._inner(el)), "  "))

    def _quote(self, el: HtmlElement) -> str:
        lines = _tidy(self._inner(el)).split("\n")
        return _block("\n".join(f"> {line}" if line else ">" for line in lines))

    def _pre(self, el: HtmlElement) -> str:
        code = el.text_content().strip("\n")
        fence = "~~~" if "```" in code else "```"
        return f"\n\n{fence}\n{code}\n{fence}\n\n"

    def _row(self, el: HtmlElement) -> str:
        cells = [" ".join(self._inner(c).split()) for c in el if isinstance(c.tag, str)]
        return _block(" | ".join(cell for cell in cells if cell))

    def _break(self, el: HtmlElement) -> str:
        return "\\\n"  # CommonMark hard line break, safe from trailing-space trimming

    def _rule(self, el: HtmlElement) -> str:
        return "\n\n* * *\n\n"


_HANDLERS: dict[str, Callable[[MarkdownConverter, HtmlElement], str]] = {
    "a": MarkdownConverter._link,
    "img": MarkdownConverter._image,
    "ul": MarkdownConverter._list,
    "ol": MarkdownConverter._list,
    "li": MarkdownConverter._list_item,
    "blockquote": MarkdownConverter._quote,
    "pre": MarkdownConverter._pre,
    "tr": MarkdownConverter._row,
    "br": MarkdownConverter._break,
    "hr": MarkdownConverter._rule,
}


def _text(value: str | None) -> str:
    return md_escape(_SPACE.sub(" ", value)) if value else ""


def _join(parts: list[str]) -> str:
    """Concatenate inline pieces, letting neighbouring spaces collapse as HTML does."""
    out: list[str] = []
    for part in parts:
        if part.startswith(" ") and out and out[-1].endswith((" ", "\n")):
            part = part[1:]
        if part:
            out.append(part)
    return "".join(out)


def _escape_start(text: str) -> str:
    text = _BLOCK_START.sub(r"\\\1", text)
    return _NUMBER_START.sub(r"\1\\\2", text)


def _block(content: str) -> str:
    return f"\n\n{content}\n\n" if content else ""


def _wrap(content: str, marker: str) -> str:
    """Emphasis with the spaces moved outside the markers, where Markdown needs them."""
    inner = content.strip()
    if not inner:
        return content
    lead = " " if content[:1].isspace() else ""
    trail = " " if content[-1:].isspace() else ""
    return f"{lead}{marker}{inner}{marker}{trail}"


def _code_span(code: str) -> str:
    code = " ".join(code.split())
    if not code:
        return ""
    ticks = "``" if "`" in code else "`"
    pad = " " if ticks == "``" else ""
    return f"{ticks}{pad}{code}{pad}{ticks}"


def _indent(text: str, prefix: str) -> str:
    """Indent every line but the first (which follows a list marker)."""
    lines = text.split("\n")
    return "\n".join([lines[0]] + [prefix + line if line else "" for line in lines[1:]])


def _tidy(text: str) -> str:
    """Trim trailing spaces, drop blank-looking lines and collapse runs of blank lines."""
    lines = [line.rstrip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n").strip()
