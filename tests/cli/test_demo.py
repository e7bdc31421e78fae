"""``serve-demo`` (``cli/demo.py``): serves the sample site until Ctrl-C, in a child process."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A shell's background jobs start with Ctrl-C ignored, and a child inherits that; give the
# child back Python's own handler, which a terminal's Ctrl-C reaches.
LAUNCH = (
    "import signal, sys\n"
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "from newsreader.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_serves_until_interrupted(tmp_path: Path) -> None:
    data = tmp_path / "lib"
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "--data-dir", str(data), "serve-demo"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    try:
        serving = re.fullmatch(
            r"Serving the sample site at (http://127\.0\.0\.1:\d+)/ \(Ctrl-C to stop\)\n",
            proc.stdout.readline(),
        )
        assert serving, proc.stderr.read()
        base = serving.group(1)
        assert proc.stdout.readline() == (
            f"Try: newsreader --data-dir {data} add {base}/ {base}/kategori/5/internasional\n"
        )
        assert (data / "sites" / "elshinta.json").is_file()  # the rule knows the server's host
        with urllib.request.urlopen(base + "/rss", timeout=5) as resp:
            assert resp.status == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        err = proc.stderr.read()
        proc.stderr.close()
    assert "Traceback" not in err
    assert not (data / "newsreader.db").exists()  # it serves files; it opens no library
