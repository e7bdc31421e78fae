"""The app as installed from its wheel, away from the checkout: scripts/smoke-wheel builds the
sdist and the wheel, installs the wheel into a new virtual environment and runs it there
(--version, rules, extract, the demo through the command line and through the window).
The script's docstring lists the steps; it prints what each found."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "smoke-wheel"

pytestmark = pytest.mark.packaging


def test_the_wheel_installs_and_runs_away_from_the_checkout(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--keep", str(tmp_path / "smoke")],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
