"""The fast paths of feed parsing and summary-to-text give exactly what the long ways give.

The refresh made parsing cheaper with shortcuts: URLs urljoin would give back unchanged, the common
RFC 822 date shape, one pass over an item's children instead of a dozen finds, one look for
pictures a feed, and a leaner plain-text path for simple summaries. Their results are stored
(a different guid brings old entries back as new, a different text changes search), so each
shortcut is compared with the code it skips, over generated inputs and over every stored feed
(the feedparser corpus included), down to the datetime's tzinfo (``repr``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime, formatdate
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from newsreader.core.extract import sanitize
from newsreader.core.feeds import common, parse
from newsreader.core.feeds import fast_path as fastfeed
from newsreader.core.resources import resources_dir
from tests.corpus import fetch_feedparser_corpus as corpus

DATA = Path(__file__).resolve().parents[2] / "data" / "feeds"
BASES = [
    "https://contoh.example.id/feed.xml",
    "http://127.0.0.1:8080/a/b/",
    "https://[::1]/x/",
    "http://[::1",  # urljoin raises for this base: every URL against it is refused
    "",
    "feed:http://x.id/rss",
    "relative/base",
]


# -- URLs -------------------------------------------------------------------------------------
_URL_CHARS = st.sampled_from(
    [*"aZ09-._~:/?#[]@!$&'()*+,;=% ", "\t", "\n", "\r", "\x00", "\x0b", "\x7f", "é", "\u2100",
     "\uff03", "/..", "/./", "//"]
)  # fmt: skip
_URL_STARTS = st.sampled_from(
    ["http://", "https://", "HTTP://", "Https://", "http:///", "http://[", "http:", "ftp://",
     "feed:", "feed://", "urn:", "tag:", "URN:", "urn://", "urn:\t//", "mailto:", "javascript:",
     "//", "/", "", " http://", "http://x.id", "https://a.b/c", "x-y.z:", "svn+ssh:"]
)  # fmt: skip
URLS = st.builds(lambda a, b: a + "".join(b), _URL_STARTS, st.lists(_URL_CHARS, max_size=12))


def _long_id(value: str, base: str) -> str:
    """What _feedparser_id gave before its shortcut."""
    if not value:
        return value
    try:
        return urljoin(base, fastfeed._URI_FIXER.sub(r"\1\3", value))
    except ValueError:
        return ""


@settings(max_examples=1500, deadline=None)
@given(base=st.sampled_from(BASES) | URLS, url=URLS)
@example(base=BASES[0], url="https://a.id/b?")  # urlunsplit drops an empty query's "?"
@example(base=BASES[1], url="http://a.id/b?")
@example(base=BASES[0], url="https://a.id/b;")  # and empty params' ";"
@example(base=BASES[1], url="http://a.id/b;")
@example(base=BASES[1], url="http://a.id/b;p?q")
@example(base=BASES[0], url="https://a.id/./b/../c#f")
@example(base=BASES[0], url="http://\u2100.id/")
@example(base=BASES[0], url="urn:\t//[x")
@example(base=BASES[0], url="HTTP://A.id/B")
@example(base="http://[::1", url="http://a.id/")
@example(base="http://[::1", url="urn:x:1")
@example(base=BASES[0], url="http://a.id:99999/b")  # a port out of range: no link either way
@example(base=BASES[0], url="//a.id:0/b")
def test_urls_are_what_urljoin_makes_of_them(base: str, url: str) -> None:
    assert common.absolute_url(base, url) == common.join_url(base, url)
    assert fastfeed._feedparser_id(url, base) == fastfeed._joined_id(url, base)
    assert fastfeed._joined_id(url, base) == _long_id(url, base)


def test_common_urls_take_the_shortcut() -> None:
    """Not a vacuous comparison: links and ids as feeds write them skip urljoin."""
    base = BASES[0]
    for url in ("http://127.0.0.1/feed3/artikel-1-x", "https://a.id/p?id=4&x=%20", "https://a.id"):
        assert fastfeed.plain_http_url(base, url), url
    for value in ("urn:uuid:1225c695-cfb8-4ebb", "tag:contoh.id,2024:berita/1"):
        assert fastfeed._opaque_id(base, value), value
    for url in ("http://a.id/b?", "http://a.id/b#c", "HTTP://a.id", "http:///a", "http://a b"):
        assert not fastfeed.plain_http_url(base, url), url
    assert not fastfeed.plain_http_url("http://[::1", "http://a.id/")
    assert not fastfeed._opaque_id(base, "ftp:x")  # a scheme urljoin resolves


# -- dates ------------------------------------------------------------------------------------
_two = st.integers(0, 99).map(lambda n: f"{n:02d}")
DATES = st.builds(
    lambda day_name, comma, day, month, year, hh, mm, ss, zone, tail: (
        f"{day_name}{comma} {day} {month} {year} {hh}:{mm}:{ss} {zone}{tail}"
    ),
    st.sampled_from(["Mon", "Tue", "Sun", "Xyz", "mon", ""]),
    st.sampled_from([",", "", ",,"]),
    st.sampled_from(["0", "1", "9", "01", "14", "29", "30", "31", "32", "99", "001"]),
    st.sampled_from(["Jan", "Feb", "Nov", "Dec", "nov", "NOV", "Foo", "May"]),
    st.sampled_from(["0099", "0999", "1000", "1970", "2023", "2024", "9999", "99", "10000"]),
    _two,
    _two,
    _two,
    st.sampled_from(["GMT", "UTC", "UT", "Z", "gmt", "EST", "WIB", "+0000", "-0000"])
    | st.builds(lambda sign, h, m: f"{sign}{h}{m}", st.sampled_from("+-"), _two, _two),
    st.sampled_from(["", " ", " extra", "\t"]),
)


def _instants() -> st.SearchStrategy[datetime]:
    offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
    return st.datetimes(datetime(1000, 1, 2), datetime(9999, 12, 30), timezones=offsets)


@settings(max_examples=1500, deadline=None)
@given(DATES | _instants().map(format_datetime) | _instants().map(lambda d: formatdate(
    d.timestamp(), usegmt=True)))  # fmt: skip
@example("Tue, 14 Nov 2023 22:13:20 GMT")
@example("Tue, 14 Nov 2023 22:13:20 -0000")
@example("Tue, 14 Nov 2023 22:13:20 +0790")
@example("Tue, 14 Nov 2023 22:13:20 +2400")
@example("Tue, 31 Nov 2023 22:13:20 +0700")
@example("Tue, 14 Nov 0099 22:13:20 +0700")
def test_common_dates_are_read_as_email_utils_reads_them(text: str) -> None:
    fast, slow = fastfeed._rss_date(text), fastfeed._parsed_date(text)
    assert repr(fast) == repr(slow)  # the offset and the tzinfo object too


def test_common_dates_take_the_shortcut() -> None:
    assert fastfeed._rfc822_date("Tue, 14 Nov 2023 22:13:20 GMT") == datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=UTC
    )
    wib = fastfeed._rfc822_date("Tue, 14 Nov 2023 22:13:20 +0700")
    assert wib is not None and wib.utcoffset() == timedelta(hours=7)
    assert fastfeed._rfc822_date("14 Nov 2023 22:13 GMT") is None  # the long way's to read


# -- whole feeds: every shortcut on, then off -------------------------------------------------
class _Finds:
    """``fastfeed._children`` the long way: every lookup an ``el.find``."""

    def __init__(self, el: Any) -> None:
        self.el = el

    def get(self, tag: str) -> Any:
        return self.el.find(tag)

    def __contains__(self, tag: str) -> bool:
        return self.el.find(tag) is not None


@contextlib.contextmanager
def long_way() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fastfeed, "_children", _Finds)
        mp.setattr(fastfeed, "_rfc822_date", lambda text: None)
        mp.setattr(fastfeed, "plain_http_url", lambda base, url: False)
        mp.setattr(common, "plain_http_url", lambda base, url: False)
        mp.setattr(fastfeed, "_opaque_id", lambda base, value: False)
        mp.setattr(fastfeed, "_has_images", lambda el: True)
        mp.setattr(fastfeed, "_collapse", lambda text: re.sub(r"\s+", " ", text).strip())
        yield


def both_ways(content: bytes, url: str) -> tuple[str, str]:
    def parsed() -> str:
        try:
            return repr(parse.parse_feed(content, url))
        except Exception as exc:  # the same failure either way is the same result
            return f"{type(exc).__name__}: {exc}"

    fast = parsed()
    with long_way():
        slow = parsed()
    return fast, slow


def _stored_documents() -> list[tuple[str, bytes]]:
    from bench.feeds_server import make_feed
    from bench.parse_speed import make_atom

    docs = [(p.name, p.read_bytes()) for p in sorted(DATA.glob("*.xml"))]
    demo = resources_dir() / "demo" / "site" / "rss" / "index.xml"
    docs.append(("demo-rss", demo.read_bytes().replace(b"{{BASE}}", b"http://127.0.0.1:1")))
    return [*docs, ("synthetic-rss", make_feed(3, 0)), ("synthetic-atom", make_atom(3))]


@pytest.mark.parametrize(("name", "content"), _stored_documents())
def test_stored_feeds_parse_the_same_either_way(name: str, content: bytes) -> None:
    fast, slow = both_ways(content, "https://contoh.example.id/x/feed.xml")
    assert fast == slow


def test_corpus_parses_the_same_either_way() -> None:
    try:
        root = corpus.corpus_dir()
    except (corpus.CorpusError, OSError) as exc:
        pytest.fail(f"feedparser's test corpus is not available ({exc})", pytrace=False)
    paths = corpus.documents(root)
    assert len(paths) > 2000
    different = []
    for path in paths:
        url = "http://corpus.example/" + path.relative_to(root).as_posix()
        fast, slow = both_ways(path.read_bytes(), url)
        if fast != slow:
            different.append(f"{url}:\n  {fast[:400]}\n  {slow[:400]}")
    assert not different, "\n".join(different[:10])


_TEXT = st.sampled_from(
    ["Berita", " a  b ", "&amp;", "&lt;b&gt;", "&#233;", "\u200b", "x\ny", "é", "", "\xa0"]
)
_LINKS = st.sampled_from(
    ["http://a.id/1", "https://a.id/p?x=1&amp;y=2", "item-4", "/abs", "HTTP://A.id/", "urn:x:1",
     "tag:a.id,2024:1", "http://a.id/b?", "http://a.id/b#f", " http://a.id/sp ", "", "http:///x",
     "javascript:x", "http://[::1"]
)  # fmt: skip


def _el(tag: str, inner: st.SearchStrategy[str], attrs: str = "") -> st.SearchStrategy[str]:
    return inner.map(lambda text: f"<{tag}{attrs}>{escape(text, quote=False)}</{tag}>")


_MEDIA_ATTRS = st.sampled_from(
    ['medium="image"', 'type="image/png"', 'type="video/mp4"', "", 'medium="video"']
)
_IMAGE_URLS = st.sampled_from(["http://a.id/x.jpg", "/x.png", "http://a.id/v.mp4", ""])
RSS_CHILDREN = st.one_of(
    _el("title", _TEXT),
    _el("link", _LINKS),
    _el("guid", _LINKS),
    _el("guid", _LINKS, ' isPermaLink="false"'),
    _el("guid", _LINKS, ' isPermaLink="true"'),
    _el("description", _TEXT.map(lambda t: f"<p>{t}</p>")),
    _el("content:encoded", _TEXT.map(lambda t: f"<p>{t} <a href='rel'>x</a></p>")),
    _el("pubDate", DATES | st.sampled_from(["Senin, 26 Oktober 2020 11:26 WIB", "x", ""])),
    _el("dc:date", st.sampled_from(["2024-05-01T10:00:00Z", "2024-05-01", "bad"])),
    _el("author", st.sampled_from(["a@b.id (Nama  Penulis)", "Redaksi", " ", "x@y"])),
    _el("dc:creator", st.sampled_from(["Redaksi", "  A\tB  "])),
    st.builds(lambda u, a: f'<media:content url="{u}" {a}/>', _IMAGE_URLS, _MEDIA_ATTRS),
    st.builds(
        lambda u, a: f'<media:group><media:content url="{u}" {a}/></media:group>',
        _IMAGE_URLS,
        _MEDIA_ATTRS,
    ),
    st.builds(lambda u: f'<media:thumbnail url="{u}"/>', _IMAGE_URLS),
    st.builds(
        lambda u, t: f'<enclosure url="{u}" type="{t}"/>',
        _IMAGE_URLS,
        st.sampled_from(["image/jpeg", "audio/mpeg", ""]),
    ),
    st.just("<x:other><title>nested</title><link>http://n.id/</link></x:other>"),
    st.just("<x:other/>"),
)
# Now and then an element that sends the whole document to feedparser: None both ways.
_UNSUPPORTED_RSS = st.sampled_from(
    ["", "", "", "", "", "", "", "<id>x</id>", "<title><b>x</b></title>", "<summary>s</summary>"]
)
_NAMESPACES = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" '
    'xmlns:x="urn:x"'
)


def _rss(items: list[list[str]], odd: str = "") -> bytes:
    body = odd + "".join("<item>" + "".join(children) + "</item>" for children in items)
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {_NAMESPACES}><channel>'
        f"<title>T</title><link>http://a.id/</link>{body}</channel></rss>"
    ).encode()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(st.lists(RSS_CHILDREN, max_size=9), min_size=1, max_size=4),
    odd=_UNSUPPORTED_RSS.map(lambda el: f"<item>{el}</item>" if el else ""),
    base=st.sampled_from(BASES),
)
def test_generated_rss_parses_the_same_either_way(
    items: list[list[str]], odd: str, base: str
) -> None:
    fast, slow = both_ways(_rss(items, odd), base)
    assert fast == slow


_ATOM_TEXT = st.sampled_from(['type="text"', 'type="html"', "", 'type="TEXT/HTML"'])
_XHTML = '<div xmlns="http://www.w3.org/1999/xhtml">a <b>b</b> &lt;i&gt;</div>'
ATOM_CHILDREN = st.one_of(
    st.builds(lambda t, k: f"<title {k}>{escape(t)}</title>", _TEXT, _ATOM_TEXT),
    st.builds(lambda t, k: f"<summary {k}>{escape(t)}</summary>", _TEXT, _ATOM_TEXT),
    st.just(f'<title type="xhtml">{_XHTML}</title>'),
    st.just(f'<summary type="xhtml">{_XHTML}</summary>'),
    st.builds(lambda t: f'<content type="html">{escape(t)}</content>', _TEXT),
    st.just(f'<content type="xhtml">{_XHTML}</content>'),
    _el("id", _LINKS),
    _el("published", st.sampled_from(["2024-05-01T10:00:00+07:00", "2024-05-01T03:00:00Z", ""])),
    _el("updated", st.sampled_from(["2024-05-01T10:00:00", "Rabu, 1 Mei 2024 10:00 WIB", "x"])),
    st.builds(
        lambda u, r, t: f'<link href="{escape(u)}" {r} {t}/>',
        _LINKS | _IMAGE_URLS,
        st.sampled_from(['rel="alternate"', 'rel="enclosure"', "", 'rel="self"']),
        st.sampled_from(['type="image/png"', 'type="text/html"', ""]),
    ),
    st.sampled_from(["<author><name> A  B </name></author>", "<author/>", "<x:y><id>n</id></x:y>"]),
)
_UNSUPPORTED_ATOM = st.sampled_from(
    ["", "", "", "", "", "", "", '<title type="x">t</title>', '<title type="xhtml">t</title>']
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(st.lists(ATOM_CHILDREN, max_size=9), min_size=1, max_size=4),
    odd=_UNSUPPORTED_ATOM.map(lambda el: f"<entry>{el}</entry>" if el else ""),
    base=st.sampled_from(BASES),
)
def test_generated_atom_parses_the_same_either_way(
    entries: list[list[str]], odd: str, base: str
) -> None:
    body = odd + "".join("<entry>" + "".join(children) + "</entry>" for children in entries)
    doc = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        f'xmlns:x="urn:x"><title>T</title><link href="http://a.id/"/>{body}</feed>'
    ).encode()
    fast, slow = both_ways(doc, base)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@example([b"x"] * 20 + [b"\xc2\x85"])
@example([b"x"] * 20 + [b"&#133;"])
@example([b"x"] * 20 + [b"&#x9f;"])
@example([b"x"] * 20 + [b"\xc2\xa0", b"#"])
@given(st.lists(st.sampled_from([b"a", b"\xc2", b"\x85", b"&", b"#", b"&#", b"133;", b"&#x9",
                                 b"1;", b"\xc2\xa0", b"\xc3\xa9"]), max_size=12))  # fmt: skip
def test_c1_check_is_the_regex(parts: list[bytes]) -> None:
    utf8_root = etree.fromstring(b'<?xml version="1.0" encoding="utf-8"?><r/>')
    content = b"".join(parts)
    assert fastfeed._has_c1(content, utf8_root) == (fastfeed._C1.search(content) is not None)


# -- summaries to text ------------------------------------------------------------------------
def old_html_to_text(html_text: str) -> str:
    """html_to_text before the speed shortcuts, verbatim: the reference."""
    if not html_text or not html_text.strip():
        return ""
    if sanitize._SIMPLE_MARKUP.fullmatch(html_text) and sanitize._balanced(html_text):
        blocks = (
            sanitize._tidy(sanitize._WHITESPACE.sub(" ", unescape(sanitize._SIMPLE_TAG.sub("", p))))
            for p in sanitize._PARAGRAPH_TAG.split(sanitize._CONTROL.sub("", html_text))
        )
        return "\n\n".join(block for block in blocks if block)
    root = sanitize.parse_fragment(html_text)
    return sanitize.element_text(root) if root is not None else ""


_SUMMARY_MARKUP = [
    "<p>", "</p>", "<P>", "</P>", "<p >", "< p>", "<b>", "</b>", "<B>", "</B>", "<br>",
    "<div>", "</div>", '<a href="https://x.id/a?b=1&c=2">', "<a href='x'>", "</a>",
    '<span class="x">', "</span>", "<span\tclass=x>", "<abbr title='a'>", "</abbr>",
    "<em>", "</em>", "<q>", "</q>", "<script>", "</script>", "<!-- c -->", "<",
    "&amp;", "&AMP;", "&lt;b&gt;", "&nbsp;", "&#233;", "&#12;", "&#8203;", "&#65279;",
    "&#x27;", "&#X27;", "&#10;", "&#1;", "&#0;", "&#1234567;", "&copy;", "& ", "&", "&#"
]  # fmt: skip
_SUMMARY_PIECES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
    st.text(
        st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\u200b\ufeff\x01\x7fab"), max_size=6
    ),
    st.sampled_from(_SUMMARY_MARKUP),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_SUMMARY_PIECES, max_size=14).map("".join))
@example("<p>plain text</p>")
@example("a \u200b b")
@example("<p>a</p>\u200b<p>\ufeff</p>")
@example("&#8203; x &#10; y")
def test_html_to_text_is_what_it_was(html_text: str) -> None:
    was_simple = bool(sanitize._SIMPLE_MARKUP.fullmatch(html_text)) and sanitize._balanced(
        html_text
    )
    assert sanitize._is_simple(html_text) == was_simple
    assert sanitize.html_to_text(html_text) == old_html_to_text(html_text)


def test_summaries_of_a_refresh_are_what_they_were() -> None:
    from bench.feeds_server import make_feed

    feed = parse.parse_feed(make_feed(5, 0), "http://127.0.0.1/feed5.xml")
    for entry in feed.entries:
        assert sanitize._is_simple(entry.summary_html)  # the shortcut is taken
        assert sanitize.html_to_text(entry.summary_html) == old_html_to_text(entry.summary_html)
