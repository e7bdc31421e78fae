"""Shared fixtures. Fixture implementations live in tests/helpers/ and are imported here."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from tests.helpers.demo_fixtures import demo_site  # noqa: F401
from tests.helpers.http_server import http_server  # noqa: F401
