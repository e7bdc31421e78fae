"""Site rule commands: ``rules --list``, ``rules --check`` and ``reextract``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from newsreader.cli.output import print_json, safe, say, warn

if TYPE_CHECKING:
    from newsreader.cli.output import Handler
    from newsreader.core import Library, SiteHealth


def register(sub: argparse._SubParsersAction) -> dict[str, Handler]:  # type: ignore[type-arg]
    rules = sub.add_parser(
        "rules",
        help="list the site rules, or check how well they read the cached articles",
    )
    which = rules.add_mutually_exclusive_group()
    which.add_argument(
        "--list", action="store_true", help="the rules loaded, their files and hosts (default)"
    )
    which.add_argument(
        "--check",
        action="store_true",
        help="per site, how many cached articles each extraction path produced, and why "
        "rules fell back",
    )
    rules.add_argument("--json", action="store_true")

    again = sub.add_parser(
        "reextract", help="extract the kept article pages again with the current rules, offline"
    )
    again.add_argument("--feed", type=int, dest="feed_id", metavar="ID")
    again.add_argument("--site", metavar="NAME", help="a rule name or a host")
    again.add_argument("--json", action="store_true")
    return {"rules": cmd_rules, "reextract": cmd_reextract}


def cmd_rules(lib: Library, args: argparse.Namespace) -> int:
    if args.check:
        return _check(lib, args.json)
    from newsreader.core import bundled_rules_dir

    bundled = str(bundled_rules_dir())
    rows: list[dict[str, Any]] = [
        {
            "name": rule.name,
            "source": rule.source,
            "origin": "bundled" if rule.source.startswith(bundled) else "user",
            "hosts": list(rule.hosts),
        }
        for rule in sorted(lib.rules.rules, key=lambda r: r.name)
    ]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        say(f"{safe(row['name'])}  ({row['origin']}: {safe(row['source'])})")
        say(f"    hosts: {safe(', '.join(row['hosts']))}")
    if not rows:
        say("no site rules loaded")
    return 0


def health_dict(health: SiteHealth) -> dict[str, Any]:
    return {
        "site": health.site,
        "rule": health.has_rule,
        "total": health.total,
        "fallbacks": health.fallbacks,
        "paths": dict(health.paths),
        "notes": [{"note": note, "count": count} for note, count in health.notes],
    }


def _check(lib: Library, as_json: bool) -> int:
    report = lib.rule_health()
    if as_json:
        print_json([health_dict(h) for h in report])
        return 0
    if not report:
        say("no cached articles yet")
    for h in report:
        kind = "rule" if h.has_rule else "no rule"
        paths = "  ".join(f"{path} {count}" for path, count in h.paths)
        say(f"{safe(h.site)} ({kind}): {h.total} article(s)  {safe(paths)}")
        for note, count in h.notes:
            say(f"    {count:5}x  {safe(note)}")
    return 0


def cmd_reextract(lib: Library, args: argparse.Namespace) -> int:
    if args.site and lib.rules.get(args.site) is None and "." not in args.site:
        warn(f"no site rule called {args.site!r}")
        return 1
    result = lib.reextract(feed_id=args.feed_id, site=args.site)
    if args.json:
        print_json(
            {
                "checked": result.checked,
                "changed": result.changed,
                "changed_path": result.changed_path,
                "changed_text": result.changed_text,
            }
        )
        return 0
    say(
        f"re-read {result.checked} kept page(s): {result.changed} article(s) changed, "
        f"{result.changed_path} read by another path, {result.changed_text} with other text"
    )
    return 0
