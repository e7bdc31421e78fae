"""File names made from article titles, safe on every desktop file system.

A title comes from a web page: it may hold path separators, ``..``, control characters, bidi
overrides that disguise an extension, Windows' reserved device names, or run for a paragraph.
``safe_filename`` turns it into one harmless path component; ``UniqueNames`` keeps the names of
one export from clashing, also on case-insensitive file systems (Windows, macOS).
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 100
# Well under the 255-byte limit of ext4/NTFS/APFS, leaving room for "-NN" and temp prefixes.
MAX_BYTES = 200
FALLBACK = "artikel"

# Reserved by Windows whatever the extension ("con.md" opens the console device).
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{dev}{n}" for dev in ("com", "lpt") for n in [*"123456789", "¹", "²", "³"]]
)
# Not allowed in Windows names; "/" and "\" separate paths everywhere.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")


def safe_filename(
    title: str, suffix: str = "", *, max_chars: int = MAX_CHARS, fallback: str = FALLBACK
) -> str:
    """One path component for ``title`` ending in ``suffix`` (e.g. ``".md"``).

    NFC-normalised; separators and characters Windows forbids become spaces; control and
    format characters (bidi overrides, zero-width) are dropped; leading and trailing dots and
    spaces are removed (no hidden files, no ``..``); reserved device names get a ``_``; the
    result is at most ``max_chars`` characters and ``MAX_BYTES`` UTF-8 bytes, suffix included.
    """
    text = unicodedata.normalize("NFC", title)
    text = "".join(" " if _is_separator(ch) else ch for ch in text if _is_kept(ch))
    text = _FORBIDDEN.sub(" ", text)
    stem = _trim(_SPACES.sub(" ", text))
    budget = max(1, max_chars - len(suffix))
    stem = _trim(_truncate(stem, budget, MAX_BYTES - len(suffix.encode("utf-8"))))
    if not stem:
        stem = fallback
    if stem.split(".")[0].strip().lower() in _RESERVED:
        stem += "_"
    return stem + suffix


def _is_kept(ch: str) -> bool:
    # Cc control, Cf format (bidi overrides, zero-width), Cs surrogates, Co private, Cn unassigned.
    return ch in "\t\n\r" or not unicodedata.category(ch).startswith("C")


def _is_separator(ch: str) -> bool:
    return ch in "\t\n\r" or unicodedata.category(ch) in ("Zl", "Zp")


def _trim(text: str) -> str:
    return text.strip(" .")


def _truncate(text: str, max_chars: int, max_bytes: int) -> str:
    text = text[:max_chars]
    while len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    return text


class UniqueNames:
    """Hands out names that differ from each other: ``a.md``, ``a-2.md``, ``a-3.md``.

    Comparison ignores case, since two names differing in case are one file on Windows and
    macOS. ``taken`` seeds names already present (e.g. files in the target folder).
    """

    def __init__(self, taken: set[str] | None = None) -> None:
        self._taken = {name.casefold() for name in taken or ()}

    def claim(self, title: str, suffix: str = "") -> str:
        """A safe, not yet used name for ``title`` (see ``safe_filename``)."""
        name = safe_filename(title, suffix)
        number = 1
        while name.casefold() in self._taken:
            number += 1
            tag = f"-{number}{suffix}"
            stem = safe_filename(title, tag, max_chars=MAX_CHARS)[: -len(tag)]
            name = stem + tag
        self._taken.add(name.casefold())
        return name
