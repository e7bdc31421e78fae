"""The fixture data of the fakes: the seed article's URLs, ``make_entry`` and a tiny PNG.

Qt-free: core tests use ``make_entry`` too.
"""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path

from newsreader.core.types import Entry

BASE = "https://elshinta.example"
SEED_TITLE = "Belarus dan Rusia Dikabarkan akan Menanggapi Ancaman Eksternal Bersama"
SEED_URL = f"{BASE}/news/226741/2020/10/26/belarus-dan-rusia"
CACHED_IMAGE_URL = f"{BASE}/asset/upload/article/2020/oktober/belarus.png"
REMOTE_IMAGE_URL = f"{BASE}/asset/upload/article/2020/oktober/peta.jpg"
RELATED_STORED_URL = f"{BASE}/news/240001/2021/06/15/serangan-di-afghanistan"
RELATED_FETCH_URL = f"{BASE}/news/240003/2021/06/15/selandia-baru-minta-maaf"
RELATED_FAIL_URL = f"{BASE}/news/240004/2021/06/15/varian-delta"


def make_entry(**overrides: object) -> Entry:
    """An Entry with harmless defaults; pass any field to override it."""
    values: dict[str, object] = {
        "id": 1,
        "feed_id": 1,
        "feed_title": "Elshinta",
        "url": SEED_URL,
        "title": SEED_TITLE,
        "author": "Mitra Elshinta Feeder",
        "published": datetime(2020, 10, 26, 4, 26, tzinfo=UTC),
        "summary_html": "",
        "html": "<p>Presiden Belarusia Alexander Lukashenko mengatakan ...</p>",
        "text": "Presiden Belarusia Alexander Lukashenko mengatakan ...",
        "origin": "",
        "lead_image": "",
        "related": (),
        "images": (),
        "read": False,
        "starred": False,
        "extraction": "site:elshinta",
        "extraction_note": "",
        "fetched_at": None,
    }
    values.update(overrides)
    return Entry(**values)  # type: ignore[arg-type]


def write_png(path: Path, width: int = 64, height: int = 32) -> Path:
    """A small solid-colour PNG, written without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes((200, 60, 40)) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return path
