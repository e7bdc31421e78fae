"""Drawn icons that follow the theme: the grey ink they are drawn in turns
light on a dark palette, so toolbar and tree icons stay readable in the dark theme.

An icon engine recolours, at paint time, the pixels drawn in the ink (anti-aliasing varies
only their alpha); coloured parts (blue, gold, orange) stay as they are.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyleOption

from newsreader.ui.theme import app_is_dark

LIGHT_INK = QColor("#c9ccd1")
_NEAR = 14

Draw = Callable[[], QPixmap]


def recolor(pixmap: QPixmap, ink: QColor, to: QColor) -> QPixmap:
    """``pixmap`` with every pixel of about colour ``ink`` (any alpha) in colour ``to``.

    Works on the pixel words: a QImage.setPixel loop leaks references to None in PySide6.
    """
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    words = array("I", bytes(image.constBits()))  # 0xAARRGGBB each (native byte order)
    near = _near_colours(ink.rgb() & 0xFFFFFF)
    target = to.rgb() & 0xFFFFFF
    for i, word in enumerate(words):
        if word >> 24 and word & 0xFFFFFF in near:
            words[i] = (word & 0xFF000000) | target
    out = QImage(words.tobytes(), image.width(), image.height(), image.bytesPerLine(),
                 QImage.Format.Format_ARGB32)  # fmt: skip
    return QPixmap.fromImage(out.copy())  # copy: the image must own its bytes


@cache
def _near_colours(rgb: int) -> frozenset[int]:
    """Colours within _NEAR of ``rgb`` in each channel: unpremultiplying the faint edge
    pixels of a line rounds their colour."""
    channels = [(rgb >> shift) & 0xFF for shift in (16, 8, 0)]
    spans = [range(max(0, c - _NEAR), min(255, c + _NEAR) + 1) for c in channels]
    return frozenset((r << 16) | (g << 8) | b for r in spans[0] for g in spans[1] for b in spans[2])


class InkIconEngine(QIconEngine):
    """Paints ``off`` (and ``on`` for the checked state) with the ink of the theme."""

    def __init__(self, ink: QColor, off: Draw, on: Draw | None = None) -> None:
        super().__init__()
        self._ink = ink
        self._draws = {QIcon.State.Off: off, QIcon.State.On: on or off}
        self._cache: dict[tuple[QIcon.State, bool], QPixmap] = {}
        self._scaled: dict[tuple[object, ...], QPixmap] = {}

    def _base(self, state: QIcon.State) -> QPixmap:
        dark = app_is_dark()
        key = (state, dark)
        if key not in self._cache:
            drawn = self._draws[state]()
            self._cache[key] = recolor(drawn, self._ink, LIGHT_INK) if dark else drawn
        return self._cache[key]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        # Kept per size: the feed list paints this icon on every row at every repaint, and
        # scaling it each time was most of the engine's cost.
        key = (state, app_is_dark(), size.width(), size.height(), mode)
        found = self._scaled.get(key)
        if found is None:
            found = self._scale(size, mode, state)
            self._scaled[key] = found
        return found

    def _scale(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        scaled = self._base(state).scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        if mode == QIcon.Mode.Disabled:
            style = QApplication.style()
            return style.generatedIconPixmap(QIcon.Mode.Disabled, scaled, QStyleOption())
        return scaled

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def clone(self) -> QIconEngine:
        twin = InkIconEngine(self._ink, self._draws[QIcon.State.Off], self._draws[QIcon.State.On])
        twin._cache, twin._scaled = self._cache, self._scaled
        return twin
