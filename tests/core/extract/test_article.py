"""Extraction: the Elshinta rule on the demo site, the generic reader on Indonesian news
pages of other shapes, the summary fallback, hostile and broken pages."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import urllib.request
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.extract import article as extract_module
from newsreader.core.extract.article import decode_page, extract_article
from newsreader.core.extract.body import trafilatura_body
from newsreader.core.extract.dates import WIB, WITA
from newsreader.core.extract.site_rules import RuleSet, SiteRule, load_rules
from newsreader.core.types import ExtractedArticle
from tests.helpers.demo_fixtures import DemoSite, load_expected, resolve_paths

from .test_sanitize import assert_safe

PAGES = Path(__file__).resolve().parents[2] / "data" / "pages"
DEMO = Path(__file__).resolve().parents[3] / "resources" / "demo" / "site"
BASE = "http://127.0.0.1:8765"
NO_RULES = RuleSet([])
BOILERPLATE = (
    "DISCLAIMER",
    "Komentar",
    "komentar",
    "Live Streaming",
    "Bagikan",
    "Iklan",
    "Belum ada komentar",
    "Redaksi",
    "Terpopuler",
    "Baca Juga",
)


def demo_rules() -> RuleSet:
    """The bundled rules with the Elshinta rule also covering the demo server's host."""
    return load_rules().with_hosts("elshinta", ["127.0.0.1"])


def demo_page(path: str) -> bytes:
    """A demo article as the server sends it (with {{BASE}} replaced)."""
    text = (DEMO / path.strip("/") / "index.html").read_text(encoding="utf-8")
    return text.replace("{{BASE}}", BASE).encode("utf-8")


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def paragraphs(article: ExtractedArticle) -> list[str]:
    return article.text.split("\n\n")


def related_tuples(article: ExtractedArticle) -> list[tuple[str, str, str | None, str]]:
    return [
        (r.title, r.url, r.published.isoformat() if r.published else None, r.teaser)
        for r in article.related
    ]


def expected_related(art: dict[str, Any]) -> list[tuple[str, str, str | None, str]]:
    return [(r["title"], r["url"], r["published"], r["teaser"]) for r in art["related"]]


# -- the demo site (our best guess of Elshinta) -------------------------------------------


def test_seed_article_by_the_elshinta_rule(demo_site: DemoSite) -> None:
    seed = demo_site.seed
    with urllib.request.urlopen(seed["url"], timeout=10) as response:  # loopback only
        body, content_type = response.read(), response.headers.get("Content-Type", "")
    rules = load_rules().with_hosts("elshinta", ["127.0.0.1"])
    article = extract_article(body, seed["url"], rules=rules, content_type=content_type)

    assert article.method == "site:elshinta" and article.note == ""
    assert article.title == "Belarus dan Rusia Dikabarkan akan Menanggapi Ancaman Eksternal Bersama"
    assert article.published == datetime(2020, 10, 26, 11, 26, tzinfo=WIB)
    assert article.published.utcoffset() == timedelta(hours=7)
    assert article.author == "Mitra Elshinta Feeder"
    assert article.origin == "VOA Indonesia"
    assert article.text.startswith("Presiden Belarusia Alexander Lukashenko")
    assert article.text.endswith("[vm/ft]")
    assert paragraphs(article) == seed["paragraphs"]
    assert "\xa0" not in article.text and "&nbsp;" in article.html
    for text in (*BOILERPLATE, "VOA Indonesia -", "Semoga krisis", "Kirim", "Nasional"):
        assert text not in article.text, text
    assert article.lead_image == seed["lead_image"]
    assert article.images == (seed["lead_image"],)
    assert "pixel" not in article.html and "<script" not in article.html
    assert related_tuples(article) == expected_related(seed)
    assert len(article.related) == 10
    assert_safe(article.html)


def test_seed_article_without_the_rule_by_the_generic_reader(demo_site: DemoSite) -> None:
    seed = demo_site.seed
    with urllib.request.urlopen(seed["url"], timeout=10) as response:
        body = response.read()
    article = extract_article(body, seed["url"], rules=NO_RULES)

    assert article.method == "generic" and article.note == ""
    assert article.title == seed["title"]
    assert article.published == datetime.fromisoformat(seed["published"])
    assert paragraphs(article) == seed["paragraphs"]
    for text in BOILERPLATE:
        assert text not in article.text, text
    assert [r.url for r in article.related] == [r["url"] for r in seed["related"]]
    assert related_tuples(article) == expected_related(seed)
    assert article.author == "Mitra Elshinta Feeder"
    assert article.origin == "VOA Indonesia"


