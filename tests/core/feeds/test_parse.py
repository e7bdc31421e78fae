"""parse_feed, looks_like_html, discover_feed_links and parse_index on stored documents."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsreader.core.errors import NotAFeedError, ParseError
from newsreader.core.feeds.index_page import discover_feed_links, parse_index
from newsreader.core.feeds.parse import looks_like_html, parse_feed
from newsreader.core.net.fetch import HTML_ACCEPT, Fetcher
from newsreader.core.types import ParsedFeed
from tests.helpers.demo_fixtures import DemoSite
from tests.helpers.http_server import HttpServer

DATA = Path(__file__).parents[2] / "data"
FEEDS = DATA / "feeds"
INDEX = DATA / "index"
WIB = timezone(timedelta(hours=7))


def feed(name: str, url: str = "", content_type: str = "") -> ParsedFeed:
    return parse_feed((FEEDS / name).read_bytes(), url or f"https://feeds.example.id/{name}",
                      content_type=content_type)  # fmt: skip


# -- RSS and Atom ----------------------------------------------------------------------------
def test_rss_091() -> None:
    parsed = feed("rss091.xml")
    assert parsed.kind == "feed"
    assert parsed.title == "Kabar Lama 0.91"
    assert parsed.site_url == "http://lama.example.id/"
    first, second = parsed.entries
    assert first.title == "Harga Beras Turun di Pasar Induk & Sekitarnya"
    assert first.url == first.guid == "http://lama.example.id/berita/1001.html"
    assert "\u2014" in first.summary_html  # &#8212; decoded
    assert first.published is None
    assert second.title == "Jalan Tol Baru Diresmikan Café"


def test_rss_092_enclosure_and_untitled_item() -> None:
    parsed = feed("rss092.xml")
    first, second = parsed.entries
    assert first.summary_html == "<p>Rekaman siaran <b>pagi</b> ini.</p>"
    assert first.image_url == ""  # an audio enclosure is not an image
    assert second.url == ""
    assert second.title.startswith("Item tanpa judul dan tanpa tautan")
    assert second.title.endswith("…") and len(second.title) <= 80
    assert second.guid.startswith("sha1:")
    assert feed("rss092.xml").entries[1].guid == second.guid  # stable across parses


def test_rss_10_rdf() -> None:
    parsed = feed("rss10.rdf")
    assert parsed.title == "Kabar RDF"
    first, second = parsed.entries
    assert first.url == "http://rdf.example.id/artikel/satu"
    assert first.author == "Budi Santoso"
    assert first.published == datetime(2020, 10, 26, 4, 26, tzinfo=UTC)
    assert first.published is not None and first.published.utcoffset() == timedelta(hours=7)
    assert second.published == datetime(2020, 10, 25, 8, 0, tzinfo=UTC)
    assert second.published is not None and second.published.utcoffset() == timedelta(0)


def test_rss_20_content_media_and_dates() -> None:
    parsed = feed("rss20.xml", "https://warta.example.id/rss")
    assert parsed.title == "Warta Contoh – Nasional"
    assert parsed.site_url == "https://warta.example.id/"
    assert parsed.ttl_minutes == 30
    quake, chili, local = parsed.entries
    assert quake.guid == "warta-101"
    assert quake.title == "Gempa M 5,2 Guncang Sukabumi, Warga Berhamburan"
    assert quake.author == "Mitra Elshinta Feeder"
    assert quake.published == datetime(2020, 10, 26, 11, 26, tzinfo=WIB)
    assert quake.published is not None and quake.published.utcoffset() == timedelta(hours=7)
    assert quake.summary_html == "<p>Gempa terasa hingga Jakarta.</p>"
    assert "Gempa berkekuatan 5,2" in quake.content_html
    assert "<script>" in quake.content_html  # raw: sanitizing is the renderer's job
    assert 'src="https://warta.example.id/img/gempa.jpg"' in quake.content_html
    assert quake.image_url == "https://warta.example.id/img/gempa-besar.jpg"
    assert (
        chili.guid == chili.url == "https://warta.example.id/news/102/2020/10/25/harga-cabai-naik"
    )
    assert chili.author == "Siti Aminah"
    assert chili.published == datetime(2020, 10, 25, 23, 30, tzinfo=UTC)
    assert chili.image_url == "https://warta.example.id/img/cabai.jpg"
    assert chili.content_html == ""
    assert local.published == datetime(2020, 10, 24, 9, 15, tzinfo=WIB)


def test_atom_10() -> None:
    parsed = feed("atom10.xml", "https://jurnal.example.id/atom.xml")
    assert parsed.title == "Jurnal & Catatan"
    assert parsed.site_url == "https://jurnal.example.id/"
    first, second = parsed.entries
    assert first.guid == "tag:jurnal.example.id,2021:1"
    assert first.title == "Tebal & Tipis"
    assert first.url == "https://jurnal.example.id/2021/06/tebal-tipis"
    assert first.author == "Rina"
    assert first.published == datetime(2021, 6, 15, 9, 28, tzinfo=WIB)
    assert first.summary_html == "<p>Ringkasan &lt;bukan tag&gt; polos</p>"
    assert '<a href="https://jurnal.example.id/tautan">' in first.content_html
    assert second.published == datetime(2021, 6, 14, 23, 0, tzinfo=UTC)  # updated only
    assert second.summary_html == ""  # feedparser's copy of the content is not a summary
    assert "<em>XHTML</em>" in second.content_html


def test_relative_links_resolve_against_the_feed_url() -> None:
    parsed = feed("relative_links.xml", "https://rel.example.id/feeds/main.xml")
    assert parsed.site_url == "https://rel.example.id/"
    root, folder, script = parsed.entries
    assert root.url == "https://rel.example.id/news/201/2021/01/02/relatif-ke-akar"
    assert 'href="https://rel.example.id/lain"' in root.summary_html
    assert 'src="https://rel.example.id/feeds/gambar/a.jpg"' in root.summary_html
    assert root.image_url == "https://rel.example.id/thumbs/a.jpg"
    assert folder.url == "https://rel.example.id/feeds/artikel/relatif-folder"
    assert script.url == ""
    assert script.guid == "bukan-http"


def test_ttl_outside_the_sane_range_is_ignored() -> None:
    doc = b'<rss version="2.0"><channel><title>T</title><ttl>%s</ttl></channel></rss>'
    for value, expected in ((b"0", None), (b"-5", None), (b"999999", None), (b"abc", None),
                            (b"60", 60)):  # fmt: skip
        assert parse_feed(doc % value, "http://t.example/").ttl_minutes == expected


# -- broken, hostile and mislabelled documents -----------------------------------------------
def test_broken_xml_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="could not be read") as info:
        feed("broken.xml")
    assert not isinstance(info.value, NotAFeedError)
    assert info.value.url.endswith("broken.xml")


def test_bozo_feed_with_entries_is_accepted() -> None:
    doc = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
           b"<item><title>A &nbsp; B</title><link>http://b.example/a</link></item>"
           b"<item><title>C</title><link>http://b.example/c</link></item></channel>")  # fmt: skip
    parsed = parse_feed(doc, "http://b.example/rss")
    assert [e.url for e in parsed.entries] == ["http://b.example/a", "http://b.example/c"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<catalog><book/></catalog>", "not an RSS or Atom"),
        (b"<catalog><title>Katalog</title></catalog>", "not an RSS or Atom"),
        (
            b'<?xml version="1.0"?><opml version="2.0"><head><title>Langganan</title></head>'
            b"</opml>",
            "not an RSS or Atom",
        ),
    ],
)
def test_not_feeds(content: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_feed(content, "http://x.example/feed")


def test_wrong_charset_header_loses_to_the_document() -> None:
    parsed = feed("wrong_charset.xml", content_type="text/xml; charset=iso-8859-1")
    assert parsed.title == "Berita Café – Jakarta"
    assert parsed.entries[0].title == "Kopi “Luwak” à la carte"


def test_charset_header_used_when_the_document_says_nothing() -> None:
    parsed = feed("latin1_no_declaration.xml", content_type="application/xml; charset=iso-8859-1")
    assert parsed.title == "Tanpa Deklarasi Café"
    assert parsed.entries[0].title == "Crème brûlée"
    assert feed("latin1_no_declaration.xml").entries[0].title == "Crème brûlée"


def test_billion_laughs_is_not_expanded() -> None:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        parsed: ParsedFeed | None = feed("billion_laughs.xml")
    except ParseError:
        parsed = None
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert elapsed < 5 and peak < 50 * 1024 * 1024
    if parsed is not None:
        texts = [parsed.title] + [e.title + e.summary_html + e.content_html for e in parsed.entries]
        assert all("lollollol" not in text for text in texts)


def test_external_entities_are_never_read_nor_fetched(
    tmp_path: Path, http_server: HttpServer
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    http_server.route("/entity", body=b"REMOTE-ENTITY-CONTENT")
    doc = (FEEDS / "external_entity.xml").read_text()
    doc = doc.replace("{{SECRET_PATH}}", str(secret)).replace(
        "{{REMOTE_URL}}", http_server.url("/entity")
    )
    try:
        dump = repr(parse_feed(doc.encode(), "http://xxe.example.id/rss"))
    except ParseError as exc:
        dump = repr(exc)
    assert "TOP-SECRET" not in dump and "REMOTE-ENTITY" not in dump
    assert http_server.requests == []


def test_html_page_is_not_a_feed() -> None:
    page = (FEEDS / "page_with_alternates.html").read_bytes()
    with pytest.raises(NotAFeedError, match="web page, not a feed"):
        parse_feed(page, "https://warta.example.id/", content_type="application/rss+xml")
    with pytest.raises(NotAFeedError):
        parse_feed(page, "https://warta.example.id/")


def test_feed_served_as_html_is_still_a_feed() -> None:
    parsed = feed("rss20.xml", content_type="text/html; charset=utf-8")
    assert len(parsed.entries) == 3


@pytest.mark.parametrize(
    ("content", "content_type", "expected"),
    [
        (b"<!DOCTYPE html><title>x</title>", "", True),
        (b"\xef\xbb\xbf  <!-- hi --><html><body></body></html>", "", True),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"/>', "", True),
        (b"<div>fragment</div>", "text/html; charset=utf-8", True),
        (b"<div>fragment</div>", "", True),
        (b"  <head><title>Beranda</title></head>", "application/rss+xml", True),
        (b"<catalog><book/></catalog>", "", False),
        (b'<?xml version="1.0"?><rss version="2.0"/>', "text/html", False),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'/>", "text/html", False),
        (b"<!-- <html> --><rdf:RDF/>", "", False),
        (b'<!DOCTYPE rss PUBLIC "-//Netscape"><rss version="0.91"/>', "", False),
        (b"", "application/xhtml+xml", True),
    ],
)
def test_looks_like_html(content: bytes, content_type: str, expected: bool) -> None:
    assert looks_like_html(content, content_type) is expected


# -- feed autodiscovery ----------------------------------------------------------------------
def test_discover_feed_links_in_order() -> None:
    page = (FEEDS / "page_with_alternates.html").read_bytes()
    assert discover_feed_links(page, "https://elsewhere.example/") == [
        "https://warta.example.id/rss",
        "https://warta.example.id/atom.xml",
        "http://warta.example.id/komentar/rss",
        # second tier: <a href> hints, after every <link rel="alternate">; not other sites
        "https://warta.example.id/feed/",
    ]


def test_feed_hints_in_links_belong_to_home_or_the_section() -> None:
    page = """<html><body><main>Isi</main><footer><a href="/rss">RSS</a>
      <a href="/kategori/5/internasional/feed">RSS Internasional</a></footer></body></html>"""
    assert discover_feed_links(page, "https://contoh.example.id/") == [
        "https://contoh.example.id/rss",
        "https://contoh.example.id/kategori/5/internasional/feed",
    ]
    assert discover_feed_links(page, "https://www.contoh.example.id/index.php") == [
        "https://www.contoh.example.id/rss",
        "https://www.contoh.example.id/kategori/5/internasional/feed",
    ]
    assert discover_feed_links(page, "https://contoh.example.id/kategori/5/internasional") == [
        "https://contoh.example.id/kategori/5/internasional/feed"
    ]  # the site-wide /rss is not this section's feed
    assert discover_feed_links(page, "https://contoh.example.id/indeks") == []


def test_discover_feed_links_none() -> None:
    page = (FEEDS / "page_without_feed.html").read_text()
    assert discover_feed_links(page, "https://tanpa.example.id/") == []


def test_discover_feed_links_relative_to_page() -> None:
    page = '<link rel="alternate" type="application/atom+xml" href="atom.xml">'
    assert discover_feed_links(page, "https://a.example/blog/") == [
        "https://a.example/blog/atom.xml"
    ]


# -- index pages -----------------------------------------------------------------------------
def test_index_page_class_based_site() -> None:
    page = (INDEX / "beritakota.html").read_bytes()
    parsed = parse_index(page, "https://www.beritakota.example.id/indeks")
    assert parsed.kind == "index"
    assert parsed.title == "Berita Terkini Hari Ini - BeritaKota"
    assert parsed.site_url == "https://www.beritakota.example.id/indeks"
    base = "https://www.beritakota.example.id/berita/"
    assert [e.url for e in parsed.entries] == [
        "https://news.beritakota.example.id/berita/d-5234567/warga-antre-minyak-goreng-sejak-subuh",
        base + "d-5234501/banjir-rendam-tiga-kecamatan-di-bekasi",
        base + "d-5234488/timnas-u19-menang-telak",
        base + "d-5234470/video-detik-detik-jembatan-ambruk",
        base + "d-5300001/menteri-umumkan-kebijakan-baru-soal-bbm",  # after the menu: page order
    ]
    oil, flood, football, bridge, fuel = parsed.entries
    assert all(e.guid == e.url for e in parsed.entries)
    assert oil.title == "Warga Antre Minyak Goreng Sejak Subuh"
    assert oil.published == datetime(2020, 10, 26, 11, 26, tzinfo=WIB)  # title attr, not "2 jam"
    assert oil.summary_html.startswith("<p>Antrean mengular di depan toko")
    assert oil.image_url == "https://cdn.beritakota.example.id/foto/2020/10/26/minyak.jpeg?w=300"
    assert flood.title == "Banjir Rendam Tiga Kecamatan di Bekasi"  # not "Baca selengkapnya"
    assert flood.image_url == "https://cdn.beritakota.example.id/foto/2020/10/26/banjir.jpeg"
    assert football.title == "Timnas u19 menang telak"  # from the slug, not "Baca selengkapnya"
    assert football.published == datetime(2020, 10, 25, 20, 15, tzinfo=WIB)
    assert bridge.title == "Jembatan ambruk di Kudus"  # image-only link: its alt text
    assert bridge.image_url == "https://www.beritakota.example.id/foto/jembatan.jpeg"
    assert fuel.title == "Menteri Umumkan Kebijakan Baru soal BBM"
    assert fuel.published == datetime(2020, 10, 25, 18, 0, tzinfo=WIB)
    assert fuel.image_url == "" and fuel.summary_html == ""


def test_index_page_wordpress_site() -> None:
    page = (INDEX / "warta_wp.html").read_bytes()
    parsed = parse_index(page, "https://wartanusantara.example.id/category/nasional/")
    assert parsed.title == "Nasional – Warta Nusantara"
    site = "https://wartanusantara.example.id"
    assert [e.url for e in parsed.entries] == [
        f"{site}/2020/10/26/gubernur-resmikan-pasar-rakyat-modern/",
        f"{site}/2020/10/25/dpr-setujui-anggaran-pendidikan/",
        f"{site}/2020/10/24/nelayan-keluhkan-cuaca-buruk/",
    ]  # not the popular-posts widget, the footer page, tags, authors or pagination
    market, budget, fishers = parsed.entries
    assert market.title == "Gubernur Resmikan Pasar Rakyat Modern"
    assert market.published == datetime(2020, 10, 26, 8, 30, tzinfo=WIB)
    assert market.image_url == f"{site}/wp-content/uploads/2020/10/pasar.jpg"
    assert "ribuan pedagang" in market.summary_html
    assert budget.published == datetime(2020, 10, 25, 14, 45, tzinfo=WIB)
    assert fishers.published == datetime(2020, 10, 24, 0, 0, tzinfo=WIB)
    assert "gelombang tinggi" in fishers.summary_html


@pytest.mark.parametrize(
    ("href", "is_article"),
    [
        ("/news/227891/2020/10/26/belarus-dan-rusia", True),  # Elshinta: id + date + slug
        ("/read/2020/10/26/11260051/gempa-guncang-sukabumi", True),  # date segment
        ("/2020/10/gubernur-resmikan-pasar", True),  # /yyyy/mm/slug
        ("/berita/d-5234567/warga-antre-minyak", True),  # id + 3-word slug
        ("/berita/1398765/harga-cabai-naik", True),
        ("/nasional/harga-cabai-naik-menjelang-natal", True),  # 4-word slug
        ("/ekonomi/harga-cabai-naik-1234567.html", True),  # id inside the slug
        ("/2020/10/26/", False),  # a day archive
        ("/2020/10/", False),
        ("/kategori/5/internasional", False),
        ("/tag/pemilu-serentak-tahun-depan", False),
        ("/author/budi-santoso-dan-kawan-kawan", False),
        ("/search?q=harga-cabai-naik-lagi", False),
        ("/indeks/semua-berita-hari-ini", False),
        ("/mitra/2/voa-indonesia", False),
        ("/live/radio", False),
        ("/berita/harga-cabai", False),  # too short a slug, no id
        ("/foto/peta-gempa-sukabumi-hari-ini.jpg", False),
        ("/asset/upload/article/2020/oktober/lukashenko-pompeo-telepon.jpg", False),
        ("https://lain.example.com/2020/10/26/berita-situs-lain", False),  # another site
        ("https://m.contoh.example.id/2020/10/26/versi-mobile", True),  # same site
        ("mailto:redaksi@contoh.example.id", False),
        ("javascript:void(0)", False),
    ],
)
def test_which_links_are_articles(href: str, is_article: bool) -> None:
    page = f'<html><body><main><a href="{href}">Judul berita yang cukup panjang</a></main></body>'
    if is_article:
        (entry,) = parse_index(page, "https://www.contoh.example.id/").entries
        assert entry.title == "Judul berita yang cukup panjang"
    else:
        with pytest.raises(ParseError):
            parse_index(page, "https://www.contoh.example.id/")


def test_index_page_with_a_site_rule_regex() -> None:
    page = (INDEX / "beritakota.html").read_text()
    parsed = parse_index(page, "https://www.beritakota.example.id/indeks",
                         article_url=r"/berita/d-5234\d{3}/")  # fmt: skip
    assert [e.url.rsplit("/", 2)[-2] for e in parsed.entries] == [
        "d-5234567", "d-5234501", "d-5234488", "d-5234470"
    ]  # fmt: skip


def test_index_page_bad_rule_regex_falls_back_to_the_heuristic() -> None:
    page = (INDEX / "beritakota.html").read_bytes()
    parsed = parse_index(page, "https://www.beritakota.example.id/indeks", article_url="([")
    assert len(parsed.entries) == 5


def test_index_page_without_articles() -> None:
    page = (FEEDS / "page_without_feed.html").read_bytes()
    with pytest.raises(ParseError, match="no article links"):
        parse_index(page, "https://tanpa.example.id/")
    with pytest.raises(ParseError):
        parse_index(b"", "https://tanpa.example.id/")


def test_index_links_only_in_chrome_are_used_when_nothing_else_is() -> None:
    page = """<html><body><aside><ul>
      <li><a href="/news/1/2021/06/15/satu-dua-tiga">Satu Dua Tiga</a></li>
      <li><a href="/news/2/2021/06/15/empat-lima-enam">Empat Lima Enam</a></li>
    </ul></aside></body></html>"""
    parsed = parse_index(page, "https://x.example.id/", article_url=r"/news/\d+/")
    assert [e.title for e in parsed.entries] == ["Satu Dua Tiga", "Empat Lima Enam"]


def test_index_page_with_a_base_href_and_other_sites() -> None:
    page = """<html><head><base href="https://cdn.example.id/mirror/"></head><body><main>
      <a href="http://[::1/2021/06/15/alamat-rusak-sekali">Alamat rusak</a>
      <a href="https://other.example.com/2021/06/15/berita-situs-lain">Situs lain</a>
      <a href="2021/06/15/berita-dengan-base-href">Berita dengan base href</a>
    </main></body></html>"""
    parsed = parse_index(page, "https://cdn.example.id/")
    assert [e.url for e in parsed.entries] == [
        "https://cdn.example.id/mirror/2021/06/15/berita-dengan-base-href"
    ]


# -- the demo site (served on loopback) ------------------------------------------------------
def _fetch(demo_site: DemoSite, fetcher: Fetcher, path: str) -> tuple[bytes, str, str]:
    result = fetcher.get(demo_site.url(path), accept=HTML_ACCEPT)
    return result.content, result.final_url, result.content_type


def test_demo_index_pages(demo_site: DemoSite) -> None:
    with Fetcher(timeout=5) as fetcher:
        for index in demo_site.raw_expected["indexes"]:
            content, url, _ = _fetch(demo_site, fetcher, index["url"])
            parsed = parse_index(content, url)
            assert [e.url for e in parsed.entries] == [demo_site.url(p) for p in index["articles"]]
            for entry in parsed.entries:
                expected = demo_site.article(entry.url)
                assert entry.title == expected["title"]
                assert entry.published == datetime.fromisoformat(expected["published"])
                assert entry.summary_html == f"<p>{expected['teaser']}</p>"
                assert entry.image_url in (expected["thumbnail"], "")
            feed_link = index["feed_link"]
            found = discover_feed_links(content, url)
            assert found[:1] == ([demo_site.url(feed_link)] if feed_link else [])


def test_demo_rss_feed(demo_site: DemoSite) -> None:
    with Fetcher(timeout=5) as fetcher:
        result = fetcher.get(demo_site.url(demo_site.raw_expected["rss"]["url"]))
    parsed = parse_feed(result.content, result.final_url, content_type=result.content_type)
    expected_urls = [demo_site.url(p) for p in demo_site.raw_expected["rss"]["articles"]]
    assert [e.url for e in parsed.entries] == expected_urls
    for entry in parsed.entries:
        expected = demo_site.article(entry.url)
        assert entry.title == expected["title"]
        assert entry.published == datetime.fromisoformat(expected["published"])
        assert entry.published is not None and entry.published.utcoffset() == timedelta(hours=7)
    seed = next(e for e in parsed.entries if e.url == demo_site.seed["url"])
    assert seed.author == demo_site.seed["author"]


def test_demo_home_is_not_a_feed(demo_site: DemoSite) -> None:
    with Fetcher(timeout=5) as fetcher:
        content, url, content_type = _fetch(demo_site, fetcher, "/")
    with pytest.raises(NotAFeedError):
        parse_feed(content, url, content_type=content_type)


# -- start-up cost ---------------------------------------------------------------------------
def test_importing_parse_does_not_load_feedparser_or_lxml() -> None:
    code = (
        "import sys, newsreader.core.feeds.parse\n"
        "heavy = [m for m in ('feedparser', 'lxml.html') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    root = Path(__file__).parents[3]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_index_page_takes_its_own_list_not_the_side_lists_or_the_menu() -> None:
    page = (INDEX / "kabar_kategori.html").read_bytes()
    parsed = parse_index(page, "https://kabar.example.id/kategori/3/nasional")
    news = "https://kabar.example.id/news"
    assert [e.url for e in parsed.entries] == [
        f"{news}/300301/2021/06/16/pemerintah-umumkan-jadwal-vaksinasi-tahap-baru",
        f"{news}/300288/2021/06/15/jalan-tol-baru-mulai-dibuka-untuk-umum",
        f"{news}/300270/2021/06/15/harga-cabai-turun-menjelang-panen-raya",
    ]  # not "Terpopuler", "Terkini", the menu's highlight or the footer
    vaccines, toll, chili = parsed.entries
    # <a><h2></h2><h1>title</h1></a>: the first heading with text, not the slug.
    assert vaccines.title == "Pemerintah Umumkan Jadwal Vaksinasi Tahap Baru"
    assert toll.title == "Jalan Tol Baru Mulai Dibuka untuk Umum"
    assert chili.title == "Harga Cabai Turun Menjelang Panen Raya"
    assert chili.published == datetime(2021, 6, 15, 8, 10, tzinfo=WIB)


def test_index_page_whose_own_list_is_labelled_latest() -> None:
    item = '<li><a href="/news/{0}/2021/06/16/judul-nomor-{0}">Judul berita nomor {0}</a></li>'
    page = (
        f"<html><body><div><h1>Berita Terkini</h1><ul>{item.format(1)}{item.format(2)}</ul></div>"
        f"<div><div>Terpopuler</div><ul>{item.format(3)}</ul></div></body></html>"
    )
    parsed = parse_index(page, "https://kabar.example.id/indeks")
    assert [e.title for e in parsed.entries] == ["Judul berita nomor 1", "Judul berita nomor 2"]
