"""``rules --list``, ``rules --check``, ``reextract`` and ``show --json``'s update fields,
in process, against the demo site on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.demo import install_demo_rule
from tests.cli.runner import run


@pytest.fixture
def refreshed(tmp_path: Path, demo_site, capsys) -> str:
    data = str(tmp_path / "lib")
    install_demo_rule(tmp_path / "lib", demo_site.base_url)
    assert run(capsys, "--data-dir", data, "add", demo_site.url("/rss"))[0] == 0
    code, _, err = run(capsys, "--data-dir", data, "refresh")
    assert code == 0, err
    return data


def test_rules_list(refreshed: str, demo_site, capsys) -> None:
    code, out, _ = run(capsys, "--data-dir", refreshed, "rules", "--list", "--json")
    rules = {r["name"]: r for r in json.loads(out)}
    assert code == 0
    assert rules["elshinta"]["origin"] == "user"  # the demo's copy overrides the bundled one
    assert rules["elshinta"]["source"].endswith(str(Path("sites") / "elshinta.json"))
    assert "127.0.0.1" in rules["elshinta"]["hosts"]
    assert "elshinta.com" in rules["elshinta"]["hosts"]
    code, out, _ = run(capsys, "--data-dir", refreshed, "rules")
    assert code == 0 and out.startswith("elshinta  (user: ") and "hosts: elshinta.com" in out


def test_rules_check_and_reextract(refreshed: str, capsys) -> None:
    code, out, _ = run(capsys, "--data-dir", refreshed, "rules", "--check", "--json")
    (site,) = json.loads(out)
    assert code == 0
    total = site["total"]
    assert site["site"] == "elshinta" and site["rule"] is True and total >= 11
    assert site["paths"] == {"site:elshinta": total} and site["fallbacks"] == 0
    code, out, _ = run(capsys, "--data-dir", refreshed, "rules", "--check")
    assert out.splitlines()[0] == f"elshinta (rule): {total} article(s)  site:elshinta {total}"

    code, out, _ = run(capsys, "--data-dir", refreshed, "reextract", "--json")
    assert code == 0
    assert json.loads(out) == {
        "checked": total,
        "changed": 0,
        "changed_path": 0,
        "changed_text": 0,
    }
    code, out, _ = run(capsys, "--data-dir", refreshed, "reextract", "--site", "elshinta")
    assert code == 0 and out.startswith(f"re-read {total} kept page(s): 0 article(s) changed")
    code, _, err = run(capsys, "--data-dir", refreshed, "reextract", "--site", "elsinta")
    assert code == 1 and "no site rule called 'elsinta'" in err
    code, _, err = run(capsys, "--data-dir", refreshed, "reextract", "--feed", "99")
    assert code == 1 and "no subscription with id 99" in err


def test_rules_check_on_an_empty_library(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "x"), "rules", "--check")
    assert code == 0 and out == "no cached articles yet\n"


def test_show_json_has_update_fields(refreshed: str, capsys) -> None:
    rows = json.loads(run(capsys, "--data-dir", refreshed, "articles", "--json")[1])
    shown = json.loads(
        run(capsys, "--data-dir", refreshed, "show", str(rows[0]["id"]), "--json")[1]
    )
    assert shown["updated_at"] is None and shown["versions"] == 0
