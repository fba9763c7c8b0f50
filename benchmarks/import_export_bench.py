"""vCard import and export speed, memory, and GUI responsiveness.

    uv run python benchmarks/import_export_bench.py [--sizes 10000 50000] [--gui-cards 10000]

For each size, a vCard 3.0 file is generated from the demo-data generator (every tenth contact
with a 40x40 PNG photo of about 5 KB; a phone number already given to an earlier contact is
left out, so that distinct people do not share numbers). Then, each in its own process and in
the same run:

* vobject's bare parse of the file (``vobject.readComponents`` over the decoded text, one
  process) - the baseline;
* the whole NetDesk import into an empty database (decode, parse in parallel, map, classify,
  write in one transaction, index) through the interchange service, with its peak memory
  (``ru_maxrss`` of the importing process, and of the largest reader worker);
* export of every contact to one vCard 3.0 file.

Finally the import of ``--gui-cards`` cards runs through the real database worker while a
QTimer ticks every 10 ms on the GUI thread; the largest gap between ticks is the longest the
event loop stalled.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import replace
from pathlib import Path


def _png(width: int, height: int, seed: int) -> bytes:
    rnd = random.Random(seed)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = b"".join(
        b"\x00" + bytes(rnd.randrange(256) for _ in range(3 * width)) for _ in range(height)
    )
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def generate(path: Path, count: int) -> dict[str, float]:
    from netdesk.core.model import Photo
    from netdesk.core.text import digits
    from netdesk.services import demodata
    from netdesk.vcard import write_vcards

    seen: set[str] = set()
    photos = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        batch = []
        for n, c in enumerate(demodata.generate_contacts(count, seed=7)):
            phones = []
            for p in c.phones:
                key = digits(p.value)[-9:]
                if key not in seen:
                    seen.add(key)
                    phones.append(p)
            c = replace(c, phones=tuple(phones))
            if n % 10 == 0:
                c = replace(c, photo=Photo(_png(40, 40, n), "image/png"))
                photos += 1
            batch.append(c)
            if len(batch) == 1000:
                fh.write(write_vcards(batch))
                batch = []
        fh.write(write_vcards(batch))
    return {"bytes": path.stat().st_size, "photos": photos}


# --------------------------------------------------------------------------- children


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def child_vobject(path: Path) -> dict[str, float]:
    import vobject

    start = time.perf_counter()
    text = path.read_bytes().decode("utf-8")
    n = 0
    for _card in vobject.readComponents(text):
        n += 1
    return {"seconds": time.perf_counter() - start, "cards": n, "peak_mb": _peak_mb()[0]}


def _open_services(home: Path) -> object:
    from netdesk.services.container import Services
    from netdesk.settings import SettingsStore

    return Services.open(home / "netdesk.db", SettingsStore(home / "config"))


def child_import(path: Path, home: Path) -> dict[str, object]:
    services = _open_services(home)
    start = time.perf_counter()
    report = services.interchange.import_files([path])  # type: ignore[attr-defined]
    seconds = time.perf_counter() - start
    # ru_maxrss of the reader workers is not reported: a spawned child's maximum includes the
    # parent's pages between fork and exec. Each worker holds one batch of cards at a time.
    own, _workers = _peak_mb()
    services.close()  # type: ignore[attr-defined]
    return {"seconds": seconds, "account": report.as_json(), "peak_mb": own}


def child_export(home: Path, out: Path) -> dict[str, float]:
    services = _open_services(home)
    svc = services.interchange  # type: ignore[attr-defined]
    start = time.perf_counter()
    ids = svc.export_ids()
    n = svc.export_to_file(out, ids, "3.0")
    seconds = time.perf_counter() - start
    services.close()  # type: ignore[attr-defined]
    return {"seconds": seconds, "cards": n, "peak_mb": _peak_mb()[0], "bytes": out.stat().st_size}


def child_gui(path: Path, home: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from netdesk.ui.common.worker import DbWorker, TaskControl

    app = QApplication.instance() or QApplication([])
    services = _open_services(home)
    worker = DbWorker()
    clock = QElapsedTimer()
    clock.start()
    state = {"last": 0, "max_gap": 0, "ticks": 0, "progress": 0}

    stage = ["", ""]  # the last progress text, and the one when the longest gap ended

    def tick() -> None:
        now = clock.elapsed()
        if now - state["last"] > state["max_gap"]:
            state["max_gap"] = now - state["last"]
            stage[1] = stage[0]
        state["last"] = now
        state["ticks"] += 1

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()

    svc = services.interchange  # type: ignore[attr-defined]
    result: dict[str, object] = {}

    def progress(done: int, total: int, text: str) -> None:
        state["progress"] += 1
        stage[0] = f"{text} {done}/{total}"

    def failed(_err: object, tb: str) -> None:
        result["error"] = tb
        app.quit()

    # The same two tasks as File > Import: read (preview) -> the plan comes back to the GUI
    # thread, which keeps it (as the preview dialog does) -> write (apply) -> the account.
    def preview(control: TaskControl) -> object:
        return svc.preview(
            [path],
            progress=lambda stage, done, total: control.report(done, total, stage),
            should_cancel=lambda: control.cancelled,
        )

    def apply(plan: object) -> None:
        result["plan"] = plan

        def work(control: TaskControl) -> object:
            return svc.apply(
                plan,
                progress=lambda stage, done, total: control.report(done, total, stage),
                should_cancel=lambda: control.cancelled,
            )

        worker.submit(work, on_success=finished, on_error=failed, on_progress=progress)

    def finished(report: object) -> None:
        result["report"] = report
        app.quit()

    start = 0.0

    def begin() -> None:
        nonlocal start
        start = time.perf_counter()
        state["max_gap"] = state["ticks"] = 0
        state["last"] = clock.elapsed()
        worker.submit(preview, on_success=apply, on_error=failed, on_progress=progress)

    QTimer.singleShot(300, begin)  # let the event loop settle before measuring
    state["last"] = clock.elapsed()
    app.exec()
    seconds = time.perf_counter() - start
    timer.stop()
    worker.shutdown()
    services.close()  # type: ignore[attr-defined]
    if "error" in result:
        raise RuntimeError(str(result["error"]))
    return {
        "seconds": seconds,
        "max_gap_after": stage[1],  # type: ignore[dict-item]
        "max_gap_ms": float(state["max_gap"]),
        "ticks": float(state["ticks"]),
        "progress_signals": float(state["progress"]),
    }


def run_child(*args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 50000])
    parser.add_argument("--gui-cards", type=int, default=10000, help="0 to skip the GUI check")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "vobject":
            print(json.dumps(child_vobject(Path(rest[0]))))
        elif kind == "import":
            print(json.dumps(child_import(Path(rest[0]), Path(rest[1]))))
        elif kind == "export":
            print(json.dumps(child_export(Path(rest[0]), Path(rest[1]))))
        elif kind == "gui":
            print(json.dumps(child_gui(Path(rest[0]), Path(rest[1]))), flush=True)
            # Skip interpreter teardown: destroying Qt objects at exit is not what we measure.
            os._exit(0)
        return

    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="netdesk-bench-") as tmp:
        root = Path(tmp)
        for size in args.sizes:
            path = root / f"cards-{size}.vcf"
            t0 = time.perf_counter()
            info = generate(path, size)
            print(
                f"\n{size:,} cards: {info['bytes'] / 1e6:.1f} MB, {int(info['photos']):,} photos "
                f"(generated in {time.perf_counter() - t0:.1f} s)"
            )
            base = run_child("vobject", str(path))
            home = root / f"home-{size}"
            home.mkdir()
            imp = run_child("import", str(path), str(home))
            account = imp["account"]
            assert isinstance(account, dict)
            ratio = float(imp["seconds"]) / float(base["seconds"])  # type: ignore[arg-type]
            print(
                f"  vobject bare parse (1 process): {base['seconds']:.2f} s "
                f"({size / float(base['seconds']):,.0f} cards/s), peak {base['peak_mb']:.0f} MB"  # type: ignore[arg-type]
            )
            print(
                f"  NetDesk import (everything):   {imp['seconds']:.2f} s "
                f"({size / float(imp['seconds']):,.0f} cards/s), "  # type: ignore[arg-type]
                f"peak {imp['peak_mb']:.0f} MB (importing process); ratio to vobject {ratio:.2f}"
            )
            print(
                f"  account: {account['cards']} cards, {account['imported']} imported, "
                f"{account['merged']} merged, {account['skipped']} skipped, "
                f"{len(account['unreadable'])} unreadable"
            )
            exp = run_child("export", str(home), str(root / f"export-{size}.vcf"))
            print(
                f"  export of {int(exp['cards']):,} contacts (vCard 3.0): {exp['seconds']:.2f} s "  # type: ignore[call-overload]
                f"({float(exp['cards']) / float(exp['seconds']):,.0f} cards/s), "  # type: ignore[arg-type]
                f"peak {exp['peak_mb']:.0f} MB"
            )
        if args.gui_cards:
            path = root / f"gui-{args.gui_cards}.vcf"
            generate(path, args.gui_cards)
            home = root / "home-gui"
            home.mkdir()
            gui = run_child("gui", str(path), str(home))
            print(
                f"\nGUI: import of {args.gui_cards:,} cards on the DB worker took "
                f"{gui['seconds']:.2f} s; longest gap between 10 ms timer ticks on the GUI "
                f"thread: {gui['max_gap_ms']:.0f} ms ({int(gui['ticks']):,} ticks, "  # type: ignore[call-overload]
                f"{int(gui['progress_signals'])} progress signals; longest gap after "  # type: ignore[call-overload]
                f"{gui['max_gap_after'] or 'the start'!r})"
            )


if __name__ == "__main__":
    main()
