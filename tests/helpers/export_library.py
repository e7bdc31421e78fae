"""A real library filled with articles and cached images, through the storage functions the
refresh pipeline uses (for export tests and ``bench/export.py``). No network, no Qt."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from newsreader.core.library import Library
from newsreader.core.storage import writes as storage
from newsreader.core.types import ExtractedArticle, ParsedEntry, ParsedFeed, RelatedLink
from tests.helpers.library_tools import add_feed_unchecked

WIB = timezone(timedelta(hours=7))
SITE = "https://elshinta.example"
START = datetime(2021, 6, 1, 8, 0, tzinfo=WIB)
PARAGRAPHS = (
    "Presiden Joko Widodo meminta seluruh jajaran pemerintah daerah memperkuat koordinasi "
    "penanganan banjir yang melanda sejumlah wilayah di Kalimantan Selatan sejak pekan lalu.",
    "Menurut Badan Nasional Penanggulangan Bencana (BNPB), lebih dari 20.000 warga mengungsi "
    "dan membutuhkan bantuan logistik, air bersih, serta layanan kesehatan.",
    "\u201cKami akan terus memantau perkembangan di lapangan,\u201d kata Kepala BNPB "
    "Letjen\u00a0TNI Doni Monardo di Banjarmasin, Senin (18/1).",
    "Curah hujan yang tinggi diperkirakan masih terjadi hingga akhir bulan, sehingga warga "
    "diimbau tetap waspada terhadap potensi banjir susulan dan tanah longsor.",
)


def article_html(number: int, image_urls: list[str]) -> str:
    figures = "".join(
        f'<figure><img src="{url}" alt="Foto {number}-{i}">'
        f"<figcaption>Keterangan foto {number}-{i}</figcaption></figure>"
        for i, url in enumerate(image_urls, 1)
    )
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        f"<p><strong>Elshinta.com</strong> - {PARAGRAPHS[0]}</p>{figures}{paragraphs}<p>[vm/ft]</p>"
    )


def fill_library(
    lib: Library,
    count: int,
    image: Callable[[int, int], bytes],
    *,
    images_per_article: Callable[[int], int] = lambda n: 1 + n % 2,
    starred: bool = True,
    feed_title: str = "Elshinta – Nasional",
) -> list[int]:
    """Add ``count`` extracted articles to a new feed; ``image(article, index)`` gives the
    bytes of each cached picture. Returns the article ids, oldest first."""
    now = START.timestamp()
    feed_url = f"{SITE}/kategori/{len(lib.feeds()) + 1}/nasional"
    feed_id = add_feed_unchecked(lib, feed_url, title=feed_title, kind="index")
    entries = tuple(
        ParsedEntry(
            guid=f"{feed_url}/{n}",
            url=f"{SITE}/news/{feed_id}{n:05d}/2021/06/banjir-{n}",
            title=f"Banjir Kalimantan Selatan: warga mengungsi, laporan {n}",
            author="Mitra Elshinta Feeder",
            published=START + timedelta(hours=n),
            summary_html=f"<p>{PARAGRAPHS[0]}</p>",
        )
        for n in range(count)
    )
    parsed = ParsedFeed(title=feed_title, site_url=SITE, kind="index", entries=entries)
    ids, _ = lib.writer.call(
        lambda: storage.apply_feed(
            feed_id, parsed, now=now, next_fetch_at=now + 3600, etag=None, last_modified=None
        )
    )
    id_by_url = {e.url: i for e, i in zip(entries, ids, strict=True)}
    for n, parsed_entry in enumerate(entries):
        entry_id = id_by_url[parsed_entry.url]
        urls = [f"{SITE}/upload/{feed_id}-{n}-{i}.jpg" for i in range(images_per_article(n))]
        for i, url in enumerate(urls):
            _cache_image(lib, url, image(n, i), now)
        article = ExtractedArticle(
            title=parsed_entry.title,
            html=article_html(n, urls),
            text="\n\n".join(PARAGRAPHS),
            method="site:elshinta",
            origin="Elshinta",
            images=tuple(urls),
            related=(RelatedLink("Baca juga: bantuan logistik tiba", f"{SITE}/news/9/x"),),
        )
        lib.writer.call(lambda i=entry_id, a=article: storage.store_article(i, a, now=now))
        if starred:
            lib.writer.call(lambda i=entry_id: storage.set_starred(i, True, now=now))
    return [id_by_url[e.url] for e in entries]


def _cache_image(lib: Library, url: str, data: bytes, now: float) -> None:
    digest, relative, mime = lib.images.save(data)
    lib.writer.call(
        lambda: storage.store_image(
            url, sha256=digest, path=relative, mime=mime, size=len(data), error="", now=now
        )
    )


def open_filled(data_dir: Path, count: int, image: Callable[[int, int], bytes]) -> Library:
    """A library in ``data_dir`` holding ``count`` starred articles (see ``fill_library``)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lib = Library(data_dir, fetcher=_NoFetcher())  # type: ignore[arg-type]
    fill_library(lib, count, image)
    return lib


class _NoFetcher:
    """Exports never fetch; a call here is a bug in the test."""

    def get(self, url: str, **kwargs: object) -> object:
        raise AssertionError(f"unexpected fetch of {url}")

    def close(self) -> None:
        pass
