"""Where each actor is drawn: a seeded spring layout per component, packed and spread.

The spring layout is igraph's Fruchterman-Reingold (:func:`spring_positions`); the
packing and the collision pass (:func:`separate`) are the project's own."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import networkx as nx

LAYOUT_SEED = 7

#: Components with at least this many nodes get :func:`_equalise_density` after the
#: spring layout.
EQUALISE_MIN = 12


def _equalise_density(xy: Any) -> Any:
    """Spread a hub-and-spoke layout evenly: keep each node's angle around the centre,
    replace its distance by the square root of its distance rank.

    A spring layout of a network with a dense core and long chains squeezes the core
    into a small blob; after this, nodes are spread uniformly over a disc (the radius
    rank is preserved, so the core stays in the middle and chains stay outside).

    ``xy`` is an ``(n, 2)`` array of positions whose rows are in node order (ties in
    distance and angle go to the earlier row); a new array is returned.
    """
    import numpy as np

    n = len(xy)
    centre = np.sort(xy, axis=0)[n // 2]  # the upper median of each axis
    d = xy - centre
    r, theta = np.hypot(d[:, 0], d[:, 1]), np.arctan2(d[:, 1], d[:, 0])
    order = np.lexsort((np.arange(n), theta, r))  # by distance, then angle, then row
    radius = np.empty(n)
    radius[order] = np.sqrt((np.arange(n) + 0.5) / n)
    return np.column_stack((radius * np.cos(theta), radius * np.sin(theta)))


def spring_positions(
    C: nx.Graph,
    seed: int = LAYOUT_SEED,
    initial: Mapping[Any, tuple[float, float]] | None = None,
    iterations: int = 120,
) -> dict[Any, tuple[float, float]]:
    """Fruchterman-Reingold positions of a graph, computed by igraph.

    The force-directed layout of Fruchterman & Reingold: edges pull their ends
    together (force ``d^2``), all pairs of nodes push each other apart (``1/d``), and
    the moves are capped by a temperature that cools linearly over ``iterations``
    steps. igraph's C implementation replaced ``networkx.spring_layout`` (the same
    algorithm, ~14x slower on the views' 400 nodes). The start is random (numpy's
    ``RandomState(seed)``), except the nodes of ``initial``, which start where they are
    (as ``networkx.spring_layout``'s ``pos=``), and the result keeps the start's
    orientation (igraph turns its layouts to their principal axes; they are turned
    back). igraph's own random draws are seeded too
    (:func:`graph_loader.analyses.backend.seeded`), so the result is the same on every
    run.

    Parameters
    ----------
    C : networkx.Graph
        The graph (edges unweighted; treated as undirected).
    seed : int, optional
        Seed of the random start.
    initial : mapping, optional
        Start positions of some nodes (any scale).
    iterations : int, optional
        Number of steps.

    Returns
    -------
    dict
        Node to ``(x, y)``, centred on 0, in igraph's units (neighbours about 1 apart).

    References
    ----------
    .. [1] Fruchterman, T. M. J. & Reingold, E. M. (1991). Graph drawing by
       force-directed placement. *Software: Practice and Experience* 21(11), 1129-1164.

    Examples
    --------
    >>> pos = spring_positions(nx.path_graph(3))
    >>> pos == spring_positions(nx.path_graph(3))
    True
    >>> sorted(pos) == [0, 1, 2]
    True
    """
    from graph_loader.analyses.backend import to_igraph

    conv = to_igraph(C)
    xy = _spring(conv.nodes, conv.graph, seed, initial, iterations)
    return {v: (x, y) for v, (x, y) in zip(conv.nodes, xy.tolist(), strict=True)}


def _spring(
    nodes: list,
    graph: Any,
    seed: int,
    initial: Mapping[Any, tuple[float, float]] | None,
    iterations: int,
) -> Any:
    """:func:`spring_positions` of an igraph graph whose vertex ``i`` is ``nodes[i]``, as
    an ``(n, 2)`` array (row ``i`` for ``nodes[i]``)."""
    import numpy as np

    from graph_loader.analyses.backend import seeded

    n = len(nodes)
    start = np.random.RandomState(seed).rand(n, 2)
    given = [(i, initial[v]) for i, v in enumerate(nodes) if v in initial] if initial else []
    if given:  # as networkx: the others at random over the given positions' range
        at = np.array([p for _, p in given], dtype=float)
        start *= max(float(at.max()), 1e-9)
        start[[i for i, _ in given]] = at
    span = float(np.ptp(start, axis=0).max()) or 1.0
    start = (start - start.mean(axis=0)) * (math.sqrt(n) / span)  # igraph's scale
    with seeded(seed):
        layout = graph.layout_fruchterman_reingold(seed=start.tolist(), niter=iterations)
    # igraph returns the layout centred and turned to its principal axes, which can
    # rotate or mirror it away from the start: turn it back (orthogonal Procrustes)
    got = np.asarray(layout.coords, dtype=float)
    got -= got.mean(axis=0)
    u, _, vt = np.linalg.svd(got.T @ start)
    return got @ (u @ vt)


def _component_layout(
    comp: list, graph: Any, seed: int,
    initial: Mapping[Any, tuple[float, float]] | None,
) -> Any:
    """Unit-scale positions (an ``(n, 2)`` array, centred on 0) of one connected
    component: its nodes ``comp`` (sorted by ``str``) and its igraph graph, vertex ``i``
    being ``comp[i]``."""
    import numpy as np

    n = len(comp)
    if n <= 2:
        return np.array([[0.0, 0.0]] if n == 1 else [[-0.5, 0.0], [0.5, 0.0]])
    pos0 = None
    if initial:
        pos0 = {v: initial[v] for v in comp if v in initial} or None
    xy = _spring(comp, graph, seed, pos0, 60 if pos0 else 120)
    if n >= EQUALISE_MIN:
        xy = _equalise_density(xy)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = float((hi - lo).max()) or 1.0
    return (xy - (hi + lo) / 2) / span


def compute_layout(
    G: nx.Graph,
    seed: int = LAYOUT_SEED,
    initial: Mapping[Any, tuple[float, float]] | None = None,
    spacing: float = 120.0,
) -> dict[Any, tuple[float, float]]:
    """Deterministic pixel positions for the nodes of ``G``.

    Each connected component gets its own spring layout (:func:`spring_positions`,
    fixed seed), sized by the square root of its node count; the components are then
    packed in rows, largest first, so that small components do not push the main one
    into a corner.

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
        Node to ``(x, y)`` in pixels, the largest component's nodes first.
    """
    if G.number_of_nodes() == 0:
        return {}
    placed = []
    for comp, graph in _components(G):
        size = spacing if len(comp) == 2 else spacing * 1.2 * math.sqrt(len(comp))
        unit = _component_layout(comp, graph, seed, initial)
        placed.append((comp, unit * size, size))
    # Shelf packing: rows as wide as the largest component (at least 4 small ones).
    row_width = max(placed[0][2], 4 * spacing) * 1.6
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp, xy, size in placed:
        box = size + spacing * 0.8
        if x > 0 and x + box > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        at = (xy + (x + box / 2, y + box / 2)).round(1).tolist()
        pos.update(zip(comp, map(tuple, at), strict=True))
        x += box
        row_h = max(row_h, box)
    return pos


def _components(G: nx.Graph) -> list[tuple[list, Any]]:
    """``G``'s connected components, each as its nodes (sorted by ``str``) and its igraph
    graph (vertex ``i`` the ``i``-th node; undirected, no parallel edges or self-loops),
    the largest first (ties by the first node's ``str``).

    The graph is ``G``'s :func:`~graph_loader.analyses.backend.to_igraph` conversion
    (made once in a shared block), turned simple and split in igraph's C core.
    """
    from graph_loader.analyses.backend import to_igraph

    conv = to_igraph(G)
    order = sorted(range(len(conv.nodes)), key=lambda i: str(conv.nodes[i]))
    nodes = [conv.nodes[i] for i in order]
    # vertex k of the new graph is vertex order[k] (a new graph: the shared one is kept)
    g = conv.graph.permute_vertices(order)
    if g.is_directed():
        g = g.as_undirected(mode="collapse")
    g.simplify()
    parts = g.connected_components()
    if len(parts) == 1:
        return [(nodes, g)]
    ids = sorted(parts, key=lambda c: (-len(c), str(nodes[c[0]])))
    return [([nodes[i] for i in c], g.induced_subgraph(c)) for c in ids]


#: Pixels kept free between two node circles by :func:`separate`.
NODE_GAP = 12.0
#: Estimated canvas label metrics (vis-network's 14 px system font, drawn under the dot).
LABEL_CHAR_WIDTH = 9.0
LABEL_HEIGHT = 17.0
LABEL_OFFSET = 3.0


def label_box(
    x: float, y: float, radius: float, label: str
) -> tuple[float, float, float, float]:
    """The estimated box ``(left, top, right, bottom)`` of a node's canvas label.

    vis-network draws a dot's label centred under the circle; its width is estimated
    from the number of characters (:data:`LABEL_CHAR_WIDTH`).

    Examples
    --------
    >>> label_box(0.0, 0.0, 10.0, "OSCE")
    (-18.0, 13.0, 18.0, 30.0)
    """
    half = LABEL_CHAR_WIDTH * len(label) / 2
    top = y + radius + LABEL_OFFSET
    return (round(x - half, 6), round(top, 6), round(x + half, 6), round(top + LABEL_HEIGHT, 6))


def count_overlaps(
    pos: Mapping[Any, tuple[float, float]],
    radii: Mapping[Any, float],
    labels: Mapping[Any, str] | None = None,
) -> tuple[int, int]:
    """The numbers of overlapping node-circle pairs and of overlapping label pairs.

    Circles overlap when their centres are closer than the sum of their radii; labels
    when their :func:`label_box` es intersect.
    """
    import numpy as np

    ids = sorted(pos, key=str)
    if len(ids) < 2:
        return 0, 0
    P = np.array([pos[v] for v in ids], dtype=float)
    R = np.array([float(radii[v]) for v in ids])
    iu = np.triu_indices(len(ids), 1)
    d = np.hypot(*(P[:, None, :] - P[None, :, :]).transpose(2, 0, 1))
    circles = int(((d < R[:, None] + R[None, :])[iu]).sum())
    if labels is None:
        return circles, 0
    boxes = np.array([label_box(P[i, 0], P[i, 1], R[i], labels[v]) for i, v in enumerate(ids)])
    ox = np.minimum(boxes[:, None, 2], boxes[None, :, 2]) - np.maximum(boxes[:, None, 0],
                                                                      boxes[None, :, 0])
    oy = np.minimum(boxes[:, None, 3], boxes[None, :, 3]) - np.maximum(boxes[:, None, 1],
                                                                      boxes[None, :, 1])
    return circles, int(((ox > 0) & (oy > 0))[iu].sum())


def _spiral(step: float = 4.0, rings: int = 150) -> Any:
    """Candidate offsets around a point, nearest first: ``(0, 0)``, then rings of points
    ``step`` apart (each ring starts at a different angle)."""
    import numpy as np

    xs, ys = [0.0], [0.0]
    cos, sin, tau = math.cos, math.sin, 2 * math.pi  # tau * j is (2 * math.pi) * j
    for k in range(1, rings + 1):
        r = step * k
        m = max(8, int(2 * math.pi * r / step))
        a0 = k * 2.399963  # the golden angle: rings do not line up
        angles = [a0 + tau * j / m for j in range(m)]
        xs += [r * cos(a) for a in angles]
        ys += [r * sin(a) for a in angles]
    return np.column_stack((np.array(xs), np.array(ys)))


_SPIRAL: list[Any] = []


#: Slack (pixels) in :func:`_near`'s bounds, far above any rounding error.
_NEAR_SLACK = 1.0


def _near(
    P: Any, R: Any, B: Any, at: tuple[float, float], far: float, r: float, half: float,
    gap: float,
) -> Any:
    """The indices of the placed nodes (centres ``P``, radii ``R``, label boxes ``B``)
    whose circle or label could meet a node of radius ``r`` and label half-width
    ``half`` placed within ``far`` pixels of ``at``: every other one is clear of it by
    :func:`separate`'s tests, whatever the candidate point.

    The bounds are loose by :data:`_NEAR_SLACK` pixels, so the answer never depends on
    rounding.
    """
    import numpy as np

    x0, y0 = at
    s = _NEAR_SLACK
    # circles: closer than the sum of the radii, the gap and the candidate's reach
    dist = np.hypot(P[:, 0] - x0, P[:, 1] - y0)
    circle = dist < far + r + R + gap + s
    # boxes: the region every candidate's label box and circle square stay within
    w = max(half, r)
    left, right = x0 - far - w - s, x0 + far + w + s
    top, bottom = y0 - far - r - s, y0 + far + r + LABEL_OFFSET + LABEL_HEIGHT + s
    label = (B[:, 0] < right) & (B[:, 2] > left) & (B[:, 1] < bottom) & (B[:, 3] > top)
    square = ((P[:, 0] - R < right) & (P[:, 0] + R > left)
              & (P[:, 1] - R < bottom) & (P[:, 1] + R > top))
    return np.flatnonzero(circle | label | square)


def separate(
    pos: Mapping[Any, tuple[float, float]],
    radii: Mapping[Any, float],
    labels: Mapping[Any, str] | None = None,
    gap: float = NODE_GAP,
    label_reach: float = 120.0,
) -> dict[Any, tuple[float, float]]:
    """Move nodes the least needed so that no two circles overlap, and labels rarely do.

    A deterministic collision-removal pass over a finished layout. Nodes are placed
    one by one, the biggest first (ties by id): each takes its layout position if its
    circle keeps ``gap`` pixels from every circle placed before, else the nearest free
    point on a spiral around it. With ``labels``, a point within ``label_reach``
    pixels where the node's :func:`label_box` is also clear of the labels and circles
    placed before is preferred, so labels print over each other less often. The
    biggest nodes keep their places, so the shape of the spring layout is kept.

    Parameters
    ----------
    pos : mapping
        Node to ``(x, y)`` in pixels.
    radii : mapping
        Node to its circle's radius in pixels (every node of ``pos``).
    labels : mapping, optional
        Node to the label drawn on the canvas.
    gap : float, optional
        Free pixels kept between circles.
    label_reach : float, optional
        How far a node may move further to keep its label clear.

    Returns
    -------
    dict
        Node to ``(x, y)``, rounded to 0.1 px; a new dict.

    Examples
    --------
    >>> separate({"a": (0.0, 0.0), "b": (0.0, 0.0)}, {"a": 10.0, "b": 10.0})
    {'a': (0.0, 0.0), 'b': (30.1, 11.0)}
    """
    import numpy as np

    if not _SPIRAL:
        _SPIRAL.append(_spiral())
    spiral = _SPIRAL[0]
    reach = np.hypot(spiral[:, 0], spiral[:, 1])
    bounds = [0, 256, 1024, 4096, 16384, len(spiral)]
    # each chunk of candidates with the farthest it reaches from the layout position
    chunks = [(lo, hi, float(reach[lo:hi].max()))
              for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]
    order = sorted(pos, key=lambda v: (-float(radii[v]), str(v)))
    n = len(order)
    P = np.zeros((n, 2))
    R = np.zeros(n)
    B = np.zeros((n, 4))  # label boxes (left, top, right, bottom)
    out: dict[Any, tuple[float, float]] = {}
    for m, v in enumerate(order):
        x0, y0 = float(pos[v][0]), float(pos[v][1])
        r = float(radii[v])
        half = LABEL_CHAR_WIDTH * len(labels[v]) / 2 if labels is not None else 0.0
        chosen = fallback = None
        for lo, hi, far in chunks:
            C = spiral[lo:hi] + (x0, y0)
            # Only the nodes placed near enough can block a candidate: the tests below
            # on them alone give the same answers as on every node placed (the others
            # pass every test), at a fraction of the cost on large views.
            near = _near(P[:m], R[:m], B[:m], (x0, y0), far, r, half, gap)
            Pn, Rn, Bn = P[near], R[near], B[near]
            if m:
                d = np.hypot(C[:, None, 0] - Pn[None, :, 0], C[:, None, 1] - Pn[None, :, 1])
                ok = (d >= r + Rn[None, :] + gap).all(axis=1)
            else:
                ok = np.ones(len(C), dtype=bool)
            if fallback is None and ok.any():
                fallback = lo + int(np.argmax(ok))
            if labels is None:
                chosen = fallback
            elif m and reach[lo] <= label_reach:
                top = C[:, 1] + r + LABEL_OFFSET
                box = np.stack([C[:, 0] - half, top, C[:, 0] + half, top + LABEL_HEIGHT], 1)
                # its label against the labels and circles (as squares) placed before,
                # its circle (as a square) against their labels
                circ = np.stack([Pn[:, 0] - Rn, Pn[:, 1] - Rn, Pn[:, 0] + Rn, Pn[:, 1] + Rn], 1)
                own = np.stack([C[:, 0] - r, C[:, 1] - r, C[:, 0] + r, C[:, 1] + r], 1)
                clear = ok & (reach[lo:hi] <= label_reach)
                for a, b in ((box, Bn), (box, circ), (own, Bn)):
                    hit = ((np.minimum(a[:, None, 2], b[None, :, 2])
                            > np.maximum(a[:, None, 0], b[None, :, 0]))
                           & (np.minimum(a[:, None, 3], b[None, :, 3])
                              > np.maximum(a[:, None, 1], b[None, :, 1])))
                    clear &= ~hit.any(axis=1)
                if clear.any():
                    chosen = lo + int(np.argmax(clear))
            elif not m:
                chosen = 0
            if chosen is not None or (fallback is not None and reach[lo] > label_reach):
                break
        if chosen is None:
            chosen = fallback
        if chosen is None:  # nothing free within the spiral: beyond every node placed
            x, y = float(P[:m, 0].max() + R[:m].max() + r + gap), y0
        else:
            x, y = x0 + float(spiral[chosen, 0]), y0 + float(spiral[chosen, 1])
        x, y = round(x, 1), round(y, 1)
        P[m] = (x, y)
        R[m] = r
        top = y + r + LABEL_OFFSET
        B[m] = (x - half, top, x + half, top + LABEL_HEIGHT)
        out[v] = (x, y)
    return {v: out[v] for v in sorted(out, key=str)}
