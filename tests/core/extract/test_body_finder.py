"""The generic body finder on page shapes the parent-scoring reader got wrong: wrapped
paragraphs, split containers, prose that is not the article."""

from __future__ import annotations

from newsreader.core.extract.article import extract_article
from newsreader.core.extract.body_finder import Block, best_run, find_body, text_blocks
from newsreader.core.extract.page_tree import parse_page
from newsreader.core.extract.site_rules import RuleSet

NO_RULES = RuleSet([])
URL = "https://contoh.id/berita/2024/12/05/banjir-rendam-ratusan-rumah"
SENTENCES = [
    "Banjir merendam ratusan rumah di tiga kelurahan setelah hujan deras sejak Sabtu malam.",
    "Petugas mengerahkan perahu karet untuk mengevakuasi warga lanjut usia dan anak-anak.",
    "Dapur umum didirikan di halaman kantor kecamatan dan melayani seribu porsi setiap hari.",
    "Pemerintah kota berjanji mengeruk sungai dan memperbaiki tanggul sebelum puncak hujan.",
    "Dinas Kesehatan membuka posko layanan untuk mengantisipasi penyakit kulit dan diare.",
    "Sejumlah sekolah meliburkan siswa karena ruang kelas terendam dan buku pelajaran rusak.",
]
MENU = "<nav>" + "".join(f"<a href='/k/{i}'>Kanal {i}</a>" for i in range(30)) + "</nav>"


def page(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>Banjir Rendam Ratusan Rumah</title>{head}</head><body>{MENU}"
        f"<h1>Banjir Rendam Ratusan Rumah</h1>{body}</body></html>"
    )


def texts(source: str) -> list[str]:
    article = extract_article(source, URL, rules=NO_RULES)
    assert article.method == "generic", article.note
    return article.text.split("\n\n")


def test_paragraphs_each_in_wrappers_of_their_own() -> None:
    body = "".join(
        f"<div data-component='text-block'><div class='rich'><p>{s}</p></div></div>"
        for s in SENTENCES
    )
    assert texts(page(f"<article>{body}</article>")) == SENTENCES


def test_paragraphs_as_divs_without_any_p() -> None:
    body = "".join(f"<div class='article__paragraph'>{s}</div>" for s in SENTENCES)
    assert texts(page(f"<div class='article-body'>{body}</div>")) == SENTENCES


def test_edges_that_are_prose_but_not_the_article() -> None:
    notice = (
        "<div class='consent-box'><p>Situs ini memakai cookie untuk analitik dan iklan yang "
        "relevan; dengan melanjutkan Anda menyetujui kebijakan privasi kami.</p></div>"
    )
    bio = (
        "<div class='author-card'><p>Rahmat Hidayat adalah jurnalis yang meliput isu perkotaan "
        "dan kebijakan publik sejak 2012 dan pernah menerima penghargaan.</p></div>"
    )
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    source = page(f"{notice}<div class='meta'>Senin, 2 Desember 2024</div>"
                  f"<div class='story'>{body}</div>{bio}")  # fmt: skip
    assert texts(source) == SENTENCES


def test_a_link_box_in_mid_text_is_crossed_and_removed() -> None:
    box = "<div class='rec'><h3>Rekomendasi</h3><ul>" + "".join(
        f"<li><a href='/berita/{i}/judul-berita-lain-yang-panjang'>Judul berita lain yang cukup "
        f"panjang nomor {i}</a></li>"
        for i in range(12)
    )
    body = "".join(f"<p>{s}</p>" for s in SENTENCES[:2]) + box + "</ul></div>"
    body += f"<p>{SENTENCES[2]}</p>"
    lead = f"<div class='lead'><p>{SENTENCES[3]} {SENTENCES[4]}</p></div>"
    assert texts(page(f"<article>{lead}<div class='story'>{body}</div></article>")) == [
        f"{SENTENCES[3]} {SENTENCES[4]}",
        *SENTENCES[:3],
    ]


def test_closing_lines_of_the_text_stay() -> None:
    body = "".join(f"<p>{s}</p>" for s in SENTENCES[:3]) + "<p>(asp/imk)</p>"
    source = page(f"<div class='isi'>{body}</div><div class='tags'><a href='/t/1'>banjir</a>"
                  "<a href='/t/2'>jakarta</a></div>")  # fmt: skip
    assert texts(source) == [*SENTENCES[:3], "(asp/imk)"]


def test_loose_text_between_blocks_becomes_paragraphs() -> None:
    body = "<br><br>".join(SENTENCES[:2]) + "<div class='x'></div>" + SENTENCES[2]
    body += "<br><br><div class='inline'><img src='/i.jpg'></div>" + SENTENCES[3]
    assert texts(page(f"<div id='contentx'>{body}</div>")) == SENTENCES[:4]


def test_a_generated_class_named_ad_does_not_hide_prose() -> None:
    body = "".join(f"<p class='pw-post ab ad ae'>{s}</p>" for s in SENTENCES)
    assert texts(page(f"<section>{body}</section>")) == SENTENCES


def test_a_page_wrapped_whole_in_a_form() -> None:
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    source = page(f"<form id='aspnetForm' action='/x'><div class='content'>{body}</div></form>")
    assert texts(source) == SENTENCES


def test_the_lead_picture_is_kept_without_its_caption() -> None:
    figure = (
        "<figure><img src='https://contoh.id/foto/banjir.jpg' alt='Banjir'><figcaption>Warga "
        "melintasi genangan di Jalan Kemang, Senin (2/12). Foto: Redaksi</figcaption></figure>"
    )
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    article = extract_article(
        page(f"<article><div class='byline'>Oleh Rahmat</div>{figure}{body}</article>"),
        URL,
        rules=NO_RULES,
    )
    assert article.text.split("\n\n") == SENTENCES
    assert article.images == ("https://contoh.id/foto/banjir.jpg",)


def test_no_prose_no_body() -> None:
    doc = parse_page("<html><body>" + MENU + "<p>Pendek.</p></body></html>")
    assert doc is not None
    assert find_body(doc) is None


def test_best_run_bridges_small_gaps_not_large_ones() -> None:
    root = parse_page("<p>x</p>")
    assert root is not None
    el = root.find(".//p")

    def block(chars: int, links: int = 0) -> Block:
        return Block(el, chars, links, False)

    blocks = [block(300), block(20), block(300), block(800, 800), block(200)]
    assert best_run(blocks)[:2] == (0, 2)
    doc = parse_page("<div>ab <b>c</b><p>def</p>gh</div>")
    assert doc is not None
    # The div's own text and its inline child, not its <p>; spaces between pieces are not counted.
    assert [(b.el.tag, b.chars) for b in text_blocks(doc)] == [("div", 5), ("p", 3)]