EXPECTED = resolve_paths(load_expected(), BASE)


@pytest.mark.parametrize("art", EXPECTED["articles"], ids=lambda a: str(a["id"]))
@pytest.mark.parametrize("rules", ["rule", "generic"])
def test_every_demo_article(art: dict[str, Any], rules: str) -> None:
    ruleset = demo_rules() if rules == "rule" else NO_RULES
    path = art["url"].removeprefix(BASE)
    article = extract_article(demo_page(path), art["url"], rules=ruleset)
    assert article.method == ("site:elshinta" if rules == "rule" else "generic"), article.note
    assert article.title == art["title"]
    assert article.published == datetime.fromisoformat(art["published"])
    assert article.author == art["author"]
    assert article.origin == art["origin"]
    assert paragraphs(article) == art["paragraphs"]
    assert article.lead_image == (art["lead_image"] or "")
    assert related_tuples(article) == expected_related(art)
    for text in BOILERPLATE:
        assert text not in article.text, text


def test_rule_failure_falls_back_to_generic_with_a_note() -> None:
    seed = EXPECTED["seed"]
    broken = replace(
        demo_rules().get("elshinta") or SiteRule("x", ()), hosts=("127.0.0.1",), body=(".gone",)
    )
    article = extract_article(demo_page(seed.removeprefix(BASE)), seed, rules=RuleSet([broken]))
    assert article.method == "generic"
    assert article.note == "site rule elshinta: body not found"
    assert article.text.endswith("[vm/ft]")
    assert len(article.related) == 10


@pytest.mark.parametrize(
    ("change", "note"),
    [
        ({"title": (".gone",)}, "title not found"),
        ({"date": (".gone",)}, "date not found"),
        ({"body": (".detail-source",)}, "body too short (8 characters)"),
    ],
)
def test_rule_failure_notes(change: dict[str, Any], note: str) -> None:
    seed = EXPECTED["seed"]
    rule = replace(demo_rules().get("elshinta") or SiteRule("x", ()), **change)
    article = extract_article(
        demo_page(seed.removeprefix(BASE)),
        seed,
        rules=RuleSet([rule]).with_hosts(rule.name, ["127.0.0.1"]),
    )
    assert article.method == "generic"
    assert article.note == f"site rule elshinta: {note}"


def test_redesigned_elshinta_is_read_by_the_generic_reader() -> None:
    url = (
        "https://www.elshinta.com/news/227891/2020/10/26/"
        "belarus-dan-rusia-dikabarkan-akan-menanggapi-ancaman-eksternal-bersama"
    )
    article = extract_article(page("elshinta_redesign.html"), url)
    assert article.method == "generic"
    assert article.note == "site rule elshinta: title not found"
    assert article.title == "Belarus dan Rusia Dikabarkan akan Menanggapi Ancaman Eksternal Bersama"
    assert article.published == datetime(2020, 10, 26, 11, 26, tzinfo=WIB)
    assert article.author == "Mitra Elshinta Feeder"
    assert article.origin == "VOA Indonesia"
    assert article.text.startswith("Presiden Belarusia Alexander Lukashenko")
    assert article.text.endswith("[vm/ft]")
    for text in BOILERPLATE:
        assert text not in article.text, text
    assert article.lead_image == (
        "https://www.elshinta.com/asset/upload/article/2020/oktober/lukashenko-pompeo-telepon.jpg"
    )
    assert [r.title for r in article.related] == [
        "Serangan di Afghanistan Hanya Fokus Untuk Cegah Serangan terhadap AS dan Sekutu",
        "Biden Tegaskan Komitmen AS terhadap Klausul Pertahanan Bersama NATO",
        "Selandia Baru Minta Maaf Atas Tindakan Imigrasi Masa Lalu",
    ]
    first = article.related[0]
    assert first.url == (
        "https://www.elshinta.com/news/250418/2021/06/15/"
        "serangan-di-afghanistan-hanya-fokus-untuk-cegah-serangan-terhadap-as-dan-sekutu"
    )
    assert first.published == datetime(2021, 6, 15, 9, 28, tzinfo=WIB)
    assert first.teaser.startswith("AS tidak berencana")
    assert article.related[2].teaser.endswith("hampir 50 tahun lalu t...")


# -- other Indonesian news sites -----------------------------------------------------------


