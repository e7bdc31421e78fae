"""Export articles: one self-contained HTML file, Markdown, EPUB 3 or JSON.

This module is the entry point (``export_entries``) and holds the HTML and JSON writers;
Markdown lives in ``mdexport``, EPUB in ``epub``. PDF needs Qt and lives in the UI layer
(``newsreader.ui.pdf_export``).

The HTML file must open offline without a single network request: every image is embedded
from the cache as a data: URI, or replaced by its alt text. Every file is written atomically
and streamed, article by article, so neither a full disk nor a cancel leaves half an export
behind, and a thousand articles with pictures never sit in memory at once.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Literal

import lxml.html
from lxml.html import HtmlElement

from newsreader.core.errors import ExportError
from newsreader.core.export import markdown_files as mdexport
from newsreader.core.export.common import (
    ProgressCallback,
    Steps,
    body_tree,
    check_target,
    esc,
    human_date,
    is_web,
    iso,
    read_image,
)
from newsreader.core.export.epub import write_epub
from newsreader.core.paths import atomic_file
from newsreader.core.types import Entry, RelatedLink

log = logging.getLogger(__name__)

ExportFormat = Literal["html", "md", "epub", "json"]
SUFFIXES: dict[str, str] = {"html": ".html", "md": ".md", "epub": ".epub", "json": ".json"}

# img-src data: only: even if something slipped through, the browser refuses to fetch it.
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_STYLE = """
body{font:17px/1.6 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#111}
h1,h2,h3,.meta{font-family:Helvetica,Arial,sans-serif;line-height:1.3}.meta{color:#555;font-size:14px}
article{border-top:1px solid #ccc;margin-top:2.5em}img{max-width:100%;height:auto}
blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1em}figcaption,.teaser{color:#555}
figure{margin:1em 0}.missing-image{color:#777}.teaser{display:block;font-size:.9em}
@media print{body{max-width:none;margin:0;font-size:12pt}nav.toc{break-after:page}a{color:#000}
article{break-before:page;border:0}.body a::after{content:" (" attr(href) ")";font-size:.8em}}
"""
# Data URIs kept for images used again by a later article (a site logo); bounded, since a
# thousand distinct photos would otherwise all stay in memory as base64.
_URI_CACHE_BYTES = 8 * 1024 * 1024


def entry_to_dict(entry: Entry) -> dict[str, object]:
    """The JSON shape of an article, shared by ``show --json`` and JSON export."""
    return {
        "id": entry.id,
        "feed_id": entry.feed_id,
        "feed_title": entry.feed_title,
        "url": entry.url,
        "title": entry.title,
        "author": entry.author,
        "published": iso(entry.published),
        "text": entry.text,
        "html": entry.html,
        "summary_html": entry.summary_html,
        "origin": entry.origin,
        "related": [
            {"title": r.title, "url": r.url, "published": iso(r.published), "teaser": r.teaser}
            for r in entry.related
        ],
        "images": [{"url": ref.url, "path": ref.path} for ref in entry.images],
        "starred": entry.starred,
        "read": entry.read,
        "extraction": entry.extraction,
        "extraction_note": entry.extraction_note,
        "fetched_at": iso(entry.fetched_at),
        "updated_at": iso(entry.updated_at),  # a story update replaced the text then
        "versions": entry.previous_versions,  # earlier texts kept (storage/versions.py)
    }


def target_path(fmt: str, path: Path, *, per_article: bool = False) -> Path:
    """Where an export of ``fmt`` to ``path`` goes: a file name without a suffix gets the
    format's; a per-article export goes to the folder ``path``."""
    path = Path(path).expanduser()
    if per_article or path.suffix:
        return path
    return path.with_suffix(SUFFIXES[fmt])


def existing_targets(fmt: str, path: Path, *, per_article: bool = False) -> list[Path]:
    """The files or folders an export would replace, to ask the reader about first."""
    path = target_path(fmt, path, per_article=per_article)
    found = [path] if path.exists() else []
    images = mdexport.images_folder(path)
    if fmt == "md" and not per_article and images.exists():
        found.append(images)
    return found


def export_entries(
    entries: Sequence[Entry],
    fmt: ExportFormat,
    path: Path,
    *,
    force: bool = False,
    title: str = "Newsreader",
    per_article: bool = False,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Write ``entries`` to ``path`` in format ``fmt`` and return the path written.

    A path without a suffix gets the format's (``.html``, ``.md``, ``.epub``, ``.json``).
    Markdown export also writes the images to a sibling folder ``<stem>_images/``; with
    ``per_article`` it writes a folder ``path`` of one file per article plus ``images/``.
    ``progress(done, total)`` is called after each article; setting ``cancel`` stops the
    export with ExportCancelledError, leaving nothing behind.

    Raises:
        ExportError: nothing to export, the target exists and ``force`` is false, or the
            file could not be written (the original ``OSError`` is chained).
        ExportCancelledError: ``cancel`` was set.
        ValueError: ``fmt`` is not a known format, or ``per_article`` is not Markdown.
    """
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown export format {fmt!r}")
    if per_article and fmt != "md":
        raise ValueError("one file per article is only offered for Markdown")
    if not entries:
        raise ExportError("nothing to export")
    path = target_path(fmt, path, per_article=per_article)
    check_target(path, force, folder=per_article)
    steps = Steps(len(entries), progress, cancel)
    steps.start()
    try:
        if per_article:
            mdexport.write_per_article(entries, path, force, steps)
        elif fmt == "md":
            mdexport.write_combined(entries, path, force, title, steps)
        else:
            with atomic_file(path, follow_umask=True) as handle:
                _WRITERS[fmt](entries, handle, title, steps)
    except OSError as exc:
        raise ExportError(f"could not write {path}: {exc.strerror or exc}") from exc
    log.info("exported %d articles as %s to %s", len(entries), fmt, path)
    return path


# -- JSON -----------------------------------------------------------------------------


def _write_json(entries: Sequence[Entry], out: BinaryIO, title: str, steps: Steps) -> None:
    """The same text as ``json.dumps(list, indent=2)``, written one article at a time."""
    out.write(b"[")
    for number, entry in enumerate(entries):
        item = json.dumps(entry_to_dict(entry), ensure_ascii=False, indent=2)
        # JSON strings hold no raw newline, so indenting every line nests the object.
        text = ("," if number else "") + "\n  " + item.replace("\n", "\n  ")
        out.write(text.encode("utf-8"))
        steps.advance()
    out.write(b"\n]\n")


# -- HTML -----------------------------------------------------------------------------


def _write_html(entries: Sequence[Entry], out: BinaryIO, title: str, steps: Steps) -> None:
    out.write(_html_head(entries, title).encode("utf-8"))
    cache = _UriCache()
    for number, entry in enumerate(entries, 1):
        out.write((_article_html(entry, number, cache) + "\n").encode("utf-8"))
        steps.advance()
    out.write(b"</body>\n</html>\n")


def _html_head(entries: Sequence[Entry], title: str) -> str:
    toc = "".join(
        f'<li><a href="#artikel-{n}">{esc(e.title or e.url)}</a></li>'
        for n, e in enumerate(entries, 1)
    )
    return (
        '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<header><h1>{esc(title)}</h1><p class="meta">{len(entries)} artikel</p></header>\n'
        f'<nav class="toc"><h2>Daftar Isi</h2><ol>{toc}</ol></nav>\n'
    )


def _article_html(entry: Entry, number: int, cache: _UriCache) -> str:
    meta = [f"Sumber: {esc(entry.feed_title)}"] if entry.feed_title else []
    if entry.published:
        stamp = esc(iso(entry.published) or "")
        meta.append(f'Tanggal: <time datetime="{stamp}">{esc(human_date(entry.published))}</time>')
    if entry.author:
        meta.append(f"Penulis: {esc(entry.author)}")
    if entry.origin:
        meta.append(f"Asal: {esc(entry.origin)}")
    body = body_tree(entry)
    _embed_images(body, entry, cache)
    body.set("class", "body")
    parts = [
        f'<article id="artikel-{number}">',
        f"<h2>{esc(entry.title or entry.url)}</h2>",
        f'<p class="meta">{" · ".join(meta)}</p>' if meta else "",
        f'<p class="meta source"><a href="{esc(entry.url)}">Baca artikel asli</a></p>'
        if is_web(entry.url)
        else "",
        lxml.html.tostring(body, encoding="unicode"),
        _related_html(entry.related),
        "</article>",
    ]
    return "\n".join(p for p in parts if p)


def _related_html(related: Sequence[RelatedLink]) -> str:
    if not related:
        return ""
    items = []
    for link in related:
        date = f' <span class="meta">{esc(human_date(link.published))}</span>'
        teaser = f'<span class="teaser">{esc(link.teaser)}</span>' if link.teaser else ""
        name = esc(link.title or link.url)
        anchor = f'<a href="{esc(link.url)}">{name}</a>' if is_web(link.url) else name
        items.append(f"<li>{anchor}{date if link.published else ''}{teaser}</li>")
    return f'<section class="related"><h3>Baca Juga</h3><ul>{"".join(items)}</ul></section>'


def _embed_images(body: HtmlElement, entry: Entry, cache: _UriCache) -> None:
    """Inline cached images as data: URIs; put ``[alt]`` in place of any other image."""
    for img in list(body.iter("img")):
        uri = cache.get(entry.image_path(img.get("src", "")))
        if uri:
            img.set("src", uri)
            continue
        placeholder = lxml.html.Element("span", {"class": "missing-image"})
        placeholder.text = f"[{img.get('alt', '').strip() or 'gambar'}]"
        img.addprevious(placeholder)
        img.drop_tree()  # keeps the text after the image


class _UriCache:
    """data: URIs of cached image files, the most recently used kept up to a byte budget."""

    def __init__(self, budget: int = _URI_CACHE_BYTES) -> None:
        self._budget = budget
        self._size = 0
        self._items: OrderedDict[str, str | None] = OrderedDict()

    def get(self, path: str | None) -> str | None:
        if not path:
            return None
        if path in self._items:
            self._items.move_to_end(path)
            return self._items[path]
        found = read_image(path)
        uri = None
        if found is not None:
            mime, _, data = found
            uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        self._items[path] = uri
        self._size += len(uri or "")
        while self._size > self._budget and len(self._items) > 1:
            _, dropped = self._items.popitem(last=False)
            self._size -= len(dropped or "")
        return uri


_WRITERS = {"html": _write_html, "json": _write_json, "epub": write_epub}
