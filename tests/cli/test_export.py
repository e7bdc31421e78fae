"""``newsreader export``: selections, every format, safe writing, usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from newsreader.cli.frontend import main
from tests.cli.runner import run
from tests.helpers.export_data import JPEG, PNG
from tests.helpers.export_library import fill_library, open_filled


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Feed 1: 5 starred articles, one an hour from 2021-06-01 08:00 WIB; feed 2: 3 unstarred."""
    folder = tmp_path_factory.mktemp("cli-export") / "data"
    lib = open_filled(folder, 5, lambda n, i: PNG if i else JPEG)
    fill_library(lib, 3, lambda n, i: PNG, starred=False, feed_title="Ekonomi")
    lib.close()
    return str(folder)


def ids_in(path: Path) -> list[int]:
    return [item["id"] for item in json.loads(path.read_text(encoding="utf-8"))]


def test_selections(data: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    code, stdout, err = run(capsys, "--data-dir", data, "export", "--starred", "--format", "json",
                            "-o", str(out))  # fmt: skip
    assert code == 0, err
    starred = ids_in(out)
    assert len(starred) == 5 and stdout.strip() == f"exported 5 article(s) to {out}"
    code, _, err = run(capsys, "--data-dir", data, "export", "--feed", "2", "--format", "json",
                       "-o", str(tmp_path / "b.json"))  # fmt: skip
    assert code == 0, err
    assert len(ids_in(tmp_path / "b.json")) == 3
    # Plain dates are days of the computer's zone, the last day included: a day on either
    # side of 2021-06-01 keeps the test true in every zone.
    code, _, err = run(capsys, "--data-dir", data, "export", "--since", "2021-05-31",
                       "--until", "2021-06-02", "--starred", "--format", "json",
                       "-o", str(tmp_path / "c.json"), "--force")  # fmt: skip
    assert code == 0, err
    assert sorted(ids_in(tmp_path / "c.json")) == sorted(starred)
    code, _, err = run(capsys, "--data-dir", data, "export", "--since", "2021-06-02T00:00+07:00",
                       "--format", "json", "-o", str(tmp_path / "d.json"))  # fmt: skip
    assert code == 1 and "no articles match" in err
    code, _, err = run(capsys, "--data-dir", data, "export", "--starred", "--format", "json",
                       "--since", "2021-06-01T09:00+07:00", "--until", "2021-06-01T11:00+07:00",
                       "-o", str(tmp_path / "f.json"))  # fmt: skip
    assert code == 0, err
    assert len(ids_in(tmp_path / "f.json")) == 2  # 09:00 and 10:00; the end is exclusive
    pick = ",".join(str(i) for i in starred[:2][::-1])
    code, _, err = run(capsys, "--data-dir", data, "export", "--ids", pick, "--format", "json",
                       "-o", str(tmp_path / "e.json"))  # fmt: skip
    assert code == 0 and ids_in(tmp_path / "e.json") == starred[:2][::-1]


@pytest.mark.parametrize(
    "args",
    [
        [],  # nothing chosen
        ["--ids", "1", "--starred"],
        ["--starred", "--per-article"],  # html
        ["--since", "kemarin"],
        ["--ids", "a,b"],
    ],
)
def test_usage_errors(data: str, args: list[str], tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--data-dir", data, "export", *args, "--format", "html", "-o", str(tmp_path / "x")])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_formats_and_overwrite(data: str, capsys, tmp_path: Path) -> None:
    for fmt, name in (("html", "a.html"), ("md", "a.md"), ("epub", "a.epub")):
        code, _, err = run(capsys, "--data-dir", data, "export", "--starred", "--format", fmt,
                           "--title", "Arsip Banjir", "-o", str(tmp_path / "a"))  # fmt: skip
        assert code == 0, err
        assert (tmp_path / name).is_file()
    assert "Arsip Banjir" in (tmp_path / "a.html").read_text("utf-8")
    with zipfile.ZipFile(tmp_path / "a.epub") as book:
        # 6 package files, 5 chapters, 2 pictures (the cache keeps one copy of equal files)
        assert book.namelist()[0] == "mimetype" and len(book.namelist()) == 6 + 5 + 2
    code, _, err = run(capsys, "--data-dir", data, "export", "--starred", "--format", "md",
                       "--per-article", "-o", str(tmp_path / "folder"))  # fmt: skip
    assert code == 0, err
    assert len(list((tmp_path / "folder").glob("*.md"))) == 5
    before = (tmp_path / "a.epub").read_bytes()
    code, _, err = run(capsys, "--data-dir", data, "export", "--starred", "--format", "epub",
                       "-o", str(tmp_path / "a.epub"))  # fmt: skip
    assert code == 1 and "--force" in err and (tmp_path / "a.epub").read_bytes() == before
    code, _, err = run(capsys, "--data-dir", data, "export", "--starred", "--format", "epub",
                       "-o", str(tmp_path / "a.epub"), "--force")  # fmt: skip
    assert code == 0 and (tmp_path / "a.epub").read_bytes() != before


def test_pdf_in_process_uses_the_running_application(data: str, qapp, capsys, tmp_path) -> None:
    code, _, err = run(capsys, "--data-dir", data, "export", "--ids", "1,2", "--format", "pdf",
                       "-o", str(tmp_path / "dua"))  # fmt: skip
    assert code == 0, err
    assert (tmp_path / "dua.pdf").read_bytes().startswith(b"%PDF-")


def test_pdf_without_a_display(data: str, tmp_path: Path) -> None:
    """A fresh process with no display and no platform chosen still makes the PDF."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    target = tmp_path / "semua.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "newsreader", "--data-dir", data, "export", "--starred",
         "--format", "pdf", "-o", str(target)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-") and target.stat().st_size > 10_000
    assert [p.name for p in tmp_path.iterdir()] == ["semua.pdf"]  # no temp file left
