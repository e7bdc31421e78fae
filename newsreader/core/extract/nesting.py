"""Hostile nesting flattened before any parser sees it.

``"<div>" * 100_000 + "text"`` costs time quadratic in the depth in nh3 (html5ever looks
through its stack of open elements at every tag) and in QTextBrowser, and libxml2 stops at 256
levels and drops everything after, the text included. ``limit_depth`` is one linear pass over
the markup that removes the tags nested deeper than a limit and keeps everything between them,
so every parser downstream sees a shallow fragment that still holds all its words.

The pass tokenizes as HTML does (a quoted attribute value may hold ">", comments and the
raw-text elements such as <script> hold no tags) and counts depth as libxml2 builds its tree,
the parser every sanitizing path goes through: a start tag closes the open elements its table
says it ends (a new <p> ends an open <p> or <b>), and an end tag closes everything above its
element unless an element of higher rank is in the way (</span> does not close a <div>). The
count follows what is kept, which is all libxml2 will see, so the tree it builds stays within
the limit; misnested markup may lose some structure beyond the limit, never its text.

html5ever (nh3) builds differently (it adds the <tbody> a table left out, reopens formatting
elements a paragraph closed), so nh3 is only given what libxml2 parsed and serialized, or
fragments with fewer tags than the limit (``sanitize.sanitize_html``).
"""

from __future__ import annotations

import functools
import re

# Fragments (feed content, article bodies) reach the article pane, whose layout is quadratic
# in depth; real articles nest a dozen levels, tables in lists perhaps thirty.
MAX_DEPTH = 64
# Whole pages nest deeper (layout wrappers); libxml2 gives up at 256 levels counting <html>,
# <body> and elements it adds itself, so pages are cut well below that.
MAX_PAGE_DEPTH = 160

_SPACE = "\t\n\f\r "
# One start or end tag's attributes as the HTML tokenizer reads them: a quote opens a value only
# right after "=", an unquoted value may hold "/", and a quote left open runs to the end. Atomic
# and possessive, so a broken tag costs one pass over it.
_ATTRIBUTES = (
    rf"(?>[{_SPACE}]+|/(?!>)|[^{_SPACE}/>][^{_SPACE}/=>]*"
    rf"(?:[{_SPACE}]*=[{_SPACE}]*(?:\"[^\"]*\"?|'[^']*'?|[^{_SPACE}>]*))?)*+"
)
_TOKEN = re.compile(
    r"<(?:!--(?:-?>|.*?--!?>|.*)"  # a comment, to the end of the text when left open
    r"|[!?][^>]*>?"  # doctype, CDATA, processing instruction: read as a comment to ">"
    rf"|/(?:(?P<end>[a-z][^{_SPACE}/>]*){_ATTRIBUTES}/?>?|[^>]*>?)"  # end tag ("</3" a comment)
    rf"|(?P<start>[a-z][^{_SPACE}/>]*){_ATTRIBUTES}(?P<empty>/)?(?P<gt>>)?)",
    re.IGNORECASE | re.DOTALL | re.ASCII,
)
# Elements whose content libxml2 reads as text up to their own end tag.
_RAW_TEXT = frozenset(
    "script style iframe noembed noframes textarea title xmp plaintext".split()  # noqa: SIM905
)
# Elements that hold nothing (libxml2 closes them at once).
_VOID = frozenset(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param "  # noqa: SIM905
    "source track wbr image".split()
)
# The document's own wrappers: the parser merges them into those it made already.
_WRAPPERS = frozenset({"html", "head", "body"})

