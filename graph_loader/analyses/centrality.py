"""Centralities: degree, betweenness, closeness and PageRank, and the actor table."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csgraph

from graph_loader.analyses.backend import (
    RTOL,
    derived,
    shared_conversions,
    to_igraph,
)
from graph_loader.analyses.markov import exact_tolerance, power_iteration
from graph_loader.gcpause import without_gc
from graph_loader.graph import EdgeColumns, influence_graph, undirected
from graph_loader.schema import Schema

#: Above this many nodes betweenness and closeness are estimated from a sample of
#: :data:`SAMPLES` source nodes instead of all of them (exact below it).
EXACT_MAX_NODES = 5000
#: Number of sampled source nodes for the large-graph estimates.
SAMPLES = 64
#: Seed of the sample, so that estimates are reproducible.
SEED = 42
#: Damping factor of PageRank.
ALPHA = 0.85
#: Decimals PageRank values are rounded to when ranking actors, so that ties are broken
#: by actor id rather than by floating-point noise.
RANK_DECIMALS = 12


def degrees(G: nx.MultiDiGraph) -> pd.DataFrame:
    """In-, out-, symmetric and total degree of each actor, counted in relationships.

    ``degree_in`` counts the directed relationships the actor is the target of,
    ``degree_out`` those it is the source of, and ``degree_symmetric`` the symmetric
    relationships (``symmetric=True``: allies, cooperation, conflict, which have no
    direction) it takes part in. The three add up: ``degree = degree_in + degree_out +
    degree_symmetric``, the number of relationships the actor takes part in, which is
    ``G.degree`` of the multigraph. A directed self-loop counts once in ``degree_in``
    and once in ``degree_out`` (twice in ``degree``, as in graph theory); a symmetric
    one twice in ``degree_symmetric``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (in ``G``'s node order), integer columns
        ``degree_in, degree_out, degree_symmetric, degree``.

    References
    ----------
    .. [1] Wasserman, S. & Faust, K. (1994). *Social Network Analysis*, ch. 5.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", symmetric=False)
    0
    >>> G.add_edge("b", "c", symmetric=True)
    0
    >>> degrees(G).loc["b"].tolist()
    [1, 0, 1, 2]
    """
    cols = derived(EdgeColumns, G)  # shared with the per-year measures in run_all
    n = len(cols.nodes)
    sym = cols.symmetric
    table = pd.DataFrame(
        {
            "degree_in": np.bincount(cols.v[~sym], minlength=n),
            "degree_out": np.bincount(cols.u[~sym], minlength=n),
            "degree_symmetric": np.bincount(cols.u[sym], minlength=n)
            + np.bincount(cols.v[sym], minlength=n),
        },
        index=pd.Index(cols.nodes, name="id"),
    )
    table["degree"] = table.sum(axis=1)
    return table.astype(int)


def batched_betweenness(
    H: nx.Graph, k: int | None = None, seed: int | None = None, chunk: int = 64
) -> dict:
    """Normalized betweenness by Brandes' algorithm, run from many pivots at once.

    Unweighted (hops), ``endpoints=False``. Breadth-first searches from ``chunk``
    pivots run together, level by level, as sparse x dense matrix products: shortest
    path counts forward, dependencies backward (Brandes 2001). The Python work is per
    level, not per edge. It gives ``networkx.betweenness_centrality(H, k=k,
    seed=seed)`` up to floating-point rounding: with ``k=None`` (or ``k == len(H)``)
    every node is a pivot and the result is exact; otherwise the ``k`` pivots are
    those networkx draws, ``random.Random(seed).sample(list(H), k)``, and the
    estimate is rescaled as networkx >= 3.5 does (Brandes & Pich 2007). Self-loops and
    parallel edges do not count. Directed graphs follow arc directions.

    Parameters
    ----------
    H : networkx.Graph
        The graph (edge weights are ignored).
    k : int, optional
        Number of sampled pivots (``None``: all nodes, exact).
    seed : int, optional
        Seed of the pivot sample.
    chunk : int, optional
        Pivots per batch; memory is about ``8 * len(H) * chunk`` bytes per work array.

    Returns
    -------
    dict
        Node to normalized betweenness (divided by ``(n-1)(n-2)``, over ordered pairs).

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       *Journal of Mathematical Sociology* 25(2), 163-177.
    .. [2] Brandes, U. & Pich, C. (2007). Centrality estimation in large networks.
       *International Journal of Bifurcation and Chaos* 17(7), 2303-2318.

    Examples
    --------
    >>> batched_betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    import scipy.sparse as sp

    nodes = list(H)
    n = len(nodes)
    sample = _pivots(nodes, k, seed)
    k = None if sample is None else k
    pivots = nodes if sample is None else sample
    if n <= 2 or not pivots:
        return dict.fromkeys(nodes, 0.0)
    pos = {v: i for i, v in enumerate(nodes)}
    A = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=None, format="csr")
    A = sp.csr_array(sp.triu(A, 1) + sp.tril(A, -1), dtype=np.float64)  # no self-loops
    A.data[:] = 1.0  # parallel edges count once
    fwd = A.T.tocsr() if H.is_directed() else A  # fwd[i, j] = 1: arc j -> i
    bc = np.zeros(n)
    chunk = max(1, chunk)
    for start in range(0, len(pivots), chunk):
        piv = np.array([pos[v] for v in pivots[start : start + chunk]])
        cols = np.arange(len(piv))
        dist = np.full((n, len(piv)), -1, dtype=np.int32)
        sigma = np.zeros((n, len(piv)))  # shortest-path counts from each pivot
        dist[piv, cols] = 0
        sigma[piv, cols] = 1.0
        frontier = sigma.copy()
        depth = 0
        while True:
            reached = fwd @ frontier
            new = (reached > 0) & (dist < 0)
            if not new.any():
                break
            depth += 1
            dist[new] = depth
            sigma[new] = reached[new]
            frontier = np.where(new, sigma, 0.0)
        delta = np.zeros((n, len(piv)))  # dependencies of each pivot on each node
        for level in range(depth, 0, -1):
            at = dist == level
            coef = np.where(at, (1.0 + delta) / np.where(at, sigma, 1.0), 0.0)
            back = A @ coef
            prev = dist == level - 1
            delta[prev] += (sigma * back)[prev]
        delta[piv, cols] = 0.0
        bc += delta.sum(axis=1)
    if k is None:
        bc *= 1.0 / ((n - 1) * (n - 2))
    else:  # networkx >= 3.5: a pivot is never its own source
        is_pivot = np.zeros(n, dtype=bool)
        is_pivot[[pos[v] for v in pivots]] = True
        bc *= _pivot_scale(n, k, is_pivot)
    return {v: float(bc[i]) for i, v in enumerate(nodes)}


