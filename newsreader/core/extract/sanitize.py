"""Making page HTML safe to show, and turning it into plain text.

Everything that reaches the article pane passes through ``sanitize_html``: an allow-list of
reading tags and attributes (nh3, the Rust ammonia sanitizer), absolute http(s)/mailto URLs
only, no scripts, styles, frames, forms, SVG or event handlers. Before nh3 the fragment is
tidied as a tree (``prepare_tree``): headings demoted below the article title, lazy-loaded
images given their real source, tracking pixels and ad images dropped.

Before any parser sees it, the markup loses its control characters (``remove_controls``) and
its nesting beyond ``nesting.MAX_DEPTH`` levels (``nesting.limit_depth``): both parsers and
the pane take time quadratic in the depth, and libxml2 drops everything below 256 levels.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from html import escape, unescape
from urllib.parse import urljoin, urlsplit

import nh3
from lxml import etree, html

from newsreader.core.extract.nesting import MAX_DEPTH, limit_depth
from newsreader.core.extract.trackers import is_tracking_image as is_tracking_image  # re-exported

log = logging.getLogger(__name__)

_TAGS = frozenset(
    "p br h2 h3 h4 h5 h6 a strong b em i u s blockquote q cite ul ol li dl dt dd figure "  # noqa: SIM905
    "figcaption img table thead tbody tfoot tr th td caption pre code sup sub hr span div "
    "abbr time".split()
)
# Dropped together with their content (everything else not allowed keeps its text).
_DROP_CONTENT = frozenset(
    "script style iframe frame frameset object embed applet form input button select "  # noqa: SIM905
    "option textarea svg math noscript template canvas audio video head title meta link "
    "base noembed noframes xmp plaintext dialog portal param source track".split()
)
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "abbr": {"title"},
    "time": {"datetime"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto"}
_LINK_REL = "noopener noreferrer nofollow"
# Attributes lazy-loading scripts keep the real image address in, best first.
_LAZY_SRC = ("data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-echo")
_MAX_FRAGMENT = 2_000_000


def sanitize_html(html_text: str, base_url: str = "") -> str:
    """Safe reading HTML: allowed tags only, absolute http(s)/mailto URLs, no active content.

    Args:
        html_text: an HTML fragment (or a whole page) from a feed or a page.
        base_url: the address the fragment came from; relative URLs are resolved against it
            and dropped when it is empty (a relative URL would resolve against the pane).
    """
    text = remove_controls(html_text[:_MAX_FRAGMENT]) if html_text else ""
    if not text.strip():
        return ""
    if text.count("<") <= MAX_DEPTH and not _NEEDS_TIDY.search(text):
        # Nothing prepare_tree would touch (most feed summaries): nh3 alone, no lxml parse.
        # Only for a few tags: so few cannot nest too deep, and on more of them html5ever can
        # be driven quadratic even when shallow ("<p><b title=1>x</p><p><b title=2>x</p>..."
        # reopens every earlier <b> in each paragraph); lxml's tree, serialized, is tame.
        return _plain_cleaner().clean(text).strip()
    root = parse_fragment(text)
    if root is None:
        return ""
    prepare_tree(root, base_url)
    return _clean(serialize_children(root), base_url)  # as shallow as parse_fragment made it


def remove_controls(text: str) -> str:
    """``text`` without control characters (C0 but tab and line breaks, DEL, C1), lone
    surrogates and the noncharacters U+FFFE/U+FFFF.

    Done before anything reads the markup: parsers disagree about them ("<\\x00img" is text
    to one and an image to another), libxml2 refuses some, and no reading text needs them.
    """
    return _CONTROL.sub("", text)


def parse_fragment(html_text: str) -> html.HtmlElement | None:
    """Parse a fragment into a <div> holding it; None if there is nothing to parse.

    The fragment's own <html>, <head> and <body> tags go first: libxml2 drops all that
    follows a "</html>", and a second <body> trips lxml's fragment parser.
    """
    text = remove_controls(html_text[:_MAX_FRAGMENT])
    if not text.strip():
        return None
    text = limit_depth(_WRAPPER_TAG.sub("", text) if "<" in text else text)
    try:
        doc = html.document_fromstring(f"<html><body>{text}</body></html>", parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        log.debug("fragment not parsed: %s", exc)
        return None
    root = _PARSER.makeelement("div")
    for body in doc.iterchildren("body"):  # one: the loop only spares lxml's assertion
        if body.text and body.text.strip():
            _append_text(root, body.text)
        root.extend(list(body))
    return root if isinstance(root, html.HtmlElement) else None


def _append_text(root: html.HtmlElement, text: str) -> None:
    # A character reference ("&#1;") decodes to a control character lxml refuses to set.
    text = remove_controls(text)
    if len(root):
        root[-1].tail = (root[-1].tail or "") + text
    else:
        root.text = (root.text or "") + text


_NEEDS_TIDY = re.compile(r"<\s*(?:a|img|h1|details|summary)\b", re.I)
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WRAPPER_TAG = re.compile(r"</?(?:html|head|body)(?![^\t\n\f\r />])[^>]*>?", re.I | re.A)
_PARSER = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)


def serialize_children(root: html.HtmlElement) -> str:
    """The HTML inside ``root`` (its text and children with their tails), without root's tag."""
    parts = [escape(root.text, quote=False)] if root.text else []
    parts.extend(html.tostring(child, encoding="unicode") for child in root)
    return "".join(parts)


