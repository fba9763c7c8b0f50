"""One window per database: a second launch on the same database asks the running NetDesk to
come to the front and exits, instead of opening the file twice. Files the second launch was
asked to open (``netdesk card.vcf``, a double-click) are handed over and open in the running
window's import preview.

Who is first is decided by a lock file held for the life of the process (``flock`` on POSIX,
``msvcrt.locking`` on Windows; the system lets go of it however the process ends), so two
launches at the same moment cannot both win. The winner then listens on a local socket
(QLocalServer: a Unix socket or a named pipe, never the network) that only carries the
messages below. Both are named after a hash of the user and the resolved database path, so
NetDesk windows on different databases do not disturb each other. Sockets and lock files
left in the temp folder by a NetDesk that crashed are removed by the next one that starts.

The protocol is line-based UTF-8. The second launch sends zero or more ``open <path>\n``
lines (absolute paths; ``%``, control characters and bytes that are not UTF-8 are written as
``%XX``), then ``activate\n``; the first answers ``ok\n`` and only then acts on the files.
Anything else (an unknown line, a relative path, a line longer than :data:`MAX_LINE`, more than
:data:`MAX_FILES` files) makes it drop the connection and do nothing.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import stat
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QDir, QObject, Signal
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


NAME_PREFIX = "netdesk-"
LOCK_SUFFIX = ".lock"


def runtime_dir() -> Path:
    """Where QLocalServer puts its Unix sockets, and where the lock files go beside them."""
    return Path(QDir.tempPath())


class InstanceLock:
    """An exclusive lock on a file, held until :meth:`release` or the end of the process.

    ``acquire()`` is True when this process now holds it, False when another process does,
    and None when the lock file cannot be used (not ours, not creatable): then the caller
    falls back to asking the socket."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool | None:
        if self._fd is not None:
            return True
        for _attempt in range(10):
            try:
                fd = os.open(
                    self.path,
                    os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                    0o600,
                )
            except OSError:
                return None
            try:
                st = os.fstat(fd)
                getuid = getattr(os, "getuid", None)
                if getuid is not None and st.st_uid != getuid():
                    os.close(fd)
                    return None  # planted by someone else: do not trust it
                if not _try_lock(fd):
                    os.close(fd)
                    return False
                # A NetDesk cleaning up may have removed the file between open and lock:
                # then the lock is on a file nobody else will ever open; take the new one.
                try:
                    now = os.stat(self.path, follow_symlinks=False)
                except FileNotFoundError:
                    os.close(fd)
                    continue
                if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
                    os.close(fd)
                    continue
            except OSError:
                os.close(fd)
                return None
            self._fd = fd
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            return True
        return None

    def release(self, *, remove: bool = False) -> None:
        """Let go of the lock; ``remove`` also deletes the file (safe: a process that opened
        it meanwhile notices and opens it again)."""
        if self._fd is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()
        os.close(self._fd)  # closing releases the lock
        self._fd = None


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _socket_answers(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    alive = probe.waitForConnected(300)
    probe.abort()
    return alive


def remove_stale(folder: Path | None = None) -> list[str]:
    """Remove the sockets and lock files that NetDesks which ended without cleaning up (a
    crash, ``kill -9``) left in ``folder`` (the temp folder): only this user's, only those
    whose lock nobody holds and whose socket refuses connections. Returns their names."""
    folder = folder or runtime_dir()
    if os.name == "nt":  # pragma: no cover - named pipes vanish with their process
        return []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    uid = os.getuid()
    names: set[str] = set()
    for entry in entries:
        name = entry.name.removesuffix(LOCK_SUFFIX)
        if not name.startswith(NAME_PREFIX) or len(name) != len(NAME_PREFIX) + 24:
            continue
        with contextlib.suppress(OSError):
            if entry.lstat().st_uid == uid:
                names.add(name)
    removed: list[str] = []
    for name in sorted(names):
        lock = InstanceLock(folder / f"{name}{LOCK_SUFFIX}")
        if lock.acquire() is not True:
            continue  # a NetDesk is running on that database (or the file is not ours)
        try:
            sock = folder / name
            with contextlib.suppress(OSError):
                st = sock.lstat()
                if stat.S_ISSOCK(st.st_mode) and st.st_uid == uid and not _socket_answers(name):
                    sock.unlink()
        finally:
            lock.release(remove=True)
        removed.append(name)
    return removed


class SingleInstance(QObject):
    """``activate_running()`` for the second launch; ``listen()`` for the first, which then
    emits ``activation_requested`` whenever another launch asks, then ``open_requested`` (a list
    of absolute paths) when that launch handed over files."""

    activation_requested = Signal()
    open_requested = Signal(list)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self.lock = InstanceLock(runtime_dir() / f"{self.name}{LOCK_SUFFIX}")
        self.server: QLocalServer | None = None
        #: whether the running instance confirmed the last activation in time
        self.answered = False

    def activate_running(
        self, timeout_ms: int = 1000, files: Sequence[str] = (), connect_ms: int | None = None
    ) -> bool:
        """Ask a running instance to come to the front and open ``files`` (absolute paths) in
        its import preview; True when one is listening.

        ``connect_ms``: how long to keep trying to connect (the first instance, started at the
        same moment, may have taken the lock but not be listening yet); ``timeout_ms`` by
        default. A socket file left by a crashed NetDesk refuses the connection (False). A
        running instance whose window is busy still has the request queued, so it counts
        even when its answer does not come within ``timeout_ms``.
        """
        sock = QLocalSocket()
        give_up = time.monotonic() + (timeout_ms if connect_ms is None else connect_ms) / 1000
        while True:
            sock.connectToServer(self.name)
            if sock.waitForConnected(min(timeout_ms, 300)):
                break
            sock.abort()
            if time.monotonic() >= give_up:
                return False
            time.sleep(0.05)
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
        """Become the instance others activate; False when another one already is.

        The lock file decides, atomically: of two launches at the same moment exactly one
        gets it. Only when the lock file cannot be used at all does the socket decide (a live
        instance answers a connection). With access options set, Qt binds the socket under a
        temporary name and renames it into place, which would silently take over a live
        instance's name, hence the check first. A socket left behind by a crashed NetDesk is
        removed. True also when the socket cannot be set up after the lock was taken: this
        is the only NetDesk on the database, later launches just cannot reach it.
        """
        got = self.lock.acquire()
        if got is False:
            return False
        if got is None and _socket_answers(self.name):
            return False
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            return got is True
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
        self.lock.release(remove=True)


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
