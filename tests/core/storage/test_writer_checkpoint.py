"""The writer copies its log into the database between jobs, not inside a commit (SQLite's own
checkpoint added 70-100 ms to the job that crossed its mark)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from newsreader.core.storage import writer as writer_module
from newsreader.core.storage.records import bind, make_database
from newsreader.core.storage.writer import Writer


def test_checkpoints_run_when_idle_after_many_changed_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_database(tmp_path / "w.db")
    bind(db)
    db.execute_sql("CREATE TABLE t (x INTEGER)")
    pragmas: list[str] = []
    copied = threading.Event()
    real = Writer._pragma

    def spy(self: Writer, pragma: str) -> None:
        pragmas.append(pragma)
        real(self, pragma)
        if pragma.startswith("wal_checkpoint"):
            copied.set()

    monkeypatch.setattr(Writer, "_pragma", spy)
    monkeypatch.setattr(writer_module, "_CHECKPOINT_ROWS", 50)
    writer = Writer(db)
    writer.call(lambda: db.execute_sql("INSERT INTO t VALUES (1)"))
    writer.call(lambda: None)
    assert "wal_checkpoint(PASSIVE)" not in pragmas  # one row: not worth it
    writer.call(lambda: db.execute_sql("INSERT INTO t SELECT value FROM json_each(?)",
                                       (str(list(range(60))),)))  # fmt: skip
    assert copied.wait(10)  # the queue stays empty: the writer checkpoints now
    writer.close()
    db.close()
    assert pragmas[0] == f"wal_autocheckpoint = {writer_module._AUTO_CHECKPOINT_PAGES}"
    assert pragmas.count("wal_checkpoint(PASSIVE)") == 1
