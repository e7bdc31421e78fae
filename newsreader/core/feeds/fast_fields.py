"""Shortcuts for two standard-library calls fastfeed.py makes for every item:
``urljoin`` on links and ids, and ``email.utils`` on RFC 822 dates.

Each answers only when its answer is certainly the one the long way gives; else fastfeed.py
takes the long way. Kept apart from fastfeed.py, which walks the document, as rules about
strings that tests/core/test_parse_speed_equivalence.py pins against the standard library.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from urllib.parse import urlparse, uses_relative

# -- what urljoin leaves alone -------------------------------------------------------------------
# urljoin (~15 µs) was a third of parsing a feed. It gives an absolute URL back as it
# came, whatever the base, if urlsplit keeps every character and urlunsplit rebuilds the same
# string: a lower-case http(s) scheme, a host, and none of whitespace or controls (removed or
# stripped), ";" (params), "#", "[" "]" (IPv6 checks), non-ASCII (NFKC checks), nor an empty
# query (a final "?" is dropped). tests/core/test_parse_speed_equivalence.py pins both.
_PLAIN_URL = re.compile(
    r"https?://[A-Za-z0-9\-._~:@!$&'()*+,=%][A-Za-z0-9\-._~:/?@!$&'()*+,=%]*(?<!\?)"
)
# An id with a scheme urljoin does not resolve ("urn:", "tag:"): it returns such ids as they
# are, once urlsplit has not raised, and it only can when "//" follows (a netloc) or a tab or
# line break, which it removes, makes one.
_OPAQUE_ID = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(?!//)[^\t\r\n]*")
_RELATIVE_SCHEMES = frozenset(uses_relative)


def plain_http_url(base: str, url: str) -> bool:
    """Whether ``urljoin(base, url)`` is certainly ``url``, an http(s) URL without fragment."""
    return _PLAIN_URL.fullmatch(url) is not None and _joinable(base)


def opaque_id(base: str, value: str) -> bool:
    """Whether ``urljoin(base, value)`` is certainly ``value``, an id with its own scheme."""
    match = _OPAQUE_ID.fullmatch(value)
    return match is not None and match.group(1).lower() not in _RELATIVE_SCHEMES and _joinable(base)


@lru_cache(maxsize=64)
def _joinable(base: str) -> bool:
    """Whether urljoin takes this base at all: it raises ValueError for "http://[::1"."""
    try:
        urlparse(base)
    except ValueError:
        return False
    return True


# The shape nearly every pubDate has, "Tue, 14 Nov 2023 22:13:20 GMT" or "... +0700", read
# without email.utils (~10 µs). Anything else, and any value datetime refuses, is
# left to fastfeed._parsed_date, which this must equal: tests/core/test_parse_speed_equivalence.py.
_RFC822 = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), ([0-9]{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
    r"|Nov|Dec) ([1-9][0-9]{3}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) (?:GMT|UTC|([+-][0-9]{4}))"
)
_MONTHS = {
    month: number
    for number, month in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


def rfc822_date(text: str) -> datetime | None:
    """The date of the common RFC 822 shape, as ``fastfeed._parsed_date`` reads it, or None."""
    match = _RFC822.fullmatch(text)
    if match is None:
        return None
    day, month, year, hour, minute, second, offset = match.groups()
    # email.utils reads "+hhmm" as hh * 3600 + mm * 60 seconds (mm may exceed 59), and a
    # zero offset, "-0000" included, ends up as UTC in fastfeed._parsed_date.
    zone = UTC
    try:
        if offset is not None and (seconds := int(offset[1:3]) * 3600 + int(offset[3:]) * 60):
            zone = timezone(timedelta(seconds=-seconds if offset[0] == "-" else seconds))
        return datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second),
                        tzinfo=zone)  # fmt: skip
    except ValueError:  # "+2400", "30 Feb", "24:00:00": however email.utils fares, the long way
        return None
