"""Subscription commands: ``add``, ``feeds``, ``feed`` (show or change one) and ``remove``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsreader.cli.output import print_json, safe, say, warn

if TYPE_CHECKING:
    from newsreader.cli.output import Handler
    from newsreader.core import Feed, Library


def _number_or_default(what: str) -> Callable[[str], int | None]:
    """An argument type: a whole number, or None for "default" (follow the settings)."""

    def parse(text: str) -> int | None:
        if text == "default":
            return None
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None

    return parse


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
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

    _register_feed(sub)

    remove = sub.add_parser("remove", help="unsubscribe from a feed")
    remove.add_argument("feed_id", type=int)
    remove.add_argument(
        "--delete-starred",
        action="store_true",
        help="also delete the feed's starred articles (kept by default)",
    )
    return {"add": cmd_add, "feeds": cmd_feeds, "feed": cmd_feed, "remove": cmd_remove}


def _register_feed(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    feed = sub.add_parser("feed", help="show or change one subscription's settings")
    feed.add_argument("feed_id", type=int, metavar="ID")
    feed.add_argument("--title")
    feed.add_argument("--folder")
    feed.add_argument(
        "--interval",
        type=_number_or_default("a number of minutes"),
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
    pause.add_argument(
        "--pause", dest="paused", action="store_const", const=True, help="stop checking this feed"
    )
    pause.add_argument(
        "--resume", dest="paused", action="store_const", const=False, help="check this feed again"
    )
    for flag, what in (("--keep-days", "DAYS"), ("--keep-per-feed", "COUNT")):
        feed.add_argument(
            flag,
            type=_number_or_default("a number"),
            default=argparse.SUPPRESS,
            metavar=f"{what}|default",
            help="this feed's retention (0: no limit; 'default': the setting)",
        )
    feed.add_argument(
        "--notify",
        choices=("on", "off"),
        help="a desktop notification when this feed brings new articles",
    )
    feed.add_argument("--json", action="store_true")


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


def cmd_add(lib: Library, args: argparse.Namespace) -> int:
    from newsreader.core import FeedError

    failed = 0
    for url in args.urls:
        try:
            feed = lib.add_feed(url, folder=args.folder, full_article=args.full_article)
        except FeedError as exc:
            warn(f"cannot subscribe to {url}: {exc.message}")
            failed += 1
        else:
            say(f"{feed.id}\t{safe(feed.title)}\t{safe(feed.url)}")
    return 1 if failed else 0


def cmd_feeds(lib: Library, args: argparse.Namespace) -> int:
    feeds = lib.feeds()
    if args.json:
        print_json([_feed_dict(f) for f in feeds])
        return 0
    for f in feeds:
        folder = f"[{safe(f.folder)}] " if f.folder else ""
        error = f"\n    error: {safe(f.error)}" if f.error else ""
        say(f"{f.id:4}  {f.unread:5}/{f.total:<5}  {folder}{safe(f.title)}  <{safe(f.url)}>{error}")
    return 0


def _feed_options(args: argparse.Namespace) -> dict[str, Any]:
    """What ``feed`` was asked to change, as ``Library.set_feed_options`` takes it."""
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
    if args.notify is not None:
        options["notify"] = args.notify == "on"
    return options


def cmd_feed(lib: Library, args: argparse.Namespace) -> int:
    options = _feed_options(args)
    try:
        feed = lib.set_feed_options(args.feed_id, **options) if options else lib.feed(args.feed_id)
    except ValueError as exc:
        warn(str(exc))
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
        "notify": feed.notify,
        "show_summary": feed.show_summary,
    }
    if args.json:
        print_json(info)
    else:
        for key, value in info.items():
            say(f"{key}: {'' if value is None else safe(str(value))}")
    return 0


def cmd_remove(lib: Library, args: argparse.Namespace) -> int:
    lib.remove_feed(args.feed_id, keep_starred=not args.delete_starred)
    return 0