def test_detik_like_page_with_inline_baca_juga() -> None:
    url = "https://news.detik.com/berita/d-5227891/jokowi-resmikan-bendungan-tapin"
    article = extract_article(page("detik_like.html"), url)
    assert article.method == "generic" and article.note == ""
    assert article.title == "Jokowi Resmikan Bendungan Tapin, Airi 5.000 Hektare Sawah"
    assert article.published == datetime(2020, 10, 26, 11, 26, tzinfo=WIB)
    assert article.author == "Andi Saputra"
    assert article.origin == ""
    assert article.text.startswith("Jakarta - Presiden Joko Widodo")
    assert article.text.endswith("(asp/imk)")
    for text in (
        "Baca juga",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE",
        "Pemerintah Targetkan",
        "bendungan\n",
        "Tulis komentar",
        "Terpopuler",
        "Redaksi",
        "Share",
    ):
        assert text not in article.text, text
    assert [(r.title, r.url) for r in article.related] == [
        (
            "Pemerintah Targetkan 61 Bendungan Rampung 2024",
            "https://news.detik.com/berita/d-5227800/pemerintah-targetkan-61-bendungan-rampung-2024",
        ),
        (
            "Petani Kalsel Sambut Bendungan Baru",
            "https://news.detik.com/berita/d-5227755/petani-kalsel-sambut-bendungan-baru",
        ),
    ]
    assert all(r.published is None and r.teaser == "" for r in article.related)
    assert article.images == (
        "https://akcdn.detik.net.id/community/media/visual/2020/10/26/bendungan-tapin_169.jpeg?w=700",
    )
    assert "scorecardresearch" not in article.html and "onclick" not in article.html


def test_kompas_like_page_with_berita_terkait() -> None:
    url = (
        "https://nasional.kompas.com/read/2020/10/26/11260001/"
        "pemerintah-perpanjang-psbb-transisi-hingga-november"
    )
    article = extract_article(page("kompas_like.html"), url)
    assert article.method == "generic"
    assert article.title == "Pemerintah Perpanjang PSBB Transisi hingga November"
    assert article.published == datetime(2020, 10, 26, 11, 26, tzinfo=WIB)
    assert article.author == "Dian Erika Nugraheny"
    assert article.text.startswith("JAKARTA, KOMPAS.com - Pemerintah memutuskan")
    assert article.text.endswith("berwisata ke luar kota.")
    assert "Dapatkan update" not in article.text and "Baca juga" not in article.text
    titles = [r.title for r in article.related]
    assert titles == [
        "Kasus Covid-19 Bertambah 3.732 Hari Ini",
        "PSBB Transisi Dievaluasi Tiap Dua Pekan",
        "Epidemiolog Minta Pengawasan Libur Panjang Diperketat",
        "Kapasitas Perkantoran Tetap 50 Persen",
    ]  # itself and the duplicate are left out; "Terpopuler" is not related
    assert article.related[0].published is None
    assert article.related[1].published == datetime(2020, 10, 25, 9, 0, tzinfo=WIB)
    assert article.related[3].published == datetime(2020, 10, 23, 18, 0, tzinfo=WIB)


def test_tempo_like_page_with_json_ld_and_artikel_terkait() -> None:
    url = "https://nasional.tempo.co/read/1400123/kpk-periksa-lima-saksi-kasus-suap-proyek-jalan"
    article = extract_article(page("tempo_like.html"), url)
    assert article.method == "generic"
    assert article.title == "KPK Periksa Lima Saksi Kasus Suap Proyek Jalan"
    assert article.published == datetime(2020, 10, 26, 11, 26, tzinfo=WIB)
    assert article.author == "Egi Adyatama"
    assert article.text.startswith("TEMPO.CO, Jakarta - Komisi Pemberantasan Korupsi")
    assert article.text.endswith("EGI ADYATAMA")
    assert article.lead_image == "https://statik.tempo.co/data/2020/10/26/id_kpk.jpg"
    assert article.images == (
        "https://statik.tempo.co/data/2020/10/26/id_kpk.jpg",
        "https://statik.tempo.co/data/2020/10/26/id_dokumen.jpg",
    )
    assert "adsbygoogle" not in article.html and "data:" not in article.html
    assert [(r.title, r.published) for r in article.related] == [
        (
            "KPK Tetapkan Tiga Tersangka Suap Proyek Jalan",
            datetime(2020, 10, 20, 14, 5, tzinfo=WIB),
        ),
        ("KPK Geledah Kantor Dinas PU", datetime(2020, 10, 22, 9, 10, tzinfo=WIB)),
    ]


