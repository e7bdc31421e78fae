"""``newsreader extract FILE...``: run the article extraction on saved pages.

For readers debugging a site rule and for measuring: the same ``extract_article`` the refresh
uses, with the same rules (bundled, then the user's ``data_dir/sites``), but no library and
no database. One JSON object per file per line with ``--json`` (the ``show --json`` fields
that apply, plus ``file``). A file that cannot be read or extracted does not end the batch:
it gets ``{"file": ..., "error": ...}`` (and a line on stderr), and the exit status is 1.
"""

from __future__ import annotations

import argparse
import codecs
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.cli.output import print_json_line, safe, say, warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsreader.cli.output import Handler
    from newsreader.core import ExtractedArticle, Library

    # extract_article with the rules loaded: (page text, url, fetch time) -> the article
    Extractor = Callable[[str, str, datetime], ExtractedArticle]

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    cmd = sub.add_parser(
        "extract",
        help="extract the article of saved pages (no library needed)",
        description="Read saved article pages with the site rules and the generic reader. "
        "The page's URL (it picks the site rule) is --url, else the page's canonical link, "
        "else file://PATH.",
    )
    cmd.add_argument("files", nargs="+", type=Path, metavar="FILE")
    cmd.add_argument("--url", help="the address the pages were saved from")
    cmd.add_argument("--json", action="store_true", help="one JSON object per file per line")
    return {"extract": cmd_extract}


def _user_sites(data_dir: str | None) -> Path:
    """The user's rule folder, found like the library's data folder but never created."""
    import platformdirs

    from newsreader.core import APP_NAME, ENV_DATA_DIR, user_sites_dir

    raw = data_dir or os.environ.get(ENV_DATA_DIR, "")
    if not raw.strip():
        raw = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    return user_sites_dir(Path(raw).expanduser())


def page_url(text: str) -> str:
    """The page's own address: <link rel=canonical>, else og:url; "" if it names none."""
    from newsreader.core import parse_page

    doc = parse_page(text[:500_000])  # the head is at the start; no need to parse it all
    if doc is None:
        return ""
    candidates = [
        el.get("href", "")
        for el in doc.iter("link")
        if "canonical" in (el.get("rel") or "").lower().split()
    ]
    candidates += [
        el.get("content", "")
        for el in doc.iter("meta")
        if (el.get("property") or el.get("name") or "").lower() == "og:url"
    ]
    absolute = (u.strip() for u in candidates if u.strip().startswith(("http://", "https://")))
    return next(absolute, "")


def article_dict(file: Path, url: str, art: ExtractedArticle) -> dict[str, Any]:
    """The ``show --json`` fields an extraction has (no id, feed or read state)."""
    return {
        "file": str(file),
        "url": url,
        "title": art.title,
        "author": art.author,
        "published": art.published.isoformat() if art.published else None,
        "text": art.text,
        "html": art.html,
        "origin": art.origin,
        "related": [
            {
                "title": r.title,
                "url": r.url,
                "published": r.published.isoformat() if r.published else None,
                "teaser": r.teaser,
            }
            for r in art.related
        ],
        "images": [{"url": image, "path": None} for image in art.images],
        "extraction": art.method,
        "extraction_note": art.note,
    }


def _print_text(data: dict[str, Any]) -> None:
    say(f"== {safe(data['file'])}\n{safe(data['title'])}")
    meta = [data["published"] or "", data["author"], data["origin"]]
    say(" | ".join(safe(part) for part in meta if part))
    say(f"{safe(data['url'])}\n\n{safe(data['text'], multiline=True)}")
    for link in data["related"]:
        say(f"- {safe(link['title'])}\n  {safe(link['url'])}")
    note = f": {data['extraction_note']}" if data["extraction_note"] else ""
    say(f"[{safe(data['extraction'] + note)}]\n")


# Bytes no text page holds: C0 controls but tab, line breaks, form feed and escape.
_CONTROL_BYTES = bytes([*range(9), 11, *range(14, 27), *range(28, 32)])


class _FileFailed(Exception):
    """One file of the batch could not be read or extracted; the message says why."""


def _binary(raw: bytes) -> bool:
    """Whether the bytes are no text page at all (an image, a gzipped page): a NUL or more
    than 1% control bytes near the start. UTF-16 and UTF-32 pages hold NULs, but they start
    with their byte-order mark (the only way ``decode_page`` recognises them anyway)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False
    head = raw[:8192]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return b"\0" in head or controls > len(head) // 100


def _extract_file(file: Path, url_option: str | None, extract: Extractor) -> dict[str, Any]:
    """The ``article_dict`` of one saved page; raises _FileFailed with the reason."""
    from newsreader.core import decode_page

    try:
        raw = file.read_bytes()
        saved = datetime.fromtimestamp(file.stat().st_mtime, UTC)
    except OSError as exc:
        raise _FileFailed(f"cannot read: {exc.strerror or exc}") from exc
    if _binary(raw):
        raise _FileFailed("cannot read: not a web page (binary data)")
    try:
        text = decode_page(raw)
        url = url_option or page_url(text) or file.resolve().as_uri()
        # The file's time stands in for the fetch time ("2 jam yang lalu" is relative to it).
        art = extract(text, url, saved)
    except Exception as exc:
        # A batch run over many saved pages is for finding the ones that fail: a page that
        # breaks the extractor is that page's result (its traceback at -vv), not the end.
        log.debug("extracting %s failed", file, exc_info=True)
        raise _FileFailed(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    return article_dict(file, url, art)


def cmd_extract(lib: Library | None, args: argparse.Namespace) -> int:
    from newsreader.core import extract_article, load_rules

    rules = load_rules(_user_sites(args.data_dir))

    def extract(text: str, url: str, saved: datetime) -> ExtractedArticle:
        return extract_article(text, url, rules=rules, fetched_at=saved)

    failed = 0
    for file in args.files:
        try:
            data = _extract_file(file, args.url, extract)
        except _FileFailed as exc:
            failed += 1
            warn(f"{file}: {exc}")
            if args.json:  # a line for every file asked for, so none goes missing unnoticed
                print_json_line({"file": str(file), "error": str(exc)})
            continue
        if args.json:
            print_json_line(data)
        else:
            _print_text(data)
    return 1 if failed else 0


cmd_extract.needs_library = False  # type: ignore[attr-defined]
