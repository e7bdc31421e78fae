"""The articles of the synthetic corpus and the helpers that render their bodies.

An article is a title and a list of blocks (paragraphs, subheadings, list items, quotes)
written from the prose pools in ``prose/`` and the demo site's Elshinta articles. The true
text of a page is its blocks' text joined by newlines, whatever markup a layout gives them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path
from random import Random

HERE = Path(__file__).resolve().parent
DEMO_EXPECTED = HERE.parents[1] / "resources" / "demo" / "expected.json"

_SUBHEADS = {
    "id": [
        "Dampak bagi warga",
        "Langkah berikutnya",
        "Tanggapan pemerintah",
        "Kata pengamat",
        "Latar belakang",
        "Upaya pemulihan",
        "Harapan ke depan",
        "Data terbaru",
    ],
    "en": [
        "What happens next",
        "Background",
        "How it works",
        "The reaction",
        "A long road",
        "What the figures show",
        "Looking ahead",
        "Why it matters",
    ],
}
_AUTHORS = {
    "id": [
        "Andi Saputra",
        "Dian Erika Nugraheny",
        "Egi Adyatama",
        "Nur Aisyah",
        "Rahmat Hidayat",
        "Fitria Chusna",
        "Yogi Ernes",
        "Lia Harahap",
        "Bagus Prihantoro",
    ],
    "en": [
        "Sarah Mitchell",
        "James Porter",
        "Priya Patel",
        "Oliver Grant",
        "Hannah Lee",
        "Marcus Chen",
    ],
}


@dataclass(frozen=True)
class Block:
    kind: str  # p | h2 | li | quote
    text: str


@dataclass
class Article:
    lang: str
    title: str
    blocks: list[Block]
    author: str
    date: str  # ISO 8601 with offset
    base: str
    url: str = ""
    image: str = ""
    topic: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def truth(self) -> str:
        return "\n".join(block.text for block in self.blocks)

    def with_lead(self, prefix: str) -> Article:
        """The first paragraph opened with a dateline ("Jakarta - ", "TEMPO.CO, Jakarta - ")."""
        blocks = list(self.blocks)
        first = next(i for i, b in enumerate(blocks) if b.kind == "p")
        blocks[first] = Block("p", prefix + blocks[first].text)
        return replace(self, blocks=blocks)

    def with_tail(self, text: str) -> Article:
        """A last line the article text ends with (editor initials, the writer's name)."""
        return replace(self, blocks=[*self.blocks, Block("p", text)])


def _topics(lang: str) -> dict[str, list[str]]:
    topics: dict[str, list[str]] = {}
    current = ""
    for line in (HERE / "prose" / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            current = line[2:].strip()
            topics[current] = []
        elif line.strip():
            topics[current].append(line.strip())
    return topics


def _demo_articles() -> list[tuple[str, list[str]]]:
    data = json.loads(DEMO_EXPECTED.read_text(encoding="utf-8"))
    return [(a["title"], a["paragraphs"]) for a in data["articles"] if len(a["paragraphs"]) >= 3]


TOPICS = {"id": _topics("id"), "en": _topics("en")}
DEMO = _demo_articles()


def make_article(r: Random, lang: str, base: str, size: int) -> Article:
    """An article of about ``size`` paragraphs, with subheadings, a list or a quote sometimes."""
    if lang == "id" and r.random() < 0.2:
        title, paragraphs = r.choice(DEMO)
        blocks = [Block("p", p) for p in paragraphs[: max(size, 3)]]
        topic = "demo"
    else:
        topic = r.choice(sorted(TOPICS[lang]))
        pool = _sentence_stream(r, lang, topic)
        blocks = [
            Block("p", " ".join(next(pool) for _ in range(_sentences(r)))) for _ in range(size)
        ]
        title = _title(r, lang, topic)
    blocks = _decorate(r, lang, blocks, topic)
    author = r.choice(_AUTHORS[lang])
    day, hour, minute = r.randint(1, 28), r.randint(0, 23), r.randint(0, 59)
    date = f"2024-{r.randint(1, 12):02d}-{day:02d}T{hour:02d}:{minute:02d}:00+07:00"
    url = f"{base}/{topic}/{date[:10].replace('-', '/')}/{_slug(title)}"
    image = f"{base}/images/{date[:7]}/{_slug(title)[:30]}.jpg"
    return Article(lang, title, blocks, author, date, base, url, image, topic)


def _sentences(r: Random) -> int:
    return r.choices([1, 2, 3, 4], weights=[2, 4, 3, 1])[0]


def _sentence_stream(r: Random, lang: str, topic: str):  # type: ignore[no-untyped-def]
    """Sentences of the topic in a shuffled order, then of other topics (long articles)."""
    names = [topic, *r.sample(sorted(t for t in TOPICS[lang] if t != topic), 2)]
    for name in names * 3:
        sentences = TOPICS[lang][name][:]
        r.shuffle(sentences)
        yield from sentences


def _title(r: Random, lang: str, topic: str) -> str:
    words = r.choice(TOPICS[lang][topic]).rstrip(".").split()
    cut = words[: r.randint(6, min(12, len(words)))]
    return " ".join(w[:1].upper() + w[1:] if len(w) > 3 else w for w in cut)


def _decorate(r: Random, lang: str, blocks: list[Block], topic: str) -> list[Block]:
    out = list(blocks)
    if len(out) >= 6 and r.random() < 0.45:
        for at in sorted(r.sample(range(2, len(out)), min(3, r.randint(1, len(out) // 3))))[::-1]:
            out.insert(at, Block("h2", r.choice(_SUBHEADS[lang])))
    if len(out) >= 4 and r.random() < 0.25 and topic in TOPICS[lang]:
        items = [s.rstrip(".") for s in r.sample(TOPICS[lang][topic], r.randint(3, 5))]
        at = r.randint(1, len(out) - 1)
        out[at:at] = [Block("li", item) for item in items]
    if len(out) >= 3 and r.random() < 0.2 and topic in TOPICS[lang]:
        quote = r.choice(TOPICS[lang][topic])
        at = r.randint(1, len(out) - 1)
        out.insert(at, Block("quote", quote))
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def inline_markup(r: Random, text: str, base: str) -> str:
    """The paragraph as HTML, sometimes with a link or emphasis inside (same text)."""
    words = escape(text).split(" ")
    if len(words) > 8 and r.random() < 0.35:
        i = r.randint(0, len(words) - 3)
        href = f"{base}/tag/{_slug(' '.join(words[i : i + 2]))}"
        words[i] = f"<a href='{href}'>{words[i]}"
        words[i + 1] = words[i + 1] + "</a>"
    elif len(words) > 6 and r.random() < 0.2:
        i = r.randint(0, len(words) - 2)
        words[i] = f"<strong>{words[i]}"
        words[i + 1] = words[i + 1] + "</strong>"
    return " ".join(words)


def render_blocks(
    r: Random,
    art: Article,
    *,
    p: str = "<p>{}</p>",
    between: Callable[[int], str] | None = None,
    h2: str = "<h2>{}</h2>",
) -> str:
    """The blocks as HTML; ``p`` wraps a paragraph, ``between(i)`` is added after block i."""
    out: list[str] = []
    items: list[str] = []
    for i, block in enumerate(art.blocks):
        if block.kind != "li" and items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if block.kind == "p":
            out.append(p.format(inline_markup(r, block.text, art.base)))
        elif block.kind == "h2":
            out.append(h2.format(escape(block.text)))
        elif block.kind == "li":
            items.append(f"<li>{escape(block.text)}</li>")
        else:
            out.append(f"<blockquote><p>{escape(block.text)}</p></blockquote>")
        if between is not None and block.kind != "li":
            out.append(between(i))
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def figure(art: Article, caption: str, cls: str = "") -> str:
    return (
        f"<figure class='{cls}'><img src='{art.image}' alt='{escape(art.title, quote=True)}'>"
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


def id_date(iso: str) -> str:
    """``Senin, 26 Oktober 2020 - 11:26 WIB`` style (the weekday is not checked)."""
    months = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November "
    months += "Desember"
    year, month, day = iso[:10].split("-")
    return f"Kamis, {int(day)} {months.split()[int(month) - 1]} {year} {iso[11:16]} WIB"


def en_date(iso: str) -> str:
    months = "January February March April May June July August September October November "
    months += "December"
    year, month, day = iso[:10].split("-")
    return f"{int(day)} {months.split()[int(month) - 1]} {year}"
