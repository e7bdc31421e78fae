"""Drag and drop of feeds between folders in the feed list.

A mixin of FeedTreeModel: feeds are dragged as their ids; a drop on a folder (or on a feed
inside it) means "into that folder", on a feed at the top level or on empty space "to the top
level". The model does not move rows itself: it emits ``feeds_dropped`` and the library's
answer comes back as a reload, so the tree always shows what was stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from newsreader.ui.models.feed_nodes import NodeKey

FEED_MIME = "application/x-newsreader-feed-ids"

_Index = QModelIndex | QPersistentModelIndex


def encode_ids(ids: list[int]) -> QByteArray:
    return QByteArray(",".join(str(i) for i in ids).encode("ascii"))


def decode_ids(data: QMimeData) -> list[int]:
    if not data.hasFormat(FEED_MIME):
        return []
    raw = bytes(data.data(FEED_MIME).data()).decode("ascii", "replace")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()]


class FeedDragMixin:
    """mimeTypes/mimeData/canDropMimeData/dropMimeData for FeedTreeModel."""

    if TYPE_CHECKING:  # provided by the model
        feeds_dropped: SignalInstance  # (feed ids, folder name; "" for the top level)

        def key_at(self, index: _Index) -> NodeKey | None: ...

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [FEED_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[int] = []
        for index in indexes:
            key = self.key_at(index)
            if key is not None and key.kind == "feed" and int(key.id) not in ids:
                ids.append(int(key.id))
        data = QMimeData()
        data.setData(FEED_MIME, encode_ids(ids))
        return data

    def drop_folder(self, parent: _Index) -> str | None:
        """The folder a drop on ``parent`` puts feeds in ("" top level), None if refused."""
        key = self.key_at(parent)
        if key is None:
            return ""  # empty space, or between the top-level rows
        if key.kind == "folder":
            return str(key.id)
        if key.kind == "feed":
            outer = self.key_at(parent.parent())  # the index asks its model
            return str(outer.id) if outer is not None and outer.kind == "folder" else ""
        return None  # a smart view holds no feeds

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return (
            action == Qt.DropAction.MoveAction
            and bool(decode_ids(data))
            and self.drop_folder(parent) is not None
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        folder = self.drop_folder(parent)
        assert folder is not None
        self.feeds_dropped.emit(decode_ids(data), folder)
        return True
