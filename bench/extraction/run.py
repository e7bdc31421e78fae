"""Extraction benchmark: our generic reader beside trafilatura on the same pages, same run.

    python -m bench.extraction.run [--corpus DIR] [--repeat N] [--worst N] [--json FILE]

Every page of the corpus (``make_corpus`` generates it when missing) is extracted by
``newsreader.core.extract.article.extract_article`` on the generic path (no site rule can help:
``rules=RuleSet([])``) and by ``trafilatura.extract`` (favor_precision off, comments off,
tables on). Each output is scored against the page's true text by the overlap of 4-word
shingles (precision, recall, F1 per page; the scrapinghub article-extraction-benchmark
measure). Times are wall-clock per page, the best of ``--repeat`` runs, after a warm-up.
The demo site's articles are also run with the bundled Elshinta rule (the site-rule path).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import machine

from . import make_corpus

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEMO_SITE = ROOT / "resources" / "demo" / "site"
DEMO_BASE = "http://127.0.0.1:8765"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    ms: float


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def score(predicted: str, truth: str, ms: float) -> Score:
    got, want = shingles(predicted), shingles(truth)
    if not got or not want:
        return Score(0.0, 0.0, 0.0, ms)
    common = sum((got & want).values())
    precision = common / sum(got.values())
    recall = common / sum(want.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return Score(precision, recall, f1, ms)


def timed(fn: Callable[[bytes, str], str], page: bytes, url: str, repeat: int) -> tuple[str, float]:
    """The output of ``fn(page, url)`` and its best wall time in ms over ``repeat`` runs."""
    best = float("inf")
    text = ""
    for _ in range(repeat):
        start = time.perf_counter()
        text = fn(page, url)
        best = min(best, (time.perf_counter() - start) * 1000)
    return text, best


def ours(rules: object) -> Callable[[bytes, str], str]:
    from newsreader.core.extract.article import extract_article

    def run(page: bytes, url: str) -> str:
        return extract_article(page, url, rules=rules).text  # type: ignore[arg-type]

    return run


def theirs(page: bytes, url: str) -> str:
    import trafilatura

    return (
        trafilatura.extract(
            page,
            url=url,
            favor_precision=False,
            include_comments=False,
            include_tables=True,
        )
        or ""
    )


def corpus_pages(corpus: Path) -> list[tuple[str, bytes, str, str]]:
    """(name, page bytes, url, true text) of every page, in name order."""
    pages = []
    for meta_path in sorted(corpus.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        page = meta_path.with_suffix(".html").read_bytes()
        pages.append((meta_path.stem, page, meta["url"], meta["text"]))
    return pages


def demo_pages() -> list[tuple[str, bytes, str, str]]:
    expected = json.loads((ROOT / "resources" / "demo" / "expected.json").read_text("utf-8"))
    pages = []
    for art in expected["articles"]:
        url = art["url"].replace("{{BASE}}", DEMO_BASE)
        path = url.removeprefix(DEMO_BASE).strip("/")
        text = (DEMO_SITE / path / "index.html").read_text(encoding="utf-8")
        page = text.replace("{{BASE}}", DEMO_BASE).encode("utf-8")
        pages.append((f"demo-{art['id']}", page, url, "\n".join(art["paragraphs"])))
    return pages


def run_all(
    pages: list[tuple[str, bytes, str, str]],
    systems: dict[str, Callable[[bytes, str], str]],
    repeat: int,
) -> dict[str, dict[str, Score]]:
    results: dict[str, dict[str, Score]] = {name: {} for name in systems}
    for fn in systems.values():  # warm-up: imports and caches outside the timings
        fn(pages[0][1], pages[0][2])
    for page_name, page, url, truth in pages:
        for name, fn in systems.items():
            text, ms = timed(fn, page, url, repeat)
            results[name][page_name] = score(text, truth, ms)
    return results


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def table(title: str, results: dict[str, dict[str, Score]]) -> list[str]:
    lines = [
        f"{title}",
        f"{'system':<14} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'med ms':>7} {'p90 ms':>7}",
    ]
    for name, scores in results.items():
        values = list(scores.values())
        lines.append(
            f"{name:<14} {len(values):>5} "
            f"{statistics.mean(s.precision for s in values):>6.3f} "
            f"{statistics.mean(s.recall for s in values):>6.3f} "
            f"{statistics.mean(s.f1 for s in values):>6.3f} "
            f"{statistics.median(s.ms for s in values):>7.2f} "
            f"{p90([s.ms for s in values]):>7.2f}"
        )
    return lines


def by_layout(results: dict[str, dict[str, Score]]) -> list[str]:
    names = list(results)
    layouts = sorted({page.split("-", 1)[1] for page in results[names[0]]})
    lines = ["F1 by layout", f"{'layout':<16} " + " ".join(f"{n:>12}" for n in names)]
    for layout in layouts:
        row = []
        for name in names:
            f1s = [s.f1 for page, s in results[name].items() if page.endswith("-" + layout)]
            row.append(f"{statistics.mean(f1s):>12.3f}")
        lines.append(f"{layout:<16} " + " ".join(row))
    return lines


def worst(results: dict[str, dict[str, Score]], count: int) -> list[str]:
    if "trafilatura" not in results or count <= 0:
        return []
    mine, other = results["newsreader"], results["trafilatura"]
    gaps = sorted(mine, key=lambda page: mine[page].f1 - other[page].f1)[:count]
    lines = ["Pages where ours loses most (F1 ours / trafilatura; P/R ours)"]
    for page in gaps:
        m, t = mine[page], other[page]
        lines.append(f"  {page:<24} {m.f1:.3f} / {t.f1:.3f}   P {m.precision:.3f} R {m.recall:.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=make_corpus.DEFAULT_OUT)
    parser.add_argument("--repeat", type=int, default=1, help="timing runs per page (best)")
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--json", type=Path, help="write per-page scores here")
    args = parser.parse_args(argv)
    if not any(args.corpus.glob("*.json")):
        make_corpus.generate(args.corpus, 8)
    from newsreader.core.extract.site_rules import RuleSet, load_rules

    systems: dict[str, Callable[[bytes, str], str]] = {"newsreader": ours(RuleSet([]))}
    if not args.no_trafilatura:
        systems["trafilatura"] = theirs
    pages = corpus_pages(args.corpus)
    results = run_all(pages, systems, args.repeat)
    demo_rules = load_rules().with_hosts("elshinta", ["127.0.0.1"])
    demo_systems = {"newsreader+rule": ours(demo_rules), "newsreader": ours(RuleSet([]))}
    if not args.no_trafilatura:
        demo_systems["trafilatura"] = theirs
    demo = run_all(demo_pages(), demo_systems, args.repeat)
    out = [
        f"Machine: {machine()}",
        *table(f"Generic path, {len(pages)} corpus pages ({args.corpus.name})", results),
        "",
        *table("Demo site (Elshinta-like) articles, with and without the site rule", demo),
        "",
        *by_layout(results),
        "",
        *worst(results, args.worst),
    ]
    print("\n".join(out))
    if args.json:
        data = {
            group: {
                name: {page: vars(s) for page, s in scores.items()} for name, scores in res.items()
            }
            for group, res in (("corpus", results), ("demo", demo))
        }
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
