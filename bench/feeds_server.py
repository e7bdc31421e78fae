"""A loopback server of N synthetic RSS feeds (50 items, ~20 KB each) for refresh benchmarks.

Run as its own process so serving does not compete with the reader being measured:
    python bench/feeds_server.py --feeds 500 --port 0   (prints "PORT <n>" when ready)
Control: GET /__mode/honour (answer conditional GETs with 304), /__mode/ignore (always send the
full body, as many real servers do), /__mode/new (each feed gains 5 new items per round; bump
with /__round).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import sys
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ITEMS = 50
LOREM = (
    "Pemerintah daerah menyampaikan perkembangan terbaru mengenai program pembangunan "
    "infrastruktur yang berjalan sejak awal tahun, termasuk jalan, jembatan dan irigasi. "
)


def make_feed(n: int, start: int) -> bytes:
    items = []
    for i in range(start, start + ITEMS):
        when = formatdate(1_700_000_000 + n * 997 + i * 3600, usegmt=True)
        items.append(
            f"<item><title>Berita {n}-{i}: pembangunan daerah nomor {i}</title>"
            f"<link>http://127.0.0.1/feed{n}/artikel-{i}-pembangunan-daerah</link>"
            f"<guid isPermaLink='false'>feed{n}-item{i}</guid><pubDate>{when}</pubDate>"
            f"<description>&lt;p&gt;{LOREM}{LOREM[: (i * 7) % 80]}&lt;/p&gt;</description></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Feed {n}</title><link>http://127.0.0.1/feed{n}/</link>"
        f"<description>Synthetic feed {n}</description>{''.join(items)}</channel></rss>"
    ).encode()


PARAGRAPH = (
    "Presiden menyampaikan bahwa kerja sama regional akan terus diperkuat dalam menghadapi "
    "tantangan ekonomi global, termasuk ketahanan pangan dan energi di kawasan Asia Tenggara. "
)


def make_site_feed(port: int, count: int) -> bytes:
    """An RSS feed of ``count`` items with summaries only: each needs its page fetched."""
    items = "".join(
        f"<item><title>Artikel {i}: kerja sama regional</title>"
        f"<link>http://127.0.0.1:{port}/news/{1000 + i}/2024/05/01/kerja-sama-regional-{i}</link>"
        f"<guid>site-{i}</guid><pubDate>{formatdate(1_714_000_000 + i * 60, usegmt=True)}"
        f"</pubDate><description>Ringkasan artikel {i}.</description></item>"
        for i in range(count)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Situs</title>"
        f"<link>http://127.0.0.1:{port}/</link>{items}</channel></rss>"
    ).encode()


def make_article(port: int, i: int) -> bytes:
    """An Elshinta-shaped article page (~30 KB with its boilerplate) with one picture."""
    body = "".join(f"<p>{PARAGRAPH * 3} ({i}.{k})</p>" for k in range(8))
    related = "".join(
        f"<div class='news-item'><h4><a href='http://127.0.0.1:{port}/news/{1000 + j}/2024/05/01/"
        f"kerja-sama-regional-{j}'>Artikel {j}</a></h4><div class='news-date'>Rabu, 1 Mei 2024 - "
        f"10:0{j % 10} WIB</div><p class='news-teaser'>Teaser {j}...</p></div>"
        for j in range(i + 1, i + 6)
    )
    menu = "".join(f"<a href='/kategori/{k}/x'>Kategori {k}</a>" for k in range(40))
    return (
        "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'><title>Artikel "
        f"{i} | Situs</title><script>{'var x=1;' * 400}</script></head><body>"
        f"<header><nav class='menu'>{menu}</nav></header><main><article class='detail'>"
        f"<h1 class='detail-title'>Artikel {i}: kerja sama regional</h1>"
        "<div class='detail-meta'><span class='detail-date'>Rabu, 1 Mei 2024 - 10:00 WIB</span>"
        " | Penulis : <span class='detail-author'>Redaksi</span></div>"
        f"<figure class='detail-image'><img src='http://127.0.0.1:{port}/img/{i}.png' alt='foto'>"
        f"</figure><div class='detail-content'>{body}</div><div class='disclaimer'>DISCLAIMER: "
        "komentar tanggung jawab pengirim.</div></article><section class='baca-juga'><h3>Baca "
        f"Juga</h3><div class='news-list'>{related}</div></section></main><footer>{menu}</footer>"
        "</body></html>"
    ).encode()


def make_png(i: int) -> bytes:
    """A valid PNG of a few KB, different for each article."""
    import struct
    import zlib

    width, height = 64, 48
    raw = b"".join(b"\x00" + bytes((i * 7 + x + y) % 256 for x in range(width * 3))
                   for y in range(height))  # fmt: skip

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))  # fmt: skip


class State:
    def __init__(self, feeds: int, articles: int = 0) -> None:
        self.feeds = feeds
        self.articles = articles
        self.mode = "honour"
        self.round = 0
        self.lock = threading.Lock()
        self.cache: dict[tuple[int, int], tuple[bytes, str]] = {}

    def body(self, n: int) -> tuple[bytes, str]:
        start = self.round * 5 if self.mode == "new" else 0
        key = (n, start)
        with self.lock:
            if key not in self.cache:
                data = make_feed(n, start)
                self.cache[key] = (data, '"' + hashlib.sha1(data).hexdigest()[:16] + '"')
            return self.cache[key]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in separate writes: without this, Nagle's algorithm and the
    # client's delayed ACK add ~40 ms to every request on a kept-alive connection.
    disable_nagle_algorithm = True
    state: State

    def do_GET(self) -> None:
        path = self.path
        if path.startswith("/__mode/"):
            self.state.mode = path.rsplit("/", 1)[1]
            return self._send(200, b"ok", {})
        if path == "/__round":
            self.state.round += 1
            return self._send(200, b"ok", {})
        port = self.server.server_address[1]
        if path == "/site.xml":
            return self._send(200, make_site_feed(port, self.state.articles), {})
        if path.startswith("/news/"):
            i = int(path.rstrip("/").rsplit("-", 1)[1])
            return self._send(200, make_article(port, i), {"Content-Type": "text/html"})
        if path.startswith("/img/"):
            i = int(path.rsplit("/", 1)[1].split(".")[0])
            return self._send(200, make_png(i), {"Content-Type": "image/png"})
        try:
            n = int(path.strip("/").removeprefix("feed").removesuffix(".xml"))
        except ValueError:
            return self._send(404, b"not found", {})
        if not 0 <= n < self.state.feeds:
            return self._send(404, b"not found", {})
        data, etag = self.state.body(n)
        if self.state.mode != "ignore" and self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", {"ETag": etag})
        self._send(200, data, {"ETag": etag, "Content-Type": "application/rss+xml"})

    def _send(self, status: int, data: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--articles", type=int, default=0, help="items of /site.xml")
    args = parser.parse_args()
    Handler.state = State(args.feeds, args.articles)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    print(f"PORT {server.server_address[1]}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever(poll_interval=0.2)
    sys.exit(0)


if __name__ == "__main__":
    main()
