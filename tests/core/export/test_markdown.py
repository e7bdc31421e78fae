"""The small HTML-to-Markdown converter used by the Markdown export."""

from __future__ import annotations

import lxml.html
import pytest

from newsreader.core.export.markdown import MarkdownConverter, md_escape, md_url


def convert(html: str, shift: int = 0, images: dict[str, str] | None = None) -> str:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    table = images or {}
    return MarkdownConverter(table.get, heading_shift=shift).convert(root)


def test_paragraphs_collapse_html_whitespace_but_keep_nbsp() -> None:
    assert convert("<p>satu\n   dua</p>\n\n<p>tiga\u00a0empat</p>") == "satu dua\n\ntiga\u00a0empat"


def test_headings_shifted_and_capped() -> None:
    assert convert("<h1>A</h1><h2>B <em>c</em></h2>") == "# A\n\n## B *c*"
    assert convert("<h2>A</h2><h5>B</h5>", shift=2) == "#### A\n\n###### B"


def test_emphasis_moves_spaces_outside_markers() -> None:
    assert convert("<p>a<strong> b </strong>c <b></b>d <i>e</i></p>") == "a **b** c d *e*"


def test_markdown_characters_in_text_are_escaped() -> None:
    assert convert("<p>snake_case *bintang* [vm/ft] `kode`</p>") == (
        "snake\\_case \\*bintang\\* \\[vm/ft\\] \\`kode\\`"
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p># bukan judul</p>", "\\# bukan judul"),
        ("<p>- bukan daftar</p>", "\\- bukan daftar"),
        ("<p>1. bukan nomor</p>", "1\\. bukan nomor"),
        ("<p>&gt; bukan kutipan</p>", "\\> bukan kutipan"),
        ("<p>2020 tahun</p>", "2020 tahun"),
    ],
)
def test_paragraph_start_that_would_become_markup_is_escaped(html: str, expected: str) -> None:
    assert convert(html) == expected


def test_links_only_for_safe_schemes() -> None:
    assert convert('<p><a href="https://a.id/x y(1)">teks</a></p>') == (
        "[teks](https://a.id/x%20y%281%29)"
    )
    assert convert('<p><a href="mailto:r@a.id">surel</a></p>') == "[surel](mailto:r@a.id)"
    assert convert('<p><a href="javascript:alert(1)">jahat</a></p>') == "jahat"
    assert convert('<p><a href="https://a.id/"></a></p>') == "[https://a.id/](https://a.id/)"


def test_lists_nested_and_numbered() -> None:
    html = (
        "<ul><li>satu</li><li><p>dua</p><p>lanjut</p><ul><li>dalam</li></ul></li></ul>"
        '<ol start="3"><li>tiga</li><li>empat</li></ol>'
    )
    assert convert(html) == ("- satu\n- dua\n\n  lanjut\n\n  - dalam\n\n3. tiga\n4. empat")


def test_blockquote_prefixes_every_line() -> None:
    assert convert("<blockquote><p>a</p><p>b</p></blockquote>") == "> a\n>\n> b"


def test_images_local_or_alt_text() -> None:
    images = {"https://e.id/a.jpg": "berita_images/001.jpg"}
    html = '<p><img src="https://e.id/a.jpg" alt="Foto [1]"> <img src="https://e.id/b.jpg"></p>'
    assert convert(html, images=images) == "![Foto \\[1\\]](berita_images/001.jpg) \\[gambar\\]"


def test_line_breaks_rules_and_code() -> None:
    assert convert("<p>baris<br>\n  dua</p>") == "baris\\\ndua"
    assert convert("<p>a</p><hr><p>b</p>") == "a\n\n* * *\n\nb"
    assert convert("<p>pakai <code>a_b</code> dan <code>x`y</code></p>") == (
        "pakai `a_b` dan `` x`y ``"
    )
    assert convert("<pre>def f():\n    return 1</pre>") == "```\ndef f():\n    return 1\n```"


def test_containers_tables_and_unknown_tags_keep_text() -> None:
    html = (
        "<div><section><p>a</p></section><span>b <u>c</u></span></div>"
        "<table><tr><th>K</th><th>V</th></tr><tr><td>x</td><td>1</td></tr></table>"
        "<!-- komentar --><script>alert(1)</script>"
    )
    assert convert(html) == "a\n\nb c\n\nK | V\n\nx | 1"


def test_empty_body() -> None:
    assert convert("") == ""


def test_helpers() -> None:
    assert md_escape("a*b_c") == "a\\*b\\_c"
    assert md_url(" https://a.id/b c ") == "https://a.id/b%20c"
    assert md_url('https://a.id/<b>(c)\\d"e\x00\x1b\x85f') == (
        "https://a.id/%3Cb%3E%28c%29%5Cd%22e%00%1B%C2%85f"
    )
