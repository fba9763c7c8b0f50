"""Import merging into existing contacts: seconds for the write transaction.

    uv run python benchmarks/merge_bench.py [--contacts 2000] [--repeat 3]

Imports ``--contacts`` one-email cards into an empty database, then, best of ``--repeat``,
applies a second file with the same people plus a home email and a mobile each (every card
merges into an existing contact), undoing it between repeats. Measures only ``apply`` (the
one write transaction): each merged contact is read, merged, written back with its version
checked (``UPDATE ... WHERE version = ?``) and read back for undo.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def card(i: int, extra: bool) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:Person {i}", f"N:{i};Person;;;"]
    lines.append(f"EMAIL:p{i}@work.example")
    if extra:
        lines += [f"EMAIL:p{i}@home.example", f"TEL;TYPE=CELL:+49 171 {1000000 + i}"]
    return "\r\n".join([*lines, "END:VCARD"]) + "\r\n"


def main() -> None:
    from netdesk.compose import build_services
    from netdesk.settings import SettingsStore

    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        first, second = d / "first.vcf", d / "second.vcf"
        first.write_text("".join(card(i, False) for i in range(args.contacts)), "utf-8")
        second.write_text("".join(card(i, True) for i in range(args.contacts)), "utf-8")
        services = build_services(d / "netdesk.db", SettingsStore(d / "config"))
        try:
            services.interchange.import_files([first])
            times = []
            for _ in range(args.repeat):
                plan = services.interchange.preview([second])
                start = time.perf_counter()
                report = services.interchange.apply(plan, "merge")
                times.append(time.perf_counter() - start)
                assert report.merged == args.contacts, report.merged
                assert report.undo is not None
                services.interchange.undo_import(report.undo)
        finally:
            services.close()
    best = min(times)
    print(
        f"{args.contacts:,} merges: best {best:.2f} s ({args.contacts / best:,.0f} merges/s); "
        f"all runs {', '.join(f'{t:.2f}' for t in times)} s"
    )


if __name__ == "__main__":
    main()
