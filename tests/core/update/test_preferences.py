"""Settings of the Settings dialog: validation, the proxy modes, applying to a live library;
the per-feed choices of an older settings file carried over to the feeds."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path

import pytest

from newsreader.core import paths
from newsreader.core.errors import FetchError, StorageError
from newsreader.core.library import open_library
from newsreader.core.net.fetch import Fetcher
from newsreader.core.settings import Settings, effective_proxy, load_settings, validate
from newsreader.core.update import preferences
from newsreader.core.update.preferences import make_fetcher
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.http_server import HttpServer
from tests.helpers.library_tools import add_feed_unchecked

T0 = 1_700_000_000.0


def test_new_settings_are_validated() -> None:
    assert validate(Settings(proxy_mode="manual", proxy="socks5://10.0.0.1:1080")) == []
    assert validate(Settings(start_minimised=True)) == []
    problems = validate(Settings(proxy_mode="manual"))
    assert problems == ["proxy must be given when proxy_mode is 'manual'"]
    assert "proxy_mode" in validate(Settings(proxy_mode="kantor"))[0]


def test_effective_proxy_of_each_mode() -> None:
    assert effective_proxy(Settings()) == (None, True)
    assert effective_proxy(Settings(proxy_mode="none", proxy="http://p:8080")) == (None, False)
    manual = Settings(proxy_mode="manual", proxy="http://p:8080")
    assert effective_proxy(manual) == ("http://p:8080", False)
    # A settings file from before proxy_mode: the proxy it names still counts.
    assert effective_proxy(Settings(proxy="http://p:8080")) == ("http://p:8080", False)


def test_socks5_proxies_can_be_used() -> None:
    with make_fetcher(Settings(proxy_mode="manual", proxy="socks5://127.0.0.1:1080")) as fetcher:
        assert fetcher._http() is not None  # socksio is installed (httpx[socks])


def test_no_proxy_ignores_the_environment_and_system_follows_it(
    http_server: HttpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    http_server.route("/x", b"ok")
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nobody listens there
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    with make_fetcher(Settings(proxy_mode="none", request_timeout_s=5)) as direct:
        assert direct.get(http_server.url("/x")).content == b"ok"
    with (
        make_fetcher(Settings(request_timeout_s=5)) as system,
        pytest.raises(FetchError),
    ):
        system.get(http_server.url("/x"))


def test_apply_settings_saves_replans_and_swaps_the_client(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_library(data, clock=lambda: T0) as lib:
        own = add_feed_unchecked(lib, "https://a.example/rss")
        default = add_feed_unchecked(lib, "https://b.example/rss")
        lib.set_feed_options(own, interval_minutes=90)
        for feed_id in (own, default):
            lib.writer.call(lambda fid=feed_id: _fetched(fid, T0, T0 + 60 * 60))
        before = lib.fetcher
        new = dataclasses.replace(lib.settings, refresh_interval_minutes=10, proxy_mode="none")
        lib.apply_settings(new)
        assert load_settings(paths.settings_path(data)) == new
        assert lib.settings is new and lib.fetcher is not before
        assert isinstance(lib.fetcher, Fetcher)
        due = lib.feed(default).next_fetch
        assert due is not None and due.timestamp() == T0 + 10 * 60  # sooner
        own_due = lib.feed(own).next_fetch
        assert own_due is not None and own_due.timestamp() == T0 + 60 * 60  # its own interval
        with pytest.raises(ValueError, match="proxy"):
            lib.apply_settings(dataclasses.replace(new, proxy_mode="manual"))
        assert lib.settings is new


def test_an_injected_fetcher_is_kept(tmp_path: Path) -> None:
    fake = FakeFetcher()
    with open_library(tmp_path / "data", fetcher=fake) as lib:
        lib.apply_settings(dataclasses.replace(lib.settings, proxy_mode="none"))
        assert lib.fetcher is fake


def _fetched(feed_id: int, at: float, next_at: float) -> None:
    from newsreader.core.storage.records import FeedRecord

    FeedRecord.update(last_fetched_at=at, next_fetch_at=next_at).where(
        FeedRecord.id == feed_id
    ).execute()


# -- an older settings file's notify list, carried over to the feeds -----------------------------


def _older_settings(data: Path, **values: object) -> Path:
    """A settings file as an older Newsreader wrote it (``notify_feeds`` included)."""
    path = paths.settings_path(data)
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def _notified(lib) -> dict[str, bool]:
    return {feed.url: feed.notify for feed in lib.feeds()}


def test_opening_moves_the_notify_list_onto_the_feeds_and_out_of_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    with open_library(data, clock=lambda: T0) as lib:
        a, _b, c = (add_feed_unchecked(lib, f"https://{n}.example/rss") for n in "abc")
    # Every other key stays as written, a value the settings refuse included.
    path = _older_settings(data, notify_feeds=[a, c, 99], keep_days=30, theme="neon")
    with caplog.at_level(logging.WARNING), open_library(data, clock=lambda: T0) as lib:
        assert _notified(lib) == {"https://a.example/rss": True, "https://b.example/rss": False,
                                  "https://c.example/rss": True}  # fmt: skip
        assert lib.settings.keep_days == 30
    assert json.loads(path.read_text(encoding="utf-8")) == {"keep_days": 30, "theme": "neon"}
    assert "notify_feeds" not in caplog.text  # no "unknown setting" on the way
    with open_library(data, clock=lambda: T0) as lib:  # nothing left to move
        assert sum(_notified(lib).values()) == 2


def test_a_feed_that_took_a_removed_feeds_id_is_not_opted_in(tmp_path: Path) -> None:
    """The list kept the ids of removed feeds, and SQLite gives the highest id again once its
    row is gone: a feed subscribed after the list was last written never asked."""
    data, now = tmp_path / "data", [T0]
    with open_library(data, clock=lambda: now[0]) as lib:
        a = add_feed_unchecked(lib, "https://a.example/rss")
        b = add_feed_unchecked(lib, "https://b.example/rss")
        path = _older_settings(data, notify_feeds=[a, b])
        os.utime(path, (T0 + 60, T0 + 60))
        now[0] = T0 + 3600
        lib.remove_feed(b, keep_starred=False)
        assert add_feed_unchecked(lib, "https://new.example/rss") == b
    with open_library(data, clock=lambda: now[0]) as lib:
        assert _notified(lib) == {"https://a.example/rss": True, "https://new.example/rss": False}


def test_the_move_is_done_once_even_when_the_file_keeps_its_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The database first: when the file cannot be rewritten the reader still starts, with
    the feeds opted in; a later opening does not opt in again a feed the reader opted out."""
    data = tmp_path / "data"
    with open_library(data, clock=lambda: T0) as lib:
        a = add_feed_unchecked(lib, "https://a.example/rss")
    path = _older_settings(data, notify_feeds=[a])

    def unwritable(_path: Path) -> None:
        raise StorageError("cannot save settings: the library folder cannot be written to")

    with monkeypatch.context() as patch:
        patch.setattr(preferences, "forget_moved", unwritable)
        with caplog.at_level(logging.WARNING), open_library(data, clock=lambda: T0) as lib:
            assert lib.feed(a).notify
            lib.set_feed_options(a, notify=False)
    assert "cannot be written to" in caplog.text
    assert json.loads(path.read_text(encoding="utf-8")) == {"notify_feeds": [a]}
    with open_library(data, clock=lambda: T0) as lib:
        assert not lib.feed(a).notify
    assert json.loads(path.read_text(encoding="utf-8")) == {}  # and the list is gone now


def test_the_feeds_own_choices_are_set_and_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_library(data, clock=lambda: T0) as lib:
        a = add_feed_unchecked(lib, "https://a.example/rss")
        assert not lib.feed(a).notify and not lib.feed(a).show_summary
        feed = lib.set_feed_options(a, notify=True, show_summary=True)
        assert feed.notify and feed.show_summary
        assert lib.feeds() == [feed]
        lib.set_feed_options(a, notify=False)  # left out: unchanged
    with open_library(data, clock=lambda: T0) as lib:
        assert (lib.feed(a).notify, lib.feed(a).show_summary) == (False, True)
    assert not paths.settings_path(data).exists()  # nothing of it in the settings