def test_regional_page_with_wita_and_reporter_editor_lines() -> None:
    url = "https://kaltimtoday.example/2024/12/05/banjir-rob-rendam-ratusan-rumah-di-pesisir-balikpapan/"
    article = extract_article(page("regional_wita.html"), url)
    assert article.method == "generic"
    assert article.title == "Banjir Rob Rendam Ratusan Rumah di Pesisir Balikpapan"
    assert article.published == datetime(2024, 12, 5, 8, 15, tzinfo=WITA)
    assert article.published.utcoffset() == timedelta(hours=8)
    assert article.author == "Nur Aisyah"
    assert article.text.startswith("BALIKPAPAN – Banjir rob")
    assert article.text.endswith("pagi dan malam hari.")
    for text in ("Reporter", "Editor", "Lihat Juga", "Tags", "komentar", "Semoga", "Terbaru"):
        assert text not in article.text, text
    assert [r.url for r in article.related] == [
        "https://kaltimtoday.example/2024/12/04/bmkg-peringatkan-potensi-rob-di-pesisir-kaltim/",
        "https://kaltimtoday.example/2024/12/03/pemkot-balikpapan-siapkan-tanggul-laut/",
    ]


def test_windows_1252_page_declared_as_utf8() -> None:
    raw = page("cp1252_wrong.html")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    article = extract_article(
        raw,
        "https://berita.example.id/ekonomi/2024/03/08/harga-kopi-naik",
        content_type="text/html; charset=utf-8",
    )
    assert article.method == "generic"
    assert "BANDUNG – Harga biji kopi" in article.text
    assert "“Kami terpaksa menaikkan harga Rp 2.000 per gelas,”" in article.text
    assert "café" in article.text and "ekstrem … serta" in article.text
    assert "\ufffd" not in article.text and "\x85" not in article.text
    assert article.published == datetime(2024, 3, 8, 14, 20, tzinfo=WIB)


def test_nothing_found_uses_the_feed_summary() -> None:
    summary = '<p>Harga beras naik <a href="/harga">lihat</a>.</p><script>x()</script>'
    article = extract_article(
        page("nothing_found.html"),
        "https://portalberita.example/read/123/harga-beras",
        summary_html=summary,
    )
    assert article.method == "summary"
    assert article.note.startswith("generic: ")
    assert article.html == (
        '<p>Harga beras naik <a href="https://portalberita.example/harga" '
        'rel="noopener noreferrer nofollow">lihat</a>.</p>'
    )
    assert article.text == "Harga beras naik lihat."
    assert article.title == "Harga Beras Naik Jelang Akhir Tahun"
    assert article.lead_image == "https://cdn.portalberita.example/img/beras.jpg"


def test_summary_note_names_the_failed_rule_too() -> None:
    rule = SiteRule(name="portal", hosts=("portalberita.example",), title=("h1",), body=(".isi",))
    article = extract_article(
        page("nothing_found.html"),
        "https://portalberita.example/read/1/x",
        rules=RuleSet([rule]),
        summary_html="<p>Ringkasan.</p>",
    )
    assert article.method == "summary"
    assert article.note.startswith("site rule portal: title not found; generic: ")


def test_short_body_without_summary_is_kept() -> None:
    source = (
        "<html><head><title>Foto: Banjir</title></head><body><h1>Foto Banjir di Kemang Hari "
        "Ini</h1><p>Banjir merendam jalan di Kemang setinggi lutut orang dewasa.</p>"
        "</body></html>"
    )
    article = extract_article(source, "https://contoh.id/foto/2024/1/banjir", rules=NO_RULES)
    assert article.method == "generic"
    assert article.note.startswith("generic: body too short")
    assert article.text == "Banjir merendam jalan di Kemang setinggi lutut orang dewasa."


def test_legacy_br_separated_page() -> None:
    article = extract_article(
        page("legacy_spans.html"), "http://koran.example.id/berita.php?id=991", rules=NO_RULES
    )
    assert article.method == "generic"
    assert article.title == "Pasar Tradisional Kembali Ramai Pengunjung"
    assert article.published == datetime(2022, 3, 2, 9, 45, tzinfo=WIB)
    assert paragraphs(article)[0].startswith("Pasar tradisional di Kota Bogor")
    assert len(paragraphs(article)) == 3
    assert "Iklan baris" not in article.text and "Beranda" not in article.text


