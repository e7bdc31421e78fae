"""OPML in and out: other readers' files, broken files, our own round trip, and newsboat."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import lxml.etree as etree
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.errors import ExportError
from newsreader.core.feeds.opml import NAMESPACE, OpmlFeed, export_opml, read_opml, render_opml
from newsreader.core.importers.common import ImportFailedError
from newsreader.core.library import Library, open_library
from tests.helpers.fake_fetcher import FakeFetcher

DATA = Path(__file__).resolve().parents[2] / "data" / "opml"


def _read(name: str):
    return read_opml((DATA / name).read_bytes())


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    fetcher = FakeFetcher()  # answers nothing: an import must not fetch
    library = open_library(tmp_path / "data", fetcher=fetcher)
    yield library
    library.close()
    assert fetcher.requests == []


# -- other readers' files --------------------------------------------------------------------
def test_liferea_export_keeps_folders_titles_and_site_urls() -> None:
    result = _read("liferea.opml")
    assert result.problems == []
    assert [(f.folder, f.title, f.url, f.site_url) for f in result.feeds] == [
        ("Berita", "Elshinta – Nasional", "https://elshinta.com/kategori/3/nasional/feed",
         "https://elshinta.com/kategori/3/nasional"),
        ("Berita/Indonesia", "Antara – Terkini", "https://www.antaranews.com/rss/terkini.xml",
         "https://www.antaranews.com/"),
        ("Berita/Indonesia", "Tempo & Kawan", "https://rss.tempo.co/nasional?format=atom&lang=id",
         "https://www.tempo.co/"),
        ("", "Liferea Blog", "https://lzone.de/liferea/blog/feed.xml",
         "https://lzone.de/liferea/blog/"),
    ]  # fmt: skip
    # Search folders and news bins are not subscriptions; unknown outlines come in as "auto".
    assert all(f.kind == "auto" for f in result.feeds)


def test_rss_guard_export_keeps_folders_and_titles_and_names_a_script_feed() -> None:
    result = _read("rssguard.opml")
    assert [(f.folder, f.title, f.url) for f in result.feeds] == [
        ("Berita", "Elshinta – Ekonomi Bisnis", "https://elshinta.com/kategori/6/ekonomi-bisnis/feed"),
        ("Berita/Olahraga", "Bola & Sport", "https://sport.example.id/atom.xml"),
        ("", "JSON Feed Contoh", "https://json.example.id/feed.json"),
    ]  # fmt: skip
    assert all(f.site_url == "" for f in result.feeds)  # RSS Guard writes no htmlUrl
    assert len(result.problems) == 1
    assert "Skrip Lokal" in result.problems[0] and "not a web address" in result.problems[0]


def test_any_dialect_case_variants_duplicates_and_bad_urls() -> None:
    data = b"""<?xml version="1.0"?><opml version="1.1"><body>
      <outline text="Teks saja" XMLURL="https://a.example.id/rss"/>
      <outline title="Judul" text="Teks" xmlurl="https://b.example.id/rss" HTMLURL="https://b.example.id/"/>
      <outline text="Lagi" xmlUrl="https://a.example.id/rss"/>
      <outline text="Feed link" xmlUrl="feed://c.example.id/rss"/>
      <outline text="Feed link 2" xmlUrl="feed:https://d.example.id/rss"/>
      <outline text="Skrip" xmlUrl="javascript:alert(1)"/>
      <outline text="Relatif" xmlUrl="/rss.xml"/>
      <outline text="Kosong" xmlUrl=""/>
      <outline text="Catatan tanpa alamat"/>
      <Outline text="Map">
        <outline text="Dalam" xmlUrl="https://e.example.id/rss" htmlUrl="not a url"/>
      </Outline>
    </body></opml>"""
    result = read_opml(data)
    assert [(f.url, f.title, f.folder, f.site_url) for f in result.feeds] == [
        ("https://a.example.id/rss", "Teks saja", "", ""),
        ("https://b.example.id/rss", "Judul", "", "https://b.example.id/"),
        ("http://c.example.id/rss", "Feed link", "", ""),
        ("https://d.example.id/rss", "Feed link 2", "", ""),
        ("https://e.example.id/rss", "Dalam", "Map", ""),
    ]
    assert len(result.problems) == 3
    assert all("not a web address" in p for p in result.problems)
    assert any("Skrip" in p for p in result.problems)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:99999/x", "http://[::1/x", "https://a.example.id:0/rss",
            "feed://a.example.id:70000/rss", "http://a.example.id:port/rss"]
)  # fmt: skip
def test_addresses_that_cannot_be_fetched_are_problems_not_feeds(url: str) -> None:
    data = (
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline text="Rusak" xmlUrl="{url}"/>'
        '<outline text="Baik" xmlUrl="https://b.example.id/rss" htmlUrl="http://[::1/"/>'
        "</body></opml>"
    ).encode()
    result = read_opml(data)
    assert [(f.url, f.site_url) for f in result.feeds] == [("https://b.example.id/rss", "")]
    (problem,) = result.problems
    assert "Rusak" in problem and "not a web address" in problem


# -- broken files ----------------------------------------------------------------------------
def test_truncated_file_imports_what_it_can_and_says_so() -> None:
    result = _read("truncated.opml")
    assert [f.title for f in result.feeds] == ["Satu", "Dua"]
    assert result.feeds[0].folder == "Folder A"
    assert len(result.problems) == 1
    assert result.problems[0].startswith("the file is damaged (line 6:")


def test_wrong_root_still_yields_its_outlines() -> None:
    result = _read("wrong_root.xml")
    assert [f.url for f in result.feeds] == [
        "https://satu.example.id/rss",
        "https://dua.example.id/rss",
    ]
    assert "not OPML" in result.problems[0] and "<subscriptions>" in result.problems[0]


def test_entities_are_never_expanded_and_reading_goes_on() -> None:
    result = _read("entities.opml")
    # Every outline survives; no title holds a line of /etc/passwd or a million "lol"s.
    assert [f.title for f in result.feeds] == ["Rahasia", "Jarak jauh", "Tawa", "Biasa"]
    assert all(len(f.title) < 20 and "root:" not in f.title for f in result.feeds)
    assert result.problems and "line 19" in result.problems[0]


@pytest.mark.parametrize("data", [b"", b"   ", b"\x89PNG\r\n\x1a\n\x00\x00binary", b"just text"])
def test_not_xml_at_all_gives_a_clear_problem(data: bytes) -> None:
    result = read_opml(data)
    assert result.feeds == []
    assert len(result.problems) == 1 and result.problems[0]


def test_a_wall_of_problems_is_cut_short() -> None:
    body = "".join(f'<outline text="x{i}" xmlUrl="bad{i}"/>' for i in range(50))
    result = read_opml(f"<opml><body>{body}</body></opml>".encode())
    assert len(result.problems) == 21 and result.problems[-1] == "… and 30 more problem(s)"


# -- writing and the round trip --------------------------------------------------------------
FEEDS = [
    OpmlFeed("https://elshinta.com/", "Elshinta", "", "https://elshinta.com/", "auto"),
    OpmlFeed("https://elshinta.com/indeks", "Elshinta – Berita Terkini", "Elshinta",
             "https://elshinta.com/", "index"),
    OpmlFeed("https://a.example.id/rss?x=1&y=2", 'Judul "kutip" <b> & ~tilde', "Berita/Daerah",
             "", "feed"),
    OpmlFeed("https://b.example.id/atom", "Kedua", "Berita", "https://b.example.id/", "feed"),
    OpmlFeed("https://c.example.id/rss", "", "Berita/Daerah", "", "feed"),
]  # fmt: skip


def test_render_is_opml_2_with_head_and_nested_folders() -> None:
    when = datetime(2020, 10, 26, 4, 26, tzinfo=UTC)
    root = etree.fromstring(render_opml(FEEDS, now=when))
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "Newsreader subscriptions"
    assert root.findtext("head/dateCreated") == "Mon, 26 Oct 2020 04:26:00 GMT"
    body = root.find("body")
    assert [o.get("text") for o in body] == ["Elshinta", "Elshinta", "Berita"]
    berita = body[2]
    assert [o.get("text") for o in berita] == ["Daerah", "Kedua"]
    assert [o.get("xmlUrl") for o in berita[0]] == [FEEDS[2].url, FEEDS[4].url]
    for outline in root.iter("outline"):
        if outline.get("xmlUrl"):
            assert outline.get("type") == "rss" and outline.get("text") and outline.get("title")
    index = body[1][0]
    assert index.get(f"{{{NAMESPACE}}}kind") == "index" and index.get("htmlUrl")
    assert berita[0][1].get("text") == FEEDS[4].url  # no title: the address stands in


def test_round_trip_loses_nothing() -> None:
    back = read_opml(render_opml(FEEDS))
    assert back.problems == []
    expected = [
        f if f.title else OpmlFeed(f.url, f.url, f.folder, f.site_url, f.kind) for f in FEEDS
    ]
    assert sorted(back.feeds, key=lambda f: f.url) == sorted(expected, key=lambda f: f.url)


_NAME = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and "/" not in s)
)


@given(
    st.lists(
        st.tuples(_NAME, st.lists(_NAME, max_size=3), st.sampled_from(["feed", "index", "auto"])),
        max_size=8,
    )
)
def test_round_trip_property(items: list[tuple[str, list[str], str]]) -> None:
    feeds = [
        OpmlFeed(f"https://h{i}.example.id/rss?q={i}&t=1", title, "/".join(folders), "", kind)  # type: ignore[arg-type]
        for i, (title, folders, kind) in enumerate(items)
    ]
    back = read_opml(render_opml(feeds))
    assert back.problems == []
    assert sorted(back.feeds, key=lambda f: f.url) == sorted(feeds, key=lambda f: f.url)


def test_control_characters_in_titles_do_not_break_the_file() -> None:
    feeds = [OpmlFeed("https://x.example.id/rss", "Judul\x00\x07 aneh\x1b", "Map\x0c", "", "feed")]
    back = read_opml(render_opml(feeds))
    assert back.problems == []
    assert (back.feeds[0].title, back.feeds[0].folder) == ("Judul aneh", "Map")


def test_export_is_atomic_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "langganan.opml"
    assert export_opml(FEEDS, target) == target
    first = target.read_bytes()
    with pytest.raises(ExportError, match="already exists"):
        export_opml(FEEDS[:1], target)
    assert target.read_bytes() == first
    export_opml(FEEDS[:1], target, force=True)
    assert len(read_opml(target.read_bytes()).feeds) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["langganan.opml"]  # no temp files
    with pytest.raises(ExportError, match="is a folder"):
        export_opml(FEEDS, tmp_path)
    with pytest.raises(ExportError, match="could not write"):
        export_opml(FEEDS, tmp_path / "missing" / "x.opml")


def test_exported_subscriptions_follow_the_umask(tmp_path: Path) -> None:
    # The file is the reader's to keep and share, like any export: not private to the owner.
    old = os.umask(0o022)
    try:
        target = export_opml(FEEDS, tmp_path / "langganan.opml")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


# -- through the library ---------------------------------------------------------------------
def test_library_import_stores_without_fetching_and_skips_what_is_there(
    lib: Library, tmp_path: Path
) -> None:
    path = tmp_path / "in.opml"
    path.write_bytes(render_opml(FEEDS))
    report = lib.import_opml(path)
    assert (report.added, report.skipped_existing, report.problems) == (5, 0, [])
    stored = {f.url: f for f in lib.feeds()}
    assert len(report.feed_ids) == 5 and set(report.feed_ids) == {f.id for f in stored.values()}
    index = stored["https://elshinta.com/indeks"]
    assert (index.kind, index.folder, index.site_url, index.title) == (
        "index", "Elshinta", "https://elshinta.com/", "Elshinta – Berita Terkini"
    )  # fmt: skip
    assert stored[FEEDS[2].url].folder == "Berita/Daerah"
    assert lib.folders() == ["Berita", "Berita/Daerah", "Elshinta"]

    again = lib.import_opml(path)
    assert (again.added, again.skipped_existing, again.feed_ids) == (0, 5, ())
    assert len(lib.feeds()) == 5


def test_library_export_then_import_elsewhere_is_identical(lib: Library, tmp_path: Path) -> None:
    source = tmp_path / "in.opml"
    source.write_bytes(render_opml(FEEDS))
    lib.import_opml(source)
    out = tmp_path / "out.opml"
    lib.export_opml(out)
    with pytest.raises(ExportError):
        lib.export_opml(out)
    lib.export_opml(out, force=True)
    with open_library(tmp_path / "other", fetcher=FakeFetcher()) as other:
        report = other.import_opml(out)
        assert report.added == 5

        def shape(library: Library) -> set[tuple[str, ...]]:
            return {(f.url, f.title, f.folder, f.site_url, f.kind) for f in library.feeds()}

        assert shape(other) == shape(lib)


def test_library_import_of_broken_and_missing_files(lib: Library, tmp_path: Path) -> None:
    report = lib.import_opml(DATA / "truncated.opml")
    assert report.added == 2 and "damaged" in report.problems[0]
    empty = tmp_path / "empty.opml"
    empty.write_bytes(b'<?xml version="1.0"?><opml version="2.0"><body/></opml>')
    assert lib.import_opml(empty).problems == ["empty.opml holds no subscriptions"]
    with pytest.raises(ImportFailedError, match="cannot read"):
        lib.import_opml(tmp_path / "nope.opml")


def test_a_removed_feed_with_kept_stars_is_subscribed_again(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "in.opml"
    path.write_bytes(render_opml(FEEDS[3:4]))
    feed_id = lib.import_opml(path).feed_ids[0]
    lib.remove_feed(feed_id)
    report = lib.import_opml(path)
    assert report.added == 1 and [f.url for f in lib.feeds()] == [FEEDS[3].url]


# -- newsboat --------------------------------------------------------------------------------
def _newsboat(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("newsboat")
    assert binary, "newsboat is not installed: run scripts/install --test"
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    config = tmp_path / "config"
    config.touch()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local/share"), "LC_ALL": "C.UTF-8"}  # fmt: skip
    return subprocess.run(
        [binary, "-u", str(tmp_path / "urls"), "-c", str(tmp_path / "cache.db"),
         "-C", str(config), *args],
        capture_output=True, text=True, env=env, timeout=60, check=True,
    )  # fmt: skip


def _urls_lines(path: Path) -> dict[str, list[str]]:
    """newsboat's urls file: URL, then quoted tags ("~Title" is the title)."""
    lines: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            url, _, rest = line.partition(" ")
            lines[url] = re.findall(r'"((?:[^"\\]|\\.)*)"', rest)
    return lines


