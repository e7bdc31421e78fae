"""Time hostile nesting (``<div>`` * n + "text" + ``</div>`` * n) through the sanitizer,
html_to_text and the article extractor.

Such markup in a feed item once cost time quadratic in the depth (nh3) and its text came out
empty (libxml2 stops at 256 levels); it is now flattened before parsing (extract/nesting.py).
Steps: ``sanitize_html`` and ``html_to_text`` of the markup; ``extract_article`` of a page made
of it with the same markup as the feed's summary (the page has no article, so the summary is
sanitized too); ``extract(article)`` of a page whose eight paragraphs sit under the n levels.
Each figure is the best of --repeat runs, in this process, no network; "text kept" says
whether the words survived.

    .venv/bin/python bench/deep_nesting.py [--levels 10000 100000 200000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine
from newsreader.core.extract.article import extract_article
from newsreader.core.extract.sanitize import html_to_text, sanitize_html
from newsreader.core.extract.site_rules import RuleSet

BASE = "https://contoh.id/berita/2024/1/judul"
WORDS = "teks berita yang terkubur dalam"
PARAGRAPHS = "".join(
    f"<p>{WORDS} {i}: warga kota menyambut musim hujan dengan membersihkan saluran air.</p>"
    for i in range(8)
)


def nested(levels: int, tag: str = "div") -> str:
    return f"<{tag}>" * levels + WORDS + f"</{tag}>" * levels


def best(run: Callable[[], str], repeat: int) -> tuple[float, str]:
    result, timings = "", []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[10_000, 100_000, 200_000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(machine())
    no_rules = RuleSet(())
    print(f"{'levels':>8} {'MB':>5}  {'step':<16} {'seconds':>8}  text kept")
    for levels in args.levels:
        markup = nested(levels)
        page = f"<html><head><title>Judul</title></head><body>{markup}</body></html>"
        article = page.replace(WORDS, PARAGRAPHS).replace("<body>", "<body><h1>Judul</h1>")
        steps: list[tuple[str, Callable[[], str]]] = [
            ("sanitize_html", lambda m=markup: sanitize_html(m, BASE)),
            ("html_to_text", lambda m=markup: html_to_text(m)),
            (
                "extract_article",
                lambda p=page, m=markup: (
                    extract_article(p, BASE, rules=no_rules, summary_html=m).text
                ),
            ),
            ("extract(article)", lambda a=article: extract_article(a, BASE, rules=no_rules).text),
        ]
        for name, run in steps:
            seconds, out = best(run, args.repeat)
            kept = WORDS in out or WORDS in html_to_text(out)
            print(f"{levels:>8} {len(markup) / 1e6:>5.2f}  {name:<16} {seconds:>8.3f}  {kept}")


if __name__ == "__main__":
    main()
