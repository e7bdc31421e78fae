"""Tasks and the update scheduler: results on the GUI thread, errors reported, clean stop."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread, Slot

from newsreader.core.errors import FetchError
from newsreader.ui.workers import UpdateScheduler, run_task
from tests.helpers.fakes import FakeLibrary


class Collector(QObject):
    """Receives scheduler signals on the GUI thread (a QObject receiver means queued calls)."""

    def __init__(self) -> None:
        super().__init__()
        self.finished: list[list[object]] = []
        self.progress: list[tuple[int, int, str, str]] = []
        self.threads: set[bool] = set()

    @Slot(int, int, str, str)
    def on_progress(self, done: int, total: int, stage: str, current: str) -> None:
        self.progress.append((done, total, stage, current))

    @Slot(list)
    def on_finished(self, results: list[object]) -> None:
        self.threads.add(_on_gui_thread())
        self.finished.append(results)


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


@pytest.fixture
def scheduler(fake_library: FakeLibrary):
    sched = UpdateScheduler(fake_library, poll_ms=50)
    collector = Collector()
    sched.progress_changed.connect(collector.on_progress)
    sched.update_finished.connect(collector.on_finished)
    sched.collector = collector  # type: ignore[attr-defined]
    yield sched
    sched.stop()


def test_task_result_arrives_on_the_gui_thread(qtbot) -> None:
    seen: list[tuple[object, bool]] = []
    run_task(lambda: 42, lambda result: seen.append((result, _on_gui_thread())))
    qtbot.waitUntil(lambda: seen == [(42, True)])


def test_task_error_goes_to_on_error_only(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    hooked: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))
    errors: list[Exception] = []

    def fail() -> None:
        raise FetchError("https://x.example/", "timed out")

    run_task(fail, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], FetchError) and hooked == []


def test_a_bug_in_a_task_reaches_the_excepthook(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    hooked: list[tuple[object, ...]] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: hooked.append(args))
    errors: list[Exception] = []
    run_task(lambda: 1 / 0, None, errors.append)
    qtbot.waitUntil(lambda: bool(hooked))
    assert hooked[0][0] is ZeroDivisionError
    assert isinstance(errors[0], ZeroDivisionError)  # the caller can still restore its state


def test_callbacks_are_skipped_once_the_context_is_deleted(qtbot) -> None:
    context = QObject()
    gate = threading.Event()
    seen: list[object] = []
    run_task(lambda: gate.wait(5), seen.append, context=context)
    context.deleteLater()
    qtbot.waitUntil(lambda: not _alive(context))
    gate.set()
    done: list[object] = []
    run_task(lambda: None, done.append)  # queued after the first one's result
    qtbot.waitUntil(lambda: bool(done))
    assert seen == []


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_scheduler_refreshes_due_feeds_and_reports_on_the_gui_thread(
    qtbot, scheduler: UpdateScheduler, fake_library: FakeLibrary
) -> None:
    due = [datetime.now(UTC) - timedelta(minutes=1)]
    fake_library.next_due = lambda: due[0]  # type: ignore[method-assign]

    def first_call_only() -> None:
        due[0] = datetime.now(UTC) + timedelta(hours=1)

    scheduler.update_started.connect(first_call_only)
    scheduler.start()
    collector = scheduler.collector  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(collector.finished))
    assert fake_library.called("refresh")[0] == ((), True)  # only_due
    assert collector.threads == {True}
    assert collector.progress[-1] == (3, 3, "feeds", "")


def test_scheduler_does_nothing_while_nothing_is_due(
    qtbot, scheduler: UpdateScheduler, fake_library: FakeLibrary
) -> None:
    checks: list[int] = []

    def not_due() -> datetime:
        checks.append(1)
        return datetime.now(UTC) + timedelta(hours=1)

    fake_library.next_due = not_due  # type: ignore[method-assign]
    scheduler.start()
    qtbot.waitUntil(lambda: len(checks) >= 2)
    assert fake_library.called("refresh") == []


def test_refresh_requests_made_while_busy_are_merged(
    qtbot, scheduler: UpdateScheduler, fake_library: FakeLibrary
) -> None:
    fake_library.refresh_gate = threading.Event()
    scheduler.refresh_now(None)
    qtbot.waitUntil(scheduler.is_busy)
    scheduler.refresh_now([3])
    scheduler.refresh_now([1])
    fake_library.refresh_gate.set()
    collector = scheduler.collector  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(collector.finished) == 2)
    assert fake_library.called("refresh") == [((), False), ((1, 3), False)]


def test_cancel_stops_after_the_current_feed(
    qtbot, scheduler: UpdateScheduler, fake_library: FakeLibrary
) -> None:
    fake_library.refresh_gate = threading.Event()
    scheduler.refresh_now(None)
    qtbot.waitUntil(scheduler.is_busy)
    scheduler.cancel()
    fake_library.refresh_gate.set()
    collector = scheduler.collector  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(collector.finished))
    assert len(collector.finished[0]) == 2  # feeds 1 and 2; feed 3 was never started


def test_stop_joins_the_thread_and_ignores_later_requests(qtbot, fake_library: FakeLibrary) -> None:
    sched = UpdateScheduler(fake_library)
    sched.stop()  # never started: nothing to join
    sched = UpdateScheduler(fake_library)
    sched.refresh_now(None)
    qtbot.waitUntil(lambda: bool(fake_library.called("refresh")))
    sched.stop()
    assert not sched._thread.isRunning()
    sched.refresh_now(None)
    assert len(fake_library.called("refresh")) == 1


def test_ordered_tasks_run_one_at_a_time_in_order(qtbot) -> None:
    import threading

    from newsreader.ui.workers import ordered_pool, run_task

    seen: list[tuple[int, int]] = []
    for n in range(20):
        run_task(lambda n=n: seen.append((n, threading.get_ident())), ordered=True)
    qtbot.waitUntil(lambda: len(seen) == 20)
    assert [n for n, _ in seen] == list(range(20))
    assert len({ident for _, ident in seen}) == 1  # one thread: no task overtakes another
    assert ordered_pool().maxThreadCount() == 1


def test_progress_goes_on_at_most_once_per_pause_and_the_latest_is_kept(qtbot) -> None:
    from newsreader.core.types import Progress
    from newsreader.ui.workers import _ProgressRelay

    seen: list[Progress] = []
    relay = _ProgressRelay(seen.append, interval_ms=20)
    for n in range(100):  # as the pipeline reports, once per feed
        relay.report(Progress(n, 100, "feeds", f"feed {n}"))
    assert [p.done for p in seen] == [0]  # the others wait for the pause after it
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[-1] == Progress(99, 100, "feeds", "feed 99")  # only the latest
    relay.report(Progress(100, 100, "feeds", ""))
    relay.flush()  # the refresh returned: what is left goes at once
    assert seen[-1] == Progress(100, 100, "feeds", "")
    assert len(seen) == 3


def test_the_last_progress_arrives_before_the_results(
    qtbot, scheduler: UpdateScheduler, fake_library: FakeLibrary
) -> None:
    events: list[object] = []

    class Recorder(QObject):
        @Slot(int, int, str, str)
        def on_progress(self, done: int, total: int, _stage: str, _current: str) -> None:
            events.append((done, total))

        @Slot(list)
        def on_finished(self, results: list[object]) -> None:
            events.append("finished")

    recorder = Recorder()
    scheduler.progress_changed.connect(recorder.on_progress)
    scheduler.update_finished.connect(recorder.on_finished)
    scheduler.refresh_now(None)
    qtbot.waitUntil(lambda: "finished" in events)
    assert events[-2:] == [(3, 3), "finished"]
