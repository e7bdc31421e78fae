"""Hostile nesting: flattened before parsing, text kept, in every path that reads markup.

The inputs are large on purpose (100,000 levels, 1.1 MB): before the depth limit they took
nh3 about 20 s and came out empty after html_to_text, so a regression hangs the run visibly.
Nothing here times anything; the assertions are about structure and text.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from newsreader.core.extract.article import extract_article
from newsreader.core.extract.nesting import MAX_DEPTH, MAX_PAGE_DEPTH, limit_depth
from newsreader.core.extract.page_tree import parse_page
from newsreader.core.extract.sanitize import html_to_text, parse_fragment, sanitize_html
from newsreader.core.extract.site_rules import RuleSet

BASE = "https://contoh.id/berita/2024/12/05/judul"
LEVELS = 100_000
WORDS = "teks berita yang terkubur dalam"
PARAGRAPHS = "".join(
    f"<p>Paragraf {i}: warga kota menyambut musim hujan dengan membersihkan saluran air "
    "di lingkungannya masing-masing.</p>"
    for i in range(8)
)
_PARSER = lxml_html.HTMLParser(huge_tree=False)


def depth(markup: str) -> int:
    """How deep lxml nests ``markup`` under its <html><body> (0: text only)."""
    doc = lxml_html.document_fromstring(f"<html><body>{markup}</body></html>", parser=_PARSER)
    return tree_depth(doc.find("body"))


def tree_depth(root: lxml_html.HtmlElement) -> int:
    """Levels of elements below ``root``; an element that can hold nothing (<br>, <img>) is
    no level."""
    deepest, stack = 0, [(child, 1) for child in root]
    while stack:
        el, level = stack.pop()
        if isinstance(el.tag, str) and el.tag not in _VOID:  # not a comment either
            deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in el)
    return deepest


_VOID = frozenset({"br", "img", "hr", "input", "col", "wbr", "area", "embed", "source"})


def nested(opening: str, closing: str, inner: str = WORDS, levels: int = LEVELS) -> str:
    return opening * levels + inner + closing * levels


DEEP = [
    nested("<div>", "</div>"),
    nested("<span>", "</span>"),
    nested("<b>", "</b>"),
    nested("<blockquote><ul><li>", "</li></ul></blockquote>", levels=LEVELS // 3),
    nested("<div><a href='/x'>", "</a></div>", levels=LEVELS // 2),  # the tidy path
    nested("<div>", "", levels=LEVELS),  # never closed
    nested("<table><tr><td>", "</td></tr></table>", levels=LEVELS // 3),
]
DEEP_IDS = ["div", "span", "b", "lists", "links", "unclosed", "tables"]


@pytest.mark.parametrize("markup", DEEP, ids=DEEP_IDS)
def test_sanitized_deep_nesting_keeps_its_text_and_is_shallow(markup: str) -> None:
    out = sanitize_html(markup, BASE)
    assert WORDS in out
    # The limit holds for libxml2's tree; nh3 then gives each table the <tbody> (and <tr>)
    # the markup left out, up to twice as deep for tables and no deeper for anything else.
    assert depth(out) <= (2 * MAX_DEPTH if markup.startswith("<table>") else MAX_DEPTH)
    assert html_to_text(out) == WORDS


@pytest.mark.parametrize("markup", DEEP, ids=DEEP_IDS)
def test_text_of_deep_nesting_is_kept(markup: str) -> None:
    assert html_to_text(markup) == WORDS
    root = parse_fragment(markup)
    assert root is not None and WORDS in root.text_content()


def test_deep_feed_content_is_stored_with_its_text() -> None:
    # What a refresh stores for an item's content:encoded: its sanitized HTML and its text.
    content = nested("<div>", "</div>", f"<p>{WORDS}</p>")
    stored = sanitize_html(content, BASE)
    assert html_to_text(stored) == WORDS
    assert depth(stored) <= MAX_DEPTH
    assert len(stored) < 2_000  # 64 wrappers, not 100,000


def test_deep_page_keeps_its_article() -> None:
    page = (
        "<html><head><title>Banjir di kota</title></head><body><h1>Banjir di kota</h1>"
        + nested("<div>", "</div>", PARAGRAPHS)
        + "</body></html>"
    )
    doc = parse_page(page)
    assert doc is not None and "Paragraf 7" in doc.text_content()
    assert tree_depth(doc) <= MAX_PAGE_DEPTH + 1  # and <body>
    article = extract_article(page, BASE, rules=RuleSet([]))
    assert article.method == "generic"
    assert "Paragraf 0" in article.text and "Paragraf 7" in article.text
    assert depth(article.html) <= MAX_DEPTH


def test_deep_page_with_a_deep_summary_falls_back_to_the_summary() -> None:
    page = f"<html><body>{nested('<div>', '</div>')}</body></html>"
    summary = nested("<div>", "</div>", f"<p>{WORDS}</p>")
    article = extract_article(page, BASE, rules=RuleSet([]), summary_html=summary)
    assert article.method == "summary"
    assert article.text == WORDS


def test_reopened_formatting_does_not_multiply() -> None:
    # Every paragraph leaves a <b> open with its own title; html5ever, fed this raw, reopens
    # all the earlier ones in each paragraph: 87 KB of it came out as 156 MB.
    source = "".join(f"<p><b title={i}>x</p>" for i in range(20_000))
    out = sanitize_html(source, BASE)
    assert out.count("x") == 20_000
    assert len(out) < 3 * len(source)


# -- limit_depth itself ---------------------------------------------------------------------------


def test_shallow_markup_is_left_alone() -> None:
    markup = "<div><p>a <b>b</b></p>" * 100 + "</div>" * 100
    assert limit_depth(markup, 200) == markup
    assert limit_depth("<p>x</p>" * 3) == "<p>x</p>" * 3


def test_only_the_deep_tags_go() -> None:
    out = limit_depth(nested("<div>", "</div>", "<p>a</p>", levels=10) + "<p>b</p>", 4)
    assert out == "<div>" * 4 + "a" + "</div>" * 4 + "<p>b</p>"


@pytest.mark.parametrize(
    ("inside", "why"),
    [
        ('<b title="<div><div>">x</b>', "a quoted > or < is no tag"),
        ("<!-- <div><div><div> -->x", "nor is a tag in a comment"),
        ("<script>'<div><div><div>'</script>x", "nor in a script"),
        ("<textarea><div><div><div></textarea>x", "nor in a text area"),
    ],
)
def test_what_is_not_a_tag_does_not_count(inside: str, why: str) -> None:
    markup = "<div>" * 3 + inside * 40 + "</div>" * 3
    assert limit_depth(markup, 4) == markup, why


def test_a_cut_does_not_join_text_into_a_new_tag() -> None:
    # "<" + "<div>" + "b>": once the deep <div> goes, "<b>" must not appear in its place.
    markup = "<div>" * 5 + "<<div>b>x" * 50 + "</div>" * 5
    out = limit_depth(markup, 5)
    assert "<b>" not in out and out.count("&lt;b>x") == 50
    assert depth(out) <= 5


@pytest.mark.parametrize(
    "markup",
    [
        "<p>a</p></body><body><p>b</p>",  # a second body: lxml's fragment parser asserted
        "<p>a</p></html><p>b</p>",  # libxml2 dropped all after </html>
        "<html><body><p>a</p></body></html><p>b</p>",
        "<head><title>t</title></head><p>a</p><body><p>b</p>",
    ],
)
def test_wrapper_tags_in_a_fragment_lose_nothing(markup: str) -> None:
    text = html_to_text(markup)
    assert "a" in text.split() and "b" in text.split()
    out = sanitize_html(markup, BASE)
    assert "<p>a</p>" in out and "<p>b</p>" in out


_TAGS = (
    "div span p b i a li ul ol td tr th table tbody dl dt dd font center h2 pre form option "  # noqa: SIM905
    "select blockquote em small tt big fieldset legend address section DIV".split()
)
_OTHER = [
    "<br>", "<img src=x>", "<div/>", "<hr>", "<!-- <div> -->", "<script><div></script>",
    "<title><p></title>", "<", "</", "<!x>", "<?y>", '<a title=">">', "</br>", "<p/>",
    "<body>", "</body>", "<html>", "</html>", "<head>", "</head>", "<noscript><div>",
    "<svg><g>", "</p>", "<div\n>", "<a href=x/>", "</div x='>'>", "<!---->", "<!-- x --!>",
]  # fmt: skip
_piece = st.one_of(
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(_OTHER),
    st.integers(0, 10_000).map(lambda n: f" w{n} "),
)


def words(markup: str) -> set[str]:
    doc = lxml_html.document_fromstring(f"<html><body>{markup}</body></html>", parser=_PARSER)
    for raw in doc.xpath("//script | //style | //title | //textarea"):
        raw.drop_tree()
    return set(re.findall(r"w\d+", doc.text_content()))


@settings(max_examples=150, deadline=None)
@given(st.lists(_piece, min_size=10, max_size=400), st.sampled_from([3, 8, 20]))
def test_any_tag_soup_comes_out_shallow_with_every_word(pieces: list[str], limit: int) -> None:
    markup = "".join(pieces)
    out = limit_depth(markup, limit)
    assert depth(out) <= limit
    assert words(out) >= words(markup)


def test_random_soups_nested_deep_come_out_shallow() -> None:
    rng = random.Random(7)
    for _ in range(20):
        pieces = [rng.choice(_TAGS) for _ in range(3_000)]
        markup = "".join(f"<{tag}> w{i} " for i, tag in enumerate(pieces))
        out = limit_depth(markup, 16)
        assert depth(out) <= 16
        assert len(words(out)) == len(pieces)