def _pivots(nodes: list, k: int | None, seed: int | None) -> list | None:
    """The ``k`` pivots networkx draws (``random.Random(seed).sample(nodes, k)``), or
    ``None`` for every node: ``k`` is ``None`` or ``len(nodes)`` (the exact value)."""
    import random

    if k is None or k == len(nodes):
        return None
    return random.Random(seed).sample(nodes, k)


def _pivot_scale(n: int, k: int, is_pivot: np.ndarray) -> np.ndarray:
    """networkx's (>= 3.5) rescaling of a ``k``-pivot betweenness estimate: a pivot is
    never its own source, so it is averaged over ``k - 1`` sources, the others over ``k``.
    """
    scale = np.full(n, 1.0 / (k * (n - 2)))
    scale[is_pivot] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else np.nan
    return scale


def igraph_betweenness(H: nx.Graph, k: int | None = None, seed: int | None = None) -> dict:
    """Normalized betweenness computed by igraph, as ``networkx.betweenness_centrality``.

    Unweighted (hops), ``endpoints=False``, over ordered pairs for directed graphs and
    unordered ones for undirected graphs, divided by the number of pairs. With ``k``
    pivots (those networkx draws, ``random.Random(seed).sample(list(H), k)``) the
    dependencies of the pivots only (igraph's subset betweenness) rescaled as
    networkx >= 3.5 (Brandes & Pich 2007). Self-loops and parallel edges do not count.
    Equal to networkx's up to rounding (:data:`~graph_loader.analyses.backend.BETWEENNESS_RTOL`).

    Parameters
    ----------
    H : networkx.Graph
        The graph (edge weights are ignored).
    k : int, optional
        Number of sampled pivots (``None`` or ``len(H)``: all nodes, exact).
    seed : int, optional
        Seed of the pivot sample.

    Returns
    -------
    dict
        Node to normalized betweenness.

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       *Journal of Mathematical Sociology* 25(2), 163-177.
    .. [2] Brandes, U. & Pich, C. (2007). Centrality estimation in large networks.
       *International Journal of Bifurcation and Chaos* 17(7), 2303-2318.

    Examples
    --------
    >>> igraph_betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    conv = to_igraph(H)
    n = len(conv.nodes)
    pivots = _pivots(conv.nodes, k, seed)
    if n <= 2 or pivots == []:
        return dict.fromkeys(conv.nodes, 0.0)
    directed = H.is_directed()
    if pivots is None:
        bc = np.asarray(conv.graph.betweenness(directed=directed), dtype=float)
        bc *= (1.0 if directed else 2.0) / ((n - 1) * (n - 2))
    else:
        idx = [conv.index[v] for v in pivots]
        bc = np.asarray(conv.graph.betweenness(directed=directed, sources=idx), dtype=float)
        if not directed:
            bc *= 2.0  # igraph halves undirected subset betweenness; networkx does not
        is_pivot = np.zeros(n, dtype=bool)
        is_pivot[idx] = True
        bc *= _pivot_scale(n, len(idx), is_pivot)
    return conv.by_node(bc)


def betweenness(H: nx.Graph, exact_max: int = EXACT_MAX_NODES) -> dict:
    """Normalized shortest-path betweenness on a simple undirected graph.

    The betweenness of ``v`` is the sum over pairs ``s, t`` of the fraction of
    shortest ``s``-``t`` paths through ``v``, divided by ``(n-1)(n-2)/2``. Paths are
    counted in hops (edge weights are relationship counts, not distances).
    Graphs larger than ``exact_max`` nodes use :data:`SAMPLES` pivots with seed
    :data:`SEED` (Brandes & Pich 2007), the pivots networkx's ``k=`` argument would
    draw. Both are computed by igraph (:func:`igraph_betweenness`, measured faster
    than :func:`batched_betweenness`: exact and sampled) and equal
    ``networkx.betweenness_centrality`` (with the same ``k`` and ``seed``) up to
    floating-point rounding.

    Parameters
    ----------
    H : networkx.Graph
        E.g. :func:`graph_loader.graph.undirected` of the relationship graph.
    exact_max : int, optional
        Largest node count computed exactly.

    Returns
    -------
    dict
        Node to betweenness in [0, 1].

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       *Journal of Mathematical Sociology* 25(2), 163-177.
    .. [2] Brandes, U. & Pich, C. (2007). Centrality estimation in large networks.
       *International Journal of Bifurcation and Chaos* 17(7), 2303-2318.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    if H.number_of_nodes() > exact_max:
        return igraph_betweenness(H, k=min(SAMPLES, len(H)), seed=SEED)
    return igraph_betweenness(H)


