"""Newsreader: a desktop news reader that keeps whole articles offline."""

__version__ = "0.1.0"
