"""One window per database: a second launch on the same database asks the running NetDesk to
come to the front and exits, instead of opening the file twice. Files the second launch was
asked to open (``netdesk card.vcf``, a double-click) are handed over and open in the running
window's import preview.

The running instance listens on a local socket (QLocalServer: a Unix socket or a named pipe,
never the network) whose name is derived from a hash of the user and the resolved database
path, so NetDesk windows on different databases do not disturb each other.

The protocol is line-based UTF-8. The second launch sends zero or more ``open <path>\n``
lines (absolute paths; ``%``, control characters and bytes that are not UTF-8 are written as
``%XX``), then ``activate\n``; the first answers ``ok\n`` and only then acts on the files.
Anything else (an unknown line, a relative path, a line longer than :data:`MAX_LINE`, more than
:data:`MAX_FILES` files) makes it drop the connection and do nothing.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
ACK = b"ok\n"
OPEN = b"open "
#: the longest line the running instance accepts (a path, escaped, plus "open ")
MAX_LINE = 64 * 1024
#: the most files one launch may hand over
MAX_FILES = 10_000


def encode_open(path: str) -> bytes:
    """The ``open <path>\n`` line for an absolute path: UTF-8, with ``%``, control characters
    (a newline in a file name) and bytes that are not UTF-8 escaped as ``%XX``."""
    text = os.fsencode(path).decode("utf-8", "surrogateescape")
    out = bytearray(OPEN)
    for ch in text:
        code = ord(ch)
        if ch == "%" or code < 0x20 or code == 0x7F or 0xDC80 <= code <= 0xDCFF:
            out += b"".join(b"%%%02X" % b for b in ch.encode("utf-8", "surrogateescape"))
        else:
            out += ch.encode("utf-8")
    return bytes(out + b"\n")


def decode_open(line: bytes) -> str | None:
    """The path of an ``open <path>\n`` line, or None when the line is not one (or names a
    relative path, or contains a NUL)."""
    if not line.startswith(OPEN) or not line.endswith(b"\n"):
        return None
    raw = unquote_to_bytes(line[len(OPEN) : -1])
    if not raw or b"\0" in raw:
        return None
    path = os.fsdecode(raw)
    return path if os.path.isabs(path) else None


def server_name(db_path: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name in the environment
        user = ""
    key = f"{user}\0{Path(db_path).expanduser().resolve()}".encode()
    return f"netdesk-{hashlib.sha256(key).hexdigest()[:24]}"


class SingleInstance(QObject):
    """``activate_running()`` for the second launch; ``listen()`` for the first, which then
    emits ``activation_requested`` whenever another launch asks, then ``open_requested`` (a list
    of absolute paths) when that launch handed over files."""

    activation_requested = Signal()
    open_requested = Signal(list)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self.server: QLocalServer | None = None
        #: whether the running instance confirmed the last activation in time
        self.answered = False

    def activate_running(self, timeout_ms: int = 1000, files: Sequence[str] = ()) -> bool:
        """Ask a running instance to come to the front and open ``files`` (absolute paths) in
        its import preview; True when one is listening.

        A socket file left by a crashed NetDesk refuses the connection (False). A running
        instance whose window is busy still has the request queued, so it counts even when
        its answer does not come within ``timeout_ms``.
        """
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(timeout_ms):
            return False
        sock.write(b"".join(encode_open(os.path.abspath(f)) for f in files) + ACTIVATE)
        sock.flush()
        sock.waitForBytesWritten(timeout_ms)
        # Short waits in a loop: a single long waitForReadyRead can miss an answer that
        # arrives while it starts (seen with PySide6 6.12 on Linux).
        data = b""
        deadline = time.monotonic() + timeout_ms / 1000
        while len(data) < len(ACK) and time.monotonic() < deadline:
            if sock.bytesAvailable() or sock.waitForReadyRead(50):
                data += bytes(sock.readAll().data())
        self.answered = data.startswith(ACK)
        sock.disconnectFromServer()
        return True

    def listen(self) -> bool:
        """Become the instance others activate; False when another one is already listening.

        Checked before listening: with access options set, Qt binds the socket under a
        temporary name and renames it into place, which would silently take over a live
        instance's name. A socket left behind by a crashed NetDesk refuses connections and
        is removed.
        """
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        alive = probe.waitForConnected(300)
        probe.abort()
        if alive:
            return False
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            return False
        server.newConnection.connect(self._on_connection)
        self.server = server
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        while (sock := self.server.nextPendingConnection()) is not None:
            files: list[str] = []  # handed over by this connection so far
            sock.readyRead.connect(lambda s=sock, f=files: self._on_ready(s, f))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._on_ready(sock, files)

    def _on_ready(self, sock: QLocalSocket, files: list[str]) -> None:
        while sock.canReadLine():
            line = bytes(sock.readLine(MAX_LINE + 1).data())
            if line == ACTIVATE:
                sock.write(ACK)
                sock.flush()
                self.activation_requested.emit()
                if files:
                    self.open_requested.emit(list(files))
                    files.clear()
                continue
            path = decode_open(line)
            if path is None or len(files) >= MAX_FILES:
                self._reject(sock, files)
                return
            files.append(path)
        if sock.bytesAvailable() > MAX_LINE:  # no end of line in sight
            self._reject(sock, files)

    def _reject(self, sock: QLocalSocket, files: list[str]) -> None:
        files.clear()
        sock.readyRead.disconnect()
        sock.abort()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None


def bring_to_front(window: object) -> None:
    """Raise and activate a main window (restoring it if minimised)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    if window.windowState() & Qt.WindowState.WindowMinimized:
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