def _closeness_sampled(H: nx.Graph, samples: int, seed: int) -> dict:
    """Eppstein-Wang estimate of networkx's (Wasserman-Faust) closeness, per component."""
    conv = to_igraph(H)  # its edge list is a quicker way to a sparse matrix than networkx's
    nodes = conv.nodes
    n = len(nodes)
    out = dict.fromkeys(nodes, 0.0)
    if n <= 1:
        return out
    A = conv.adjacency()
    directed = H.is_directed()
    ncomp, labels = csgraph.connected_components(A, directed=False)
    rng = np.random.default_rng(seed)
    # each component's nodes in index order, by one stable sort (not a scan per component)
    by_label = np.argsort(labels, kind="stable")
    starts = np.searchsorted(labels[by_label], np.arange(ncomp + 1))
    for c in range(ncomp):
        idx = by_label[starts[c]:starts[c + 1]]
        size = len(idx)
        if size < 2:
            continue
        sub = A[idx][:, idx]
        k = min(samples, size)
        pivots = np.sort(rng.choice(size, size=k, replace=False))
        dist = csgraph.shortest_path(
            sub, method="D", directed=directed, unweighted=True, indices=pivots
        )
        total = dist.sum(axis=0)
        # Mean distance to the other size-1 nodes; exact when every node is a pivot.
        mean = total * size / (k * (size - 1)) if k < size else total / (size - 1)
        with np.errstate(divide="ignore"):
            cl = np.where(mean > 0, 1.0 / mean, 0.0) * (size - 1) / (n - 1)
        for i, v in zip(idx, cl, strict=True):
            out[nodes[i]] = float(v)
    return out


