"""The single writer thread: ordered jobs, one transaction each, environmental errors wrapped."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from newsreader.core.db import MetaRecord, bind, make_database
from newsreader.core.errors import StorageError
from newsreader.core.migrations import migrate
from newsreader.core.writer import Writer


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
