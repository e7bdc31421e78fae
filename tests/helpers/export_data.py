"""Articles for the export tests: one built like the seed page, with cached images.

Plain data only (no Qt), so core and UI export tests share it.
"""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from newsreader.core.types import Entry, ImageRef, RelatedLink

WIB = timezone(timedelta(hours=7))
TITLE = "Belarus dan Rusia Dikabarkan akan Menanggapi Ancaman Eksternal Bersama"
# Non-breaking spaces, quotes and the editor initials, as on the seed page.
BODY_TEXT = "Presiden Belarusia Alexander\u00a0Lukashenko mengatakan \u201cmenormalisasi\u201d"
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def png_bytes() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = png_bytes()
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEAZABkAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsj"
    "HBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgo"
    "KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAA"
    "AAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAk"
    "M2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT"
    "lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QA"
    "HwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh"
    "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hp"
    "anN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk"
    "5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDgKKKK+eP2E//Z"
)


def fill_cache(folder: Path) -> Path:
    """The cached files ``make_entry`` refers to (one is not an image at all)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "photo.png").write_bytes(PNG)
    (folder / "chart.gif").write_bytes(GIF)
    (folder / "lead.png").write_bytes(PNG)
    (folder / "notimage.png").write_bytes(b"<html>oops</html>")
    return folder


def make_entry(cache: Path, entry_id: int = 1, **changes: object) -> Entry:
    body = (
        "<h2>Sub judul</h2>"
        f"<p>VOA Indonesia - {TITLE}</p>"
        f"<p>{BODY_TEXT} <strong>penting</strong> dan <em>miring</em>.</p>"
        '<figure><img src="https://elshinta.com/asset/upload/a.png" alt="Foto Minsk">'
        "<figcaption>Keterangan foto</figcaption></figure>"
        '<p>Grafik: <img src="https://elshinta.com/upload/b.gif" alt="Grafik"> selesai.</p>'
        '<p><img src="https://elshinta.com/upload/missing.jpg" alt="Tidak ada"> setelah</p>'
        '<p><img src="https://elshinta.com/upload/broken.png" alt="Rusak"></p>'
        '<ul><li>satu</li><li>dua <a href="https://voaindonesia.com/x">tautan</a></li></ul>'
        "<blockquote><p>Kutipan pejabat</p></blockquote>"
        "<p>[vm/ft]</p>"
    )
    entry = Entry(
        id=entry_id,
        feed_id=3,
        feed_title="Elshinta Internasional",
        url=f"https://elshinta.com/news/{entry_id}/2020/10/26/belarus",
        title=TITLE,
        author="Mitra Elshinta Feeder",
        published=datetime(2020, 10, 26, 11, 26, tzinfo=WIB),
        summary_html="<p>Ringkasan</p>",
        html=body,
        text=f"{BODY_TEXT} penting dan miring.",
        origin="VOA Indonesia",
        lead_image="https://elshinta.com/asset/upload/lead.png",
        related=(
            RelatedLink(
                title="Varian Delta Bukan Faktor Tunggal Lonjakan Kasus",
                url="https://elshinta.com/news/2/2021/06/15/varian",
                published=datetime(2021, 6, 15, 9, 28, tzinfo=WIB),
                teaser="Sejumlah daerah di Indonesia mengalami lonjakan kasus...",
            ),
            RelatedLink(title="Tanpa tanggal", url="https://elshinta.com/news/3/x"),
        ),
        images=(
            ImageRef("https://elshinta.com/asset/upload/a.png", str(cache / "photo.png")),
            ImageRef("https://elshinta.com/upload/b.gif", str(cache / "chart.gif")),
            ImageRef("https://elshinta.com/upload/missing.jpg", None),
            ImageRef("https://elshinta.com/upload/broken.png", str(cache / "notimage.png")),
            ImageRef("https://elshinta.com/asset/upload/lead.png", str(cache / "lead.png")),
        ),
        read=False,
        starred=True,
        extraction="site:elshinta",
        extraction_note="",
        fetched_at=datetime(2020, 10, 26, 5, 0, tzinfo=UTC),
    )
    return replace(entry, **changes)  # type: ignore[arg-type]


def data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"