def test_trafilatura_helps_when_the_own_heuristics_find_nothing(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls = []
    real = trafilatura_body

    def spy(text: str, url: str) -> Any:
        calls.append(url)
        return real(text, url)

    monkeypatch.setattr(extract_module, "trafilatura_body", spy)
    # Every sentence cut over two short <div> lines: no block reads as prose on its own.
    sentence = (
        "<div>Petani di lereng Gunung Merapi</div><div>mulai memanen sayuran setelah cuaca "
        "membaik.</div>"
    )
    source = (
        f"<html><head><title>Petani Merapi Panen</title></head><body><h1>Petani Merapi "
        f"Mulai Panen Sayuran</h1><div class='story'>{sentence * 2}"
        f"<span>{sentence}</span><div class='clear'></div><span>{sentence}</span></div>"
        "</body></html>"
    )
    with caplog.at_level(logging.DEBUG):
        article = extract_article(source, "https://contoh.id/berita/1/petani", rules=NO_RULES)
    assert calls == ["https://contoh.id/berita/1/petani"]
    assert article.method == "generic" and article.note == ""
    assert article.text.count("Petani di lereng") == 4
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_trafilatura_stays_quiet_on_hopeless_pages(caplog: pytest.LogCaptureFixture) -> None:
    source = "<html><body><div>" + "<a href='/x'>tautan menu</a> " * 60 + "</div></body></html>"
    with caplog.at_level(logging.DEBUG):
        article = extract_article(source, "https://contoh.id/", rules=NO_RULES)
    assert article.method in ("summary", "generic")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_relative_date_against_fetched_at() -> None:
    source = (
        "<html><body><h1>Gempa Magnitudo 5 Guncang Cianjur Pagi Ini</h1><div class='meta'>"
        "Nasional | 2 jam yang lalu</div><div class='isi'>" + "<p>Gempa terasa kuat di "
        "Cianjur dan sekitarnya, warga sempat berhamburan keluar rumah.</p>"
        * 4
        + "</div></body></html>"
    )
    fetched = datetime(2024, 12, 5, 10, 0, tzinfo=WIB)
    article = extract_article(
        source, "https://contoh.id/berita/1/gempa", rules=NO_RULES, fetched_at=fetched
    )
    assert article.published == fetched - timedelta(hours=2)


def test_date_in_meta_and_time_element() -> None:
    body = "<p>" + "Isi berita yang cukup panjang untuk dianggap artikel. " * 6 + "</p>"
    with_meta = (
        f"<html><head><meta property='article:published_time' content='2023-01-02T03:04:05"
        f"+07:00'></head><body><h1>Judul Berita Panjang Sekali</h1>{body}</body></html>"
    )
    with_time = (
        f"<html><body><article><h1>Judul Berita Panjang Sekali</h1><div class='x'><time "
        f"datetime='2023-01-02T03:04:05+07:00'>2 Jan</time></div>{body}</article></body>"
        "</html>"
    )
    for source in (with_meta, with_time):
        article = extract_article(source, "https://contoh.id/a/1/b", rules=NO_RULES)
        assert article.published == datetime(2023, 1, 2, 3, 4, 5, tzinfo=WIB)


def test_user_rule_directs_extraction(tmp_path: Path) -> None:
    (tmp_path / "kaltim.json").write_text(
        '{"name": "kaltim", "hosts": ["kaltimtoday.example"], "title": "h1.entry-title",'
        ' "body": ".entry-content", "date": ".posted-on", "related": ".does-not-exist"}',
        encoding="utf-8",
    )
    url = "https://kaltimtoday.example/2024/12/05/banjir-rob/"
    article = extract_article(page("regional_wita.html"), url, rules=load_rules(tmp_path))
    assert article.method == "site:kaltim" and article.note == ""
    assert article.author == "Nur Aisyah"  # from the body's byline lines
    assert article.published == datetime(2024, 12, 5, 8, 15, tzinfo=WITA)
    assert len(article.related) == 2  # generic "Lihat Juga" detection as the rule has none
    assert "Lihat Juga" not in article.text


# -- hostile and broken pages ----------------------------------------------------------------


def test_hostile_page_keeps_text_and_nothing_executable() -> None:
    url = "https://berita.example.id/metro/2024/03/03/kerja-bakti-ciliwung"
    article = extract_article(page("hostile.html"), url, rules=NO_RULES)
    assert article.method == "generic"
    assert article.title == "Warga Gelar Kerja Bakti Bersihkan Sungai Ciliwung"
    assert article.author == "Siti Rahma"
    assert article.text.startswith("Ratusan warga bantaran Sungai Ciliwung")
    assert "Ketua RW setempat" in article.text
    assert_safe(article.html)
    for text in ("alert", "stolen", "evil.example", "isi form", "Kirim data", "svg text", "pilih"):
        assert text not in article.html, text
    assert 'href="https://berita.example.id/lapor"' in article.html
    assert 'href="mailto:redaksi@example.id"' in article.html
    assert all(url.startswith("https://") for url in article.images)
    assert "https://cdn.example.id/foto/kerja-bakti.jpg" in article.images
    assert not any("data:" in u or "javascript" in u for u in (article.lead_image, *article.images))


@pytest.mark.parametrize(
    "source",
    [
        b"",
        b"\x00" * 100,
        b"plain text, no markup at all",
        os.urandom(50_000),
        b"\xff\xfe" + os.urandom(1000),
        b"<html><body>" + b"<div>" * 50_000 + b"<p>teks</p>" + b"</div>" * 50_000,
        b"<html><body>" + b"<b><i>" * 30_000 + b"teks",
        b"<?xml version='1.0' encoding='utf-8'?><html><body><h1>x</h1></body></html>",
        b"<html><head><meta charset='no-such-charset'></head><body><p>x</p></body></html>",
        b"<" * 10_000,
        b"<html><body><table><tr><td><table><tr><td>" * 500,
    ],
    ids=[
        "empty",
        "nul",
        "text",
        "random",
        "bom-random",
        "deep",
        "deep-inline",
        "xml-decl",
        "bad-charset",
        "brackets",
        "tables",
    ],
)
def test_broken_pages_never_raise(source: bytes) -> None:
    article = extract_article(
        source, "https://contoh.id/x/1/y", rules=NO_RULES, summary_html="<p>Ringkasan</p>"
    )
    assert article.method in ("summary", "generic")
    assert_safe(article.html)


def test_huge_page_is_capped() -> None:
    filler = b"<div class='x'><p>Paragraf isi berita yang berulang-ulang.</p></div>" * 300_000
    source = page("detik_like.html").replace(b"</body>", filler + b"</body>")
    assert len(source) > 20_000_000
    article = extract_article(source, "https://news.detik.com/berita/d-1/x")
    assert article.title == "Jokowi Resmikan Bendungan Tapin, Airi 5.000 Hektare Sawah"


def test_str_pages_are_accepted() -> None:
    text = page("detik_like.html").decode("utf-8")
    article = extract_article(text, "https://news.detik.com/berita/d-5227891/x")
    assert article.title.startswith("Jokowi Resmikan")


HTTP_EQUIV = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>é</p>'

# -- decoding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "content_type", "expected"),
    [
        ("<p>café</p>".encode(), "text/html; charset=utf-8", "<p>café</p>"),
        ("<p>café</p>".encode("cp1252"), "text/html; charset=ISO-8859-1", "<p>café</p>"),
        ("<p>“a” – b</p>".encode("cp1252"), "text/html; charset=utf-8", "<p>“a” – b</p>"),
        (
            "<meta charset='windows-1252'><p>é</p>".encode("cp1252"),
            "",
            "<meta charset='windows-1252'><p>é</p>",
        ),
        (HTTP_EQUIV.encode("cp1252"), "text/html", HTTP_EQUIV),
        ("<p>é</p>".encode(), "text/html; charset=iso-8859-1", "<p>é</p>"),
        (b"\xef\xbb\xbf<p>\xc3\xa9</p>", "text/html; charset=iso-8859-1", "<p>é</p>"),
        ("<p>é</p>".encode("utf-16"), "", "<p>é</p>"),
        ("<meta charset='utf-16'><p>é</p>".encode(), "", "<meta charset='utf-16'><p>é</p>"),
        ("<p>é</p>".encode("cp1252"), "", "<p>é</p>"),
        ("<p>é</p>".encode(), "", "<p>é</p>"),
        ("<p>é</p>".encode("iso-8859-15"), "text/html; charset=iso-8859-15", "<p>é</p>"),
        ("<p>é</p>".encode(), "text/html; charset=bogus", "<p>é</p>"),
        (b"", "text/html", ""),
    ],
)
def test_decode_page(raw: bytes, content_type: str, expected: str) -> None:
    assert decode_page(raw, content_type) == expected


