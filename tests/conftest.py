"""Shared fixtures. Fixture implementations live in tests/helpers/ and are imported here."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from hypothesis import settings as hypothesis_settings

from tests.helpers.demo_fixtures import demo_site  # noqa: F401
from tests.helpers.http_server import http_server  # noqa: F401

# CI runs the same examples every time (no flaky red builds); local runs keep exploring.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")
