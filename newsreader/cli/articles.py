"""Article commands: ``articles`` (the list), ``show`` (one), ``star``/``unstar`` and
``read``/``unread``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsreader.cli.output import print_json, safe, say, summary_dict, summary_line

if TYPE_CHECKING:
    from newsreader.cli.output import Handler
    from newsreader.core import Entry, Library, View

_STATES = (
    ("star", "star an article"),
    ("unstar", "remove a star"),
    ("read", "mark an article read"),
    ("unread", "mark an article unread"),
)


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    articles = sub.add_parser("articles", help="list articles, newest first")
    articles.add_argument("--feed", type=int, dest="feed_id")
    articles.add_argument("--unread", action="store_true")
    articles.add_argument("--starred", action="store_true")
    articles.add_argument("--limit", type=int)
    articles.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="show one article")
    show.add_argument("entry_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")

    for name, text in _STATES:
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("entry_ids", type=int, nargs="+", metavar="ID")
    return {"articles": cmd_articles, "show": cmd_show, **{name: cmd_state for name, _ in _STATES}}


def cmd_articles(lib: Library, args: argparse.Namespace) -> int:
    view: View = "starred" if args.starred else "unread" if args.unread else "all"
    rows = lib.entries(feed_id=args.feed_id, view=view, limit=args.limit)
    if args.unread and args.starred:
        rows = [r for r in rows if not r.read]
    if args.json:
        print_json([summary_dict(r) for r in rows])
        return 0
    for r in rows:
        say(summary_line(r))
    return 0


def cmd_show(lib: Library, args: argparse.Namespace) -> int:
    from newsreader.core import entry_to_dict

    entry = lib.entry(args.entry_id)
    if args.json:
        print_json(entry_to_dict(entry))
    else:
        _show_text(entry)
    return 0


def _show_text(entry: Entry) -> None:
    say(safe(entry.title))
    meta = [
        entry.feed_title,
        entry.published.isoformat() if entry.published else "",
        entry.author,
        entry.origin,
    ]
    say(" | ".join(safe(part) for part in meta if part))
    say(f"{safe(entry.url)}\n\n{safe(entry.text, multiline=True)}")
    if entry.related:
        say("\nBaca Juga:")
        for link in entry.related:
            when = f" ({link.published:%Y-%m-%d %H:%M})" if link.published else ""
            say(f"- {safe(link.title)}{when}\n  {safe(link.url)}")
    note = f": {entry.extraction_note}" if entry.extraction_note else ""
    say(f"\n[{safe(entry.extraction + note)}]")


def cmd_state(lib: Library, args: argparse.Namespace) -> int:
    for entry_id in args.entry_ids:
        if args.command in ("star", "unstar"):
            lib.set_starred(entry_id, args.command == "star")
        else:
            lib.entry(entry_id)  # not-found check
            lib.mark_read([entry_id], args.command == "read")
    return 0
