"""One window per reader and data folder: a later launch hands its addresses to the running
window and ends.

The running window listens on a local socket (``QLocalServer``) named after the user and the
data folder; a launch first tries to hand over there (``claim``) and becomes the listener only
when nobody answers. What a client sends is untrusted, as anything on a socket is: one line of
JSON, ``{"urls": [...]}``, at most ``MAX_MESSAGE`` bytes within ``READ_TIMEOUT_MS``; each
address must be http(s), a browser's ``feed:`` link or a local file's ``file:`` URL (a file
manager opening a feed or OPML file), anything else is dropped, and garbage
closes the connection without a word. The server never blocks: it reads as data arrives.

A crashed window leaves its socket file behind: a name that nobody answers on is removed before
listening. Claiming holds a lock file (``QLockFile``, which sees through a dead holder) so that
two launches at once cannot both become the listener, or one remove the other's fresh socket.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, QTimer, QUrl, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from newsreader.ui.dialogs.add_feed import normalized_url

log = logging.getLogger(__name__)

MAX_MESSAGE = 16 * 1024
MAX_URLS = 16
MAX_URL_LENGTH = 2048
READ_TIMEOUT_MS = 2000  # the server's patience with one client
HAND_OVER_MS = 5000  # a launch's patience with the running window (it may be starting up)
_LOCK_WAIT_MS = 2 * HAND_OVER_MS + 1000  # another launch claiming: hand over, then listen
_REPLY = b"ok\n"


class InstanceBusyError(Exception):
    """Another window of this data folder runs but did not take the hand-over."""


def server_name(data_dir: Path, runtime_dir: str | None = None) -> str:
    """The socket's name for this user and data folder.

    In the user's private runtime folder (``XDG_RUNTIME_DIR``, given or from the environment)
    where there is one; else a name Qt places in the temporary folder (Unix) or the pipe
    namespace (Windows), which holds the user's name in its hash to stay per user.
    """
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no name for the uid (a container): the uid itself
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    folder = os.path.abspath(data_dir)  # not resolve(): no symlink lookups on a dead mount
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:24]
    name = f"newsreader-{digest}"
    if runtime_dir is None and sys.platform != "win32":
        runtime_dir = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime_dir and os.path.isabs(runtime_dir) and os.path.isdir(runtime_dir):
        path = os.path.join(runtime_dir, f"{name}.sock")
        if len(path.encode()) < 100:  # sun_path holds 108 bytes
            return path
    return name


def feed_address(text: object) -> str | None:
    """The http(s) address that a command-line argument or a browser's feed link stands for
    (``feed://site/rss``, ``feed:https://site/rss``), or None for anything else."""
    if not isinstance(text, str) or len(text) > MAX_URL_LENGTH:
        return None
    text = text.strip()
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        return None
    if text[:5].lower() == "feed:":
        rest = text[5:]
        inner = rest[2:] if rest.startswith("//") else rest
        text = inner if inner[:8].lower().startswith(("http://", "https://")) else f"http:{rest}"
    if not text[:8].lower().startswith(("http://", "https://")):
        return None  # a bare "site.com" is the Add dialog's to complete, not a link's
    return normalized_url(text)


def launch_address(text: object) -> str | None:
    """What a launch may hand the window: a web address (``feed_address``), or an absolute
    local file as a ``file:///`` URL (a file manager opening a file; the launch made its
    path absolute, the window reads it). None for anything else."""
    address = feed_address(text)
    if address is not None or not isinstance(text, str) or len(text) > MAX_URL_LENGTH:
        return address
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        return None
    url = QUrl(text.strip())
    if not url.isValid() or not url.isLocalFile() or url.host() not in ("", "localhost"):
        return None  # another machine's file (file://host/...)
    if not os.path.isabs(url.toLocalFile()):
        return None
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)


def encode(urls: Sequence[str]) -> bytes:
    """The message a launch sends: its addresses as one line of JSON."""
    return json.dumps({"urls": list(urls)[:MAX_URLS]}).encode("utf-8") + b"\n"


def decode(line: bytes) -> list[str] | None:
    """The valid addresses of a message line (invalid ones dropped), or None when the line is
    not a message at all."""
    try:
        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    urls = data.get("urls") if isinstance(data, dict) else None
    if not isinstance(urls, list) or len(urls) > MAX_URLS:
        return None
    valid = [url for url in map(launch_address, urls) if url is not None]
    if len(valid) < len(urls):
        log.warning("a launch handed over %d address(es) that are not web or file addresses",
                    len(urls) - len(valid))  # fmt: skip
    return list(dict.fromkeys(valid))


class InstanceServer(QObject):
    """Listens for later launches of the same data folder.

    Signals:
        activation_requested(list): a launch asked for the window, with its addresses (http(s)
            or local files, checked; possibly none).
    """

    activation_requested = Signal(list)

    def __init__(
        self, name: str, parent: QObject | None = None, *, timeout_ms: int = READ_TIMEOUT_MS
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._timeout_ms = timeout_ms
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_new_connection)

    def is_listening(self) -> bool:
        return self._server.isListening()

    def full_name(self) -> str:
        return self._server.fullServerName()

    def listen(self) -> bool:
        """Listen on the name, removing a socket left by a window that crashed. False when a
        live window holds it (or the system refuses)."""
        if self._server.listen(self.name):
            self._restrict()
            return True
        if self._server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
            log.warning("cannot listen for other launches: %s", self._server.errorString())
            return False
        if _answers(self.name) or not _ours(self.name):
            return False
        log.info("removing the socket of a window that is gone: %s", self.name)
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("cannot listen for other launches: %s", self._server.errorString())
            return False
        self._restrict()
        return True

    def close(self) -> None:
        """Stop listening (the socket file goes), ending any conversation still going on."""
        for client in self.findChildren(_Client):
            client.hang_up("")
        self._server.close()

    def _restrict(self) -> None:
        # Only the user may connect (Qt's UserAccessOption would replace a live window's
        # socket instead of failing, so the mode is set here): the runtime folder is private
        # already, the temporary folder is not.
        path = self._server.fullServerName()
        if sys.platform != "win32" and os.path.exists(path):
            try:
                os.chmod(path, 0o600)
            except OSError as exc:
                log.warning("cannot restrict %s: %s", path, exc)

    def _on_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            client = _Client(socket, self, self._timeout_ms)
            client.answered.connect(self.activation_requested.emit)


