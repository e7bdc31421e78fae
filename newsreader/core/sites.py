"""Site rules: per-site extraction recipes stored as data (resources/sites/*.json).

STUB CONTRACT -- the extraction owner fills in loading and may add fields.
A user's rule file (data_dir/sites/NAME.json) overrides the bundled one of the same name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .resources import resources_dir


@dataclass(frozen=True)
class SiteRule:
    """How to read one site. Selectors are CSS (lxml.cssselect); empty means "not known"."""

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


class RuleSet:
    """All known rules, looked up by the host of a URL."""

    def __init__(self, rules: list[SiteRule]) -> None:
        self.rules = rules

    def for_url(self, url: str) -> SiteRule | None:
        raise NotImplementedError


def bundled_rules_dir() -> Path:
    return resources_dir() / "sites"


def load_rules(user_dir: Path | None = None) -> RuleSet:
    raise NotImplementedError
