"""Which addresses can be fetched (core/net/address.py): the one check at every door."""

from __future__ import annotations

import pytest

from newsreader.core.errors import FeedError, InvalidURLError
from newsreader.core.net.address import checked_url, is_fetchable


@pytest.mark.parametrize(
    "url",
    [
        "https://elshinta.com/read/2024/1/berita",
        "http://127.0.0.1:8080/feed?x=1",
        "http://127.0.0.1:65535/",
        "HTTPS://Elshinta.COM",
        "http://[::1]:8080/rss",
        "http://[2001:db8::1]/",
        "http://user:pw@example.com/feed",
        "http://example.com:/feed",  # an empty port is the default one
    ],
)
def test_addresses_that_can_be_fetched(url: str) -> None:
    assert checked_url(url) == url
    assert is_fetchable(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:99999/x", "not a valid web address"),
        ("http://127.0.0.1:65536/x", "not a valid web address"),
        ("http://example.com:0/x", "port 0"),
        ("http://example.com:http/x", "not a valid web address"),
        ("http://[::1/x", "not a valid web address"),
        ("http://[::1]:99999/x", "not a valid web address"),
        ("http://::1]/x", "not a valid web address"),
        ("ftp://example.com/feed", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
        ("/relative/path", "only http:// and https://"),
        ("", "only http:// and https://"),
        ("http://", "no host name"),
        ("http:///path", "no host name"),
    ],
)
def test_addresses_refused_at_the_door(url: str, message: str) -> None:
    with pytest.raises(InvalidURLError, match=message) as info:
        checked_url(url)
    # A feed's failure (the batch goes on) and a ValueError (callers that check values).
    assert isinstance(info.value, FeedError) and isinstance(info.value, ValueError)
    assert not is_fetchable(url)
