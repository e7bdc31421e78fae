"""The image cache's disk budget and bad images, on a budget of ~1 KB.

Five articles ``a``..``e`` each show their own picture; ``c`` also shows a picture ``s`` it
shares with ``b`` (whose only picture it is). Every picture file is exactly 400 bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.core.extract.site_rules import RuleSet
from newsreader.core.library import Library, open_library
from newsreader.core.render.article import DEFAULT_LABELS, article_html
from newsreader.core.settings import Settings
from newsreader.core.storage import image_cache as imagecache
from newsreader.core.storage.image_store import ImageStore as _Store
from newsreader.core.storage.image_store import image_problem
from newsreader.core.storage.records import ImageRecord
from newsreader.core.types import Entry
from newsreader.core.update.article_stage import ArticleStage
from tests.helpers.fake_fetcher import FakeFetcher, FakeResponse
from tests.helpers.http_server import HttpServer, Response
from tests.helpers.library_tools import touch_images

SITE = "https://warta.example.id"
FEED = f"{SITE}/rss"
SIZE = 400
SENTENCE = "Warga kota menyambut musim hujan dengan membersihkan saluran air di lingkungannya. "


def png(seed: str, size: int = SIZE) -> bytes:
    """A valid 1x1 PNG of exactly ``size`` bytes, different for each seed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    idat = chunk(b"IDAT", zlib.compress(b"\x00" + bytes(3)))
    fixed = len(head) + len(idat) + 12 + 12  # the tEXt chunk's frame and IEND
    text = (seed.encode() + b"\x00" + b"x" * size)[: size - fixed]
    return head + idat + chunk(b"tEXt", text) + chunk(b"IEND", b"")


def art(slug: str) -> str:
    return f"{SITE}/berita/2024/12/05/{slug}-kabar-warga-kota"


def img(name: str) -> str:
    return f"{SITE}/foto/{name}.png"


PICTURES = {"a": ["a"], "b": ["s"], "c": ["c", "s"], "d": ["d"], "e": ["e"]}


def article_page(slug: str, pictures: list[str]) -> bytes:
    images = "".join(f"<figure><img src='{img(p)}' alt='foto {p}'></figure>" for p in pictures)
    body = "".join(f"<p>{SENTENCE * 3}</p>" for _ in range(4))
    return (
        f"<html><head><title>Kabar {slug}</title></head><body><nav><a href='/'>Beranda</a></nav>"
        f"<article><h1>Kabar Warga Kota Bagian {slug.upper()}</h1>"
        f"<div class='date'>Kamis, 5 Desember 2024 | 08:15 WIB</div>{images}{body}</article>"
        "<footer>Hak cipta</footer></body></html>"
    ).encode()


def feed_xml(slugs: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Kabar {s}</title><link>{art(s)}</link><guid>{art(s)}</guid>"
        "<pubDate>Thu, 05 Dec 2024 01:15:00 +0000</pubDate><description>r</description></item>"
        for s in slugs
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Warta</title><link>{SITE}/'
        f"</link>{items}</channel></rss>"
    ).encode()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fetcher() -> FakeFetcher:
    fake = FakeFetcher({FEED: FakeResponse(feed_xml(list(PICTURES)))})
    for slug, pictures in PICTURES.items():
        fake.responses[art(slug)] = article_page(slug, pictures)
        for p in pictures:
            fake.responses[img(p)] = png(p)
    return fake


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def lib(tmp_path: Path, fetcher: FakeFetcher, clock: Clock) -> Iterator[Library]:
    library = open_library(tmp_path / "data", fetcher=fetcher, clock=clock, rules=RuleSet([]))
    yield library
    library.close()


def refreshed(lib: Library) -> dict[str, int]:
    """Subscribe and refresh; the entry id of each slug."""
    lib.add_feed(FEED)
    lib.refresh()
    ids = {e.url: e.id for e in lib.entries()}
    return {slug: ids[art(slug)] for slug in PICTURES}


def read_at(lib: Library, clock: Clock, entry_id: int, when: float) -> None:
    clock.now = when
    lib.mark_read([entry_id])
    lib.writer.call(lambda: None)  # the touch is queued, not waited for: let it run


def enforce(lib: Library, budget: int) -> imagecache.EvictionReport:
    return lib.writer.call(imagecache.enforce_budget, lib.images, budget)


def cached_names(lib: Library) -> set[str]:
    """Which pictures still have a file, by name."""
    rows = ImageRecord.select(ImageRecord.url).where(ImageRecord.path != "").tuples()
    return {url.rsplit("/", 1)[1].removesuffix(".png") for (url,) in rows}