# libxml2's table of start tags that end the element open before them: old element -> the new
# tags that close it. Applied to the innermost element, repeatedly, as libxml2 does.
_ENDED_BY = {
    "a": "a fieldset table td th",
    "address": "dd dl dt form li ul",
    "b": "center p td th",
    "big": "p",
    "caption": "col colgroup tbody tfoot thead tr",
    "col": "col colgroup tbody tfoot thead tr",
    "colgroup": "colgroup tbody tfoot thead tr",
    "dd": "dt",
    "dir": "dd dl dt form ul",
    "dl": "form li",
    "dt": "dd dl",
    "font": "center td th",
    "form": "form",
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "fieldset form li p table"),
    "i": "center p td th",
    "legend": "fieldset",
    "li": "li",
    "listing": "dd dl dt fieldset form li table ul",
    "menu": "dd dl dt form ul",
    "ol": "form",
    "option": "optgroup option",
    "p": "address blockquote caption center col colgroup dd dir div dl dt fieldset form "
    "frameset h1 h2 h3 h4 h5 h6 hr li listing menu ol p pre table tbody td tfoot th title tr "
    "ul xmp",
    "pre": "dd dl dt fieldset form li table ul",
    "s": "p",
    "script": "noscript",
    "small": "p",
    "span": "td th",
    "strike": "p",
    "tbody": "tbody tfoot",
    "td": "tbody td tfoot th tr",
    "tfoot": "tbody",
    "th": "tbody td tfoot th tr",
    "thead": "tbody tfoot",
    "tr": "tbody tfoot tr",
    "tt": "p",
    "u": "p td th",
    "ul": "address form menu pre",
    "xmp": "dd dl dt fieldset form li table ul",
}
_ENDS: dict[str, frozenset[str]] = {}
for _old, _news in _ENDED_BY.items():
    for _new in _news.split():
        _ENDS[_new] = _ENDS.get(_new, frozenset()) | {_old}

# Start tags that do more than open one more level.
_NOT_PLAIN = frozenset(_ENDS) | _VOID | _RAW_TEXT | _WRAPPERS

# An end tag closes elements of its own rank or lower only (libxml2's end priorities).
_RANK = {"div": 150, "td": 160, "th": 160, "tr": 170}
_RANK |= {"thead": 180, "tbody": 180, "tfoot": 180, "table": 190}
_OUTRANKING = {
    rank: tuple(name for name, other in _RANK.items() if other > rank)
    for rank in {100, *_RANK.values()}
}


def limit_depth(markup: str, max_depth: int = MAX_DEPTH) -> str:
    """``markup`` without the tags nested deeper than ``max_depth``; all text is kept.

    Linear in the length of the markup. Fewer tags than the limit cannot nest deeper, so most
    fragments are returned unchanged after one count.
    """
    if markup.count("<") <= max_depth:
        return markup
    return _Flattener(markup, max_depth).run()


