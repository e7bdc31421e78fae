"""Property-based robustness: generated and mutated feeds and pages.

Feeds are RSS 2.0 or Atom built from random titles, links, dates and HTML fragments full of
hostile bits, then mutated (cut short, random bytes, lying encodings, duplicate guids,
required elements dropped, entity bombs). Each goes through the whole pipeline -- parse,
store by a real refresh, the article pane's HTML, the html/md/json exports -- after a clean
version of the same feed was stored and marked: nothing may raise but our own errors,
nothing shown may be unsafe, and nothing stored before may be lost. Pages go through
``extract_article`` with random nesting and garbage.

Examples stay few (the whole file runs in well under 30 s); CI derandomizes them through the
"ci" profile of tests/conftest.py.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.core.errors import ParseError
from newsreader.core.extract.article import extract_article
from newsreader.core.extract.sanitize import sanitize_html
from newsreader.core.feeds.index_page import parse_index
from newsreader.core.feeds.parse import parse_feed
from newsreader.core.library import Library, open_library
from newsreader.core.storage.records import EntryRecord
from tests.corpus.pipeline import check_entry, check_exports
from tests.corpus.safety import problems
from tests.helpers.fake_fetcher import FakeFetcher, FakeResponse
from tests.helpers.library_tools import add_feed_unchecked

# -- building blocks ------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>",
    '<img src="x.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">j</a>',
    '<a href=" &#106;avascript:alert(1)">entity</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="vbscript:msgbox(1)">v</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(https://evil.example/)">styled</p>',
    "<svg onload=alert(1)><circle/></svg>",
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example/"><input name=q><button>go</button></form>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    "<!--<script>alert(1)</script>-->",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{background:url(https://evil.example/)}</style>",
    '<div onclick="x()">click</div>',
    '<a href="https://ok.example/" onmouseover="x()">ok</a>',
    "<scr<script>ipt>alert(1)</script>",
    '<img """><script>alert(1)</script>">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<details open ontoggle=alert(1)><summary>s</summary>d</details>",
    '<img srcset="https://evil.example/a.png 1x">',
    "<video src=x onerror=alert(1)></video>",
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    "<h1>heading</h1><p>unclosed <b>bold <i>italic",
    "</div></div></body></html>",
    '<img src="https://cdn.example/foto.jpg" alt="foto">',
    '<a href="/relative/path">relative</a>',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; as text</p>",
    "<table><tr><td>cell<td>cell</table>",
    "<template><script>alert(1)</script></template>",
)
WORDS = st.sampled_from(
    ["Jakarta", "berita", "banjir", "<", ">", "&", '"', "'", "]]>", "\u00a0", "é", "😀", " "]
)
TEXT = st.one_of(
    st.lists(WORDS, max_size=8).map(" ".join),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
)
FRAGMENT = st.lists(st.one_of(st.sampled_from(HOSTILE), TEXT), max_size=6).map("".join)
LINKS = st.sampled_from(
    [
        "https://news.example/read/satu-berita-hari-ini",
        "https://news.example/read/dua-berita-hari-ini",
        "/relative/tiga",
        "javascript:alert(1)",
        "",
        "feed://news.example/feed",
        "http://[::1",
        "data:text/html,<script>alert(1)</script>",
        " https://news.example/spaced ",
    ]
)
GUIDS = st.sampled_from(["g1", "g2", "g3", "https://news.example/read/satu-berita-hari-ini", ""])
MOMENTS = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
DATES = st.one_of(
    st.builds(lambda d, tz: format_datetime(d.astimezone(tz)), MOMENTS, OFFSETS),
    st.builds(lambda d, tz: d.astimezone(tz).isoformat(), MOMENTS, OFFSETS),
    st.sampled_from(
        [
            "",
            "garbage",
            "Senin, 26 Oktober 2020 11:26 WIB",
            "Mon, 99 Foo 2020 99:99:99 +9999",
            "0000-00-00T00:00:00Z",
            "9999-12-31T23:59:59+14:00",
            "1 Jan 0001",
        ]
    ),
)


def _embed(fragment: str, how: str) -> str:
    """An HTML fragment as element content: CDATA, escaped, or raw markup (maybe ill-formed)."""
    if how == "cdata":
        return "<![CDATA[" + fragment.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    if how == "escaped":
        return escape(fragment)
    return fragment