def assert_files_match_records(lib: Library) -> None:
    on_disk = {
        p.relative_to(lib.images.root).as_posix() for p in lib.images.root.rglob("*") if p.is_file()
    }
    recorded = {path for (path,) in ImageRecord.select(ImageRecord.path).tuples() if path}
    assert on_disk == recorded
    for rec in ImageRecord.select():
        assert (rec.path == "") == (rec.error != ""), rec.url


def test_pictures_are_cached_once_and_fit_a_large_budget(lib: Library) -> None:
    refreshed(lib)  # the default budget (500 MB) evicts nothing
    assert cached_names(lib) == {"a", "c", "d", "e", "s"}
    assert sum(rec.size for rec in ImageRecord.select()) == 5 * SIZE
    assert_files_match_records(lib)


def test_least_recently_read_goes_first_and_a_shared_picture_last(
    lib: Library, clock: Clock
) -> None:
    ids = refreshed(lib)
    read_at(lib, clock, ids["c"], 2000)  # c and its shared picture s
    read_at(lib, clock, ids["a"], 3000)
    read_at(lib, clock, ids["d"], 4000)
    read_at(lib, clock, ids["b"], 5000)  # s again: b was read most recently
    order = []
    left = set(cached_names(lib))
    for _ in range(5):
        report = enforce(lib, 5 * SIZE - (len(order) + 1) * SIZE)
        assert report.evicted_files == 1 and report.evicted_bytes == SIZE
        now = cached_names(lib)
        order.extend(left - now)
        left = now
        assert_files_match_records(lib)
    # e was never read (its fetch time counts); c's own picture goes long before the one
    # it shares with b, which stays while any of its articles was read recently.
    assert order == ["e", "c", "a", "d", "s"]


def test_one_kilobyte_budget_keeps_the_most_recently_read(lib: Library, clock: Clock) -> None:
    ids = refreshed(lib)
    for when, slug in enumerate(["e", "d", "c", "b", "a"], start=2):
        read_at(lib, clock, ids[slug], when * 1000)
    report = enforce(lib, 1024)
    assert (report.total_before, report.total_after) == (5 * SIZE, 2 * SIZE)
    assert cached_names(lib) == {"a", "s"}  # s: read with b, just before a
    assert_files_match_records(lib)


def test_starred_articles_keep_their_pictures_over_budget(lib: Library, clock: Clock) -> None:
    ids = refreshed(lib)
    read_at(lib, clock, ids["a"], 9000)
    lib.set_starred(ids["e"])  # never read, so first in line without the star
    lib.set_starred(ids["b"])  # its only picture is the shared s
    report = enforce(lib, 0)
    assert cached_names(lib) == {"e", "s"}
    assert report.protected_bytes == 2 * SIZE and report.total_after == 2 * SIZE
    assert_files_match_records(lib)
    lib.set_starred(ids["e"], False)
    enforce(lib, 0)
    assert cached_names(lib) == {"s"}


def test_evicted_pictures_show_their_alt_text_and_are_not_downloaded_again(
    lib: Library, fetcher: FakeFetcher, clock: Clock
) -> None:
    ids = refreshed(lib)
    enforce(lib, 0)
    entry = lib.entry(ids["c"])
    assert [ref.path for ref in entry.images] == [None, None]
    rec = ImageRecord.get(ImageRecord.url == img("c"))
    assert (rec.path, rec.error) == ("", "evicted")
    html = render(entry)
    assert "[foto c]" in html and "[foto s]" in html and "<img" not in html
    fetcher.requests.clear()
    lib.refresh()
    assert not [url for url in fetcher.urls() if "/foto/" in url]
    # An explicit re-fetch: forgetting the evicted records lets the pictures come back.
    assert lib.writer.call(imagecache.forget_evicted, [img("c"), img("s")]) == 2
    ArticleStage(lib._updater()).fetch_images([img("c"), img("s")])
    assert {ref.url for ref in lib.entry(ids["c"]).images if ref.path} == {img("c"), img("s")}
    assert_files_match_records(lib)


def render(entry: Entry) -> str:
    return article_html(
        entry,
        format_date=lambda d: d.isoformat(),
        image_src=lambda url: entry.image_path(url),
        labels=DEFAULT_LABELS,
    )


def test_refresh_enforces_the_settings_budget(tmp_path: Path, fetcher: FakeFetcher) -> None:
    settings = Settings(image_cache_mb=0)  # keep only starred articles' pictures
    with open_library(tmp_path / "d", fetcher=fetcher, settings=settings) as lib:
        lib.add_feed(FEED)
        lib.refresh()
        assert cached_names(lib) == set()
        assert ImageRecord.select().count() == 5
        assert_files_match_records(lib)


