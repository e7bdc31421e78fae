"""The single writer thread: ordered jobs, one transaction each, environmental errors wrapped."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from newsreader.core.errors import StorageError
from newsreader.core.storage.migrations import migrate
from newsreader.core.storage.records import MetaRecord, bind, make_database
from newsreader.core.storage.writer import Writer


@pytest.fixture
def writer(tmp_path: Path):
    db = make_database(tmp_path / "w.db")
    bind(db)
    migrate(db, None)
    w = Writer(db)
    yield w
    w.close()
    db.close()


def test_jobs_run_in_order_on_one_thread(writer: Writer) -> None:
    threads = set()

    def put(i: int) -> int:
        threads.add(threading.current_thread().name)
        MetaRecord.insert(key=f"k{i}", value=str(i)).execute()
        return i

    futures = [writer.submit(put, i) for i in range(20)]
    assert [f.result() for f in futures] == list(range(20))
    assert threads == {"newsreader-writer"}
    assert MetaRecord.select().count() == 20


def test_failed_job_rolls_back_its_transaction(writer: Writer) -> None:
    def half() -> None:
        MetaRecord.insert(key="a", value="1").execute()
        raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(StorageError, match="disk is full"):
        writer.call(half)
    assert MetaRecord.select().count() == 0


def test_programming_errors_propagate_unwrapped(writer: Writer) -> None:
    def bug() -> None:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        writer.call(bug)
    # The writer survives a failed job.
    assert writer.call(lambda: MetaRecord.insert(key="b", value="2").execute()) is not None


# -- group commit: jobs that queue up run in one transaction, each in a savepoint ----------------


def _queue_behind_a_gate(writer: Writer, jobs):  # type: ignore[no-untyped-def]
    """Hold the writer on a first job while ``jobs`` are queued, so they run as one group."""
    gate, started = threading.Event(), threading.Event()

    def hold() -> None:
        started.set()
        gate.wait(10)

    first = writer.submit(hold)
    started.wait(10)
    futures = [writer.submit(job) for job in jobs]
    gate.set()
    first.result()
    return futures


def _put(key: str, fail: BaseException | None = None):  # type: ignore[no-untyped-def]
    def job() -> str:
        MetaRecord.insert(key=key, value="v").execute()
        if fail is not None:
            raise fail
        return key

    return job


def test_a_failing_job_in_a_group_is_undone_alone(writer: Writer) -> None:
    a, b, c = _queue_behind_a_gate(writer, [_put("a"), _put("b", ValueError("bug")), _put("c")])
    assert a.result() == "a" and c.result() == "c"
    with pytest.raises(ValueError, match="bug"):
        b.result()
    assert {r.key for r in MetaRecord.select()} == {"a", "c"}


def test_a_group_reports_stored_only_after_its_commit(writer: Writer) -> None:
    observed = []
    first: list = []
    ready = threading.Event()

    def check_first_not_done() -> None:
        ready.wait(10)  # the test has the first job's future in hand
        observed.append(first[0].done())

    gate, started = threading.Event(), threading.Event()
    holder = writer.submit(lambda: (started.set(), gate.wait(10)))
    started.wait(10)
    first.append(writer.submit(_put("a")))
    last = writer.submit(check_first_not_done)
    ready.set()
    gate.set()
    holder.result()
    assert first[0].result() == "a"
    last.result()
    assert observed == [False]  # while the group ran, "a" was not yet reported stored


def test_a_disk_failure_in_a_group_fails_what_it_undid_and_the_rest_run_alone(
    writer: Writer,
) -> None:
    full = sqlite3.OperationalError("database or disk is full")
    a, b, c = _queue_behind_a_gate(writer, [_put("a"), _put("b", full), _put("c")])
    for future in (a, b):
        with pytest.raises(StorageError, match="disk is full"):
            future.result()
    assert c.result() == "c"
    assert {r.key for r in MetaRecord.select()} == {"c"}
