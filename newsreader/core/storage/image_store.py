"""The offline image store: files named by the SHA-256 of their bytes, one copy per image."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 8 * 1024 * 1024

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
    """Why stored image bytes would not display ("" when they look whole).

    ``images.sniff_image`` recognises a format by its first bytes; a download cut short (a
    truncated JPEG) passes that test but shows as a broken picture. Each format's end marker
    tells: an image without it is refused like any non-image, so the pane shows its alt text.
    """
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
