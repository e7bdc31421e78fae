"""Command line: the GUI launcher and headless commands over the core ``Library``."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader import __version__

if TYPE_CHECKING:
    from newsreader.core import Entry, EntrySummary, Feed, Library, UpdateResult

log = logging.getLogger("newsreader")


def _interval(text: str) -> int | None:
    if text == "default":
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of minutes: {text!r}") from None


def _keep(text: str) -> int | None:
    if text == "default":
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="Desktop news reader. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    parser.add_argument(
        "--data-dir",
        help="library folder (default: $NEWSREADER_DATA_DIR or the platform's data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="serve the bundled sample site locally and open a fresh library subscribed to it",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    add = sub.add_parser("add", help="subscribe to feed or site URLs")
    add.add_argument("urls", nargs="+", metavar="URL")
    add.add_argument("--folder", default="", help="put the subscriptions in this folder")
    add.add_argument(
        "--no-full-article",
        dest="full_article",
        action="store_false",
        default=None,
        help="keep what the feed carries; do not fetch article pages",
    )

    feeds = sub.add_parser("feeds", help="list subscriptions")
    feeds.add_argument("--json", action="store_true")

    feed = sub.add_parser("feed", help="show or change one subscription's settings")
    feed.add_argument("feed_id", type=int, metavar="ID")
    feed.add_argument("--title")
    feed.add_argument("--folder")
    feed.add_argument(
        "--interval",
        type=_interval,
        default=argparse.SUPPRESS,
        metavar="MINUTES|default",
        help="how often to check this feed; 'default' follows the global setting",
    )
    feed.add_argument(
        "--full-article",
        choices=("on", "off", "auto"),
        help="fetch each item's page (auto: when the site has a rule or the feed "
        "carries only summaries)",
    )
    pause = feed.add_mutually_exclusive_group()
    pause.add_argument("--pause", dest="paused", action="store_const", const=True,
                       help="stop checking this feed")
    pause.add_argument("--resume", dest="paused", action="store_const", const=False,
                       help="check this feed again")
    for flag, what in (("--keep-days", "DAYS"), ("--keep-per-feed", "COUNT")):
        feed.add_argument(flag, type=_keep, default=argparse.SUPPRESS, metavar=f"{what}|default",
                          help="this feed's retention (0: no limit; 'default': the setting)")
    feed.add_argument("--json", action="store_true")

    remove = sub.add_parser("remove", help="unsubscribe from a feed")
    remove.add_argument("feed_id", type=int)
    remove.add_argument(
        "--delete-starred",
        action="store_true",
        help="also delete the feed's starred articles (kept by default)",
    )

    refresh = sub.add_parser("refresh", help="fetch new articles of every subscription")
    refresh.add_argument("--feed", type=int, action="append", dest="feed_ids", metavar="ID")
    refresh.add_argument("--json", action="store_true")

    articles = sub.add_parser("articles", help="list articles, newest first")
    articles.add_argument("--feed", type=int, dest="feed_id")
    articles.add_argument("--unread", action="store_true")
    articles.add_argument("--starred", action="store_true")
    articles.add_argument("--limit", type=int)
    articles.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="show one article")
    show.add_argument("entry_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")

    for name, text in (
        ("star", "star an article"),
        ("unstar", "remove a star"),
        ("read", "mark an article read"),
        ("unread", "mark an article unread"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("entry_ids", type=int, nargs="+", metavar="ID")

    serve = sub.add_parser("serve-demo", help="serve the sample site on 127.0.0.1 until Ctrl-C")
    serve.add_argument("--port", type=int, default=0)
    for module in _command_modules():
        COMMANDS.update(module.register(sub))
    return parser


# Further commands live in modules of their own: each has ``register(sub) -> {name: handler}``,
# a handler being ``(library, args) -> exit status``. A handler with ``needs_library = False``
# gets None instead of a library and opens no database.
COMMAND_MODULES: tuple[str, ...] = (
    "newsreader.cli.rules",
    "newsreader.cli.extract",
    "newsreader.cli.opml",
    "newsreader.cli.export",
    "newsreader.cli.search",
)


def _command_modules() -> list[Any]:
    import importlib

    return [importlib.import_module(name) for name in COMMAND_MODULES]


def _feed_dict(feed: Feed) -> dict[str, Any]:
    return {
        "id": feed.id,
        "title": feed.title,
        "url": feed.url,
        "folder": feed.folder,
        "unread": feed.unread,
        "total": feed.total,
        "error": feed.error,
        "paused": feed.paused,
    }


def _summary_dict(entry: EntrySummary) -> dict[str, Any]:
    return {
        "id": entry.id,
        "feed_id": entry.feed_id,
        "title": entry.title,
        "url": entry.url,
        "published": entry.published.isoformat() if entry.published else None,
        "read": entry.read,
        "starred": entry.starred,
    }


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


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _show_text(entry: Entry) -> None:
    out = sys.stdout
    out.write(f"{entry.title}\n")
    meta = [
        entry.feed_title,
        entry.published.isoformat() if entry.published else "",
        entry.author,
        entry.origin,
    ]
    out.write(" | ".join(part for part in meta if part) + "\n")
    out.write(f"{entry.url}\n\n{entry.text}\n")
    if entry.related:
        out.write("\nBaca Juga:\n")
        for link in entry.related:
            when = f" ({link.published:%Y-%m-%d %H:%M})" if link.published else ""
            out.write(f"- {link.title}{when}\n  {link.url}\n")
    out.write(
        f"\n[{entry.extraction}{': ' + entry.extraction_note if entry.extraction_note else ''}]\n"
    )


def _cmd_add(lib: Library, args: argparse.Namespace) -> int:
    from newsreader.core import FeedError

    failed = 0
    for url in args.urls:
        try:
            feed = lib.add_feed(url, folder=args.folder, full_article=args.full_article)
        except FeedError as exc:
            print(f"newsreader: cannot subscribe to {url}: {exc.message}", file=sys.stderr)
            failed += 1
        else:
            print(f"{feed.id}\t{feed.title}\t{feed.url}")
    return 1 if failed else 0


def _cmd_feeds(lib: Library, args: argparse.Namespace) -> int:
    feeds = lib.feeds()
    if args.json:
        _print_json([_feed_dict(f) for f in feeds])
        return 0
    for f in feeds:
        folder = f"[{f.folder}] " if f.folder else ""
        error = f"\n    error: {f.error}" if f.error else ""
        print(f"{f.id:4}  {f.unread:5}/{f.total:<5}  {folder}{f.title}  <{f.url}>{error}")
    return 0


def _cmd_refresh(lib: Library, args: argparse.Namespace) -> int:
    results = lib.refresh(args.feed_ids)
    failed = [r for r in results if r.error]
    if args.json:
        _print_json([_result_dict(r) for r in results])
    else:
        for r in results:
            state = "not modified" if r.not_modified else f"{r.new} new, {r.updated} updated"
            print(f"{r.feed_id:4}  {state if not r.error else 'failed'}  {r.url}")
    for r in failed:
        print(f"newsreader: {r.url}: {r.error}", file=sys.stderr)
    return 1 if failed else 0


def _cmd_articles(lib: Library, args: argparse.Namespace) -> int:
    view = "starred" if args.starred else "unread" if args.unread else "all"
    rows = lib.entries(feed_id=args.feed_id, view=view, limit=args.limit)
    if args.unread and args.starred:
        rows = [r for r in rows if not r.read]
    if args.json:
        _print_json([_summary_dict(r) for r in rows])
        return 0
    for r in rows:
        flags = ("*" if r.starred else " ") + (" " if r.read else "N")
        when = f"{r.published:%Y-%m-%d %H:%M}" if r.published else " " * 16
        print(f"{r.id:6} {flags} {when}  {r.title}")
    return 0


def _cmd_show(lib: Library, args: argparse.Namespace) -> int:
    from newsreader.core import entry_to_dict

    entry = lib.entry(args.entry_id)
    if args.json:
        _print_json(entry_to_dict(entry))
    else:
        _show_text(entry)
    return 0


def _cmd_state(lib: Library, args: argparse.Namespace) -> int:
    for entry_id in args.entry_ids:
        if args.command in ("star", "unstar"):
            lib.set_starred(entry_id, args.command == "star")
        else:
            lib.entry(entry_id)  # not-found check
            lib.mark_read([entry_id], args.command == "read")
    return 0


def _cmd_feed(lib: Library, args: argparse.Namespace) -> int:
    options: dict[str, Any] = {}
    if args.title is not None:
        options["title"] = args.title
    if args.folder is not None:
        options["folder"] = args.folder
    if hasattr(args, "interval"):  # given: a number, or None for "default"
        options["interval_minutes"] = args.interval
    if args.full_article is not None:
        options["full_article"] = {"on": True, "off": False, "auto": None}[args.full_article]
    if args.paused is not None:
        options["paused"] = args.paused
    for name in ("keep_days", "keep_per_feed"):  # given: a number, or None for "default"
        if hasattr(args, name):
            options[name] = getattr(args, name)
    try:
        feed = lib.set_feed_options(args.feed_id, **options) if options else lib.feed(args.feed_id)
    except ValueError as exc:
        print(f"newsreader: {exc}", file=sys.stderr)
        return 1
    info = {
        **_feed_dict(feed),
        "kind": feed.kind,
        "interval_minutes": feed.interval_minutes,
        "full_article": feed.full_article,
        "last_fetched": feed.last_fetched.isoformat() if feed.last_fetched else None,
        "next_fetch": feed.next_fetch.isoformat() if feed.next_fetch else None,
        "keep_days": feed.keep_days,
        "keep_per_feed": feed.keep_per_feed,
    }
    if args.json:
        _print_json(info)
    else:
        for key, value in info.items():
            print(f"{key}: {'' if value is None else value}")
    return 0


def _cmd_remove(lib: Library, args: argparse.Namespace) -> int:
    lib.remove_feed(args.feed_id, keep_starred=not args.delete_starred)
    return 0


COMMANDS = {
    "add": _cmd_add,
    "feeds": _cmd_feeds,
    "refresh": _cmd_refresh,
    "articles": _cmd_articles,
    "show": _cmd_show,
    "star": _cmd_state,
    "unstar": _cmd_state,
    "read": _cmd_state,
    "unread": _cmd_state,
    "remove": _cmd_remove,
    "feed": _cmd_feed,
}


def _serve_demo(port: int, data_dir: str | None) -> int:
    from newsreader.demo import DemoServer, demo_feed_urls, install_demo_rule

    with DemoServer(port=port) as server:
        print(f"Serving the sample site at {server.base_url}/ (Ctrl-C to stop)", flush=True)
        if data_dir:
            from newsreader.core import resolve_data_dir

            install_demo_rule(resolve_data_dir(data_dir), server.base_url)
            urls = " ".join(demo_feed_urls(server.base_url))
            print(f"Try: newsreader --data-dir {data_dir} add {urls}", flush=True)
        try:
            import threading

            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


def _run_gui(args: argparse.Namespace) -> int:
    from newsreader.core import resolve_data_dir
    from newsreader.ui.app import run_gui

    if not args.demo:
        return run_gui(resolve_data_dir(args.data_dir))
    from newsreader.demo import DemoServer, demo_feed_urls, install_demo_rule

    with DemoServer() as server, tempfile.TemporaryDirectory(prefix="newsreader-demo-") as tmp:
        data_dir = resolve_data_dir(args.data_dir) if args.data_dir else Path(tmp)
        install_demo_rule(data_dir, server.base_url)
        return run_gui(
            data_dir, initial_urls=demo_feed_urls(server.base_url), builtin_defaults=False
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        return _run_gui(args)
    if args.command == "serve-demo":
        return _serve_demo(args.port, args.data_dir)
    from newsreader.core import NewsreaderError, open_library, resolve_data_dir

    handler = COMMANDS[args.command]
    try:
        if not getattr(handler, "needs_library", True):  # works on files alone (extract)
            return handler(None, args)  # type: ignore[arg-type]
        with open_library(resolve_data_dir(args.data_dir)) as lib:
            return handler(lib, args)
    except NewsreaderError as exc:
        message = getattr(exc, "message", None) or str(exc)
        url = getattr(exc, "url", "")
        print(f"newsreader: {message}{f' ({url})' if url else ''}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of the output went away (`newsreader feeds | head`): stop quietly, as
        # other command-line tools do; stdout goes nowhere so that exiting cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for such a tool


if __name__ == "__main__":
    sys.exit(main())
