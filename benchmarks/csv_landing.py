"""Share of emails, phones, names, organisations and addresses that land in their own fields
when NetDesk reads one file per exporter (tests/data/csv/formats, written by make_formats.py
in each exporter's format). Run: ``uv run python benchmarks/csv_landing.py``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "data" / "csv" / "formats"))

from landing import KINDS, expected, score


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


if __name__ == "__main__":
    main()
