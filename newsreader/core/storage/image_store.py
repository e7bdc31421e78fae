"""The offline image store: files named by the SHA-256 of their bytes, one copy per image.

Only images that will display are kept: a known raster format, whole, and of a size the pane
and the exports can afford once decoded (read from the format's header, nothing is decoded).
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 8 * 1024 * 1024
# Decoded, a picture takes 4 bytes a pixel whatever its file size: a 250 KB PNG can claim
# 8000 x 7900 pixels, 253 MB once decoded, and eight of them took a PDF export to 2.1 GB.
# News photos are at most 12-24 megapixels; 40 (160 MB decoded) leaves room for large scans.
MAX_IMAGE_PIXELS = 40_000_000
# A strip longer than this is no picture to read (a 16384 x 2 "spacer" is tiny in pixels but
# still a huge texture), and 16384 is where painting engines start to tile or give up.
MAX_IMAGE_SIDE = 16_384

# Only raster formats Qt renders without running anything; SVG can carry scripts.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
    (b"BM", "image/bmp", ".bmp"),
    (b"\x00\x00\x01\x00", "image/x-icon", ".ico"),  # favicons (Windows icon files)
)


def sniff_image(data: bytes) -> tuple[str, str] | None:
    """(MIME type, file suffix) from the bytes themselves, or None if not an image we keep."""
    for magic, mime, suffix in _MAGIC:
        if data.startswith(magic):
            return mime, suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return None


def image_problem(data: bytes) -> str:
    """Why stored image bytes would not display ("" when they look whole and affordable).

    ``images.sniff_image`` recognises a format by its first bytes; a download cut short (a
    truncated JPEG) passes that test but shows as a broken picture. Each format's end marker
    tells: an image without it is refused like any non-image, so the pane shows its alt text.
    So is one whose header claims more than ``MAX_IMAGE_PIXELS`` or ``MAX_IMAGE_SIDE``.
    """
    return _truncation(data) or _oversize(data)


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels from a PNG, JPEG, GIF, WebP, BMP or ICO header, without
    decoding; None when the header cannot be read (no decoder could read it either)."""
    try:
        for magic, reader in _SIZE_READERS:
            if data.startswith(magic):
                return reader(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp_size(data)
    except (struct.error, IndexError):
        return None  # a header cut short
    return None


def _oversize(data: bytes) -> str:
    size = image_size(data)
    if size is None:
        return ""
    width, height = size
    if width * height <= MAX_IMAGE_PIXELS and max(width, height) <= MAX_IMAGE_SIDE:
        return ""
    return (
        f"image too large to show ({width} x {height} pixels; the limits are "
        f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels and {MAX_IMAGE_SIDE} pixels a side)"
    )


