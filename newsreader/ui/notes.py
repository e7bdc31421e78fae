"""Translating the core's extraction notes for the article pane's info line.

The core writes its notes in English ("site rule elshinta: body not found; generic: body too
short (80 characters)", "page could not be fetched: HTTP 404 Not Found"): they are stored
with the article and shown by ``newsreader show --json``. The pane translates the phrases it
knows, part by part; anything else (a server's own reason phrase, say) is shown as stored.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "ExtractionNote"

# (pattern, message, which groups are notes themselves and are translated in turn)
# QT_TRANSLATE_NOOP marks the message for lupdate; its stub returns ``object``.
_PHRASES: tuple[tuple[re.Pattern[str], object, tuple[bool, ...]], ...] = (
    (re.compile(r"site rule (\S+): (.+)"),
     QT_TRANSLATE_NOOP("ExtractionNote", "site rule %1: %2"), (False, True)),
    (re.compile(r"generic: (.+)"),
     QT_TRANSLATE_NOOP("ExtractionNote", "generic reader: %1"), (True,)),
    (re.compile(r"page could not be fetched: (.+)"),
     QT_TRANSLATE_NOOP("ExtractionNote", "page could not be fetched: %1"), (True,)),
    (re.compile(r"title not found"), QT_TRANSLATE_NOOP("ExtractionNote", "title not found"), ()),
    (re.compile(r"body not found"), QT_TRANSLATE_NOOP("ExtractionNote", "body not found"), ()),
    (re.compile(r"date not found"), QT_TRANSLATE_NOOP("ExtractionNote", "date not found"), ()),
    (re.compile(r"no article body found"),
     QT_TRANSLATE_NOOP("ExtractionNote", "no article body found"), ()),
    (re.compile(r"body too short \((\d+) characters\)"),
     QT_TRANSLATE_NOOP("ExtractionNote", "body too short (%1 characters)"), (False,)),
    (re.compile(r"the page is empty or not HTML"),
     QT_TRANSLATE_NOOP("ExtractionNote", "the page is empty or not HTML"), ()),
    (re.compile(r"the feed has no summary"),
     QT_TRANSLATE_NOOP("ExtractionNote", "the feed has no summary"), ()),
    (re.compile(r"connection timed out after (\S+) s"),
     QT_TRANSLATE_NOOP("ExtractionNote", "connection timed out after %1 s"), (False,)),
    (re.compile(r"timed out after (\S+) s"),
     QT_TRANSLATE_NOOP("ExtractionNote", "timed out after %1 s"), (False,)),
    (re.compile(r"host not found"), QT_TRANSLATE_NOOP("ExtractionNote", "host not found"), ()),
    (re.compile(r"connection refused"),
     QT_TRANSLATE_NOOP("ExtractionNote", "connection refused"), ()),
)  # fmt: skip


def translate_note(note: str) -> str:
    """The note in the interface language; unknown parts stay as they are."""
    return "; ".join(_translate_part(part.strip()) for part in note.split(";") if part.strip())


def _translate_part(text: str) -> str:
    for pattern, message, nested in _PHRASES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        result = QCoreApplication.translate(_CONTEXT, str(message))
        # Replace from the highest placeholder down, so "%1" never eats the start of "%10".
        for number in range(len(nested), 0, -1):
            value = match.group(number)
            result = result.replace(
                f"%{number}", _translate_part(value) if nested[number - 1] else value
            )
        return result
    return text
