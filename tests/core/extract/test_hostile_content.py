"""Hostile markup in a feed, end to end: stored by a refresh, then exported as HTML.

The sanitizer's own tests (test_sanitize.py, test_nesting.py) look at its output; these look
at what a reader ends up with: the stored article and the file an export writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from newsreader.core.export.formats import export_entries
from newsreader.core.extract.nesting import MAX_DEPTH
from newsreader.core.extract.site_rules import RuleSet
from newsreader.core.library import Library, open_library
from newsreader.core.types import Entry
from tests.helpers.fake_fetcher import FakeFetcher

SITE = "https://warta.example.id"
FEED = f"{SITE}/rss"
WORDS = "teks berita yang terkubur dalam"
SHARE = "files.example.net/share"
HOSTILE = {
    # A NUL inside a tag name once hid the tag from the tidy pass: the relative and
    # protocol-relative URLs and the tracking pixel went through untouched. (feedparser turns
    # C1 controls into the cp1252 characters they stand for; test_sanitize.py tries those.)
    "kendali": (
        f'<p>{WORDS}</p><\x00img src="//{SHARE}/pixel.gif" width="1" height="1">'
        f'<\x00img src="//{SHARE}/foto.jpg" alt="foto"><\x00a href="//{SHARE}/dokumen">unduh</a>'
        f'<\x00a href="/halaman/lain">lain</a>'
    ),
    # 1.1 MB of wrappers: 22 s of CPU at refresh, stored text empty, 20 s per export.
    "bersarang": "<div>" * 100_000 + f"<p>{WORDS}</p>" + "</div>" * 100_000,
}


def feed_xml() -> bytes:
    items = "".join(
        f"<item><title>Kabar {slug}</title><link>{SITE}/berita/{slug}</link>"
        f"<guid>{SITE}/berita/{slug}</guid><description>Ringkasan {slug}</description>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
        for slug, content in HOSTILE.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Warta</title>'
        f"<link>{SITE}/</link>{items}</channel></rss>"
    ).encode()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Entry]]:
    """The two articles as a refresh stores them (what the feed carries: no page fetch)."""
    data = tmp_path_factory.mktemp("data")
    fetcher = FakeFetcher({FEED: feed_xml()})
    lib: Library = open_library(data, fetcher=fetcher, rules=RuleSet([]))
    try:
        lib.add_feed(FEED, full_article=False)
        lib.refresh()  # whether subscribing stored the articles or not
        entries = [lib.entry(summary.id) for summary in lib.entries()]
        yield {entry.url.rsplit("/", 1)[1]: entry for entry in entries}
    finally:
        lib.close()


def exported(entry: Entry, folder: Path) -> str:
    return export_entries([entry], "html", folder / "ekspor.html").read_text(encoding="utf-8")


def test_control_characters_hide_no_url_from_the_store(stored: dict[str, Entry]) -> None:
    entry = stored["kendali"]
    for html in (entry.html, entry.summary_html):
        assert '="//' not in html and "\x00" not in html and "\x85" not in html
    assert "pixel.gif" not in entry.html
    assert f'src="https://{SHARE}/foto.jpg"' in entry.html  # resolved against the feed
    assert f'href="https://{SHARE}/dokumen"' in entry.html
    assert f'href="{SITE}/halaman/lain"' in entry.html
    assert WORDS in entry.text


def test_control_characters_hide_no_url_from_an_export(
    stored: dict[str, Entry], tmp_path: Path
) -> None:
    page = exported(stored["kendali"], tmp_path)
    assert "//" + SHARE not in page.replace("https://" + SHARE, "")
    assert "pixel.gif" not in page and WORDS in page
    doc = lxml.html.fromstring(page)
    for el in doc.iter("a", "img"):
        target = el.get("href") or el.get("src") or ""
        assert not target.startswith("//"), target


def test_deep_nesting_is_stored_shallow_with_its_text(stored: dict[str, Entry]) -> None:
    entry = stored["bersarang"]
    assert entry.text == WORDS
    assert WORDS in entry.html
    assert entry.html.count("<div>") <= MAX_DEPTH


def test_deep_nesting_exports_with_its_text(stored: dict[str, Entry], tmp_path: Path) -> None:
    page = exported(stored["bersarang"], tmp_path)
    assert WORDS in page
    assert page.count("<div") <= MAX_DEPTH + 10  # the export's own few
