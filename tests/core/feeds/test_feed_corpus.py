"""feedparser's own test corpus through the whole pipeline.

About 2,200 feed documents -- well-formed, ill-formed, odd encodings, entities, hostile
markup -- each parsed on its own, then all stored by real refreshes (many feeds per library,
each document its own feed URL served by a fake fetcher: no network), rendered as the article
pane shows them and exported as html, md and json. Nothing may raise except our own errors,
a document that is not a usable feed must leave its feed's error set, and nothing stored,
shown or exported may carry active content.

The corpus is not committed: tests/corpus/fetch_feedparser_corpus.py downloads it with pip
(``scripts/install --test`` does so beforehand). If it cannot, this test fails.
"""

from __future__ import annotations

import functools
import re
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import html as lxml_html
from peewee import fn

from newsreader.core.errors import ParseError
from newsreader.core.export.markdown import MarkdownConverter, md_escape
from newsreader.core.extract.sanitize import sanitize_html
from newsreader.core.feeds import fast_path as fastfeed
from newsreader.core.feeds import parse as parse_module
from newsreader.core.feeds.common import absolute_url
from newsreader.core.feeds.parse import parse_feed
from newsreader.core.library import Library, open_library
from newsreader.core.storage.records import EntryRecord
from newsreader.core.types import ParsedFeed
from tests.corpus import fetch_feedparser_corpus as corpus
from tests.corpus.pipeline import check_library
from tests.corpus.safety import markdown_problems, problems
from tests.helpers.fake_fetcher import FakeFetcher, FakeResponse
from tests.helpers.library_tools import add_feed_unchecked

BATCHES = 4  # libraries: few enough to stay fast, enough that a failure narrows down
BASE = "http://corpus.example/"
FEED = BASE + "feed.xml"
_HEADER = re.compile(rb"^\s*Header:\s*Content-type:\s*(.+?)\s*$", re.I | re.M)


@dataclass
class Tally:
    documents: int = 0
    fast: int = 0
    feedparser: int = 0
    not_feeds: int = 0
    hostile: int = 0  # documents whose parsed HTML is unsafe before sanitizing
    entries: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


TOTAL = Tally()


@functools.cache
def _documents() -> tuple[Path, list[Path]]:
    root = corpus.corpus_dir()
    return root, corpus.documents(root)


def _corpus() -> tuple[Path, list[Path]]:
    try:
        return _documents()
    except (corpus.CorpusError, OSError) as exc:
        pytest.fail(
            f"feedparser's test corpus is not available ({exc}). Run "
            "`.venv/bin/python tests/corpus/fetch_feedparser_corpus.py` (needs PyPI).",
            pytrace=False,
        )


def _served(content: bytes) -> FakeResponse:
    """The document as a server answers it, with the Content-Type its test header names."""
    found = _HEADER.search(content[:2048])
    headers = {"Content-Type": found.group(1).decode("latin-1")} if found else {}
    return FakeResponse(content, headers=headers)


class _PathCounter:
    """Wraps ``parse.try_parse`` to tell which documents the lxml fast path took."""

    def __init__(self) -> None:
        self.took_fast = False
        self.off = False  # True: every document goes to feedparser
        self._real = parse_module.try_parse

    def __call__(self, *args: object) -> ParsedFeed | None:
        result = None if self.off else self._real(*args)  # type: ignore[arg-type]
        self.took_fast = result is not None and bool(result.entries or result.title)
        return result