class _Stack:
    """Open elements, innermost last, with the places of each name for constant-time lookups."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.where: dict[str, list[int]] = {}

    def holds(self, name: str) -> bool:
        return bool(self.where.get(name))

    def push(self, name: str) -> None:
        self.where.setdefault(name, []).append(len(self.names))
        self.names.append(name)

    def pop_to(self, size: int) -> None:
        while len(self.names) > size:
            self.where[self.names.pop()].pop()

    def ended_by(self, name: str) -> int:
        """How many elements a start tag ``name`` closes (innermost first, while each is
        one the tag ends)."""
        ends, names = _ENDS.get(name), self.names
        count = 0
        if ends:
            while count < len(names) and names[-1 - count] in ends:
                count += 1
        return count

    def end_place(self, name: str) -> int | None:
        """Where the element an end tag ``name`` closes is, or None: not open, or an element
        of higher rank is open inside it."""
        places = self.where.get(name)
        if not places:
            return None
        place = places[-1]
        if place == len(self.names) - 1:
            return place  # the innermost: nothing can be in the way
        for outranking in _OUTRANKING[_RANK.get(name, 100)]:
            inner = self.where.get(outranking)
            if inner and inner[-1] > place:
                return None
        return place


class _Flattener:
    """One pass of ``limit_depth``.

    ``kept`` follows libxml2 exactly over what is kept of the markup, which is all the parser
    will see; so it never holds more than ``max_depth`` elements. ``dropped`` holds the
    elements opened beyond that, whose tags are cut; it only decides which end tags are theirs.
    """

    def __init__(self, markup: str, max_depth: int) -> None:
        self.markup = markup
        self.max_depth = max_depth
        self.kept = _Stack()
        self.dropped = _Stack()
        self.out: list[str] = []
        self.copied = 0  # markup[:copied] is decided: in self.out, or cut
        self.wrappers_seen: set[str] = set()

    def run(self) -> str:
        markup, pos, search = self.markup, 0, _TOKEN.search
        dropped = self.dropped.names
        while (token := search(markup, pos)) is not None:
            pos = token.end()
            start, end = token.group("start", "end")
            if start is not None:
                if token["gt"] is None:
                    break  # a tag cut off by the end of the text: every parser drops it
                name = start.lower()
                if dropped and name not in _NOT_PLAIN and not token["empty"]:
                    self.dropped.push(name)  # deep inside the dropped: the usual case, quickly
                    self._cut(token.start(), pos)
                    continue
                void = name in _VOID
                holds = not (void or token["empty"])  # libxml2 closes "<div/>" at once
                if name in _WRAPPERS:
                    keep = self._wrapper(name, False)
                else:
                    keep = self._open(name, holds, void)
                if name in _RAW_TEXT and holds:
                    pos = _raw_end(name, markup, pos)
                if not keep:  # a raw-text element goes with its content: without its tag
                    self._cut(token.start(), pos)  # the content would be read as markup
            elif end is not None:
                if not token.group().endswith(">"):
                    break
                name = end.lower()
                if dropped and dropped[-1] == name:
                    self.dropped.pop_to(len(dropped) - 1)  # the innermost dropped, quickly
                    keep = False
                else:
                    keep = self._wrapper(name, True) if name in _WRAPPERS else self._close(name)
                if not keep:
                    self._cut(token.start(), pos)
        self.out.append(markup[self.copied :])
        return "".join(self.out)

    def _wrapper(self, name: str, end: bool) -> bool:
        """<html>, <head>, <body> and their end tags: True to keep it.

        libxml2 closes everything at </body> or </html> and then puts what follows beside the
        body, or drops it, while a second <body> makes it ignore a later end tag: the count
        would have to follow all that. Only the first start tag of each is kept (with its
        attributes), and </head>, which closes no more than the head.
        """
        if end:
            return name == "head"
        first = name not in self.wrappers_seen
        self.wrappers_seen.add(name)
        return first

    def _open(self, name: str, holds: bool, void: bool) -> bool:
        """A start tag: True to keep it. ``holds``: it stays open (not "<br>" nor "<div/>");
        ``void``: it never holds anything, so it adds no level."""
        dropped = self.dropped
        if dropped.names:
            dropped.pop_to(len(dropped.names) - dropped.ended_by(name))
            if dropped.names and not void:
                if holds:
                    dropped.push(name)
                return False
        remaining = len(self.kept.names) - self.kept.ended_by(name)
        if not void and remaining >= self.max_depth:
            if holds:
                dropped.push(name)
            return False
        self.kept.pop_to(remaining)
        if holds:
            self.kept.push(name)
        return True

    def _close(self, name: str) -> bool:
        """An end tag: True to keep it. One that ends a dropped element goes with it; any other
        is kept (the parser ignores it when nothing it could close is open)."""
        if self.dropped.holds(name):
            place = self.dropped.end_place(name)
            if place is not None:
                self.dropped.pop_to(place)
            return False
        place = self.kept.end_place(name)
        if place is not None:
            self.kept.pop_to(place)
        return True

    def _cut(self, start: int, end: int) -> None:
        """Drop ``markup[start:end]``. A "<" just before it is written "&lt;" so that it cannot
        join the text after the cut into a new tag ("<" + "<div>" + "b>" is not "<b>")."""
        if start > self.copied:
            before = self.markup[self.copied : start]
            if before.endswith("<"):
                before = before[:-1] + "&lt;"
            self.out.append(before)
        self.copied = max(self.copied, end)


def _raw_end(name: str, markup: str, pos: int) -> int:
    """Where the raw text of a ``name`` element opened before ``pos`` ends (its end tag)."""
    found = _raw_end_tag(name).search(markup, pos)
    return found.start() if found is not None else len(markup)


@functools.cache
def _raw_end_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}[{_SPACE}/>]", re.IGNORECASE | re.ASCII)
