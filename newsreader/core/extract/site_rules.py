"""Site rules: per-site extraction recipes stored as data (resources/sites/*.json).

Every bundled ``resources/sites/*.json`` is loaded, then every ``*.json`` of the user's
directory (data_dir/sites); a user rule replaces the bundled one with the same ``name``.
A broken file is logged and skipped: a bad rule must never stop the reader. The format is
documented in resources/sites/README.md.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector

from newsreader.core.resources import resources_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteRule:
    """How to read one site. Selectors are CSS (lxml.cssselect); empty means "not known".

    Every selector field is a tuple tried in order; the first selector that finds something
    wins. ``related_item``, ``related_date`` and ``related_teaser`` refine how the related
    block is read (each item of the block, its date, its teaser); without them the block is
    read by the generic rules (one item per distinct article link).
    """

    name: str
    hosts: tuple[str, ...]
    article_url: str = ""  # regex an article URL of the site matches (index pages, related links)
    title: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    lead_image: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    strip: tuple[str, ...] = field(default=())
    related_item: tuple[str, ...] = ()
    related_date: tuple[str, ...] = ()
    related_teaser: tuple[str, ...] = ()
    source: str = ""  # the file the rule came from, for messages

    def is_article_url(self, url: str) -> bool:
        """Does ``url`` look like an article of this site? True when no pattern is known."""
        if not self.article_url:
            return True
        try:
            return re.search(self.article_url, url) is not None
        except re.error:
            return False


_SELECTOR_FIELDS = (
    "title",
    "body",
    "date",
    "author",
    "lead_image",
    "related",
    "strip",
    "related_item",
    "related_date",
    "related_teaser",
)
_KNOWN_KEYS = {f.name for f in fields(SiteRule)} - {"source"}


class RuleSet:
    """All known rules, looked up by the host of a URL."""

    def __init__(self, rules: Iterable[SiteRule]) -> None:
        self.rules = list(rules)
        self._by_host: dict[str, SiteRule] = {}
        for rule in self.rules:  # a later rule wins a host both claim
            for host in rule.hosts:
                self._by_host[host.lower().strip(".")] = rule

    def for_url(self, url: str) -> SiteRule | None:
        """The rule for the URL's host or its nearest parent domain (www.x.com -> x.com)."""
        try:
            host = (urlsplit(url.strip()).hostname or "").strip(".")
        except ValueError:
            return None
        labels = host.split(".") if host else []
        for i in range(len(labels)):
            rule = self._by_host.get(".".join(labels[i:]))
            if rule is not None:
                return rule
        return None

    def get(self, name: str) -> SiteRule | None:
        """The rule called ``name``, if any."""
        return next((rule for rule in self.rules if rule.name == name), None)

    def with_hosts(self, name: str, hosts: Iterable[str]) -> RuleSet:
        """A copy in which rule ``name`` also covers ``hosts`` (the demo site on 127.0.0.1
        is read with the Elshinta rule this way). Unchanged if there is no such rule."""
        extra = tuple(h.lower().strip(".") for h in hosts)
        return RuleSet(
            replace(rule, hosts=rule.hosts + extra) if rule.name == name else rule
            for rule in self.rules
        )


def bundled_rules_dir() -> Path:
    return resources_dir() / "sites"


def load_rules(user_dir: Path | None = None) -> RuleSet:
    """Bundled rules, then the user's (``user_dir/*.json``) replacing those of the same name."""
    rules: dict[str, SiteRule] = {}
    for directory in (bundled_rules_dir(), user_dir):
        if directory is None or not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.json")):
            rule = load_rule_file(path)
            if rule is not None:
                if rule.name in rules:
                    log.info(
                        "site rule %s from %s replaces %s", rule.name, path, rules[rule.name].source
                    )
                rules[rule.name] = rule
    return RuleSet(rules.values())


def load_rule_file(path: Path) -> SiteRule | None:
    """One rule file, or None (logged as a warning) when it cannot be used."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return rule_from_dict(data, source=str(path))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("site rule %s skipped: %s", path, exc)
        return None


def rule_from_dict(data: Any, source: str = "") -> SiteRule:
    """Build and check a rule from parsed JSON. Raises ValueError saying what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("a rule file must hold one JSON object")
    unknown = sorted(k for k in data if k not in _KNOWN_KEYS and not k.startswith("_"))
    if unknown:
        # Unknown keys are most likely typos ("titel"); say so but keep the rest usable.
        log.warning("site rule %s: unknown keys ignored: %s", source, ", ".join(unknown))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError('"name" must be a non-empty string')
    hosts = _strings(data.get("hosts"), "hosts")
    if not hosts:
        raise ValueError('"hosts" must list at least one host name')
    article_url = data.get("article_url", "")
    if not isinstance(article_url, str):
        raise ValueError('"article_url" must be a string (a regular expression)')
    try:
        re.compile(article_url)
    except re.error as exc:
        raise ValueError(f'"article_url" is not a valid regular expression: {exc}') from exc
    selectors = {key: _selectors(data.get(key), key) for key in _SELECTOR_FIELDS}
    return SiteRule(
        name=name.strip(),
        hosts=tuple(h.lower().strip().strip(".") for h in hosts),
        article_url=article_url,
        source=source,
        **selectors,
    )


def _strings(value: Any, key: str) -> tuple[str, ...]:
    """A string or a list of strings, as a tuple; ValueError otherwise."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f'"{key}" must be a string or a list of non-empty strings')
    return tuple(v.strip() for v in value)


def _selectors(value: Any, key: str) -> tuple[str, ...]:
    found = _strings(value, key)
    for selector in found:
        try:
            css(selector)
        except (SelectorError, etree.XPathError) as exc:
            raise ValueError(f'"{key}": invalid CSS selector {selector!r}: {exc}') from exc
    return found


@lru_cache(maxsize=512)
def css(selector: str) -> CSSSelector:
    """A compiled CSS selector (compiling costs more than matching, so it is cached)."""
    return CSSSelector(selector, translator="html")
