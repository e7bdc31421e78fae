"""``articles``, ``show``, ``star``/``unstar`` and ``read``/``unread`` (``cli/articles.py``) as
text, in process, against the demo site on loopback. Their JSON is in test_main's whole flow."""

from __future__ import annotations

import json

import pytest

from tests.cli.runner import run


@pytest.fixture
def refreshed(subscribed: str, capsys) -> str:
    code, _, err = run(capsys, "--data-dir", subscribed, "refresh")
    assert code == 0, err
    return subscribed


def _rows(capsys, data: str, *options: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "--data-dir", data, "articles", *options, "--json")
    assert code == 0, err
    return json.loads(out)


def test_list_as_text(refreshed: str, demo_site, capsys) -> None:
    seed = next(r for r in _rows(capsys, refreshed) if r["url"] == demo_site.seed["url"])
    code, out, _ = run(capsys, "--data-dir", refreshed, "articles")
    assert code == 0 and len(out.splitlines()) == 11
    title = demo_site.seed["title"]
    assert f"{seed['id']:6}  N 2020-10-26 11:26  {title}\n" in out  # unread, not starred

    run(capsys, "--data-dir", refreshed, "star", str(seed["id"]))
    run(capsys, "--data-dir", refreshed, "read", str(seed["id"]))
    code, out, _ = run(capsys, "--data-dir", refreshed, "articles", "--starred")
    assert (code, out) == (0, f"{seed['id']:6} *  2020-10-26 11:26  {title}\n")
    code, out, _ = run(capsys, "--data-dir", refreshed, "articles", "--starred", "--unread")
    assert (code, out) == (0, "")  # both: starred and still unread


def test_show_as_text(refreshed: str, demo_site, capsys) -> None:
    seed = demo_site.seed
    row = next(r for r in _rows(capsys, refreshed) if r["url"] == seed["url"])
    code, out, _ = run(capsys, "--data-dir", refreshed, "show", str(row["id"]))
    title, meta, url, blank, *_ = out.splitlines()
    assert code == 0 and (title, url, blank) == (seed["title"], seed["url"], "")
    assert meta.split(" | ")[1:3] == ["2020-10-26T11:26:00+07:00", seed["author"]]
    assert seed["first_paragraph"][:60] in out
    assert "\nBaca Juga:\n" in out and f"\n  {seed['related'][0]['url']}\n" in out
    assert out.endswith("\n[site:elshinta]\n")


def test_marks_undone(refreshed: str, capsys) -> None:
    first, second = (r["id"] for r in _rows(capsys, refreshed, "--limit", "2"))
    for command in ("star", "read"):
        assert run(capsys, "--data-dir", refreshed, command, str(first), str(second))[0] == 0
    assert [r["id"] for r in _rows(capsys, refreshed, "--starred")] == [first, second]
    assert run(capsys, "--data-dir", refreshed, "unstar", str(second))[0] == 0
    assert run(capsys, "--data-dir", refreshed, "unread", str(second))[0] == 0
    rows = {r["id"]: r for r in _rows(capsys, refreshed)}
    assert (rows[first]["starred"], rows[first]["read"]) == (True, True)
    assert (rows[second]["starred"], rows[second]["read"]) == (False, False)