def prepare_tree(root: html.HtmlElement, base_url: str) -> None:
    """Tidy a fragment tree before nh3: real image sources, no trackers, h1 demoted.

    Images whose source is not http(s) after resolving (data:, javascript:, none at all)
    or that are tracking pixels or ads are removed with their link when the link holds
    nothing else.
    """
    doomed: list[html.HtmlElement] = []
    for el in root.iter("a", "img", "h1", "details", "summary"):
        if el.tag == "a":
            # lxml would write " \x0ejavascript:" as " %0Ejavascript:", a harmless but
            # misleading relative URL: drop such links' targets here.
            if _URL_CONTROL.search(el.get("href", "")):
                del el.attrib["href"]
        elif el.tag == "h1":
            el.tag = "h2"  # the pane shows the article title as the only h1
        elif el.tag in ("details", "summary"):
            el.tag = "div" if el.tag == "details" else "p"  # shown open: the pane runs no script
        elif el.tag == "img":
            src = image_source(el, base_url)
            if src and not is_tracking_image(src, el.get("width"), el.get("height")):
                el.set("src", src)
            else:
                doomed.append(el)
    for el in doomed:
        remove_element(el)


def image_source(img: html.HtmlElement, base_url: str) -> str:
    """The absolute http(s) address an <img> really shows, or "" if it has none."""
    src = (img.get("src") or "").strip()
    if not src or is_placeholder(src):
        lazy = (img.get(a, "").strip() for a in _LAZY_SRC)
        src = next((s for s in lazy if s and not is_placeholder(s)), "")
    if not src and img.get("srcset"):
        src = img.get("srcset", "").strip().split(",")[0].strip().split(" ")[0]
    if is_placeholder(src):
        return ""
    return absolute_url(src, base_url, schemes=("http", "https"))


def is_placeholder(url: str) -> bool:
    """A stand-in image (data: URI, lazy-loading blank, "no image" picture), not content."""
    return url.startswith("data:") or bool(_PLACEHOLDER.search(url))


_PLACEHOLDER = re.compile(
    r"(?:^|/)(?:no[-_]?image|no[-_]?img|placeholder|default[-_]?(?:image|img|thumb)|blank|"
    r"lazy|loading|spacer)[^/]*\.(?:png|gif|jpe?g|svg|webp)(?:$|\?)",
    re.IGNORECASE,
)


