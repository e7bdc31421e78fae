"""``newsreader extract FILE...``: the refresh's extraction on saved pages, without a library."""

from __future__ import annotations

import gzip
import json
import os
import re
import tomllib
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

import newsreader.core
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
    detik, hostile, missing = lines(out)
    assert detik["url"] == files[0].resolve().as_uri()
    assert detik["extraction"] == "generic" and detik["title"].startswith("Jokowi Resmikan")
    assert detik["published"] == "2020-10-26T11:26:00+07:00"
    assert hostile["file"] == str(files[1])
    assert missing == {"file": str(files[2]), "error": "cannot read: No such file or directory"}


@pytest.fixture
def bad_batch(tmp_path: Path) -> list[Path]:
    """A missing file, a folder, binary data (a gzipped page) and, last, a good page."""
    garbage = tmp_path / "page.html.gz"
    garbage.write_bytes(gzip.compress((PAGES / "detik_like.html").read_bytes()))
    return [tmp_path / "missing.html", tmp_path, garbage, PAGES / "detik_like.html"]


def test_a_bad_file_does_not_end_the_batch_json(
    tmp_path: Path, bad_batch: list[Path], capsys
) -> None:
    data = str(tmp_path / "d")
    code, out, err = run(capsys, "--data-dir", data, "extract", *map(str, bad_batch), "--json")
    assert code == 1
    missing, folder, garbage, good = lines(out)
    assert [missing, folder, garbage] == [
        {"file": str(bad_batch[0]), "error": "cannot read: No such file or directory"},
        {"file": str(bad_batch[1]), "error": "cannot read: Is a directory"},
        {"file": str(bad_batch[2]), "error": "cannot read: not a web page (binary data)"},
    ]
    assert good["file"] == str(bad_batch[3]) and good["title"].startswith("Jokowi Resmikan")
    assert "Traceback" not in err
    assert [line.split(": ", 2)[1] for line in err.splitlines()] == list(map(str, bad_batch[:3]))


def test_a_bad_file_does_not_end_the_batch_text(
    tmp_path: Path, bad_batch: list[Path], capsys
) -> None:
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "d"), "extract", *map(str, bad_batch))
    assert code == 1
    assert out.startswith(f"== {bad_batch[3]}\nJokowi Resmikan") and out.count("== ") == 1
    assert err.splitlines() == [
        f"newsreader: {bad_batch[0]}: cannot read: No such file or directory",
        f"newsreader: {bad_batch[1]}: cannot read: Is a directory",
        f"newsreader: {bad_batch[2]}: cannot read: not a web page (binary data)",
    ]


def test_a_page_that_breaks_the_extractor_is_reported_and_the_rest_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    real = newsreader.core.extract_article

    def fragile(page: str, url: str, **kwargs: Any) -> Any:
        if "Jokowi" in page:
            raise RecursionError("maximum recursion depth exceeded")
        return real(page, url, **kwargs)

    monkeypatch.setattr(newsreader.core, "extract_article", fragile)
    files = [PAGES / "detik_like.html", PAGES / "kompas_like.html"]
    code, out, err = run(
        capsys, "--data-dir", str(tmp_path / "d"), "extract", *map(str, files), "--json"
    )
    broken, good = lines(out)
    assert code == 1
    assert broken == {
        "file": str(files[0]),
        "error": "extraction failed: RecursionError: maximum recursion depth exceeded",
    }
    assert good["file"] == str(files[1]) and good["text"]
    assert err == f"newsreader: {files[0]}: {broken['error']}\n"


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


def test_a_page_only_trafilatura_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import trafilatura

    calls = []
    real = trafilatura.extract

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("url"))
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "extract", spy)
    url = "https://contoh.id/berita/2/nelayan-pacitan"
    page = PAGES / "trafilatura_only.html"
    args = ["--data-dir", str(tmp_path / "d"), "extract", str(page), "--url", url, "--json"]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    (art,) = lines(out)
    assert calls, "the page no longer reaches trafilatura: reshape it so that it does"
    assert set(calls) == {url}
    assert (art["extraction"], art["extraction_note"]) == ("generic", "")
    assert art["title"] == "Nelayan Pacitan Kembali Melaut Setelah Gelombang Tinggi Reda"
    assert art["text"].count("Nelayan di pesisir selatan Pacitan") == 4


def test_what_trafilatura_imports_is_installed_and_declared() -> None:
    """justext (imported with trafilatura) imports lxml.html.clean, which lxml 5.2 moved out
    into lxml_html_clean and which justext gets only through lxml's extra: an install that
    leaves the extra out fails at the first page that reaches trafilatura, so the project
    names the package itself."""
    import justext  # noqa: F401
    import lxml.html.clean  # noqa: F401

    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {re.split(r"[\s<>=!~;\[]", dep, maxsplit=1)[0].replace("-", "_") for dep in declared}
    assert {"lxml", "lxml_html_clean", "trafilatura"} <= names
    assert version("lxml_html_clean")  # installed as a distribution, not only vendored


def test_generic_page_keeps_its_lead_picture_and_related_items_apart(
    tmp_path: Path, capsys
) -> None:
    """The picture sits in its own block between headline and body; each related item puts
    title, date and teaser in sibling inline elements with nothing between them."""
    url = "https://kabar.example.id/news/300200/2021/06/09/warga-desa-contoh-panen-padi-lebih-awal"
    page = PAGES / "post_img_sibling_related.html"
    args = ["--data-dir", str(tmp_path / "d"), "extract", str(page), "--url", url, "--json"]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    (art,) = lines(out)
    assert (art["extraction"], art["extraction_note"]) == ("generic", "")
    picture = "https://kabar.example.id/asset/img/2021/06/panen-padi-desa-contoh.png"
    assert [image["url"] for image in art["images"]] == [picture]
    assert art["related"] == [
        {
            "title": "Harga gabah di Desa Contoh tetap stabil",
            "url": "https://kabar.example.id/news/300101/2021/06/15/"
            "harga-gabah-di-desa-contoh-tetap-stabil",
            "published": "2021-06-15T09:28:00+07:00",
            "teaser": "Kelompok tani menyebut harga gabah tidak banyak berubah sejak awal bulan "
            "ini...",
        },
        {
            "title": "Irigasi baru selesai dibangun warga",
            "url": "https://kabar.example.id/news/300055/2021/06/14/"
            "irigasi-baru-selesai-dibangun-warga",
            "published": "2021-06-14T16:40:00+07:00",
            "teaser": "Saluran sepanjang dua kilometer itu dikerjakan bersama oleh warga desa...",
        },
    ]
    assert "WIBKelompok" not in art["text"] and "Foto:" not in art["text"]
