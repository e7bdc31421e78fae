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


class State:
    def __init__(self, feeds: int) -> None:
        self.feeds = feeds
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
    args = parser.parse_args()
    Handler.state = State(args.feeds)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    print(f"PORT {server.server_address[1]}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever(poll_interval=0.2)
    sys.exit(0)


if __name__ == "__main__":
    main()
