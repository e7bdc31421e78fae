"""Application icons, drawn with QPainter so they look the same on every platform.

The desktop's icon theme is used first where it has a fitting icon (so the toolbar matches
the rest of a Linux desktop); otherwise the drawn fallback keeps the window from showing
blank buttons, which is what a missing theme does on Windows, macOS and minimal desktops.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QApplication, QStyle

from newsreader.core import resources_dir
from newsreader.ui.ink_icons import InkIconEngine

_SIZE = 64
_INK = QColor("#5f6368")
_BLUE = QColor("#1a73e8")
_GOLD = QColor("#f4b400")
_ORANGE = QColor("#f26522")
_GREEN = QColor("#188038")

# Theme names tried first (freedesktop icon naming spec).
_THEME = {
    "refresh": "view-refresh",
    "add": "list-add",
    "export": "document-save-as",
    "back": "go-previous",
    "browser": "internet-web-browser",
    "remove": "list-remove",
    "search": "edit-find",
    "undo": "edit-undo",
}


def icon(name: str) -> QIcon:
    """The icon called ``name`` (see ``_DRAWN``, plus "folder", "error", "app", "star_toggle")."""
    return _icon(name)


@cache
def _icon(name: str) -> QIcon:
    if name == "app":
        return _app_icon()
    if name == "star_toggle":
        # A checkable action shows the outline when off and the gold star when on.
        off, on = _pixmap(_draw_star_outline), _pixmap(_draw_star)
        return QIcon(InkIconEngine(_INK, lambda: off, lambda: on))
    style = QApplication.style()
    if name == "folder":
        return style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
    if name == "error":
        return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    themed = QIcon.fromTheme(_THEME[name]) if name in _THEME else QIcon()
    if not themed.isNull():
        return themed
    return _drawn(_DRAWN[name])


def _app_icon() -> QIcon:
    path = resources_dir() / "icons" / "newsreader.png"
    if path.is_file():
        return QIcon(str(path))
    return _drawn(_draw_app)


def _drawn(draw: Callable[[QPainter], None]) -> QIcon:
    # The ink turns light in the dark theme.
    drawn = _pixmap(draw)
    return QIcon(InkIconEngine(_INK, lambda: drawn))


def _pixmap(draw: Callable[[QPainter], None]) -> QPixmap:
    pixmap = QPixmap(_SIZE, _SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter)
    painter.end()
    return pixmap


def _pen(color: QColor, width: float = 6.0) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _star_polygon() -> QPolygonF:
    points = []
    for i in range(10):
        radius = 28 if i % 2 == 0 else 12
        angle = math.radians(-90 + i * 36)
        points.append(QPointF(32 + radius * math.cos(angle), 34 + radius * math.sin(angle)))
    return QPolygonF(points)


def _draw_star(p: QPainter) -> None:
    p.setPen(_pen(_GOLD.darker(115), 3))
    p.setBrush(QBrush(_GOLD))
    p.drawPolygon(_star_polygon())


def _draw_star_outline(p: QPainter) -> None:
    p.setPen(_pen(_INK, 4))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolygon(_star_polygon())


def _draw_unread(p: QPainter) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(_BLUE))
    p.drawEllipse(QRectF(16, 16, 32, 32))


def _draw_all(p: QPainter) -> None:
    p.setPen(_pen(_INK, 5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(8, 12, 48, 40), 6, 6)
    for y in (24, 33, 42):
        p.drawLine(QPointF(18, y), QPointF(46, y))


def _draw_today(p: QPainter) -> None:
    p.setPen(_pen(_INK, 5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(8, 12, 48, 44), 6, 6)
    p.drawLine(QPointF(8, 24), QPointF(56, 24))
    p.drawLine(QPointF(20, 6), QPointF(20, 16))
    p.drawLine(QPointF(44, 6), QPointF(44, 16))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(_BLUE))
    p.drawRoundedRect(QRectF(34, 34, 14, 14), 3, 3)


def _draw_feed(p: QPainter) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(_ORANGE))
    p.drawRoundedRect(QRectF(4, 4, 56, 56), 12, 12)
    p.setBrush(QBrush(Qt.GlobalColor.white))
    p.drawEllipse(QRectF(14, 41, 10, 10))
    p.setPen(_pen(QColor(Qt.GlobalColor.white), 6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(-4, 24, 48, 48), 0, 90 * 16)
    p.drawArc(QRectF(-22, 6, 84, 84), 0, 90 * 16)


def _draw_app(p: QPainter) -> None:
    _draw_feed(p)


def _draw_refresh(p: QPainter) -> None:
    p.setPen(_pen(_INK, 6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(12, 12, 40, 40), 60 * 16, 290 * 16)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(_INK))
    p.drawPolygon(QPolygonF([QPointF(36, 2), QPointF(52, 14), QPointF(34, 22)]))


def _draw_add(p: QPainter) -> None:
    p.setPen(_pen(_INK, 7))
    p.drawLine(QPointF(32, 12), QPointF(32, 52))
    p.drawLine(QPointF(12, 32), QPointF(52, 32))


def _draw_mark_all_read(p: QPainter) -> None:
    p.setPen(_pen(_GREEN, 6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolyline(QPolygonF([QPointF(4, 34), QPointF(16, 46), QPointF(38, 20)]))
    p.drawPolyline(QPolygonF([QPointF(26, 42), QPointF(30, 46), QPointF(58, 16)]))


def _draw_read(p: QPainter) -> None:
    p.setPen(_pen(_BLUE, 5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QRectF(16, 16, 32, 32))


def _draw_export(p: QPainter) -> None:
    p.setPen(_pen(_INK, 5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolyline(QPolygonF([QPointF(10, 36), QPointF(10, 56), QPointF(54, 56), QPointF(54, 36)]))
    p.drawLine(QPointF(32, 8), QPointF(32, 42))
    p.drawPolyline(QPolygonF([QPointF(20, 20), QPointF(32, 8), QPointF(44, 20)]))


def _draw_back(p: QPainter) -> None:
    p.setPen(_pen(_INK, 6))
    p.drawPolyline(QPolygonF([QPointF(38, 12), QPointF(18, 32), QPointF(38, 52)]))


def _draw_browser(p: QPainter) -> None:
    p.setPen(_pen(_INK, 5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QRectF(8, 8, 48, 48))
    p.drawEllipse(QRectF(22, 8, 20, 48))
    p.drawLine(QPointF(8, 32), QPointF(56, 32))


def _draw_remove(p: QPainter) -> None:
    p.setPen(_pen(_INK, 7))
    p.drawLine(QPointF(12, 32), QPointF(52, 32))


def _draw_cancel(p: QPainter) -> None:
    p.setPen(_pen(_INK, 6))
    p.drawLine(QPointF(18, 18), QPointF(46, 46))
    p.drawLine(QPointF(46, 18), QPointF(18, 46))


def _draw_search(p: QPainter, color: QColor = _INK) -> None:
    p.setPen(_pen(color, 6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QRectF(10, 10, 30, 30))
    p.drawLine(QPointF(36, 36), QPointF(54, 54))


def _draw_saved_search(p: QPainter) -> None:
    """A saved search, among the smart views: the magnifier in the views' blue."""
    _draw_search(p, _BLUE)


def _draw_undo(p: QPainter) -> None:
    p.setPen(_pen(_INK, 6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(14, 18, 40, 34), 90 * 16, -200 * 16)
    p.drawPolyline(QPolygonF([QPointF(22, 8), QPointF(12, 19), QPointF(24, 28)]))


_DRAWN: dict[str, Callable[[QPainter], None]] = {
    "all": _draw_all,
    "unread": _draw_unread,
    "read": _draw_read,
    "starred": _draw_star,
    "star_empty": _draw_star_outline,
    "today": _draw_today,
    "feed": _draw_feed,
    "refresh": _draw_refresh,
    "add": _draw_add,
    "mark_all_read": _draw_mark_all_read,
    "export": _draw_export,
    "back": _draw_back,
    "browser": _draw_browser,
    "remove": _draw_remove,
    "cancel": _draw_cancel,
    "search": _draw_search,
    "saved": _draw_saved_search,
    "undo": _draw_undo,
}