def _parse_alone(
    docs: dict[str, FakeResponse], names: dict[str, str], tally: Tally, counter: _PathCounter
) -> dict[str, int | None]:
    """Each document parsed on its own: its entry count, or None if it is not a feed."""
    outcome: dict[str, int | None] = {}
    for url, response in docs.items():
        counter.took_fast = False
        try:
            parsed = parse_feed(response.content, url, content_type=response.headers.get(
                "Content-Type", ""))  # fmt: skip
        except ParseError:
            outcome[url] = None
            tally.not_feeds += 1
            continue
        except Exception:  # a crash in our code: the point of this test
            tally.failures.append(f"{names[url]}: parse crashed\n{traceback.format_exc()}")
            continue
        outcome[url] = len({e.guid for e in parsed.entries})
        tally.hostile += any(
            problems(e.summary_html) or problems(e.content_html) for e in parsed.entries
        )
        if counter.took_fast:
            tally.fast += 1
            tally.failures += _same_identities(response, url, names[url], parsed, counter)
        else:
            tally.feedparser += 1
    return outcome


# feedparser reads the <id> of an unknown child element as the entry's link.
_FEEDPARSER_QUIRKS = {"wellformed/node_precedence/atom10_id.xml"}


def _same_identities(
    response: FakeResponse, url: str, name: str, fast: ParsedFeed, counter: _PathCounter
) -> list[str]:
    """A document the fast path took gives feedparser's guids, links and titles: a feed read
    once by each parser (one malformed refresh) must not get its entries again as new ones."""
    if name in _FEEDPARSER_QUIRKS:
        return []
    counter.off = True
    try:
        slow = parse_feed(response.content, url,
                          content_type=response.headers.get("Content-Type", ""))  # fmt: skip
    finally:
        counter.off = False
    mine = [(e.guid, e.url, e.title) for e in fast.entries]
    theirs = [(e.guid, e.url, e.title) for e in slow.entries]
    return [] if mine == theirs else [f"{name}: fast path {mine} != feedparser {theirs}"]


def _check_refresh(
    lib: Library, outcome: dict[str, int | None], names: dict[str, str], tally: Tally
) -> None:
    """Every feed's result agrees with its document parsed alone: an error for a non-feed,
    every entry stored for a feed."""
    results = lib.refresh(full_articles=False)  # anything but our own errors is a crash
    stored = dict(
        EntryRecord.select(EntryRecord.feed, fn.COUNT(EntryRecord.id))
        .group_by(EntryRecord.feed)
        .tuples()
    )
    for result in results:
        name = names[result.url]
        expected = outcome.get(result.url, -1)
        if expected is None and not (result.error and lib.feed(result.feed_id).error):
            tally.failures.append(f"{name}: not a feed, yet no error recorded")
        elif expected is not None and expected >= 0 and result.error:
            tally.failures.append(f"{name}: parsed alone, but the refresh said {result.error}")
        elif expected is not None and expected >= 0 and stored.get(result.feed_id, 0) != expected:
            count = stored.get(result.feed_id, 0)
            tally.failures.append(f"{name}: {expected} entries parsed, {count} stored")
        tally.entries += result.new
    if len(results) != len(outcome):
        tally.failures.append(f"{len(outcome)} feeds refreshed, {len(results)} results")


