"""The "unsanitized?" check shared by the robustness tests.

HTML is parsed with lxml and its elements and attributes are inspected, so a ``<script`` or
an ``onclick=`` inside a quoted attribute value (harmless text) is not mistaken for markup,
and markup hidden by odd spacing or case is not missed. ``problems`` returns what is wrong,
empty when the HTML is safe to show.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

# Active content, or elements that load, submit or restyle: never in what we store or show.
FORBIDDEN_TAGS = frozenset(
    "script iframe frame frameset object embed applet form input button select textarea "  # noqa: SIM905
    "base link meta style svg math noscript template portal audio video source track param "
    "xmp plaintext noembed noframes isindex keygen dialog canvas".split()
)
# Elements a whole document of ours (the article pane, the HTML export) has in its <head>.
_HEAD_TAGS = frozenset({"meta", "style", "title"})
URL_ATTRIBUTES = frozenset(
    "href src action formaction background poster data cite longdesc lowsrc dynsrc srcset "  # noqa: SIM905
    "codebase classid manifest icon ping xlink:href usemap profile".split()
)
_SOURCE_ATTRIBUTES = frozenset({"src", "srcset", "background", "poster", "lowsrc", "dynsrc"})
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
_EMBEDDED_IMAGE = re.compile(r"\Adata:image/(?:png|jpeg|gif|webp|avif);base64,[a-z0-9+/=]*\Z")
# Browsers drop these characters from URLs before they look at the scheme.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_FRAGMENT_PARSER = lxml_html.HTMLParser(no_network=True, huge_tree=True)


def problems(
    text: str, *, document: bool = False, embedded_images: bool = False, remote_images: bool = True
) -> list[str]:
    """What makes ``text`` unsafe to show; empty if nothing does.

    Args:
        text: an HTML fragment (stored article HTML) or, with ``document``, a whole document.
        document: ``text`` is a whole document of ours: <meta>, <style>, <title> may appear in
            its <head> (our own stylesheet and charset), nowhere else.
        embedded_images: ``data:image/...;base64`` is allowed as an <img> source (exports
            embed the cached images so).
        remote_images: an image source may be a remote http(s) URL (stored HTML keeps the
            original addresses; the pane and the exports must not).
    """
    if not text.strip():
        return []
    root = _parse(text, document)
    if root is None:
        return []
    found: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            if isinstance(el, etree._Comment | etree._ProcessingInstruction):
                found.append(f"comment or processing instruction kept: {str(el)[:80]!r}")
            continue
        found.extend(_element_problems(el, document, embedded_images, remote_images))
    return found


def _parse(text: str, document: bool) -> etree._Element | None:
    try:
        if document:
            return lxml_html.document_fromstring(text, parser=_FRAGMENT_PARSER)
        return lxml_html.fragment_fromstring(text, create_parent="div", parser=_FRAGMENT_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _element_problems(
    el: etree._Element, document: bool, embedded_images: bool, remote_images: bool
) -> list[str]:
    tag = str(el.tag).lower()
    found: list[str] = []
    in_head = document and any(a.tag == "head" for a in el.iterancestors())
    if tag in FORBIDDEN_TAGS and not (in_head and tag in _HEAD_TAGS):
        found.append(f"<{tag}> element")
    if in_head and tag == "meta" and el.get("http-equiv", "").lower() == "refresh":
        found.append("<meta http-equiv=refresh>")
    for name, value in el.attrib.items():
        name = str(name).lower()
        found.extend(_attribute_problems(tag, name, value, embedded_images, remote_images))
    return found


def _attribute_problems(
    tag: str, name: str, value: str, embedded_images: bool, remote_images: bool
) -> list[str]:
    if name.startswith("on"):
        return [f"<{tag} {name}=...> event handler"]
    if name == "style":
        return [f"<{tag} style=...> attribute"]
    if name not in URL_ATTRIBUTES and not name.endswith(":href"):
        return []
    url = _URL_IGNORED.sub("", value).lower()
    if url.startswith(_BAD_SCHEMES):
        if embedded_images and tag == "img" and name == "src" and _EMBEDDED_IMAGE.match(url):
            return []
        return [f"<{tag} {name}={value[:60]!r}> unsafe URL scheme"]
    remote = url.startswith(("http:", "https:", "//", "ftp:")) or name == "srcset"
    if name in _SOURCE_ATTRIBUTES and remote and not remote_images:
        return [f"<{tag} {name}={value[:60]!r}> remote source"]
    return []


# "<" opening a tag, comment or declaration, unless escaped ("\\<") or an autolink.
_MD_RAW_HTML = re.compile(r"(?<!\\)<(?!(?:https?://|mailto:)[^>\s]*>)[a-zA-Z/!?]")
_MD_BAD_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data|livescript):", re.I)
# Code is shown literally: fenced blocks and code spans (CommonMark's matching backtick runs).
_MD_FENCE = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", re.M | re.S)
_MD_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def markdown_problems(text: str) -> list[str]:
    """What in a Markdown export a renderer would turn into markup or an unsafe link.

    Markdown renderers pass raw HTML through, so the export must hold none outside code
    (autolinks ``<https://...>`` excepted), and no link of a script scheme.
    """
    prose = _MD_CODE_SPAN.sub("", _MD_FENCE.sub("", text))
    raw = _MD_RAW_HTML.finditer(prose)
    found = [f"raw HTML {prose[m.start() : m.start() + 40]!r}" for m in raw]
    links = _MD_BAD_LINK.finditer(prose)
    return found + [f"unsafe link {prose[m.start() : m.start() + 40]!r}" for m in links]
