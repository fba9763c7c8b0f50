"""Accuracy of the duplicate finder on a generated address book with known duplicate groups
(benchmarks/duplicates_accuracy.py): the real scan over a real database, precision and
recall on groups and per kind of evidence and variation."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from netdesk.core.matching import DuplicateGroup

REPO_ROOT = Path(__file__).resolve().parents[3]


def _benchmark() -> ModuleType:
    path = REPO_ROOT / "benchmarks" / "duplicates_accuracy.py"
    spec = importlib.util.spec_from_file_location("duplicates_accuracy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("duplicates_accuracy", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", [7, 8])
def test_precision_and_recall_on_a_generated_address_book(services: Any, seed: int) -> None:
    bench = _benchmark()
    ts = bench.generate(250, seed)
    assert len(ts.contacts) >= 300
    assert set(ts.negatives.values()) == {"namesake", "colleague", "household member"}
    ids, _ = services.contacts.create_many(ts.contacts)
    index = {cid: n + 1 for n, cid in enumerate(ids)}  # database id -> contact index + 1
    groups = [
        DuplicateGroup(
            ids=tuple(sorted(index[i] for i in g.ids)),
            score=g.score,
            pairs=tuple(replace(m, a=index[m.a], b=index[m.b]) for m in g.pairs),
        )
        for g in services.duplicates.scan()
    ]
    scores = bench.evaluate(ts, groups)
    print(bench.table(scores))
    assert scores.get("groups: precision") >= 0.95
    assert scores.get("groups: recall") >= 0.90
    for label in ("namesakes left alone", "colleagues left alone", "household members left alone"):
        assert scores.get(label) >= 0.95, label
    for kind in ("email", "phone", "name", "company"):
        assert scores.get(f"precision, {kind} evidence") >= 0.95, kind
    for variation in ("exact", "swapped", "accents", "phone format", "email format", "email only"):
        assert scores.get(f"recall, {variation}") >= 0.9, variation
    # every proposed group says why, strongest first
    assert all(g.reasons and 50 <= g.score <= 100 for g in groups)
    assert [g.score for g in groups] == sorted((g.score for g in groups), reverse=True)


def test_the_evaluation_counts_a_wrong_group_as_wrong() -> None:
    bench = _benchmark()
    ts = bench.generate(60, 3)
    right = bench.scan_in_memory(ts)
    namesake = next(n + 1 for n, k in ts.negatives.items() if k == "namesake")
    wrong = [*right, DuplicateGroup(ids=(1, namesake), score=60, pairs=())]
    assert bench.evaluate(ts, wrong).get("groups: precision") < bench.evaluate(ts, right).get(
        "groups: precision"
    )


def test_the_scan_skips_only_pairs_that_cannot_be_proposed() -> None:
    """upper_bound (which lets the scan skip most compared pairs) is never below the score."""
    from netdesk.core.matching import compare, profile_of
    from netdesk.core.matching.scan import _blocks, candidate_pairs, shared_values
    from netdesk.core.matching.score import upper_bound

    ts = _benchmark().generate(600, 11)
    profiles = [profile_of(c, n + 1) for n, c in enumerate(ts.contacts)]
    blocks = _blocks(profiles)
    shared = shared_values(profiles, blocks)
    pairs = candidate_pairs(blocks)  # switchboard pairs too
    assert len(pairs) > 1000
    for i, j in pairs:
        a, b = profiles[i], profiles[j]
        assert upper_bound(a, b) >= compare(a, b, shared).score, (i, j)
        assert upper_bound(a, b) >= compare(a, b).score, (i, j)
