"""What the command modules share: the handler type they register, and how they write.

A command module has ``register(sub) -> {name: handler}``; a handler is ``(library, args) ->
exit status``. One with ``needs_library = False`` gets None instead of a library, and no
database is opened for it. Errors that are the environment's (``NewsreaderError``) are left to
the front end, which prints them the one way.

Every word printed passes through here (a test holds the command modules to it). Titles,
addresses, article texts and servers' error messages come from outside, and a terminal obeys
the controls in them: ``ESC ] 52`` writes the clipboard, ``ESC ] 0`` the window title, a bidi
override reorders the line. ``safe`` shows those characters instead; ``say`` and ``warn`` apply
it to whole lines as a backstop, and a field of a one-line listing goes through ``safe`` on
its own so that its line breaks cannot forge another line.

Stdlib only, and the core's types only for the type checker: ``newsreader --help`` imports
every command module, so nothing here may be slow to import.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsreader.core import EntrySummary, Library

Handler = Callable[["Library", argparse.Namespace], int]

# The bidi controls (Unicode's Bidi_Control): they reorder what follows them on the line.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BREAKS = "\n\r\t\u2028\u2029"  # kept (as \n and \t) in a text, spaces in a one-line field
_SHOWN = {
    **{c: f"^{chr(c + 64)}" for c in range(0x20)},  # caret notation, as terminals echo them
    0x7F: "^?",
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),  # C1: 0x9b alone is a CSI
    **dict.fromkeys(map(ord, _BIDI), "\ufffd"),
}
_ONE_LINE = _SHOWN | dict.fromkeys(map(ord, _BREAKS), " ")
_MULTILINE = _SHOWN | dict.fromkeys(map(ord, "\n\r\u2028\u2029"), "\n") | {ord("\t"): "\t"}
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
# JSON keeps them, escaped: json.dumps escapes C0 alone, even with ensure_ascii.
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in range(0x7F, 0xA0)} | {
    ord(c): f"\\u{ord(c):04x}" for c in _BIDI + "\u2028\u2029"
}
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")


def safe(text: str, *, multiline: bool = False) -> str:
    """``text`` from outside as a terminal shows it without obeying it.

    C0 controls and DEL become caret notation (ESC is ``^[``), C1 and bidi controls U+FFFD.
    Line breaks and tabs become spaces, unless ``multiline`` (an article's text), which keeps
    them and turns every kind of line break into ``\\n``.
    """
    if not _UNSAFE.search(text):
        return text  # nearly always: one scan, no copy
    if multiline:
        return text.replace("\r\n", "\n").translate(_MULTILINE)
    return text.translate(_ONE_LINE)


def say(text: str = "", *, flush: bool = False) -> None:
    """A line of the output (stdout), its fields made ``safe`` already; the line breaks and
    tabs of the line itself are kept, and any control left is shown, not obeyed."""
    sys.stdout.write(safe(text, multiline=True) + "\n")
    if flush:
        sys.stdout.flush()


def warn(text: str) -> None:
    """A message on stderr, on one line: ``newsreader: text``."""
    sys.stderr.write(f"newsreader: {safe(text)}\n")


def note(text: str) -> None:
    """A remark on stderr without the program's name ("no articles found")."""
    sys.stderr.write(safe(text) + "\n")


def _json_text(value: object, indent: int | None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return text.translate(_JSON_ESCAPES) if _JSON_UNSAFE.search(text) else text


def print_json(value: object) -> None:
    """``--json`` output: indented, non-ASCII as it is but for what a terminal obeys (control
    and bidi characters), which is escaped as JSON allows: it reads back the same."""
    sys.stdout.write(_json_text(value, indent=2) + "\n")


def print_json_line(value: object) -> None:
    """One JSON value on one line (a stream of them: ``extract --json``), escaped alike."""
    sys.stdout.write(_json_text(value, indent=None) + "\n")


class _SafeFormatter(logging.Formatter):
    """Log records quote feeds and servers too ("feed X failed: <the server's reason>")."""

    def format(self, record: logging.LogRecord) -> str:
        return safe(super().format(record), multiline=True)


def log_to_stderr(level: int) -> None:
    """Log records from ``level`` up on stderr, made safe like every other line."""
    handler = logging.StreamHandler()
    handler.setFormatter(_SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


def silence_stdout() -> None:
    """Send stdout nowhere: its reader went away, and exiting must not fail writing again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def summary_dict(entry: EntrySummary, *, feed_title: bool = False) -> dict[str, Any]:
    """An article of a list, as ``articles --json`` prints it.

    Args:
        entry: the article.
        feed_title: add its feed's title as ``feed`` (``search --json``), after ``feed_id``.
    """
    row: dict[str, Any] = {"id": entry.id, "feed_id": entry.feed_id}
    if feed_title:
        row["feed"] = entry.feed_title
    return row | {
        "title": entry.title,
        "url": entry.url,
        "published": entry.published.isoformat() if entry.published else None,
        "read": entry.read,
        "starred": entry.starred,
    }


def summary_line(entry: EntrySummary) -> str:
    """An article of a list as one line: id, star and unread flags, date, title."""
    flags = ("*" if entry.starred else " ") + (" " if entry.read else "N")
    when = f"{entry.published:%Y-%m-%d %H:%M}" if entry.published else " " * 16
    return f"{entry.id:6} {flags} {when}  {safe(entry.title)}"


@contextmanager
def overwrite_hint() -> Iterator[None]:
    """Tell how to overwrite when writing refused a file that exists already."""
    from newsreader.core import ExportError

    try:
        yield
    except ExportError as exc:
        hint = " (add --force to overwrite)" if "already exists" in str(exc) else ""
        raise ExportError(f"{exc}{hint}") from exc
