"""A scriptable loopback HTTP server for tests (threaded, 127.0.0.1, port 0).

Usage in a test::

    def test_x(http_server):
        http_server.route("/feed", body=b"<rss/>", etag='"v1"')
        http_server.route("/loop", handler=lambda req: Response(302, headers={"Location": "/loop"}))
        url = http_server.url("/feed")
        ...
        assert http_server.requests[-1].headers["if-none-match"] == '"v1"'

A route either describes a static response (body, status, headers, delay, validators, gzip,
chunks) or names a handler ``(Request) -> Response | bytes | RESET | HANDLED``. Paths under
``/data/`` with no route serve the files of tests/data (``url("/data/feeds/rss20.xml")``).

``Response.body`` may be an iterable of byte chunks: it is streamed with chunked transfer
encoding (or with the given Content-Length) and never held in memory as a whole, so tests can
serve huge bodies. Every wait (``delay``, ``chunk_delay``, ``wait``, ``drip``) is an
``Event.wait`` on the server's stop event, so teardown never waits for a sleeping handler.
"""

from __future__ import annotations

import contextlib
import gzip as gzip_module
import socket
import struct
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

RESET = object()  # a handler returns this to reset the connection (TCP RST) without answering
HANDLED = object()  # a handler returns this after writing raw bytes to request.connection itself


@dataclass
class Request:
    """One request the server received. Header names are lower-case."""

    method: str
    path: str
    headers: dict[str, str]
    connection: socket.socket | None = field(default=None, repr=False, compare=False)


@dataclass
class Response:
    """What a handler answers. ``body`` may be bytes or an iterable of chunks (streamed)."""

    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # before the status line
    chunk_delay: float = 0.0  # before each chunk of an iterable body


Handler = Callable[[Request], Any]


def _static_handler(
    body: bytes,
    status: int,
    headers: dict[str, str],
    delay: float,
    etag: str | None,
    last_modified: str | None,
    use_gzip: bool,
    chunks: Iterable[bytes] | None,
    chunk_delay: float,
) -> Handler:
    """A handler for the keyword form of ``route``: validators, gzip and chunks built in."""
    parts = None if chunks is None else list(chunks)  # served again on every request

    def handle(request: Request) -> Response:
        out = dict(headers)
        if etag is not None:
            out["ETag"] = etag
        if last_modified is not None:
            out["Last-Modified"] = last_modified
        if _not_modified(request.headers, etag, last_modified):
            return Response(304, b"", out, delay)
        payload: bytes | Iterable[bytes] = body if parts is None else list(parts)
        if use_gzip:
            data = payload if isinstance(payload, bytes) else b"".join(payload)
            payload = gzip_module.compress(data)
            out["Content-Encoding"] = "gzip"
        return Response(status, payload, out, delay, chunk_delay)

    return handle


