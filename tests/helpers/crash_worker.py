"""A child process for the crash-safety tests; the parent SIGKILLs it.

``refresh DATA_DIR JOURNAL BASE_URL FEEDS SEED``: open the library, subscribe to FEEDS feeds
of the parent's loopback server (once), then refresh in a loop on the main thread while a
second thread stars/unstars and marks read/unread articles, the way the GUI does while a
refresh runs. Each mark is journaled, fsync'd, twice: ``want`` before the call and ``done``
after it returned, so the parent knows which marks the library promised to keep and which
one (at most) was in flight when it was killed. Each completed refresh journals ``refreshed``.

``migrate-crash DATA_DIR``: open the library with one more migration that changes the schema
and data, then kills its own process halfway through that migration.

The parent drives it, e.g.::

    python -m tests.helpers.crash_worker refresh /tmp/lib /tmp/journal http://127.0.0.1:8080 8 3
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from newsreader.core.library import Library, open_library
from newsreader.core.settings import Settings
from tests.helpers.library_tools import add_feed_unchecked

_STARTED = time.monotonic()


class Journal:
    """Append-only lines, each on disk (fsync) before the next step."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._lock = threading.Lock()

    def write(self, line: str) -> None:
        with self._lock:
            os.write(self._fd, (line + "\n").encode())
            os.fsync(self._fd)


def _subscribe(lib: Library, base_url: str, count: int) -> None:
    known = {feed.url for feed in lib.feeds()}
    for i in range(count):
        url = f"{base_url}/feed/{i}"
        if url not in known:  # an earlier round may have been killed half-way through this
            add_feed_unchecked(lib, url, title=f"Feed {i}", kind="feed")


def _mark_loop(lib: Library, journal: Journal, rng: random.Random, stop: threading.Event) -> None:
    ids: list[int] = []
    done = 0
    while not stop.is_set():
        if done % 25 == 0 or not ids:  # pick among the articles stored so far, new ones too
            ids = [entry.id for entry in lib.entries(limit=400)]
        if not ids:
            stop.wait(0.01)
            continue
        entry_id = rng.choice(ids)
        kind = rng.choice(("star", "read"))
        value = int(rng.random() < 0.5)
        journal.write(f"want {kind} {entry_id} {value}")
        if kind == "star":
            lib.set_starred(entry_id, bool(value))
        else:
            lib.mark_read([entry_id], bool(value))
        journal.write(f"done {kind} {entry_id} {value}")
        done += 1
        stop.wait(rng.uniform(0.0, 0.004))


def run_refresh(data_dir: Path, journal_path: Path, base_url: str, feeds: int, seed: int) -> None:
    settings = Settings(max_connections=8, max_per_host=4, request_timeout_s=10.0)
    lib = open_library(data_dir, settings=settings)
    journal = Journal(journal_path)
    _subscribe(lib, base_url, feeds)
    journal.write(f"ready {time.monotonic() - _STARTED:.3f}")
    print("ready", flush=True)
    stop = threading.Event()
    marker = threading.Thread(
        target=_mark_loop, args=(lib, journal, random.Random(seed), stop), daemon=True
    )
    marker.start()
    rounds = 0
    while True:  # until killed; refreshes with and without full articles in turn
        started = time.monotonic()
        lib.refresh(full_articles=(rounds + seed) % 2 == 0)
        rounds += 1
        journal.write(f"refreshed {time.monotonic() - started:.3f}")


def _half_migration(db: object) -> None:
    """A migration that rewrites the schema and the data, then the process dies mid-way."""
    execute = db.execute_sql  # type: ignore[attr-defined]
    execute('CREATE TABLE "crash_probe" ("id" INTEGER NOT NULL PRIMARY KEY, "note" TEXT)')
    execute('ALTER TABLE "entry" ADD COLUMN "crash_probe" TEXT')
    execute('UPDATE "entry" SET "title" = \'half-migrated\', "starred" = 0')
    execute('DELETE FROM "feed"')  # with the foreign keys' cascade: every entry goes too
    execute('INSERT INTO "crash_probe" ("note") VALUES (\'x\')')
    os.kill(os.getpid(), signal.SIGKILL)


def run_migrate_crash(data_dir: Path) -> None:
    from newsreader.core.storage import migrations

    migrations.MIGRATIONS.append(_half_migration)
    migrations.LATEST = len(migrations.MIGRATIONS)
    open_library(data_dir)
    raise SystemExit("the migration should have killed this process")


def _full_disk_feed(feed: int, count: int, rev: int, filler: int) -> bytes:
    pad = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * filler
    items = "".join(
        f"<item><guid isPermaLink='false'>f{feed}-n{n}</guid><title>Item {n}</title>"
        f"<link>https://full.example/{feed}/{n}</link><description>r{rev} {pad}</description>"
        "</item>"
        for n in range(count)
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>"
        f"<link>https://full.example/</link>{items}</channel></rss>"
    ).encode()


