"""Parsing feeds and sanitizing their new entries in worker processes, for big refreshes.

Why processes: parsing and sanitizing are pure CPU work, and in threads they hold the GIL
against the single writer, which gives the GIL up for every SQLite call and then waits to get
it back (a cold refresh of 500 feeds spent 4-5 s on 3 s of work, the rest lost that way). In
worker processes they run on the other cores; the reader's process keeps the network and the
writes.

Only for refreshes of many feeds (``MIN_FEEDS``): a worker takes ~0.3 s to start, more than a
few feeds take to parse. The workers are plain child processes (``python -m
newsreader.core.update.parse_worker``) fed through pipes, not ``multiprocessing``, whose "spawn"
re-imports the program's main module in each child (a script without a main guard would run
again there). A worker parses as the refresh thread would (``feeds.document.parse_document``):
a document it cannot read comes back as the error the thread would have raised (``Failed``),
raised again here. Only a worker that died or could not start leaves its documents to the
refresh threads (``parse`` answers None).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsreader.core.errors import NotAFeedError, ParseError
from newsreader.core.storage.ingest import Prepared
from newsreader.core.types import FetchResult, ParsedFeed

log = logging.getLogger(__name__)

MIN_FEEDS = 24  # a refresh of fewer feeds parses in its own threads
_STOP = object()
_HEADER = struct.Struct(">I")


@dataclass(frozen=True)
class Failed:
    """A worker's answer for a document it could not read: the error the refresh thread
    would have raised (exceptions do not pickle with their url and message apart)."""

    error: str  # the class name: ParseError or NotAFeedError
    url: str
    message: str

    @classmethod
    def of(cls, exc: ParseError) -> Failed:
        return cls(type(exc).__name__, exc.url, exc.message)

    def exception(self) -> ParseError:
        kind = NotAFeedError if self.error == NotAFeedError.__name__ else ParseError
        return kind(self.url, self.message)


Parsed = tuple[ParsedFeed, Prepared]
Answer = Parsed | Failed  # what a worker answers
Result = Answer | None  # None: no worker could take the document


def available() -> bool:
    """Whether workers can be started: not from a frozen build (no ``python -m`` there)."""
    return not getattr(sys, "frozen", False)


def worker_count() -> int:
    """One worker per core beyond the one the reader's process keeps busy (at least one)."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


def write_frame(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next value; EOFError when the other side has gone."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # our own child, over our own pipe


class ParsePool:
    """Worker processes that parse feed documents and prepare their entries (``parse``)."""

    def __init__(self, db_path: Path, processes: int | None = None) -> None:
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._workers = [
            _Worker(db_path, self._jobs, n) for n in range(processes or worker_count())
        ]

    def parse(
        self, feed_id: int, result: FetchResult, *, kind: str, article_url: str, now: float
    ) -> Parsed | None:
        """The parsed document (a feed or an index page, see ``parse_document``) and its new
        entries drafted for the writer (``ingest.draft``); None: parse it in this process
        instead. Raises the ParseError the worker reported."""
        future: Future[Result] = Future()
        self._jobs.put((future, (feed_id, result, kind, article_url, now)))
        answer = future.result()
        if isinstance(answer, Failed):
            raise answer.exception()
        return answer

    def close(self) -> None:
        for _ in self._workers:
            self._jobs.put(_STOP)
        for worker in self._workers:
            worker.join()


class _Worker:
    """One child process and the thread that talks to it, taking jobs from the shared queue."""

    def __init__(self, db_path: Path, jobs: queue.SimpleQueue[Any], n: int) -> None:
        self._db_path = db_path
        self._jobs = jobs
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._run, name=f"newsreader-parse-{n}", daemon=True)
        self._thread.start()

    def join(self) -> None:
        self._thread.join()

    def _run(self) -> None:
        started = False
        try:
            while (job := self._jobs.get()) is not _STOP:
                if not started:  # at the first document: a refresh of 304s needs none
                    started = True
                    try:
                        self._proc = self._start()
                    except OSError as exc:
                        log.warning("parse worker could not start: %s", exc)
                future, request = job
                if future.set_running_or_notify_cancel():
                    future.set_result(self._ask(request))
        finally:
            self._stop()

    def _start(self) -> subprocess.Popen[bytes]:
        package_root = str(Path(__file__).resolve().parent.parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        return subprocess.Popen(
            [sys.executable, "-m", "newsreader.core.update.parse_worker", str(self._db_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )

    def _ask(self, request: tuple[Any, ...]) -> Result:
        proc = self._proc
        if proc is None or proc.stdin is None or proc.stdout is None:
            return None
        try:
            write_frame(proc.stdin, request)
            result: Result = read_frame(proc.stdout)
            return result
        except (OSError, EOFError, pickle.PickleError, ValueError) as exc:
            log.warning("parse worker failed (%s); parsing in the reader's process", exc)
            self._stop()
            return None

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
