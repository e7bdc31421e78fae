"""What every export format shares: the article body, dates, cached images, atomic writing,
progress and cancellation.

Writers never leave half a file: a file is written to a temporary name in the target folder
and renamed over the target only when complete (``atomic_file``); a folder of files is built
in a temporary folder and moved into place at the end (``staged_folder``). Cancelling or
failing anywhere before that removes the temporary files.
"""

from __future__ import annotations

import contextlib
import errno
import html
import logging
import os
import secrets
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from newsreader.core.errors import ExportCancelledError, ExportError
from newsreader.core.export.controls import strip_controls
from newsreader.core.export.progress import ProgressCallback, Steps
from newsreader.core.extract.dates import format_date_line
from newsreader.core.extract.sanitize import clean_serialized
from newsreader.core.storage.image_store import image_problem, sniff_image
from newsreader.core.types import Entry

log = logging.getLogger(__name__)

__all__ = ["ExportCancelledError", "ProgressCallback", "Steps"]  # re-exported for writers

# Characters XML 1.0 cannot hold at all (lxml refuses them): C0 controls, surrogates, FFFE/F;
# and the C1 controls and DEL, which it allows but no export should carry (``controls``).
_NOT_XML = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF, *range(0xD800, 0xE000)])
for _allowed in (0x9, 0xA, 0xD):
    del _NOT_XML[_allowed]


# -- safe writing ---------------------------------------------------------------------


@contextlib.contextmanager
def staged_folder(parent: Path, name: str) -> Iterator[Path]:
    """A temporary folder in ``parent`` (same file system, so moving out is a rename); it is
    removed with whatever is left in it when the block ends, however it ends.

    It is created 0777 less the umask, not 0700 as ``tempfile.mkdtemp`` would: moved into
    place, it is the user's export folder and should look like any other.
    """
    staging = _new_folder(parent, f".{name}.")
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _new_folder(parent: Path, prefix: str) -> Path:
    for _ in range(100):
        folder = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            folder.mkdir(0o777)
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(errno.EEXIST, "no free temporary folder name", str(parent))


def publish_folder(staging: Path, folder: Path) -> bool:
    """Move the staged files into ``folder``; True if the folder was created by this call.

    A new folder is one rename. Forced over an earlier export, files are moved in one by one,
    replacing same-named files and deleting nothing the reader had there.
    """
    if not folder.exists():
        os.replace(staging, folder)
        return True
    for item in staging.iterdir():
        target = folder / item.name
        if item.is_dir() and target.is_dir():
            publish_folder(item, target)
        else:
            os.replace(item, target)
    return False


def check_target(path: Path, force: bool, *, folder: bool = False) -> None:
    """Refuse a target that exists (unless ``force``) or is of the wrong kind."""
    if folder and path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file; choose a folder name")
    if not folder and path.is_dir():
        raise ExportError(f"{path} is a folder; choose a file name")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; not overwriting it without force")


# -- article content ------------------------------------------------------------------


def body_tree(entry: Entry) -> HtmlElement:
    """The article body as a ``<div>``: the stored HTML, else the summary, else the text.

    The stored body is sanitized already; cleaning it again is cheap and keeps a file that
    a user opens in a browser safe even if a stored summary was not.
    """
    source = entry.html or entry.summary_html
    if not source.strip() and entry.text.strip():
        paragraphs = (p.strip() for p in entry.text.split("\n\n"))
        source = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    # Cleaned again as a page would be: nesting limited and "//host" links resolved against
    # the article (or dropped), for bodies stored before those rules existed.
    cleaned = clean_serialized(strip_controls(source), entry.url if is_web(entry.url) else "")
    root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    lead, sources = entry.lead_image, {img.get("src") for img in root.iter("img")}
    if lead and lead not in sources and Path(entry.image_path(lead) or "").is_file():
        # The article pane shows the lead image above the body; the export should too.
        figure = lxml.html.Element("figure")
        figure.append(lxml.html.Element("img", {"src": entry.lead_image, "alt": ""}))
        figure.tail = root.text
        root.text = None
        root.insert(0, figure)
    return root


def read_image(path: str | None) -> tuple[str, str, bytes] | None:
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
    if problem := image_problem(data):  # cached before the pixel budget existed
        log.debug("cached image %s left out: %s", path, problem)
        return None
    return found[0], found[1], data


def iso(value: datetime | None) -> str | None:
    return aware(value).isoformat() if value else None


def aware(value: datetime) -> datetime:
    # Storage keeps UTC; a naive value is read as UTC so the output always has an offset.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


human_date = format_date_line  # the exports' date: as the site writes it


def meta_parts(entry: Entry) -> list[tuple[str, str]]:
    """The article's byline as (Indonesian label, value) pairs, in display order."""
    parts = [("Sumber", entry.feed_title)]
    parts.append(("Tanggal", human_date(entry.published)))
    parts += [("Penulis", entry.author), ("Asal", entry.origin)]
    return [(label, value) for label, value in parts if value]


def is_web(url: str) -> bool:
    """Only http(s) links go into an export: a ``javascript:`` URL from a feed must not."""
    return url.strip().lower().startswith(("http://", "https://"))


def esc(text: str) -> str:
    """``text`` for HTML: escaped, and without control characters (HTML forbids them)."""
    return html.escape(strip_controls(text), quote=True)


def one_line(text: str) -> str:
    """``text`` on one line, without control characters (U+0085 is one, not a line break)."""
    return " ".join(strip_controls(text).split())


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot contain (a hostile title may), nor any
    other control character but tab and line breaks."""
    return text.translate(_NOT_XML)