@st.composite
def items(draw: st.DrawFn) -> dict[str, str]:
    return {
        "title": draw(TEXT),
        "link": draw(LINKS),
        "guid": draw(GUIDS),
        "date": draw(DATES),
        "summary": draw(FRAGMENT),
        "content": draw(st.one_of(st.just(""), FRAGMENT)),
        "how": draw(st.sampled_from(["cdata", "escaped", "raw"])),
    }


def rss(title: str, entries: list[dict[str, str]]) -> str:
    body = ""
    for e in entries:
        body += "<item>"
        body += f"<title>{escape(e['title'])}</title>" if e["title"] else ""
        body += f"<link>{escape(e['link'])}</link>" if e["link"] else ""
        body += f"<guid>{escape(e['guid'])}</guid>" if e["guid"] else ""
        body += f"<pubDate>{escape(e['date'])}</pubDate>" if e["date"] else ""
        body += f"<description>{_embed(e['summary'], e['how'])}</description>"
        if e["content"]:
            body += f"<content:encoded>{_embed(e['content'], e['how'])}</content:encoded>"
        body += "</item>"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link><ttl>30</ttl>"
        f"{body}</channel></rss>"
    )


def atom(title: str, entries: list[dict[str, str]]) -> str:
    body = ""
    for e in entries:
        body += "<entry>"
        body += f"<id>{escape(e['guid'])}</id>" if e["guid"] else ""
        body += f'<title type="html">{escape(e["title"])}</title>'
        body += f"<link href={quoteattr(e['link'])}/>" if e["link"] else ""
        body += f"<updated>{escape(e['date'])}</updated>" if e["date"] else ""
        kind = "xhtml" if e["how"] == "raw" else "html"
        for name in ("summary", "content"):
            value = _embed(e[name], e["how"])
            if kind == "xhtml":
                value = f'<div xmlns="http://www.w3.org/1999/xhtml">{value}</div>'
            body += f'<{name} type="{kind}">{value}</{name}>' if e[name] else ""
        body += "</entry>"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>{escape(title)}</title><link href="https://news.example/"/>{body}</feed>'
    )


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    build = draw(st.sampled_from([rss, atom]))
    return build(draw(TEXT), draw(st.lists(items(), max_size=5))).encode("utf-8")


BOMB = (
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
)


@st.composite
def mutated(draw: st.DrawFn, doc: bytes) -> bytes:
    """``doc`` damaged the ways the web damages feeds (or left alone)."""
    how = draw(
        st.sampled_from(
            ["none", "truncate", "insert", "encoding", "drop", "entities", "bom", "double"]
        )
    )
    if how == "truncate":
        return doc[: draw(st.integers(0, len(doc)))]
    if how == "insert":
        at = draw(st.integers(0, len(doc)))
        return doc[:at] + draw(st.binary(min_size=1, max_size=12)) + doc[at:]
    if how == "encoding":
        codec = draw(st.sampled_from(["utf-16", "utf-16-be", "latin-1", "cp1252", "utf-32"]))
        text = doc.decode("utf-8")
        if draw(st.booleans()):  # the declaration now lies, or is gone
            text = text.replace('encoding="utf-8"', draw(st.sampled_from(["", 'encoding="x"'])))
        return text.encode(codec, errors="replace")
    if how == "drop":
        pattern = draw(
            st.sampled_from(
                [
                    rb"<title>.*?</title>",
                    rb"<channel>",
                    rb"</channel>",
                    rb"<rss[^>]*>",
                    rb"<feed[^>]*>",
                    rb"<(?:guid|id)>.*?</(?:guid|id)>",
                    rb"<\?xml[^>]*\?>",
                ]
            )
        )
        return re.sub(pattern, b"", doc, count=draw(st.integers(0, 3)), flags=re.S)
    if how == "entities":
        head, _, rest = doc.partition(b"?>")
        body = rest.replace(b"<title>", b"<title>&d;&x;", 1)
        return head + b"?>" + BOMB.encode() + body
    if how == "bom":
        return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + doc
    if how == "double":  # the same items twice: duplicate guids within one document
        return re.sub(rb"(<item>.*</item>|<entry>.*</entry>)", rb"\1\1", doc, count=1, flags=re.S)
    return doc


# -- parse alone ----------------------------------------------------------------------------

