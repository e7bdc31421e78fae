"""A child process for the crash-safety tests (issue 4 point 3); the parent SIGKILLs it.

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

import os
import random
import signal
import sys
import threading
from pathlib import Path

from newsreader.core.library import Library, open_library
from newsreader.core.settings import Settings


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
            lib.add_feed_unchecked(url, title=f"Feed {i}", kind="feed")


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
    journal.write("ready")
    print("ready", flush=True)
    stop = threading.Event()
    marker = threading.Thread(
        target=_mark_loop, args=(lib, journal, random.Random(seed), stop), daemon=True
    )
    marker.start()
    rounds = 0
    while True:  # until killed; a refresh with full articles, then one without
        lib.refresh(full_articles=rounds % 2 == 0)
        rounds += 1
        journal.write("refreshed")


def _half_migration(db: object) -> None:
    """A migration that rewrites the schema and the data, then the process dies mid-way."""
    execute = db.execute_sql  # type: ignore[attr-defined]
    execute('CREATE TABLE "crash_probe" ("id" INTEGER NOT NULL PRIMARY KEY, "note" TEXT)')
    execute('ALTER TABLE "entry" ADD COLUMN "crash_probe" TEXT')
    execute("UPDATE \"entry\" SET \"title\" = 'half-migrated', \"starred\" = 0, \"read\" = 0")
    execute('DELETE FROM "feed"')  # with the foreign keys' cascade: every entry goes too
    execute("INSERT INTO \"crash_probe\" (\"note\") VALUES ('x')")
    os.kill(os.getpid(), signal.SIGKILL)


def run_migrate_crash(data_dir: Path) -> None:
    from newsreader.core import migrations

    migrations.MIGRATIONS.append(_half_migration)
    migrations.LATEST = len(migrations.MIGRATIONS)
    open_library(data_dir)
    raise SystemExit("the migration should have killed this process")


def main(argv: list[str]) -> None:
    if argv[0] == "refresh":
        run_refresh(Path(argv[1]), Path(argv[2]), argv[3], int(argv[4]), int(argv[5]))
    elif argv[0] == "migrate-crash":
        run_migrate_crash(Path(argv[1]))
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
