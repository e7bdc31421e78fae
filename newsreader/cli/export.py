"""``newsreader export``: articles to HTML, Markdown, EPUB, PDF or JSON.

The selection is any combination of ``--starred``, ``--feed ID`` and a date range, or an
explicit ``--ids`` list (a search result, rows picked elsewhere). PDF needs Qt: a
QGuiApplication is created for it, offscreen when there is no display.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.cli.output import overwrite_hint, safe, say

if TYPE_CHECKING:
    from newsreader.cli.output import Handler
    from newsreader.core import Library

FORMATS = ("html", "md", "epub", "pdf", "json")


def _ids(text: str) -> list[int]:
    try:
        ids = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of article ids: {text!r}") from None
    if not ids:
        raise argparse.ArgumentTypeError("no article ids given")
    return ids


def _when(text: str, *, end: bool) -> datetime:
    """An ISO date (the day's start, or the next day's for ``end``: the whole day counts)
    or date and time; without a zone, the computer's own."""
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip()) + timedelta(days=1 if end else 0)
            return datetime.combine(day, time()).astimezone()
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date such as 2020-10-26: {text!r}") from None
    return value if value.tzinfo else value.astimezone()


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    export = sub.add_parser(
        "export",
        help="export articles (html, md, epub, pdf, json)",
        description="Export articles. Choose them with --ids, or with any combination of "
        "--starred, --feed and --since/--until.",
    )
    export.add_argument("--ids", type=_ids, help="comma-separated article ids")
    export.add_argument("--starred", action="store_true", help="starred articles")
    export.add_argument("--feed", type=int, dest="feed_id", metavar="ID",
                        help="articles of one subscription")  # fmt: skip
    export.add_argument("--since", type=lambda t: _when(t, end=False), metavar="DATE",
                        help="from this ISO date (2020-10-26) or date and time on")  # fmt: skip
    export.add_argument("--until", type=lambda t: _when(t, end=True), metavar="DATE",
                        help="up to this ISO date, the whole day included")  # fmt: skip
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--per-article", action="store_true",
                        help="Markdown: a folder with one file per article (front matter) "
                        "and an images/ folder")  # fmt: skip
    export.add_argument("--title", default="Newsreader", help="title of the document or book")
    export.add_argument("-o", "--output", required=True, type=Path,
                        help="file (a folder with --per-article)")  # fmt: skip
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.set_defaults(export_parser=export)
    return {"export": _cmd_export}


def _check(args: argparse.Namespace) -> None:
    """Argument combinations argparse cannot express; exits with a usage message."""
    parser: argparse.ArgumentParser = args.export_parser
    criteria = args.starred or args.feed_id is not None or args.since or args.until
    if args.ids and criteria:
        parser.error("--ids cannot be combined with --starred, --feed, --since or --until")
    if not args.ids and not criteria:
        parser.error("choose articles: --ids, --starred, --feed or --since/--until")
    if args.per_article and args.format != "md":
        parser.error("--per-article is for --format md")


def _cmd_export(lib: Library, args: argparse.Namespace) -> int:
    from newsreader.core import ExportError

    _check(args)
    ids = args.ids or lib.entries_for_export(
        starred=args.starred, feed_id=args.feed_id, since=args.since, until=args.until
    )
    if not ids:
        raise ExportError("no articles match the selection; nothing exported")
    with overwrite_hint():
        if args.format == "pdf":
            path = _export_pdf(lib, ids, args)
        else:
            path = lib.export(ids, args.format, args.output, force=args.force,
                              per_article=args.per_article, title=args.title)  # fmt: skip
    say(f"exported {len(ids)} article(s) to {safe(str(path))}")
    return 0


def _export_pdf(lib: Library, ids: list[int], args: argparse.Namespace) -> Path:
    from newsreader.ui.pdf_export import ensure_gui_application, export_pdf

    ensure_gui_application()
    return export_pdf(lib.entries_by_id(ids), args.output, force=args.force, title=args.title)
