"""What the reader typed in the search box, as a safe SQLite FTS5 query.

Pure functions, no database. The syntax is the one of web search engines:

- words: every one must occur (``banjir jakarta``); a word ending in ``*`` is a prefix
  (``pemilu*`` finds "pemilu" and "pemilukada"; at least three letters before the star);
- ``"a phrase"``: the words in that order (an unclosed quote runs to the end of the text);
- ``-word`` or ``-"a phrase"``, and ``NOT word``: articles with it are left out;
- ``OR`` (upper case) between two terms: either will do; ``AND`` is the default and ignored.

Every term is sent to FTS5 as a quoted string, so no input can be an FTS5 syntax error:
quotes, brackets, ``:``, ``^``, lone operators and stray ``*`` are either part of a term's
words (where the tokenizer drops them as separators) or ignored. A text without anything to
look for (empty, only punctuation, only exclusions) gives no query: the search shows nothing.

Matching folds case and diacritics ("cafe" finds "café"): the index uses FTS5's
``unicode61 remove_diacritics 2`` tokenizer, and ``highlight_spans`` folds the same way so the
article pane marks what the index matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# A quoted phrase (maybe negated, maybe unclosed), else a run of anything but space and quote.
_LEXEME = re.compile(r'(-?)"([^"]*)"?(\*?)|([^\s"]+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# FTS5 answers a prefix by merging the posting lists of every word starting with it: "ja*"
# costs ~150 ms at 200,000 articles. A prefix index would make it cheap but nearly double the
# index and slow every refresh; a two-letter prefix is not worth that.
_MIN_PREFIX = 3


@dataclass(frozen=True)
class Term:
    """One thing to look for: a word or a phrase; ``prefix``: its last word may go on."""

    text: str
    prefix: bool = False

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted

    def highlight(self) -> str:
        return self.text + "*" if self.prefix else self.text


@dataclass(frozen=True)
class ParsedQuery:
    """``groups``: all must match, each by any of its terms; ``excluded``: none may match."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.groups

    def fts(self) -> str | None:
        """The FTS5 MATCH expression; None when there is nothing to look for."""
        if not self.groups:
            return None
        parts = [_alternatives(group) for group in self.groups]
        expression = " AND ".join(parts)
        if self.excluded:
            expression = f"({expression}) NOT {_alternatives(self.excluded)}"
        return expression

    def terms(self) -> list[str]:
        """The words and phrases to mark in the article (prefixes end in ``*``), once each."""
        seen: dict[str, None] = {}
        for group in self.groups:
            for term in group:
                seen.setdefault(term.highlight(), None)
        return list(seen)


def _alternatives(terms: Sequence[Term]) -> str:
    if len(terms) == 1:
        return terms[0].fts()
    return "(" + " OR ".join(term.fts() for term in terms) + ")"


def _has_token(text: str) -> bool:
    """Would the tokenizer find a word in ``text``? (unicode61: letters and digits.)"""
    return any(ch.isalnum() for ch in text)


def _word_term(word: str) -> Term | None:
    prefix = word.endswith("*")
    text = word.rstrip("*")
    # A star inside a word is no FTS5 operator within quotes: the tokenizer splits there.
    if not _has_token(text):
        return None
    if prefix and sum(ch.isalnum() for ch in text) < _MIN_PREFIX:
        prefix = False
    return Term(text, prefix)


def parse(text: str) -> ParsedQuery:
    """Read the search box; never raises."""
    # FTS5 reads its query as a C string: a NUL would cut a quoted term short (a syntax
    # error). Control characters are no words anyway.
    text = _CONTROL.sub(" ", text)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = pending_not = False
    for match in _LEXEME.finditer(text):
        minus, phrase, star, word = match.groups()
        negated = pending_not
        pending_not = False
        if word is not None:
            if word in ("OR", "AND", "NOT"):
                pending_or = word == "OR" and bool(groups)
                pending_not = word == "NOT"
                continue
            if word.startswith("-") and len(word) > 1:
                negated, word = True, word[1:]
            term = _word_term(word.lstrip("-"))
        else:
            negated = negated or bool(minus)
            term = _word_term(" ".join(phrase.split()) + star) if _has_token(phrase) else None
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))


def to_fts(text: str) -> str | None:
    """The FTS5 MATCH expression for what the reader typed; None if nothing to look for."""
    return parse(text).fts()


def search_terms(text: str) -> list[str]:
    """The words and phrases of a search to highlight; a prefix term ends in ``*``."""
    return parse(text).terms()


# -- highlighting -----------------------------------------------------------------------------


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased without diacritics, and for each of its characters the index of
    the character of ``text`` it came from (folding may change the length: "İ" -> "i")."""
    out: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        if ch.isascii():
            out.append(ch.lower())
            where.append(index)
            continue
        for part in unicodedata.normalize("NFD", ch):
            if unicodedata.category(part) == "Mn":  # a combining mark: the diacritic
                continue
            for lowered in part.lower():
                out.append(lowered)
                where.append(index)
    return "".join(out), where


def _pattern(term: str) -> str | None:
    prefix = term.endswith("*")
    words = re.findall(r"[^\W_]+", fold(term.rstrip("*"))[0])
    if not words:
        return None
    body = r"[\W_]+".join(re.escape(w) for w in words)
    return r"(?<![^\W_])" + body + (r"[^\W_]*" if prefix else r"(?![^\W_])")


def highlight_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the terms of a search (as ``search_terms`` gives them) occur in ``text``:
    sorted, non-overlapping (start, end) character ranges of ``text``. Case and diacritics
    are folded as the index folds them, so "cafe" marks "Café"."""
    # Longest first: at one place "banjir bandang" wins over "banjir" (alternation takes the
    # first alternative that matches).
    ordered = sorted(terms, key=lambda t: len(fold(t)[0]), reverse=True)
    patterns = [p for p in (_pattern(t) for t in ordered) if p]
    if not patterns or not text:
        return []
    folded, where = fold(text)
    regex = re.compile("|".join(f"(?:{p})" for p in patterns))
    spans: list[tuple[int, int]] = []
    for match in regex.finditer(folded):
        if match.end() == match.start():
            continue
        start, end = where[match.start()], where[match.end() - 1] + 1
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    return spans


def matches(text: str, query: str) -> bool:
    """Would the search ``query`` find ``text``? In memory, with the index's folding and the
    same syntax (for fakes, and for filtering a handful of rows without the database)."""
    parsed = parse(query)
    if parsed.empty:
        return False

    def found(term: Term) -> bool:
        return bool(highlight_spans(text, [term.highlight()]))

    if any(found(term) for term in parsed.excluded):
        return False
    return all(any(found(term) for term in group) for group in parsed.groups)
