"""The referral network layout: deterministic, connected nodes near each other, no two nodes
on top of each other, fixed nodes stay, lonely nodes set apart, cancellable."""

from __future__ import annotations

import math

from netdesk.core.graph_layout import EDGE_LENGTH, force_layout


def test_a_chain_is_drawn_with_edges_near_the_ideal_length_and_no_overlaps() -> None:
    edges = [(i, i + 1) for i in range(19)]
    pos = force_layout(20, edges, iterations=80)
    lengths = [math.dist(pos[a], pos[b]) for a, b in edges]
    assert all(0.3 * EDGE_LENGTH < d < 4 * EDGE_LENGTH for d in lengths), lengths
    closest = min(math.dist(pos[i], pos[j]) for i in range(20) for j in range(i + 1, 20))
    assert closest > EDGE_LENGTH / 4
    # neighbours are closer than the ends of the chain
    assert math.dist(pos[0], pos[19]) > 3 * max(lengths)


def test_same_input_same_picture_and_the_seed_changes_it() -> None:
    edges = [(0, 1), (1, 2), (2, 0), (2, 3)]
    assert force_layout(4, edges) == force_layout(4, edges)
    assert force_layout(4, edges, seed=2) != force_layout(4, edges)


def test_fixed_node_stays_and_lonely_nodes_go_below() -> None:
    edges = [(0, 1), (0, 2), (0, 3)]
    pos = force_layout(6, edges, fixed={0: (0.0, 0.0)})
    assert pos[0] == (0.0, 0.0)
    bottom = max(y for _x, y in pos[:4])
    assert pos[4][1] > bottom and pos[5][1] > bottom  # nodes 4 and 5 have no edges


def test_bad_edges_are_ignored_and_tiny_graphs_work() -> None:
    assert force_layout(0, []) == []
    assert len(force_layout(1, [(0, 0), (0, 5), (-1, 0)])) == 1
    pos = force_layout(2, [(0, 1), (1, 0), (0, 1)])
    assert math.dist(pos[0], pos[1]) > 0


def test_cancel_stops_early_and_reports_progress() -> None:
    seen: list[int] = []
    pos = force_layout(
        50,
        [(i, (i * 7) % 50) for i in range(50)],
        should_cancel=lambda: len(seen) >= 3,
        progress=lambda done, total: seen.append(done),
    )
    assert seen == [1, 2, 3] and len(pos) == 50
