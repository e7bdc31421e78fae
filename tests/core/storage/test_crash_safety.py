"""Crash safety: SIGKILL at random moments never loses or damages data.

A child process (tests/helpers/crash_worker.py) refreshes feeds that change on every request
while it stars and marks articles; the parent kills it at random moments, many times over,
and after each kill checks a copy of the files as the crash left them: SQLite's integrity and
foreign-key checks pass, every mark the library had confirmed is there, no article stored
before is gone, and every feed holds one whole answer of its server (one transaction per
feed). The next round reopens the same library, so WAL recovery runs again and again.
(A kill in the middle of a migration: tests/core/storage/test_migrations.py.)
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsreader.core import paths
from newsreader.core.library import open_library
from newsreader.core.storage import migrations
from tests.helpers.crash_worker import mark_sql
from tests.helpers.http_server import HttpServer, Request, Response
from tests.helpers.library_tools import starred_ids

ROOT = Path(__file__).resolve().parents[3]
FEEDS = 6
KILLS = 40
NEW_PER_REQUEST = 5  # each answer of a feed adds this many items...
WINDOW = 30  # ...and revises the text of every item it carries
_REVISION = re.compile(r"\bf(\d+) n(\d+) r(\d+)\b")
_PNG = b"\x89PNG\r\n\x1a\n"
_IEND = b"\0\0\0\0IEND\xaeB`\x82"  # a PNG with its end: not refused as cut short


def _window(answer: int) -> range:
    """The item numbers of a feed's ``answer``-th answer (1-based)."""
    return range(max(1, answer * NEW_PER_REQUEST - WINDOW + 1), answer * NEW_PER_REQUEST + 1)


def _title(feed: int, item: int) -> str:
    return f"Feed {feed} item {item}"


class ChangingSite:
    """Feeds that change on every request, their article pages and images, on ``server``."""

    def __init__(self, server: HttpServer, feeds: int) -> None:
        self.server = server
        self.answers = [0] * feeds  # answers served per feed, across all rounds
        for i in range(feeds):
            server.route(f"/feed/{i}", handler=lambda request, i=i: self._feed(i))
        server.route("/article", handler=self._article)
        server.route("/img", handler=self._image)

    def _feed(self, feed: int) -> Response:
        with self.server._lock:
            self.answers[feed] += 1
            answer = self.answers[feed]
        base = self.server.url()
        filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 6
        items = "".join(
            f"<item><guid isPermaLink='false'>f{feed}-n{n}</guid><title>{_title(feed, n)}"
            f"</title><link>{base}article?f={feed}&amp;n={n}</link><description>&lt;p&gt;"
            f"f{feed} n{n} r{answer} {filler}&lt;/p&gt;</description>"
            f"<pubDate>Mon, 03 Jun 2024 {n // 60 % 24:02d}:{n % 60:02d}:00 +0700</pubDate></item>"
            for n in reversed(_window(answer))
        )
        body = (
            f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Feed {feed}</title><link>{base}</link><description>d</description>"
            f"{items}</channel></rss>"
        ).encode()
        return Response(200, body, {"Content-Type": "application/rss+xml"})

    def _article(self, request: Request) -> Response:
        query = dict(part.split("=", 1) for part in request.path.split("?", 1)[1].split("&"))
        feed, item = query["f"], query["n"]
        paragraphs = "".join(
            f"<p>Paragraph {p} of item {item} of feed {feed}: the full text of the article, "
            "long enough for the extractor to take it as the body of the page.</p>"
            for p in range(8)
        )
        body = (
            f"<html><head><title>{_title(int(feed), int(item))}</title></head><body><article>"
            f"<h1>{_title(int(feed), int(item))}</h1>"
            f"<img src='/img?f={feed}&amp;n={item}' alt='photo of item {item}'>{paragraphs}"
            "</article></body></html>"
        ).encode()
        return Response(200, body, {"Content-Type": "text/html; charset=utf-8"})

    def _image(self, request: Request) -> Response:
        body = _PNG + request.path.encode() * 50 + _IEND
        return Response(200, body, {"Content-Type": "image/png"})


