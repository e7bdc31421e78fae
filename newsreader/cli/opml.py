"""Subscription list and moving-in commands:

    newsreader opml import FILE [--json]
    newsreader opml export FILE [--force]
    newsreader import-from quiterss|rssguard FILE [--json]

Imports store subscriptions without fetching them (the next ``refresh`` does). What could not
be imported is printed to stderr; the exit status is 1 only when nothing at all could be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.cli.output import overwrite_hint, print_json, safe, say, warn

if TYPE_CHECKING:
    from newsreader.cli.output import Handler
    from newsreader.core import ImportReport, Library


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    opml = sub.add_parser("opml", help="import or export the subscription list (OPML)")
    actions = opml.add_subparsers(dest="opml_action", metavar="ACTION", required=True)
    load = actions.add_parser("import", help="subscribe to the feeds of an OPML file")
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--json", action="store_true")
    save = actions.add_parser("export", help="write every subscription to an OPML file")
    save.add_argument("file", type=Path, metavar="FILE")
    save.add_argument("--force", action="store_true", help="overwrite an existing file")

    move = sub.add_parser(
        "import-from",
        help="move in from QuiteRSS or RSS Guard: feeds, folders, articles, read and stars",
    )
    move.add_argument("reader", choices=("quiterss", "rssguard"))
    move.add_argument(
        "file", type=Path, metavar="FILE", help="QuiteRSS feeds.db or RSS Guard database.db"
    )
    move.add_argument("--json", action="store_true")
    return {"opml": cmd_opml, "import-from": cmd_import_from}


def cmd_opml(lib: Library, args: argparse.Namespace) -> int:
    if args.opml_action == "export":
        return _export(lib, args.file, args.force)
    report = lib.import_opml(args.file)
    return _report(report, args.json, articles=False)


def _export(lib: Library, path: Path, force: bool) -> int:
    with overwrite_hint():
        lib.export_opml(path, force=force)
    say(f"exported {len(lib.feeds())} subscription(s) to {safe(str(path))}")
    return 0


def cmd_import_from(lib: Library, args: argparse.Namespace) -> int:
    report = lib.import_database(args.file, args.reader)
    return _report(report, args.json, articles=True)


def _report(report: ImportReport, as_json: bool, *, articles: bool) -> int:
    if as_json:
        print_json(
            {
                "added": report.added,
                "skipped_existing": report.skipped_existing,
                "articles_added": report.articles_added,
                "feed_ids": list(report.feed_ids),
                "problems": report.problems,
            }
        )
    else:
        line = f"added {report.added} subscription(s), {report.skipped_existing} already there"
        if articles:
            line += f", {report.articles_added} article(s)"
        say(line)
    for problem in report.problems:
        warn(f"warning: {problem}")
    nothing = report.added + report.skipped_existing == 0
    return 1 if nothing and report.problems else 0
