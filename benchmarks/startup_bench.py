"""Start to first window: the frozen app beside the same start from source; bundle size and
build time.

    uv run python benchmarks/startup_bench.py            # from source, and dist/NetDesk if built
    uv run python benchmarks/startup_bench.py --build    # build a fresh bundle first (≈ 2 min)
    uv run python benchmarks/startup_bench.py --cold     # every start after emptying the file cache

Each start runs ``netdesk`` with ``NETDESK_REPORT_STARTUP=1`` and ``QT_QPA_PLATFORM=offscreen``
on a database of ``--contacts`` demo contacts: the app prints the moment its main window
first painted and quits. Start-up = that moment minus the moment just before the process
was launched (so it includes loading Python and Qt). The first start of each kind is shown on
its own (coldest file cache this script can get without root), then the median of the rest.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

import build as packaging_build  # noqa: E402  (packaging/build.py)

PAINTED = re.compile(r"first window painted at ([0-9.]+) \(.*?([0-9.]+) s CPU\)")
READY = re.compile(r"ready at ([0-9.]+) \(.*?([0-9.]+) s CPU\)")


COLD = False  # --cold: empty the OS file cache before every start (needs root, Linux)


def drop_file_cache() -> None:
    """As after a reboot: nothing of Python, Qt or NetDesk is in memory."""
    os.sync()
    try:
        with open("/proc/sys/vm/drop_caches", "w") as fh:
            fh.write("3\n")
    except OSError as err:
        raise SystemExit(f"--cold needs root on Linux (writing drop_caches: {err})") from err


def start_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds from launch to the first window painted and to the views painted over the open
    database ("ready"), and the CPU seconds the process had used by then."""
    if COLD:
        drop_file_cache()
    t0 = time.time()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    painted = PAINTED.search(proc.stdout)
    ready = READY.search(proc.stdout)
    if proc.returncode != 0 or not painted or not ready:
        raise SystemExit(f"{cmd[0]} did not report its first window:\n{proc.stdout}{proc.stderr}")
    return float(painted.group(1)) - t0, float(ready.group(1)) - t0, float(ready.group(2))


def measure(label: str, cmd: list[str], env: dict[str, str], runs: int) -> None:
    starts = [start_once(cmd, env) for _ in range(runs)]
    rest = starts[1:] or starts
    for n, what in ((0, "first window"), (1, "ready")):
        print(
            f"{label:<34} {what:<13} first {starts[0][n]:6.3f} s   "
            f"median {statistics.median(s[n] for s in rest):6.3f} s   "
            f"min {min(s[n] for s in rest):6.3f} s   ({runs} starts)"
        )
    print(f"{label:<34} CPU by ready  median {statistics.median(s[2] for s in rest):6.3f} s")


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="build a fresh bundle first")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty the OS file cache before every start, as after a reboot (root, Linux)",
    )
    args = parser.parse_args()
    global COLD
    COLD = args.cold
    dist = args.dist.resolve()

    if args.build:
        with tempfile.TemporaryDirectory(prefix="netdesk-build-") as work:
            t0 = time.perf_counter()
            packaging_build.run_pyinstaller(dist, Path(work))
            if sys.platform.startswith("linux"):
                packaging_build.add_linux_files(packaging_build.app_path(dist))
            print(f"build time (PyInstaller, clean)  {time.perf_counter() - t0:.0f} s")
    frozen = packaging_build.executable(dist)
    if frozen.exists():
        folder = packaging_build.app_path(dist)
        print(f"bundle unpacked                   {mb(packaging_build.folder_size(folder))}")
        if sys.platform.startswith("linux"):
            with tempfile.TemporaryDirectory() as tmp:
                archive = Path(tmp) / "NetDesk.tar.gz"
                with tarfile.open(archive, "w:gz", compresslevel=6) as tf:
                    tf.add(folder, arcname="NetDesk")
                print(f"bundle as tar.gz                  {mb(archive.stat().st_size)}")

    with tempfile.TemporaryDirectory(prefix="netdesk-startup-") as home:
        env = dict(os.environ, NETDESK_HOME=home, QT_QPA_PLATFORM="offscreen")
        env.setdefault("LANG", "C.UTF-8")
        subprocess.run(
            [sys.executable, "-m", "netdesk", "demo", "--contacts", str(args.contacts)],
            env=env,
            check=True,
            capture_output=True,
        )
        print(f"database                          {args.contacts} demo contacts")
        report = dict(env, NETDESK_REPORT_STARTUP="1")
        source = [sys.executable, "-m", "netdesk"]
        measure("from source (python -m netdesk)", source, report, args.runs)
        if "PYTHONDONTWRITEBYTECODE" in report:
            # this environment keeps Python from caching NetDesk's own bytecode
            cached = {k: v for k, v in report.items() if k != "PYTHONDONTWRITEBYTECODE"}
            start_once(source, cached)  # writes netdesk/__pycache__
            measure("from source, bytecode cached", source, cached, args.runs)
        if frozen.exists():
            measure("frozen (PyInstaller one-folder)", [str(frozen)], report, args.runs)
        else:
            print(f"no bundle at {frozen}: build it with `uv run python packaging/build.py`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
