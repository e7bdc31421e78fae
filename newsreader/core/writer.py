"""The single writer: every database write runs on one dedicated thread, in order.

Fetching and parsing run in parallel; writes are sequential, each job in one transaction,
so a crash mid-refresh leaves every feed either fully updated or untouched.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from peewee import SqliteDatabase

from .db import as_storage_error, root_failure
from .errors import StorageError

log = logging.getLogger(__name__)

T = TypeVar("T")

_STOP = object()


class Writer:
    """Runs write jobs on its own thread. ``call`` blocks; ``submit`` returns a Future."""

    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="newsreader-writer", daemon=True)
        self._closed = False
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
            while True:
                job = self._jobs.get()
                if job is _STOP:
                    break
                future, fn = job
                if future.set_running_or_notify_cancel():
                    self._run_one(future, fn)
        finally:
            if not self._db.is_closed():
                self._db.close()

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
