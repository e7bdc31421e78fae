"""OPML subscription lists: read tolerantly (any reader's export), write OPML 2.0 (3).

Reading never touches the network or the file system beyond the bytes given: lxml parses with
``no_network`` and without resolving external entities, and recovers from broken files, so a
truncated or hand-edited list still yields every subscription that can be read; what could not
be read is named in ``OpmlResult.problems``.

Folders. Newsreader has one level of folders, OPML nests them. A nested folder becomes one
folder named by its path, ``"News/Indonesia"``: nothing is lost, names stay unique, and it is
what newsboat makes of nested outlines (its tags are ``News/Indonesia`` too). Exporting splits
the path again into nested outlines, so a list goes round trip unchanged.

Index pages. Each subscription is written with its kind in our own namespace,
``newsreader:kind="index"`` for a stream read from a site's index page (no feed), ``"feed"`` or
``"auto"`` (not fetched yet) otherwise; other readers ignore it, we read it back. Outlines
without it (other readers' lists) come in as ``"auto"``: the first fetch decides.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol

import lxml.etree as etree

from newsreader.core.errors import ExportError
from newsreader.core.net.address import is_fetchable
from newsreader.core.paths import atomic_write
from newsreader.core.types import FeedKind

log = logging.getLogger(__name__)

NAMESPACE = "urn:newsreader:opml"
_KIND_ATTR = f"{{{NAMESPACE}}}kind"
_KINDS: tuple[FeedKind, ...] = ("feed", "index", "auto")
# Outlines that are not subscriptions: Liferea's search folders and their rules, news bins.
_NOT_FEEDS = frozenset({"vfolder", "rule", "newsbin", "plugin", "link", "include"})
FOLDER_SEPARATOR = "/"
_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_MAX_PROBLEMS = 20  # a badly broken file must not produce a wall of text


@dataclass(frozen=True)
class OpmlFeed:
    """One subscription read from an OPML file."""

    url: str
    title: str = ""
    folder: str = ""
    site_url: str = ""
    kind: FeedKind = "auto"


@dataclass(frozen=True)
class OpmlResult:
    """What an OPML file held: its subscriptions, and what could not be read (plain sentences)."""

    feeds: list[OpmlFeed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class Subscription(Protocol):
    """What an exported subscription needs: ``Feed`` and ``OpmlFeed`` both have it."""

    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def folder(self) -> str: ...
    @property
    def site_url(self) -> str: ...
    @property
    def kind(self) -> FeedKind: ...


# -- reading ---------------------------------------------------------------------------------
def read_opml(data: bytes) -> OpmlResult:
    """The subscriptions of an OPML document, as many as can be read.

    Accepts any reader's dialect: ``xmlUrl`` in any letter case, folders with or without
    ``type="folder"``, titles in ``title`` or ``text``. Duplicate URLs are dropped (the first
    one wins); invalid URLs, malformed XML and a root that is not ``<opml>`` are reported in
    ``problems`` while everything readable is still returned.
    """
    problems: list[str] = []
    root = _parse(data, problems)
    if root is None:
        return OpmlResult([], problems or ["the file is empty or not XML at all"])
    if _local(root) != "opml":
        problems.append(
            f"the file is not OPML (its root element is <{_local(root) or '?'}>); "
            "read the subscriptions found in it anyway"
        )
    container = next((el for el in root.iter() if _local(el) == "body"), root)
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()
    for feed in _walk(container, (), problems):
        if feed.url in seen:
            log.debug("duplicate subscription dropped: %s", feed.url)
            continue
        seen.add(feed.url)
        feeds.append(feed)
    if len(problems) > _MAX_PROBLEMS:
        extra = len(problems) - _MAX_PROBLEMS
        problems = [*problems[:_MAX_PROBLEMS], f"… and {extra} more problem(s)"]
    return OpmlResult(feeds, problems)


def _parse(data: bytes, problems: list[str]) -> etree._Element | None:
    parser = etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    # OPML has no use for a DTD; dropping it first means no entity is ever defined, so neither
    # a file on disk (&secret;) nor an exponential expansion (billion laughs) can get in, and
    # recovery goes on past the undefined references instead of stopping at the first one.
    data = _DOCTYPE.sub(lambda m: b"\n" * m.group().count(b"\n"), data, count=1)  # same lines
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:  # recover=True still gives up on some input
        problems.append(f"the file is not readable XML: {exc}")
        return None
    errors = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    if errors:
        first = errors[0]
        problems.append(
            f"the file is damaged (line {first.line}: {first.message.strip()}); "
            "imported what could be read"
        )
    return root


def _walk(
    element: etree._Element, folders: tuple[str, ...], problems: list[str]
) -> Iterator[OpmlFeed]:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if _local(child) != "outline":  # not OPML's, but outlines inside still count
            yield from _walk(child, folders, problems)
            continue
        attrs = _attributes(child)
        kind_of = attrs.get("type", "").strip().lower()
        if kind_of in _NOT_FEEDS:
            continue
        raw_url = attrs.get("xmlurl")
        name = _one_line(attrs.get("title") or attrs.get("text") or "")
        if raw_url is None:
            # No feed address: a folder (Liferea says type="folder", most readers nothing).
            label = _one_line(attrs.get("text") or attrs.get("title") or "")
            inner = (*folders, label) if label else folders
            yield from _walk(child, inner, problems)
            continue
        feed = _feed(raw_url, name, attrs, child, folders, problems)
        if feed is not None:
            yield feed
        # A feed outline with children (rare, but allowed) keeps them in the same folder.
        yield from _walk(child, folders, problems)


def _feed(
    raw_url: str,
    title: str,
    attrs: dict[str, str],
    element: etree._Element,
    folders: tuple[str, ...],
    problems: list[str],
) -> OpmlFeed | None:
    url = normalize_url(raw_url)
    if url is None:
        shown = raw_url.strip()[:120] or "(empty)"
        problems.append(f"“{title or shown}”: not a web address: {shown}")
        return None
    site = normalize_url(attrs.get("htmlurl", "")) or ""
    marked = element.get(_KIND_ATTR, "").strip().lower()
    kind: FeedKind = next((k for k in _KINDS if k == marked), "auto")
    return OpmlFeed(url, title, FOLDER_SEPARATOR.join(folders), site, kind)


def _attributes(element: etree._Element) -> dict[str, str]:
    """Attributes by lower-case local name: ``xmlUrl``, ``xmlurl`` and ``XMLURL`` are one."""
    found: dict[str, str] = {}
    for key, value in element.attrib.items():
        name = etree.QName(key).localname.lower()
        found.setdefault(name, str(value))
    return found


def normalize_url(text: str) -> str | None:
    """An http(s) URL from an OPML attribute, or None. ``feed://`` and ``feed:https://`` (old
    browser feed links) become plain web addresses."""
    url = text.strip()
    lowered = url.lower()
    if lowered.startswith("feed:"):
        rest = url[5:]
        url = rest if rest.lower().startswith(("http://", "https://")) else "http:" + rest
    if any(c.isspace() for c in url) or not is_fetchable(url):
        return None  # an unclosed IPv6 bracket, a port out of range, another scheme
    return url


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- writing ---------------------------------------------------------------------------------
def render_opml(
    feeds: Iterable[Subscription],
    *,
    title: str = "Newsreader subscriptions",
    now: datetime | None = None,
) -> bytes:
    """An OPML 2.0 document (UTF-8) of the subscriptions, folders as nested outlines."""
    root = etree.Element("opml", nsmap={"newsreader": NAMESPACE}, version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    created = (now or datetime.now(UTC)).astimezone(UTC)
    etree.SubElement(head, "dateCreated").text = format_datetime(created, usegmt=True)
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    folders: dict[tuple[str, ...], etree._Element] = {(): body}
    for feed in feeds:
        parent = _folder_element(folders, _folder_path(feed.folder))
        name = _xml_safe(feed.title.strip() or feed.url)
        outline = etree.SubElement(parent, "outline", type="rss", text=name, title=name)
        outline.set("xmlUrl", _xml_safe(feed.url))
        if feed.site_url:
            outline.set("htmlUrl", _xml_safe(feed.site_url))
        outline.set(_KIND_ATTR, feed.kind)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _folder_path(folder: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in folder.split(FOLDER_SEPARATOR) if p.strip())


def _folder_element(
    folders: dict[tuple[str, ...], etree._Element], path: tuple[str, ...]
) -> etree._Element:
    if path in folders:
        return folders[path]
    parent = _folder_element(folders, path[:-1])
    name = _xml_safe(path[-1])
    element = etree.SubElement(parent, "outline", text=name, title=name)
    folders[path] = element
    return element


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot carry most control characters; a title from a feed may hold one."""
    return "".join(c for c in text if c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff"))


def export_opml(
    feeds: Sequence[Subscription], path: Path, *, force: bool = False, now: datetime | None = None
) -> Path:
    """Write the subscriptions to ``path`` as OPML 2.0, atomically.

    Raises:
        ExportError: ``path`` is a folder, exists and ``force`` is false, or cannot be written.
    """
    if path.is_dir():
        raise ExportError(f"{path} is a folder; choose a file name")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; not overwriting it without force")
    data = render_opml(feeds, now=now)
    try:
        atomic_write(path, data, follow_umask=True)  # a file the reader keeps, like exports
    except OSError as exc:
        raise ExportError(f"could not write {path}: {exc.strerror or exc}") from exc
    log.info("exported %d subscription(s) to %s", len(feeds), path)
    return path
