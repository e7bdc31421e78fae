"""Re-extraction offline from the kept pages, and the rule health report."""

from __future__ import annotations

import json
from pathlib import Path

from newsreader.core.extract.site_rules import RuleSet, SiteRule
from newsreader.core.library import open_library
from newsreader.core.storage.rule_health import note_key
from newsreader.core.update.reextract import matches_site
from newsreader.demo import install_demo_rule
from tests.helpers.fake_fetcher import FakeFetcher


def break_rule(data: Path, base_url: str) -> None:
    """The demo's Elshinta rule with a body selector that finds nothing (a "redesign")."""
    path = install_demo_rule(data, base_url)
    rule = json.loads(path.read_text(encoding="utf-8"))
    rule["body"] = [".gone"]
    path.write_text(json.dumps(rule), encoding="utf-8")


def test_fixed_rule_reextracts_the_cache_offline(tmp_path: Path, demo_site) -> None:
    data = tmp_path / "data"
    break_rule(data, demo_site.base_url)
    with open_library(data) as lib:
        feed = lib.add_feed(demo_site.url("/rss"))
        lib.refresh()
        rows = lib.entries()
        seed = next(r for r in rows if r.url == demo_site.seed["url"])
        lib.mark_read([seed.id])
        lib.set_starred(seed.id)
        before = lib.entry(seed.id)
        assert before.extraction == "generic"
        assert before.extraction_note == "site rule elshinta: body not found"
        (health,) = lib.rule_health()
        assert (health.site, health.has_rule, health.fallbacks) == ("elshinta", True, health.total)
        assert health.paths == (("generic", health.total),)
        assert health.notes == (("site rule elshinta: body not found", health.total),)

    install_demo_rule(data, demo_site.base_url)  # the fixed rule
    offline = FakeFetcher()  # answers 404 to everything, and records it
    with open_library(data, fetcher=offline) as lib:
        result = lib.reextract()
        assert offline.requests == []
        assert result.checked == health.total
        assert result.changed == result.changed_path == health.total
        after = lib.entry(seed.id)
        assert (after.extraction, after.extraction_note) == ("site:elshinta", "")
        assert after.text.endswith("[vm/ft]") and after.origin == "VOA Indonesia"
        assert (after.read, after.starred) == (True, True)
        assert after.fetched_at == before.fetched_at
        assert [(p, n) for p, n in lib.rule_health()[0].paths] == [("site:elshinta", health.total)]
        # Nothing left to change; filters pick what is re-read.
        assert lib.reextract().changed == 0
        assert lib.reextract(site="elshinta").checked == health.total
        assert lib.reextract(site="127.0.0.1").checked == health.total
        assert lib.reextract(site="nowhere.example").checked == 0
        assert lib.reextract(feed_id=feed.id).checked == health.total


def test_health_of_sites_without_rules_and_failed_fetches(tmp_path: Path) -> None:
    from tests.core.test_library import FEED, PNG, SITE, art, page, rss

    fetcher = FakeFetcher()
    fetcher.responses[FEED] = rss([("satu", "Satu", "s"), ("dua", "Dua", "d"), ("tiga", "T", "t")])
    fetcher.responses[art("satu")] = page("satu")
    fetcher.responses[art("dua")] = page("dua")
    fetcher.responses[f"{SITE}/img/satu.png"] = PNG
    with open_library(tmp_path / "a", fetcher=fetcher, rules=RuleSet([])) as lib:
        lib.add_feed(FEED)
        lib.refresh()
        (health,) = lib.rule_health()
        assert (health.site, health.has_rule, health.total) == ("news.example.id", False, 3)
        assert dict(health.paths) == {"generic": 2, "summary": 1}
        assert health.notes[0][0].startswith("page could not be fetched: HTTP 404")
        assert health.fallbacks == 0
    rule = SiteRule("contoh", ("news.example.id",), title=(".gone",), body=("article",))
    with open_library(tmp_path / "b", fetcher=fetcher, rules=RuleSet([rule])) as lib:
        lib.add_feed(FEED)
        lib.refresh()
        (health,) = lib.rule_health()
        assert (health.site, health.has_rule, health.fallbacks) == ("contoh", True, 3)
        assert ("site rule contoh: title not found", 2) in health.notes


def test_note_key_and_site_match() -> None:
    assert note_key("site rule x: body too short (87 characters)") == (
        "site rule x: body too short (N characters)"
    )
    rules = RuleSet([SiteRule("elshinta", ("elshinta.com",))])
    assert matches_site("https://www.elshinta.com/news/1", "elshinta", rules)
    assert matches_site("https://m.detik.example/a", "detik.example", rules)
    assert not matches_site("https://elshinta.com/news/1", "detik.example", rules)
