"""Running the command line in process, as the tests of every command module do."""

from __future__ import annotations

import pytest

from newsreader.cli.frontend import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``newsreader ARGS...``: the exit status and what it wrote to stdout and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
