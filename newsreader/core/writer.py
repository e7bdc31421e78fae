"""The single writer: every database write runs on one dedicated thread, in order.

Fetching and parsing run in parallel; writes are sequential, each job in one transaction,
so a crash mid-refresh leaves every feed either fully updated or untouched.
"""

from __future__ import annotations

import functools
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

import peewee
from peewee import SqliteDatabase

from .db import as_storage_error, root_failure
from .errors import StorageError

log = logging.getLogger(__name__)

T = TypeVar("T")

_STOP = object()
# Checkpoints (see Writer._checkpoint): after this many changed rows, when idle; by SQLite
# itself, inside a commit, only past this many pages of log (40 MB; its default is 1,000).
_CHECKPOINT_ROWS = 1000
_AUTO_CHECKPOINT_PAGES = 10_000


class Writer:
    """Runs write jobs on its own thread. ``call`` blocks; ``submit`` returns a Future."""

    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="newsreader-writer", daemon=True)
        self._closed = False
        self._checkpointed_at = 0  # the connection's total_changes at the last checkpoint
        self._thread.start()

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        if self._closed:
            raise StorageError("the library is closed")
        future: Future[T] = Future()
        self._jobs.put((future, functools.partial(fn, *args, **kwargs)))
        return future

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` in a write transaction and return its result."""
        if threading.current_thread() is self._thread:
            return fn(*args, **kwargs)  # already inside a write job
        return self.submit(fn, *args, **kwargs).result()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._jobs.put(_STOP)
        self._thread.join()

    def _run(self) -> None:
        try:
            self._pragma(f"wal_autocheckpoint = {_AUTO_CHECKPOINT_PAGES}")  # see _checkpoint
            while True:
                job = self._jobs.get()
                if job is _STOP:
                    break
                future, fn = job
                if future.set_running_or_notify_cancel():
                    self._run_one(future, fn)
                    if self._jobs.empty():
                        self._checkpoint()
        finally:
            if not self._db.is_closed():
                self._db.close()

    def _checkpoint(self) -> None:
        """Copy the write-ahead log into the database when the queue is empty and the jobs
        since the last copy changed many rows: after their callers have their results.
        SQLite's own checkpoint, at 1,000 pages, ran inside the commit of the job that
        crossed the mark and added 70-100 ms to it (issue 5: marking 140,000 articles read
        in at most 300 ms); its mark is raised to _AUTO_CHECKPOINT_PAGES, a backstop for
        long busy spells. PASSIVE: readers are never waited for."""
        try:
            changes = int(self._db.connection().total_changes)  # type: ignore[no-untyped-call]
        except (sqlite3.Error, peewee.DatabaseError):
            return
        if changes - self._checkpointed_at >= _CHECKPOINT_ROWS:
            self._checkpointed_at = changes
            self._pragma("wal_checkpoint(PASSIVE)")

    def _pragma(self, pragma: str) -> None:
        """A pragma the writer can do without: a failure (a full disk) is logged, and the
        writer goes on (SQLite then checkpoints by itself, or the next checkpoint will)."""
        try:
            self._db.execute_sql(f"PRAGMA {pragma}")  # type: ignore[no-untyped-call]
        except (OSError, sqlite3.Error, peewee.DatabaseError) as exc:
            log.warning("PRAGMA %s failed: %s", pragma, exc)

    def _run_one(self, future: Future[Any], fn: Callable[[], Any]) -> None:
        try:
            with self._db.atomic():
                result = fn()
        except Exception as exc:
            error = as_storage_error(exc, "save to the database")
            if error is not None:
                log.error("database write failed: %s", error.__cause__)
                future.set_exception(error)
            else:
                future.set_exception(root_failure(exc))
        else:
            future.set_result(result)