@dataclass
class Expected:
    """What must survive every crash, learned from the journal and earlier rounds."""

    marks: dict[tuple[str, int], int] = field(default_factory=dict)
    titles: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (guid, title)
    journal_offset: int = 0
    marks_done: int = 0
    refreshes_done: int = 0
    in_flight_resolved: int = 0
    images: int = 0  # image files the library has stored
    hot_wals: int = 0  # kills that left committed work in the WAL for the library to recover


def _copy_crashed_files(data_dir: Path, scratch: Path, expected: Expected) -> Path:
    """The database and its WAL as the kill left them; the copy is checked, so the next round
    still finds the hot WAL and the library itself has to recover it."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    source = paths.database_path(data_dir)
    target = scratch / "check.db"
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name("check.db-wal"))
        expected.hot_wals += wal.stat().st_size > 0
    return target


def _read_journal(path: Path, expected: Expected) -> list[list[str]]:
    """New complete lines since the last round; a line cut by the kill is dropped."""
    data = path.read_bytes() if path.exists() else b""
    complete = data[: data.rfind(b"\n") + 1]
    if len(complete) != len(data):
        with path.open("r+b") as out:  # the next round appends after the last whole line
            out.truncate(len(complete))
    lines = complete[expected.journal_offset :].decode().splitlines()
    expected.journal_offset = len(complete)
    return [line.split() for line in lines]


def _check_marks(con: sqlite3.Connection, lines: list[list[str]], expected: Expected) -> None:
    in_flight: tuple[str, int, int] | None = None
    for words in lines:
        if words[0] == "refreshed":
            expected.refreshes_done += 1
        elif words[0] == "want":
            in_flight = (words[1], int(words[2]), int(words[3]))
        elif words[0] == "done":
            expected.marks[(words[1], int(words[2]))] = int(words[3])
            expected.marks_done += 1
            in_flight = None
    query = {kind: mark_sql(con, kind) for kind in ("star", "read")}
    if in_flight is not None:  # killed during this call: either outcome is right
        kind, entry_id, value = in_flight
        row = con.execute(query[kind], (entry_id,)).fetchone()
        assert row is not None, f"entry {entry_id} vanished"
        assert row[0] in (expected.marks.get((kind, entry_id), 0), value)
        expected.marks[(kind, entry_id)] = row[0]
        expected.in_flight_resolved += 1
    for (kind, entry_id), value in expected.marks.items():
        row = con.execute(query[kind], (entry_id,)).fetchone()
        assert row is not None and row[0] == value, f"{kind} of entry {entry_id} lost"


def _check_feeds_whole(con: sqlite3.Connection, site: ChangingSite) -> None:
    """Each feed holds one whole answer: all items of its newest stored answer, at that
    revision, and nothing from a later answer (one transaction per feed's update)."""
    revisions: dict[int, dict[int, int]] = {}
    for (summary,) in con.execute("select summary_html from entry"):
        found = _REVISION.search(summary)
        assert found is not None, summary
        feed, item, rev = map(int, found.groups())
        revisions.setdefault(feed, {})[item] = rev
    for feed, items in revisions.items():
        newest = max(items.values())
        assert newest <= site.answers[feed]
        assert max(items) == newest * NEW_PER_REQUEST, f"feed {feed}: items of a later answer"
        for item in _window(newest):
            assert items.get(item) == newest, f"feed {feed}: answer {newest} stored in part"


def _check_entries_kept(con: sqlite3.Connection, expected: Expected) -> None:
    rows = {i: (g, t) for i, g, t in con.execute("select id, guid, title from entry")}
    assert len(rows) >= len(expected.titles), "articles were lost"
    for entry_id, (guid, title) in expected.titles.items():
        assert rows.get(entry_id) == (guid, title), f"entry {entry_id} lost or changed"
    for guid, title in rows.values():
        feed, item = re.fullmatch(r"f(\d+)-n(\d+)", guid).groups()  # type: ignore[union-attr]
        assert title == _title(int(feed), int(item))
    expected.titles = rows


def _check_derived(con: sqlite3.Connection) -> None:
    """What triggers keep in step with "entry" (the lists' state table, the search index) is
    written in the same transaction, so a crash never leaves them apart."""
    tables = {row[0] for row in con.execute("select name from sqlite_master where type='table'")}
    if "entry_state" in tables:
        apart = con.execute(
            "select count(*) from entry e left join entry_state s on s.entry_id = e.id"
            " where s.entry_id is null or s.starred != e.starred or s.sort_ts != e.sort_ts"
        ).fetchone()[0]
        assert apart == 0
        assert con.execute("select count(*) from entry_state").fetchone()[0] == len(
            con.execute("select id from entry").fetchall()
        )
    if "entry_fts" in tables:  # raises "database disk image is malformed" if out of step
        if "search_indexed" in tables:  # articles waiting for indexing go in, as before a search
            con.execute(
                "INSERT INTO entry_fts(rowid, title, author, text) SELECT id, title, author,"
                " text FROM entry WHERE id > (SELECT upto FROM search_indexed)"
            )
        con.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)")