def test_newsboat_imports_our_export_with_folders_as_tags(lib: Library, tmp_path: Path) -> None:
    source = tmp_path / "in.opml"
    source.write_bytes(render_opml(FEEDS))
    lib.import_opml(source)
    exported = tmp_path / "ours.opml"
    lib.export_opml(exported)
    (tmp_path / "urls").touch()
    _newsboat(tmp_path, "-i", str(exported))
    lines = _urls_lines(tmp_path / "urls")
    assert set(lines) == {f.url for f in lib.feeds()}
    for feed in lib.feeds():
        assert lines[feed.url] == ([feed.folder] if feed.folder else []), feed.url


def test_newsboat_export_imports_here_with_nothing_lost(lib: Library, tmp_path: Path) -> None:
    (tmp_path / "urls").write_text(
        "# langganan\n"
        'https://elshinta.com/kategori/3/nasional "Elshinta" "~Elshinta – Nasional"\n'
        'https://a.example.id/rss?x=1&y=2 "Berita/Daerah" "~Judul & <kutip>"\n'
        'https://b.example.id/atom "~Tanpa tag"\n'
        "https://c.example.id/rss\n",
        encoding="utf-8",
    )
    out = _newsboat(tmp_path, "-e").stdout
    path = tmp_path / "newsboat.opml"
    path.write_text(out, encoding="utf-8")
    result = read_opml(path.read_bytes())
    assert result.problems == []
    got = {f.url: f for f in result.feeds}
    assert {u: f.title for u, f in got.items()} == {
        "https://elshinta.com/kategori/3/nasional": "Elshinta – Nasional",
        "https://a.example.id/rss?x=1&y=2": "Judul & <kutip>",
        "https://b.example.id/atom": "Tanpa tag",
        "https://c.example.id/rss": "",
    }
    # newsboat 2.21 (Debian 12) exports a flat list: tags stay behind in its urls file. When a
    # newer newsboat writes them as folders, they must come through as folders here.
    folders = {f.folder for f in result.feeds}
    nested = any(len(o) for o in etree.fromstring(out.encode()).iter("outline"))
    assert folders == ({"", "Elshinta", "Berita/Daerah"} if nested else {""})
    report = lib.import_opml(path)
    assert (report.added, report.problems) == (4, [])
    stored = {f.url: f.title for f in lib.feeds()}
    assert stored["https://a.example.id/rss?x=1&y=2"] == "Judul & <kutip>"
