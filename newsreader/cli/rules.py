"""Site rule commands: ``rules --list``, ``rules --check`` and ``reextract``
(point 6)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsreader.core import Library, SiteHealth

Handler = Callable[["Library", argparse.Namespace], int]


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


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_rules(lib: Library, args: argparse.Namespace) -> int:
    if args.check:
        return _check(lib, args.json)
    from newsreader.core import bundled_rules_dir

    bundled = str(bundled_rules_dir())
    rows = [
        {
            "name": rule.name,
            "source": rule.source,
            "origin": "bundled" if rule.source.startswith(bundled) else "user",
            "hosts": list(rule.hosts),
        }
        for rule in sorted(lib.rules.rules, key=lambda r: r.name)
    ]
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        print(f"{row['name']}  ({row['origin']}: {row['source']})")
        print(f"    hosts: {', '.join(row['hosts'])}")
    if not rows:
        print("no site rules loaded")
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
        _print_json([health_dict(h) for h in report])
        return 0
    if not report:
        print("no cached articles yet")
    for h in report:
        kind = "rule" if h.has_rule else "no rule"
        paths = "  ".join(f"{path} {count}" for path, count in h.paths)
        print(f"{h.site} ({kind}): {h.total} article(s)  {paths}")
        for note, count in h.notes:
            print(f"    {count:5}x  {note}")
    return 0


def cmd_reextract(lib: Library, args: argparse.Namespace) -> int:
    if args.site and lib.rules.get(args.site) is None and "." not in args.site:
        print(f"newsreader: no site rule called {args.site!r}", file=sys.stderr)
        return 1
    result = lib.reextract(feed_id=args.feed_id, site=args.site)
    if args.json:
        _print_json(
            {
                "checked": result.checked,
                "changed": result.changed,
                "changed_path": result.changed_path,
                "changed_text": result.changed_text,
            }
        )
        return 0
    print(
        f"re-read {result.checked} kept page(s): {result.changed} article(s) changed, "
        f"{result.changed_path} read by another path, {result.changed_text} with other text"
    )
    return 0
