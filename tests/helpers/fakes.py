"""FakeLibrary: an in-memory implementation of the Library facade for UI tests.

Qt-free. Thread-safe, because the GUI calls it from worker tasks. Gates (``threading.Event``)
let a test hold a slow operation half-way to look at the "busy" state, without sleeping. The
fixture data (seed URLs, ``make_entry``, ``write_png``) lives in ``fake_data`` and is re-exported.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsreader.core.errors import (
    EntryNotFoundError,
    ExportError,
    FeedExistsError,
    FeedNotFoundError,
    FetchError,
    InvalidURLError,
)
from newsreader.core.feeds.opml import export_opml, read_opml
from newsreader.core.importers.common import ImportReport
from newsreader.core.settings import Settings
from newsreader.core.types import (
    Entry,
    EntrySummary,
    Feed,
    ImageRef,
    Progress,
    RelatedLink,
    UpdateResult,
)
from newsreader.core.update.subscriptions import UNSET, Unset
from tests.helpers.fake_data import (
    BASE,
    CACHED_IMAGE_URL,
    RELATED_FAIL_URL,
    RELATED_FETCH_URL,
    RELATED_STORED_URL,
    REMOTE_IMAGE_URL,
    SEED_TITLE,
    SEED_URL,
    make_entry,
    write_png,
)
from tests.helpers.fake_desk import FakeDesk
from tests.helpers.fake_folders import FakeFolders

if TYPE_CHECKING:
    from newsreader.core.library_api import LibraryApi

__all__ = [
    "BASE",
    "CACHED_IMAGE_URL",
    "RELATED_FAIL_URL",
    "RELATED_FETCH_URL",
    "RELATED_STORED_URL",
    "REMOTE_IMAGE_URL",
    "SEED_TITLE",
    "SEED_URL",
    "FakeLibrary",
    "make_entry",
    "write_png",
]


def _feed(fid: int, title: str, url: str, folder: str = "", kind: str = "feed") -> Feed:
    return Feed(
        id=fid, url=url, title=title, site_url=BASE, folder=folder, kind=kind,  # type: ignore[arg-type]
        unread=0, total=0, error="", last_fetched=None, next_fetch=None,
        interval_minutes=60, full_article=True, builtin=False,
    )  # fmt: skip


class FakeLibrary(FakeFolders, FakeDesk):
    """In-memory Library: four feeds, a seed article with related links and a cached image."""

    def __init__(self, data_dir: Path, *, bulk: int = 0, now: datetime | None = None) -> None:
        self.data_dir = data_dir
        self.settings = Settings()
        self.now = now or datetime.now(UTC)
        self.calls: list[tuple[str, tuple[object, ...]]] = []
        self.failing_urls: set[str] = set()  # refresh marks these feeds as failed
        self.refresh_gate: threading.Event | None = None  # refresh waits here after feed 1
        self.add_gate: threading.Event | None = None
        self.related_gate: threading.Event | None = None
        self._lock = threading.RLock()
        self._next_id = 1000
        self._errors: dict[int, str] = {}
        self._empty_folders: set[str] = set()
        self.image_path = write_png(data_dir / "images" / "ab" / "belarus.png")
        self._feeds: dict[int, Feed] = {
            1: _feed(1, "Elshinta Nasional", f"{BASE}/kategori/3/nasional", "Elshinta", "index"),
            2: _feed(2, "Elshinta Internasional", f"{BASE}/kategori/5/internasional", "Elshinta"),
            3: _feed(3, "Teknologi Blog", "https://blog.example/feed.xml"),
        }
        # Feed 1 follows the defaults and has a schedule; the others have settings of their own.
        self._feeds[1] = dataclasses.replace(self._feeds[1], interval_minutes=None,
            full_article=None, last_fetched=self.now - timedelta(minutes=10),
            next_fetch=self.now + timedelta(minutes=5))  # fmt: skip
        self._entries: dict[int, Entry] = {}
        self._build_entries(bulk)

    # -- fixture data --------------------------------------------------------------
    def _build_entries(self, bulk: int) -> None:
        hour = timedelta(hours=1)
        related = (
            RelatedLink("Serangan di Afghanistan Hanya Fokus Untuk Cegah Serangan terhadap AS",
                        RELATED_STORED_URL, self.now - 30 * hour, "AS tidak berencana untuk..."),
            RelatedLink("Selandia Baru Minta Maaf Atas Tindakan Imigrasi Masa Lalu",
                        RELATED_FETCH_URL, self.now - 31 * hour, "Pemerintah Selandia Baru..."),
            RelatedLink("Varian Delta Bukan Faktor Tunggal Lonjakan Kasus",
                        RELATED_FAIL_URL, None, "Sejumlah daerah di Indonesia..."),
        )  # fmt: skip
        body = (
            "<p>Presiden Belarusia Alexander Lukashenko mengatakan kepada Menteri Luar Negeri AS "
            "Mike Pompeo lewat telepon Sabtu (24/10) bahwa Belarus dan Rusia siap bekerja sama.</p>"
            f'<p><img src="{CACHED_IMAGE_URL}" alt="Lukashenko"></p>'
            "<p>Lukashenko masih terus berkuasa meskipun menghadapi protes-protes besar.</p>"
            f'<p><img src="{REMOTE_IMAGE_URL}" alt="Peta Belarus"></p><p>[vm/ft]</p>'
        )
        self._add(make_entry(
            id=1, feed_id=2, feed_title="Elshinta Internasional", published=self.now - hour,
            html=body, origin="VOA Indonesia", related=related, lead_image=CACHED_IMAGE_URL,
            images=(ImageRef(CACHED_IMAGE_URL, str(self.image_path)),
                    ImageRef(REMOTE_IMAGE_URL, None)),
        ))  # fmt: skip
        self._add(make_entry(
            id=2, feed_id=2, feed_title="Elshinta Internasional", url=RELATED_STORED_URL,
            title=related[0].title, published=self.now - 30 * hour,
            html="<p>AS tidak berencana untuk mendukung pasukan Afghanistan.</p>",
        ))  # fmt: skip
        self._add(make_entry(
            id=3, feed_id=1, feed_title="Elshinta Nasional", url=f"{BASE}/news/3/menkes",
            title="Menkes: Corona Varian India Mendominasi DKI Jakarta",
            published=self.now - 50 * hour, html="<p>Varian baru virus corona B1617.2.</p>",
            summary_html="<p>Ringkasan: varian baru.</p>",
            updated_at=self.now - 2 * hour, previous_versions=1,  # a story update
        ))  # fmt: skip
        self._add(make_entry(
            id=4, feed_id=3, feed_title="Teknologi Blog", url="https://blog.example/post/4",
            title="Catatan rilis 2.0", published=self.now - 70 * hour, starred=True, read=True,
            extraction="", html="", summary_html="<p>Ringkasan dari feed.</p>",
        ))  # fmt: skip
        for n in range(bulk):
            self._add(make_entry(
                id=10_000 + n, feed_id=4, feed_title="Bulk", url=f"https://bulk.example/{n}",
                title=f"Bulk article {n}", published=self.now - timedelta(minutes=5 * n + 200),
            ))  # fmt: skip
        if bulk:
            self._feeds[4] = _feed(4, "Bulk", "https://bulk.example/feed")

    def _add(self, entry: Entry) -> None:
        self._entries[entry.id] = entry

    def add_entry(self, entry: Entry) -> None:
        """Simulate an article arriving (as a refresh would store it)."""
        with self._lock:
            self._add(entry)

    def _log(self, name: str, *args: object) -> None:
        with self._lock:
            self.calls.append((name, args))

    def called(self, name: str) -> list[tuple[object, ...]]:
        with self._lock:
            return [args for call, args in self.calls if call == name]

    # -- subscriptions ---------------------------------------------------------------
    def close(self) -> None:
        self._log("close")

    def add_feed(self, url: str, *, folder: str = "", full_article: bool | None = None) -> Feed:
        self._log("add_feed", url, folder)
        if self.add_gate is not None:
            self.add_gate.wait(10)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InvalidURLError(url, "not an http(s) URL")
        if "nofeed" in url:
            raise FeedNotFoundError(url, "no feed or article list found at this address")
        with self._lock:
            if any(f.url == url for f in self._feeds.values()):
                raise FeedExistsError(url, "already subscribed")
            fid = max(self._feeds) + 1
            self._feeds[fid] = _feed(fid, parts.hostname, url, folder)
            return self.feed(fid)

    def feeds(self) -> list[Feed]:
        with self._lock:
            feeds = [self.feed(fid) for fid in self._feeds]
        return sorted(feeds, key=lambda f: (f.folder == "", f.folder.lower(), f.title.lower()))

    def feed(self, feed_id: int) -> Feed:
        with self._lock:
            if feed_id not in self._feeds:
                raise FeedNotFoundError("", f"no subscription with id {feed_id}")
            own = [e for e in self._entries.values() if e.feed_id == feed_id]
            return dataclasses.replace(
                self._feeds[feed_id],
                unread=sum(not e.read for e in own),
                total=len(own),
                error=self._errors.get(feed_id, ""),
            )

    def remove_feed(self, feed_id: int, *, keep_starred: bool = True) -> None:
        self._log("remove_feed", feed_id, keep_starred)
        with self._lock:
            self.feed(feed_id)
            del self._feeds[feed_id]
            for entry in list(self._entries.values()):
                if entry.feed_id == feed_id and not (keep_starred and entry.starred):
                    del self._entries[entry.id]

    def starred_count(self, feed_id: int) -> int:
        with self._lock:
            return sum(e.starred for e in self._entries.values() if e.feed_id == feed_id)

    def ensure_default_subscriptions(self) -> bool:
        self._log("ensure_default_subscriptions")
        return False

    def set_feed_options(
        self, feed_id: int, *, title: str | None = None, folder: str | None = None,
        interval_minutes: int | Unset | None = UNSET, full_article: bool | Unset | None = UNSET,
        paused: bool | None = None, keep_days: int | Unset | None = UNSET,
        keep_per_feed: int | Unset | None = UNSET, notify: bool | None = None,
        show_summary: bool | None = None,
    ) -> Feed:  # fmt: skip
        """As the library's (None: "the default"; left out: unchanged). Logs the options given."""
        given: dict[str, object] = {
            k: v
            for k, v in (("title", title), ("folder", folder), ("paused", paused),
                         ("notify", notify), ("show_summary", show_summary))
            if v is not None
        }  # fmt: skip
        for name, option in (("interval_minutes", interval_minutes),
                             ("full_article", full_article), ("keep_days", keep_days),
                             ("keep_per_feed", keep_per_feed)):  # fmt: skip
            if not isinstance(option, Unset):
                given[name] = option
        self._log("set_feed_options", feed_id, given)
        if isinstance(interval_minutes, int) and not 1 <= interval_minutes <= 7 * 24 * 60:
            raise ValueError("the update interval must be between 1 minute and 7 days")
        with self._lock:
            self.feed(feed_id)  # FeedNotFoundError, as the library
            stripped = {k: v.strip() if isinstance(v, str) else v for k, v in given.items()}
            self._feeds[feed_id] = dataclasses.replace(self._feeds[feed_id], **stripped)  # type: ignore[arg-type]
            return self.feed(feed_id)

    def set_feed_error(self, feed_id: int, error: str) -> None:
        with self._lock:
            self._errors[feed_id] = error

    # -- updating ----------------------------------------------------------------------
    def refresh(
        self,
        feed_ids: Sequence[int] | None = None,
        *,
        only_due: bool = False,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
        full_articles: bool = True,
    ) -> list[UpdateResult]:
        self._log("refresh", tuple(feed_ids or ()), only_due)
        with self._lock:
            targets = [self._feeds[i] for i in (feed_ids or list(self._feeds)) if i in self._feeds]
        results = []
        for done, feed in enumerate(targets):
            if cancel is not None and cancel.is_set():
                break
            if progress is not None:
                progress(Progress(done, len(targets), "feeds", feed.title))
            if done == 1 and self.refresh_gate is not None:
                self.refresh_gate.wait(10)
            error = "HTTP 503 Service Unavailable" if feed.url in self.failing_urls else ""
            self.set_feed_error(feed.id, error)
            results.append(UpdateResult(feed.id, feed.url, error=error))
        if progress is not None:
            progress(Progress(len(results), len(targets), "feeds", ""))
        return results

    def next_due(self) -> datetime | None:
        return None

    # -- reading -----------------------------------------------------------------------
    def entries(
        self,
        *,
        feed_id: int | None = None,
        folder: str | None = None,
        view: str = "all",
        limit: int | None = None,
        offset: int = 0,
        sort: str = "date",
        descending: bool = True,
        unread_only: bool = False,
        starred_only: bool = False,
    ) -> list[EntrySummary]:
        """As the library's; the log keeps the first five arguments where tests expect them."""
        self._log("entries", feed_id, folder, view, limit, offset, sort, descending,
                  unread_only, starred_only)  # fmt: skip
        with self._lock:
            rows = [e for e in self._entries.values() if self._matches(e, feed_id, folder, view)]
        if unread_only:
            rows = [e for e in rows if not e.read]
        if starred_only:
            rows = [e for e in rows if e.starred]
        oldest = datetime.min.replace(tzinfo=UTC)
        keys = {"title": lambda e: (e.title.casefold(), e.id),
                "feed": lambda e: (e.feed_title.casefold(), e.feed_id)}  # fmt: skip
        if sort == "feed":  # as the library: feeds by title, each feed's articles newest first
            rows.sort(key=lambda e: (e.published or oldest, e.id), reverse=True)
        rows.sort(key=keys.get(sort, lambda e: (e.published or oldest, e.id)), reverse=descending)
        rows = rows[offset:] if limit is None else rows[offset : offset + limit]
        return [_summary(e) for e in rows]

    def _matches(self, e: Entry, feed_id: int | None, folder: str | None, view: str) -> bool:
        if feed_id is not None and e.feed_id != feed_id:
            return False
        if folder is not None and (e.feed_id not in self._feeds or
                                   self._feeds[e.feed_id].folder != folder):  # fmt: skip
            return False
        if view == "unread":
            return not e.read
        if view == "starred":
            return e.starred
        if view == "today":
            return e.published is not None and e.published.date() == self.now.date()
        return True

    def entry(self, entry_id: int) -> Entry:
        with self._lock:
            try:
                return self._entries[entry_id]
            except KeyError:
                raise EntryNotFoundError(f"no article with id {entry_id}") from None

    def view_counts(self) -> dict[str, int]:
        with self._lock:
            unread = [e for e in self._entries.values() if not e.read]
            return {
                "all": len(unread),
                "unread": len(unread),
                "starred": sum(e.starred for e in unread),
                "today": sum(self._matches(e, None, None, "today") for e in unread),
            }

    def cached_urls(self, urls: Sequence[str]) -> set[str]:
        with self._lock:
            known = {e.url for e in self._entries.values()}
        return {u for u in urls if u in known}

    def entry_diff(self, entry_id: int) -> str | None:
        self._log("entry_diff", entry_id)
        if not self.entry(entry_id).previous_versions:
            return None
        return "<p>Varian baru virus corona <del>B1617</del><ins>B1617.2</ins>.</p>"

    def open_related(self, entry_id: int, url: str) -> Entry:
        self._log("open_related", entry_id, url)
        if self.related_gate is not None:
            self.related_gate.wait(10)
        if url == RELATED_FAIL_URL:
            raise FetchError(url, "connection timed out")
        with self._lock:
            parent = self.entry(entry_id)
            for entry in self._entries.values():
                if entry.url == url:
                    return entry
            link = next(r for r in parent.related if r.url == url)
            self._next_id += 1
            entry = make_entry(
                id=self._next_id, feed_id=parent.feed_id, feed_title=parent.feed_title, url=url,
                title=link.title, published=link.published, related=(),
                html=f"<p>{link.teaser} Isi lengkap artikel terkait.</p>",
            )  # fmt: skip
            self._add(entry)
            return entry

    # -- state ---------------------------------------------------------------------------
    def mark_read(self, entry_ids: Sequence[int], read: bool = True) -> None:
        self._log("mark_read", tuple(entry_ids), read)
        with self._lock:
            for eid in entry_ids:
                self._entries[eid] = dataclasses.replace(self.entry(eid), read=read)

    def mark_all_read(
        self, *, feed_id: int | None = None, folder: str | None = None, view: str = "all"
    ) -> int:
        """For tests to set the scene (the window marks through ``mark_all_read_undoable``)."""
        self._log("mark_all_read", feed_id, folder, view)
        with self._lock:
            ids = [e.id for e in self._entries.values()
                   if not e.read and self._matches(e, feed_id, folder, view)]  # fmt: skip
            self.mark_read(ids)
            return len(ids)

    def set_starred(self, entry_id: int, starred: bool = True) -> None:
        self._log("set_starred", entry_id, starred)
        with self._lock:
            self._entries[entry_id] = dataclasses.replace(self.entry(entry_id), starred=starred)

    # -- export --------------------------------------------------------------------------
    def export(
        self, entry_ids: Sequence[int], fmt: str, path: Path, *, force: bool = False,
        per_article: bool = False, title: str = "Newsreader",
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Path:  # fmt: skip
        """Writes titles and URLs as JSON, whatever the format (the real one: test_export)."""
        self._log("export", tuple(entry_ids), fmt, path, force)
        if path.exists() and not force:
            raise ExportError(f"{path} exists")
        items = [{"title": self.entry(i).title, "url": self.entry(i).url} for i in entry_ids]
        if progress is not None:
            progress(len(items), len(items))
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        return path

    def entries_for_export(
        self, *, starred: bool = False, feed_id: int | None = None,
        since: datetime | None = None, until: datetime | None = None,
    ) -> list[int]:  # fmt: skip
        self._log("entries_for_export", starred, feed_id, since, until)
        rows = self.entries(feed_id=feed_id, view="starred" if starred else "all")
        return [r.id for r in rows if _in_range(r.published, since, until)]

    def entries_by_id(
        self, entry_ids: Sequence[int], *, cancel: threading.Event | None = None
    ) -> list[Entry]:
        return [self.entry(i) for i in entry_ids]

    # -- subscriptions in and out ----------------------------------------------------------
    def import_opml(self, path: Path) -> ImportReport:
        """Subscribes to the file's feeds (folders and titles kept), fetching nothing."""
        self._log("import_opml", path)
        result = read_opml(path.read_bytes())
        added: list[int] = []
        with self._lock:
            for item in result.feeds:
                if any(f.url == item.url for f in self._feeds.values()):
                    continue
                fid = max(self._feeds) + 1
                self._feeds[fid] = _feed(fid, item.title or item.url, item.url, item.folder)
                added.append(fid)
        skipped = len(result.feeds) - len(added)
        return ImportReport(len(added), skipped, list(result.problems), feed_ids=tuple(added))

    def export_opml(self, path: Path, *, force: bool = False) -> Path:
        self._log("export_opml", path, force)
        return export_opml(self.feeds(), path, force=force)

    def import_database(self, path: Path, kind: str) -> ImportReport:
        """Logs the call; moving in from another reader is tested on the real library."""
        self._log("import_database", path, kind)
        return ImportReport()


def _in_range(when: datetime | None, since: datetime | None, until: datetime | None) -> bool:
    if when is None:
        return since is None and until is None
    return (since is None or when >= since) and (until is None or when < until)


def _summary(e: Entry) -> EntrySummary:
    return EntrySummary(e.id, e.feed_id, e.feed_title, e.title, e.url, e.published, e.read,
                        e.starred)  # fmt: skip


if TYPE_CHECKING:

    def _conforms(fake: FakeLibrary) -> LibraryApi:
        """Never called: mypy fails here when the fake drifts from what the window may call
        (tests/core/test_library_api.py runs it)."""
        return fake
