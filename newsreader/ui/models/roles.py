"""Answering every role of a cell in one call (``multiData``), for the Python item models.

A view paints a cell by asking its model seven roles (font, alignment, colours, check state,
icon, text). Each ``data`` call is a call from C++ into Python, which must take the GIL, and
while a refresh runs its threads hold the GIL most of the time: a repaint of the feed list,
then a Python model, made 476 such calls and took 20 to 60 ms instead of 5 (bench/gui_stall.py).
Qt 6's delegates ask through ``multiData``: answered here, a painted
cell is one call into Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan


def fill_roles(span: QModelRoleDataSpan | QModelRoleData, data: Callable[[int], Any]) -> None:
    """Set each requested role of ``span`` to ``data(role)``."""
    if isinstance(span, QModelRoleData):
        span.setData(data(span.role()))
        return
    items: Any = span  # the stubs lack the span's len() and indexing
    for n in range(len(items)):
        item = items[n]
        item.setData(data(item.role()))
