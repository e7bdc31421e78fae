"""A local web server for the bundled sample site (resources/demo/site).

`newsreader --demo` and the tests read this sample instead of the real Elshinta site, which no
machine of the project can reach. The markup contract is in resources/demo/README.md: paths
have no extensions (``/rss`` is ``rss/index.xml``), and the token ``{{BASE}}`` in text files is
replaced by the server's own base URL so links work on any port.

Stdlib only (http.server + threading): the core must not import Qt, and the demo must start
without network access.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import unquote, urlsplit

from newsreader.core import resources_dir

logger = logging.getLogger(__name__)

BASE_TOKEN = b"{{BASE}}"
# Files whose {{BASE}} token is replaced at serve time.
_TEMPLATED = {".html", ".xml", ".opml"}
# What an extensionless directory path serves, in order of preference.
_INDEX_FILES = ("index.html", "index.xml", "index.opml")
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}
# How often serve_forever checks for shutdown: keeps stop() (and so each test) fast.
_POLL_INTERVAL = 0.05


def demo_root() -> Path:
    """The bundled sample site's document root."""
    return resources_dir() / "demo" / "site"


def demo_feed_urls(base_url: str) -> list[str]:
    """The streams the demo subscribes to: the home page (has an RSS link) and one category."""
    base = base_url.rstrip("/")
    return [base + "/", base + "/kategori/5/internasional"]


# In the data folder of a library that has the demo: the port it was served on. Feeds and
# articles are stored under their full addresses, port included, so a later `--demo` on the
# same library must serve on that port again; subscribing on a new port would add every feed
# and article a second time.
_STATE_FILE = "demo.json"