def _closeness_exact(H: nx.Graph) -> dict:
    """networkx's (Wasserman-Faust) closeness of an undirected graph, computed by igraph."""
    conv = to_igraph(H)
    n = len(conv.nodes)
    if n <= 1:
        return dict.fromkeys(conv.nodes, 0.0)
    g = conv.graph
    # igraph: (r-1) / (sum of distances to the r-1 others reached); NaN if none
    cl = np.nan_to_num(np.asarray(g.closeness(mode="all", normalized=True), dtype=float))
    comps = g.connected_components()
    reached = np.asarray(comps.sizes(), dtype=float)[comps.membership]
    return conv.by_node(cl * (reached - 1) / (n - 1))


def closeness(H: nx.Graph, exact_max: int = EXACT_MAX_NODES) -> dict:
    """Closeness centrality on a simple undirected graph, in hops.

    The closeness of ``u`` is ``(r-1) / sum of distances to the r-1 nodes it reaches``,
    scaled by ``(r-1)/(n-1)`` for disconnected graphs (Wasserman & Faust), as
    ``networkx.closeness_centrality``. Up to ``exact_max`` nodes it is exact, computed
    by igraph (measured faster than networkx's) for undirected graphs and by networkx
    for directed ones. Larger graphs use the Eppstein-Wang estimate: in each connected
    component, the mean distance is estimated from breadth-first searches out of
    :data:`SAMPLES` random pivots (seed :data:`SEED`), by scipy; components with at
    most that many nodes are exact.

    Parameters
    ----------
    H : networkx.Graph
        E.g. :func:`graph_loader.graph.undirected` of the relationship graph.
    exact_max : int, optional
        Largest node count computed exactly.

    Returns
    -------
    dict
        Node to closeness in [0, 1].

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
       *Social Networks* 1(3), 215-239.
    .. [2] Eppstein, D. & Wang, J. (2004). Fast approximation of centrality.
       *Journal of Graph Algorithms and Applications* 8(1), 39-45.

    Examples
    --------
    >>> closeness(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    if H.number_of_nodes() > exact_max:
        return _closeness_sampled(H, SAMPLES, SEED)
    if H.is_directed():
        return nx.closeness_centrality(H)
    return _closeness_exact(H)


def pagerank(D: nx.DiGraph, alpha: float = ALPHA) -> dict:
    """Weighted PageRank on the influence graph.

    The stationary distribution of a random walk that follows arcs with probability
    proportional to their ``weight`` and jumps to a uniformly random node with
    probability ``1 - alpha`` (and from nodes without out-arcs). An arc ``u -> v`` of
    the influence graph means ``u`` confers influence on ``v``. Computed by power
    iteration on a sparse matrix (:mod:`~graph_loader.analyses.markov`; measured
    faster than igraph and rustworkx), iterated until every value is within
    :data:`~graph_loader.analyses.backend.RTOL` of the limit
    (:func:`~graph_loader.analyses.markov.exact_tolerance`): equal to
    ``networkx.pagerank(D, alpha=alpha, weight="weight")`` iterated to convergence,
    dangling nodes included, within that tolerance (networkx's default stops when the
    values change by less than ``1e-6`` per node on average, so its own values can
    differ more). Negative weights are left to networkx.

    Parameters
    ----------
    D : networkx.DiGraph
        E.g. :func:`graph_loader.graph.influence_graph`.
    alpha : float, optional
        Damping factor (default :data:`ALPHA`).

    Returns
    -------
    dict
        Node to PageRank; the values sum to 1. Empty for an empty graph.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. & Winograd, T. (1999). The PageRank citation
       ranking: bringing order to the web. Stanford InfoLab.

    Examples
    --------
    >>> pr = pagerank(nx.DiGraph([("a", "b")]))
    >>> round(pr["a"], 4), round(pr["b"], 4)
    (0.3509, 0.6491)
    """
    if D.number_of_nodes() == 0:
        return {}
    conv = to_igraph(D)
    w = conv.weights("weight")
    if w and min(w) < 0:
        return nx.pagerank(D, alpha=alpha, weight="weight")
    n = len(conv.nodes)
    pr = power_iteration(conv.transition("weight"), alpha, exact_tolerance(n, alpha, RTOL))
    return conv.by_node(pr)


@without_gc
def centrality_table(
    G: nx.MultiDiGraph, schema: Schema, computed: dict[str, dict] | None = None
) -> pd.DataFrame:
    """One row per actor with its centralities.

    Degrees are counted in relationships (:func:`degrees`); betweenness and closeness
    are computed on :func:`graph_loader.graph.undirected`; PageRank on
    :func:`graph_loader.graph.influence_graph`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    schema : Schema
        The schema the graph conforms to (for the relationship types' ``influence``).
    computed : dict, optional
        Measures already computed (node to value, by column: ``betweenness``,
        ``closeness``, ``pagerank``), e.g. in a worker process; the others are
        computed here.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id, columns ``name, kind, agent`` (whether the kind is an
        agent, :meth:`~graph_loader.schema.Schema.is_agent`), ``degree_in, degree_out,
        degree_symmetric, degree`` (:func:`degrees`), ``betweenness, closeness,
        pagerank``; every node, agents or not, sorted by PageRank (descending, to
        :data:`RANK_DECIMALS` decimals), then id.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> schema = load_schema("data/schema.yaml")
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("arm", "cis", type="MEMBER_OF", symmetric=False)
    0
    >>> centrality_table(G, schema).index.tolist()
    ['cis', 'arm']
    """
    with shared_conversions():
        return _centrality_table(G, schema, computed)


def _centrality_table(
    G: nx.MultiDiGraph, schema: Schema, computed: dict[str, dict] | None = None
) -> pd.DataFrame:
    H = derived(undirected, G)
    done = computed or {}
    table = degrees(G)
    kinds = [G.nodes[n].get("kind", "") for n in table.index]
    table.insert(0, "agent", [schema.is_agent(k or None) for k in kinds])
    table.insert(0, "kind", kinds)
    table.insert(0, "name", [G.nodes[n].get("name", str(n)) for n in table.index])
    measures = {
        "betweenness": lambda: betweenness(H),
        "closeness": lambda: closeness(H),
        "pagerank": lambda: pagerank(derived(influence_graph, G, schema)),
    }
    for column, measure in measures.items():
        table[column] = pd.Series(done[column] if column in done else measure())
    table = table.reset_index()
    table["_rank"] = -table["pagerank"].round(RANK_DECIMALS)
    table["_id"] = table["id"].astype(str)
    table = table.sort_values(["_rank", "_id"], kind="stable").drop(columns=["_rank", "_id"])
    return table.set_index("id")
