"""Moving in from QuiteRSS and RSS Guard, on small databases built with those apps' schemas."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsreader.core.importers.common import ImportFailedError
from newsreader.core.importers.migrate import detect_kind
from newsreader.core.library import Library, open_library
from tests.helpers.fake_fetcher import FakeFetcher, FakeResponse
from tests.helpers.reader_dbs import (
    JAWA,
    LUAR,
    NASIONAL,
    OCT_26,
    STARRED_URL,
    build,
    build_quiterss,
    build_quiterss_empty,
    build_rssguard,
    corrupt,
    quiterss_news,
    rssguard_message,
    to_wal,
)


@pytest.fixture
def quiterss_db(tmp_path: Path) -> Path:
    return build_quiterss(tmp_path / "feeds.db")


@pytest.fixture
def rssguard_db(tmp_path: Path) -> Path:
    return build_rssguard(tmp_path / "database.db")


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = open_library(tmp_path / "data", fetcher=FakeFetcher())
    yield library
    library.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _articles(lib: Library, url: str) -> dict[str, object]:
    feed = next(f for f in lib.feeds() if f.url == url)
    return {e.title: lib.entry(e.id) for e in lib.entries(feed_id=feed.id)}


# -- QuiteRSS --------------------------------------------------------------------------------
def test_quiterss_feeds_folders_articles_and_marks(lib: Library, quiterss_db: Path) -> None:
    before = _digest(quiterss_db)
    report = lib.import_database(quiterss_db, "quiterss")
    assert (report.added, report.skipped_existing, report.articles_added) == (3, 0, 5)
    assert len(report.problems) == 1 and "Berkas Lokal" in report.problems[0]
    assert _digest(quiterss_db) == before  # opened read-only, never written

    feeds = {f.url: f for f in lib.feeds()}
    assert set(feeds) == {NASIONAL, JAWA, LUAR}
    assert (feeds[NASIONAL].folder, feeds[NASIONAL].title, feeds[NASIONAL].site_url) == (
        "Berita", "Elshinta – Nasional", "https://elshinta.com/"
    )  # fmt: skip
    assert (feeds[JAWA].folder, feeds[LUAR].folder) == ("Berita/Daerah", "")
    assert all(f.kind == "auto" for f in feeds.values())

    nasional = _articles(lib, NASIONAL)
    assert set(nasional) == {"Berita Satu", "Berita Dua"}  # the deleted one stays behind
    one = nasional["Berita Satu"]
    assert (one.url, one.read, one.starred, one.author) == (STARRED_URL, True, True, "Redaksi")
    assert one.published == datetime(2020, 10, 26, 4, 26, tzinfo=UTC)
    assert "script" not in one.summary_html and "Ringkasan satu" in one.summary_html
    assert "Isi lengkap" in one.html and "https://elshinta.com/img/a.jpg" in one.html
    assert "Isi lengkap satu." in one.text
    assert one.extraction == "feed" and "QuiteRSS" in one.extraction_note
    assert not nasional["Berita Dua"].read and not nasional["Berita Dua"].starred

    jawa = _articles(lib, JAWA)
    assert set(jawa) == {"Tanpa guid", "Judul diambil dari ringkasan ini"}
    assert jawa["Tanpa guid"].read
    atom = jawa["Judul diambil dari ringkasan ini"]
    assert atom.url == "https://jawa.example.id/b"
    assert atom.published is not None and atom.published.astimezone(UTC).day == 21

    # The copy in another feed is listed once across feeds and shares the marks.
    assert lib.entries(view="starred") and [e.url for e in lib.entries(view="starred")] == [
        STARRED_URL
    ]
    copy = _articles(lib, LUAR)["Berita Satu (salinan)"]
    assert copy.read and copy.starred


def test_importing_twice_adds_nothing(lib: Library, quiterss_db: Path) -> None:
    lib.import_database(quiterss_db, "quiterss")
    counts = (len(lib.feeds()), len(lib.entries()), lib.view_counts())
    again = lib.import_database(quiterss_db, "quiterss")
    assert (again.added, again.skipped_existing, again.articles_added) == (0, 3, 0)
    assert (len(lib.feeds()), len(lib.entries()), lib.view_counts()) == counts


def test_marks_merge_into_articles_already_here(tmp_path: Path, quiterss_db: Path) -> None:
    rss = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Nasional</title>'
        f"<link>https://elshinta.com/</link><item><title>Berita Satu</title>"
        f"<link>{STARRED_URL}</link><guid>{STARRED_URL}</guid>"
        f"<description>Ringkasan</description></item></channel></rss>"
    ).encode()
    fetcher = FakeFetcher({NASIONAL: FakeResponse(rss, headers={"Content-Type": "text/xml"})})
    with open_library(tmp_path / "mine", fetcher=fetcher) as lib:
        lib.add_feed(NASIONAL, full_article=False)
        lib.refresh()
        mine = lib.entries()[0]
        assert not mine.read and not mine.starred
        report = lib.import_database(quiterss_db, "quiterss")
        assert report.skipped_existing == 1
        nasional = [e for e in lib.entries() if e.feed_id == mine.feed_id]
        assert len(nasional) == 2  # "Berita Satu" merged, "Berita Dua" added
        merged = lib.entry(mine.id)
        assert merged.read and merged.starred
        # The next refresh knows the imported articles: nothing comes in twice.
        results = lib.refresh()
        assert [r.new for r in results if r.url == NASIONAL] == [0]


# -- RSS Guard -------------------------------------------------------------------------------
def test_rssguard_feeds_folders_articles_and_marks(lib: Library, rssguard_db: Path) -> None:
    before = _digest(rssguard_db)
    report = lib.import_database(rssguard_db, "rssguard")
    assert (report.added, report.articles_added) == (2, 3)
    assert len(report.problems) == 1 and "Skrip" in report.problems[0]
    assert _digest(rssguard_db) == before
    feeds = {f.url: f for f in lib.feeds()}
    assert (feeds[NASIONAL].folder, feeds[JAWA].folder) == ("Berita", "Berita/Daerah")

    nasional = _articles(lib, NASIONAL)
    assert set(nasional) == {"Berita Satu", "Berita Dua"}  # recycle bin and purged left out
    one = nasional["Berita Satu"]
    assert (one.read, one.starred, one.author) == (True, True, "Redaksi")
    assert one.published == datetime(2020, 10, 26, 4, 26, tzinfo=UTC)
    assert "iframe" not in one.html and "<i>satu</i>" in one.html
    assert "RSS Guard" in one.extraction_note
    assert nasional["Berita Dua"].published == datetime(2020, 10, 26, 3, 26, tzinfo=UTC)
    assert _articles(lib, JAWA)["Jawa Satu"].url == "https://jawa.example.id/a"

    again = lib.import_database(rssguard_db, "rssguard")
    assert (again.added, again.articles_added) == (0, 0)


def test_rssguard_4_0_messages_name_feeds_by_custom_id(lib: Library, tmp_path: Path) -> None:
    db = build(
        tmp_path / "old.db",
        "rssguard_v1.sql",
        [
            ("INSERT INTO Accounts(id, type) VALUES (1, 'std-rss')", ()),
            ("INSERT INTO Categories(id, parent_id, title, account_id) VALUES (1, -1, 'A', 1)", ()),
            ("INSERT INTO Feeds(id, title, category, source, update_type, account_id, custom_id)"
             " VALUES (1, 'Satu', 1, ?, 1, 1, '7')", (NASIONAL,)),
            ("INSERT INTO Feeds(id, title, category, source, update_type, account_id, custom_id)"
             " VALUES (7, 'Tujuh', -1, ?, 1, 1, '1')", (JAWA,)),
            ("INSERT INTO Messages(feed, title, url, date_created, account_id, custom_id)"
             " VALUES ('7', 'Milik Satu', 'https://x.example.id/1', ?, 1, 'g1')", (OCT_26,)),
            ("INSERT INTO Messages(feed, title, url, date_created, account_id, custom_id)"
             " VALUES ('1', 'Milik Tujuh', 'https://x.example.id/7', ?, 1, 'g7')", (OCT_26,)),
        ],
    )  # fmt: skip
    assert detect_kind(db) == "rssguard"
    report = lib.import_database(db, "rssguard")
    assert report.articles_added == 2
    assert set(_articles(lib, NASIONAL)) == {"Milik Satu"}
    assert set(_articles(lib, JAWA)) == {"Milik Tujuh"}
    assert {f.url: f.folder for f in lib.feeds()} == {NASIONAL: "A", JAWA: ""}


def _serving(items: str) -> FakeFetcher:
    """Nasional's feed as the site serves it (Jawa's empty), for a refresh after an import."""
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Nasional</title>'
        f"<link>https://elshinta.com/</link>{items}</channel></rss>"
    ).encode()
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>J</title></channel></rss>'
    headers = {"Content-Type": "text/xml"}
    return FakeFetcher(
        {NASIONAL: FakeResponse(rss, headers=headers), JAWA: FakeResponse(empty, headers=headers)}
    )


_NO_GUID_URL = "https://elshinta.com/read/tanpa-guid"


def test_rssguard_row_number_is_no_guid(tmp_path: Path) -> None:
    # RSS Guard fills custom_id with the row number of an item the feed gave no guid.
    rssguard = build_rssguard(
        tmp_path / "database.db",
        [rssguard_message(40, 10, "Tanpa guid", _NO_GUID_URL, custom_id="40", is_read=1)],
    )
    quiterss = build_quiterss(
        tmp_path / "feeds.db", [quiterss_news(3, "", "Tanpa guid", _NO_GUID_URL)]
    )
    item = f"<item><title>Tanpa guid</title><link>{_NO_GUID_URL}</link></item>"
    with open_library(tmp_path / "lib", fetcher=_serving(item)) as lib:
        lib.import_database(rssguard, "rssguard")
        lib.import_database(quiterss, "quiterss")  # the same item: known by its link
        nasional = next(f for f in lib.feeds() if f.url == NASIONAL)
        assert [e.url for e in lib.entries(feed_id=nasional.id)].count(_NO_GUID_URL) == 1
        results = lib.refresh(full_articles=False)
        assert [r.new for r in results if r.url == NASIONAL] == [0]
        (entry,) = [e for e in lib.entries() if e.url == _NO_GUID_URL]
        assert entry.read


def test_articles_deleted_there_do_not_come_back(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>{title}</title><link>{url}</link><guid>{url}</guid></item>"
        for title, url in [
            ("Dihapus", "https://elshinta.com/read/hapus"),  # guid as QuiteRSS kept it below
            ("Di tempat sampah", "https://elshinta.com/read/sampah"),
            ("Dibuang", "https://elshinta.com/read/buang"),
        ]
    )
    # QuiteRSS's deleted row, by the guid the feed gives it; and an article deleted there
    # but also kept undeleted (a duplicate row) stays.
    quiterss = build_quiterss(
        tmp_path / "feeds.db",
        [
            quiterss_news(3, "https://elshinta.com/read/hapus", "Dihapus",
                          "https://elshinta.com/read/hapus", deleted=1),
            quiterss_news(3, "guid-dua", "Berita Dua", "https://elshinta.com/read/dua",
                          deleted=1),
        ],
    )  # fmt: skip
    rssguard = build_rssguard(tmp_path / "database.db")
    with open_library(tmp_path / "lib", fetcher=_serving(items)) as lib:
        lib.import_database(quiterss, "quiterss")
        lib.import_database(rssguard, "rssguard")
        assert set(_articles(lib, NASIONAL)) == {"Berita Satu", "Berita Dua"}
        results = lib.refresh(full_articles=False)
        assert [r.new for r in results if r.url == NASIONAL] == [0]
        assert set(_articles(lib, NASIONAL)) == {"Berita Satu", "Berita Dua"}


def test_a_quiterss_file_without_feeds_says_what_to_do(lib: Library, tmp_path: Path) -> None:
    report = lib.import_database(build_quiterss_empty(tmp_path / "feeds.db"), "quiterss")
    assert (report.added, report.skipped_existing, report.articles_added) == (0, 0, 0)
    assert report.problems == [
        "feeds.db holds no feeds yet; QuiteRSS writes them when it quits: "
        "close QuiteRSS and import again"
    ]
    assert lib.feeds() == []


# -- not such a database ---------------------------------------------------------------------
def test_detect_kind(quiterss_db: Path, rssguard_db: Path) -> None:
    assert detect_kind(quiterss_db) == "quiterss"
    assert detect_kind(rssguard_db) == "rssguard"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'<?xml version="1.0"?><opml version="2.0"><body/></opml>', "not a database file"),
        (b"", "not a database file"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "damaged or is not a QuiteRSS database"),
    ],
)
def test_a_file_that_is_not_a_database_changes_nothing(
    lib: Library, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "feeds.db"
    path.write_bytes(content)
    with pytest.raises(ImportFailedError, match=message):
        lib.import_database(path, "quiterss")
    assert lib.feeds() == []


def test_the_other_readers_database_or_an_unrelated_one_is_refused(
    lib: Library, tmp_path: Path, quiterss_db: Path, rssguard_db: Path
) -> None:
    with pytest.raises(ImportFailedError, match="not a QuiteRSS database"):
        lib.import_database(rssguard_db, "quiterss")
    with pytest.raises(ImportFailedError, match="not an RSS Guard database"):
        lib.import_database(quiterss_db, "rssguard")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE feeds(id INTEGER, url TEXT)")
        conn.execute("CREATE TABLE news(id INTEGER)")
    conn.close()
    with pytest.raises(ImportFailedError, match="lacks"):
        lib.import_database(other, "quiterss")
    with pytest.raises(ImportFailedError, match="neither"):
        detect_kind(other)
    with pytest.raises(ImportFailedError, match="cannot read"):
        lib.import_database(tmp_path / "missing.db", "quiterss")
    with pytest.raises(ImportFailedError, match="unknown reader"):
        lib.import_database(quiterss_db, "liferea")  # type: ignore[arg-type]
    assert lib.feeds() == []


def test_a_damaged_database_fails_cleanly(lib: Library, tmp_path: Path) -> None:
    quiterss = corrupt(build_quiterss(tmp_path / "feeds.db"))
    with pytest.raises(ImportFailedError) as failed:
        lib.import_database(quiterss, "quiterss")
    assert str(failed.value) == (
        "feeds.db cannot be read: it is damaged or is not a QuiteRSS database"
        " (database disk image is malformed)"
    )
    rssguard = corrupt(build_rssguard(tmp_path / "database.db"))
    with pytest.raises(ImportFailedError, match="damaged or is not an RSS Guard database"):
        lib.import_database(rssguard, "rssguard")
    assert lib.feeds() == []


# -- the other reader's file is never written ------------------------------------------------
def _sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def test_a_wal_database_in_a_read_only_folder(lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "rssguard"
    folder.mkdir()
    db = to_wal(build_rssguard(folder / "database.db"))
    assert _sidecars(db) == []
    before, mtime = db.read_bytes(), db.stat().st_mtime_ns
    folder.chmod(0o555)  # root writes here anyway: hence the checks below
    try:
        assert detect_kind(db) == "rssguard"
        report = lib.import_database(db, "rssguard")
        assert (report.added, report.articles_added) == (2, 3)
        assert _sidecars(db) == []  # no -wal, no -shm
        assert (db.read_bytes(), db.stat().st_mtime_ns) == (before, mtime)
    finally:
        folder.chmod(0o755)


def test_changes_still_in_the_other_readers_wal_are_reported(lib: Library, tmp_path: Path) -> None:
    db = to_wal(build_quiterss(tmp_path / "feeds.db"))
    running = sqlite3.connect(db)  # QuiteRSS, still open, its last article not checkpointed
    try:
        running.execute("PRAGMA wal_autocheckpoint=0")
        running.execute(
            "INSERT INTO news(feedId, guid, title) VALUES (3, 'baru', 'Belum tersimpan')"
        )
        running.commit()
        wal = db.with_name("feeds.db-wal")
        size = os.path.getsize(wal)
        report = lib.import_database(db, "quiterss")
        assert report.articles_added == 5  # the file as it is on disk
        assert any("feeds.db-wal" in p and "QuiteRSS" in p for p in report.problems)
        assert os.path.getsize(wal) == size
    finally:
        running.close()
