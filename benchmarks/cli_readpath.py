"""Wall time of the CLI read verbs on a 10,000-contact database, from a compiled environment.

    uv run python benchmarks/cli_readpath.py               # 15 runs of each command
    uv run python benchmarks/cli_readpath.py --runs 30 --contacts 10000 --interactions 30000

Builds (once) ``benchmarks/data/cli-<contacts>.db`` with ``netdesk demo --contacts N
--interactions M`` (seed 2026), compiles the bytecode of the virtual environment and of the
``netdesk`` package (this machine sets PYTHONDONTWRITEBYTECODE=1, and an editable install's
own modules are otherwise compiled again at every start), then times each command as a fresh
process (``.venv/bin/netdesk``, output to a pipe that is read and thrown away): one warm-up
run, then the median, min and max wall time of ``--runs`` runs, and the median CPU time
(user + system: what the command costs, whatever else the machine is doing). The ``--json``
variants are timed too.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
TODAY = "2026-11-22"


def netdesk_exe() -> Path:
    for candidate in (ROOT / ".venv" / "bin" / "netdesk", ROOT / ".venv" / "Scripts" / "netdesk"):
        if candidate.exists():
            return candidate
    raise SystemExit("no .venv/bin/netdesk: run `uv sync` first")


def compile_environment() -> None:
    """Bytecode for the venv (uv sync --compile-bytecode does the same) and for netdesk/."""
    venv = ROOT / ".venv"
    for site in venv.glob("lib/python*/site-packages"):
        compileall.compile_dir(site, quiet=1, workers=2)
    compileall.compile_dir(ROOT / "netdesk", quiet=1, workers=2)


def build_db(exe: Path, contacts: int, interactions: int) -> Path:
    db = DATA / f"cli-{contacts}-{interactions}.db"
    if db.exists():
        return db
    DATA.mkdir(parents=True, exist_ok=True)
    DATA.chmod(0o700)
    print(f"building {db.name} ({contacts:,} contacts, {interactions:,} interactions) ...")
    subprocess.run(
        [
            str(exe),
            "--db",
            str(db),
            "demo",
            "--contacts",
            str(contacts),
            "--interactions",
            str(interactions),
        ],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    return db


def time_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--contacts", type=int, default=10_000)
    ap.add_argument("--interactions", type=int, default=30_000)
    ap.add_argument("--no-compile", action="store_true", help="time the environment as it is")
    ap.add_argument(
        "--realtime",
        action="store_true",
        help="Linux, root: run each command under `chrt -f 10` (real-time scheduling), which "
        "approximates an idle machine when other work keeps the cores busy",
    )
    args = ap.parse_args()

    exe = netdesk_exe()
    env = dict(os.environ)
    env["NETDESK_HOME"] = str(DATA / "home")  # settings of this benchmark, not the user's
    if not args.no_compile:
        compile_environment()
    db = build_db(exe, args.contacts, args.interactions)
    prefix = ["chrt", "-f", "10"] if args.realtime else []
    base = [*prefix, str(exe), "--db", str(db)]
    commands = {
        "list": [*base, "list"],
        "list --search 'mül'": [*base, "list", "--search", "mül"],
        "list --search 'a'": [*base, "list", "--search", "a"],
        "list --search '+49 171'": [*base, "list", "--search", "+49 171"],
        f"due --today {TODAY}": [*base, "due", "--today", TODAY],
        "list --json": [*base, "list", "--json"],
        f"due --json --today {TODAY}": [*base, "due", "--json", "--today", TODAY],
        "--version": [*prefix, str(exe), "--version"],
    }
    print(
        f"{sys.version.split()[0]}, {db.name}, {args.runs} runs each (after one warm-up)"
        + (", real-time scheduling" if args.realtime else "")
    )
    print(f"load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'command':<34} {'median':>8} {'min':>8} {'max':>8}  {'CPU median':>10}")
    for label, cmd in commands.items():
        time_once(cmd, env)
        runs = [time_once(cmd, env) for _ in range(args.runs)]
        wall = [w for w, _ in runs]
        cpu = statistics.median(c for _, c in runs)
        print(
            f"{label:<34} {statistics.median(wall):7.3f}s {min(wall):7.3f}s {max(wall):7.3f}s"
            f"  {cpu:9.3f}s"
        )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
