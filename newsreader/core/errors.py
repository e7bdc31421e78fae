"""Exception hierarchy: one root, environmental failures only (bugs propagate).

Every error the core raises on purpose is defined here: a caller names any of them without
importing the machinery that raises it (the window names export errors at start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


class NewsreaderError(Exception):
    """Root of every error the core raises on purpose."""


class StorageError(NewsreaderError):
    """The database could not be read or written (locked, full disk, corrupt, too new)."""


class FeedError(NewsreaderError):
    """A problem with one feed or page, identified by its URL."""

    def __init__(self, url: str, message: str = "") -> None:
        self.url = url
        self.message = message or self.__class__.__name__
        super().__init__(f"{self.message} ({url})" if url else self.message)


class FetchError(FeedError):
    """The network request failed: DNS, refused, timeout, HTTP error status, too large."""

    def __init__(self, url: str, message: str = "", status: int | None = None) -> None:
        self.status = status
        super().__init__(url, message)


class FetchStatusError(FetchError):
    """The server answered with an error status. ``headers`` are the response headers."""

    def __init__(self, url: str, message: str, status: int, headers: Mapping[str, str]) -> None:
        super().__init__(url, message, status)
        self.headers: Mapping[str, str] = headers

    @property
    def retry_after(self) -> str | None:
        """The raw Retry-After header, if the server sent one."""
        return self.headers.get("retry-after")


class ParseError(FeedError):
    """The document was fetched but is not a usable feed."""


class NotAFeedError(ParseError):
    """An HTML page came back where a feed was expected."""


class FeedNotFoundError(FeedError):
    """No subscription with that id/URL, or nothing to subscribe to at a URL."""


class FeedExistsError(FeedError):
    """Already subscribed to that URL."""


class InvalidURLError(FeedError, ValueError):
    """The text given is not an http(s) URL."""


class EntryNotFoundError(NewsreaderError, LookupError):
    """No article with that id."""


class ExportError(NewsreaderError):
    """An export could not be written."""


class ExportCancelledError(ExportError):
    """The reader cancelled the export; nothing was written."""


class ImportFailedError(NewsreaderError):
    """A file could not be imported at all: unreadable, or not what it was said to be.

    Nothing was changed when this is raised.
    """


class SavedSearchNotFoundError(NewsreaderError, LookupError):
    """No saved search with that id."""
