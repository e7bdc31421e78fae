"""The bundled sample site and its server (newsreader/demo.py)."""

from __future__ import annotations

import argparse
import hashlib
import http.client
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import httpx
import lxml.html
import pytest

from newsreader.demo import (
    DemoServer,
    demo_feed_urls,
    demo_root,
    remember_port,
    remembered_port,
    resolve_path,
    start_for_library,
)
from tests.helpers.demo_fixtures import DemoSite

IMAGE_MAGIC = {
    ".jpg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".gif": b"GIF8",
}
ARTICLE_URL = re.compile(r"/news/(\d+)/(\d{4})/(\d{2})/(\d{2})/([a-z0-9-]+)$")


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as c:
        yield c


def site_pages() -> list[str]:
    """Every templated file of the site as the extensionless path that serves it."""
    root = demo_root()
    paths = []
    for file in sorted(root.rglob("index.*")):
        rel = file.parent.relative_to(root).as_posix()
        paths.append("/" if rel == "." else "/" + rel)
    return paths


def raw_get(base_url: str, path: str, method: str = "GET") -> tuple[int, bytes]:
    """Send `path` exactly as written (httpx would normalise ../ away)."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def doc(client: httpx.Client, url: str) -> Any:
    resp = client.get(url)
    assert resp.status_code == 200, url
    return lxml.html.fromstring(resp.text)


def text(el: Any) -> str:
    return re.sub(r"\s+", " ", el.text_content().replace("\xa0", " ")).strip()


# ------------------------------------------------------------------ serving


def test_every_page_is_served_with_base_substituted(
    demo_site: DemoSite, client: httpx.Client
) -> None:
    pages = site_pages()
    assert len(pages) == 16  # 11 articles, 3 index pages, /rss, /live/radio
    for path in pages:
        resp = client.get(demo_site.url(path))
        assert resp.status_code == 200, path
        assert "charset=utf-8" in resp.headers["content-type"]
        assert "{{BASE}}" not in resp.text, path
        assert demo_site.base_url + "/" in resp.text, path


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html"),
        ("/indeks/", "text/html"),
        ("/rss", "application/rss+xml"),
        ("/css/style.css", "text/css"),
        ("/js/tracker.js", "text/javascript"),
        ("/track/pixel.gif", "image/gif"),
    ],
)
def test_content_types(
    demo_site: DemoSite, client: httpx.Client, path: str, content_type: str
) -> None:
    resp = client.get(demo_site.url(path))
    assert resp.status_code == 200
    assert resp.headers["content-type"].split(";")[0] == content_type


def test_query_string_is_ignored(demo_site: DemoSite, client: httpx.Client) -> None:
    assert (
        client.get(demo_site.url("/indeks?page=1")).text
        == client.get(demo_site.url("/indeks")).text
    )


def test_etag_is_hash_of_served_bytes_and_conditional_get_gives_304(
    demo_site: DemoSite, client: httpx.Client
) -> None:
    url = demo_site.url("/rss")
    first = client.get(url)
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert hashlib.sha256(first.content).hexdigest()[:32] in etag
    by_etag = client.get(url, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag.headers["etag"] == etag
    assert client.get(url, headers={"If-None-Match": "W/" + etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304


def test_stale_validators_get_the_full_page(demo_site: DemoSite, client: httpx.Client) -> None:
    url = demo_site.url("/")
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    assert client.get(url, headers={"If-Modified-Since": old}).status_code == 200
    assert client.get(url, headers={"If-Modified-Since": "garbage"}).status_code == 200
    # If-None-Match wins over a matching If-Modified-Since.
    lm = client.get(url).headers["last-modified"]
    both = {"If-None-Match": '"stale"', "If-Modified-Since": lm}
    assert client.get(url, headers=both).status_code == 200


def test_etag_differs_per_port_because_base_differs(demo_site: DemoSite) -> None:
    with DemoServer() as other, httpx.Client(timeout=5) as c:
        a = c.get(demo_site.url("/")).headers["etag"]
        b = c.get(other.base_url + "/").headers["etag"]
    assert a != b


def test_head_sends_headers_only(demo_site: DemoSite, client: httpx.Client) -> None:
    url = demo_site.seed["url"]
    get, head = client.get(url), client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["etag"] == get.headers["etag"]
    assert client.head(demo_site.url("/nope")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/nope",
        "/news/1/2020/10/26/no-such-article",
        "/kategori/3/nasional",
        "/../expected.json",
        "/%2e%2e/expected.json",
        "/%2E%2E/%2e%2e/README.md",
        "/news/%2e%2e/%2e%2e/expected.json",
        "/..%2fexpected.json",
        "/.%2e/expected.json",
        "/asset/..%5c..%5cexpected.json",
        "/%00",
    ],
)
def test_unknown_and_escaping_paths_are_404(demo_site: DemoSite, path: str) -> None:
    status, body = raw_get(demo_site.base_url, path)
    assert status == 404
    assert b"{" not in body


def test_resolve_path_refuses_symlink_out_of_root(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "ok.txt").write_text("ok")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert resolve_path(root, "/ok.txt") == (root / "ok.txt").resolve()
    assert resolve_path(root, "/link.txt") is None
    assert resolve_path(root, "/") is None  # a directory without an index file


def test_custom_root_templates_html_xml_opml_only(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<a href='{{BASE}}/x'>", encoding="utf-8")
    (tmp_path / "opml").mkdir()
    (tmp_path / "opml" / "index.opml").write_text("<opml>{{BASE}}</opml>", encoding="utf-8")
    (tmp_path / "note.txt").write_text("{{BASE}}", encoding="utf-8")
    with DemoServer(tmp_path) as server, httpx.Client(timeout=5) as c:
        base = server.base_url
        assert c.get(base + "/").text == f"<a href='{base}/x'>"
        opml = c.get(base + "/opml")
        assert opml.text == f"<opml>{base}</opml>"
        assert opml.headers["content-type"].startswith("text/x-opml")
        assert c.get(base + "/note.txt").text == "{{BASE}}"


def test_server_lifecycle(tmp_path: Path) -> None:
    server = DemoServer()
    with pytest.raises(RuntimeError):
        _ = server.base_url
    url = server.start()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
    assert server.start() == url == server.base_url
    server.stop()
    server.stop()
    assert not server.running
    with pytest.raises(httpx.ConnectError), httpx.Client(timeout=2) as c:
        c.get(url + "/")
    with pytest.raises(FileNotFoundError):
        DemoServer(tmp_path / "missing")


def test_server_is_quiet(demo_site: DemoSite, capfd: pytest.CaptureFixture[str]) -> None:
    with httpx.Client(timeout=5) as c:
        c.get(demo_site.url("/"))
        c.get(demo_site.url("/missing"))
    raw_get(demo_site.base_url, "/", method="DELETE")
    assert capfd.readouterr() == ("", "")


def test_demo_feed_urls() -> None:
    base = "http://127.0.0.1:8080"
    assert demo_feed_urls(base) == [base + "/", base + "/kategori/5/internasional"]
    assert demo_feed_urls(base + "/") == demo_feed_urls(base)


# ------------------------------------------------------------------ feed


def test_rss_has_the_11_articles_as_summaries(demo_site: DemoSite, client: httpx.Client) -> None:
    resp = client.get(demo_site.url("/rss"))
    feed = feedparser.parse(resp.content)
    assert not feed.bozo
    assert feed.version == "rss20"
    entries = feed.entries
    assert [e.link for e in entries] == demo_site.expected["rss"]["articles"]
    assert len(entries) == 11
    assert len(re.findall(r"<pubDate>[^<]*\+0700</pubDate>", resp.text)) == 11
    for entry in entries:
        art = demo_site.article(entry.link)
        assert entry.id == entry.link
        assert entry.title == art["title"]
        assert entry.author == art["author"]
        assert entry.summary == art["teaser"]
        assert len(entry.summary) < 120
        assert client.get(entry.link).status_code == 200


def test_only_the_home_page_links_the_feed(demo_site: DemoSite, client: httpx.Client) -> None:
    for index in demo_site.expected["indexes"]:
        page = doc(client, index["url"])
        links = page.xpath('//link[@rel="alternate"][@type="application/rss+xml"]/@href')
        assert links == ([index["feed_link"]] if index["feed_link"] else [])


# ------------------------------------------------------------------ images


def image_urls(page: Any, base_url: str) -> set[str]:
    srcs = page.xpath("//img/@src") + page.xpath('//meta[@property="og:image"]/@content')
    return {s for s in srcs if s.startswith(base_url)}


def test_every_referenced_image_is_a_real_image(demo_site: DemoSite, client: httpx.Client) -> None:
    seen: set[str] = set()
    for path in site_pages():
        if path != "/rss":
            seen |= image_urls(doc(client, demo_site.url(path)), demo_site.base_url)
    assert len(seen) >= 16  # 7 photos, 7 thumbnails, placeholder, pixel
    for url in sorted(seen):
        resp = client.get(url)
        assert resp.status_code == 200, url
        magic = IMAGE_MAGIC[Path(urlsplit(url).path).suffix]
        assert resp.content.startswith(magic), url
        assert resp.headers["content-type"].startswith("image/")


def test_image_files_are_small_and_well_formed() -> None:
    files = [f for f in demo_root().rglob("*") if f.suffix in IMAGE_MAGIC]
    assert len(files) >= 16
    for file in files:
        assert file.read_bytes().startswith(IMAGE_MAGIC[file.suffix]), file
        assert file.stat().st_size < 40_000, file
    assert any("/2020/oktober/" in f.as_posix() for f in files)
    assert any("/2021/juni/" in f.as_posix() for f in files)


def test_sample_stays_small() -> None:
    demo = demo_root().parent
    total = sum(f.stat().st_size for f in demo.rglob("*") if f.is_file())
    assert total < 600_000


# ------------------------------------------------------------------ expected.json


def test_article_urls_follow_the_site_shape(demo_site: DemoSite) -> None:
    assert len(demo_site.articles) == 11
    assert len({a["id"] for a in demo_site.articles}) == 11
    for art in demo_site.raw_expected["articles"]:
        match = ARTICLE_URL.fullmatch(art["url"])
        assert match, art["url"]
        assert int(match[1]) == art["id"]
        assert "-".join(match.group(2, 3, 4)) == art["published"][:10]
        assert match[5] == re.sub(r"[^a-z0-9]+", "-", art["title"].lower()).strip("-")
        assert art["published"].endswith("+07:00")


def test_article_pages_match_expected(demo_site: DemoSite, client: httpx.Client) -> None:
    for art in demo_site.articles:
        page = doc(client, art["url"])
        assert text(page.cssselect("h1.detail-title")[0]) == art["title"]
        assert text(page.cssselect(".detail-date")[0]) == art["date_line"]
        assert text(page.cssselect(".detail-author")[0]) == art["author"]
        content = page.cssselect(".detail-content")[0]
        paras = [text(p) for p in content.cssselect("p")]
        origin_line = f"{art['origin']} - {art['title']}"
        assert paras == ([origin_line] if art["origin"] else []) + art["paragraphs"]
        assert art["first_paragraph"] == art["paragraphs"][0]
        assert art["last_paragraph"] == art["paragraphs"][-1]
        assert art["teaser"] == art["first_paragraph"][:100] + "..."
        pixel = content.xpath('.//img[@width="1"][@height="1"]/@src')
        assert pixel == [demo_site.expected["tracking_pixel"]]
        lead = page.cssselect("figure.detail-image img")
        assert [i.get("src") for i in lead] == ([art["lead_image"]] if art["lead_image"] else [])
        assert text(page.cssselect(".disclaimer")[0]).startswith("DISCLAIMER: ")
        assert len(page.cssselect(".comments .comment")) == art["comments"]


def test_related_links_match_expected_and_resolve(
    demo_site: DemoSite, client: httpx.Client
) -> None:
    titles = {a["url"]: a["title"] for a in demo_site.articles}
    for art in demo_site.articles:
        items = doc(client, art["url"]).cssselect(".baca-juga .news-item")
        shown = [
            {
                "title": text(item.cssselect("h4 a")[0]),
                "url": item.cssselect("h4 a")[0].get("href"),
                "date_line": text(item.cssselect(".news-date")[0]),
                "teaser": text(item.cssselect(".news-teaser")[0]),
            }
            for item in items
        ]
        wanted = [
            {k: r[k] for k in ("title", "url", "date_line", "teaser")} for r in art["related"]
        ]
        assert shown == wanted
        for rel in art["related"]:
            assert titles[rel["url"]] == rel["title"]
            assert rel["teaser"].endswith("...")
            assert rel["url"] != art["url"]
    for art in demo_site.articles[1:]:
        assert 3 <= len(art["related"]) <= 5
        assert demo_site.seed["url"] in [r["url"] for r in art["related"]]


def test_seed_matches_the_saved_elshinta_page(demo_site: DemoSite, client: httpx.Client) -> None:
    seed = demo_site.seed
    assert seed["title"] == "Belarus dan Rusia Dikabarkan akan Menanggapi Ancaman Eksternal Bersama"
    assert seed["date_line"] == "Senin, 26 Oktober 2020 - 11:26 WIB"
    assert seed["published"] == "2020-10-26T11:26:00+07:00"
    assert (seed["author"], seed["origin"]) == ("Mitra Elshinta Feeder", "VOA Indonesia")
    assert seed["last_paragraph"] == "[vm/ft]"
    assert [r["url"] for r in seed["related"]] == [a["url"] for a in demo_site.articles[1:]]
    assert {r["date_line"] for r in seed["related"]} == {"Selasa, 15 Juni 2021 - 09:28 WIB"}
    html = client.get(seed["url"]).text
    assert html.count("&nbsp;") >= 3
    assert "Live Streaming Radio Network" in html
    origins = [a["origin"] for a in demo_site.articles[1:]]
    assert sum(bool(o) for o in origins) >= 6
    assert sum(bool(a["lead_image"]) for a in demo_site.articles[1:]) >= 4


def test_index_pages_list_expected_articles(demo_site: DemoSite, client: httpx.Client) -> None:
    published = {a["url"]: a["published"] for a in demo_site.articles}
    for index in demo_site.expected["indexes"]:
        page = doc(client, index["url"])
        items = page.cssselect(".news-list .news-item")
        urls = [item.cssselect("h4 a")[0].get("href") for item in items]
        assert urls == index["articles"]
        for item, url in zip(items, urls, strict=True):
            assert item.cssselect("time")[0].get("datetime") == published[url]
        # Menu, sidebar and footer links are never article links.
        article_links = {
            href for href in page.xpath("//a/@href") if ARTICLE_URL.search(urlsplit(href).path)
        }
        assert article_links == set(urls)
    counts = [len(i["articles"]) for i in demo_site.expected["indexes"]]
    assert counts[0] == counts[1] == 11
    assert counts[2] >= 6


def test_fixture_resolves_paths(demo_site: DemoSite) -> None:
    assert demo_site.seed["url"].startswith(demo_site.base_url + "/news/")
    assert demo_site.url("rss") == demo_site.url("/rss") == demo_site.base_url + "/rss"
    assert demo_site.expected["feed_urls"] == demo_feed_urls(demo_site.base_url)


# ------------------------------------------------------------------ a lasting library


def test_a_library_gets_the_demo_once_and_its_port_again(tmp_path: Path) -> None:
    server, urls = start_for_library(tmp_path)
    try:
        port = server.port
        assert urls == demo_feed_urls(server.base_url)
    finally:
        server.stop()
    assert remembered_port(tmp_path) == port
    server, urls = start_for_library(tmp_path)
    try:
        assert (server.port, urls) == (port, [])
    finally:
        server.stop()


def test_a_taken_port_serves_elsewhere_and_subscribes_nothing(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        remember_port(tmp_path, taken.getsockname()[1])
        server, urls = start_for_library(tmp_path)
        try:
            assert server.port != taken.getsockname()[1]
            assert urls == []
        finally:
            server.stop()


@pytest.mark.parametrize("state", ["", "{", '{"port": "80"}', '{"port": 70000}', "[1]"])
def test_an_unreadable_demo_state_starts_afresh(tmp_path: Path, state: str) -> None:
    (tmp_path / "demo.json").write_text(state, encoding="utf-8")
    assert remembered_port(tmp_path) == 0


def test_two_demo_runs_on_one_library_add_no_feed_or_article_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.cli import frontend
    from newsreader.core import open_library
    from newsreader.ui import app

    data_dir = tmp_path / "lib"
    seen: list[tuple[list[str], int, int]] = []

    def fake_run_gui(data_dir: Path, *, initial_urls: list[str], **_: object) -> int:
        """What the window does behind itself: subscribe, then refresh everything."""
        with open_library(data_dir) as library:
            app._subscribe(library, list(initial_urls))
            results = library.refresh()
            assert not any(r.error for r in results), results
            urls = [e.url for e in library.entries()]
            assert len(urls) == len(set(urls))
            seen.append((list(initial_urls), len(library.feeds()), len(urls)))
        return 0

    monkeypatch.setattr(app, "run_gui", fake_run_gui)
    args = argparse.Namespace(data_dir=str(data_dir), demo=True, links=[])
    assert frontend._run_gui(args) == 0
    assert frontend._run_gui(args) == 0
    (first_urls, feeds, articles), (second_urls, feeds_again, articles_again) = seen
    assert len(first_urls) == 2 and second_urls == []
    assert feeds >= 1 and articles > 0
    assert (feeds_again, articles_again) == (feeds, articles)
