"""Settings: defaults, validation, loading bad files without crashing, atomic saving."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, fields
from pathlib import Path

import pytest

from newsreader.core.errors import StorageError
from newsreader.core.settings import Settings, load_settings, save_settings, validate


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "settings.json"


def write(path: Path, data: object) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


def test_defaults() -> None:
    s = Settings()
    assert s.refresh_interval_minutes == 15
    assert s.fetch_full_articles is True
    assert s.image_cache_mb == 500
    assert s.keep_days == 0
    assert s.language == ""
    assert s.theme == "system"
    assert s.max_connections == 8
    assert s.max_per_host == 2
    assert s.request_timeout_s == 20.0
    assert s.proxy == ""
    assert validate(s) == []


def test_missing_file_gives_defaults(path: Path) -> None:
    assert load_settings(path) == Settings()
    assert not path.exists()


def test_save_then_load_round_trips(path: Path) -> None:
    s = Settings(
        refresh_interval_minutes=60,
        fetch_full_articles=False,
        image_cache_mb=0,
        keep_days=30,
        language="id",
        theme="dark",
        max_connections=4,
        max_per_host=1,
        request_timeout_s=7.5,
        proxy="socks5://127.0.0.1:1080",
    )
    save_settings(s, path)
    assert load_settings(path) == s
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "id"
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left


def test_partial_file_keeps_other_defaults(path: Path) -> None:
    write(path, {"theme": "light"})
    assert load_settings(path) == Settings(theme="light")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("refresh_interval_minutes", 0),
        ("refresh_interval_minutes", "15"),
        ("refresh_interval_minutes", 2.5),
        ("refresh_interval_minutes", True),
        ("fetch_full_articles", 1),
        ("fetch_full_articles", "yes"),
        ("image_cache_mb", -1),
        ("keep_days", -5),
        ("language", "fr"),
        ("language", None),
        ("theme", "neon"),
        ("max_connections", 0),
        ("max_connections", 1000),
        ("max_per_host", 0),
        ("request_timeout_s", 0),
        ("request_timeout_s", 1e9),
        ("request_timeout_s", False),
        ("proxy", "not a url"),
        ("proxy", "ftp://proxy:21"),
        ("proxy", "http://host:notaport"),
        ("proxy", 8080),
    ],
)
def test_each_invalid_value_replaced_by_default_with_warning(
    path: Path, caplog: pytest.LogCaptureFixture, key: str, value: object
) -> None:
    companion = ("theme", "dark") if key != "theme" else ("language", "id")
    write(path, {key: value, companion[0]: companion[1]})
    with caplog.at_level(logging.WARNING, logger="newsreader.core.settings"):
        loaded = load_settings(path)
    assert loaded == Settings(**{companion[0]: companion[1]})  # type: ignore[arg-type]
    assert getattr(loaded, key) == getattr(Settings(), key)
    assert any(key in r.getMessage() for r in caplog.records)
    assert path.exists()  # a file with bad values is not set aside; only a corrupt one is


def test_good_values_survive_next_to_bad_ones(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(path, {"theme": "dark", "max_connections": -3, "language": "en"})
    with caplog.at_level(logging.WARNING):
        loaded = load_settings(path)
    assert loaded == Settings(theme="dark", language="en")
    assert len(caplog.records) == 1


def test_integer_accepted_for_float_and_stored_as_float(path: Path) -> None:
    write(path, {"request_timeout_s": 30})
    loaded = load_settings(path)
    assert loaded.request_timeout_s == 30.0
    assert isinstance(loaded.request_timeout_s, float)


def test_unknown_key_ignored_with_warning(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(path, {"colour": "blue", "theme": "light"})
    with caplog.at_level(logging.WARNING):
        assert load_settings(path) == Settings(theme="light")
    assert "colour" in caplog.text


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"", b"\xff\xfe garbage", b"[1, 2, 3]", b'"text"', b"null"],
)
def test_corrupt_file_gives_defaults_and_is_kept_aside(
    path: Path, caplog: pytest.LogCaptureFixture, content: bytes
) -> None:
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        assert load_settings(path) == Settings()
    bad = path.with_name("settings.json.bad")
    assert bad.read_bytes() == content
    assert not path.exists()
    assert "settings.json.bad" in caplog.text


def test_corrupt_file_replaces_an_older_bad_copy(path: Path) -> None:
    path.with_name("settings.json.bad").write_bytes(b"older")
    path.write_bytes(b"{newer")
    assert load_settings(path) == Settings()
    assert path.with_name("settings.json.bad").read_bytes() == b"{newer"


def test_unreadable_path_gives_defaults(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path.mkdir()  # a folder where the file should be: reading fails with an OSError
    with caplog.at_level(logging.WARNING):
        assert load_settings(path) == Settings()
    assert "cannot read" in caplog.text


def test_validate_reports_each_problem() -> None:
    bad = Settings(
        refresh_interval_minutes=0,
        fetch_full_articles="no",  # type: ignore[arg-type]
        language="de",
        theme="blue",
        max_per_host=100,
        proxy="gopher://x",
    )
    problems = validate(bad)
    assert len(problems) == 6
    text = "\n".join(problems)
    for name in ("refresh_interval_minutes", "fetch_full_articles", "language", "theme"):
        assert name in text
    assert "between 1 and 1440" in text
    assert "'system', 'light', 'dark'" in text
    assert "proxy" in text


@pytest.mark.parametrize(
    "proxy", ["", "http://proxy.local:3128", "https://user:pw@proxy:8443", "socks5h://[::1]:9050"]
)
def test_valid_proxies(proxy: str) -> None:
    assert validate(Settings(proxy=proxy)) == []


def test_save_refuses_invalid_settings(path: Path) -> None:
    with pytest.raises(ValueError, match="theme"):
        save_settings(Settings(theme="neon"), path)
    assert not path.exists()


def test_save_failure_raises_storage_error_and_keeps_old_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(Settings(theme="dark"), path)
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(StorageError) as info:
        save_settings(Settings(theme="light"), path)
    assert isinstance(info.value.__cause__, OSError)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_saved_file_lists_every_field(path: Path) -> None:
    save_settings(Settings(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {f.name for f in fields(Settings)}
    assert data == asdict(Settings())
