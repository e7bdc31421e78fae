"""Big refreshes parse in worker processes (core/update/parse_pool.py): the articles stored
are the same as when the reader's process parses them; a worker that dies, a document it
cannot read, a feed that needs autodiscovery: the refresh still stores every feed it can and
reports the others as usual."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from newsreader.core.library import open_library
from newsreader.core.paths import database_path
from newsreader.core.update import parse_pool as parsepool
from tests.helpers.http_server import Response
from tests.helpers.library_tools import add_feed_unchecked

NOW = 1_700_000_000.0
FEEDS = parsepool.MIN_FEEDS + 6


def _rss(n: int, base: str) -> bytes:
    items = "".join(
        f"<item><title>Berita {n}-{i} &amp; kabar</title><link>{base}/a/{n}/{i}</link>"
        f"<guid isPermaLink='false'>f{n}-{i}</guid>"
        f"<pubDate>Tue, 14 Nov 2023 {i:02d}:13:20 +0700</pubDate>"
        f"<description>&lt;p&gt;Ringkasan &lt;b&gt;{n}-{i}&lt;/b&gt; caf\u00e9&lt;/p&gt;"
        "&lt;script&gt;alert(1)&lt;/script&gt;</description></item>"
        for i in range(6)
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>F{n}</title>"
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def _serve(http_server) -> list[str]:  # type: ignore[no-untyped-def]
    urls = []
    for n in range(FEEDS):
        http_server.route(f"/feed{n}.xml", _rss(n, http_server.url("")),
                          headers={"Content-Type": "application/rss+xml"})  # fmt: skip
        urls.append(http_server.url(f"/feed{n}.xml"))
    return urls


def _stored(data: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(database_path(data))
    try:
        return con.execute(
            "SELECT f.url, e.guid, e.url, e.title, e.author, e.published_ts, e.summary_html,"
            " e.feed_html, e.html, e.text, e.extraction, e.content_hash, e.sort_ts, s.read"
            " FROM entry e JOIN feed f ON f.id = e.feed_id JOIN entry_state s"
            " ON s.entry_id = e.id ORDER BY f.url, e.guid"
        ).fetchall()
    finally:
        con.close()


def _refresh(data: Path, urls: list[str], *, processes: bool) -> list:  # type: ignore[type-arg]
    library = open_library(data, clock=lambda: NOW)
    try:
        library.refresher.parse_in_processes = processes
        for url in urls:
            add_feed_unchecked(library, url, kind="feed", full_article=False)
        return library.refresh()
    finally:
        library.close()


def test_workers_store_what_the_readers_process_would(
    tmp_path: Path, http_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = _serve(http_server)
    answered = []
    real_parse = parsepool.ParsePool.parse

    def parse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_parse(self, *args, **kwargs)
        answered.append(result is not None)
        return result

    monkeypatch.setattr(parsepool.ParsePool, "parse", parse)
    pooled = _refresh(tmp_path / "pooled", urls, processes=True)
    assert answered == [True] * FEEDS  # every feed was parsed by a worker
    threaded = _refresh(tmp_path / "threaded", urls, processes=False)
    assert [r.new for r in pooled] == [r.new for r in threaded] == [6] * FEEDS
    rows = _stored(tmp_path / "pooled")
    assert rows == _stored(tmp_path / "threaded")
    assert len(rows) == FEEDS * 6
    assert all("script" not in row[6] and "alert" not in row[9] for row in rows)


def test_unreadable_documents_and_a_dead_worker_do_not_stop_the_refresh(
    tmp_path: Path, http_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = _serve(http_server)
    http_server.route(
        "/feed3.xml", b"<rss><channel><item>broken", headers={"Content-Type": "text/xml"}
    )
    http_server.route(
        "/feed4.xml", b"<html><body>a page</body></html>", headers={"Content-Type": "text/html"}
    )
    asked = 0
    real_ask = parsepool._Worker._ask

    def ask_then_die(self, request):  # type: ignore[no-untyped-def]
        nonlocal asked
        asked += 1
        if asked == 10 and self._proc is not None:  # the worker is killed mid-refresh
            os.kill(self._proc.pid, signal.SIGKILL)
        return real_ask(self, request)

    monkeypatch.setattr(parsepool._Worker, "_ask", ask_then_die)
    results = _refresh(tmp_path / "data", urls, processes=True)
    errors = {r.url.rsplit("/", 1)[1]: r.error for r in results if r.error}
    assert set(errors) == {"feed3.xml", "feed4.xml"}
    assert "web page" in errors["feed4.xml"].lower() or "not a feed" in errors["feed4.xml"].lower()
    assert [r.new for r in results if not r.error] == [6] * (FEEDS - 2)
    assert asked >= 10


def test_a_document_a_worker_cannot_read_is_reported_as_the_thread_would(
    tmp_path: Path, http_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker answers with the error, message and all, that parsing in the reader's
    process gives; nothing is parsed a second time there. Index pages parse in workers too."""
    from newsreader.core.feeds import parse

    urls = _serve(http_server)
    http_server.route("/feed3.xml", b"<rss><channel><item>broken",
                      headers={"Content-Type": "text/xml"})  # fmt: skip
    links = "".join(f'<a href="/berita/2024/05/0{n}/judul-berita-ke-{n}">Judul berita {n}</a>'
                    for n in range(1, 4))  # fmt: skip
    page = f"<html><head><title>Indeks</title></head><body>{links}</body></html>".encode()
    http_server.route("/feed4.xml", page, headers={"Content-Type": "text/html"})
    parsed_here = []
    real_parse_feed = parse.parse_feed

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        parsed_here.append(1)
        return real_parse_feed(*args, **kwargs)

    monkeypatch.setattr(parse, "parse_feed", counted)
    outcomes = {}
    for processes in (True, False):
        parsed_here.clear()
        data = tmp_path / str(processes)
        library = open_library(data, clock=lambda: NOW)
        try:
            library.refresher.parse_in_processes = processes
            for n, url in enumerate(urls):
                kind = "index" if n in (4, 5) else "feed"
                add_feed_unchecked(library, url, kind=kind, full_article=False)
            results = library.refresh()
        finally:
            library.close()
        outcomes[processes] = ([(r.new, r.error) for r in results], _stored(data))
        assert len(parsed_here) == (0 if processes else FEEDS - 2)  # not the index pages
    assert outcomes[True] == outcomes[False]
    errors = [error for _, error in outcomes[True][0] if error]
    assert len(errors) == 2 and "XML error" in errors[0] and "no article links" in errors[1]