def test_decode_page_mostly_utf8_with_a_stray_byte() -> None:
    raw = "Menteri menyerukan … “demokratik” ".encode() * 20 + b"\xff"
    assert decode_page(raw, "text/html; charset=utf-8").startswith("Menteri menyerukan … “")


def test_decode_page_never_raises_on_random_bytes() -> None:
    for size in (1, 7, 100, 5000):
        assert isinstance(decode_page(os.urandom(size), "text/html; charset=utf-8"), str)


# -- speed -----------------------------------------------------------------------------------


def test_no_rule_for_unknown_sites_uses_bundled_rules_by_default() -> None:
    article = extract_article(page("tempo_like.html"), "https://nasional.tempo.co/read/1/x")
    assert article.method == "generic"
    assert re.match(r"^TEMPO\.CO", article.text)


# -- related-block edge cases ----------------------------------------------------------------

ARTICLE_BODY = "".join(
    f"<p>Paragraf ke-{i} tentang banjir di Jakarta yang merendam ratusan rumah warga.</p>"
    for i in range(1, 6)
)


def test_an_empty_baca_juga_section_never_takes_the_article_with_it() -> None:
    source = (
        "<html><body><main><div class='row'><article><h1>Banjir Rendam Ratusan Rumah Warga</h1>"
        f"<div class='isi'>{ARTICLE_BODY}</div></article>"
        "<section><h3>Baca Juga</h3><div class='list'></div></section></div></main>"
        "<footer><a href='https://contoh.id/redaksi/2024/profil-redaksi-kami'>Redaksi</a> "
        "<a href='https://contoh.id/pedoman/2024/pedoman-media-siber'>Pedoman</a></footer>"
        "</body></html>"
    )
    article = extract_article(source, "https://contoh.id/berita/1/banjir", rules=NO_RULES)
    assert article.method == "generic"
    assert article.text.startswith("Paragraf ke-1") and article.text.endswith("rumah warga.")
    assert article.related == ()


