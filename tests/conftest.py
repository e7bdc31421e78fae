"""Shared fixtures. Fixture implementations live in tests/helpers/ and are imported here."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