def _check_files(con: sqlite3.Connection, data_dir: Path) -> int:
    for (body,) in con.execute("select body from page"):
        assert zlib.decompress(body)
    images = paths.images_dir(data_dir)
    rows = con.execute("select sha256, path from image where path != ''").fetchall()
    for sha, rel in rows:
        assert hashlib.sha256((images / rel).read_bytes()).hexdigest() == sha
    return len(rows)


def _check(data_dir: Path, scratch: Path, journal: Path, site: ChangingSite, exp: Expected) -> None:
    if not paths.database_path(data_dir).exists():  # killed before it was created
        assert not exp.titles
        return
    con = sqlite3.connect(_copy_crashed_files(data_dir, scratch, exp))
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:  # killed while the very first open created the schema
            assert not exp.titles and not exp.marks
            return
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert version == migrations.LATEST
        _check_marks(con, _read_journal(journal, exp), exp)
        _check_entries_kept(con, exp)
        _check_feeds_whole(con, site)
        _check_derived(con)
        exp.images = _check_files(con, data_dir)
    finally:
        con.close()


def _spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.crash_worker", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_after(proc: subprocess.Popen[bytes], delay: float) -> None:
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
    else:  # it must run until killed
        pytest.fail(f"the worker ended by itself: {proc.stderr.read().decode()}")  # type: ignore[union-attr]


def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path, http_server) -> None:
    site = ChangingSite(http_server, FEEDS)
    data_dir, journal, scratch = tmp_path / "data", tmp_path / "journal", tmp_path / "check"
    rng = random.Random(4_3)  # the same moments on every run
    expected = Expected()
    for kill in range(KILLS):
        proc = _spawn("refresh", str(data_dir), str(journal), http_server.url(""), str(FEEDS),
                      str(kill))  # fmt: skip
        _kill_after(proc, rng.uniform(0.0, 1.5))
        _check(data_dir, scratch, journal, site, expected)
    # The kills hit real work: refreshes finished, marks confirmed, some mid-call.
    # Typically 20-80 refreshes, 500-1,300 marks, 20 calls cut short, 30+ hot WALs; the
    # bounds leave room for a machine busy with other work.
    assert expected.refreshes_done >= KILLS // 10
    assert expected.marks_done >= 2 * KILLS
    assert len(expected.titles) >= 10 * FEEDS
    assert sum(site.answers) >= KILLS
    assert expected.hot_wals >= KILLS // 4
    assert expected.images >= FEEDS
    # Last, the library itself opens what the last kill left and shows the same state.
    with open_library(data_dir) as lib:
        assert len(lib.entries()) == len(expected.titles)
        starred = {i for (kind, i), value in expected.marks.items() if kind == "star" and value}
        assert set(starred_ids(lib)) == starred