class _Client(QObject):
    """One launch talking to the window: its line is read as it arrives, within the time
    allowed, then answered; anything else hangs up on it. The client owns its socket, and
    goes (with it) once done.

    Signals:
        answered(list): the launch's valid addresses, after the reply was sent.
    """

    answered = Signal(list)

    def __init__(self, socket: QLocalSocket, server: InstanceServer, timeout_ms: int) -> None:
        super().__init__(server)
        self._server_name = server.name
        self._socket = socket
        socket.setParent(self)
        self._buffer = bytearray()
        self._done = False
        self._timer = QTimer(self, singleShot=True, interval=timeout_ms)
        self._timer.timeout.connect(self._on_timeout)
        socket.readyRead.connect(self._on_ready_read)
        socket.disconnected.connect(self._on_disconnected)
        self._timer.start()
        if socket.bytesAvailable():  # what came with the connection
            self._on_ready_read()

    def _on_ready_read(self) -> None:
        if self._done:
            return
        self._buffer += self._socket.read(MAX_MESSAGE + 1 - len(self._buffer)).data()
        line, newline, _rest = bytes(self._buffer).partition(b"\n")
        if not newline:
            if len(self._buffer) > MAX_MESSAGE:
                self.hang_up("sent too much")
            return
        urls = decode(line)
        if urls is None:
            self.hang_up("sent something that is not a hand-over")
            return
        self._done = True
        self._socket.write(_REPLY)
        self._socket.flush()
        self._socket.disconnectFromServer()  # once the reply is written: _on_disconnected
        self._timer.start()  # a reader that never closes is hung up on all the same
        self.answered.emit(urls)

    def _on_timeout(self) -> None:
        self.hang_up("took too long" if self._done else "said nothing in time")

    def _on_disconnected(self) -> None:
        self._release()

    def hang_up(self, why: str) -> None:
        """End the conversation now (a misbehaving client, or the server closing)."""
        if why:
            log.warning("ignoring a client of %s that %s", self._server_name, why)
        self._release()

    def _release(self) -> None:
        self._done = True
        self._timer.stop()
        # No more signals from a socket on its way out: its destructor aborts, and a slot
        # run from there would find this object half gone.
        self._socket.blockSignals(True)
        self._socket.abort()
        self.deleteLater()


def hand_over(name: str, urls: Sequence[str], timeout_ms: int = HAND_OVER_MS) -> bool:
    """Give ``urls`` to the window listening on ``name``; whether it took them. Blocks (up to
    about twice ``timeout_ms``): for a launch deciding whether to start at all."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(encode(urls))
    socket.waitForBytesWritten(timeout_ms)
    reply = b""
    while len(reply) < len(_REPLY) and socket.waitForReadyRead(timeout_ms):
        reply += socket.readAll().data()
    socket.abort()
    return reply.startswith(_REPLY)


def claim(name: str, urls: Sequence[str]) -> InstanceServer | None:
    """Become the listening window for ``name``, or hand ``urls`` to the one that is.

    Returns:
        The listening server, or None when a running window took the addresses.

    Raises:
        InstanceBusyError: a window holds the name but did not take them (it hangs).
    """
    lock = QLockFile(_lock_path(name))
    locked = lock.tryLock(_LOCK_WAIT_MS)
    if not locked:  # a launch hangs while claiming: go on, the socket itself decides
        log.warning("another launch holds %s; claiming without it", lock.fileName())
    try:
        if _ours(name) and hand_over(name, urls):  # never to another user's socket
            return None
        server = InstanceServer(name)
        if server.listen():
            return server
        if _answers(name) and _ours(name):
            raise InstanceBusyError(name)
        return server  # not listening: the window runs alone, as before this existed
    finally:
        if locked:
            lock.unlock()


def _lock_path(name: str) -> str:
    if os.path.isabs(name):
        return f"{name}.lock"
    return os.path.join(QDir.tempPath(), f"{name}.lock")


def _answers(name: str) -> bool:
    """Whether something accepts connections on ``name`` (a refused connection: a stale file)."""
    probe = QLocalSocket()
    probe.connectToServer(name)
    connected = probe.waitForConnected(500)
    probe.abort()
    return connected


def _ours(name: str) -> bool:
    """Whether the socket file of ``name`` (if it is a file) belongs to this user: another
    user's file in the shared temporary folder is neither trusted nor removed."""
    if sys.platform == "win32" or not hasattr(os, "getuid"):
        return True
    path = name if os.path.isabs(name) else os.path.join(QDir.tempPath(), name)
    try:
        return os.stat(path).st_uid == os.getuid()
    except OSError:
        return True  # gone meanwhile: nothing to trust or remove