def _truncation(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        # Entropy-coded data never holds FF D9; the end marker must follow the last scan.
        return "" if data.rfind(b"\xff\xd9") > data.rfind(b"\xff\xda") > 0 else _cut("JPEG")
    if data.startswith(b"\x89PNG"):
        return "" if b"IEND" in data[-64:] else _cut("PNG")
    if data.startswith(b"GIF8"):
        return "" if data.rstrip(b"\x00\r\n ").endswith(b";") else _cut("GIF")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        whole = int.from_bytes(data[4:8], "little") + 8 <= len(data)
        return "" if whole else _cut("WebP")
    if data.startswith(b"BM") and len(data) >= 6:
        return "" if int.from_bytes(data[2:6], "little") <= len(data) else _cut("BMP")
    return ""


def _cut(kind: str) -> str:
    return f"truncated or damaged image ({kind} without its end)"


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[12:16] != b"IHDR":  # the first chunk, always (libpng refuses anything else)
        return None
    width, height = struct.unpack_from(">II", data, 16)
    return width, height


# Start-of-frame markers: the baseline, progressive, lossless and arithmetic-coded ones
# (C4, C8 and CC, between them, are other tables).
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD9)})  # markers without a length


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The frame header's size: segments are walked from the start of the file (a thumbnail
    in the EXIF segment is skipped with it) up to the first frame, before any scan."""
    pos = 2
    while (pos := data.find(b"\xff", pos)) >= 0:  # libjpeg skips stray bytes between segments
        while data[pos] == 0xFF:  # fill bytes
            pos += 1
        marker = data[pos]
        pos += 1
        if marker in _JPEG_STANDALONE:
            continue
        if marker in (0xD9, 0xDA):  # the end or a scan, and no frame before it
            return None
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack_from(">HH", data, pos + 3)
            return width, height
        pos += struct.unpack_from(">H", data, pos)[0]
    return None


def _gif_size(data: bytes) -> tuple[int, int] | None:
    """The logical screen, grown to hold every frame: decoders make room for a frame that
    lies outside the screen the header declares. Damage ends the walk, not the answer: the
    frames before it are decoded all the same."""
    width, height, flags = struct.unpack_from("<HHB", data, 6)
    pos = 13 + _gif_palette(flags)
    try:
        while data[pos] != 0x3B:  # the trailer
            if data[pos] == 0x2C:  # an image: where it goes, its own palette, LZW code size
                left, top, wide, high, flags = struct.unpack_from("<HHHHB", data, pos + 1)
                width, height = max(width, left + wide), max(height, top + high)
                pos += 10 + _gif_palette(flags) + 1
            elif data[pos] == 0x21:  # an extension, and its label
                pos += 2
            else:
                break
            while data[pos]:  # sub-blocks, each led by its length, up to an empty one
                pos += data[pos] + 1
            pos += 1
    except (struct.error, IndexError):
        pass
    return width, height


def _gif_palette(flags: int) -> int:
    """The length of the colour table a GIF header or image descriptor announces."""
    return 3 << ((flags & 7) + 1) if flags & 0x80 else 0


def _webp_size(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":  # lossy: after the frame tag
        width, height = struct.unpack_from("<HH", data, 26)
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and data[20] == 0x2F:  # lossless: 14 bits each, minus one
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X":  # extended (animation, alpha): the canvas, 24 bits each, minus one
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


def _bmp_size(data: bytes, at: int = 14) -> tuple[int, int] | None:
    """From the DIB header at ``at`` (after the 14-byte file header; right at the start of
    an icon's picture). OS/2 headers (12 bytes) hold 16-bit sizes; the rest 32-bit signed."""
    if struct.unpack_from("<I", data, at)[0] == 12:
        width, height = struct.unpack_from("<HH", data, at + 4)
        return width, height
    width, height = struct.unpack_from("<ii", data, at + 4)
    return abs(width), abs(height)


def _ico_size(data: bytes) -> tuple[int, int] | None:
    """The largest picture of an icon file: each is a PNG or a headerless BMP, whatever its
    directory entry claims (that entry holds at most 256)."""
    count = struct.unpack_from("<H", data, 4)[0]
    width = height = 0
    for entry in range(count):
        try:
            offset = struct.unpack_from("<I", data, 6 + 16 * entry + 12)[0]
            if data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n":
                size = _png_size(data[offset : offset + 24]) or (0, 0)
            else:  # the mask below the picture doubles the height it states
                wide, high = _bmp_size(data, offset) or (0, 0)
                size = wide, high // 2
        except (struct.error, IndexError):
            break  # a picture cut off: the decoder stops there too
        width, height = max(width, size[0]), max(height, size[1])
    return width, height


_SIZE_READERS: tuple[tuple[bytes, Callable[[bytes], tuple[int, int] | None]], ...] = (
    (b"\x89PNG\r\n\x1a\n", _png_size),
    (b"\xff\xd8\xff", _jpeg_size),
    (b"GIF8", _gif_size),
    (b"BM", _bmp_size),
    (b"\x00\x00\x01\x00", _ico_size),
)


class ImageStore:
    """Content-addressed files under ``root``: ``ab/abcdef....jpg``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def save(self, data: bytes) -> tuple[str, str, str]:
        """Store image bytes: (sha256, relative path, mime). ValueError if not an image."""
        kind = sniff_image(data)
        if kind is None:
            raise ValueError("not an image (unrecognised or unsupported format)")
        problem = image_problem(data)
        if problem:  # a download cut short would show as a broken picture
            raise ValueError(problem)
        mime, suffix = kind
        digest = hashlib.sha256(data).hexdigest()
        relative = f"{digest[:2]}/{digest}{suffix}"
        target = self.root / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return digest, relative, mime

    def path(self, relative: str) -> Path:
        return self.root / relative
