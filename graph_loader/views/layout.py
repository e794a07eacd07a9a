"""Where each actor is drawn: a seeded spring layout per component, packed and spread."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import networkx as nx

LAYOUT_SEED = 7

#: Components with at least this many nodes get :func:`_equalise_density` after the
#: spring layout.
EQUALISE_MIN = 12


def _equalise_density(pos: Mapping[Any, Any]) -> dict[Any, tuple[float, float]]:
    """Spread a hub-and-spoke layout evenly: keep each node's angle around the centre,
    replace its distance by the square root of its distance rank.

    A spring layout of a network with a dense core and long chains squeezes the core
    into a small blob; after this, nodes are spread uniformly over a disc (the radius
    rank is preserved, so the core stays in the middle and chains stay outside).
    """
    nodes = sorted(pos, key=str)
    xs = sorted(float(pos[v][0]) for v in nodes)
    ys = sorted(float(pos[v][1]) for v in nodes)
    cx, cy = xs[len(xs) // 2], ys[len(ys) // 2]
    polar = []
    for v in nodes:
        dx, dy = float(pos[v][0]) - cx, float(pos[v][1]) - cy
        polar.append((math.hypot(dx, dy), math.atan2(dy, dx), str(v), v))
    polar.sort()
    n = len(polar)
    out = {}
    for rank, (_, theta, _, v) in enumerate(polar):
        r = math.sqrt((rank + 0.5) / n)
        out[v] = (r * math.cos(theta), r * math.sin(theta))
    return out


def _component_layout(
    C: nx.Graph, seed: int, initial: Mapping[Any, tuple[float, float]] | None
) -> dict[Any, tuple[float, float]]:
    """Unit-scale positions of one connected component, centred on 0."""
    n = C.number_of_nodes()
    nodes = sorted(C.nodes, key=str)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-0.5, 0.0), nodes[1]: (0.5, 0.0)}
    pos0 = None
    if initial:
        pos0 = {v: initial[v] for v in nodes if v in initial} or None
    pos = nx.spring_layout(
        C, pos=pos0, seed=seed, k=1.3 / math.sqrt(n), iterations=60 if pos0 else 120
    )
    if n >= EQUALISE_MIN:
        pos = _equalise_density(pos)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return {v: ((x - cx) / span, (y - cy) / span) for v, (x, y) in pos.items()}


def compute_layout(
    G: nx.Graph,
    seed: int = LAYOUT_SEED,
    initial: Mapping[Any, tuple[float, float]] | None = None,
    spacing: float = 120.0,
) -> dict[Any, tuple[float, float]]:
    """Deterministic pixel positions for the nodes of ``G``.

    Each connected component gets its own spring layout (fixed seed), sized by the
    square root of its node count; the components are then packed in rows, largest
    first, so that small components do not push the main one into a corner.

    Parameters
    ----------
    G : networkx.Graph
        Any graph (treated as undirected and simple).
    seed : int, optional
        Random seed of the layout.
    initial : mapping, optional
        Starting positions (pixels) for some nodes, e.g. from the full network, so
        that sub-views keep a familiar shape.
    spacing : float, optional
        Roughly the distance between neighbouring nodes, in pixels.

    Returns
    -------
    dict
        Node to ``(x, y)`` in pixels.
    """
    if G.number_of_nodes() == 0:
        return {}
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(H)),
        key=lambda c: (-len(c), str(c[0])),
    )
    placed: list[tuple[dict[Any, tuple[float, float]], float]] = []
    for comp in comps:
        size = spacing * (1.2 * math.sqrt(len(comp)) + (0.0 if len(comp) > 1 else 0.0))
        if len(comp) == 2:
            size = spacing
        unit = _component_layout(H.subgraph(comp), seed, initial)
        placed.append(({v: (x * size, y * size) for v, (x, y) in unit.items()}, size))
    # Shelf packing: rows as wide as the largest component (at least 4 small ones).
    row_width = max(placed[0][1], 4 * spacing) * 1.6
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp_pos, size in placed:
        box = size + spacing * 0.8
        if x > 0 and x + box > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for v, (px, py) in comp_pos.items():
            pos[v] = (round(x + box / 2 + px, 1), round(y + box / 2 + py, 1))
        x += box
        row_h = max(row_h, box)
    return pos
