"""FakeLibrary: an in-memory implementation of the Library facade for UI tests.

Qt-free (core tests use ``make_entry`` too). Thread-safe, because the GUI calls it from
worker tasks. Gates (``threading.Event``) let a test hold a slow operation half-way to look
at the "busy" state, without sleeping.
"""

from __future__ import annotations

import dataclasses
import json
import struct
import threading
import zlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from newsreader.core.errors import (
    EntryNotFoundError,
    ExportError,
    FeedExistsError,
    FeedNotFoundError,
    FetchError,
    InvalidURLError,
)
from newsreader.core.types import (
    Entry,
    EntrySummary,
    Feed,
    ImageRef,
    Progress,
    RelatedLink,
    UpdateResult,
)

BASE = "https://elshinta.example"
SEED_TITLE = "Belarus dan Rusia Dikabarkan akan Menanggapi Ancaman Eksternal Bersama"
SEED_URL = f"{BASE}/news/226741/2020/10/26/belarus-dan-rusia"
CACHED_IMAGE_URL = f"{BASE}/asset/upload/article/2020/oktober/belarus.png"
REMOTE_IMAGE_URL = f"{BASE}/asset/upload/article/2020/oktober/peta.jpg"
RELATED_STORED_URL = f"{BASE}/news/240001/2021/06/15/serangan-di-afghanistan"
RELATED_FETCH_URL = f"{BASE}/news/240003/2021/06/15/selandia-baru-minta-maaf"
RELATED_FAIL_URL = f"{BASE}/news/240004/2021/06/15/varian-delta"


def make_entry(**overrides: object) -> Entry:
    """An Entry with harmless defaults; pass any field to override it."""
    values: dict[str, object] = {
        "id": 1,
        "feed_id": 1,
        "feed_title": "Elshinta",
        "url": SEED_URL,
        "title": SEED_TITLE,
        "author": "Mitra Elshinta Feeder",
        "published": datetime(2020, 10, 26, 4, 26, tzinfo=UTC),
        "summary_html": "",
        "html": "<p>Presiden Belarusia Alexander Lukashenko mengatakan ...</p>",
        "text": "Presiden Belarusia Alexander Lukashenko mengatakan ...",
        "origin": "",
        "lead_image": "",
        "related": (),
        "images": (),
        "read": False,
        "starred": False,
        "extraction": "site:elshinta",
        "extraction_note": "",
        "fetched_at": None,
    }
    values.update(overrides)
    return Entry(**values)  # type: ignore[arg-type]


def write_png(path: Path, width: int = 64, height: int = 32) -> Path:
    """A small solid-colour PNG, written without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes((200, 60, 40)) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return path


def _feed(fid: int, title: str, url: str, folder: str = "", kind: str = "feed") -> Feed:
    return Feed(
        id=fid, url=url, title=title, site_url=BASE, folder=folder, kind=kind,  # type: ignore[arg-type]
        unread=0, total=0, error="", last_fetched=None, next_fetch=None,
        interval_minutes=60, full_article=True, builtin=False,
    )  # fmt: skip


class FakeLibrary:
    """In-memory Library: four feeds, a seed article with related links and a cached image."""

    def __init__(self, data_dir: Path, *, bulk: int = 0, now: datetime | None = None) -> None:
        self.data_dir = data_dir
        self.now = now or datetime.now(UTC)
        self.calls: list[tuple[str, tuple[object, ...]]] = []
        self.failing_urls: set[str] = set()  # refresh marks these feeds as failed
        self.refresh_gate: threading.Event | None = None  # refresh waits here after feed 1
        self.add_gate: threading.Event | None = None
        self.related_gate: threading.Event | None = None
        self._lock = threading.RLock()
        self._next_id = 1000
        self._errors: dict[int, str] = {}
        self.image_path = write_png(data_dir / "images" / "ab" / "belarus.png")
        self._feeds: dict[int, Feed] = {
            1: _feed(1, "Elshinta Nasional", f"{BASE}/kategori/3/nasional", "Elshinta", "index"),
            2: _feed(2, "Elshinta Internasional", f"{BASE}/kategori/5/internasional", "Elshinta"),
            3: _feed(3, "Teknologi Blog", "https://blog.example/feed.xml"),
        }
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
                raise FeedNotFoundError("", f"no feed {feed_id}")
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

    def folders(self) -> list[str]:
        return sorted({f.folder for f in self.feeds() if f.folder})

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
    ) -> list[EntrySummary]:
        self._log("entries", feed_id, folder, view, limit, offset)
        with self._lock:
            rows = [e for e in self._entries.values() if self._matches(e, feed_id, folder, view)]
        rows.sort(key=lambda e: (e.published or datetime.min.replace(tzinfo=UTC), e.id),
                  reverse=True)  # fmt: skip
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
                raise EntryNotFoundError(entry_id) from None

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

    def starred_ids(self) -> list[int]:
        return [e.id for e in self.entries(view="starred")]

    # -- export --------------------------------------------------------------------------
    def export(
        self, entry_ids: Sequence[int], fmt: str, path: Path, *, force: bool = False
    ) -> Path:
        self._log("export", tuple(entry_ids), fmt, path, force)
        if path.exists() and not force:
            raise ExportError(f"{path} exists")
        items = [{"title": self.entry(i).title, "url": self.entry(i).url} for i in entry_ids]
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        return path


def _summary(e: Entry) -> EntrySummary:
    return EntrySummary(e.id, e.feed_id, e.feed_title, e.title, e.url, e.published, e.read,
                        e.starred)  # fmt: skip
