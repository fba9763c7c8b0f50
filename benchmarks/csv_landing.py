"""Share of emails, phones, names, organisations and addresses that land in their own fields
when NetDesk reads one file per exporter (tests/data/csv/formats, written by make_formats.py
in each exporter's format); then every one of those files imported into one empty database
(the same three people in each): how many records were merged, how many values the merges
kept and how many differing values went into the notes. Run:
``uv run python benchmarks/csv_landing.py``."""

from __future__ import annotations

import sys
from pathlib import Path

FORMATS = Path(__file__).resolve().parents[1] / "tests" / "data" / "csv" / "formats"
sys.path.insert(0, str(FORMATS))

from landing import KINDS, expected, score  # noqa: E402


def main() -> None:
    totals = {k: [0, 0] for k in KINDS}
    print(f"{'file':<24}" + "".join(f"{k:>15}" for k in KINDS))
    for name in expected():
        s = score(name)
        cells = []
        for k in KINDS:
            got, want = s[k]
            totals[k][0] += got
            totals[k][1] += want
            cells.append(f"{got}/{want} {100 * got / want:5.1f}%" if want else "-")
        print(f"{name:<24}" + "".join(f"{c:>15}" for c in cells))
    print(
        f"{'all':<24}"
        + "".join(f"{100 * g / w:14.1f}%" if w else f"{'-':>15}" for g, w in totals.values())
    )


def merges() -> None:
    import tempfile
    from dataclasses import replace

    from netdesk.compose import build_services
    from netdesk.settings import SettingsStore

    files = [FORMATS / name for name in expected()]
    with tempfile.TemporaryDirectory() as home:
        services = build_services(Path(home) / "netdesk.db", SettingsStore(Path(home) / "config"))
        services.set_preferences(replace(services.preferences, default_region="DE"))
        try:
            report = services.interchange.import_files(files)
            contacts = services.contacts.count()
        finally:
            services.close()
    print(
        f"\nall {len(files)} files into one empty database: {report.summary()}; "
        f"{contacts} contacts; values kept by merges: {report.values_kept}; "
        f"differing values kept in notes: {len(report.conflicts)} "
        f"({', '.join(sorted({c.field for c in report.conflicts}))})"
    )


if __name__ == "__main__":
    main()
    merges()
