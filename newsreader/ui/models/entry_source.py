"""What the article list shows (``ListSource``), and a read of it that may run on another
thread (``RefreshRead``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from newsreader.core import EntrySummary

if TYPE_CHECKING:
    from newsreader.core import View

SearchOrder = Literal["relevance", "newest"]


@dataclasses.dataclass(frozen=True)
class ListSource:
    """Which articles the list shows: one feed, one folder, a smart view, or the results
    of a search (``query``)."""

    feed_id: int | None = None
    folder: str | None = None
    view: View = "all"
    query: str | None = None
    order: SearchOrder = "relevance"  # of search results


@dataclasses.dataclass(frozen=True)
class RefreshRead:
    """The read behind ``EntryListModel.refresh``, taken on the GUI thread so that another
    thread can run it (``read()``) while a refresh follows new articles."""

    source: ListSource
    order: tuple[str, bool, str]  # sort key, descending, filter
    edits: int  # the model's local state changes when it was taken
    limit: int
    read: Callable[[], list[EntrySummary]]