def test_reading_marks_pictures_used_and_unreading_does_not(lib: Library, clock: Clock) -> None:
    ids = refreshed(lib)
    read_at(lib, clock, ids["c"], 2500)
    used = {r.url: r.last_used_at for r in ImageRecord.select()}
    assert used[img("c")] == used[img("s")] == 2500
    assert used[img("a")] is None
    clock.now = 3000
    lib.mark_read([ids["c"]], read=False)
    touch_images(lib, ids["a"])
    lib.writer.call(lambda: None)
    used = {r.url: r.last_used_at for r in ImageRecord.select()}
    assert used[img("c")] == 2500 and used[img("a")] == 3000


# -- bad pictures ---------------------------------------------------------------------------

JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    b"\xff\xdb\x00\x43\x00" + bytes(range(1, 65)) + b"\xff\xda\x00\x08\x01\x01\x00\x00?\x00"
    b"\x12\x34\x56\x78\xff\x00\x9a" + b"\xff\xd9"
)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (png("ok"), ""),
        (png("ok")[:-20], "PNG"),
        (JPEG, ""),
        (JPEG[:-2], "JPEG"),
        (JPEG[:30], "JPEG"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", ""),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00", "GIF"),
        (b"RIFF\x08\x00\x00\x00WEBPVP8 ", ""),
        (b"RIFF\xff\x00\x00\x00WEBPVP8 ", "WebP"),
        (b"<html>not found</html>", ""),  # not an image at all: sniff_image's business
    ],
)
def test_image_problem_spots_truncated_files(data: bytes, problem: str) -> None:
    found = image_problem(data)
    assert (problem in found and found.startswith("truncated")) if problem else found == ""


def test_bad_pictures_are_recorded_with_a_clear_error(
    tmp_path: Path, http_server: HttpServer
) -> None:
    base = http_server.url("")
    page_url = f"{base}/berita/2024/12/05/gambar-rusak-kabar-warga-kota"
    names = ["html", "missing", "huge", "good"]
    http_server.route("/rss", feed_xml([]).replace(b"</link>", b"</link>" + item(page_url), 1))
    http_server.route(
        "/berita/2024/12/05/gambar-rusak-kabar-warga-kota",
        article_page_at(base, names),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    http_server.route("/foto/html.png", b"<html>Halaman tidak ditemukan</html>",
                      headers={"Content-Type": "image/png"})  # fmt: skip
    http_server.route("/foto/missing.png", b"not found", status=404)
    http_server.route("/foto/huge.png", lambda request: Response(200, huge_body()))
    http_server.route("/foto/good.png", png("good"), headers={"Content-Type": "image/png"})
    with open_library(tmp_path / "d", rules=RuleSet([])) as lib:
        lib.add_feed(f"{base}/rss")
        lib.refresh()
        errors = {r.url.rsplit("/", 1)[1]: r.error for r in ImageRecord.select()}
        assert errors["good.png"] == ""
        assert "not an image" in errors["html.png"]
        assert "404" in errors["missing.png"]
        assert "larger than" in errors["huge.png"]
        entry = lib.entry(lib.entries()[0].id)
        assert [ref.path is not None for ref in entry.images] == [False, False, False, True]
        html = render(entry)
        for name in ("html", "missing", "huge"):
            assert f"[foto {name}]" in html
        assert html.count("<img") == 1
        assert_files_match_records(lib)


def item(url: str) -> bytes:
    return (
        f"<item><title>Gambar rusak</title><link>{url}</link><guid>{url}</guid>"
        "<description>r</description></item>"
    ).encode()


def article_page_at(base: str, names: list[str]) -> bytes:
    page = article_page("x", names)
    return page.replace(SITE.encode(), base.encode())


def huge_body() -> Iterator[bytes]:
    yield png("huge")[:16]
    for _ in range(9 * 1024):  # 9 MB without a Content-Length: cut at the 8 MB cap
        yield b"\x00" * 1024


def test_store_refuses_a_truncated_download(tmp_path: Path) -> None:
    whole = b"\xff\xd8\xff\xe0" + b"\x00" * 20 + b"\xff\xda" + b"\x11" * 50 + b"\xff\xd9"
    assert _Store(tmp_path).save(whole)[2] == "image/jpeg"
    with pytest.raises(ValueError, match="truncated"):
        _Store(tmp_path).save(whole[:40])
