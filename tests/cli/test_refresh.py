"""``refresh`` (``cli/refresh.py``), in process, against the demo site on loopback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.runner import run


def test_dead_host_reports_error_and_keeps_articles(tmp_path: Path, capsys) -> None:
    from newsreader.demo import DemoServer

    data = str(tmp_path / "lib")
    server = DemoServer()
    base = server.start()
    try:
        assert run(capsys, "--data-dir", data, "add", base + "/")[0] == 0
        assert run(capsys, "--data-dir", data, "refresh")[0] == 0
    finally:
        server.stop()
    before = json.loads(run(capsys, "--data-dir", data, "articles", "--json")[1])
    run(capsys, "--data-dir", data, "star", str(before[0]["id"]))
    code, out, err = run(capsys, "--data-dir", data, "refresh", "--json")
    assert code == 1 and "refused" in err.lower()
    assert all(r["error"] for r in json.loads(out))
    feeds = json.loads(run(capsys, "--data-dir", data, "feeds", "--json")[1])
    assert feeds[0]["error"]
    after = json.loads(run(capsys, "--data-dir", data, "articles", "--json")[1])
    assert [(r["id"], r["title"]) for r in after] == [(r["id"], r["title"]) for r in before]
    assert after[0]["starred"] is True


def test_full_article_off_keeps_what_the_feed_carries(subscribed: str, demo_site, capsys) -> None:
    feeds = json.loads(run(capsys, "--data-dir", subscribed, "feeds", "--json")[1])
    rss = next(f for f in feeds if f["url"].endswith("/rss"))
    run(capsys, "--data-dir", subscribed, "feed", str(rss["id"]), "--full-article", "off")
    assert run(capsys, "--data-dir", subscribed, "refresh", "--feed", str(rss["id"]))[0] == 0
    rows = json.loads(
        run(capsys, "--data-dir", subscribed, "articles", "--feed", str(rss["id"]), "--json")[1]
    )
    shown = json.loads(
        run(capsys, "--data-dir", subscribed, "show", str(rows[0]["id"]), "--json")[1]
    )
    assert shown["extraction"] == "feed" and shown["related"] == []
    assert shown["text"]  # the feed's summary
