"""``LibraryApi`` holds: the window calls nothing else on its library, and the fake the window's
tests run on offers it with the library's signatures (mypy checks; ``Library`` itself is
checked by the strict mypy run over the core, in library_api.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.core.library_api import LibraryApi

ROOT = Path(__file__).resolve().parents[2]
# ``library.x``, ``self.library.x``, ``self._library.x``: how the window names its library.
_LIBRARY_USE = re.compile(r"\b_?library\.([a-z_]+)\b")


def test_the_window_calls_only_what_the_api_offers() -> None:
    used = {
        name
        for path in (ROOT / "newsreader" / "ui").rglob("*.py")
        for name in _LIBRARY_USE.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the pattern no longer finds the window's library calls"
    assert sorted(name for name in used if not hasattr(LibraryApi, name)) == []


def test_the_fake_library_offers_the_api(tmp_path: Path) -> None:
    """fakes.py ends in a function that returns a FakeLibrary as a LibraryApi: mypy refuses it
    as soon as a signature the window relies on differs (an argument missing or renamed, a
    return type). Errors of the modules it imports are not this test's business."""
    pytest.importorskip("mypy")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--follow-imports=silent", "--cache-dir",
         str(tmp_path / "mypy"), "tests/helpers/fakes.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