def _fill(disk: Path) -> Path:
    """Write a ballast file until the filesystem refuses another byte."""
    ballast = disk / "ballast"
    with ballast.open("wb", buffering=0) as out:
        for size in (1 << 16, 1 << 12, 1 << 9, 1):
            try:
                while True:
                    out.write(b"\0" * size)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
    return ballast


def mark_sql(con: sqlite3.Connection, kind: str) -> str:
    """The query of one entry's star or read mark (0/1) by id, in either schema: the read mark
    moved from "entry" to "entry_state" in migration 5."""
    if kind == "star":
        return 'SELECT "starred" FROM "entry" WHERE "id" = ?'
    columns = {row[1] for row in con.execute('PRAGMA table_info("entry")')}
    if "read" in columns:
        return 'SELECT "read" FROM "entry" WHERE "id" = ?'
    return 'SELECT "read" FROM "entry_state" WHERE "entry_id" = ?'


def marked(con: sqlite3.Connection, kind: str) -> set[int]:
    """The ids of the entries with that mark set."""
    ids = [row[0] for row in con.execute('SELECT "id" FROM "entry"')]
    query = mark_sql(con, kind)
    return {i for i in ids if con.execute(query, (i,)).fetchone()[0]}


def _feed_revisions(db_path: Path) -> tuple[str, dict[int, set[str]], set[int], set[int]]:
    """(integrity_check, {feed id: revisions stored}, starred ids, read ids), read afresh."""
    con = sqlite3.connect(db_path)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        revisions: dict[int, set[str]] = {}
        for feed_id, summary in con.execute("select feed_id, summary_html from entry"):
            revisions.setdefault(feed_id, set()).add(summary.split()[0])
        starred, read = marked(con, "star"), marked(con, "read")
    finally:
        con.close()
    return integrity, revisions, starred, read


def run_full_disk(disk: Path) -> None:
    """Runs in a mount namespace of its own: a library on a 4 MB tmpfs, filled up."""
    from newsreader.core import paths
    from newsreader.core.errors import StorageError
    from tests.helpers.fake_fetcher import FakeFetcher

    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], check=True)
    urls = [f"https://full.example/feed/{i}.xml" for i in range(4)]
    fetcher = FakeFetcher({url: _full_disk_feed(i, 10, 1, 1) for i, url in enumerate(urls)})
    data_dir = disk / "data"
    lib = open_library(data_dir, fetcher=fetcher)
    for url in urls:
        add_feed_unchecked(lib, url, kind="feed", full_article=False)
    lib.refresh()
    ids = sorted(entry.id for entry in lib.entries())
    lib.set_starred(ids[1])
    lib.mark_read(ids[2:6])
    facts: dict[str, object] = {"entries_before": len(ids)}
    db_path = paths.database_path(data_dir)
    before = _feed_revisions(db_path)
    ballast = _fill(disk)
    for i, url in enumerate(urls):  # each feed now needs far more room than is left
        fetcher.responses[url] = _full_disk_feed(i, 60, 2, 10)
    try:
        lib.refresh()
        facts["error"] = ""
    except StorageError as exc:
        facts["error"] = str(exc)
    try:
        lib.images.save(b"\x89PNG\r\n\x1a\n" + b"x" * 200_000 + b"\0\0\0\0IEND\xaeB`\x82")
        facts["image_error"] = ""
    except OSError as exc:
        facts["image_error"] = exc.strerror
    partial = [str(p) for p in paths.images_dir(data_dir).rglob("*") if p.is_file()]
    facts["partial_files"] = partial
    lib.close()  # on the full disk: the WAL cannot be checkpointed into the file
    integrity, revisions, starred, read = _feed_revisions(db_path)
    facts["integrity"] = integrity
    facts["whole_feeds"] = all(len(revs) == 1 for revs in revisions.values())
    facts["marks_kept"] = (starred, read) == before[2:]
    lib = open_library(data_dir, fetcher=fetcher)  # reopening still works on the full disk
    ballast.unlink()
    results = lib.refresh()
    facts["after_space_freed"] = "; ".join(r.error for r in results if r.error) or "ok"
    facts["entries_after"] = len(lib.entries())
    lib.close()
    integrity, revisions, starred, read = _feed_revisions(db_path)
    facts["marks_kept"] = facts["marks_kept"] and (starred, read) == before[2:]
    facts["integrity"] = integrity if facts["integrity"] == "ok" else facts["integrity"]
    print(json.dumps(facts), flush=True)


def main(argv: list[str]) -> None:
    if argv[0] == "refresh":
        run_refresh(Path(argv[1]), Path(argv[2]), argv[3], int(argv[4]), int(argv[5]))
    elif argv[0] == "migrate-crash":
        run_migrate_crash(Path(argv[1]))
    elif argv[0] == "full-disk":
        run_full_disk(Path(argv[1]))
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
