"""Deciding between two readings of a page's body: ours and trafilatura's.

Our body finder is fast and precise on most pages, but on some it settles on the wrong block
(a teaser list, a comment form, an address footer) while trafilatura finds the story; on
others the reverse. Where the two agree, ours is kept. Where they disagree, the page's own
``articleBody`` (JSON-LD), when it has one, says which is the article; without one,
trafilatura's reading wins, since when they disagree it is right far more often.

Texts are compared as multisets of 4-word shingles (lowercased ``\\w+`` words): word order
counts, markup and whitespace do not.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"\w+")
SHINGLE = 4
# Below this F1 of their shingles, two readings are of different text.
AGREE = 0.5
# An articleBody this short is a teaser, not a reference for the whole text.
MIN_REFERENCE_WORDS = 40


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The 4-word shingles of a text (one shorter shingle for a text under four words)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def overlap(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> float:
    """F1 of the shared shingles of two texts (0 when either is empty)."""
    if not a or not b:
        return 0.0
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def agrees(ours: str, reference: str) -> bool:
    """Does our body tell the same text as a reference (articleBody)? Without a usable
    reference nothing is known, and our body stands."""
    if len(_WORD.findall(reference)) < MIN_REFERENCE_WORDS:
        return True
    return overlap(shingles(ours), shingles(reference)) >= AGREE


def prefer_other(ours: str, other: str, reference: str) -> bool:
    """Should trafilatura's body (``other``) replace ours?

    Args:
        ours: the text of the body our finder chose.
        other: the text of trafilatura's body.
        reference: the page's JSON-LD articleBody ("" when it has none).
    """
    if not other.strip():
        return False
    if not ours.strip():
        return True
    mine, theirs = shingles(ours), shingles(other)
    if overlap(mine, theirs) >= AGREE:
        return False
    if len(_WORD.findall(reference)) >= MIN_REFERENCE_WORDS:
        ref = shingles(reference)
        return overlap(theirs, ref) > overlap(mine, ref)
    return True
