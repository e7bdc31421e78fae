"""The article pane's HTML: escaping, image rewriting, extraction info, related links."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from html import escape

import pytest

from newsreader.core.render.appearance import THEMES, ReadingOptions
from newsreader.core.render.article import (
    ARTICLE_URL,
    CHANGES_URL,
    DEFAULT_LABELS,
    FULL_URL,
    article_html,
    changes_html,
    extraction_info,
    mark_changes,
)
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
    generic = make_entry(extraction="generic", extraction_note="site rule elshinta: body not found")
    assert extraction_info(generic, labels) == (
        "Generic extraction (site rule elshinta: body not found)"
    )
    summary = make_entry(
        extraction="summary", extraction_note="page could not be fetched: HTTP 404", html=""
    )
    assert extraction_info(summary, labels) == (
        "Feed summary only (page could not be fetched: HTTP 404)"
    )
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
        "summary_only": "Hanya ringkasan feed",
    }
    entry = make_entry(related=(RelatedLink("Satu", "https://e.example/1"),))
    html = _render(entry, labels=labels)
    assert "Hanya ringkasan feed" in _render(
        make_entry(extraction="summary", html="", summary_html="<p>x</p>"), labels=labels
    )
    assert "Baca Juga" in html
    assert "Buka halaman asli" in html
    assert "Oleh Mitra Elshinta Feeder" in html


def test_document_is_a_whole_html_page_with_a_style_block() -> None:
    html = _render(make_entry())
    assert html.startswith("<html>")
    assert "<style>" in html
    assert "max-width" not in html
    assert html.rstrip().endswith("</html>")


# -- extraction info ------------------------------------------------------
def test_the_header_does_not_name_how_the_text_was_extracted() -> None:
    for extraction in ("site:elshinta", "generic", "feed", ""):
        html = _render(make_entry(extraction=extraction))
        assert 'class="info' not in html, extraction
        assert "Extracted" not in html and "extraction" not in html
    note = "site rule elshinta: body not found"  # the generic reader found the whole text
    assert 'class="info' not in _render(make_entry(extraction="generic", extraction_note=note))


def test_a_fall_back_to_the_summary_is_said_with_its_reason() -> None:
    note = "page could not be fetched: HTTP 404"
    entry = make_entry(
        extraction="summary", extraction_note=note, html="", summary_html="<p>Pendek.</p>"
    )
    assert f'<p class="info-note">Feed summary only ({note})</p>' in _render(entry)
    bare = make_entry(extraction="summary", html="", summary_html="<p>Pendek.</p>")
    assert '<p class="info-note">Feed summary only</p>' in _render(bare)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "Elshinta &nbsp;·&nbsp; 26.10.2020 04:26<br>By Mitra Elshinta Feeder"),
        ({"author": ""}, "Elshinta &nbsp;·&nbsp; 26.10.2020 04:26"),
        ({"author": " · ", "published": None}, "Elshinta"),
        ({"feed_title": "", "author": ""}, "26.10.2020 04:26"),
        ({"author": "Sri Lestari ·", "origin": "| VOA"},
         "Elshinta &nbsp;·&nbsp; 26.10.2020 04:26<br>By Sri Lestari &nbsp;·&nbsp; Source: VOA"),
    ],
)  # fmt: skip
def test_the_meta_line_joins_the_parts_present_and_leaves_no_separator_dangling(
    changes: dict[str, object], expected: str
) -> None:
    entry = dataclasses.replace(make_entry(), **changes)  # type: ignore[arg-type]
    assert f'<p class="meta">{expected}</p>' in _render(entry)


def test_without_any_part_there_is_no_meta_line() -> None:
    entry = make_entry(feed_title=" ", author="", origin="", published=None)
    assert 'class="meta"' not in _render(entry)


def test_the_note_and_the_labels_are_translated_by_the_caller() -> None:
    entry = make_entry(
        extraction="summary", extraction_note="page could not be fetched: HTTP 404", html=""
    )
    labels = {"summary_only": "Hanya ringkasan feed", "with_note": "{path} ({note})"}
    html = _render(entry, labels=labels, note_text=lambda note: f"<{note.upper()}>")
    assert "Hanya ringkasan feed (&lt;PAGE COULD NOT BE FETCHED: HTTP 404&gt;)" in html


# -- summary or full article -------------------------------------------------------
def test_the_summary_option_shows_the_feed_summary_instead_of_the_text() -> None:
    entry = make_entry(html="<p>Teks lengkap.</p>", summary_html="<p>Ringkasan.</p>")
    full = _render(entry)
    assert "Teks lengkap." in full and "Ringkasan." not in full
    assert FULL_URL not in full
    summary = _render(entry, options=ReadingOptions(summary=True))
    assert "Ringkasan." in summary and "Teks lengkap." not in summary
    assert escape(DEFAULT_LABELS["showing_summary"]) in summary
    assert f'<a href="{FULL_URL}">{DEFAULT_LABELS["show_full"]}</a>' in summary


def test_without_a_summary_the_summary_option_keeps_the_text_and_says_so() -> None:
    entry = make_entry(html="<p>Teks lengkap.</p>", summary_html="")
    html = _render(entry, options=ReadingOptions(summary=True))
    assert "Teks lengkap." in html
    assert f'<p class="info-note">{DEFAULT_LABELS["no_summary"]}' in html


# -- font size and theme -----------------------------------------------------------
def _rule(html: str, selector: str) -> str:
    match = re.search(rf"(?m)^{re.escape(selector)} {{([^}}]*)}}", html)
    assert match is not None, selector
    return match.group(1)


def test_the_font_size_sets_the_body_and_scales_the_headings() -> None:
    normal = _render(make_entry())
    assert "font-size: 11pt" in _rule(normal, "body")
    big = _render(make_entry(), options=ReadingOptions(font_pt=16))
    assert "font-size: 16pt" in _rule(big, "body")
    assert "font-size: 27.2pt" in _rule(big, "h1")  # 1.7 times the text
    assert "font-size: 13.8pt" in _rule(big, ".meta")


def test_each_theme_colours_text_background_links_and_marks() -> None:
    seen = set()
    for name, theme in THEMES.items():
        html = _render(make_entry(), options=ReadingOptions(theme=name))
        body = _rule(html, "body")
        assert f"color: {theme.text}" in body and f"background-color: {theme.background}" in body
        assert f"color: {theme.link}" in _rule(html, "a")
        assert f"color: {theme.quote}" in _rule(html, "blockquote")
        assert f"color: {theme.muted}" in _rule(html, ".meta")
        assert f"color: {theme.cached}" in _rule(html, ".cached")
        seen.add(body)
    assert len(seen) == len(THEMES)


def test_no_max_width_in_any_theme() -> None:
    for name in THEMES:
        assert "max-width" not in _render(make_entry(), options=ReadingOptions(theme=name))


# -- story updates -----------------------------------------------------------------
def test_an_updated_article_has_a_badge_and_a_link_to_its_changes() -> None:
    updated = make_entry(updated_at=datetime(2021, 6, 15, 9, 30, tzinfo=UTC), previous_versions=1)
    html = _render(updated)
    assert "Updated 15.06.2021 09:30" in html
    assert f'<a href="{CHANGES_URL}">{DEFAULT_LABELS["show_changes"]}</a>' in html
    assert html.index("Updated") < html.index("<p>Presiden")
    assert CHANGES_URL not in _render(make_entry())
    assert 'class="badge"' not in _render(make_entry())


def test_changes_show_insertions_and_deletions_with_a_way_back() -> None:
    entry = make_entry(updated_at=datetime(2021, 6, 15, 9, 30, tzinfo=UTC), previous_versions=1)
    diff = '<p>Korban <del>tiga</del><ins datetime="x">lima</ins> orang.</p>'
    html = changes_html(entry, diff, format_date=_fmt, image_src={}.get, labels={})
    assert '<span class="del">tiga</span><span class="ins">lima</span>' in html
    assert "<ins" not in html and "<del" not in html
    assert html.count(f'href="{ARTICLE_URL}"') == 2  # at the top and at the bottom
    assert DEFAULT_LABELS["changes_title"] in html and "15.06.2021 09:30" in html
    assert "text-decoration: line-through" in _rule(html, ".del")
    assert "text-decoration: underline" in _rule(html, ".ins")


def test_changes_without_an_earlier_version_say_so() -> None:
    html = changes_html(make_entry(), None, format_date=_fmt, image_src={}.get, labels={})
    assert DEFAULT_LABELS["no_changes"] in html
    assert f'href="{ARTICLE_URL}"' in html
    same = changes_html(make_entry(), "", format_date=_fmt, image_src={}.get, labels={})
    assert DEFAULT_LABELS["no_difference"] in same and DEFAULT_LABELS["no_changes"] not in same


def test_changes_never_load_a_remote_image() -> None:
    diff = f'<p><ins><img src="{REMOTE}" alt="Foto"></ins><img src="https://x/b.jpg"></p>'
    html = changes_html(
        make_entry(), diff, format_date=_fmt, image_src={REMOTE: LOCAL}.get, labels={}
    )
    assert _img_srcs(html) == [LOCAL]
    assert "https://x/b.jpg" not in html


def test_mark_changes_handles_case_attributes_and_blocks() -> None:
    assert mark_changes("<INS>a</INS><del cite='x'><p>b</p></del>") == (
        '<span class="ins">a</span><span class="del"><p>b</p></span>'
    )
    assert mark_changes("<p>inside and insert</p>") == "<p>inside and insert</p>"


def test_related_cache_marks_use_the_translated_label() -> None:
    entry = make_entry(related=(RelatedLink("Satu", "https://e.example/1"),))
    html = _render(
        entry, labels={"cached": "tersimpan luring"}, cached_urls={"https://e.example/1"}
    )
    assert '<span class="cached">✓ tersimpan luring</span>' in html
