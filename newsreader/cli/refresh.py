"""``newsreader refresh``: fetch new articles of every subscription, or of some."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from newsreader.cli.output import print_json, safe, say, warn

if TYPE_CHECKING:
    from newsreader.cli.output import Handler
    from newsreader.core import Library, UpdateResult


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    refresh = sub.add_parser("refresh", help="fetch new articles of every subscription")
    refresh.add_argument("--feed", type=int, action="append", dest="feed_ids", metavar="ID")
    refresh.add_argument("--json", action="store_true")
    return {"refresh": cmd_refresh}


def _result_dict(result: UpdateResult) -> dict[str, Any]:
    return {
        "feed_id": result.feed_id,
        "url": result.url,
        "new": result.new,
        "updated": result.updated,
        "articles_fetched": result.articles_fetched,
        "not_modified": result.not_modified,
        "error": result.error,
    }


def cmd_refresh(lib: Library, args: argparse.Namespace) -> int:
    results = lib.refresh(args.feed_ids)
    failed = [r for r in results if r.error]
    if args.json:
        print_json([_result_dict(r) for r in results])
    else:
        for r in results:
            state = "not modified" if r.not_modified else f"{r.new} new, {r.updated} updated"
            say(f"{r.feed_id:4}  {state if not r.error else 'failed'}  {safe(r.url)}")
    # A feed's failure is its own line, after the results: the others were still refreshed.
    for r in failed:
        warn(f"{r.url}: {r.error}")
    return 1 if failed else 0
