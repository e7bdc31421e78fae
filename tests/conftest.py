"""Shared fixtures. Fixture implementations live in tests/helpers/ and are imported here."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from hypothesis import settings as hypothesis_settings

from tests.helpers.demo_fixtures import demo_site  # noqa: F401
from tests.helpers.http_server import http_server  # noqa: F401

# CI runs the same examples every time (no flaky red builds); local runs keep exploring.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


# -- no test reaches the internet -----------------------------------------------------------------
# Feeds and pages come from loopback servers. Any other address, or a lookup of a real host name
# (elshinta.com appears in fixtures and in the built-in subscriptions), fails at once in every
# test instead of depending on the machine's network: a fetch then reports "host not found".
import ipaddress  # noqa: E402
import socket  # noqa: E402

_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect


def _loopback(host: object) -> bool:
    if isinstance(host, bytes | bytearray):
        host = host.decode("ascii", "replace")
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    if not _loopback(host):
        raise socket.gaierror(socket.EAI_NONAME, f"tests may not look up {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


def _guarded_connect(self, address):  # type: ignore[no-untyped-def]
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
        raise ConnectionRefusedError(f"tests may not connect to {address[0]!r}")
    return _real_connect(self, address)


socket.getaddrinfo = _guarded_getaddrinfo
socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
