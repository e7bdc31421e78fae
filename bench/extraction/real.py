"""Extraction on real pages: ours, trafilatura and readability-lxml, same pages, same scoring.

    .venv/bin/python bench/extraction/real.py [--corpus ../shared/corpora/fundus] [--worst 20]
                                              [--json scores.json]

The corpus is fundus's test pages (``truth.json`` maps an id to its gzipped page, url,
publisher, title, authors, published and body); it is read where it lies and never copied
into the repository, the texts belong to their publishers. Every page is extracted in process
by ``extract_article`` (the bundled rules, the page's url), by ``trafilatura.extract`` (comments
off) and by ``readability.Document(page).summary()`` turned into text, each given the page's
bytes to decode as it would a download.

Scoring is the article-extraction-benchmark's: lowercased ``\\w+`` words, multisets of 4-word
shingles, per-page precision and recall; the corpus P is the mean precision over the pages
where the system returned text (an empty output has no precision, it costs recall), R the mean
recall over all pages, and F1 is computed from those two means. For ours the metadata is also
checked: the title exactly (whitespace normalised), the author (any expected name inside ours,
case-insensitive) and the date (same day; same minute where the truth has a time of day).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.common import machine

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "fundus"
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
# Elements after which readability's HTML reads as a new line: without the break, the last
# word of one paragraph and the first of the next would run together into one token.
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
     "table", "tr", "td", "th", "section", "article", "figure", "figcaption", "header", "footer",
     "dd", "dt"}
)  # fmt: skip


@dataclass
class Page:
    id: str
    publisher: str
    url: str
    raw: bytes
    truth: dict[str, Any]


@dataclass
class Result:
    """One system's output on one page: its shingle counts and what it took."""

    tp: int
    fp: int
    fn: int
    ms: float
    error: str = ""
    meta: dict[str, bool | None] = field(default_factory=dict)

    @property
    def precision(self) -> float | None:
        """None when the system returned no text (no precision to speak of)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words)


def compare(predicted: str, truth: str, ms: float) -> Result:
    got, want = shingles(predicted), shingles(truth)
    tp = sum((got & want).values())
    return Result(tp, sum(got.values()) - tp, sum(want.values()) - tp, ms)


def load(corpus: Path) -> list[Page]:
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    return [
        Page(
            key,
            item["publisher"],
            item["url"],
            gzip.decompress((corpus / item["file"]).read_bytes()),
            item,
        )
        for key, item in sorted(truth.items())
    ]


# --- the systems: each takes (page bytes, url), returns (text, the article or None) ---------


def ours() -> Callable[[bytes, str], tuple[str, Any]]:
    from newsreader.core.extract.article import extract_article
    from newsreader.core.extract.site_rules import load_rules

    rules = load_rules()

    def run(raw: bytes, url: str) -> tuple[str, Any]:
        art = extract_article(raw, url, rules=rules)
        return art.text, art

    return run


def trafilatura_text(raw: bytes, url: str) -> tuple[str, Any]:
    import trafilatura

    return trafilatura.extract(raw, url=url, include_comments=False) or "", None


def readability_text(raw: bytes, url: str) -> tuple[str, Any]:
    import readability
    from lxml import html

    summary = readability.Document(raw, url=url).summary()
    root = html.fromstring(summary)
    for el in root.iter():
        if el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return root.text_content(), None


# --- the metadata of ours --------------------------------------------------------------------


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _same_date(ours_: datetime, truth: datetime) -> tuple[bool, bool]:
    """(same day, same minute) with the truth's clock: its zone when it has one, else the
    wall time the page showed (ours in its own zone)."""
    if truth.tzinfo is not None and ours_.tzinfo is not None:
        ours_ = ours_.astimezone(truth.tzinfo)
    mine, theirs = ours_.replace(tzinfo=None), truth.replace(tzinfo=None)
    minute = mine.replace(second=0, microsecond=0) == theirs.replace(second=0, microsecond=0)
    return mine.date() == theirs.date(), minute


def metadata(art: Any, truth: dict[str, Any]) -> dict[str, bool | None]:
    """Title exact, author found, date day and minute; None where the truth has no value.
    No article (the extractor raised) misses them all."""
    title = art.title if art is not None else ""
    found: dict[str, bool | None] = {"title": _norm(title) == _norm(truth["title"])}
    author = (art.author if art is not None else "").lower()
    names = [a for a in truth["authors"] if a.strip()]
    found["author"] = any(a.lower() in author for a in names) if names else None
    found["day"] = found["minute"] = None
    if truth["published"]:
        when = datetime.fromisoformat(truth["published"])
        published = art.published if art is not None else None
        day, minute = _same_date(published, when) if published else (False, False)
        found["day"] = day
        if when.time() != datetime.min.time():
            found["minute"] = minute
    return found


# --- running and reporting -------------------------------------------------------------------


def run_system(
    fn: Callable[[bytes, str], tuple[str, Any]], pages: list[Page], with_meta: bool
) -> dict[str, Result]:
    fn(pages[0].raw, pages[0].url)  # warm-up: imports and caches outside the timings
    results = {}
    for page in pages:
        start = time.perf_counter()
        error, text, art = "", "", None
        try:
            text, art = fn(page.raw, page.url)
        except Exception as exc:  # a system's crash on one page is its score there, 0
            error = f"{type(exc).__name__}: {exc}"
        ms = (time.perf_counter() - start) * 1000
        result = compare(text, page.truth["body"], ms)
        result.error = error
        if with_meta:
            result.meta = metadata(art, page.truth)
        results[page.id] = result
    return results


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def corpus_scores(results: dict[str, Result]) -> tuple[float, float, float]:
    """(F1, P, R): P and R are means over pages, F1 is of those means."""
    precisions = [p for r in results.values() if (p := r.precision) is not None]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(r.recall for r in results.values())
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def _count(results: dict[str, Result], key: str) -> str:
    values = [r.meta.get(key) for r in results.values()]
    applicable = [v for v in values if v is not None]
    return f"{sum(applicable)}/{len(applicable)}" if applicable else "-"


def table(systems: dict[str, dict[str, Result]]) -> list[str]:
    head = (
        f"{'system':<22} {'F1':>6} {'P':>6} {'R':>6} {'empty':>5} {'errors':>6} {'title':>8} "
        f"{'author':>8} {'date day':>8} {'minute':>8} {'med ms':>7} {'p90 ms':>7}"
    )
    lines = [head]
    for name, results in systems.items():
        f1, precision, recall = corpus_scores(results)
        empty = sum(r.precision is None for r in results.values())
        errors = sum(bool(r.error) for r in results.values())
        times = [r.ms for r in results.values()]
        lines.append(
            f"{name:<22} {f1:>6.3f} {precision:>6.3f} {recall:>6.3f} {empty:>5} {errors:>6} "
            f"{_count(results, 'title'):>8} {_count(results, 'author'):>8} "
            f"{_count(results, 'day'):>8} {_count(results, 'minute'):>8} "
            f"{statistics.median(times):>7.1f} {p90(times):>7.1f}"
        )
    return lines


def worst(
    pages: list[Page], mine: dict[str, Result], other: dict[str, Result], n: int
) -> list[str]:
    publisher = {page.id: page.publisher for page in pages}
    lines = [f"The {n} worst pages of ours (F1 ours, trafilatura's F1; P/R ours)"]
    for key in sorted(mine, key=lambda k: (mine[k].f1, k))[:n]:
        m = mine[key]
        p = f"{m.precision:.3f}" if m.precision is not None else "  -  "
        error = f"  [{m.error}]" if m.error else ""
        lines.append(
            f"  {key:<36} {publisher[key]:<22} {m.f1:.3f}  {other[key].f1:.3f}"
            f"   P {p} R {m.recall:.3f}{error}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--worst", type=int, default=20)
    parser.add_argument("--json", type=Path, help="write the per-page scores here")
    args = parser.parse_args(argv)
    pages = load(args.corpus)
    import trafilatura

    from newsreader.core.extract.body import quiet_trafilatura

    quiet_trafilatura()  # its "discarding data" warnings are results here, not news
    systems = {
        "newsreader": run_system(ours(), pages, with_meta=True),
        f"trafilatura {trafilatura.__version__}": run_system(trafilatura_text, pages, False),
        f"readability-lxml {_version('readability-lxml')}": run_system(
            readability_text, pages, False
        ),
    }
    mine, other = systems["newsreader"], next(v for k, v in systems.items() if "trafil" in k)
    losses = sum(mine[k].f1 < 0.3 and other[k].f1 >= 0.8 for k in mine)
    out = [
        f"Machine: {machine()}",
        f"Corpus: {args.corpus} ({len(pages)} pages, "
        f"{len({p.publisher for p in pages})} publishers)",
        *table(systems),
        "",
        *worst(pages, mine, other, args.worst),
        "",
        f"Pages where ours < 0.3 while trafilatura >= 0.8: {losses}",
    ]
    print("\n".join(out))
    if args.json:
        data = {
            name: {key: {**vars(r), "f1": r.f1} for key, r in results.items()}
            for name, results in systems.items()
        }
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
