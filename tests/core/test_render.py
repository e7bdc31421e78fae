"""The article pane's HTML: escaping, image rewriting, extraction info, related links."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from newsreader.core.render import DEFAULT_LABELS, article_html, extraction_info
from newsreader.core.types import RelatedLink
from tests.helpers.fakes import make_entry

LOCAL = "file:///data/images/ab/x.png"
REMOTE = "https://elshinta.example/a.jpg"


def _fmt(dt: datetime) -> str:
    return dt.strftime("%d.%m.%Y %H:%M")


def _render(entry, *, local: dict[str, str] | None = None, **kw) -> str:
    local = local or {}
    return article_html(
        entry, format_date=_fmt, image_src=local.get, labels=kw.pop("labels", {}), **kw
    )


def _img_srcs(html: str) -> list[str]:
    return re.findall(r'<img[^>]*\ssrc="([^"]*)"', html)


def test_title_meta_and_body_are_shown() -> None:
    entry = make_entry(
        title="Judul", feed_title="Elshinta", author="Penulis A", origin="VOA Indonesia",
        html="<p>Isi berita.</p>",
    )  # fmt: skip
    html = _render(entry)
    assert "<h1>Judul</h1>" in html
    assert "Elshinta" in html
    assert "26.10.2020 04:26" in html
    assert "By Penulis A" in html
    assert "Source: VOA Indonesia" in html
    assert "<p>Isi berita.</p>" in html
    assert f'href="{entry.url}"' in html


def test_text_from_the_entry_is_escaped() -> None:
    entry = make_entry(
        title="<script>alert(1)</script> & co",
        author='"><img src=x>',
        feed_title="<b>feed</b>",
        related=(RelatedLink("<i>t</i>", 'https://x.example/"onmouseover="a', None, "<b>x</b>"),),
    )
    html = _render(entry)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    assert "<img src=x>" not in html
    assert "<b>feed</b>" not in html
    assert "&lt;i&gt;t&lt;/i&gt;" in html
    assert 'href="https://x.example/&quot;onmouseover=&quot;a"' in html


def test_cached_images_point_at_local_files_and_others_become_alt_text() -> None:
    entry = make_entry(
        html=f'<p><img src="{REMOTE}" alt="Foto" width="300">'
        '<img src="https://x/b.jpg" alt="Peta"></p>'
    )
    html = _render(entry, local={REMOTE: LOCAL})
    assert _img_srcs(html) == [LOCAL]
    assert 'width="300"' in html
    assert '<em class="missing">[Peta]</em>' in html
    assert "https://x/b.jpg" not in html


def test_no_remote_image_source_survives_odd_markup() -> None:
    body = (
        '<IMG SRC="https://a.example/1.jpg">'
        "<img src='https://a.example/2.jpg' alt='a > b'>"
        '<img alt="no source">'
        '<img src="https://a.example/3.jpg"/>'
    )
    html = _render(make_entry(html=body))
    assert "//a.example" not in html
    assert _img_srcs(html) == []
    assert "[a &gt; b]" in html
    assert "[no source]" in html
    assert f"[{DEFAULT_LABELS['image']}]" in html


def test_lead_image_is_shown_once() -> None:
    entry = make_entry(lead_image=REMOTE, html="<p>text</p>")
    assert _img_srcs(_render(entry, local={REMOTE: LOCAL})) == [LOCAL]
    repeated = make_entry(lead_image=REMOTE, html=f'<p><img src="{REMOTE}"></p>')
    assert _img_srcs(_render(repeated, local={REMOTE: LOCAL})) == [LOCAL]
    uncached = make_entry(lead_image=REMOTE, html="<p>text</p>")
    assert _img_srcs(_render(uncached)) == []


def test_body_falls_back_to_the_summary_then_to_a_notice() -> None:
    summary = make_entry(html="", summary_html="<p>Ringkasan.</p>", extraction="summary")
    html = _render(summary)
    assert "<p>Ringkasan.</p>" in html
    assert "Feed summary only" in html
    empty = make_entry(html="", summary_html="")
    assert DEFAULT_LABELS["no_text"] in _render(empty)


def test_extraction_info_names_the_path_and_the_note() -> None:
    labels = DEFAULT_LABELS
    assert extraction_info(make_entry(extraction="site:elshinta"), labels) == (
        "Extracted by site rule elshinta"
    )
    generic = make_entry(extraction="generic", extraction_note="no site rule for this host")
    assert extraction_info(generic, labels) == (
        "Extracted from the page by the generic reader: no site rule for this host"
    )
    summary = make_entry(extraction="summary", extraction_note="page returned 404", html="")
    assert extraction_info(summary, labels) == "Feed summary only: page returned 404"
    assert extraction_info(make_entry(extraction=""), labels) == labels["feed_content"]


def test_related_links_are_listed_in_order_with_dates_teasers_and_cache_marks() -> None:
    related = (
        RelatedLink(
            "Satu", "https://e.example/1", datetime(2021, 6, 15, 2, 28, tzinfo=UTC), "T1..."
        ),
        RelatedLink("Dua", "https://e.example/2", None, ""),
    )
    html = _render(make_entry(related=related), cached_urls={"https://e.example/2"})
    section = html[html.index("<ol>") : html.index("</ol>")]
    assert section.index("Satu") < section.index("Dua")
    assert '<a href="https://e.example/1">Satu</a>' in section
    assert "15.06.2021 02:28" in section
    assert "T1..." in section
    items = section.split("<li")[1:]
    assert DEFAULT_LABELS["cached"] not in items[0]
    assert DEFAULT_LABELS["cached"] in items[1]
    assert html.index("</ol>") < html.index(DEFAULT_LABELS["open_original"])


def test_no_related_section_without_related_links() -> None:
    assert "<ol>" not in _render(make_entry(related=()))


def test_labels_translate_every_fixed_string() -> None:
    labels = {
        "related": "Baca Juga",
        "open_original": "Buka halaman asli",
        "by": "Oleh {author}",
        "extracted_site": "Diekstrak oleh aturan situs {name}",
    }
    entry = make_entry(related=(RelatedLink("Satu", "https://e.example/1"),))
    html = _render(entry, labels=labels)
    assert "Baca Juga" in html
    assert "Buka halaman asli" in html
    assert "Oleh Mitra Elshinta Feeder" in html
    assert "Diekstrak oleh aturan situs elshinta" in html


def test_document_is_a_whole_html_page_with_a_style_block() -> None:
    html = _render(make_entry())
    assert html.startswith("<html>")
    assert "<style>" in html
    assert "max-width" not in html
    assert html.rstrip().endswith("</html>")
