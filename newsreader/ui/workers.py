"""Background work: one-off tasks on the global thread pool and the update scheduler thread.

Results reach widgets only through queued signals, so every callback runs on the GUI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

from newsreader.core import NewsreaderError, Progress

if TYPE_CHECKING:
    from newsreader.core import LibraryApi

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals of a Task.

    Signals:
        finished(object): the callable's return value.
        failed(object): the exception it raised.
    """

    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """Runs one callable on a pool thread and reports through ``signals``."""

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        # Python owns the task: the pool must not delete it while its signals are in flight.
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # handed to the GUI thread, which reports it
            log.debug("task %r failed: %r", self.fn, exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class _Relay(QObject):
    """Lives on the GUI thread, so the task's cross-thread signals arrive there (queued)."""

    def __init__(
        self,
        task: Task,
        on_done: Callable[[object], None] | None,
        on_error: Callable[[Exception], None] | None,
        context: QObject | None,
    ) -> None:
        super().__init__()
        self._task = task
        self._on_done = on_done
        self._on_error = on_error
        self._context = context
        task.signals.finished.connect(self.relay_finished)
        task.signals.failed.connect(self.relay_failed)

    def _alive(self) -> bool:
        # The widget that asked may be gone by the time the answer arrives.
        return self._context is None or shiboken6.isValid(self._context)

    @Slot(object)
    def relay_finished(self, result: object) -> None:
        _ACTIVE.pop(self._task, None)
        if self._on_done is not None and self._alive():
            self._on_done(result)

    @Slot(object)
    def relay_failed(self, exc: object) -> None:
        _ACTIVE.pop(self._task, None)
        assert isinstance(exc, Exception)
        if not isinstance(exc, NewsreaderError):
            report_bug(exc)
        if self._on_error is not None and self._alive():
            self._on_error(exc)


_ACTIVE: dict[Task, _Relay] = {}


def run_task(
    fn: Callable[[], object],
    on_done: Callable[[object], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    *,
    context: QObject | None = None,
    ordered: bool = False,
) -> Task:
    """Run ``fn`` on the global thread pool; call ``on_done(result)`` or ``on_error(exc)`` on
    the GUI thread. With ``context``, callbacks are skipped once that object is deleted.
    ``ordered`` tasks run one at a time in the order given: the reader's state commands
    (mark read, star) must not overtake each other ("open" marks read, then "mark unread").

    An exception that is not a NewsreaderError is a bug: it also goes to ``sys.excepthook``
    (logged, crash dialog), while ``on_error`` still lets the caller restore its state.
    """
    task = Task(fn)
    _ACTIVE[task] = _Relay(task, on_done, on_error, context)
    (ordered_pool() if ordered else QThreadPool.globalInstance()).start(task)
    return task


_ORDERED: list[QThreadPool] = []


def ordered_pool() -> QThreadPool:
    """A pool of one thread: tasks on it run in submission order."""
    if not _ORDERED:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        _ORDERED.append(pool)
    return _ORDERED[0]


def report_bug(exc: BaseException) -> None:
    """Hand an unexpected exception to the global hook (log + crash dialog)."""
    sys.excepthook(type(exc), exc, exc.__traceback__)


PROGRESS_EVERY_MS = 100  # the window shows the refresh's progress at most this often


class _ProgressRelay(QObject):
    """Hands the refresh's progress to the GUI thread at most every ``interval_ms``.

    The pipeline reports once per feed, 500 times in a few seconds, from its own threads;
    each report the GUI thread handled cost it a queued event and a slot, each waiting for
    the GIL the refresh's threads hold: bursts of them stalled the window.
    So the reporting thread only stores the latest figures and wakes this relay (which
    lives on the GUI thread) when no delivery is pending; the relay passes the figures on,
    then lets reports wait ``interval_ms``. ``flush`` delivers what is left, in order with
    the signals emitted after it.
    """

    _woken = Signal()
    _flushed = Signal()

    def __init__(self, deliver: Callable[[Progress], None], interval_ms: int) -> None:
        super().__init__()
        self._deliver_to = deliver
        self._lock = threading.Lock()
        self._latest: Progress | None = None
        self._pending = False  # a wake-up is queued, or the pause after a delivery runs
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._deliver)
        self._woken.connect(self._deliver)
        self._flushed.connect(self._flush)

    def report(self, progress: Progress) -> None:
        """Any thread: the newest figures (earlier ones not yet shown are dropped)."""
        with self._lock:
            self._latest = progress
            if self._pending:
                return
            self._pending = True
        self._woken.emit()

    def flush(self) -> None:
        """Any thread: deliver what is left before whatever this thread emits next."""
        self._flushed.emit()

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            progress, self._latest = self._latest, None
            if progress is None:
                self._pending = False
                return
        self._deliver_to(progress)
        self._timer.start()  # still pending: later reports wait for the timer

    @Slot()
    def _flush(self) -> None:
        self._timer.stop()
        with self._lock:
            progress, self._latest = self._latest, None
            self._pending = False
        if progress is not None:
            self._deliver_to(progress)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class UpdateScheduler(QObject):
    """Refreshes feeds when due, on its own thread; a QTimer there polls ``next_due()``.

    Signals:
        update_started(): a refresh began.
        progress_changed(int, int, str, str): done, total, stage, current feed title; at
            most every PROGRESS_EVERY_MS (the latest figures), the last one before
            update_finished. Emitted on the GUI thread.
        feed_updated(object): one UpdateResult, after the refresh returned.
        update_finished(list): all UpdateResults (empty if it failed or was cancelled early).
        update_failed(object): the exception a refresh raised.
    """

    update_started = Signal()
    progress_changed = Signal(int, int, str, str)
    feed_updated = Signal(object)
    update_finished = Signal(list)
    update_failed = Signal(object)
    _start_requested = Signal()
    _refresh_requested = Signal()
    _stop_requested = Signal()

    def __init__(
        self,
        library: LibraryApi,
        *,
        poll_ms: int = 60_000,
        progress_ms: int = PROGRESS_EVERY_MS,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__()
        self._library = library
        self._poll_ms = poll_ms
        self._clock = clock
        self._cancel = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._pending: set[int] | None = None  # None: nothing asked; empty set: all feeds
        self._busy = threading.Event()
        self._timer: QTimer | None = None
        # Made before the move, so it stays on the GUI thread (it must: see _ProgressRelay).
        self._progress = _ProgressRelay(self._emit_progress, progress_ms)
        self._thread = QThread()
        self._thread.setObjectName("update-scheduler")
        self.moveToThread(self._thread)
        self._start_requested.connect(self._on_start)
        self._refresh_requested.connect(self._on_refresh_requested)
        self._stop_requested.connect(self._on_stop)

    # -- GUI-thread API ------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._busy.is_set()

    def start(self) -> None:
        """Begin scheduled refreshes (the first check happens right away)."""
        self._ensure_thread()
        self._start_requested.emit()

    def refresh_now(self, feed_ids: Sequence[int] | None = None) -> None:
        """Refresh the given feeds (all if None) as soon as the worker is free."""
        with self._lock:
            queued = self._pending is not None
            if feed_ids is None or (self._pending is not None and not self._pending):
                self._pending = set()
            else:
                self._pending = (self._pending or set()) | set(feed_ids)
        if not queued:
            self._ensure_thread()
            self._refresh_requested.emit()

    def cancel(self) -> None:
        """Stop the running refresh after the current feed."""
        self._cancel.set()

    def stop(self) -> None:
        """Cancel, end the thread and wait for it (call before quitting)."""
        self._stopping.set()
        self._cancel.set()
        if self._thread.isRunning():
            self._stop_requested.emit()
            self._thread.wait()

    def _ensure_thread(self) -> None:
        if not self._thread.isRunning() and not self._stopping.is_set():
            self._thread.start()

    # -- worker thread ----------------------------------------------------------------
    @Slot()
    def _on_start(self) -> None:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._on_timer)
        self._timer.start(0)

    @Slot()
    def _on_timer(self) -> None:
        try:
            due = self._library.next_due()
        except NewsreaderError as exc:
            log.warning("cannot read the refresh schedule: %s", exc)
            due = None
        now = self._clock()
        if due is not None and _utc(due) <= now:
            self._run(None, only_due=True)
        self._schedule()

    def _schedule(self) -> None:
        if self._timer is None or self._stopping.is_set():
            return
        try:
            due = self._library.next_due()
        except NewsreaderError:
            due = None
        delay = self._poll_ms
        if due is not None:
            wait_ms = (_utc(due) - self._clock()).total_seconds() * 1000
            delay = int(min(max(wait_ms, 1000), self._poll_ms))
        self._timer.start(delay)

    @Slot()
    def _on_refresh_requested(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
        if pending is not None:
            self._run(sorted(pending) or None, only_due=False)

    def _run(self, feed_ids: list[int] | None, *, only_due: bool) -> None:
        if self._stopping.is_set():
            return
        self._cancel.clear()
        self._busy.set()
        self.update_started.emit()
        try:
            results = self._library.refresh(
                feed_ids, only_due=only_due, progress=self._report, cancel=self._cancel
            )
        except Exception as exc:  # forwarded to the GUI thread, which reports it
            if isinstance(exc, NewsreaderError):  # the machine's refusal: its words suffice
                log.warning("refresh failed: %s", exc)
            else:
                log.exception("refresh failed")
            self._busy.clear()
            self._progress.flush()
            self.update_failed.emit(exc)
            self.update_finished.emit([])
            return
        self._busy.clear()
        self._progress.flush()  # the last figures arrive before the results
        for result in results:
            self.feed_updated.emit(result)
        self.update_finished.emit(list(results))

    def _report(self, progress: Progress) -> None:
        self._progress.report(progress)

    def _emit_progress(self, progress: Progress) -> None:
        # On the GUI thread (the relay's): the window's slots are called directly.
        self.progress_changed.emit(progress.done, progress.total, progress.stage, progress.current)

    @Slot()
    def _on_stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        # Hand the object back to the GUI thread so it can be deleted there after the join.
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        self._thread.quit()