@pytest.mark.parametrize("batch", range(BATCHES), ids=lambda b: f"batch{b + 1}of{BATCHES}")
def test_corpus_through_pipeline(
    batch: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, paths = _corpus()
    assert len(paths) > 2000, f"the corpus holds only {len(paths)} documents"
    started = time.perf_counter()
    tally = Tally()
    chosen = paths[batch::BATCHES]
    docs = {BASE + p.relative_to(root).as_posix(): _served(p.read_bytes()) for p in chosen}
    names = {url: url.removeprefix(BASE) for url in docs}
    counter = _PathCounter()
    monkeypatch.setattr(parse_module, "try_parse", counter)
    tally.documents = len(docs)
    outcome = _parse_alone(docs, names, tally, counter)

    with open_library(tmp_path / "library", fetcher=FakeFetcher(dict(docs))) as lib:
        for url in docs:
            add_feed_unchecked(lib, url, kind="feed")
        _check_refresh(lib, outcome, names, tally)
        tally.failures += check_library(lib, tmp_path / "export")
    tally.seconds = time.perf_counter() - started
    # The corpus's hostile markup reached the sanitizer: the checks above had work to do.
    tally.failures += [] if tally.hostile >= 20 else [f"only {tally.hostile} hostile documents"]
    _add_to_total(tally)
    assert not tally.failures, f"{len(tally.failures)} problems:\n" + "\n".join(tally.failures[:40])


def _add_to_total(tally: Tally) -> None:
    for name in ("documents", "fast", "feedparser", "not_feeds", "hostile", "entries", "seconds"):
        setattr(TOTAL, name, getattr(TOTAL, name) + getattr(tally, name))
    print(  # the corpus figures; shown with -s
        f"\ncorpus so far: {TOTAL.documents} documents, fast path {TOTAL.fast}, feedparser "
        f"{TOTAL.feedparser}, not feeds {TOTAL.not_feeds}, hostile {TOTAL.hostile}, "
        f"entries stored {TOTAL.entries}, {TOTAL.seconds:.1f} s"
    )


# -- the check itself, and the bugs the corpus found ------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p>x</p><script>alert(1)</script>",
        "<p><SCRIPT >alert(1)</SCRIPT></p>",
        '<img src="x.png" onerror="alert(1)">',
        '<a href=" java\tscript:alert(1)">x</a>',
        '<a href="VBScript:msgbox(1)">x</a>',
        '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
        '<p style="background:url(x)">x</p>',
        "<iframe src=https://example.com/></iframe>",
        "<form action=https://example.com/><input></form>",
        "<object data=x.swf></object><embed src=x.swf>",
        "<svg><a href=x>x</a></svg>",
        "<!--[if IE]><script>x</script><![endif]-->",
    ],
)
def test_check_finds_active_content(html: str) -> None:
    assert problems(html)


@pytest.mark.parametrize(
    "html",
    [
        '<p title="&lt;script&gt; onclick=alert(1)">a &lt;script&gt; in text</p>',
        '<a href="https://example.com/?q=javascript:x">x</a>',
        '<img src="https://example.com/a.png" alt="onerror=x">',
    ],
)
def test_check_accepts_text_that_only_looks_active(html: str) -> None:
    assert problems(html) == []


def test_check_of_documents_and_exports() -> None:
    page = '<html><head><meta charset="utf-8"><style>p{}</style></head><body>{}</body></html>'
    assert problems(page.replace("{}", "<p>x</p>"), document=True, remote_images=False) == []
    remote = page.replace("{}", '<img src="https://example.com/a.png">')
    assert problems(remote, document=True, remote_images=False)
    assert problems(page.replace("{}", "<style>p{}</style>"), document=True)
    embedded = page.replace("{}", '<img src="data:image/png;base64,iVBORw0KGgo=">')
    assert problems(embedded, document=True, embedded_images=True, remote_images=False) == []
    assert markdown_problems("a \\<script> `<b>` <https://example.com/>") == []
    assert markdown_problems("text <script>x</script>")
    assert markdown_problems("[x](javascript:alert(1))")