FEED_URL = "https://news.example/feed.xml"


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_parse_raises_only_parse_errors(data: st.DataObject) -> None:
    doc = data.draw(mutated(data.draw(feeds())))
    content_type = data.draw(
        st.sampled_from(["", "application/rss+xml", "text/xml; charset=iso-8859-1", "text/html"])
    )
    try:
        parsed = parse_feed(doc, FEED_URL, content_type=content_type)
    except ParseError:
        return
    for entry in parsed.entries:
        assert entry.guid
        assert entry.url == "" or entry.url.startswith(("http://", "https://"))
        for html in (entry.summary_html, entry.content_html):
            assert problems(sanitize_html(html, FEED_URL)) == []
        assert "aaaaaaaaaa" * 50 not in entry.title  # no entity expansion
        assert "root:" not in entry.title  # no external entity read


# -- the whole pipeline ---------------------------------------------------------------------


class _Pipeline:
    """One library for all examples; every example is a new feed with its own URL."""

    def __init__(self, root: Path) -> None:
        self.fetcher = FakeFetcher()
        self.lib: Library = open_library(root / "library", fetcher=self.fetcher)
        self.out = root / "exports"
        self.numbers: Iterator[int] = itertools.count(1)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Pipeline]:
    state = _Pipeline(tmp_path_factory.mktemp("properties"))
    yield state
    state.lib.close()


def _marks(lib: Library, feed_id: int) -> dict[int, tuple[bool, bool]]:
    """The feed's stored articles (listed or not), read through the facade: id -> marks."""
    ids = EntryRecord.select(EntryRecord.id).where(EntryRecord.feed == feed_id).scalars()
    return {e.id: (e.read, e.starred) for e in lib.entries_by_id([int(i) for i in ids])}


def _check_feed(state: _Pipeline, feed_id: int, doc: bytes) -> None:
    lib = state.lib
    [result] = lib.refresh([feed_id], full_articles=False)
    try:
        parse_feed(doc, lib.feed(feed_id).url)
        assert not result.error, result.error
    except ParseError:
        assert result.error and lib.feed(feed_id).error
    ids = sorted(_marks(lib, feed_id))
    for entry in lib.entries_by_id(ids):
        assert check_entry(entry) == [], entry
    if ids:
        assert check_exports(lib, ids, state.out) == []


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_mutated_feed_through_pipeline_loses_nothing(
    pipeline: _Pipeline, data: st.DataObject
) -> None:
    clean = data.draw(feeds(), label="clean")
    damaged = data.draw(mutated(clean), label="damaged")
    url = f"https://feeds{next(pipeline.numbers)}.example/feed.xml"
    pipeline.fetcher.responses[url] = FakeResponse(clean)
    feed_id = add_feed_unchecked(pipeline.lib, url, kind="feed")
    _check_feed(pipeline, feed_id, clean)
    before = _marks(pipeline.lib, feed_id)
    for entry_id in list(before)[::2]:  # the reader read some and starred others
        pipeline.lib.mark_read([entry_id])
    for entry_id in list(before)[1::3]:
        pipeline.lib.set_starred(entry_id)
    before = _marks(pipeline.lib, feed_id)

    pipeline.fetcher.responses[url] = FakeResponse(damaged)
    _check_feed(pipeline, feed_id, damaged)
    after = _marks(pipeline.lib, feed_id)
    assert {i: after.get(i) for i in before} == before  # nothing lost, no mark undone


# -- pages ----------------------------------------------------------------------------------

TAGS = st.sampled_from(
    ["div", "p", "article", "section", "span", "a", "table", "td", "h1", "h2", "ul", "li",
     "nav", "header", "footer", "aside", "figure", "noscript", "form", "main", "blockquote",
     "time", "script", "style", "iframe", "svg", "template", "b", "i", "pre", "code"]
)  # fmt: skip
ATTRS = st.sampled_from(
    ['class="content"', 'class="detail-content"', 'class="article-body entry-content"',
     'class="baca-juga"', 'class="related"', 'id="main"', 'itemprop="articleBody"',
     'onclick="alert(1)"', 'style="display:none"', 'href="javascript:alert(1)"',
     'href="/news/1/2024/01/02/judul-lain"', 'href="https://news.example/read/x-y-z"',
     'src="https://cdn.example/a.jpg"', 'data-src="/lazy.jpg"', 'class="detail-title"',
     'datetime="2024-01-02T03:04:05+07:00"', 'class="detail-date"', ""]
)  # fmt: skip
PAGE_TEXT = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "Senin, 26 Oktober 2020 - 11:26 WIB | Penulis : Mitra Elshinta Feeder",
            "VOA Indonesia - Judul",
            "DISCLAIMER: komentar",
            "Baca Juga",
            "[vm/ft]",
            "Kalimat yang cukup panjang untuk menjadi isi sebuah artikel berita hari ini. " * 4,
        ]
    ),
    st.sampled_from(HOSTILE),
)


