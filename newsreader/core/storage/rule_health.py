"""Rule health: per site, how many cached articles each extraction path gave.

A site rule that starts falling back to the generic reader (a redesign moved the body, the
date line changed) shows up here before readers notice, with the notes saying why. Sites are
named by their rule, or by host when no rule covers them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsreader.core.extract.site_rules import RuleSet
from newsreader.core.storage.records import EntryRecord
from newsreader.core.storage.rows import tuples

# Notes carry counts ("body too short (87 characters)"); grouped without them.
_COUNT = re.compile(r"\(\d+ characters\)")


@dataclass(frozen=True)
class SiteHealth:
    """Extraction paths of one site's cached articles.

    ``paths`` maps each path (``site:NAME``, ``generic``, ``summary``, ``feed``) to a count;
    ``notes`` are the most common fallback notes with their counts, most common first.
    """

    site: str
    has_rule: bool
    total: int
    paths: tuple[tuple[str, int], ...]
    notes: tuple[tuple[str, int], ...]

    def count(self, path: str) -> int:
        return dict(self.paths).get(path, 0)

    @property
    def fallbacks(self) -> int:
        """Articles a rule should have read but another path did."""
        if not self.has_rule:
            return 0
        return self.total - self.count(f"site:{self.site}") - self.count("feed")


class _Tally:
    def __init__(self, has_rule: bool) -> None:
        self.has_rule = has_rule
        self.paths: Counter[str] = Counter()
        self.notes: Counter[str] = Counter()


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower() or "(no host)"
    except ValueError:
        return "(bad URL)"


def note_key(note: str) -> str:
    """A note with its variable counts removed, so equal causes group together."""
    return _COUNT.sub("(N characters)", note)


def rule_health(rules: RuleSet, *, top_notes: int = 3) -> list[SiteHealth]:
    """Every site with cached articles, most articles first.

    Streams (url, extraction, note) rows: memory grows with the number of sites, not
    articles. Hosts are resolved to rules once each.
    """
    sites: dict[str, _Tally] = {}
    site_of_host: dict[str, tuple[str, bool]] = {}
    query = (
        EntryRecord.select(EntryRecord.url, EntryRecord.extraction, EntryRecord.extraction_note)
        .where(EntryRecord.extraction != "")
        .tuples()
    )
    for url, extraction, note in tuples(query.iterator()):
        # "https://host:port/..." -> "host:port": a split is far cheaper than urlsplit, which
        # runs once per distinct netloc.
        netloc = url.split("/", 3)[2] if url.count("/") >= 2 else url
        named = site_of_host.get(netloc)
        if named is None:
            rule = rules.for_url(url)
            named = site_of_host[netloc] = (rule.name, True) if rule else (_host(url), False)
        tally = sites.get(named[0])
        if tally is None:
            tally = sites[named[0]] = _Tally(named[1])
        tally.paths[extraction] += 1
        if note:
            tally.notes[note_key(note)] += 1
    result = [
        SiteHealth(
            site=name,
            has_rule=tally.has_rule,
            total=sum(tally.paths.values()),
            paths=tuple(sorted(tally.paths.items(), key=lambda kv: (-kv[1], kv[0]))),
            notes=tuple(tally.notes.most_common(top_notes)),
        )
        for name, tally in sites.items()
    ]
    result.sort(key=lambda s: (-s.total, s.site))
    return result