def test_markdown_export_escapes_markup_written_as_text() -> None:
    """atom10/entry_title_inline_markup_2: a title "History of the <blink> tag" came back as
    raw HTML in the Markdown export; a "<" in one text node and "script>" in the next did too
    (found by test_properties)."""
    assert md_escape("a <script>x</script> &lt; b < c & d") == (
        "a \\<script>x\\</script> \\&lt; b \\< c & d"
    )
    assert markdown_problems(md_escape("<img src=x onerror=alert(1)>")) == []
    split = "<p>&lt;<span>script&gt;alert(1)&lt;/script&gt;</span> &lt;<a href='https://x.example/'>d</a></p>"
    markdown = MarkdownConverter(lambda src: None).convert(lxml_html.fragment_fromstring(split))
    assert markdown_problems(markdown) == [], markdown


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>%s</feed>"""


def test_fast_path_keeps_escaped_markup_in_xhtml_as_text() -> None:
    """atom10/entry_summary_inline_markup_2: the xhtml div's own text was not re-escaped, so
    "&lt;blink&gt;" became a tag (dropped by the sanitizer, text lost)."""
    entry = (
        b'<entry><id>urn:x:1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        b"History of the &lt;blink&gt; tag</div></title>"
        b'<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
        b"a &lt;script&gt;x&lt;/script&gt; b</div></summary></entry>"
    )
    fast = fastfeed.try_parse(ATOM % entry, FEED, absolute_url)
    assert fast is not None
    assert fast.entries[0].title == "History of the <blink> tag"
    assert "<script>" not in fast.entries[0].summary_html
    assert sanitize_html(fast.entries[0].summary_html) == "a &lt;script&gt;x&lt;/script&gt; b"


def _feedparser_only(doc: bytes) -> ParsedFeed:
    original = parse_module.try_parse
    parse_module.try_parse = lambda *args: None
    try:
        return parse_feed(doc, FEED)
    finally:
        parse_module.try_parse = original


def test_fast_path_uses_an_http_id_as_the_link() -> None:
    """atom10/entry_id: feedparser takes the id as the entry's address when it has no link;
    the fast path left it without one (no full article could be fetched)."""
    entries = b"<entry><id>http://example.com/a</id><title>A</title></entry>"
    entries += b"<entry><id>tag:example.com,2024:b</id><title>B</title></entry>"
    fast = fastfeed.try_parse(ATOM % entries, FEED, absolute_url)
    assert fast is not None
    assert [e.url for e in fast.entries] == ["http://example.com/a", ""]


RSS_IDS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><guid>item-4</guid><link>https://x.example/a</link></item>
<item><title>B</title><guid>12345</guid></item>
<item><title>C</title><guid isPermaLink="false">item-6</guid></item>
<item><title>D</title><guid>HTTP://X.example//d</guid></item>
<item><title>E</title><guid>urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427</guid></item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("doc", "first_guid"),
    [
        (RSS_IDS, BASE + "item-4"),
        (
            ATOM % b"<entry><id>relative/b</id><title>B</title></entry>"
            b"<entry><id>tag:example.com,2024:c</id><title>C</title></entry>"
            b"<entry><id>HTTP://example.com/d</id><title>D</title></entry>",
            BASE + "relative/b",
        ),
    ],
    ids=["rss", "atom"],
)
def test_fast_path_and_feedparser_give_entries_the_same_identity(
    doc: bytes, first_guid: str
) -> None:
    """feedparser resolves permalink guids and Atom ids like links ("item-4" becomes
    "<feed dir>/item-4"); the fast path kept them raw, so a feed read once by each parser (a
    stray invalid byte is enough to switch) got all its articles again as new ones."""
    fast = fastfeed.try_parse(doc, FEED, absolute_url)
    assert fast is not None
    slow = _feedparser_only(doc)
    assert [(e.guid, e.url) for e in fast.entries] == [(e.guid, e.url) for e in slow.entries]
    assert fast.entries[0].guid == first_guid


@pytest.mark.parametrize(
    "text",
    [
        "don\u0092t".encode(),  # encoding/demoronize-1: Windows-1252 bytes read as Latin-1
        b"&#226;&#128;&#166;",  # encoding/double-encoded-html
    ],
)
def test_c1_controls_go_to_feedparser_which_repairs_them(text: bytes) -> None:
    doc = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
    doc += b"<guid>g</guid><description>" + text + b"</description></item></channel></rss>"
    assert fastfeed.try_parse(doc, FEED, absolute_url) is None
    summary = parse_feed(doc, FEED).entries[0].summary_html
    assert not any("\x80" <= ch <= "\x9f" for ch in summary)


def test_latin1_document_with_windows_1252_bytes_goes_to_feedparser() -> None:
    doc = b"<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel>"
    doc += b"<title>T</title><item><guid>g</guid><description>\x93quoted\x94</description>"
    doc += b"</item></channel></rss>"
    assert fastfeed.try_parse(doc, FEED, absolute_url) is None
    assert parse_feed(doc, FEED).entries[0].summary_html == "\u201cquoted\u201d"
