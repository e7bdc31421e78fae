"""Fixtures of the command line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.demo import demo_feed_urls, install_demo_rule
from tests.cli.runner import run


@pytest.fixture
def subscribed(tmp_path: Path, demo_site, capsys) -> str:
    """A library folder subscribed to the demo site's two streams, not yet refreshed."""
    data = str(tmp_path / "lib")
    install_demo_rule(tmp_path / "lib", demo_site.base_url)
    code, _out, err = run(capsys, "--data-dir", data, "add", *demo_feed_urls(demo_site.base_url))
    assert code == 0, err
    return data
