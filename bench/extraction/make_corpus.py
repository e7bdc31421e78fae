"""Generate the extraction benchmark's corpus: article pages with their true text.

    python -m bench.extraction.make_corpus [--out DIR] [--per-layout N]

Deterministic (seeded): the same pages every run, so they need not be committed. Each page
``NNN-layout.html`` has a ``NNN-layout.json`` beside it: url, layout, lang, title and the
true article ``text``. The layouts (``layouts_id``, ``layouts_other``) are modelled on real
news and blog sites; the prose is written for this corpus (``prose/``) or taken from the demo
site's articles.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from random import Random

from .articles import make_article
from .boilerplate import weigh
from .layouts_id import LAYOUTS as ID_LAYOUTS
from .layouts_other import LAYOUTS as OTHER_LAYOUTS

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "corpus"
LAYOUTS = {**ID_LAYOUTS, **OTHER_LAYOUTS}
ENGLISH = {"bbc_like", "reuters_like", "guardian_like"}
MIXED = {"wordpress", "medium", "comments_heavy", "liveblog", "news_split"}
SITES = {"id": "https://www.portal-{}.co.id", "en": "https://www.{}-news.com"}
SIZES = [2, 3, 4, 5, 6, 8, 10, 14, 20]
SIZE_WEIGHTS = [1, 2, 3, 3, 3, 2, 2, 1, 1]


def language(layout: str, r: Random) -> str:
    if layout in ENGLISH:
        return "en"
    if layout in MIXED:
        return "en" if r.random() < (0.7 if layout == "medium" else 0.5) else "id"
    return "id"


def generate(out: Path, per_layout: int, seed: int = 20241205) -> int:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    count = 0
    for layout, render in LAYOUTS.items():
        for i in range(per_layout):
            r = Random(f"{seed}-{layout}-{i}")
            lang = language(layout, r)
            base = SITES[lang].format(layout.replace("_", ""))
            sizes = SIZES[:6] if layout == "comments_heavy" else SIZES
            art = make_article(
                r, lang, base, r.choices(sizes, weights=SIZE_WEIGHTS[: len(sizes)])[0]
            )
            page, truth = render(art, r)
            page = weigh(page, r, truth)
            name = f"{count:03d}-{layout}"
            (out / f"{name}.html").write_text(page, encoding="utf-8")
            meta = {
                "url": art.url,
                "layout": layout,
                "lang": lang,
                "title": art.title,
                "text": truth,
            }
            (out / f"{name}.json").write_text(
                json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--per-layout", type=int, default=8)
    args = parser.parse_args()
    count = generate(args.out, args.per_layout)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"{count} pages ({len(LAYOUTS)} layouts, {size / 1e6:.1f} MB) in {args.out}")


if __name__ == "__main__":
    main()
