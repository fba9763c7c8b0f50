"""One window per database, decided by a lock file: two launches at the same moment give
exactly one window; what a crashed NetDesk left in the temp folder is removed at the next
start. Real processes, as a user's launches are."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netdesk.ui.shell.single_instance import LOCK_SUFFIX, SingleInstance, remove_stale, runtime_dir

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="Unix sockets and SIGKILL"),
]

TRIALS = 6
LAUNCHES = 3  # per trial, all at the same moment

_LAUNCH = """
import sys, time
import PySide6.QtWidgets, sqlalchemy.orm  # loaded before the start line: the launches coincide
from netdesk.app import main

start_at = float(sys.argv[2])
while time.time() < start_at - 0.05:
    time.sleep(0.005)
while time.time() < start_at:  # spin the last moment: the launches start within microseconds
    pass
sys.exit(main(["--db", sys.argv[1]]))
"""


def _env(home: Path) -> dict[str, str]:
    return dict(
        os.environ, QT_QPA_PLATFORM="offscreen", NETDESK_HOME=str(home), NETDESK_REPORT_STARTUP="1"
    )


def test_two_launches_at_the_same_moment_open_one_window(
    qapp: object, tmp_path: Path, template_db: Path, netdesk_home: Path
) -> None:
    windows: list[int] = []
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}.db"
        db.write_bytes(template_db.read_bytes())
        start_at = time.time() + 3
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _LAUNCH, str(db), str(start_at)],
                env=_env(netdesk_home),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(LAUNCHES)
        ]
        outputs = []
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
            outputs.append(out)
        windows.append(sum("startup: ready" in out for out in outputs))
        # the one that did not open a window did not even show the opening frame
        assert sum("first window painted" in out for out in outputs) == windows[-1]
    assert windows == [1] * TRIALS


_CRASH = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from netdesk.ui.shell.single_instance import SingleInstance

app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
assert instance.listen()
print(instance.name, flush=True)
sys.stdin.readline()
"""


def _start_instance(db: Path, home: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _CRASH, str(db)],
        env=_env(home),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def test_what_a_crashed_netdesk_left_is_removed_at_the_next_start(
    qapp: object, tmp_path: Path, template_db: Path, netdesk_home: Path
) -> None:
    folder = runtime_dir()
    crashed, crashed_name = _start_instance(tmp_path / "crashed.db", netdesk_home)
    running, running_name = _start_instance(tmp_path / "running.db", netdesk_home)
    try:
        os.kill(crashed.pid, signal.SIGKILL)
        crashed.wait()
        left = [folder / crashed_name, folder / f"{crashed_name}{LOCK_SUFFIX}"]
        assert all(p.exists() for p in left)  # a crash leaves its socket and lock file
        # the next start (another database): the window opens and cleans up
        db = tmp_path / "next.db"
        db.write_bytes(template_db.read_bytes())
        proc = subprocess.run(
            [sys.executable, "-c", _LAUNCH, str(db), "0"],
            env=_env(netdesk_home),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert "startup: ready" in proc.stdout
        assert not any(p.exists() for p in left)
        # a NetDesk still running keeps its socket, its lock and its place
        assert (folder / running_name).exists()
        assert (folder / f"{running_name}{LOCK_SUFFIX}").exists()
        assert not SingleInstance(tmp_path / "running.db").listen()
        assert running_name not in remove_stale()
    finally:
        for p in (crashed, running):
            if p.poll() is None:
                p.kill()
            p.wait()
            for stream in (p.stdin, p.stdout):
                if stream is not None:
                    stream.close()
        remove_stale()
