"""The image store's pixel budget: sizes read from the headers, nothing decoded.

Every picture here is built by the test, most of them only a header that claims a size: the
store must refuse by the claim, since decoding is what costs (8000 x 7900 pixels from 246 KB
of PNG is 253 MB of memory in the pane or a PDF export).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from newsreader.core.extract.site_rules import RuleSet
from newsreader.core.library import open_library
from newsreader.core.render.article import DEFAULT_LABELS, article_html
from newsreader.core.storage.image_store import (
    MAX_IMAGE_PIXELS,
    MAX_IMAGE_SIDE,
    ImageStore,
    image_problem,
    image_size,
)
from newsreader.core.storage.records import ImageRecord
from tests.helpers.fake_fetcher import FakeFetcher


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height``; its data holds one row (a decoder
    would fail late, after allocating the whole picture)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" + bytes(3 * min(width, 64)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg(width: int, height: int, *, frame: int = 0xC0, thumbnail: bytes = b"") -> bytes:
    """A JPEG with a frame header claiming ``width`` x ``height`` (``frame``: its marker), an
    EXIF segment holding ``thumbnail`` before it, and a token scan."""
    sof = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    return (
        b"\xff\xd8"
        + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + (segment(0xE1, b"Exif\x00\x00" + thumbnail) if thumbnail else b"")
        + segment(0xDB, b"\x00" + bytes(range(1, 65)))
        + segment(frame, sof)
        + segment(0xDA, b"\x03\x01\x00\x02\x11\x03\x11\x00?\x00")
        + b"\x12\x34\x56\xff\x00\x78"
        + b"\xff\xd9"
    )


def gif(screen: tuple[int, int], frame: tuple[int, int, int, int]) -> bytes:
    """A GIF whose logical screen is ``screen`` and whose one frame is (left, top, w, h)."""
    palette = b"\x00\x00\x00\xff\xff\xff"
    head = b"GIF89a" + struct.pack("<HHBBB", *screen, 0x80, 0, 0) + palette
    comment = b"\x21\xfe\x03abc\x00"
    image = b"\x2c" + struct.pack("<HHHHB", *frame, 0) + b"\x02\x02\x44\x01\x00"
    return head + comment + image + b"\x3b"


def webp(kind: bytes, payload: bytes) -> bytes:
    body = b"WEBP" + kind + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_lossy(width: int, height: int) -> bytes:
    return webp(b"VP8 ", b"\x10\x02\x00\x9d\x01\x2a" + struct.pack("<HH", width, height) + bytes(8))


def webp_lossless(width: int, height: int) -> bytes:
    bits = (width - 1) | (height - 1) << 14
    return webp(b"VP8L", b"\x2f" + bits.to_bytes(4, "little") + bytes(8))


def webp_extended(width: int, height: int) -> bytes:
    canvas = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return webp(b"VP8X", b"\x10\x00\x00\x00" + canvas)


def bmp(width: int, height: int) -> bytes:
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    pixels = bytes(16)
    return b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 54) + info + pixels


def ico(*pictures: bytes) -> bytes:
    """An icon file holding ``pictures``; each directory entry claims 16 x 16, as a liar's."""
    offset = 6 + 16 * len(pictures)
    entries, data = b"", b""
    for picture in pictures:
        entries += struct.pack("<BBBBHHII", 16, 16, 0, 0, 1, 32, len(picture), offset + len(data))
        data += picture
    return b"\x00\x00\x01\x00" + struct.pack("<H", len(pictures)) + entries + data


SIZES = [
    (png(640, 480), (640, 480)),
    (jpeg(1200, 800), (1200, 800)),
    (jpeg(1200, 800, frame=0xC2), (1200, 800)),  # progressive
    (jpeg(1200, 800, thumbnail=jpeg(60_000, 60_000)), (1200, 800)),  # not the EXIF thumbnail's
    (gif((300, 200), (0, 0, 300, 200)), (300, 200)),
    (gif((300, 200), (250, 150, 100, 100)), (350, 250)),  # a frame outside the screen
    (webp_lossy(800, 600), (800, 600)),
    (webp_lossless(800, 600), (800, 600)),
    (webp_extended(800, 600), (800, 600)),
    (bmp(64, -48), (64, 48)),  # a negative height: rows top down
    (ico(png(32, 32), png(48, 48)), (48, 48)),
    (b"\x89PNG\r\n\x1a\n" + b"x" * 40, None),  # no IHDR first: nothing can decode it
    (b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 20, None),  # cut before any frame
]