def _not_modified(headers: dict[str, str], etag: str | None, last_modified: str | None) -> bool:
    """RFC 9110: If-None-Match (a list, "*", weak tags) wins; else If-Modified-Since."""
    inm = headers.get("if-none-match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return etag is not None and ("*" in tags or etag.removeprefix("W/") in tags)
    ims = headers.get("if-modified-since")
    return ims is not None and last_modified is not None and ims == last_modified


def _content_type(path: Path) -> str:
    types = {".xml": "application/xml", ".rss": "application/rss+xml", ".rdf": "application/xml",
             ".atom": "application/atom+xml", ".html": "text/html; charset=utf-8",
             ".json": "application/json", ".opml": "text/x-opml"}  # fmt: skip
    return types.get(path.suffix, "application/octet-stream")


DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class HttpServer:
    """The object the ``http_server`` fixture yields."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.requests: list[Request] = []
        self.connections_opened = 0  # TCP connections accepted (keep-alive reuse shows here)
        self._routes: dict[str, Handler] = {}
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._httpd = _QuietServer(("127.0.0.1", 0), _make_handler_class(self))
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    # -- scripting -------------------------------------------------------------------------
    def route(
        self,
        path: str,
        body: bytes | Handler = b"",
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        etag: str | None = None,
        last_modified: str | None = None,
        gzip: bool = False,
        chunks: Iterable[bytes] | None = None,
        *,
        chunk_delay: float = 0.0,
        handler: Handler | None = None,
    ) -> None:
        """Register what ``path`` answers: a static response, or ``handler`` for special cases.

        ``body`` may itself be the handler: ``route("/x", lambda request: Response(...))``.
        """
        if callable(body):
            handler, body = body, b""
        if handler is None:
            handler = _static_handler(
                body, status, dict(headers or {}), delay, etag, last_modified, gzip,
                chunks, chunk_delay,
            )  # fmt: skip
        with self._lock:
            self._routes[path] = handler

    def route_file(self, path: str, file: Path | str, **kwargs: Any) -> None:
        """Serve the bytes of a file (for example one under tests/data) at ``path``."""
        self.route(path, body=Path(file).read_bytes(), **kwargs)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        """``path`` answers ``status`` with a Location header (relative or absolute)."""
        self.route(path, status=status, headers={"Location": location})

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait(self, seconds: float) -> bool:
        """Wait in a handler; returns True early when the server is stopping."""
        return self.stop.wait(seconds)

    def drip(self, data: bytes, interval: float) -> Iterator[bytes]:
        """Chunks of one byte each, ``interval`` seconds apart (a slow-drip body)."""
        for i in range(len(data)):
            if self.stop.wait(interval):
                return
            yield data[i : i + 1]

    # -- internals -------------------------------------------------------------------------
    def _lookup(self, path: str) -> Handler | None:
        """The route for a path (with its query, else without); /data/... serves tests/data."""
        with self._lock:
            found = self._routes.get(path) or self._routes.get(path.split("?", 1)[0])
        if found is not None or not path.startswith("/data/"):
            return found
        file = (DATA_DIR / path.split("?", 1)[0].removeprefix("/data/")).resolve()
        if not file.is_file() or DATA_DIR not in file.parents:
            return None
        return lambda request: Response(
            200, file.read_bytes(), {"Content-Type": _content_type(file)}
        )

    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
                self.connections_opened += 1
            else:
                self._connections.discard(conn)

    def close_idle_connections(self) -> None:
        """Close every open connection, as a server does after its keep-alive timeout."""
        with self._lock:
            conns = list(self._connections)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.stop.set()
        self._httpd.shutdown()
        # Idle keep-alive connections block their handler thread in recv(): wake them up.
        with self._lock:
            conns = list(self._connections)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join(timeout=5)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up mid-request is routine in these tests; anything else is a bug.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


def _make_handler_class(server: HttpServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls on kept-alive connections

        def setup(self) -> None:
            super().setup()
            server._track(self.connection, True)

        def finish(self) -> None:
            with contextlib.suppress(OSError):
                super().finish()
            server._track(self.connection, False)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def _serve(self, send_body: bool) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = Request(self.command, self.path, headers, self.connection)
            with server._lock:
                server.requests.append(request)
            handler = server._lookup(self.path)
            result = Response(404, b"not found") if handler is None else handler(request)
            if result is RESET:
                self._reset()
                return
            if result is HANDLED:
                self.close_connection = True
                return
            if isinstance(result, bytes):
                result = Response(200, result)
            try:
                self._write(result, send_body)
            except OSError:
                self.close_connection = True  # the client went away: that is the test's point

        def _reset(self) -> None:
            # SO_LINGER with a zero timeout makes close() send RST instead of FIN; closing
            # here (the fd goes once rfile/wfile close) skips socketserver's polite SHUT_WR.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

        def _write(self, response: Response, send_body: bool) -> None:
            if response.delay and server.stop.wait(response.delay):
                self.close_connection = True
                return
            self.send_response(response.status)
            names = {k.lower() for k in response.headers}
            for name, value in response.headers.items():
                self.send_header(name, value)
            body = response.body
            no_body = response.status == 304 or response.status < 200 or not send_body
            if isinstance(body, bytes):
                if "content-length" not in names and response.status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not no_body:
                    self.wfile.write(body)
                return
            chunked = "content-length" not in names
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if no_body:
                return
            for chunk in body:
                if response.chunk_delay and server.stop.wait(response.chunk_delay):
                    self.close_connection = True
                    return
                if not chunk:
                    continue
                if chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                else:
                    self.wfile.write(chunk)
                self.wfile.flush()
            if chunked:
                self.wfile.write(b"0\r\n\r\n")

    return _Handler


@pytest.fixture
def http_server() -> Iterator[HttpServer]:
    """A loopback HTTP server; routes are registered by the test. Quick to shut down."""
    server = HttpServer()
    try:
        yield server
    finally:
        server.close()
