"""Where bundled resources live (the repo's resources/ folder, shipped with the package)."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The resources/ folder: beside the package in a checkout or an editable install."""
    return Path(__file__).resolve().parent.parent.parent / "resources"
