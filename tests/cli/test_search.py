"""``newsreader search`` and ``newsreader cleanup``, in process, on a library in tmp_path."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import pytest

from newsreader.cli.frontend import main
from newsreader.core import paths
from newsreader.core.library import open_library
from newsreader.core.settings import Settings, save_settings
from tests.cli.runner import run
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.search_data import add_entry, add_feed

DAY = 86400.0


@pytest.fixture
def data(tmp_path: Path) -> str:
    folder = tmp_path / "lib"
    now = time.time()
    with open_library(folder, fetcher=FakeFetcher()) as lib:
        feed = add_feed(lib, "Elshinta")
        add_entry(lib, feed, "Café Baru di Jakarta", "kopi dan roti", ts=now - 2 * DAY)
        add_entry(lib, feed, "Kopi Gayo mendunia", "ekspor kopi naik", ts=now - DAY, read=True)
        add_entry(
            lib, feed, "Banjir lama", "kopi basah", ts=now - 90 * DAY, added_at=now - 90 * DAY
        )
        add_entry(lib, feed, "Bintang", "kopi", ts=now - 99 * DAY, added_at=now - 99 * DAY,
                  starred=True)  # fmt: skip
    save_settings(dataclasses.replace(Settings(), keep_days=30), paths.settings_path(folder))
    return str(folder)


def test_search_lists_matches(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "search", "cafe")
    assert code == 0
    assert out.endswith("  Café Baru di Jakarta  [Elshinta]\n") and out.count("\n") == 1
    code, out, _ = run(capsys, "--data-dir", data, "search", "kopi", "--json", "--newest")
    rows = json.loads(out)
    assert [r["title"] for r in rows] == [
        "Kopi Gayo mendunia",
        "Café Baru di Jakarta",
        "Banjir lama",
        "Bintang",
    ]
    assert rows[0]["read"] is True and rows[3]["starred"] is True and rows[0]["feed"] == "Elshinta"
    code, out, _ = run(capsys, "--data-dir", data, "search", "kopi", "--json", "--limit", "2")
    assert len(json.loads(out)) == 2
    code, out, _ = run(capsys, "--data-dir", data, "search", "kopi -roti", "--unread", "--json")
    assert sorted(r["title"] for r in json.loads(out)) == ["Banjir lama", "Bintang"]


def test_search_refuses_nothing_and_wrong_feeds(
    data: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--data-dir", data, "search", "NOT kopi")
    assert code == 1 and "nothing to search for" in err
    code, _, err = run(capsys, "--data-dir", data, "search", "kopi", "--feed", "999")
    assert code == 1 and "999" in err
    code, out, err = run(capsys, "--data-dir", data, "search", "lukashenko")
    assert code == 0 and out == "" and "no articles found" in err
    with pytest.raises(SystemExit):
        main(["--data-dir", data, "search", "kopi", "--limit", "0"])
    capsys.readouterr()


def test_cleanup_dry_run_then_for_real(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "cleanup", "--dry-run", "--json")
    report = json.loads(out)
    assert code == 0 and report["dry_run"] is True
    assert (report["articles"], report["by_age"], report["by_count"]) == (1, 1, 0)
    assert report["feeds"] == {"1": 1}
    code, out, _ = run(capsys, "--data-dir", data, "search", "banjir", "--json")
    assert len(json.loads(out)) == 1  # still there
    code, out, _ = run(capsys, "--data-dir", data, "cleanup")
    assert code == 0 and out.startswith("deleted 1 article(s): 1 by age, 0 over the count")
    code, out, _ = run(capsys, "--data-dir", data, "search", "kopi", "--json")
    assert sorted(r["title"] for r in json.loads(out)) == [
        "Bintang",
        "Café Baru di Jakarta",
        "Kopi Gayo mendunia",
    ]


def test_cleanup_says_when_retention_is_off(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "empty"), "cleanup", "--dry-run")
    assert code == 0
    assert out.startswith("would delete 0 article(s)") and "retention is off" in out


def test_feed_retention_from_the_command_line(data: str, capsys) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "feed", "1", "--keep-days", "7",
                       "--keep-per-feed", "100", "--json")  # fmt: skip
    info = json.loads(out)
    assert code == 0 and (info["keep_days"], info["keep_per_feed"]) == (7, 100)
    code, out, _ = run(capsys, "--data-dir", data, "feed", "1", "--keep-days", "default", "--json")
    assert json.loads(out)["keep_days"] is None and json.loads(out)["keep_per_feed"] == 100
    code, _, err = run(capsys, "--data-dir", data, "feed", "1", "--keep-days", "-3")
    assert code == 1 and "keep_days" in err
    with pytest.raises(SystemExit):
        main(["--data-dir", data, "feed", "1", "--keep-days", "week"])
    capsys.readouterr()
