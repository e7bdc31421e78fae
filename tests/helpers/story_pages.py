"""Pages shaped like an Indonesian regional news site (WordPress theme), in versions.

Used by the story-update, related-prefetch and re-extraction tests: a feed of a few items and
article pages whose text changes between versions, served by the ``http_server`` fixture.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

# Kamis, 5 Desember 2024, 08:15 WITA (UTC+8): the time every test's clock starts from.
T0 = datetime(2024, 12, 5, 0, 15, tzinfo=UTC).timestamp()
WITA = "Kamis, 5 Desember 2024 | 08:15 WITA"

STORY_V1 = [
    "JAYAPURA – Banjir bandang menerjang sejumlah kampung di Distrik Sentani, Kabupaten "
    "Jayapura, Kamis dini hari. Hujan deras sejak Rabu malam membuat sungai meluap.",
    "Badan Penanggulangan Bencana Daerah (BPBD) Jayapura mencatat 10 orang meninggal dunia "
    "dan ratusan warga mengungsi ke gedung sekolah dan gereja terdekat.",
    "Tim gabungan TNI, Polri dan Basarnas masih menyisir aliran sungai untuk mencari warga "
    "yang dilaporkan hilang. Alat berat dikerahkan untuk membuka akses jalan.",
    "[jp/ad]",
]
STORY_V2 = [
    STORY_V1[0],
    STORY_V1[1].replace("10 orang", "12 orang"),
    STORY_V1[2],
    "Bupati Jayapura menetapkan status tanggap darurat selama 14 hari sejak Kamis siang.",
    "[jp/ad]",
]


def article_path(slug: str) -> str:
    return f"/2024/12/05/{slug}/"


def page(
    title: str,
    paragraphs: list[str],
    *,
    related: list[tuple[str, str]] = (),  # type: ignore[assignment]
    date_line: str = WITA,
) -> bytes:
    """An article page; ``related`` are (title, absolute URL) items of a "Baca Juga" block."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    items = "".join(f'<li><a href="{url}">{text}</a></li>' for text, url in related)
    block = f'<div class="baca-juga"><h3>Baca Juga</h3><ul>{items}</ul></div>' if items else ""
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{title} – Papua Kini</title></head><body>"
        '<header class="site-header"><a href="/">Papua Kini</a><nav><ul>'
        '<li><a href="/kategori/jayapura/">Jayapura</a></li></ul></nav></header>'
        '<main id="main"><article class="post type-post">'
        f'<h1 class="entry-title">{title}</h1>'
        f'<div class="entry-meta"><span class="posted-on">{date_line}</span>'
        ' <span class="author">Penulis: Yohana Wenda</span></div>'
        f'<div class="entry-content">{body}{block}</div></article></main>'
        '<aside class="widget-area"><h2>Terpopuler</h2><ul><li><a href="/x/">Lain</a></li>'
        '</ul></aside><footer class="site-footer">© 2024 Papua Kini</footer></body></html>'
    ).encode()


def filler(title: str, n: int = 4) -> list[str]:
    """Paragraphs long enough to be an article."""
    return [
        f"Paragraf {i} tentang {title} berisi keterangan warga, aparat dan pejabat setempat "
        f"yang ditemui di lokasi kejadian pada Kamis pagi."
        for i in range(n)
    ]


def rss(base: str, items: list[tuple[str, str]], published: float = T0) -> bytes:
    """A feed of (slug, title) items, all published at ``published`` (epoch seconds)."""
    when = format_datetime(datetime.fromtimestamp(published, UTC) - timedelta(minutes=5))
    body = "".join(
        f"<item><title>{title}</title><link>{base}{article_path(slug)}</link>"
        f"<guid>{base}{article_path(slug)}</guid><pubDate>{when}</pubDate>"
        f"<description>Ringkasan {title}.</description></item>"
        for slug, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Papua Kini</title><link>{base}/</link>{body}</channel></rss>"
    ).encode()
