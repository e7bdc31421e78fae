"""Control characters, kept out of everything an export writes.

A title, author or feed name comes from a web page and may hold C0 and C1 control characters:
a terminal escape (``ESC ] 52`` sets the clipboard of whoever prints the file), a BEL, a NUL.
No export format needs them, HTML and XML forbid most of them, and in Markdown they reach the
terminal of anyone who ``cat``s the file. Tab and the line breaks are whitespace and stay.
Light on purpose: the GUI imports the Markdown escaping, which uses this, at start-up.
"""

from __future__ import annotations

_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)])
for _whitespace in "\t\n\r":
    del _CONTROLS[ord(_whitespace)]


def strip_controls(text: str) -> str:
    """``text`` without C0 and C1 control characters (and DEL), except tab and line breaks."""
    return text.translate(_CONTROLS)
