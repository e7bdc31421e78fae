"""What a file opened from a file manager holds: a subscription list, a feed, or neither.

Only the root and a few links are read, by content (a file's name says little: ``.xml`` is
either). A feed file is a copy of a feed, so what matters is the address it came from: its own
(Atom ``<link rel="self">``, the same in RSS as ``<atom:link>``), else the site it belongs to
(the RSS channel's ``<link>``), from which subscribing discovers the feed. The XML is read as
``opml`` reads it: no network, no DTD, no entities, recovering from damage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import lxml.etree as etree

from newsreader.core.feeds.opml import normalize_url

FileKind = Literal["opml", "feed", "other"]

_ATOM = "http://www.w3.org/2005/Atom"
_FEED_ROOTS = frozenset({"rss", "feed", "RDF"})
_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class OpenedFile:
    """What a file is. For a feed: ``feed_url``, its own address, or ``site_url``, its site's
    (each empty when the file does not say; both http(s) only)."""

    kind: FileKind
    feed_url: str = ""
    site_url: str = ""


def identify_file(data: bytes) -> OpenedFile:
    """Whether ``data`` is OPML, a feed (RSS, Atom, RSS 1.0) or something else."""
    root = _root(data)
    if root is None:
        return OpenedFile("other")
    name = _local(root)
    if name == "opml":
        return OpenedFile("opml")
    if name not in _FEED_ROOTS:
        return OpenedFile("other")
    channel = _child(root, "channel") if name != "feed" else None
    channel = root if channel is None else channel
    links = [el for el in channel if _local(el) == "link"]
    own = next((el.get("href", "") for el in links if el.get("rel") == "self"), "")
    if name == "feed":  # Atom: the site is the link without rel or rel="alternate"
        site = next((el.get("href", "") for el in links
                     if el.get("rel", "alternate") == "alternate"), "")  # fmt: skip
    else:  # RSS: the channel's own <link> holds the site as text
        site = next((el.text or "" for el in links
                     if etree.QName(el).namespace is None or name == "RDF"), "")  # fmt: skip
    return OpenedFile("feed", _web(own), _web(site))


def _root(data: bytes) -> etree._Element | None:
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False)  # fmt: skip
    # Without the DTD no entity is defined: nothing from disk, no exponential expansion.
    data = _DOCTYPE.sub(b"", data, count=1)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:  # recovery gives up on some input: then it is no XML
        return None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((el for el in element if _local(el) == name), None)


def _web(text: str) -> str:
    url = normalize_url(text.strip()) if text.strip() else None
    return url or ""
