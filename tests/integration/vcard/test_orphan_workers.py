"""``kill -9`` of an import leaves no worker process behind: the vCard reader's worker
processes watch their parent and end with it (netdesk.vcard.orphans)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)"),
]

CARDS = 12_000  # well above the parallel threshold, and seconds of parsing on 2 cores


def _big_vcf(path: Path) -> None:
    path.write_text(
        "".join(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:Waise;Karl{i};;;\r\nFN:Karl{i} Waise\r\nORG:Orphan GmbH\r\n"
            f"EMAIL;TYPE=WORK:karl{i}@example.com\r\nTEL;TYPE=CELL:+49 171 {i:07d}\r\n"
            "NOTE:A worker must not outlive the import that started it.\r\nEND:VCARD\r\n"
            for i in range(CARDS)
        ),
        encoding="utf-8",
    )


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, state) of a process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), fields[0]


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))) is not None:
            parents[int(entry.name)] = st[0]
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[1] not in ("Z", "X")  # a zombie has ended already


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_no_worker_survives_a_kill_of_the_importing_process(tmp_path: Path) -> None:
    vcf = tmp_path / "big.vcf"
    _big_vcf(vcf)
    env = dict(os.environ, NETDESK_HOME=str(tmp_path / "home"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "netdesk", "--db", str(tmp_path / "n.db"), "import", str(vcf)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            children = _descendants(proc.pid)
            workers = [p for p in children if "multiprocessing" in _cmdline(p)]
            if len(workers) >= 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the import ended before its workers could be seen"
        assert len([p for p in children if "multiprocessing" in _cmdline(p)]) >= 2, children
        time.sleep(0.5)  # mid-import: the workers are parsing
        children = _descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(p) for p in children):
            time.sleep(0.05)
        survivors = {p: _cmdline(p) for p in children if _alive(p)}
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for pid in children:  # never leave them behind, even when the test fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        assert proc.stderr is not None
        proc.stderr.close()
    assert survivors == {}