def test_workers_end_with_the_readers_process_even_when_it_is_killed(
    tmp_path: Path, http_server
) -> None:
    """A worker reads its requests from a pipe: when the reader's process dies (SIGKILL in
    the middle of a refresh), the pipe closes and the worker ends; nothing is left running."""
    import subprocess
    import sys
    import threading

    import psutil

    urls = _serve(http_server)
    gate = threading.Event()

    def held(_request):  # type: ignore[no-untyped-def]
        gate.wait(30)
        return Response(200, _rss(FEEDS - 1, http_server.url("")))

    http_server.route(f"/feed{FEEDS - 1}.xml", handler=held)
    code = (
        "import sys; from pathlib import Path\n"
        "from newsreader.core.library import open_library\n"
        "from tests.helpers.library_tools import add_feed_unchecked\n"
        "lib = open_library(Path(sys.argv[1]))\n"
        "for url in sys.argv[2:]: add_feed_unchecked(lib, url, kind='feed', full_article=False)\n"
        "lib.refresh()\n"
    )
    root = Path(__file__).resolve().parents[3]
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "data"), *urls], cwd=root)
    try:
        parent = psutil.Process(proc.pid)
        workers: list[psutil.Process] = []
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline and proc.poll() is None:
            workers = [
                p
                for p in parent.children(recursive=True)
                if "newsreader.core.update.parse_worker" in " ".join(p.cmdline())
            ]
        assert workers, "the refresh started no parse worker"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        _gone, alive = psutil.wait_procs(workers, timeout=10)
        assert alive == []
    finally:
        gate.set()
        if proc.poll() is None:
            proc.kill()
