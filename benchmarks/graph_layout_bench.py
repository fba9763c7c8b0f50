"""Referral network layout: 2,000 contacts joined by 3,000 introductions (a referral forest
plus cross links, as real networks look), laid out by netdesk.core.graph_layout.

    uv run python benchmarks/graph_layout_bench.py [--nodes 2000] [--edges 3000] [--runs 3]

Prints the best and median of the runs and a quality figure: the mean length of an edge
relative to the ideal length (near 1 is good) and the share of node pairs closer than a
quarter of the ideal length (overlaps; near 0 is good).
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time

from netdesk.core.graph_layout import EDGE_LENGTH, force_layout


def referral_edges(n: int, m: int, seed: int = 7) -> list[tuple[int, int]]:
    """A forest (each contact introduced by an earlier one, some met directly) plus random
    introductions between existing contacts until there are ``m`` distinct edges."""
    rng = random.Random(seed)
    edges: set[tuple[int, int]] = set()
    for i in range(1, n):
        if rng.random() < 0.9:
            j = rng.randrange(max(0, i - 300), i)
            edges.add((j, i))
    while len(edges) < m:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            edges.add((min(a, b), max(a, b)))
    return sorted(edges)[:m] if len(edges) > m else sorted(edges)


def quality(pos: list[tuple[float, float]], edges: list[tuple[int, int]]) -> tuple[float, float]:
    lengths = [math.dist(pos[a], pos[b]) / EDGE_LENGTH for a, b in edges]
    cell = EDGE_LENGTH
    grid: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(pos):
        grid.setdefault((int(x // cell), int(y // cell)), []).append(i)
    close = 0
    for (cx, cy), members in grid.items():
        for ox in (-1, 0, 1):
            for oy in (-1, 0, 1):
                for i in members:
                    for j in grid.get((cx + ox, cy + oy), ()):
                        if i < j and math.dist(pos[i], pos[j]) < EDGE_LENGTH / 4:
                            close += 1
    return statistics.mean(lengths), close / len(pos)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    edges = referral_edges(args.nodes, args.edges)
    times = []
    pos: list[tuple[float, float]] = []
    for _ in range(args.runs):
        start = time.perf_counter()
        pos = force_layout(args.nodes, edges)
        times.append(time.perf_counter() - start)
    mean_edge, overlaps = quality(pos, edges)
    print(
        f"{args.nodes:,} nodes, {len(edges):,} edges: best {min(times):.2f} s, "
        f"median {statistics.median(times):.2f} s over {args.runs} runs; "
        f"mean edge {mean_edge:.2f}× ideal, {overlaps:.3f} overlapping pairs per node"
    )


if __name__ == "__main__":
    main()
