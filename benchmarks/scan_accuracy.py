"""Business-card scanning: per-field accuracy and time per card, on cards designed in
tests/scancards.py (clean renders and photographed-style versions).

    uv run python benchmarks/scan_accuracy.py               # clean + photographed (2 photos/card)
    uv run python benchmarks/scan_accuracy.py --photos 4    # more photographed variants per card

Fields: name (given and family both right), title, company, email, phone (E.164). Time: the
first card includes loading the engine (cold); "warm" is the median of the others.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import scancards as sc  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from netdesk.scan import read_card  # noqa: E402

FIELDS = ("name", "title", "company", "email", "phone")


def run_set(label: str, jobs: list[tuple[sc.CardSpec, list[bytes]]], times: list[float]) -> None:
    hits = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for spec, images in jobs:
        t = time.perf_counter()
        result = read_card(images, region=spec.region)
        times.append(time.perf_counter() - t)
        for field, ok in sc.field_hits(spec, result.contact).items():
            hits[field] += ok
            if not ok:
                misses.append(f"{spec.key}:{field}")
    n = len(jobs)
    print(f"{label} ({n} cards): " + ", ".join(f"{f} {100 * hits[f] / n:.0f} %" for f in FIELDS))
    if misses:
        print(f"  missed: {', '.join(misses)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=2, help="photographed variants per card")
    args = parser.parse_args()
    _app = QGuiApplication([])
    times: list[float] = []
    clean = [(s, sc.card_images(s, photographed=False)) for s in sc.CARDS]
    run_set("clean", clean, times)
    photos = [
        (s, sc.card_images(s, photographed=True, seed=i + k * len(sc.CARDS)))
        for k in range(args.photos)
        for i, s in enumerate(sc.CARDS)
    ]
    run_set("photographed", photos, times)
    print(
        f"time per card: first (engine load included) {times[0]:.2f} s, "
        f"warm median {statistics.median(times[1:]):.2f} s, max {max(times[1:]):.2f} s "
        f"on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
