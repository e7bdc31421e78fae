"""Site rules: loading, overriding, validation, host matching."""

from __future__ import annotations

import json
import logging
from dataclasses import fields
from pathlib import Path

import pytest

from newsreader.core.extract.site_rules import (
    RuleSet,
    SiteRule,
    bundled_rules_dir,
    load_rules,
    rule_from_dict,
)
from newsreader.core.resources import resources_dir

SEED = "https://elshinta.com/news/227891/2020/10/26/belarus-dan-rusia-dikabarkan-akan-menanggapi-ancaman-eksternal-bersama"


def write(directory: Path, name: str, data: object) -> Path:
    path = directory / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_bundled_rules_load_without_warnings(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        rules = load_rules()
    assert not caplog.records
    elshinta = rules.get("elshinta")
    assert elshinta is not None
    assert {"elshinta.com", "www.elshinta.com"} <= set(elshinta.hosts)
    for name in ("title", "body", "date", "author", "lead_image", "related", "strip"):
        assert getattr(elshinta, name), name
    assert elshinta.source.endswith("elshinta.json")


@pytest.mark.parametrize(
    ("url", "found"),
    [
        (SEED, True),
        (SEED.replace("://elshinta", "://www.elshinta"), True),
        (SEED.replace("://elshinta", "://m.elshinta"), True),
        ("https://ELSHINTA.COM:8443/indeks", True),
        ("https://elshinta.com.evil.example/news/1/2020/10/26/x", False),
        ("https://notelshinta.com/news/1/2020/10/26/x", False),
        ("https://detik.com/", False),
        ("not a url", False),
        ("http://[::1", False),
        ("", False),
    ],
)
def test_for_url_matches_host_and_parent_domains(url: str, found: bool) -> None:
    rule = load_rules().for_url(url)
    assert (rule is not None and rule.name == "elshinta") is found


@pytest.mark.parametrize(
    ("url", "is_article"),
    [
        (SEED, True),
        ("http://127.0.0.1:8080/news/250418/2021/06/15/serangan-di-afghanistan", True),
        ("/news/250418/2021/06/15/serangan-di-afghanistan", True),
        ("https://elshinta.com/news/250418/2021/06/15/serangan?utm=x", True),
        ("https://elshinta.com/kategori/5/internasional", False),
        ("https://elshinta.com/indeks", False),
        ("https://elshinta.com/news/250418/2021/06/15/slug/komentar/2", False),
        ("https://elshinta.com/live/radio", False),
    ],
)
def test_elshinta_article_url(url: str, is_article: bool) -> None:
    rule = load_rules().get("elshinta")
    assert rule is not None and rule.is_article_url(url) is is_article


def test_user_rule_replaces_bundled_rule_of_same_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        "mine.json",
        {"name": "elshinta", "hosts": ["elshinta.com"], "body": [".isi-berita"]},
    )
    rules = load_rules(tmp_path)
    rule = rules.for_url(SEED)
    assert rule is not None and rule.body == (".isi-berita",)
    assert rule.title == ()
    assert len([r for r in rules.rules if r.name == "elshinta"]) == 1
    # The bundled host www.elshinta.com is gone with the bundled rule; the parent matches.
    assert rules.for_url("https://www.elshinta.com/") is rule


def test_user_rule_adds_a_site(tmp_path: Path) -> None:
    write(tmp_path, "contoh.json", {"name": "contoh", "hosts": "contoh.co.id", "title": "h1"})
    rules = load_rules(tmp_path)
    assert rules.get("elshinta") is not None
    rule = rules.for_url("https://news.contoh.co.id/a")
    assert rule is not None and rule.name == "contoh" and rule.title == ("h1",)


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '"just a string"',
        {"hosts": ["x.id"]},
        {"name": "", "hosts": ["x.id"]},
        {"name": "x"},
        {"name": "x", "hosts": []},
        {"name": "x", "hosts": "x.id", "title": 5},
        {"name": "x", "hosts": "x.id", "title": ["h1", 3]},
        {"name": "x", "hosts": "x.id", "body": ["div[[["]},
        {"name": "x", "hosts": "x.id", "strip": [":not-a-pseudo(x)"]},
        {"name": "x", "hosts": "x.id", "article_url": "(unclosed"},
        {"name": "x", "hosts": "x.id", "article_url": 7},
    ],
)
def test_invalid_rule_files_are_logged_and_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: object
) -> None:
    bad = write(tmp_path, "bad.json", content)
    write(tmp_path, "good.json", {"name": "good", "hosts": ["good.id"], "title": "h1"})
    with caplog.at_level(logging.WARNING, logger="newsreader.core.extract.site_rules"):
        rules = load_rules(tmp_path)
    assert rules.get("good") is not None
    assert rules.get("elshinta") is not None
    assert rules.for_url("https://x.id/") is None
    assert any(str(bad) in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


def test_unreadable_file_is_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    with caplog.at_level(logging.WARNING):
        rules = load_rules(tmp_path)
    assert rules.get("elshinta") is not None
    assert caplog.records


def test_unknown_keys_warn_but_load(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        rule = rule_from_dict({"name": "x", "hosts": ["x.id"], "titel": "h1", "_note": "ok"})
    assert rule.name == "x"
    assert "titel" in caplog.text and "_note" not in caplog.text


def test_missing_directories_are_fine(tmp_path: Path) -> None:
    rules = load_rules(tmp_path / "does-not-exist")
    assert rules.get("elshinta") is not None


def test_later_rule_wins_a_shared_host() -> None:
    first = SiteRule(name="a", hosts=("x.id",))
    second = SiteRule(name="b", hosts=("x.id",))
    assert RuleSet([first, second]).for_url("https://x.id/") is second


def test_with_hosts_aliases_a_rule() -> None:
    rules = load_rules().with_hosts("elshinta", ["127.0.0.1"])
    rule = rules.for_url("http://127.0.0.1:8080/news/1/2020/10/26/x")
    assert rule is not None and rule.name == "elshinta"
    assert rules.for_url(SEED) is rule
    assert load_rules().for_url("http://127.0.0.1/") is None


def test_empty_ruleset_is_still_a_ruleset() -> None:
    assert RuleSet([]) is not None and RuleSet([]).for_url(SEED) is None


def test_bundled_dir_is_in_resources() -> None:
    assert bundled_rules_dir() == resources_dir() / "sites"


def test_readme_documents_every_field() -> None:
    readme = (bundled_rules_dir() / "README.md").read_text(encoding="utf-8")
    for field in fields(SiteRule):
        if field.name != "source":
            assert f"`{field.name}`" in readme, field.name


def test_every_bundled_rule_file_is_valid() -> None:
    for path in bundled_rules_dir().glob("*.json"):
        rule_from_dict(json.loads(path.read_text(encoding="utf-8")), source=str(path))