SIZE_IDS = [
    "png", "jpeg", "jpeg-progressive", "jpeg-thumbnail", "gif", "gif-frame-outside",
    "webp-lossy", "webp-lossless", "webp-extended", "bmp-top-down", "ico", "png-no-ihdr",
    "jpeg-no-frame",
]  # fmt: skip


@pytest.mark.parametrize(("data", "size"), SIZES, ids=SIZE_IDS)
def test_image_size_reads_headers(data: bytes, size: tuple[int, int] | None) -> None:
    assert image_size(data) == size


TOO_LARGE = [
    png(8000, 7900),  # 63 megapixels from a few hundred bytes
    png(MAX_IMAGE_SIDE + 1, 10),  # a strip: few pixels, one side too long
    jpeg(65_000, 65_000),
    jpeg(9_000, 9_000, frame=0xC2),
    gif((100, 100), (0, 0, 16_000, 16_000)),  # the frame, not the screen, is the picture
    webp_lossless(16_000, 16_000),
    webp_extended(10_000, 10_000),
    bmp(10_000, -10_000),
    ico(png(16, 16), png(9_000, 9_000)),
]


@pytest.mark.parametrize(
    "data",
    TOO_LARGE,
    ids=["png", "png-strip", "jpeg", "jpeg-progressive", "gif-frame", "webp-lossless",
         "webp-extended", "bmp", "ico-png"],
)  # fmt: skip
def test_pictures_beyond_the_pixel_budget_are_a_problem(data: bytes) -> None:
    assert "too large" in image_problem(data)


@pytest.mark.parametrize(
    "data",
    [
        png(6_000, 6_000),  # 36 megapixels: a large scan still fits
        png(MAX_IMAGE_SIDE, 100),
        jpeg(4_000, 3_000),
        webp_extended(4_000, 4_000),
    ],
    ids=["png-36mp", "png-longest-side", "jpeg-12mp", "webp-16mp"],
)
def test_pictures_within_the_budget_are_fine(data: bytes) -> None:
    width, height = image_size(data) or (0, 0)
    assert width * height <= MAX_IMAGE_PIXELS
    assert image_problem(data) == ""


def test_the_store_refuses_an_oversized_picture(tmp_path: Path) -> None:
    store = ImageStore(tmp_path)
    with pytest.raises(ValueError, match="too large"):
        store.save(png(8000, 7900))
    assert not any(tmp_path.rglob("*.png"))
    assert store.save(png(640, 480))[2] == "image/png"


SITE = "https://warta.example.id"
PAGE = f"{SITE}/berita/2024/12/05/foto-raksasa"
SENTENCE = "Warga kota menyambut musim hujan dengan membersihkan saluran air di lingkungannya. "


def test_an_oversized_picture_shows_its_alt_text(tmp_path: Path) -> None:
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Warta</title><link>{SITE}/'
        f"</link><item><title>Foto raksasa</title><link>{PAGE}</link><guid>{PAGE}</guid>"
        "<pubDate>Thu, 05 Dec 2024 01:15:00 +0000</pubDate><description>r</description></item>"
        "</channel></rss>"
    ).encode()
    pictures = "".join(
        f"<figure><img src='{SITE}/foto/{name}.png' alt='foto {name}'></figure>"
        for name in ("besar", "biasa")
    )
    page = (
        f"<html><head><title>Foto raksasa</title></head><body><article><h1>Foto raksasa</h1>"
        f"<div class='date'>Kamis, 5 Desember 2024 | 08:15 WIB</div>{pictures}"
        + f"<p>{SENTENCE * 3}</p>" * 4
        + "</article></body></html>"
    ).encode()
    fetcher = FakeFetcher(
        {
            f"{SITE}/rss": feed,
            PAGE: page,
            f"{SITE}/foto/besar.png": png(8000, 7900),
            f"{SITE}/foto/biasa.png": png(640, 480),
        }
    )
    with open_library(tmp_path / "data", fetcher=fetcher, rules=RuleSet([])) as lib:
        lib.add_feed(f"{SITE}/rss")
        lib.refresh()
        errors = {rec.url.rsplit("/", 1)[1]: rec for rec in ImageRecord.select()}
        assert "too large" in errors["besar.png"].error and errors["besar.png"].path == ""
        assert errors["biasa.png"].error == "" and errors["biasa.png"].path
        entry = lib.entry(lib.entries()[0].id)
        shown = article_html(
            entry,
            format_date=lambda d: d.isoformat(),
            image_src=lambda url: entry.image_path(url),
            labels=DEFAULT_LABELS,
        )
        assert "[foto besar]" in shown
        assert shown.count("<img") == 1
