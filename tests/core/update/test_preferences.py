"""Settings of the Settings dialog: validation, the proxy modes, applying to a live library."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsreader.core import paths
from newsreader.core.errors import FetchError
from newsreader.core.library import open_library
from newsreader.core.net.fetch import Fetcher
from newsreader.core.settings import Settings, effective_proxy, load_settings, validate
from newsreader.core.update.preferences import make_fetcher
from tests.helpers.fake_fetcher import FakeFetcher
from tests.helpers.http_server import HttpServer

T0 = 1_700_000_000.0


def test_new_settings_are_validated() -> None:
    assert validate(Settings(proxy_mode="manual", proxy="socks5://10.0.0.1:1080")) == []
    assert validate(Settings(notify_feeds=[1, 2], start_minimised=True)) == []
    problems = validate(Settings(proxy_mode="manual"))
    assert problems == ["proxy must be given when proxy_mode is 'manual'"]
    assert "proxy_mode" in validate(Settings(proxy_mode="kantor"))[0]
    assert "notify_feeds" in validate(Settings(notify_feeds=[1, "2"]))[0]  # type: ignore[list-item]
    assert "notify_feeds" in validate(Settings(notify_feeds=[True]))[0]


def test_a_bad_notify_list_in_the_file_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"notify_feeds": "semua", "minimise_to_tray": true}', encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.notify_feeds == [] and loaded.minimise_to_tray


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
        own = lib.add_feed_unchecked("https://a.example/rss")
        default = lib.add_feed_unchecked("https://b.example/rss")
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
