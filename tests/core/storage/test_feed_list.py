"""The feed list keeps its values until the feed table changes (the window reads it
after every mark); counts are always current."""

from __future__ import annotations

from pathlib import Path

from newsreader.core.library import open_library
from tests.helpers.search_data import add_entry, add_feed

NOW = 1_700_000_000.0


def test_feed_list_follows_marks_and_feed_changes(tmp_path: Path) -> None:
    with open_library(tmp_path, clock=lambda: NOW) as lib:
        a, b = add_feed(lib, "A"), add_feed(lib, "B")
        first = add_entry(lib, a, "satu")
        add_entry(lib, b, "dua")
        before = {f.id: f for f in lib.feeds()}
        assert [(f.unread, f.total) for f in before.values()] == [(1, 1), (1, 1)]
        again = {f.id: f for f in lib.feeds()}
        assert all(again[i] is before[i] for i in before)  # nothing changed: the same values
        lib.mark_read([first])
        after = {f.id: f for f in lib.feeds()}
        assert (after[a].unread, after[a].total) == (0, 1)
        assert after[b] is before[b]  # its counts did not move
        lib.set_feed_options(b, title="B baru", folder="Berita")
        renamed = {f.id: f for f in lib.feeds()}
        assert (renamed[b].title, renamed[b].folder, renamed[b].unread) == ("B baru", "Berita", 1)
        lib.remove_feed(a)
        assert [f.id for f in lib.feeds()] == [b]
        add_entry(lib, b, "tiga")
        assert [(f.unread, f.total) for f in lib.feeds()] == [(2, 2)]