def absolute_url(url: str, base_url: str, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """``url`` resolved against ``base_url`` if its scheme is allowed, else ""."""
    url = url.strip()
    if not url or _URL_CONTROL.search(url):
        return ""  # browsers skip such characters, so " \x0ejavascript:" runs script there
    try:
        full = urljoin(base_url, url) if base_url else url
        scheme = urlsplit(full).scheme.lower()
    except ValueError:
        return ""
    return full if scheme in schemes else ""


def remove_element(el: html.HtmlElement) -> None:
    """Remove ``el`` but keep its tail text; a link left empty by it goes too."""
    parent = el.getparent()
    if parent is None:
        return
    grand = parent.getparent()
    if (
        parent.tag == "a"
        and len(parent) == 1
        and not (parent.text or "").strip()
        and grand is not None
    ):
        el, parent = parent, grand
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


@functools.cache
def _plain_cleaner() -> nh3.Cleaner:
    """The allow-list built once (10x faster than nh3.clean per call), for fragments with no
    link or image: nothing there needs a base URL (only a href and img src carry URLs).

    Relative URLs are refused all the same, should a tag the test above missed carry one:
    "//host/share" is a Windows file share once a saved page is opened.
    """
    return nh3.Cleaner(
        tags=_TAGS,
        clean_content_tags=_DROP_CONTENT,
        attributes=_ATTRIBUTES,
        strip_comments=True,
        link_rel=_LINK_REL,
        url_schemes=_SCHEMES,
        url_relative="deny",
    )


def clean_serialized(html_text: str, base_url: str) -> str:
    """nh3 over serialized HTML: the allow-list, URL schemes and link rel, nesting limited.

    Relative URLs, "//host/path" among them, are resolved against ``base_url``, or dropped
    without one.
    """
    return _clean(limit_depth(html_text), base_url)


def _clean(html_text: str, base_url: str) -> str:
    def relative(url: str) -> str | None:
        full = absolute_url(url, base_url, schemes=tuple(_SCHEMES)) if base_url else ""
        return full or None

    cleaned = nh3.clean(
        html_text,
        tags=_TAGS,
        clean_content_tags=_DROP_CONTENT,
        attributes=_ATTRIBUTES,
        strip_comments=True,
        link_rel=_LINK_REL,
        url_schemes=_SCHEMES,
        url_relative=relative,
    )
    return cleaned.strip()


_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote figure figcaption table thead "  # noqa: SIM905
    "tbody tfoot tr caption pre hr section article header footer aside nav main address "
    "details summary".split()
)
_SKIP_TEXT = {"script", "style", "noscript", "template", "head", "title", "svg", "math"}
_SPACES = re.compile(r"[ \t\r\f\v\xa0\u2000-\u200a\u202f\u205f\u3000]+")


def html_to_text(html_text: str) -> str:
    """Plain text of HTML: block elements separated by blank lines, <br> as a line break,
    non-breaking spaces as spaces, whitespace collapsed inside each line."""
    if not html_text or not html_text.strip():
        return ""
    if _is_simple(html_text):
        return _simple_text(html_text)
    root = parse_fragment(html_text)
    return element_text(root) if root is not None else ""


# Feed summaries are mostly paragraphs with inline markup: their text needs no parse tree
# (a cold refresh of 500 feeds turns 25,000 summaries into text).
_INLINE = r"(?:a|b|strong|i|em|u|s|span|small|sup|sub|abbr|cite|q|time|code|mark)"
_SIMPLE_MARKUP = re.compile(
    rf"(?:[^<&]|&(?:amp|lt|gt|quot|#39|#x27|nbsp|#\d{{1,6}});|</?p>|<{_INLINE}(?:\s[^<>]*)?>|</{_INLINE}>)*",
    re.I,
)
_SIMPLE_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH_TAG = re.compile(r"</?p>", re.I)


# Every "<" and "&" begins a tag or an entity _SIMPLE_MARKUP allows (an "&" inside a tag's
# attribute counts too, so this is stricter than the fullmatch, never looser): cheaper to test,
# since only those positions are looked at (a cold refresh turns 25,000 summaries into text).
_NOT_SIMPLE = re.compile(
    rf"<(?!/?p>|{_INLINE}(?:\s[^<>]*)?>|/{_INLINE}>)|&(?!(?:amp|lt|gt|quot|#39|#x27|nbsp|#\d{{1,6}});)",
    re.I,
)


