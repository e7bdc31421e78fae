"""Which addresses can be fetched: the one check for every URL that enters the reader (typed,
imported, read from a feed or a page, a redirect's Location).

``urlsplit`` accepts much it cannot answer for: "http://127.0.0.1:99999/x" splits, and only
its ``port`` raises ValueError; "http://[::1/x" raises at once. Such an address taken in from
a feed once made every later refresh fail when a transport reached for its port, so addresses
are checked where they come in, and one that fails is refused or skipped there.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsreader.core.errors import InvalidURLError

# The common case, answered without urlsplit (a feed has hundreds of links): a lower-case
# http(s) scheme and a plain host name, no port, no user, no brackets, then the path or nothing.
_PLAIN = re.compile(r"https?://[A-Za-z0-9][A-Za-z0-9.-]*(?=[/?#]|\Z)")
_MAX_PORT = 65535


def checked_url(url: str) -> str:
    """``url`` if it can be fetched: an http or https address with a host, a port (if any) from
    1 to 65535, IPv6 brackets closed. Raises InvalidURLError (a ValueError too) otherwise."""
    if _PLAIN.match(url):
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port  # ValueError for "99999" or "http"
    except ValueError as exc:
        raise InvalidURLError(url, f"not a valid web address ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidURLError(url, "only http:// and https:// addresses can be fetched")
    if not host:
        raise InvalidURLError(url, "the address has no host name")
    if port is not None and not 0 < port <= _MAX_PORT:
        raise InvalidURLError(url, f"not a valid web address (port {port})")
    return url


def is_fetchable(url: str) -> bool:
    """Whether ``checked_url`` accepts ``url``."""
    try:
        checked_url(url)
    except InvalidURLError:
        return False
    return True
