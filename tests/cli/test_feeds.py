"""``add``, ``feeds``, ``feed`` and ``remove`` (``cli/feeds.py``), in process, against the demo site
on loopback."""

from __future__ import annotations

import json

import pytest

from newsreader.cli.frontend import main
from tests.cli.runner import run


def test_cli_does_not_add_builtin_defaults(subscribed: str, capsys) -> None:
    _code, out, _ = run(capsys, "--data-dir", subscribed, "feeds", "--json")
    assert not any("elshinta.com" in f["url"] for f in json.loads(out))


def test_feed_settings(subscribed: str, capsys) -> None:
    feeds = json.loads(run(capsys, "--data-dir", subscribed, "feeds", "--json")[1])
    feed_id = str(feeds[0]["id"])
    code, out, err = run(
        capsys,
        "--data-dir",
        subscribed,
        "feed",
        feed_id,
        "--interval",
        "60",
        "--full-article",
        "off",
        "--folder",
        "Berita",
        "--json",
    )
    info = json.loads(out)
    assert code == 0, err
    assert (info["interval_minutes"], info["full_article"], info["folder"]) == (60, False, "Berita")
    code, out, _ = run(
        capsys,
        "--data-dir",
        subscribed,
        "feed",
        feed_id,
        "--interval",
        "default",
        "--full-article",
        "auto",
        "--json",
    )
    info = json.loads(out)
    assert (info["interval_minutes"], info["full_article"], info["folder"]) == (
        None,
        None,
        "Berita",
    )
    assert (info["notify"], info["show_summary"]) == (False, False)
    for choice, on in (("on", True), ("off", False)):
        code, out, err = run(
            capsys, "--data-dir", subscribed, "feed", feed_id, "--notify", choice, "--json"
        )
        assert code == 0, err
        assert json.loads(out)["notify"] is on
        feeds = json.loads(run(capsys, "--data-dir", subscribed, "feeds", "--json")[1])
        assert next(f for f in feeds if str(f["id"]) == feed_id)["folder"] == "Berita"
    with pytest.raises(SystemExit) as refused:
        main(["--data-dir", subscribed, "feed", feed_id, "--notify", "ya"])
    assert refused.value.code == 2 and "invalid choice" in capsys.readouterr().err
    code, _, err = run(capsys, "--data-dir", subscribed, "feed", feed_id, "--interval", "0")
    assert code == 1 and "between 1 minute and 7 days" in err
    code, _, err = run(capsys, "--data-dir", subscribed, "feed", "999")
    assert code == 1 and "no subscription with id 999" in err
