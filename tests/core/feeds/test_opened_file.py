"""A file opened from a file manager, told apart by content, and the address a feed file gives."""

from __future__ import annotations

import pytest

from newsreader.core.feeds.opened_file import OpenedFile, identify_file

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<link href="https://site.example/"/><link rel="self" href="https://site.example/atom.xml"/>
</feed>"""
RSS_SELF = b"""<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<atom:link rel="self" href="https://site.example/rss"/><link>https://site.example/</link>
</channel></rss>"""
RSS_SITE = b'<rss version="2.0"><channel><link>https://site.example/</link></channel></rss>'
RDF = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/"><channel><link>https://site.example/</link></channel></rdf:RDF>"""


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<opml version="2.0"><body/></opml>', OpenedFile("opml")),
        (ATOM, OpenedFile("feed", "https://site.example/atom.xml", "https://site.example/")),
        (RSS_SELF, OpenedFile("feed", "https://site.example/rss", "https://site.example/")),
        (RSS_SITE, OpenedFile("feed", "", "https://site.example/")),
        (RDF, OpenedFile("feed", "", "https://site.example/")),
        (b"<rss><channel><link>file:///etc/passwd</link></channel></rss>", OpenedFile("feed")),
        (b"<html><body>a page</body></html>", OpenedFile("other")),
        (b"just some text", OpenedFile("other")),
        (b"", OpenedFile("other")),
    ],
)
def test_a_file_is_told_by_its_content(data: bytes, expected: OpenedFile) -> None:
    assert identify_file(data) == expected


def test_a_doctype_defines_no_entities() -> None:
    data = (b'<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<rss><channel><link>https://site.example/&x;</link></channel></rss>")  # fmt: skip
    assert identify_file(data).kind == "feed"
