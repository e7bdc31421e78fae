"""Search and retention commands: ``search QUERY`` and ``cleanup``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from newsreader.cli.output import note, print_json, safe, say, summary_dict, summary_line, warn

if TYPE_CHECKING:
    from newsreader.cli.output import Handler
    from newsreader.core import CleanupReport, Library


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    search = sub.add_parser(
        "search",
        help="full-text search of titles and article texts",
        description='Words must all occur; "a phrase" in quotes, -word leaves out, word* is a '
        "prefix, OR between two terms takes either. Case and accents do not matter.",
    )
    search.add_argument("query", metavar="QUERY", help="what to look for (quote it in the shell)")
    search.add_argument("--limit", type=_positive, default=50, help="at most this many (50)")
    search.add_argument("--feed", type=int, dest="feed_id", metavar="ID")
    search.add_argument("--unread", action="store_true", help="only unread articles")
    search.add_argument("--newest", action="store_true", help="newest first, not best first")
    search.add_argument("--json", action="store_true")

    cleanup = sub.add_parser(
        "cleanup",
        help="delete articles past the retention settings (never starred ones)",
        description="Applies keep_days and keep_per_feed (settings, or a feed's own) now; a "
        "refresh does this by itself at most once a day.",
    )
    cleanup.add_argument("--dry-run", action="store_true", help="only tell what would go")
    cleanup.add_argument("--json", action="store_true")
    return {"search": cmd_search, "cleanup": cmd_cleanup}


def cmd_search(lib: Library, args: argparse.Namespace) -> int:
    if args.feed_id is not None:
        lib.feed(args.feed_id)  # FeedNotFoundError for a wrong id
    if not lib.search_terms(args.query):
        warn(f"nothing to search for in {args.query!r}")
        return 1
    rows = lib.search(
        args.query,
        limit=args.limit,
        feed_id=args.feed_id,
        view="unread" if args.unread else "all",
        order="newest" if args.newest else "relevance",
    )
    if args.json:
        print_json([summary_dict(r, feed_title=True) for r in rows])
        return 0
    for r in rows:
        say(f"{summary_line(r)}  [{safe(r.feed_title)}]")
    if not rows:
        note("no articles found")
    return 0


def report_dict(report: CleanupReport) -> dict[str, Any]:
    return {
        "dry_run": report.dry_run,
        "articles": report.articles,
        "by_age": report.by_age,
        "by_count": report.by_count,
        "unsubscribed": report.unsubscribed,
        "pages": report.pages,
        "images": report.images,
        "feeds": {str(feed): count for feed, count in sorted(report.feeds.items())},
    }


def cmd_cleanup(lib: Library, args: argparse.Namespace) -> int:
    report = lib.clean_up(dry_run=args.dry_run)
    if args.json:
        print_json(report_dict(report))
        return 0
    verb = "would delete" if report.dry_run else "deleted"
    say(
        f"{verb} {report.articles} article(s): {report.by_age} by age, {report.by_count} over "
        f"the count per feed, {report.unsubscribed} of unsubscribed feeds; {report.pages} kept "
        f"page(s); {report.images} image(s) left to the image cache's budget"
    )
    settings = lib.settings
    if not (settings.keep_days or settings.keep_per_feed):
        say("retention is off (keep_days and keep_per_feed are 0): only feeds' own limits apply")
    return 0
