"""One window per database: a second launch on the same database asks the running NetDesk to
come to the front and exits, instead of opening the file twice.

The running instance listens on a local socket (QLocalServer: a Unix socket or a named pipe,
never the network) whose name is derived from a hash of the user and the resolved database
path, so NetDesk windows on different databases do not disturb each other.
"""

from __future__ import annotations

import getpass
import hashlib
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
ACK = b"ok\n"


def server_name(db_path: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name in the environment
        user = ""
    key = f"{user}\0{Path(db_path).expanduser().resolve()}".encode()
    return f"netdesk-{hashlib.sha256(key).hexdigest()[:24]}"


class SingleInstance(QObject):
    """``activate_running()`` for the second launch; ``listen()`` for the first, which then
    emits ``activation_requested`` whenever another launch asks."""

    activation_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self.server: QLocalServer | None = None
        #: whether the running instance confirmed the last activation in time
        self.answered = False

    def activate_running(self, timeout_ms: int = 1000) -> bool:
        """Ask a running instance to come to the front; True when one is listening.

        A socket file left by a crashed NetDesk refuses the connection (False). A running
        instance whose window is busy still has the request queued, so it counts even when
        its answer does not come within ``timeout_ms``.
        """
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(timeout_ms):
            return False
        sock.write(ACTIVATE)
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
            sock.readyRead.connect(lambda s=sock: self._on_ready(s))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._on_ready(sock)

    def _on_ready(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        line = bytes(sock.readLine().data())
        if line == ACTIVATE:
            sock.write(ACK)
            sock.flush()
            self.activation_requested.emit()

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
