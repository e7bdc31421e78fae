"""The command line, in process, against the demo site on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.cli.main import main
from newsreader.demo import demo_feed_urls, install_demo_rule


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def subscribed(tmp_path: Path, demo_site, capsys):
    data = str(tmp_path / "lib")
    install_demo_rule(tmp_path / "lib", demo_site.base_url)
    code, _out, err = run(capsys, "--data-dir", data, "add", *demo_feed_urls(demo_site.base_url))
    assert code == 0, err
    return data


def test_whole_flow(subscribed: str, demo_site, capsys, tmp_path: Path) -> None:
    data = subscribed
    code, out, _ = run(capsys, "--data-dir", data, "feeds", "--json")
    feeds = json.loads(out)
    assert code == 0 and len(feeds) == 2
    assert {f["url"] for f in feeds} == {
        demo_site.url("/rss"),
        demo_site.url("/kategori/5/internasional"),
    }
    assert all(set(f) >= {"id", "title", "url", "folder", "unread", "error"} for f in feeds)

    code, out, err = run(capsys, "--data-dir", data, "refresh", "--json")
    assert code == 0, err
    results = json.loads(out)
    assert sorted(r["new"] for r in results) == [7, 11] and not any(r["error"] for r in results)

    code, out, _ = run(capsys, "--data-dir", data, "articles", "--json")
    rows = json.loads(out)
    assert len(rows) == 11  # the 7 category articles are the feed's own, listed once
    code, out, _ = run(
        capsys, "--data-dir", data, "articles", "--feed", str(feeds[1]["id"]), "--json"
    )
    assert len(json.loads(out)) in (7, 11)
    assert set(rows[0]) == {"id", "feed_id", "title", "url", "published", "read", "starred"}
    seed = demo_site.seed
    seed_row = next(r for r in rows if r["url"] == seed["url"])

    code, out, _ = run(capsys, "--data-dir", data, "show", str(seed_row["id"]), "--json")
    shown = json.loads(out)
    assert shown["title"] == seed["title"]
    assert shown["author"] == seed["author"]
    assert shown["published"] == "2020-10-26T11:26:00+07:00"
    assert shown["text"].startswith(seed["first_paragraph"][:60])
    assert shown["text"].rstrip().endswith("[vm/ft]")
    assert "DISCLAIMER" not in shown["text"] and "Live Streaming" not in shown["text"]
    assert "<script" not in shown["html"] and "onerror" not in shown["html"]
    assert [r["url"] for r in shown["related"]] == [r["url"] for r in seed["related"]]
    assert shown["related"][0]["published"] == "2021-06-15T09:28:00+07:00"
    assert shown["related"][0]["teaser"].endswith("...")
    lead = next(i for i in shown["images"] if i["url"] == seed["lead_image"])
    assert lead["path"] and Path(lead["path"]).is_file()
    assert shown["extraction"] == "site:elshinta"
    assert shown["read"] is False and shown["starred"] is False

    assert run(capsys, "--data-dir", data, "star", str(seed_row["id"]))[0] == 0
    assert run(capsys, "--data-dir", data, "read", str(seed_row["id"]))[0] == 0
    code, out, _ = run(capsys, "--data-dir", data, "articles", "--starred", "--json")
    assert [r["id"] for r in json.loads(out)] == [seed_row["id"]]
    code, out, _ = run(capsys, "--data-dir", data, "articles", "--unread", "--json")
    assert seed_row["id"] not in {r["id"] for r in json.loads(out)}

    target = tmp_path / "starred.html"
    code, _, err = run(
        capsys, "--data-dir", data, "export", "--starred", "--format", "html", "-o", str(target)
    )
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    assert seed["title"] in html and "data:image/jpeg;base64," in html
    assert 'src="http' not in html
    code, _, err = run(
        capsys, "--data-dir", data, "export", "--starred", "--format", "html", "-o", str(target)
    )
    assert code == 1 and "--force" in err

    for fmt in ("md", "json"):
        out_path = tmp_path / f"pick.{fmt}"
        code, _, err = run(
            capsys,
            "--data-dir",
            data,
            "export",
            "--ids",
            str(seed_row["id"]),
            "--format",
            fmt,
            "-o",
            str(out_path),
        )
        assert code == 0 and out_path.exists(), err
    assert json.loads((tmp_path / "pick.json").read_text())[0]["title"] == seed["title"]

    # A second refresh finds nothing new: the server answers 304.
    code, out, _ = run(capsys, "--data-dir", data, "refresh", "--json")
    assert code == 0 and all(r["new"] == 0 for r in json.loads(out))


def test_errors_are_clear_and_nonzero(tmp_path: Path, capsys, http_server) -> None:
    data = str(tmp_path / "lib")
    code, _, err = run(capsys, "--data-dir", data, "show", "42")
    assert code == 1 and "no article with id 42" in err
    code, _, err = run(capsys, "--data-dir", data, "add", "ftp://example.org/feed")
    assert code == 1 and "not a web address" in err
    http_server.route(
        "/broken.xml",
        body=b"\x00\x01 nothing here is XML {",
        headers={"Content-Type": "application/rss+xml"},
    )
    code, _, err = run(capsys, "--data-dir", data, "add", http_server.url("/broken.xml"))
    assert code == 1 and "cannot subscribe" in err
    code, _, err = run(capsys, "--data-dir", data, "star", "7")
    assert code == 1 and "no article" in err
    with pytest.raises(SystemExit):
        main(["--data-dir", data, "export", "--format", "pdf", "-o", "x"])


def test_cli_does_not_add_builtin_defaults(subscribed: str, capsys) -> None:
    _code, out, _ = run(capsys, "--data-dir", subscribed, "feeds", "--json")
    assert not any("elshinta.com" in f["url"] for f in json.loads(out))


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


def test_core_import_does_not_load_qt() -> None:
    code = (
        "import sys, newsreader.core.library, newsreader.cli;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'trafilatura', 'feedparser'))];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


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
    code, _, err = run(capsys, "--data-dir", subscribed, "feed", feed_id, "--interval", "0")
    assert code == 1 and "between 1 minute and 7 days" in err
    code, _, err = run(capsys, "--data-dir", subscribed, "feed", "999")
    assert code == 1 and "no subscription with id 999" in err


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


def test_no_test_can_reach_the_internet(tmp_path: Path, capsys) -> None:
    """The guard in tests/conftest.py: a real host fails at once, as "host not found"."""
    data = str(tmp_path / "lib")
    code, _, err = run(capsys, "--data-dir", data, "add", "https://elshinta.com/indeks")
    assert code == 1 and "host not found" in err


def test_output_cut_short_by_the_reader_ends_quietly(tmp_path: Path) -> None:
    """`newsreader feeds | head`: the pipe closes early; no traceback, the shell's code."""
    data = tmp_path / "data"
    code = (
        "import sys; from pathlib import Path\n"
        "from newsreader.core.library import open_library\n"
        "with open_library(Path(sys.argv[1])) as lib:\n"
        "    for n in range(1200):\n"
        "        lib.add_feed_unchecked(f'https://situs{n}.example/rss', kind='feed',\n"
        "                               title='Berita ' * 15 + str(n))\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code, str(data)], check=True, cwd=root)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader", "--data-dir", str(data), "feeds"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=root,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()  # the first line, as `head -1` reads it
    proc.stdout.close()  # then goes away: 1,200 lines (~190 KB) do not fit the pipe
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(60) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err
