"""A real CardDAV server for tests: Radicale on 127.0.0.1, and a fault-injecting proxy.

Radicale runs as a separate process on a free port with htpasswd authentication and a
temporary store; :class:`FaultProxy` sits in front of it and, when told, answers like a
broken server (down, 401, 503 with Retry-After, an HTML page, truncated XML, an empty
listing) or loses the answer to a PUT after forwarding it.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

USER = "alice"
PASSWORD = "correct horse"
BOOK = f"/{USER}/contacts/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Radicale:
    url: str
    folder: Path
    proc: subprocess.Popen[bytes]
    book: str = BOOK

    @property
    def book_url(self) -> str:
        return self.url + self.book

    def new_book(self, name: str) -> Radicale:
        """The same server with a new, empty address book ``/alice/<name>/`` in use."""
        other = Radicale(self.url, self.folder, self.proc, f"/{USER}/{name}/")
        other.create_book()
        return other

    def create_book(self) -> None:
        body = (
            '<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype>'
            "<D:collection/><C:addressbook/></D:resourcetype><D:displayname>Contacts"
            "</D:displayname></D:prop></D:set></D:mkcol>"
        )
        with self.http() as h:
            r = h.request("MKCOL", self.book_url, content=body.encode())
            assert r.status_code == 201, r.text

    def http(self) -> httpx.Client:
        return httpx.Client(auth=(USER, PASSWORD), timeout=30)

    def put(self, name: str, vcard: str) -> None:
        with self.http() as h:
            r = h.put(
                self.book_url + name, content=vcard.encode(), headers={"Content-Type": "text/vcard"}
            )
            assert r.status_code in (201, 204), r.text

    def store_file(self, name: str, vcard: str) -> None:
        """Write a card straight into Radicale's file store (what its PUT would refuse)."""
        folder = self.folder / "collection-root" / self.book.strip("/")
        (folder / name).write_bytes(vcard.encode())

    def delete(self, name: str) -> None:
        with self.http() as h:
            r = h.delete(self.book_url + name)
            assert r.status_code in (200, 204), r.text

    def get(self, name: str) -> str:
        with self.http() as h:
            r = h.get(self.book_url + name)
            assert r.status_code == 200, r.text
            return r.text

    def names(self) -> list[str]:
        """File names of the cards in the address book."""
        with self.http() as h:
            r = h.request(
                "PROPFIND",
                self.book_url,
                headers={"Depth": "1"},
                content=b'<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>',
            )
        import re

        hrefs = re.findall(r"<(?:\w+:)?href>([^<]+)</(?:\w+:)?href>", r.text)
        return sorted(h.rsplit("/", 1)[-1] for h in hrefs if not h.endswith("/"))

    def cards(self) -> dict[str, str]:
        return {n: self.get(n) for n in self.names()}


@contextlib.contextmanager
def run_radicale(tmp: Path) -> Iterator[Radicale]:
    tmp.mkdir(parents=True, exist_ok=True)
    users = tmp / "users"
    users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    store = tmp / "store"
    port = free_port()
    log = (tmp / "radicale.log").open("wb")
    cmd = [
        sys.executable,
        "-m",
        "radicale",
        "--config",
        "",
        "--server-hosts",
        f"127.0.0.1:{port}",
        "--auth-type",
        "htpasswd",
        "--auth-htpasswd-filename",
        str(users),
        "--auth-htpasswd-encryption",
        "plain",
        "--auth-delay",
        "0",
        "--rights-type",
        "owner_only",
        "--storage-filesystem-folder",
        str(store),
        "--logging-level",
        "warning",
        "--server-delay-on-error",
        "0",
    ]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "Radicale did not start: " + (tmp / "radicale.log").read_text()
                    ) from None
                time.sleep(0.05)
        server = Radicale(url, store, proc)
        server.create_book()
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@dataclass
class Fault:
    """One kind of misbehaviour for the next ``times`` matching requests (-1: until reset)."""

    kind: str
    methods: frozenset[str] = frozenset()
    times: int = -1
    retry_after: str = ""
    #: strip_uid: the UID whose line is taken out of every card the server sends
    arg: str = ""


@dataclass
class FaultProxy:
    target: str
    port: int = 0
    faults: list[Fault] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)
    #: called with (method, path) before a request is forwarded (to change the server then)
    before_forward: Callable[[str, str], None] | None = None
    _server: http.server.ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def fail(
        self, kind: str, *methods: str, times: int = -1, retry_after: str = "", arg: str = ""
    ) -> None:
        self.faults.append(Fault(kind, frozenset(methods), times, retry_after, arg))

    def reset(self) -> None:
        self.faults.clear()
        self.before_forward = None

    def _take(self, method: str) -> Fault | None:
        for f in self.faults:
            if (not f.methods or method in f.methods) and f.times != 0:
                if f.times > 0:
                    f.times -= 1
                return f
        return None

    def start(self) -> None:
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                method = self.command
                proxy.requests.append((method, self.path))
                fault = proxy._take(method)
                if fault is not None and fault.kind == "down":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault is not None and fault.kind.startswith("status:"):
                    code = int(fault.kind.split(":")[1])
                    headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                    self._answer(code, b"error", "text/plain", headers)
                    return
                if fault is not None and fault.kind == "html":
                    page = b"<!DOCTYPE html><html><body>Please log in</body></html>"
                    self._answer(200, page, "text/html; charset=utf-8")
                    return
                if proxy.before_forward is not None:
                    proxy.before_forward(method, self.path)
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("host", "content-length", "connection")
                }
                with httpx.Client(timeout=60) as h:
                    r = h.request(method, proxy.target + self.path, content=body, headers=headers)
                data = r.content
                if fault is not None and fault.kind == "lose_answer":
                    self._answer(502, b"bad gateway", "text/plain")
                    return
                if fault is not None and fault.kind == "strip_uid":
                    data = data.replace(f"UID:{fault.arg}\r\n".encode(), b"")
                    data = data.replace(f"UID:{fault.arg}\n".encode(), b"")
                if fault is not None and fault.kind == "truncate":
                    data = data[: len(data) // 2]
                if fault is not None and fault.kind == "empty" and r.status_code == 207:
                    data = b'<?xml version="1.0"?><multistatus xmlns="DAV:"></multistatus>'
                out_headers = {
                    k: v
                    for k, v in r.headers.items()
                    if k.lower() in ("etag", "content-type", "location", "dav")
                }
                self._answer(
                    r.status_code,
                    data,
                    r.headers.get("Content-Type", ""),
                    out_headers,
                    reason=r.reason_phrase,
                )

            def _answer(
                self,
                code: int,
                data: bytes,
                ctype: str,
                headers: dict[str, str] | None = None,
                reason: str | None = None,
            ) -> None:
                self.send_response(code, reason)
                for k, v in (headers or {}).items():
                    if k.lower() != "content-type":
                        self.send_header(k, v)
                if ctype:
                    self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_MKCOL = _handle
            do_OPTIONS = do_POST = _handle

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
