"""Export articles to one self-contained HTML file, one Markdown file, or JSON.

The HTML file must open offline without a single network request: every image is embedded
from the cache as a data: URI, or replaced by its alt text. Every file is written atomically,
so a full disk never leaves half an export behind.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import lxml.html
import nh3
from lxml.html import HtmlElement

from .errors import ExportError
from .images import sniff_image
from .markdown import MarkdownConverter, md_escape, md_url
from .paths import atomic_write
from .types import Entry, RelatedLink

log = logging.getLogger(__name__)

ExportFormat = Literal["html", "md", "json"]
SUFFIXES: dict[str, str] = {"html": ".html", "md": ".md", "json": ".json"}

_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_ZONES = {7 * 3600: "WIB", 8 * 3600: "WITA", 9 * 3600: "WIT", 0: "UTC"}

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


def entry_to_dict(entry: Entry) -> dict[str, object]:
    """The JSON shape of an article, shared by ``show --json`` and JSON export."""
    return {
        "id": entry.id,
        "feed_id": entry.feed_id,
        "feed_title": entry.feed_title,
        "url": entry.url,
        "title": entry.title,
        "author": entry.author,
        "published": _iso(entry.published),
        "text": entry.text,
        "html": entry.html,
        "summary_html": entry.summary_html,
        "origin": entry.origin,
        "related": [
            {"title": r.title, "url": r.url, "published": _iso(r.published), "teaser": r.teaser}
            for r in entry.related
        ],
        "images": [{"url": ref.url, "path": ref.path} for ref in entry.images],
        "starred": entry.starred,
        "read": entry.read,
        "extraction": entry.extraction,
        "extraction_note": entry.extraction_note,
        "fetched_at": _iso(entry.fetched_at),
    }


def export_entries(
    entries: Sequence[Entry],
    fmt: ExportFormat,
    path: Path,
    *,
    force: bool = False,
    title: str = "Newsreader",
) -> Path:
    """Write ``entries`` to ``path`` in format ``fmt`` and return the path written.

    A path without a suffix gets the format's (``.html``, ``.md``, ``.json``). Markdown
    export also writes the images to a sibling folder ``<stem>_images/``.

    Raises:
        ExportError: nothing to export, the target exists and ``force`` is false, or the
            file could not be written (the original ``OSError`` is chained).
        ValueError: ``fmt`` is not a known format.
    """
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown export format {fmt!r}")
    if not entries:
        raise ExportError("nothing to export")
    path = Path(path).expanduser()
    if not path.suffix:
        path = path.with_suffix(SUFFIXES[fmt])
    _check_target(path, force)
    try:
        if fmt == "html":
            atomic_write(path, render_html(entries, title).encode("utf-8"))
        elif fmt == "json":
            data = [entry_to_dict(entry) for entry in entries]
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            atomic_write(path, text.encode("utf-8"))
        else:
            _write_markdown(entries, path, force, title)
    except OSError as exc:
        raise ExportError(f"could not write {path}: {exc.strerror or exc}") from exc
    log.info("exported %d articles as %s to %s", len(entries), fmt, path)
    return path


def _check_target(path: Path, force: bool) -> None:
    if path.is_dir():
        raise ExportError(f"{path} is a folder; choose a file name")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; not overwriting it without force")


# -- HTML ---------------------------------------------------------------------------


def render_html(entries: Sequence[Entry], title: str) -> str:
    """One self-contained HTML document holding every entry."""
    cache: dict[str, str | None] = {}
    toc = "".join(
        f'<li><a href="#artikel-{n}">{_esc(e.title or e.url)}</a></li>'
        for n, e in enumerate(entries, 1)
    )
    articles = "\n".join(_article_html(e, n, cache) for n, e in enumerate(entries, 1))
    return (
        '<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<header><h1>{_esc(title)}</h1><p class="meta">{len(entries)} artikel</p></header>\n'
        f'<nav class="toc"><h2>Daftar Isi</h2><ol>{toc}</ol></nav>\n'
        f"{articles}\n</body>\n</html>\n"
    )


def _article_html(entry: Entry, number: int, cache: dict[str, str | None]) -> str:
    meta = [f"Sumber: {_esc(entry.feed_title)}"] if entry.feed_title else []
    if entry.published:
        iso = _esc(_iso(entry.published) or "")
        meta.append(f'Tanggal: <time datetime="{iso}">{_esc(_human_date(entry.published))}</time>')
    if entry.author:
        meta.append(f"Penulis: {_esc(entry.author)}")
    if entry.origin:
        meta.append(f"Asal: {_esc(entry.origin)}")
    body = _body_tree(entry)
    _embed_images(body, entry, cache)
    body.set("class", "body")
    parts = [
        f'<article id="artikel-{number}">',
        f"<h2>{_esc(entry.title or entry.url)}</h2>",
        f'<p class="meta">{" · ".join(meta)}</p>' if meta else "",
        f'<p class="meta source"><a href="{_esc(entry.url)}">Baca artikel asli</a></p>'
        if _is_web(entry.url)
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
        date = f' <span class="meta">{_esc(_human_date(link.published))}</span>'
        teaser = f'<span class="teaser">{_esc(link.teaser)}</span>' if link.teaser else ""
        name = _esc(link.title or link.url)
        anchor = f'<a href="{_esc(link.url)}">{name}</a>' if _is_web(link.url) else name
        items.append(f"<li>{anchor}{date if link.published else ''}{teaser}</li>")
    return f'<section class="related"><h3>Baca Juga</h3><ul>{"".join(items)}</ul></section>'


def _embed_images(body: HtmlElement, entry: Entry, cache: dict[str, str | None]) -> None:
    """Inline cached images as data: URIs; put ``[alt]`` in place of any other image."""
    for img in list(body.iter("img")):
        path = entry.image_path(img.get("src", ""))
        if path and path not in cache:
            cache[path] = _data_uri(path)
        uri = cache.get(path) if path else None
        if uri:
            img.set("src", uri)
            continue
        placeholder = lxml.html.Element("span", {"class": "missing-image"})
        placeholder.text = f"[{img.get('alt', '').strip() or 'gambar'}]"
        img.addprevious(placeholder)
        img.drop_tree()  # keeps the text after the image


def _data_uri(path: str) -> str | None:
    found = _read_image(path)
    if found is None:
        return None
    mime, _, data = found
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# -- Markdown -----------------------------------------------------------------------


def _write_markdown(entries: Sequence[Entry], path: Path, force: bool, title: str) -> None:
    """Stage the images, move them next to the file, then write the file atomically."""
    folder_name = f"{path.stem}_images"
    folder = path.with_name(folder_name)
    staging = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{folder_name}."))
    created = False
    try:
        copier = _ImageCopier(staging, folder_name)
        text = render_markdown(entries, title, copier)
        if copier.count:
            if folder.exists() and not force:
                raise ExportError(f"{folder} already exists; not overwriting it without force")
            created = _publish_folder(staging, folder)
        atomic_write(path, text.encode("utf-8"))
    except BaseException:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish_folder(staging: Path, folder: Path) -> bool:
    """Move the staged images into ``folder``; True if the folder was created by this call."""
    if not folder.exists():
        os.replace(staging, folder)
        return True
    # Forced over an earlier export: merge, replacing same-named files, deleting nothing.
    for item in staging.iterdir():
        os.replace(item, folder / item.name)
    return False


class _ImageCopier:
    """Copies cached images of an entry into the staging folder, once each."""

    def __init__(self, staging: Path, folder_name: str) -> None:
        self.staging = staging
        self.folder_name = folder_name
        self.count = 0
        self._names: dict[str, str | None] = {}

    def for_entry(self, entry: Entry) -> Callable[[str], str | None]:
        def relative_path(src: str) -> str | None:
            path = entry.image_path(src)
            if path is None:
                return None
            if path not in self._names:
                self._names[path] = self._copy(path)
            name = self._names[path]
            return f"{self.folder_name}/{name}" if name else None

        return relative_path

    def _copy(self, source: str) -> str | None:
        found = _read_image(source)
        if found is None:
            return None
        self.count += 1
        _, suffix, data = found
        name = f"{self.count:03d}{suffix}"
        (self.staging / name).write_bytes(data)
        return name


def render_markdown(entries: Sequence[Entry], title: str, copier: _ImageCopier) -> str:
    """The combined Markdown document; images are resolved through ``copier``."""
    parts = [f"# {md_escape(_one_line(title))}", f"{len(entries)} artikel"]
    for entry in entries:
        parts.append(_article_markdown(entry, copier.for_entry(entry)))
    return "\n\n".join(parts) + "\n"


def _article_markdown(entry: Entry, image_path: Callable[[str], str | None]) -> str:
    meta = []
    if entry.feed_title:
        meta.append(f"- **Sumber:** {md_escape(entry.feed_title)}")
    if entry.published:
        meta.append(f"- **Tanggal:** {_human_date(entry.published)}")
    if entry.author:
        meta.append(f"- **Penulis:** {md_escape(entry.author)}")
    if entry.origin:
        meta.append(f"- **Asal:** {md_escape(entry.origin)}")
    if _is_web(entry.url):
        meta.append(f"- **URL:** <{md_url(entry.url)}>")
    body = MarkdownConverter(image_path, heading_shift=2).convert(_body_tree(entry))
    parts = ["---", f"## {md_escape(_one_line(entry.title or entry.url))}", "\n".join(meta), body]
    if entry.related:
        parts.append("### Baca Juga")
        parts.append("\n".join(_related_markdown(link) for link in entry.related))
    return "\n\n".join(p for p in parts if p)


def _related_markdown(link: RelatedLink) -> str:
    name = md_escape(_one_line(link.title or link.url))
    line = f"- [{name}]({md_url(link.url)})" if _is_web(link.url) else f"- {name}"
    if link.published:
        line += f" ({_human_date(link.published)})"
    if link.teaser:
        line += f": {md_escape(_one_line(link.teaser))}"
    return line


# -- shared -------------------------------------------------------------------------


def _body_tree(entry: Entry) -> HtmlElement:
    """The article body as a ``<div>``: the stored HTML, else the summary, else the text.

    The stored body is sanitized already; cleaning it again is cheap and keeps a file that
    a user opens in a browser safe even if a stored summary was not.
    """
    source = entry.html or entry.summary_html
    if not source.strip() and entry.text.strip():
        paragraphs = (p.strip() for p in entry.text.split("\n\n"))
        source = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    root = lxml.html.fragment_fromstring(nh3.clean(source), create_parent="div")
    lead, sources = entry.lead_image, {img.get("src") for img in root.iter("img")}
    if lead and lead not in sources and Path(entry.image_path(lead) or "").is_file():
        # The article pane shows the lead image above the body; the export should too.
        figure = lxml.html.Element("figure")
        figure.append(lxml.html.Element("img", {"src": entry.lead_image, "alt": ""}))
        figure.tail = root.text
        root.text = None
        root.insert(0, figure)
    return root


def _read_image(path: str | None) -> tuple[str, str, bytes] | None:
    """(MIME type, suffix, bytes) of a cached image, or None if missing or not an image."""
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        log.debug("cached image %s unreadable: %s", path, exc)
        return None
    found = sniff_image(data)
    if found is None:
        log.debug("cached file %s is not a known image type", path)
        return None
    return found[0], found[1], data


def _iso(value: datetime | None) -> str | None:
    return _aware(value).isoformat() if value else None


def _aware(value: datetime) -> datetime:
    # Storage keeps UTC; a naive value is read as UTC so the output always has an offset.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _human_date(value: datetime | None) -> str:
    """Like the site's own date line: ``Senin, 26 Oktober 2020 11:26 WIB``."""
    if value is None:
        return ""
    value = _aware(value)
    offset = int((value.utcoffset() or timedelta(0)).total_seconds())
    zone = _ZONES.get(offset)
    if zone is None:
        sign = "+" if offset >= 0 else "-"
        hours, minutes = divmod(abs(offset) // 60, 60)
        zone = f"UTC{sign}{hours:02d}:{minutes:02d}"
    day = _DAYS[value.weekday()]
    month = _MONTHS[value.month - 1]
    return f"{day}, {value.day} {month} {value.year} {value:%H:%M} {zone}"


def _is_web(url: str) -> bool:
    """Only http(s) links go into an export: a ``javascript:`` URL from a feed must not."""
    return url.strip().lower().startswith(("http://", "https://"))


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())