def _is_simple(html_text: str) -> bool:
    """Whether ``_SIMPLE_MARKUP`` fullmatches and the tags are ``_balanced``, with the cheap
    tests first for the common summaries (plain text, or one "<p>...</p>")."""
    if (
        ("<" in html_text or "&" in html_text)
        and _NOT_SIMPLE.search(html_text) is not None
        and _SIMPLE_MARKUP.fullmatch(html_text) is None
    ):
        return False
    return "<" not in html_text or _one_paragraph(html_text) or _balanced(html_text)


def _one_paragraph(html_text: str) -> bool:
    """Whether the text is one "<p>...</p>" and no other tag: balanced, without counting."""
    return html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<") == 2


def _balanced(html_text: str) -> bool:
    """Every </p> closes a <p>, and inline tags do not cross paragraph boundaries (lxml
    would repair either in ways a regex cannot follow)."""
    depth = 0
    last = ""
    for closing, name in _ANY_TAG.findall(html_text):
        if name.lower() == "p":
            if depth or (closing and last != "open"):
                return False
            last = "close" if closing else "open"
        elif closing:
            depth -= 1
            if depth < 0:
                return False
        else:
            depth += 1
    return depth == 0


_ANY_TAG = re.compile(r"<(/?)([a-zA-Z]+)")


def _simple_text(html_text: str) -> str:
    """html_to_text of paragraphs with inline tags, without lxml (same result)."""
    text = _CONTROL.sub("", html_text)
    if "<" not in text:
        return _simple_block(text)
    blocks = [_simple_block(part) for part in _PARAGRAPH_TAG.split(text) if part]
    return "\n\n".join(block for block in blocks if block)


def _simple_block(part: str) -> str:
    """``_tidy(_WHITESPACE.sub(" ", unescape(_SIMPLE_TAG.sub("", part))))`` in fewer passes.

    The zero-width characters go before the collapse instead of after it: either way each
    run of whitespace, once they are gone, becomes one space, and no line break is left for
    _tidy to split on. ``str.split()`` splits on exactly what ``\\s`` matches (str.isspace),
    so joining its words is the collapse and the strip in one call.
    """
    if "<" in part:
        part = _SIMPLE_TAG.sub("", part)
    part = unescape(part)
    if "\u200b" in part or "\ufeff" in part:
        part = part.replace("\u200b", "").replace("\ufeff", "")
    return " ".join(part.split())


def element_text(root: html.HtmlElement) -> str:
    """Paragraph-aware plain text of an element (see ``html_to_text``)."""
    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        block = _tidy("".join(buffer))
        if block:
            paragraphs.append(block)
        buffer.clear()

    for kind, piece in _pieces(root):
        if kind == "block":
            flush()
        else:
            buffer.append(piece)
    flush()
    return "\n\n".join(paragraphs)


def _pieces(root: html.HtmlElement) -> Iterator[tuple[str, str]]:
    """("text", s) and ("block", "") events in document order, without recursion.

    Source line breaks are only layout, so text is whitespace-collapsed here, except in
    <pre>; a <br> becomes the one real line break.
    """
    skip_depth = pre_depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            skip_depth += tag in _SKIP_TEXT
            pre_depth += tag == "pre"
            if skip_depth:
                continue
            if tag in _BLOCKS:
                yield "block", ""
            if tag == "br":
                yield "text", "\n"
            if el.text:
                yield "text", _flow(el.text, pre_depth > 0)
            continue
        skipped = skip_depth > 0
        skip_depth -= tag in _SKIP_TEXT
        pre_depth -= tag == "pre"
        if not skipped and tag in _BLOCKS:
            yield "block", ""
        if el.tail and el is not root and not skip_depth:
            yield "text", _flow(el.tail, pre_depth > 0)


def _flow(text: str, pre: bool) -> str:
    return text if pre else _WHITESPACE.sub(" ", text)


_WHITESPACE = re.compile(r"\s+")


def _tidy(block: str) -> str:
    block = block.replace("\u200b", "").replace("\ufeff", "")
    lines = (_SPACES.sub(" ", line).strip() for line in block.split("\n"))
    return "\n".join(line for line in lines if line)
