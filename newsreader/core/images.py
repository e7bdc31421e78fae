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
)


def sniff_image(data: bytes) -> tuple[str, str] | None:
    """(MIME type, file suffix) from the bytes themselves, or None if not an image we keep."""
    for magic, mime, suffix in _MAGIC:
        if data.startswith(magic):
            return mime, suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return None


class ImageStore:
    """Content-addressed files under ``root``: ``ab/abcdef....jpg``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def save(self, data: bytes) -> tuple[str, str, str]:
        """Store image bytes: (sha256, relative path, mime). ValueError if not an image."""
        kind = sniff_image(data)
        if kind is None:
            raise ValueError("not an image (unrecognised or unsupported format)")
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