def _node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def wrap(tag: str, attrs: list[str], inner: list[str], closed: bool) -> str:
        opening = " ".join([tag, *attrs])
        return f"<{opening}>{''.join(inner)}" + (f"</{tag}>" if closed else "")

    return st.builds(
        wrap, TAGS, st.lists(ATTRS, max_size=3), st.lists(children, max_size=4), st.booleans()
    )


TREES = st.recursive(PAGE_TEXT, _node, max_leaves=40)
PAGE_URLS = st.sampled_from(
    ["https://www.elshinta.com/news/123/2024/01/02/judul-berita-hari-ini",
     "https://news.example/read/satu-berita-hari-ini", "https://news.example/"]
)  # fmt: skip


@st.composite
def pages(draw: st.DrawFn) -> bytes:
    body = "".join(draw(st.lists(TREES, max_size=5)))
    depth = draw(st.sampled_from([0, 0, 0, 50, 400, 3000]))  # deep nesting, some very deep
    body = "<div>" * depth + body + "</div>" * draw(st.integers(0, depth))
    head = draw(st.sampled_from(["", '<meta charset="utf-8">', '<meta charset="bogus">']))
    title = escape(draw(TEXT))
    page = f"<html><head>{head}<title>{title}</title></head><body>{body}</body></html>"
    raw = page.encode(draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])), errors="replace")
    if draw(st.booleans()):  # garbage: cut short or random bytes in the middle
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=16)) + (raw[at:] if draw(st.booleans()) else b"")
    return raw


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(page=pages(), url=PAGE_URLS, summary=FRAGMENT)
def test_extract_article_never_raises_and_is_sanitized(page: bytes, url: str, summary: str) -> None:
    article = extract_article(page, url, summary_html=summary, content_type="text/html")
    assert "extraction failed" not in article.note  # no parser error swallowed on the way
    assert problems(article.html) == []
    for link in article.related:
        assert link.url.startswith(("http://", "https://")), link
    for image in (article.lead_image, *article.images):
        assert image == "" or image.startswith(("http://", "https://")), image


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=pages(), url=PAGE_URLS)
def test_index_pages_raise_only_parse_errors(page: bytes, url: str) -> None:
    try:
        parsed = parse_index(page, url)
    except ParseError:
        return
    for entry in parsed.entries:
        assert entry.url.startswith(("http://", "https://")), entry


# -- the bugs these properties found, pinned --------------------------------------------------

# A DOCTYPE sends a document to feedparser (the fast path takes none).
_VIA_FEEDPARSER = b'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE rss><rss version="2.0">'


@pytest.mark.parametrize("label", [b"\x80utf-8", b"utf-8\x00"])
def test_feedparser_crash_on_an_encoding_label_is_a_parse_error(label: bytes) -> None:
    """feedparser raised UnicodeDecodeError / ValueError from its encoding sniffing: an
    exception that is not ours, which would have aborted a whole refresh."""
    doc = b'<?xml version="1.0" encoding="' + label + b'"?><rss version="2.0"><channel>'
    with pytest.raises(ParseError, match="bad encoding"):
        parse_feed(doc + b"<title>T</title></channel></rss>", FEED_URL)


def test_unreadable_pubdate_without_updated_emits_no_warning() -> None:
    """feedparser's entry.get("updated") maps to "published" with a DeprecationWarning; the
    date fallback asked for it whenever a pubDate could not be parsed."""
    doc = _VIA_FEEDPARSER + b"<channel><title>T</title><item><guid>g</guid><title>A</title>"
    doc += b"<pubDate>garbage</pubDate></item></channel></rss>"
    [entry] = parse_feed(doc, FEED_URL).entries  # filterwarnings=error turns one into a failure
    assert entry.published is None


@pytest.mark.parametrize("stamp", ["0000-00-00T00:00:00Z", "9999-12-31T23:59:59-14:00"])
def test_dates_outside_the_calendar_are_no_date(stamp: str) -> None:
    """feedparser hands out year 0 (and 9999 shifted past the end); calendar.timegm and
    datetime raised ValueError/OverflowError."""
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE feed><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>T</title><entry><id>urn:x</id><title>A</title><updated>"
        + stamp.encode()
        + b"</updated></entry></feed>"
    )
    [entry] = parse_feed(doc, FEED_URL).entries
    assert entry.published is None or entry.published.year == 9999