def test_heading_wrapper_with_a_see_all_link() -> None:
    source = (
        "<html><body><h1>Banjir Rendam Ratusan Rumah Warga</h1>"
        f"<div class='isi'>{ARTICLE_BODY}</div>"
        "<div class='box'><div class='box-head'><h3>Berita Terkait</h3>"
        "<a href='/indeks'>Lihat semua</a></div>"
        "<ul><li><a href='/berita/2/tanggul-jebol-di-kali-pesanggrahan'>Tanggul Jebol</a>"
        "<span>Kemarin, 14:30 WIB</span></li>"
        "<li><a href='/berita/3/warga-mengungsi-ke-masjid'>Warga Mengungsi ke Masjid</a></li>"
        "</ul></div></body></html>"
    )
    fetched = datetime(2024, 12, 5, 10, 0, tzinfo=WIB)
    article = extract_article(
        source, "https://contoh.id/berita/1/banjir", rules=NO_RULES, fetched_at=fetched
    )
    assert [(r.title, r.url) for r in article.related] == [
        ("Tanggul Jebol", "https://contoh.id/berita/2/tanggul-jebol-di-kali-pesanggrahan"),
        ("Warga Mengungsi ke Masjid", "https://contoh.id/berita/3/warga-mengungsi-ke-masjid"),
    ]
    assert article.related[0].published == datetime(2024, 12, 4, 14, 30, tzinfo=WIB)
    assert "Lihat semua" not in article.text and "Berita Terkait" not in article.text


@pytest.mark.parametrize("heading", ["<h1>Banjir Rendam Ratusan Rumah Warga</h1>", ""])
def test_a_container_merely_named_related_is_not_a_related_block(heading: str) -> None:
    source = (
        "<html><head><title>Banjir Rendam Ratusan Rumah Warga</title></head><body>"
        f"<div class='content with-related'>{heading}{ARTICLE_BODY}"
        "<a href='/berita/2/tanggul-jebol'>Tanggul</a> "
        "<a href='/berita/3/warga-mengungsi'>Warga</a></div></body></html>"
    )
    article = extract_article(source, "https://contoh.id/berita/1/banjir", rules=NO_RULES)
    assert article.text.startswith("Paragraf ke-1")
    assert article.related == ()


SNIPPETS = [
    "<h1>Judul Berita Yang Panjang</h1>",
    "<p>" + "kalimat isi berita " * 10 + "</p>",
    "<div class='ads'>iklan</div>",
    "<h3>Baca Juga</h3>",
    "<ul><li><a href='/berita/9/lain-lain'>Lain</a></li></ul>",
    "<p>Baca juga: <a href='/berita/8/x-y-z'>X</a></p>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>j</a>",
    "<div>",
    "</div>",
    "<table><tr><td>",
    "<br><br>",
    "Senin, 26 Oktober 2020 - 11:26 WIB",
    "Penulis : Budi",
    "<time datetime='bogus'>x</time>",
    "<meta property='og:image' content='javascript:x'>",
    '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "author": 5}</script>',
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SNIPPETS) | st.text(max_size=30), max_size=25))
def test_any_mix_of_markup_extracts_safely(parts: list[str]) -> None:
    article = extract_article(
        "".join(parts), "https://contoh.id/berita/1/x", rules=NO_RULES, summary_html="<p>R</p>"
    )
    assert_safe(article.html)
    assert all(u.startswith(("http://", "https://")) for u in article.images)
    assert article.published is None or article.published.tzinfo is not None


