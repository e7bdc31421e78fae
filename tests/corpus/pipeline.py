"""The downstream half of the robustness checks: every stored article rendered and exported.

``check_library`` takes a library after a refresh and looks at what a reader would see:
each article's stored HTML, the article pane's document for it (full text and summary
modes), and the html/md/json exports of all of them. It returns the problems found, each
naming the feed URL it came from, so a corpus of thousands of documents can be checked in a
few libraries and a failure still points at its document.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from newsreader.core.library import Library
from newsreader.core.render.appearance import ReadingOptions
from newsreader.core.render.article import DEFAULT_LABELS, article_html
from newsreader.core.storage.records import EntryRecord, FeedRecord
from newsreader.core.types import Entry
from tests.corpus.safety import markdown_problems, problems

_SUMMARY = ReadingOptions(summary=True)


def local_image(url: str) -> str | None:
    """The pane's image lookup: about half the images "cached" (a local file URL)."""
    digest = hashlib.sha1(url.encode("utf-8", "replace")).hexdigest()
    return f"file:///cache/images/{digest}.png" if int(digest[0], 16) % 2 else None


def render(entry: Entry, *, summary: bool = False) -> str:
    return article_html(
        entry,
        format_date=datetime.isoformat,
        image_src=local_image,
        labels=DEFAULT_LABELS,
        cached_urls={link.url for link in entry.related[::2]},
        options=_SUMMARY if summary else None,
    )


def all_entry_ids() -> list[int]:
    """Every stored article, listed or not, duplicates included (the library's database)."""
    return [int(i) for i in EntryRecord.select(EntryRecord.id).order_by(EntryRecord.id).scalars()]


def feed_urls() -> dict[int, str]:
    return {int(i): str(u) for i, u in FeedRecord.select(FeedRecord.id, FeedRecord.url).tuples()}


def check_entry(entry: Entry) -> list[str]:
    """Stored HTML and both pane documents of one article."""
    found = [f"stored html: {p}" for p in problems(entry.html)]
    found += [f"stored summary: {p}" for p in problems(entry.summary_html)]
    for summary in (False, True):
        pane = render(entry, summary=summary)
        found += [f"pane: {p}" for p in problems(pane, document=True, remote_images=False)]
    return found


def check_exports(lib: Library, ids: list[int], out: Path) -> list[str]:
    """The html, md and json exports of ``ids`` (one file each)."""
    out.mkdir(parents=True, exist_ok=True)
    found: list[str] = []
    page = lib.export(ids, "html", out / "export.html", force=True)
    text = page.read_text(encoding="utf-8")
    found += [
        f"html export: {p}"
        for p in problems(text, document=True, embedded_images=True, remote_images=False)
    ]
    markdown = lib.export(ids, "md", out / "export.md", force=True)
    found += [f"md export: {p}" for p in markdown_problems(markdown.read_text(encoding="utf-8"))]
    data = json.loads(lib.export(ids, "json", out / "export.json", force=True).read_bytes())
    if len(data) != len(ids):
        found.append(f"json export: {len(data)} articles for {len(ids)}")
    for item in data:
        for key in ("html", "summary_html"):
            found += [f"json export {key}: {p}" for p in problems(item[key])]
    return found


def check_library(lib: Library, out: Path) -> list[str]:
    """Every problem of every stored article, as "<feed url>: <problem>" lines."""
    urls = feed_urls()
    ids = all_entry_ids()
    found: list[str] = []
    for entry in lib.entries_by_id(ids):
        found += [f"{urls.get(entry.feed_id)} #{entry.id}: {p}" for p in check_entry(entry)]
    if ids:
        found += check_exports(lib, ids, out)
    return found
