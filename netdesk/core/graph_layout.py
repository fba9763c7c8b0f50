"""Force-directed layout for the referral network, in plain Python (no numpy).

Fruchterman–Reingold with a grid: nodes repel only the nodes in their own and the eight
neighbouring cells (cells are two ideal edge lengths wide, beyond which the repulsion is
negligible), so one iteration costs O(nodes + edges) instead of O(nodes²). Each pair of
cells is visited once, with equal and opposite forces. A weak pull towards the centre keeps
separate components together; nodes without any edge are set out in rows below the drawing.
Deterministic for a given seed; cancellable between iterations.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence

#: the ideal distance between two connected nodes, in scene units
EDGE_LENGTH = 40.0
#: offsets of the 5×5 block of cells around a cell: the inner ring acts on each node, the
#: outer ring on the cell as a whole
_RING = (-2, -1, 0, 1, 2)


def force_layout(
    n: int,
    edges: Sequence[tuple[int, int]],
    *,
    iterations: int = 30,
    seed: int = 1,
    fixed: Mapping[int, tuple[float, float]] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[float, float]]:
    """Positions for nodes ``0..n-1`` joined by ``edges`` (pairs of node indices; loops and
    repeats are ignored). ``fixed`` nodes stay where they are put (the user at the centre)."""
    k = EDGE_LENGTH
    fixed = dict(fixed or {})
    adjacency: set[tuple[int, int]] = set()
    for a, b in edges:
        if a != b and 0 <= a < n and 0 <= b < n:
            adjacency.add((a, b) if a < b else (b, a))
    pairs = sorted(adjacency)
    degree = [0] * n
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1
    linked = [i for i in range(n) if degree[i] or i in fixed]
    lonely = [i for i in range(n) if not degree[i] and i not in fixed]

    rng = random.Random(seed)
    side = k * math.sqrt(max(len(linked), 1)) * 1.2
    xs = [0.0] * n
    ys = [0.0] * n
    for i in linked:
        if i in fixed:
            xs[i], ys[i] = fixed[i]
        else:
            xs[i] = rng.uniform(-side / 2, side / 2)
            ys[i] = rng.uniform(-side / 2, side / 2)
    movable = [i for i in linked if i not in fixed]

    cell = k
    k2 = k * k
    gravity = 0.02
    temperature = side / 8
    cooling = temperature / (iterations + 1)
    for step in range(iterations):
        if should_cancel is not None and should_cancel():
            break
        fx = [0.0] * n
        fy = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = {}
        for i in linked:
            grid.setdefault((int(xs[i] // cell), int(ys[i] // cell)), []).append(i)
        # each cell's mass and centre
        centre: dict[tuple[int, int], tuple[float, float, float]] = {}
        for key, members in grid.items():
            m = len(members)
            # the mass is kept premultiplied by k² (the repulsion constant)
            centre[key] = (
                sum(xs[i] for i in members) / m,
                sum(ys[i] for i in members) / m,
                m * k2,
            )
        for (cx, cy), members in grid.items():
            m = len(members)
            # exact repulsion inside the cell
            for p in range(m):
                i = members[p]
                xi, yi = xs[i], ys[i]
                for q in range(p + 1, m):
                    j = members[q]
                    dx = xi - xs[j]
                    dy = yi - ys[j]
                    d2 = dx * dx + dy * dy
                    if d2 < 0.01:
                        dx, dy, d2 = 0.1 * (p - q), 0.1, 0.01 * (1 + (p - q) ** 2)
                    f = k2 / d2
                    fx[i] += dx * f
                    fy[i] += dy * f
                    fx[j] -= dx * f
                    fy[j] -= dy * f
            # the cells around: each node is pushed by their centres (Barnes–Hut on a grid)
            gx, gy, _m = centre[(cx, cy)]
            sx = sy = 0.0
            near: list[tuple[float, float, float]] = []
            for ox in _RING:
                for oy in _RING:
                    if ox == 0 and oy == 0:
                        continue
                    c = centre.get((cx + ox, cy + oy))
                    if c is None:
                        continue
                    if -1 <= ox <= 1 and -1 <= oy <= 1:
                        near.append(c)
                    else:  # far ring: one force for the whole cell
                        dx = gx - c[0]
                        dy = gy - c[1]
                        f = c[2] / (dx * dx + dy * dy)
                        sx += dx * f
                        sy += dy * f
            for i in members:
                xi, yi = xs[i], ys[i]
                ax, ay = sx, sy
                for ux, uy, um in near:
                    dx = xi - ux
                    dy = yi - uy
                    d2 = dx * dx + dy * dy
                    if d2 < 0.01:
                        d2 = 0.01
                    f = um / d2
                    ax += dx * f
                    ay += dy * f
                fx[i] += ax
                fy[i] += ay
        for a, b in pairs:
            dx = xs[a] - xs[b]
            dy = ys[a] - ys[b]
            d = math.sqrt(dx * dx + dy * dy) or 0.01
            f = d / k  # d²/k along the unit vector
            fx[a] -= dx * f
            fy[a] -= dy * f
            fx[b] += dx * f
            fy[b] += dy * f
        t = temperature
        for i in movable:
            x, y = xs[i], ys[i]
            ddx = fx[i] - gravity * x * k / 10
            ddy = fy[i] - gravity * y * k / 10
            length = math.sqrt(ddx * ddx + ddy * ddy)
            if length > t:
                ddx *= t / length
                ddy *= t / length
            xs[i] = x + ddx
            ys[i] = y + ddy
        temperature = max(temperature - cooling, k / 20)
        if progress is not None:
            progress(step + 1, iterations)

    if lonely:
        top = max((ys[i] for i in linked), default=0.0) + 3 * k
        left = min((xs[i] for i in linked), default=0.0)
        width = max((xs[i] for i in linked), default=0.0) - left
        per_row = max(int(width // k) + 1, int(math.sqrt(len(lonely))) + 1)
        for n_, i in enumerate(lonely):
            row, col = divmod(n_, per_row)
            xs[i] = left + col * k
            ys[i] = top + row * k
    return list(zip(xs, ys, strict=True))