def test_bundled_rule_applies_to_the_real_host_by_default() -> None:
    seed = EXPECTED["articles"][0]
    path = seed["url"].removeprefix(BASE)
    raw = demo_page(path).replace(BASE.encode(), b"https://www.elshinta.com")
    article = extract_article(raw, "https://www.elshinta.com" + path)
    assert article.method == "site:elshinta" and article.note == ""
    assert article.origin == "VOA Indonesia"
    assert [r.url for r in article.related] == [
        r["url"].replace(BASE, "https://www.elshinta.com") for r in seed["related"]
    ]


def test_site_name_is_removed_from_the_title_tag() -> None:
    source = (
        "<html><head><title>Contoh News | Harga Cabai Naik Jelang Natal</title></head><body>"
        f"<div class='isi'>{ARTICLE_BODY}</div></body></html>"
    )
    article = extract_article(
        source, "https://contoh.id/berita/1/cabai", rules=NO_RULES, feed_title="Contoh News"
    )
    assert article.title == "Harga Cabai Naik Jelang Natal"


def test_importing_extract_does_not_import_trafilatura() -> None:
    """trafilatura costs ~190 ms to import: only the generic fallback may load it."""
    code = (
        "import sys, newsreader.core.extract.article as e; "
        "e.extract_article(open(sys.argv[1], 'rb').read(), 'https://news.detik.com/berita/d-1/x'); "
        "assert 'trafilatura' not in sys.modules, 'trafilatura imported'"
    )
    root = Path(__file__).resolve().parents[3]
    subprocess.run(
        [sys.executable, "-c", code, str(PAGES / "detik_like.html")], cwd=root, check=True
    )


def test_picture_under_the_headline_outside_the_body_is_the_lead_image() -> None:
    paragraphs = "".join(
        f"<p>Paragraf {i} berisi kalimat yang cukup panjang tentang kerja sama regional.</p>"
        for i in range(8)
    )
    page_html = (
        "<html><head><title>Kerja sama</title></head><body><nav><img src='/logo.png'></nav>"
        "<main><article><h1>Kerja sama regional diperkuat</h1>"
        "<div class='meta'>Rabu, 1 Mei 2024 - 10:00 WIB</div>"
        "<figure><img src='/img/utama.jpg' alt='foto utama'></figure>"
        f"<div class='isi'>{paragraphs}</div></article>"
        "<aside><img src='/iklan/banner.jpg'></aside></main></body></html>"
    ).encode()
    article = extract_article(page_html, "https://contoh.id/berita/1/kerja-sama", rules=NO_RULES)
    assert article.lead_image == "https://contoh.id/img/utama.jpg"
    assert article.images[0] == "https://contoh.id/img/utama.jpg"
    assert "https://contoh.id/logo.png" not in article.images


def test_pieces_keep_sibling_inline_text_apart() -> None:
    from newsreader.core.extract.page_tree import parse_page, pieces

    doc = parse_page(
        "<div><a href='/x'><span>Judul</span></a><span>Selasa, 15 Juni 2021 - 09:28 WIB</span>"
        "<span>Teaser dengan <b>kata tebal</b> di dalamnya</span>ekor<br>baris baru</div>"
    )
    assert doc is not None
    (div,) = doc.iter("div")
    assert pieces(div) == [
        "Judul",
        "Selasa, 15 Juni 2021 - 09:28 WIB",
        "Teaser dengan kata tebal di dalamnya",
        "ekor",
        "baris baru",
    ]


def test_related_date_and_time_in_separate_elements() -> None:
    page = (
        "<html><body><article><h1>Judul Berita Utama Hari Ini</h1>"
        + "<p>" + "Isi berita yang cukup panjang untuk sebuah artikel. " * 12 + "</p>"
        + "</article><div><h3>Baca Juga</h3><ul>"
        "<li><a href='/news/1/2021/06/15/judul-berita-lain-yang-terkait'>Judul berita lain</a>"
        "<span>15 Juni 2021</span> <span>09:28 WIB</span></li>"
        "<li><a href='/news/2/2021/06/14/judul-berita-kedua-yang-terkait'>Judul berita kedua</a>"
        "</li></ul></div></body></html>"
    )  # fmt: skip
    art = extract_article(page, "https://contoh.example.id/news/3/2021/06/16/judul-berita-utama")
    assert [(r.title, r.published) for r in art.related] == [
        ("Judul berita lain", datetime(2021, 6, 15, 9, 28, tzinfo=WIB)),
        ("Judul berita kedua", None),
    ]
