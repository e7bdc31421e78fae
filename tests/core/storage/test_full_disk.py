"""A full disk: a clear error, every feed whole, the database intact.

SQLite's ``PRAGMA max_page_count`` caps the database: past it every write fails with
SQLITE_FULL, "database or disk is full", and SQLite rolls the transaction back itself, exactly
as on a full disk. ``test_a_real_full_disk`` fills a real (tiny tmpfs) filesystem too.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from newsreader import cli
from newsreader.core import paths
from newsreader.core.errors import StorageError
from newsreader.core.library import Library, open_library
from newsreader.core.settings import Settings
from newsreader.core.storage import image_store as images_module
from newsreader.core.storage import records as db_module
from newsreader.core.storage.records import MetaRecord, describe_failure
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.http_server import HttpServer
from tests.helpers.library_tools import add_feed_unchecked

SITE = "https://full.example"
FEEDS = 4
NO_CAP = 1 << 30
ROOT = Path(__file__).resolve().parents[3]


def feed_xml(feed: int, items: range, rev: int, filler: int = 1) -> bytes:
    """A feed whose items say which answer (``rev``) they belong to; ``filler`` pads them."""
    pad = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * filler
    body = "".join(
        f"<item><guid isPermaLink='false'>f{feed}-n{n}</guid><title>Item {n}</title>"
        f"<link>{SITE}/{feed}/{n}</link><description>f{feed} n{n} r{rev} {pad}</description>"
        "</item>"
        for n in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Feed {feed}</title><link>{SITE}/</link>{body}</channel></rss>"
    ).encode()


def feed_url(feed: int) -> str:
    return f"{SITE}/feed/{feed}.xml"


def _cap(lib: Library, extra_pages: int) -> None:
    """Let the database grow by ``extra_pages`` pages at most (on the writer's connection)."""

    def job() -> None:
        database = MetaRecord._meta.database
        pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
        database.execute_sql(f"PRAGMA max_page_count = {pages + extra_pages}")

    lib.writer.call(job)


def _uncap(lib: Library) -> None:
    lib.writer.call(
        lambda: MetaRecord._meta.database.execute_sql(f"PRAGMA max_page_count = {NO_CAP}")
    )


def _stored(data_dir: Path) -> dict[str, dict[int, int]]:
    """{feed title: {item number: answer it was stored from}}, read as another program would."""
    con = sqlite3.connect(paths.database_path(data_dir))
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = con.execute(
            "select feed.title, entry.summary_html from entry join feed on feed.id = entry.feed_id"
        ).fetchall()
    finally:
        con.close()
    stored: dict[str, dict[int, int]] = {}
    for title, summary in rows:
        _, item, rev = summary.split()[:3]
        stored.setdefault(title, {})[int(item[1:])] = int(rev[1:])
    return stored


def _marks(lib: Library) -> tuple[set[int], set[int]]:
    rows = lib.entries()
    return {e.id for e in rows if e.starred}, {e.id for e in rows if e.read}


@pytest.fixture
def fetcher() -> FakeFetcher:
    return FakeFetcher({feed_url(i): feed_xml(i, range(10), rev=1) for i in range(FEEDS)})


@pytest.fixture
def lib(tmp_path: Path, fetcher: FakeFetcher):
    library = open_library(tmp_path / "data", fetcher=fetcher, settings=Settings())
    for i in range(FEEDS):
        add_feed_unchecked(library, feed_url(i), title=f"Feed {i}", kind="feed", full_article=False)
    yield library
    library.close()


def test_a_full_disk_stops_the_refresh_and_keeps_every_feed_whole(
    lib: Library, fetcher: FakeFetcher
) -> None:
    lib.refresh()
    ids = sorted(e.id for e in lib.entries())
    lib.set_starred(ids[0])
    lib.set_starred(ids[7])
    lib.mark_read(ids[3:9])
    marks = _marks(lib)
    # Every feed now revises its 10 items and brings 40 long new ones: about 30 pages a feed,
    # while the database may grow by 40 pages. One feed fits, the others cannot.
    for i in range(FEEDS):
        fetcher.responses[feed_url(i)] = feed_xml(i, range(50), rev=2, filler=40)
    _cap(lib, 40)
    with pytest.raises(StorageError) as failure:
        lib.refresh()
    assert str(failure.value).startswith("could not save to the database: the disk is full")
    stored = _stored(lib.data_dir)
    whole_old, whole_new = {n: 1 for n in range(10)}, {n: 2 for n in range(50)}
    assert all(items in (whole_old, whole_new) for items in stored.values()), "half a feed"
    assert whole_old in stored.values()
    assert _marks(lib) == marks
    # Space is back: the next refresh stores every feed, marks untouched.
    _uncap(lib)
    results = lib.refresh()
    assert all(not r.error for r in results)
    assert list(_stored(lib.data_dir).values()) == [whole_new] * FEEDS
    assert _marks(lib) == marks


class _SlowFetcher(FakeFetcher):
    """Each request takes a moment, as on the network, so a stop shows in the count."""

    def get(self, url: str, **kwargs: Any):  # type: ignore[no-untyped-def,override]
        threading.Event().wait(0.01)
        return super().get(url, **kwargs)


def test_a_full_disk_stops_fetching_the_other_feeds(tmp_path: Path) -> None:
    feeds = 30
    fetcher = _SlowFetcher({feed_url(i): feed_xml(i, range(40), 1, 40) for i in range(feeds)})
    settings = Settings(max_connections=1)
    with open_library(tmp_path / "data", fetcher=fetcher, settings=settings) as library:
        for i in range(feeds):
            add_feed_unchecked(library, feed_url(i), kind="feed", full_article=False)
        _cap(library, 5)
        fetcher.requests.clear()
        with pytest.raises(StorageError, match="disk is full"):
            library.refresh()
        # The refresh stopped at the first failure instead of fetching all 30 feeds only to
        # fail storing each of them.
        assert len(fetcher.requests) <= 3


class _FullDiskOs:
    """``os`` as images.py sees it, on a disk that fills up half-way through writing a file."""

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    @staticmethod
    def fdopen(fd: int, *args: Any, **kwargs: Any) -> _FullFile:
        return _FullFile(os.fdopen(fd, *args, **kwargs))


class _FullFile:
    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw.close()

    def write(self, data: bytes) -> int:
        self._raw.write(data[: len(data) // 2])
        self._raw.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_while_saving_an_image_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"image bytes " * 500 + b"\0\0\0\0IEND\xaeB`\x82"
    article = (
        "<html><head><title>Item 0</title></head><body><article><h1>Item 0</h1>"
        + f"<img src='{SITE}/photo.png' alt='photo of item 0'>"
        + "<p>A paragraph of the article, long enough to be its body text.</p>" * 8
        + "</article></body></html>"
    ).encode()
    fetcher = FakeFetcher(
        {feed_url(0): feed_xml(0, range(1), 1), f"{SITE}/0/0": article, f"{SITE}/photo.png": png}
    )
    monkeypatch.setattr(images_module, "os", _FullDiskOs())
    with open_library(tmp_path / "data", fetcher=fetcher) as library:
        add_feed_unchecked(library, feed_url(0), kind="feed", full_article=True)
        results = library.refresh()
        assert [r.error for r in results] == [""]
        entry = library.entry(library.entries()[0].id)
        assert "long enough to be its body" in entry.text  # the article itself was stored
        con = sqlite3.connect(paths.database_path(library.data_dir))
        row = con.execute("select path, error from image").fetchone()
        con.close()
    assert row[0] == ""
    assert "No space left on device" in row[1]
    images = paths.images_dir(tmp_path / "data")
    assert [p for p in images.rglob("*") if p.is_file()] == []  # no partial file left


def test_cli_refresh_on_a_full_disk_prints_a_clear_message(
    tmp_path: Path, http_server: HttpServer, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    data_dir = tmp_path / "data"
    for i in range(FEEDS):
        http_server.route(f"/feed/{i}.xml", feed_xml(i, range(40), 1, filler=40))
    with open_library(data_dir) as library:
        for i in range(FEEDS):
            add_feed_unchecked(library, http_server.url(f"/feed/{i}.xml"), kind="feed",
                                       full_article=False)  # fmt: skip
    con = sqlite3.connect(paths.database_path(data_dir))
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    # Every connection the CLI opens is capped, as if the disk were full.
    monkeypatch.setitem(db_module.PRAGMAS, "max_page_count", pages + 4)
    assert cli.main(["--data-dir", str(data_dir), "refresh"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsreader: could not save to the database: the disk is full")
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert _stored(data_dir) == {}  # not even part of a feed
    monkeypatch.delitem(db_module.PRAGMAS, "max_page_count")
    assert cli.main(["--data-dir", str(data_dir), "refresh"]) == 0
    assert len(_stored(data_dir)) == FEEDS


def test_opening_a_new_library_on_a_full_disk_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setitem(db_module.PRAGMAS, "max_page_count", 2)
    with pytest.raises(StorageError, match=r"could not open the library .* the disk is full"):
        open_library(tmp_path / "data", fetcher=FakeFetcher())
    assert cli.main(["--data-dir", str(tmp_path / "cli"), "feeds"]) == 1
    assert "the disk is full" in capsys.readouterr().err


def test_sqlites_own_rollback_does_not_hide_the_full_disk(lib: Library) -> None:
    """On SQLITE_FULL SQLite rolls back by itself; peewee's ROLLBACK after it failed with "no
    transaction is active", which read as a bug instead of a full disk."""
    _cap(lib, 2)

    def fill() -> None:
        for i in range(1000):
            MetaRecord.insert(key=f"k{i}", value="x" * 2000).execute()

    with pytest.raises(StorageError, match="the disk is full"):
        lib.writer.call(fill)
    assert lib.writer.call(lambda: MetaRecord.select().where(MetaRecord.key == "k0").count()) == 0
    _uncap(lib)
    lib.writer.call(lambda: MetaRecord.insert(key="after", value="1").execute())  # still works


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (sqlite3.OperationalError("database or disk is full"), "the disk is full"),
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full"),
        (sqlite3.OperationalError("database is locked"), "in use by another program"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "cannot be written"),
        (sqlite3.DatabaseError("database disk image is malformed"), "file is damaged"),
        (sqlite3.OperationalError("disk I/O error"), "could not be read or written"),
    ],
)
def test_failures_are_described_for_people(exc: BaseException, reason: str) -> None:
    text = describe_failure(exc)
    assert reason in text
    assert text.endswith(")")  # SQLite's own words follow, for a bug report


def _can_mount_tmpfs() -> list[str] | None:
    """The command prefix that runs a child in a mount namespace of its own, if any works."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    for prefix in ([unshare, "--mount"], [unshare, "--user", "--map-root-user", "--mount"]):
        probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return prefix
    return None


def test_a_real_full_disk(tmp_path: Path) -> None:
    """The library on a 4 MB tmpfs filled to the last byte (in a mount namespace of a child
    process, so nothing outside the test sees it)."""
    prefix = _can_mount_tmpfs()
    if prefix is None:
        pytest.skip("no mount namespace here; the max_page_count tests cover the same paths")
    mount = tmp_path / "disk"
    mount.mkdir()
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "tests.helpers.crash_worker", "full-disk", str(mount)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    facts = json.loads(proc.stdout.decode().splitlines()[-1])
    assert facts["error"].startswith("could not save to the database: the disk is full")
    assert facts["integrity"] == "ok"
    assert facts["whole_feeds"] is True
    assert facts["marks_kept"] is True
    assert facts["image_error"] == "No space left on device"
    assert facts["partial_files"] == []
    assert facts["after_space_freed"] == "ok"
    assert facts["entries_after"] > facts["entries_before"]


def test_a_bug_while_storing_a_feed_propagates_and_stops_the_refresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the machine's failures become StorageError; a bug is raised as itself (the GUI
    shows its crash dialog), and the batch stops there too."""
    from newsreader.core.storage import writes as storage

    feeds = 30
    fetcher = _SlowFetcher({feed_url(i): feed_xml(i, range(5), 1) for i in range(feeds)})
    with open_library(
        tmp_path / "data", fetcher=fetcher, settings=Settings(max_connections=1)
    ) as lib:
        for i in range(feeds):
            add_feed_unchecked(lib, feed_url(i), kind="feed", full_article=False)

        def bug(*args: object, **kwargs: object) -> None:
            raise KeyError("a bug")

        monkeypatch.setattr(storage, "apply_feed", bug)
        with pytest.raises(KeyError, match="a bug"):
            lib.refresh()
        assert len(fetcher.requests) <= 3
