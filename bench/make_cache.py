"""A synthetic library at desk scale: 500 feeds in ~20 folders, 200,000 articles.

    .venv/bin/python bench/make_cache.py /tmp/cache200k [--articles 200000] [--feeds 500]

The schema is the real one (``open_library`` creates and migrates it); rows then go in through
plain ``executemany`` in large transactions, which is ~50x faster than the ORM. Sizes follow a
real cache: titles, a ~300-character summary, an HTML body of 3-5 KB of Indonesian-like text
and its plain text, related links on a third of the articles, 30% read, 2% starred, published
over two years, 2% copies of an article listed by another feed (``duplicate_of``), 1% unlisted
(fetched only as a related link). Feeds point at a closed local port and are not due for a
month, so a GUI opened on the cache never goes to the network.

``build(folder, ...)`` is importable by the other benchmarks and by tests (small sizes).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DAY = 86400.0
YEARS = 2

FOLDERS = (
    "Nasional", "Internasional", "Ekonomi", "Bisnis", "Olahraga", "Sepakbola", "Teknologi",
    "Kesehatan", "Pendidikan", "Hiburan", "Gaya Hidup", "Otomotif", "Daerah", "Jakarta",
    "Hukum", "Politik", "Sains", "Wisata", "Kuliner", "Opini",
)  # fmt: skip
WORDS = (  # noqa: SIM905 (prose is easier to read than a list of 150 strings)
    "presiden menteri pemerintah daerah kota provinsi warga masyarakat polisi kepolisian "
    "mengatakan menurut kepada bahwa dalam untuk dengan yang akan telah sudah masih belum "
    "tahun bulan pekan hari senin selasa rabu kamis jumat sabtu minggu pagi siang malam "
    "jakarta bandung surabaya medan makassar semarang yogyakarta denpasar palembang banten "
    "ekonomi harga pasar rupiah inflasi ekspor impor investasi bank saham pertumbuhan "
    "banjir gempa hujan cuaca kebakaran kecelakaan lalu lintas jalan tol kereta bandara "
    "sekolah siswa guru universitas mahasiswa kesehatan rumah sakit dokter vaksin pasien "
    "pertandingan tim pemain pelatih gol liga juara turnamen stadion klub suporter "
    "kebijakan program anggaran rapat sidang dewan partai pemilu kampanye calon suara "
    "protes aksi demonstrasi kantor berita laporan data survei hasil jumlah persen ribu juta "
    "miliar triliun sekitar lebih kurang antara hingga sejak setelah sebelum ketika saat "
    "terus kembali bersama baru besar kecil utama nasional internasional luar negeri dunia "
    "kerja sama upaya langkah rencana tujuan masalah kasus korban bantuan layanan sistem"
).split()
SOURCES = ("Elshinta", "Antara", "VOA Indonesia", "BBC Indonesia", "Kompas", "Tempo", "Detik")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(9, 22))
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:  # the date notes Indonesian news puts in brackets: "Sabtu (24/10)"
        words.insert(rng.randint(1, len(words) - 1), f"({rng.randint(1, 28)}/{rng.randint(1, 12)})")
    return " ".join(words) + "."


class TextPool:
    """Pre-built sentences and paragraphs: articles are drawn from them, not made word by word,
    so 1.5 GB of text takes seconds rather than minutes."""

    def __init__(
        self,
        rng: random.Random,
        sentences: int = 4000,
        paragraphs: int = 3000,
        body_chars: tuple[int, int] = (3000, 5000),
    ) -> None:
        self.rng = rng
        self.body_chars = body_chars
        self.sentences = [_sentence(rng) for _ in range(sentences)]
        self.paragraphs = [
            " ".join(rng.choices(self.sentences, k=rng.randint(3, 6))) for _ in range(paragraphs)
        ]

    def title(self) -> str:
        words = self.rng.choice(self.sentences).rstrip(".").split()[:12]
        return " ".join(w.capitalize() for w in words)

    def body(self) -> tuple[str, str]:
        """(HTML of 3-5 KB by default, its plain text)."""
        paras: list[str] = []
        size = 0
        target = self.rng.randint(*self.body_chars)
        while size < target:
            para = self.rng.choice(self.paragraphs)
            paras.append(para)
            size += len(para) + 7
        return "".join(f"<p>{p}</p>" for p in paras), "\n\n".join(paras)


def _feed_sizes(rng: random.Random, feeds: int, articles: int) -> list[int]:
    """Articles per feed: a long tail, as real subscriptions (a few feeds hold thousands)."""
    weights = [rng.paretovariate(1.2) for _ in range(feeds)]
    total = sum(weights)
    sizes = [max(5, int(articles * w / total)) for w in weights]
    sizes[sizes.index(max(sizes))] += articles - sum(sizes)  # exact total
    return sizes


def _feed_rows(rng: random.Random, feeds: int, now: float) -> list[tuple[object, ...]]:
    rows = []
    for n in range(1, feeds + 1):
        folder = "" if n % 25 == 0 else FOLDERS[n % len(FOLDERS)]
        error = "HTTP 503 Service Unavailable" if n % 97 == 0 else ""
        rows.append((
            n, f"http://127.0.0.1:9/feeds/{n}.xml", "feed", f"Situs {n} – {folder or 'Umum'}",
            f"http://127.0.0.1:9/site/{n}/", folder, None, None, None, None, None, 0, 0,
            now - 400 * DAY, now - 600, now + 30 * DAY, error, 1 if error else 0, 0, None, "",
        ))  # fmt: skip
    return rows


def _plan(rng: random.Random, sizes: list[int], now: float) -> list[tuple[float, int]]:
    """(sort_ts, feed id) of every article, oldest first: ids grow with time, as in real use."""
    span = YEARS * 365 * DAY
    plan = []
    for feed_id, size in enumerate(sizes, start=1):
        # Recent weeks are denser (people subscribe, feeds keep ~a year); some are from today.
        for _ in range(size):
            age = span * rng.random() ** 1.6
            plan.append((now - age - rng.random() * 60, feed_id))
    plan.sort()
    return plan


def _related(rng: random.Random, pool: TextPool, ts: float) -> str:
    links = [
        {
            "title": pool.title(),
            "url": f"http://127.0.0.1:9/news/{rng.randint(1, 10**7)}",
            "published": None,
            "teaser": pool.rng.choice(pool.sentences)[:80] + "...",
        }
        for _ in range(rng.randint(2, 4))
    ]
    return json.dumps(links, ensure_ascii=False)


ENTRY_COLUMNS = (
    "id", "feed_id", "guid", "url", "title", "author", "published_ts", "published_offset",
    "sort_ts", "summary_html", "feed_html", "html", "text", "origin", "lead_image",
    "related_json", "extraction", "extraction_note", "content_hash", "starred",
    "starred_at", "listed", "duplicate_of", "added_at", "fetched_at", "updated_at",
)  # fmt: skip


def _entries(
    rng: random.Random, pool: TextPool, plan: list[tuple[float, int]], now: float
) -> Iterator[tuple[object, ...]]:
    originals: list[tuple[int, int, str, bool, bool]] = []  # recent (id, feed, url, read, star)
    for entry_id, (ts, feed_id) in enumerate(plan, start=1):
        title = pool.title()
        url = f"http://127.0.0.1:9/news/{entry_id}/{'-'.join(title.lower().split()[:6])}"
        read = rng.random() < 0.3
        starred = rng.random() < 0.02
        duplicate_of = None
        if originals and rng.random() < 0.02:  # the same story in a second feed
            orig_id, orig_feed, orig_url, orig_read, orig_star = rng.choice(originals[-200:])
            if orig_feed != feed_id:
                duplicate_of, url, read, starred = orig_id, orig_url, orig_read, orig_star
        listed = rng.random() >= 0.01
        if duplicate_of is None and listed:
            originals.append((entry_id, feed_id, url, read, starred))
            del originals[:-400]
        html, text = pool.body()
        summary = text[: rng.randint(250, 350)].rsplit(" ", 1)[0] + "..."
        related = _related(rng, pool, ts) if rng.random() < 0.33 else "[]"
        extraction = rng.choice(("site:elshinta", "generic", "generic", "feed"))
        yield (
            entry_id, feed_id, url, url, title, rng.choice(("", "Redaksi", "Mitra Feeder")),
            ts, 420, ts, f"<p>{summary}</p>", "", html, text, rng.choice(SOURCES),
            f"http://127.0.0.1:9/img/{entry_id}.jpg", related, extraction, "",
            f"{rng.getrandbits(160):040x}", int(starred), ts + 3600 if starred else None,
            int(listed), duplicate_of, ts + 120, ts + 180, None, int(read),
        )  # fmt: skip


def _insert_entries(con: sqlite3.Connection, sql: str, rows: list[tuple[object, ...]]) -> None:
    """Rows end with the read mark, which is not an entry column: the narrow entry_state row
    the insert trigger made holds it (migration 5)."""
    con.executemany(sql, [row[:-1] for row in rows])
    con.executemany(
        'UPDATE "entry_state" SET "read" = 1 WHERE "entry_id" = ?',
        [(row[0],) for row in rows if row[-1]],
    )


def _insert_feeds(con: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    con.executemany(
        'INSERT INTO "feed" ("id", "url", "kind", "title", "site_url", "folder", "etag",'
        ' "last_modified", "interval_minutes", "ttl_minutes", "full_article", "builtin",'
        ' "removed", "added_at", "last_fetched_at", "next_fetch_at", "last_error",'
        ' "error_count", "paused", "body_hash", "icon_path")'
        " VALUES (" + ", ".join("?" * 21) + ")",
        rows,
    )
    # A first launch would add the built-in Elshinta subscriptions: this cache is complete.
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('defaults_added', '1')")


def build(
    folder: Path,
    *,
    feeds: int = 500,
    articles: int = 200_000,
    seed: int = 1,
    now: float | None = None,
    batch: int = 20_000,
    log: bool = False,
    analyze: bool = False,
    body_chars: tuple[int, int] = (3000, 5000),
) -> Path:
    """Create the library in ``folder`` (which must not hold one yet); returns the db path.
    Tests pass small ``body_chars``: query plans do not depend on the size of the text."""
    from newsreader.core import paths
    from newsreader.core.library import open_library

    now = time.time() if now is None else now
    open_library(folder).close()  # the real schema, every migration applied
    db_path = paths.database_path(folder)
    rng = random.Random(seed)
    pool = TextPool(rng, body_chars=body_chars)
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")  # a benchmark fixture: rebuilt, never precious
    con.execute("PRAGMA cache_size = -200000")
    con.execute("BEGIN")
    _insert_feeds(con, _feed_rows(rng, feeds, now))
    plan = _plan(rng, _feed_sizes(rng, feeds, articles), now)
    sql = (
        f'INSERT INTO "entry" ({", ".join(ENTRY_COLUMNS)}) '
        f"VALUES ({', '.join('?' * len(ENTRY_COLUMNS))})"
    )
    rows: list[tuple[object, ...]] = []
    started = time.perf_counter()
    for row in _entries(rng, pool, plan, now):
        rows.append(row)
        if len(rows) >= batch:
            _insert_entries(con, sql, rows)
            con.execute("COMMIT")
            con.execute("BEGIN")
            if log:
                print(f"  {row[0]} articles, {time.perf_counter() - started:.0f} s", flush=True)
            rows.clear()
    _insert_entries(con, sql, rows)
    con.execute("COMMIT")
    if analyze:  # the library never runs ANALYZE: plans must be right without statistics
        con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="library folder to create")
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE (the app does not)")
    args = parser.parse_args()
    if any(args.folder.glob("*.db")):
        parser.error(f"{args.folder} already holds a library")
    started = time.perf_counter()
    path = build(args.folder, feeds=args.feeds, articles=args.articles, seed=args.seed,
                 log=True, analyze=args.analyze)  # fmt: skip
    size = path.stat().st_size / 2**20
    print(f"{path}: {args.articles} articles in {args.feeds} feeds, {size:.0f} MB, "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
