"""User settings: one typed dataclass holding every default, stored as JSON in the data dir.

A bad settings file must never stop the reader from starting: each invalid value is logged and
replaced by its default, and an unreadable file is set aside as ``settings.json.bad``.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from newsreader.core.errors import StorageError
from newsreader.core.paths import atomic_write

log = logging.getLogger(__name__)

LANGUAGES = ("", "en", "id")  # "" follows the system locale
THEMES = ("system", "light", "dark")
PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")
# "system": the desktop's proxy (environment, registry); "none": direct; "manual": ``proxy``.
PROXY_MODES = ("system", "none", "manual")

# Inclusive bounds. Why these: a refresh more often than every minute is abusive to the
# site, and a timeout beyond five minutes only makes a dead server look like a hang.
RANGES: dict[str, tuple[float, float]] = {
    "refresh_interval_minutes": (1, 1440),
    "image_cache_mb": (0, 1_048_576),
    "keep_days": (0, 36_500),
    "keep_per_feed": (0, 1_000_000),
    "max_connections": (1, 64),
    "max_per_host": (1, 16),
    "request_timeout_s": (1.0, 300.0),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "language": LANGUAGES,
    "theme": THEMES,
    "proxy_mode": PROXY_MODES,
}


@dataclass
class Settings:
    """Every user setting with its default.

    Attributes:
        refresh_interval_minutes: how often feeds are refreshed in the background.
        fetch_full_articles: fetch each article's page, not only the feed's summary.
        image_cache_mb: size cap of the image cache, in MB; after each refresh the least
            recently read pictures past it are evicted (never a starred article's, see
            core/storage/image_cache.py); 0 keeps only starred articles' pictures.
        keep_days: delete unstarred articles (read or not) published more than this many
            days ago; 0 keeps them forever (core/storage/retention.py has the rules).
        keep_per_feed: keep at most this many unstarred articles per feed, the newest;
            0 for no limit.
        language: UI language, "" for the system's, "en" or "id".
        theme: "system", "light" or "dark".
        max_connections: simultaneous HTTP requests in total.
        max_per_host: simultaneous HTTP requests to one host.
        request_timeout_s: timeout of one HTTP request, in seconds.
        proxy: proxy URL (http, https, socks5), "" for none.
        proxy_mode: "system" (the desktop's proxy), "none" (direct) or "manual" (``proxy``).
        notifications: a desktop notification when new articles arrive (from the feeds
            that asked for one: ``Feed.notify``).
        start_minimised: start with the window minimised (to the tray if it hides there).
        minimise_to_tray: a minimised window hides, leaving the tray icon.
    """

    refresh_interval_minutes: int = 15
    fetch_full_articles: bool = True
    image_cache_mb: int = 500
    keep_days: int = 0
    keep_per_feed: int = 0
    language: str = ""
    theme: str = "system"
    max_connections: int = 8
    max_per_host: int = 2
    request_timeout_s: float = 20.0
    proxy: str = ""
    proxy_mode: str = "system"
    notifications: bool = True
    start_minimised: bool = False
    minimise_to_tray: bool = False


_DEFAULTS = Settings()
_FIELD_NAMES = tuple(f.name for f in fields(Settings))
# Settings of older files that became a feed's own (``Feed.notify``): the library carries them
# over to the database when it opens (``preferences.carry_over``), so they are not unknown.
MOVED = frozenset({"notify_feeds"})


def validate(settings: Settings) -> list[str]:
    """Messages describing every bad value of ``settings``; empty when all are fine."""
    problems = []
    for name in _FIELD_NAMES:
        problem = _check(name, getattr(settings, name))
        if problem:
            problems.append(problem)
    if settings.proxy_mode == "manual" and not settings.proxy:
        problems.append("proxy must be given when proxy_mode is 'manual'")
    return problems


def effective_proxy(settings: Settings) -> tuple[str | None, bool]:
    """(proxy URL or None, whether the system's proxy settings apply) for the fetcher."""
    if settings.proxy_mode == "none":
        return None, False
    if settings.proxy:  # "manual", or a file from before proxy_mode existed
        return settings.proxy, False
    return None, True


def load_settings(path: Path) -> Settings:
    """Read settings from ``path``; never raises for a bad file.

    A missing file gives the defaults. A file that is not a JSON object is renamed to
    ``<name>.bad`` and the defaults are used. Each invalid or unknown key is logged and
    the default kept.
    """
    data = _read_json_object(path)
    if data is None:
        return Settings()
    values: dict[str, object] = {}
    for key, value in data.items():
        if key in MOVED:
            continue
        if key not in _FIELD_NAMES:
            log.warning("settings: unknown setting %r ignored", key)
            continue
        problem = _check(key, value)
        if problem:
            log.warning("settings: %s; using the default %r", problem, getattr(_DEFAULTS, key))
            continue
        values[key] = _coerce(key, value)
    return replace(Settings(), **values)  # type: ignore[arg-type]  # values are checked above


def save_settings(settings: Settings, path: Path) -> None:
    """Write ``settings`` to ``path`` atomically.

    Raises:
        ValueError: a value is invalid (callers validate user input first).
        StorageError: the file could not be written.
    """
    problems = validate(settings)
    if problems:
        raise ValueError("invalid settings: " + "; ".join(problems))
    text = json.dumps(asdict(settings), indent=2, ensure_ascii=False) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise StorageError(f"cannot save settings to {path}: {exc}") from exc


def moved_settings(path: Path) -> dict[str, object]:
    """The settings of ``path`` that became a feed's own (``MOVED``), as written; {} when it
    holds none or is unusable (``load_settings`` says why and sets a broken file aside)."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return {k: v for k, v in data.items() if k in MOVED} if isinstance(data, dict) else {}


def forget_moved(path: Path) -> None:
    """Remove the moved settings from ``path``, every other key left as written (a value
    ``load_settings`` refuses is the reader's to see, not ours to drop).

    Raises:
        StorageError: the file could not be read or written.
    """
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StorageError(f"cannot update the settings in {path}: {exc}") from exc
    if not isinstance(data, dict) or not MOVED & data.keys():
        return
    kept = {k: v for k, v in data.items() if k not in MOVED}
    text = json.dumps(kept, indent=2, ensure_ascii=False) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise StorageError(f"cannot save settings to {path}: {exc}") from exc


def _read_json_object(path: Path) -> dict[str, object] | None:
    """The JSON object in ``path``, or None (after logging) if missing or unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("settings: cannot read %s (%s); using defaults", path, exc)
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        _set_aside(path, f"not valid JSON: {exc}")
        return None
    if not isinstance(data, dict):
        _set_aside(path, "not a JSON object")
        return None
    return data


def _set_aside(path: Path, reason: str) -> None:
    """Keep a corrupt file for the user to inspect, so the next save does not destroy it."""
    bad = path.with_name(path.name + ".bad")
    log.warning("settings: %s is %s; using defaults, file kept as %s", path, reason, bad.name)
    try:
        os.replace(path, bad)
    except OSError as exc:
        log.warning("settings: cannot rename %s to %s: %s", path, bad, exc)


def _check(name: str, value: object) -> str | None:
    """Why ``value`` is not acceptable for setting ``name``, or None if it is."""
    default = getattr(_DEFAULTS, name)
    if not _type_ok(default, value):
        return f"{name} must be {_type_name(default)}, not {value!r}"
    if name in RANGES:
        low, high = RANGES[name]
        assert isinstance(value, int | float)  # guaranteed by _type_ok for numeric defaults
        if not low <= value <= high:
            return f"{name} must be between {_num(low)} and {_num(high)}, not {value!r}"
    if name in CHOICES and value not in CHOICES[name]:
        allowed = ", ".join(repr(c) for c in CHOICES[name])
        return f"{name} must be one of {allowed}, not {value!r}"
    if name == "proxy" and value:
        assert isinstance(value, str)
        return _proxy_problem(value)
    return None


def _type_ok(default: object, value: object) -> bool:
    # bool is a subclass of int: reject True as a number and 1 as a flag.
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, type(default))


def _type_name(default: object) -> str:
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}
    return names.get(type(default), type(default).__name__)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _coerce(name: str, value: object) -> object:
    """JSON writes 20.0 as 20.0 but a user may type 20; keep the field's declared type."""
    if isinstance(getattr(_DEFAULTS, name), float) and isinstance(value, int):
        return float(value)
    return value


def _proxy_problem(value: str) -> str | None:
    parts = urlsplit(value)
    try:
        port = parts.port  # raises ValueError for a non-numeric or out-of-range port
    except ValueError:
        port = -1
    if parts.scheme.lower() not in PROXY_SCHEMES or not parts.hostname or port == -1:
        schemes = ", ".join(PROXY_SCHEMES)
        return f"proxy must be a URL like http://host:port (schemes: {schemes}), not {value!r}"
    return None
