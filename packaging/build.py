"""Build the double-click NetDesk for this OS with PyInstaller (packaging/netdesk.spec).

    uv run python packaging/build.py             # dist/NetDesk (dist/NetDesk.app on macOS)
    uv run python packaging/build.py --selftest --archive  # + self-test, + the download file

One folder, windowed. ``--archive`` packs what users download:
NetDesk-<version>-linux-<arch>.tar.gz, NetDesk-<version>-windows-<arch>.zip or
NetDesk-<version>-macos-<arch>.dmg (hdiutil). Prints the build time, the unpacked size and
the archive size.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "netdesk.spec"
RESOURCES = ROOT / "resources"


def version() -> str:
    text = (ROOT / "netdesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    assert match, "netdesk/__init__.py has no __version__"
    return match.group(1)


def os_name() -> str:
    return {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")


def app_path(dist: Path) -> Path:
    """What users get: the .app bundle on macOS, else the one folder."""
    return dist / "NetDesk.app" if sys.platform == "darwin" else dist / "NetDesk"


def executable(dist: Path) -> Path:
    """The program to run for the command line and ``--selftest``."""
    if sys.platform == "darwin":
        return dist / "NetDesk.app" / "Contents" / "MacOS" / "NetDesk"
    if sys.platform == "win32":
        return dist / "NetDesk" / "netdesk-cli.exe"  # the console twin of NetDesk.exe
    return dist / "NetDesk" / "NetDesk"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(dist: Path, work: Path) -> None:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    cmd += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(cmd, check=True, cwd=ROOT)


def add_linux_files(folder: Path) -> None:
    """The desktop entry, its icon and a per-user installer beside the program."""
    shutil.copy2(RESOURCES / "netdesk.desktop", folder / "netdesk.desktop")
    shutil.copy2(RESOURCES / "netdesk.png", folder / "netdesk.png")
    target = folder / "install.sh"
    shutil.copy2(ROOT / "packaging" / "linux-install.sh", target)
    target.chmod(0o755)


def make_archive(dist: Path) -> Path:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    stem = f"NetDesk-{version()}-{os_name()}-{machine}"
    if sys.platform == "darwin":
        out = dist / f"{stem}.dmg"
        out.unlink(missing_ok=True)
        subprocess.run(
            ["hdiutil", "create", "-volname", "NetDesk", "-srcfolder", str(app_path(dist)),
             "-ov", "-format", "UDZO", str(out)],
            check=True,
        )  # fmt: skip
    elif sys.platform == "win32":
        out = dist / f"{stem}.zip"
        folder = app_path(dist)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.rglob("*")):
                zf.write(path, Path("NetDesk") / path.relative_to(folder))
    else:
        out = dist / f"{stem}.tar.gz"
        with tarfile.open(out, "w:gz", compresslevel=6) as tf:
            tf.add(app_path(dist), arcname="NetDesk")
    return out


def run_selftest(dist: Path) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM") or "offscreen")
    return subprocess.run([str(executable(dist)), "--selftest"], env=env).returncode


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the double-click NetDesk for this OS.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's cache")
    parser.add_argument("--selftest", action="store_true", help="run the bundle's --selftest")
    parser.add_argument("--archive", action="store_true", help="pack the download file")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()

    started = time.perf_counter()
    run_pyinstaller(dist, work)
    if sys.platform.startswith("linux"):
        add_linux_files(app_path(dist))
    built = time.perf_counter() - started
    print(f"build: {app_path(dist)} in {built:.0f} s, {mb(folder_size(app_path(dist)))} unpacked")
    if args.selftest:
        code = run_selftest(dist)
        if code != 0:
            print(f"build: the bundle's --selftest failed (exit code {code})", file=sys.stderr)
            return code
    if args.archive:
        out = make_archive(dist)
        print(f"build: {out} ({mb(out.stat().st_size)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
