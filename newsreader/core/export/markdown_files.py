"""Markdown export: one combined file with a ``<stem>_images/`` folder beside it, or a folder
of one file per article, each with YAML front matter, sharing an ``images/`` folder.

Images are copied from the cache only; an image that is not cached becomes ``[alt]`` text,
never a remote URL. Everything is built in a staging folder next to the target and moved
into place at the end, so a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from newsreader.core.errors import ExportError
from newsreader.core.export.common import (
    Steps,
    body_tree,
    human_date,
    is_web,
    iso,
    one_line,
    publish_folder,
    read_image,
    staged_folder,
)
from newsreader.core.export.controls import strip_controls
from newsreader.core.export.filenames import UniqueNames
from newsreader.core.export.markdown import MarkdownConverter, md_escape, md_url
from newsreader.core.paths import atomic_file
from newsreader.core.types import Entry, RelatedLink

IMAGES = "images"
# YAML 1.2 double-quoted scalars must escape these (JSON escapes only the C0 controls).
_YAML_UNPRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")


def images_folder(path: Path) -> Path:
    """The folder a combined Markdown file's images go to."""
    return path.with_name(f"{path.stem}_images")


def write_combined(
    entries: Sequence[Entry], path: Path, force: bool, title: str, steps: Steps
) -> None:
    """Stage the images, move them next to the file, then write the file atomically."""
    folder = images_folder(path)
    created = False
    with staged_folder(path.parent, folder.name) as staging:
        try:
            copier = ImageCopier(staging, folder.name)
            with atomic_file(path, follow_umask=True) as out:
                out.write(f"# {md_escape(one_line(title))}\n\n{len(entries)} artikel".encode())
                for entry in entries:
                    text = "\n\n" + _combined_article(entry, copier.for_entry(entry))
                    out.write(text.encode("utf-8"))
                    steps.advance()
                out.write(b"\n")
                if copier.count:
                    if folder.exists() and not force:
                        raise ExportError(
                            f"{folder} already exists; not overwriting it without force"
                        )
                    # Images first: the file must never point at pictures not there yet.
                    created = publish_folder(staging, folder)
        except BaseException:
            if created:
                shutil.rmtree(folder, ignore_errors=True)
            raise


def write_per_article(entries: Sequence[Entry], folder: Path, force: bool, steps: Steps) -> None:
    """A folder of ``<title>.md`` files (front matter, body, related links) and ``images/``."""
    with staged_folder(folder.parent, folder.name) as staging:
        copier = ImageCopier(staging / IMAGES, IMAGES, hashed=True)
        names = UniqueNames({IMAGES})
        for entry in entries:
            name = names.claim(entry.title or entry.url, ".md")
            text = _front_matter(entry) + _single_article(entry, copier.for_entry(entry))
            (staging / name).write_bytes(text.encode("utf-8"))
            steps.advance()
        if folder.exists() and not force:  # appeared while exporting
            raise ExportError(f"{folder} already exists; not overwriting it without force")
        publish_folder(staging, folder)


class ImageCopier:
    """Copies the cached images of entries into ``folder``, once each.

    Names are ``001.png``, ``002.jpg``… or, with ``hashed``, taken from the content, so a
    forced export into an earlier one's folder never puts a different picture under a name
    an older file uses.
    """

    def __init__(self, folder: Path, prefix: str, *, hashed: bool = False) -> None:
        self.folder = folder
        self.prefix = prefix
        self.hashed = hashed
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
            return f"{self.prefix}/{name}" if name else None

        return relative_path

    def _copy(self, source: str) -> str | None:
        found = read_image(source)
        if found is None:
            return None
        self.count += 1
        _, suffix, data = found
        stem = hashlib.sha256(data).hexdigest()[:20] if self.hashed else f"{self.count:03d}"
        self.folder.mkdir(exist_ok=True)
        (self.folder / f"{stem}{suffix}").write_bytes(data)
        return f"{stem}{suffix}"


def _combined_article(entry: Entry, image_path: Callable[[str], str | None]) -> str:
    meta = []
    if entry.feed_title:
        meta.append(f"- **Sumber:** {md_escape(entry.feed_title)}")
    if entry.published:
        meta.append(f"- **Tanggal:** {human_date(entry.published)}")
    if entry.author:
        meta.append(f"- **Penulis:** {md_escape(entry.author)}")
    if entry.origin:
        meta.append(f"- **Asal:** {md_escape(entry.origin)}")
    if is_web(entry.url):
        meta.append(f"- **URL:** <{md_url(entry.url)}>")
    body = MarkdownConverter(image_path, heading_shift=2).convert(body_tree(entry))
    parts = ["---", f"## {md_escape(one_line(entry.title or entry.url))}", "\n".join(meta), body]
    if entry.related:
        parts += ["### Baca Juga", "\n".join(_related_markdown(link) for link in entry.related)]
    return "\n\n".join(p for p in parts if p)


def _single_article(entry: Entry, image_path: Callable[[str], str | None]) -> str:
    body = MarkdownConverter(image_path, heading_shift=1).convert(body_tree(entry))
    parts = [f"# {md_escape(one_line(entry.title or entry.url))}"]
    if entry.origin:
        parts.append(f"*Asal: {md_escape(entry.origin)}*")
    parts.append(body)
    if entry.related:
        parts += ["## Baca Juga", "\n".join(_related_markdown(link) for link in entry.related)]
    return "\n\n".join(p for p in parts if p) + "\n"


def _front_matter(entry: Entry) -> str:
    """YAML front matter as static site generators and note apps read it."""
    lines = ["---", f"title: {_yaml_string(entry.title)}"]
    lines.append(f"url: {_yaml_string(entry.url if is_web(entry.url) else '')}")
    if entry.published:
        lines.append(f"date: {iso(entry.published)}")
    lines.append(f"author: {_yaml_string(entry.author)}")
    lines.append(f"feed: {_yaml_string(entry.feed_title)}")
    return "\n".join([*lines, "---", "", ""])


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes are YAML's, plus the non-printables (control
    characters are dropped rather than escaped: a tool would turn ``\\u001b`` back into one)."""
    quoted = json.dumps(one_line(strip_controls(text)), ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _related_markdown(link: RelatedLink) -> str:
    name = md_escape(one_line(link.title or link.url))
    line = f"- [{name}]({md_url(link.url)})" if is_web(link.url) else f"- {name}"
    if link.published:
        line += f" ({human_date(link.published)})"
    if link.teaser:
        line += f": {md_escape(one_line(link.teaser))}"
    return line