def remembered_port(data_dir: Path) -> int:
    """The port an earlier demo of this library was served on, or 0 when it has none."""
    try:
        state = json.loads((data_dir / _STATE_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return 0
    except (OSError, ValueError) as exc:
        logger.warning("unreadable %s, demo starts afresh: %s", _STATE_FILE, exc)
        return 0
    port = state.get("port") if isinstance(state, dict) else None
    return port if isinstance(port, int) and 0 < port < 65536 else 0


def remember_port(data_dir: Path, port: int) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / _STATE_FILE).write_text(json.dumps({"port": port}), encoding="utf-8")


def start_for_library(data_dir: Path) -> tuple[DemoServer, list[str]]:
    """Start the demo server for a lasting library; returns it (running) and the feeds still
    to subscribe: all of them the first time, none once the library has the demo.

    A library that has the demo gets its port again. Should another program hold it, the
    demo runs on a free port and subscribes nothing: its feeds then say that they cannot be
    fetched, which is better than every article twice.
    """
    port = remembered_port(data_dir)
    server = DemoServer(port=port)
    try:
        server.start()
    except OSError as exc:
        if not port:
            raise
        logger.warning("demo port %d is taken (%s); serving on a free port", port, exc)
        server = DemoServer()
        server.start()
        return server, []
    if port:
        return server, []
    remember_port(data_dir, server.port)
    return server, demo_feed_urls(server.base_url)


def install_demo_rule(data_dir: Path, base_url: str) -> Path:
    """Let the Elshinta site rule read the sample site on its loopback host.

    The sample stands in for elshinta.com, so a user rule (data_dir/sites/elshinta.json,
    which overrides the bundled one) adds the demo server's host to the rule's hosts.
    """
    bundled = resources_dir() / "sites" / "elshinta.json"
    rule = json.loads(bundled.read_text(encoding="utf-8"))
    host = urlsplit(base_url).hostname or "127.0.0.1"
    rule["hosts"] = [*rule.get("hosts", []), host]
    target = data_dir / "sites" / "elshinta.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(rule, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def resolve_path(root: Path, url_path: str) -> Path | None:
    """Map a request path to a file under ``root``, or None (404) if none may be served.

    Percent-escapes are decoded first, so ``%2e%2e`` is caught like ``..``. Any segment that
    starts with a dot is refused outright (traversal and hidden files), and the final file must
    still lie inside ``root`` after symlinks are resolved.
    """
    path = unquote(urlsplit(url_path).path)
    parts = [p for p in path.split("/") if p]
    if any(p.startswith(".") or "\\" in p or "\x00" in p for p in parts):
        return None
    root = root.resolve()
    target = root.joinpath(*parts)
    if target.is_dir():
        target = next((target / n for n in _INDEX_FILES if (target / n).is_file()), target)
    try:
        target = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not target.is_file() or not target.is_relative_to(root):
        return None
    return target


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match uses weak comparison (RFC 9110 13.1.2): ignore any W/ prefix."""
    wanted = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in wanted or etag in wanted


def _not_modified_since(header: str, mtime: int) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:  # an HTTP date is always GMT
        return False
    return mtime <= int(since.timestamp())


class _DemoHandler(BaseHTTPRequestHandler):
    """Serves GET and HEAD from the server's root with {{BASE}} substitution."""

    server: _DemoHTTPServer
    server_version = "NewsreaderDemo/1.0"
    # A stuck client must not hold a handler thread forever.
    timeout = 10

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        target = resolve_path(self.server.root, self.path)
        if target is None:
            self._send_status(HTTPStatus.NOT_FOUND, send_body)
            return
        body = target.read_bytes()
        if target.suffix in _TEMPLATED:
            body = body.replace(BASE_TOKEN, self.server.base_url.encode("ascii"))
        etag = _etag(body)
        mtime = int(target.stat().st_mtime)
        headers = {
            "Content-Type": _CONTENT_TYPES.get(target.suffix, "application/octet-stream"),
            "ETag": etag,
            "Last-Modified": formatdate(mtime, usegmt=True),
            "Cache-Control": "no-cache",
        }
        if self._is_fresh(etag, mtime):
            self._send(HTTPStatus.NOT_MODIFIED, headers, b"", send_body=False)
        else:
            self._send(HTTPStatus.OK, headers, body, send_body)

    def _is_fresh(self, etag: str, mtime: int) -> bool:
        """Conditional GET: If-None-Match wins over If-Modified-Since when both are sent."""
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return _etag_matches(inm, etag)
        ims = self.headers.get("If-Modified-Since")
        return ims is not None and _not_modified_since(ims, mtime)

    def _send_status(self, status: HTTPStatus, send_body: bool) -> None:
        body = f"{status.value} {status.phrase}\n".encode()
        headers = {"Content-Type": "text/plain; charset=utf-8"}
        self._send(status, headers, body, send_body)

    def _send(
        self, status: HTTPStatus, headers: dict[str, str], body: bytes, send_body: bool
    ) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        # The stdlib writes every request to stderr; the demo stays quiet unless debugging.
        logger.debug("demo %s: " + format, self.address_string(), *args)


class _DemoHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], root: Path) -> None:
        self.root = root
        self.base_url = ""
        super().__init__(address, _DemoHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up mid-response is normal (cancelled fetches); the stdlib would
        # print a traceback to stderr for it.
        logger.debug("demo: error serving %s", client_address, exc_info=True)


class DemoServer:
    """Serves the sample site on loopback from a daemon thread.

    Use as a context manager, or call start() and stop()::

        with DemoServer() as server:
            urls = demo_feed_urls(server.base_url)
    """

    def __init__(self, root: Path | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = demo_root() if root is None else root
        if not self.root.is_dir():
            raise FileNotFoundError(f"demo site not found: {self.root}")
        self._address = (host, port)
        self._httpd: _DemoHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://HOST:PORT`` without a trailing slash; only valid while running."""
        if self._httpd is None:
            raise RuntimeError("demo server is not running")
        return self._httpd.base_url

    @property
    def port(self) -> int:
        """The port served on; only valid while running."""
        if self._httpd is None:
            raise RuntimeError("demo server is not running")
        return int(self._httpd.server_address[1])

    @property
    def running(self) -> bool:
        return self._httpd is not None

    def start(self) -> str:
        """Bind, start serving in a daemon thread, and return the base URL."""
        if self._httpd is not None:
            return self._httpd.base_url
        httpd = _DemoHTTPServer(self._address, self.root)
        host, port = httpd.server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else host
        if ":" in host_text:  # IPv6 literal
            host_text = f"[{host_text}]"
        httpd.base_url = f"http://{host_text}:{port}"
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": _POLL_INTERVAL},
            name="newsreader-demo-server",
            daemon=True,
        )
        self._thread.start()
        logger.info("demo site served at %s from %s", httpd.base_url, self.root)
        return httpd.base_url

    def stop(self) -> None:
        """Stop serving and close the socket. Safe to call twice."""
        httpd, thread = self._httpd, self._thread
        self._httpd = self._thread = None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
