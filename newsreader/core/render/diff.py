"""A readable diff of two article texts, as sanitized HTML (story updates).

Texts are compared paragraph by paragraph (paragraphs are separated by blank lines, as
``sanitize.html_to_text`` writes them); inside a changed paragraph the words are compared, so
a corrected figure shows as one struck-out word and one inserted word, not as two whole
paragraphs. Removed text is wrapped in ``<del>``, added text in ``<ins>`` (QTextBrowser draws
``<del>`` struck through; the pane styles both). Qt-free.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from html import escape

import nh3

# Two paragraphs less alike than this are shown as one removed and one added paragraph:
# a word-level diff of unrelated sentences is noise.
_SIMILAR = 0.4
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SKIPPED = "<p>…</p>"


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text, whitespace-collapsed, empty ones dropped."""
    found = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text or ""))
    return [p for p in found if p]


def normalise(text: str) -> str:
    """The text as compared for "did it change": paragraphs with collapsed whitespace."""
    return "\n\n".join(paragraphs(text))


def diff_html(old: str, new: str, *, context: int | None = 1) -> str:
    """HTML showing how ``new`` differs from ``old``.

    Args:
        old: the earlier text; new: the current text.
        context: unchanged paragraphs kept around each change; a longer unchanged run is
            shown as "…". None keeps every paragraph.

    Returns:
        ``<p>`` paragraphs with ``<ins>``/``<del>`` marks; empty when the texts are equal.
    """
    before, after = paragraphs(old), paragraphs(new)
    if before == after:
        return ""
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    out: list[str] = []
    opcodes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            out.extend(_unchanged(after[j1:j2], index, len(opcodes), context))
        elif op == "delete":
            out.extend(_whole("del", p) for p in before[i1:i2])
        elif op == "insert":
            out.extend(_whole("ins", p) for p in after[j1:j2])
        else:
            out.extend(_replaced(before[i1:i2], after[j1:j2]))
    return _clean("".join(out))


def _unchanged(run: list[str], index: int, count: int, context: int | None) -> list[str]:
    """An unchanged run, cut to ``context`` paragraphs next to the changes around it."""
    shown = [f"<p>{escape(p)}</p>" for p in run]
    if context is None:
        return shown
    keep_head = context if index > 0 else 0  # a change comes before this run
    keep_tail = context if index < count - 1 else 0  # and one after it
    if len(run) <= keep_head + keep_tail:
        return shown
    head = shown[:keep_head]
    tail = shown[len(shown) - keep_tail :] if keep_tail else []
    return [*head, _SKIPPED, *tail]


def _whole(tag: str, paragraph: str) -> str:
    return f"<p><{tag}>{escape(paragraph)}</{tag}></p>"


def _replaced(before: list[str], after: list[str]) -> list[str]:
    """Changed paragraphs: pairs in order are diffed word by word when alike enough."""
    out: list[str] = []
    for k in range(max(len(before), len(after))):
        old = before[k] if k < len(before) else None
        new = after[k] if k < len(after) else None
        if old is None:
            out.append(_whole("ins", new or ""))
        elif new is None:
            out.append(_whole("del", old))
        else:
            words = _word_diff(old, new)
            out.extend(words if len(words) == 1 else [_whole("del", old), _whole("ins", new)])
    return out


def _word_diff(old: str, new: str) -> list[str]:
    """One paragraph with word marks, or [] when the two are too unlike to pair."""
    a, b = old.split(), new.split()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < _SIMILAR:
        return []
    parts: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
        if op == "equal":
            parts.append(escape(" ".join(b[j1:j2])))
    return [f"<p>{' '.join(parts)}</p>"]


def _clean(markup: str) -> str:
    # Every piece of text was escaped above; the allow-list is a second line of defence.
    return nh3.clean(markup, tags={"p", "ins", "del"}, attributes={}, strip_comments=True)
