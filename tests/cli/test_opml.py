"""`newsreader opml import|export` and `newsreader import-from`, in process, offline."""

from __future__ import annotations

import json
from pathlib import Path

from newsreader.core.feeds.opml import read_opml
from tests.cli.runner import run
from tests.helpers.reader_dbs import (
    NASIONAL,
    build_quiterss,
    build_quiterss_empty,
    build_rssguard,
    corrupt,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "opml"


def _feeds(capsys, data: str) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "--data-dir", data, "feeds", "--json")
    assert code == 0
    return json.loads(out)


def test_import_then_export_round_trip(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "lib")
    code, out, err = run(capsys, "--data-dir", data, "opml", "import", str(DATA / "liferea.opml"))
    assert (code, err) == (0, "")
    assert out == "added 4 subscription(s), 0 already there\n"
    feeds = _feeds(capsys, data)
    assert {f["folder"] for f in feeds} == {"", "Berita", "Berita/Indonesia"}
    assert all(f["total"] == 0 for f in feeds)  # stored, not fetched

    code, out, _ = run(capsys, "--data-dir", data, "opml", "import", str(DATA / "liferea.opml"))
    assert out == "added 0 subscription(s), 4 already there\n"

    target = tmp_path / "out.opml"
    code, out, _ = run(capsys, "--data-dir", data, "opml", "export", str(target))
    assert (code, out) == (0, f"exported 4 subscription(s) to {target}\n")
    exported = read_opml(target.read_bytes())
    original = read_opml((DATA / "liferea.opml").read_bytes())
    assert {(f.url, f.title, f.folder, f.site_url) for f in exported.feeds} == {
        (f.url, f.title, f.folder, f.site_url) for f in original.feeds
    }


def test_export_refuses_to_overwrite_without_force(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "lib")
    target = tmp_path / "out.opml"
    target.write_text("punya saya")
    code, _, err = run(capsys, "--data-dir", data, "opml", "export", str(target))
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_text() == "punya saya"
    code, _, _ = run(capsys, "--data-dir", data, "opml", "export", str(target), "--force")
    assert code == 0 and read_opml(target.read_bytes()).problems == []


def test_broken_files_warn_and_import_what_they_can(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "lib")
    code, out, err = run(
        capsys, "--data-dir", data, "opml", "import", str(DATA / "truncated.opml"), "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert (report["added"], report["skipped_existing"], len(report["feed_ids"])) == (2, 0, 2)
    assert "newsreader: warning: the file is damaged" in err

    junk = tmp_path / "junk.opml"
    junk.write_bytes(b"\x00\x01 not xml")
    code, out, err = run(capsys, "--data-dir", data, "opml", "import", str(junk))
    assert code == 1 and "warning" in err

    code, _, err = run(capsys, "--data-dir", data, "opml", "import", str(tmp_path / "nope.opml"))
    assert code == 1 and "cannot read" in err


def test_import_from_quiterss_and_rssguard(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "lib")
    quiterss = build_quiterss(tmp_path / "feeds.db")
    code, out, err = run(capsys, "--data-dir", data, "import-from", "quiterss", str(quiterss))
    assert code == 0
    assert out == "added 3 subscription(s), 0 already there, 5 article(s)\n"
    assert "Berkas Lokal" in err
    code, out, _ = run(capsys, "--data-dir", data, "articles", "--starred", "--json")
    assert len(json.loads(out)) == 1

    rssguard = build_rssguard(tmp_path / "database.db")
    code, out, _ = run(
        capsys, "--data-dir", data, "import-from", "rssguard", str(rssguard), "--json"
    )
    report = json.loads(out)
    assert code == 0 and report["skipped_existing"] == 2 and report["added"] == 0
    assert any(f["url"] == NASIONAL and f["folder"] == "Berita" for f in _feeds(capsys, data))


def test_import_from_the_wrong_kind_of_file_changes_nothing(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "lib")
    rssguard = build_rssguard(tmp_path / "database.db")
    code, out, err = run(capsys, "--data-dir", data, "import-from", "quiterss", str(rssguard))
    assert code == 1 and out == ""
    assert "not a QuiteRSS database" in err
    code, _, err = run(
        capsys, "--data-dir", data, "import-from", "rssguard", str(DATA / "liferea.opml")
    )
    assert code == 1 and "not a database file" in err
    assert _feeds(capsys, data) == []


def test_import_from_a_damaged_file_fails_without_a_traceback(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "lib")
    damaged = corrupt(build_quiterss(tmp_path / "feeds.db"))
    code, out, err = run(capsys, "--data-dir", data, "import-from", "quiterss", str(damaged))
    assert (code, out) == (1, "")
    assert "damaged or is not a QuiteRSS database" in err and "Traceback" not in err
    assert _feeds(capsys, data) == []


def test_import_from_a_quiterss_file_without_feeds_fails(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "lib")
    empty = build_quiterss_empty(tmp_path / "feeds.db")
    code, _, err = run(capsys, "--data-dir", data, "import-from", "quiterss", str(empty))
    assert code == 1
    assert "feeds.db holds no feeds yet" in err and "close QuiteRSS and import again" in err
    assert _feeds(capsys, data) == []
