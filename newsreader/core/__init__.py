"""The core's one door: everything the command line and the window use from the core.

The core is Qt-free: storage, fetching, parsing, extraction, export. Its packages:

- ``net``       fetching over HTTP (two transports behind one interface), deadlines, decoding
- ``feeds``     RSS/Atom and index pages into entries; OPML
- ``extract``   article pages into articles: site rules, body, metadata, related links,
                sanitizing, dates
- ``update``    the refresh pipeline and its decisions (schedule, backoff, re-checks)
- ``storage``   records, migrations, the one writer, reads and writes, retention, images
- ``search``    full-text search
- ``export``, ``importers``, ``render``   articles out, subscriptions in, the article pane's HTML

Names are loaded on first use (PEP 562), so importing the door costs nothing: the window's
start-up imports only what its first frame needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# name -> module that defines it (relative to this package)
_EXPORTS: dict[str, str] = {
    # the facade
    "Library": "library",
    "LibraryApi": "library_api",
    "open_library": "library",
    "View": "types",
    # errors
    "NewsreaderError": "errors",
    "StorageError": "errors",
    "FeedError": "errors",
    "FetchError": "errors",
    "ParseError": "errors",
    "FeedNotFoundError": "errors",
    "FeedExistsError": "errors",
    "InvalidURLError": "errors",
    "ExportError": "errors",
    "ExportCancelledError": "errors",
    "EntryNotFoundError": "errors",
    "ImportFailedError": "errors",
    "SavedSearchNotFoundError": "errors",
    # values the core returns
    "Entry": "types",
    "EntrySummary": "types",
    "ExtractedArticle": "types",
    "Feed": "types",
    "Progress": "types",
    "RelatedLink": "types",
    "UpdateResult": "types",
    "ImportReport": "importers.common",
    "CleanupReport": "storage.retention",
    "SiteHealth": "storage.rule_health",
    # settings and where things live
    "Settings": "settings",
    "RANGES": "settings",
    "load_settings": "settings",
    "validate": "settings",
    "APP_NAME": "paths",
    "ENV_DATA_DIR": "paths",
    "database_path": "paths",
    "images_dir": "paths",
    "atomic_file": "paths",
    "resolve_data_dir": "paths",
    "settings_path": "paths",
    "user_sites_dir": "paths",
    "resources_dir": "resources",
    "pending_migrations": "storage.migrations",
    # a failure of the machine (locked, damaged, read-only database) as a StorageError
    "as_storage_error": "storage.records",
    # extraction on its own (the extract command, rule debugging)
    "decode_page": "extract.article",
    "extract_article": "extract.article",
    "parse_page": "extract.page_tree",
    "limit_depth": "extract.nesting",
    "bundled_rules_dir": "extract.site_rules",
    "load_rules": "extract.site_rules",
    # reading, sharing and exporting one article
    "DEFAULT_FONT_PT": "render.appearance",
    "ReadingOptions": "render.appearance",
    "column_chars": "render.appearance",
    "theme_of": "render.appearance",
    "ARTICLE_URL": "render.article",
    "CHANGES_URL": "render.article",
    "FULL_URL": "render.article",
    "article_html": "render.article",
    "changes_html": "render.article",
    "highlight_spans": "search.syntax",
    "as_markdown": "export.share",
    "as_text": "export.share",
    "mailto_url": "export.share",
    "entry_to_dict": "export.formats",
    "existing_targets": "export.formats",
    "ProgressCallback": "export.progress",
    "Steps": "export.progress",
    "body_tree": "export.common",
    "check_target": "export.common",
    "esc": "export.common",
    "human_date": "export.common",
    "is_web": "export.common",
    "meta_parts": "export.common",
    "detect_kind": "importers.migrate",
    # a file opened from a file manager: a subscription list, a feed, or neither
    "OpenedFile": "feeds.opened_file",
    "identify_file": "feeds.opened_file",
}

__all__ = [
    "APP_NAME",
    "ARTICLE_URL",
    "CHANGES_URL",
    "DEFAULT_FONT_PT",
    "ENV_DATA_DIR",
    "FULL_URL",
    "RANGES",
    "CleanupReport",
    "Entry",
    "EntryNotFoundError",
    "EntrySummary",
    "ExportCancelledError",
    "ExportError",
    "ExtractedArticle",
    "Feed",
    "FeedError",
    "FeedExistsError",
    "FeedNotFoundError",
    "FetchError",
    "ImportFailedError",
    "ImportReport",
    "InvalidURLError",
    "Library",
    "LibraryApi",
    "NewsreaderError",
    "OpenedFile",
    "ParseError",
    "Progress",
    "ProgressCallback",
    "ReadingOptions",
    "RelatedLink",
    "SavedSearchNotFoundError",
    "Settings",
    "SiteHealth",
    "Steps",
    "StorageError",
    "UpdateResult",
    "View",
    "article_html",
    "as_markdown",
    "as_storage_error",
    "as_text",
    "atomic_file",
    "body_tree",
    "bundled_rules_dir",
    "changes_html",
    "check_target",
    "column_chars",
    "database_path",
    "decode_page",
    "detect_kind",
    "entry_to_dict",
    "esc",
    "existing_targets",
    "extract_article",
    "highlight_spans",
    "human_date",
    "identify_file",
    "images_dir",
    "is_web",
    "limit_depth",
    "load_rules",
    "load_settings",
    "mailto_url",
    "meta_parts",
    "open_library",
    "parse_page",
    "pending_migrations",
    "resolve_data_dir",
    "resources_dir",
    "settings_path",
    "theme_of",
    "user_sites_dir",
    "validate",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next look-up is an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # the same names, for type checkers and editors
    from newsreader.core.errors import (
        EntryNotFoundError,
        ExportCancelledError,
        ExportError,
        FeedError,
        FeedExistsError,
        FeedNotFoundError,
        FetchError,
        ImportFailedError,
        InvalidURLError,
        NewsreaderError,
        ParseError,
        SavedSearchNotFoundError,
        StorageError,
    )
    from newsreader.core.export.common import (
        body_tree,
        check_target,
        esc,
        human_date,
        is_web,
        meta_parts,
    )
    from newsreader.core.export.formats import entry_to_dict, existing_targets
    from newsreader.core.export.progress import ProgressCallback, Steps
    from newsreader.core.export.share import as_markdown, as_text, mailto_url
    from newsreader.core.extract.article import decode_page, extract_article
    from newsreader.core.extract.nesting import limit_depth
    from newsreader.core.extract.page_tree import parse_page
    from newsreader.core.extract.site_rules import bundled_rules_dir, load_rules
    from newsreader.core.feeds.opened_file import OpenedFile, identify_file
    from newsreader.core.importers.common import ImportReport
    from newsreader.core.importers.migrate import detect_kind
    from newsreader.core.library import Library, open_library
    from newsreader.core.library_api import LibraryApi
    from newsreader.core.paths import (
        APP_NAME,
        ENV_DATA_DIR,
        atomic_file,
        database_path,
        images_dir,
        resolve_data_dir,
        settings_path,
        user_sites_dir,
    )
    from newsreader.core.render.appearance import (
        DEFAULT_FONT_PT,
        ReadingOptions,
        column_chars,
        theme_of,
    )
    from newsreader.core.render.article import (
        ARTICLE_URL,
        CHANGES_URL,
        FULL_URL,
        article_html,
        changes_html,
    )
    from newsreader.core.resources import resources_dir
    from newsreader.core.search.syntax import highlight_spans
    from newsreader.core.settings import RANGES, Settings, load_settings, validate
    from newsreader.core.storage.migrations import pending_migrations
    from newsreader.core.storage.records import as_storage_error
    from newsreader.core.storage.retention import CleanupReport
    from newsreader.core.storage.rule_health import SiteHealth
    from newsreader.core.types import (
        Entry,
        EntrySummary,
        ExtractedArticle,
        Feed,
        Progress,
        RelatedLink,
        UpdateResult,
        View,
    )
