"""``newsreader extract FILE...``: the refresh's extraction on saved pages, without a library."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsreader.cli.extract import page_url
from newsreader.demo import demo_root
from tests.cli.runner import run
from tests.helpers.demo_fixtures import load_expected, resolve_paths

SITE = "https://elshinta.com"
PAGES = Path(__file__).parents[1] / "data" / "pages"
SHOW_FIELDS = {
    "url", "title", "author", "published", "text", "html", "origin", "related", "images",
    "extraction", "extraction_note",
}  # fmt: skip


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    """The seed article saved from the site: the demo copy with its real addresses."""
    path = load_expected()["articles"][0]["url"]
    source = demo_root() / path.strip("/") / "index.html"
    saved = tmp_path / "belarus.html"
    saved.write_bytes(source.read_bytes().replace(b"{{BASE}}", SITE.encode()))
    return saved


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_saved_page_is_read_with_its_canonical_url_and_the_site_rule(
    tmp_path: Path, seed_file: Path, capsys
) -> None:
    data = tmp_path / "no-library-here"
    code, out, err = run(capsys, "--data-dir", str(data), "extract", str(seed_file), "--json")
    assert code == 0, err
    (art,) = lines(out)
    expected = resolve_paths(load_expected(), SITE)["articles"][0]
    assert set(art) == SHOW_FIELDS | {"file"}
    assert art["file"] == str(seed_file)
    assert art["url"] == f"{SITE}/news/227891/2020/10/26/{expected['slug']}"  # from og:url
    assert (art["extraction"], art["extraction_note"]) == ("site:elshinta", "")
    assert art["title"] == expected["title"]
    assert art["published"] == expected["published"] == "2020-10-26T11:26:00+07:00"
    assert (art["author"], art["origin"]) == (expected["author"], "VOA Indonesia")
    assert art["text"].endswith("[vm/ft]")
    assert [r["title"] for r in art["related"]] == [r["title"] for r in expected["related"]]
    assert art["images"][0] == {"url": expected["lead_image"], "path": None}
    assert not data.exists()  # no library, no database, not even the folder


def test_user_rules_apply_and_url_option_wins(tmp_path: Path, seed_file: Path, capsys) -> None:
    data = tmp_path / "lib"
    (data / "sites").mkdir(parents=True)
    bundled = json.loads((demo_root().parent.parent / "sites" / "elshinta.json").read_text())
    bundled["body"] = [".gone"]
    (data / "sites" / "elshinta.json").write_text(json.dumps(bundled))
    code, out, _ = run(capsys, "--data-dir", str(data), "extract", str(seed_file), "--json")
    (art,) = lines(out)
    assert code == 0
    assert (art["extraction"], art["extraction_note"]) == (
        "generic",
        "site rule elshinta: body not found",
    )
    assert art["text"].endswith("[vm/ft]")
    other = "https://kabar.example/2020/10/26/belarus-dan-rusia"
    _code, out, _ = run(
        capsys, "--data-dir", str(data), "extract", str(seed_file), "--url", other, "--json"
    )
    (art,) = lines(out)
    assert (art["url"], art["extraction"], art["extraction_note"]) == (other, "generic", "")


def test_page_without_canonical_link_gets_its_file_url(tmp_path: Path, capsys) -> None:
    files = [PAGES / "detik_like.html", PAGES / "hostile.html", tmp_path / "missing.html"]
    code, out, err = run(
        capsys, "--data-dir", str(tmp_path / "d"), "extract", *map(str, files), "--json"
    )
    assert code == 1 and "cannot read" in err and "missing.html" in err
    detik, hostile = lines(out)
    assert detik["url"] == files[0].resolve().as_uri()
    assert detik["extraction"] == "generic" and detik["title"].startswith("Jokowi Resmikan")
    assert detik["published"] == "2020-10-26T11:26:00+07:00"
    assert hostile["file"] == str(files[1])


def test_text_output(seed_file: Path, tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "extract", str(seed_file))
    assert code == 0
    assert out.startswith(f"== {seed_file}\nBelarus dan Rusia Dikabarkan")
    assert "[site:elshinta]" in out


def test_relative_dates_count_from_the_file_time(tmp_path: Path, capsys) -> None:
    saved = tmp_path / "baru.html"
    saved.write_text(
        "<html><head><title>Kabar Baru</title></head><body><article><h1>Kabar Baru</h1>"
        "<div class='date'>2 jam yang lalu</div>"
        + "".join(
            f"<p>Kalimat nomor {i} dari kabar yang cukup panjang isinya.</p>" for i in range(9)
        )
        + "</article></body></html>",
        encoding="utf-8",
    )
    stamp = 1_733_357_700  # 2024-12-05 00:15 UTC
    os.utime(saved, (stamp, stamp))
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "extract", str(saved), "--json")
    (art,) = lines(out)
    assert code == 0 and art["published"] is not None
    assert art["published"].startswith("2024-12-04T22:15")


def test_page_url() -> None:
    assert page_url('<link rel="Canonical" href="https://a.example/x">') == "https://a.example/x"
    assert page_url('<meta property="og:url" content="https://a.example/y">') == (
        "https://a.example/y"
    )
    assert page_url('<link rel="canonical" href="/relatif">') == ""
    assert page_url("tidak ada apa-apa") == ""
