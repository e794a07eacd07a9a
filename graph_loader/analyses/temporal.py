"""The network over time: per-year measures and who chairs what when.

:func:`chairs_as_of` names a body's chairs in a year; :func:`minsk_bodies` and
:func:`chair_periods` give the Minsk chronology of the report, tables and notebooks.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph

from graph_loader.analyses.backend import derived
from graph_loader.analyses.centrality import ALPHA, RANK_DECIMALS
from graph_loader.analyses.markov import power_iteration, transition
from graph_loader.gcpause import without_gc
from graph_loader.graph import (
    IMPLIED_WEIGHT,
    EdgeColumns,
    actor_years,
    edge_items,
    influence_columns,
    relationship_years,
)
from graph_loader.model import OPEN_END, OPEN_START, YEARS, active_in
from graph_loader.schema import Schema

#: Years covered by default (:data:`graph_loader.model.YEARS`).
DEFAULT_YEARS = YEARS
#: Relationship types that make their source the chair of their target body.
CHAIR_TYPES = ("CHAIRS", "CO_CHAIRS")

MEASURE_COLUMNS = [
    "nodes",
    "edges",
    "ties",
    "density",
    "components",
    "top_actor",
    "top_name",
    "top_pagerank",
]


def pagerank_arrays(
    n: int, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, alpha: float = ALPHA
) -> np.ndarray:
    """PageRank of ``n`` nodes given weighted arcs ``rows[i] -> cols[i]``.

    The same power iteration as ``networkx.pagerank`` (uniform teleport, dangling nodes
    jump uniformly, tolerance ``n * 1e-6`` on the l1 change, at most 100 iterations);
    parallel arcs are summed. Used by :func:`measures_by_year` to avoid building one
    networkx graph per year.

    Parameters
    ----------
    n : int
        Number of nodes (indices ``0 .. n-1``).
    rows, cols, weights : numpy.ndarray
        Arc tails, heads and weights.
    alpha : float, optional
        Damping factor.

    Returns
    -------
    numpy.ndarray
        PageRank per node index.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        If 100 iterations do not converge.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. & Winograd, T. (1999). The PageRank citation
       ranking: bringing order to the web. Stanford InfoLab.

    Examples
    --------
    >>> pagerank_arrays(2, np.array([0]), np.array([1]), np.array([1.0])).round(4).tolist()
    [0.3509, 0.6491]
    """
    # networkx's stopping rule, so the per-year values are networkx's own
    return power_iteration(transition(n, rows, cols, weights), alpha, n * 1.0e-6, max_iter=100)


def _arrays(
    G: nx.MultiDiGraph, schema: Schema, implied_weight: float
) -> dict[str, np.ndarray | list]:
    """Every relationship of ``G`` as columns: ends, years it holds, influence arcs.

    The relationships' columns are :class:`graph_loader.graph.EdgeColumns` (shared in a
    :func:`graph_loader.sharing.shared` block); the spans
    (:func:`graph_loader.model.span` with both ends' lifespans) and the influence arcs
    (:func:`graph_loader.graph.influence_columns`) are computed on whole arrays.
    """
    cols = derived(EdgeColumns, G)  # shared with the degrees and derived graphs
    nodes, u, v = cols.nodes, cols.u, cols.v
    life = np.array([actor_years(G, n) for n in nodes], dtype=np.int64).reshape(-1, 2)
    first = np.maximum(_years(cols.start_year, OPEN_START), np.maximum(life[u, 0], life[v, 0]))
    last = np.minimum(_years(cols.end_year, OPEN_END), np.minimum(life[u, 1], life[v, 1]))
    arcs = influence_columns(cols, schema, implied_weight)
    return {"nodes": nodes, "u": u, "v": v, "start": first, "end": last, **arcs}


def _years(values: list[int | None], open_bound: int) -> np.ndarray:
    """Years as an int array, an unknown one (None) replaced by ``open_bound``."""
    return np.array([open_bound if y is None else y for y in values], dtype=np.int64)


@without_gc
def measures_by_year(
    G: nx.MultiDiGraph,
    schema: Schema,
    years: Iterable[int] = DEFAULT_YEARS,
    implied_weight: float = IMPLIED_WEIGHT,
) -> pd.DataFrame:
    """Size, density, fragmentation and leading actor of the network in each year.

    For each year, the active network is :func:`graph_loader.graph.as_of` (the
    relationships holding that year by :func:`graph_loader.graph.relationship_years`;
    only actors with an active relationship). Years with no active relationship are
    left out; years outside the data's range are not an error here.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    schema : Schema
        The schema the graph conforms to (for the relationship types' ``influence``).
    years : iterable of int, optional
        Years to measure (default :data:`graph_loader.model.YEARS`).
    implied_weight : float, optional
        Influence factor of implied relationships, as in
        :func:`graph_loader.graph.influence_graph`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``year``, columns :data:`MEASURE_COLUMNS`: ``nodes`` (active actors),
        ``edges`` (active relationships), ``ties`` (distinct related pairs), ``density``
        (``ties / (nodes choose 2)``), ``components`` (connected components of the
        undirected active network), and the agent with the highest PageRank on the
        year's influence graph (``top_actor`` id, ``top_name``, ``top_pagerank``; ties
        broken by id). PageRank runs on every active node, but only agents
        (:meth:`~graph_loader.schema.Schema.is_agent`) can be the top actor, unless no
        agent is active that year.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> schema = load_schema("data/schema.yaml")
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("arm", "cis", type="MEMBER_OF", start_year=1991, end_year=None)
    0
    >>> G.add_edge("geo", "cis", type="MEMBER_OF", start_year=1993, end_year=2009)
    0
    >>> m = measures_by_year(G, schema, years=[1990, 1992, 2000])
    >>> m.index.tolist(), m["nodes"].tolist(), m["top_actor"].tolist()
    ([1992, 2000], [2, 3], ['cis', 'cis'])
    """
    a = _arrays(G, schema, implied_weight)
    nodes = a["nodes"]
    agents = np.array([schema.is_agent(G.nodes[v].get("kind")) for v in nodes], dtype=bool)
    rows = []
    for year in years:
        active = active_in(a["start"], a["end"], year)
        if not active.any():
            continue
        u, v = a["u"][active], a["v"][active]
        seen = np.zeros(len(nodes), dtype=bool)  # a mask, not np.unique: O(n), no sort/hash
        seen[u] = True
        seen[v] = True
        touched = np.flatnonzero(seen)
        n = len(touched)
        local = np.full(len(nodes), -1, dtype=np.int64)
        local[touched] = np.arange(n)
        lu, lv = local[u], local[v]
        loops = lu == lv
        lo, hi = np.minimum(lu, lv)[~loops], np.maximum(lu, lv)[~loops]
        adj = sp.csr_array((np.ones(len(lo)), (lo, hi)), shape=(n, n))
        ties = adj.nnz  # the conversion to CSR sums duplicate pairs: one entry per tie
        ncomp, _ = csgraph.connected_components(adj, directed=False)
        arcs = active[a["arc_rel"]]
        pr = pagerank_arrays(n, local[a["arc_a"][arcs]], local[a["arc_b"][arcs]], a["arc_w"][arcs])
        # The top actor is the top agent, if any agent is active that year.
        ranked = np.flatnonzero(agents[touched]) if agents[touched].any() else np.arange(n)
        rounded = pr[ranked].round(RANK_DECIMALS)
        tied = ranked[rounded >= rounded.max()]
        i_top = min(tied, key=lambda i: str(nodes[touched[i]]))  # noqa: B023
        top = nodes[touched[i_top]]
        rows.append(
            {
                "year": year,
                "nodes": n,
                "edges": int(active.sum()),
                "ties": ties,
                "density": 2 * ties / (n * (n - 1)) if n > 1 else 0.0,
                "components": int(ncomp),
                "top_actor": top,
                "top_name": G.nodes[top].get("name", str(top)),
                "top_pagerank": float(pr[i_top]),
            }
        )
    if not rows:
        return pd.DataFrame(columns=MEASURE_COLUMNS, index=pd.Index([], name="year"))
    return pd.DataFrame(rows).set_index("year")[MEASURE_COLUMNS]


def chairs_as_of(
    G: nx.MultiDiGraph, body_id: str, year: int, rel_types: Collection[str] = CHAIR_TYPES
) -> list[str]:
    """Who chairs (or co-chairs) a body in a given year.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    body_id : str
        The body (a node of ``G``).
    year : int
        The year; relationships with unknown start or end are open-ended.
    rel_types : collection of str, optional
        Relationship types meaning "source chairs target" (default :data:`CHAIR_TYPES`).

    Returns
    -------
    list of str
        Sorted ids of the sources of active ``rel_types`` relationships into ``body_id``.

    Raises
    ------
    KeyError
        If ``body_id`` is not in the graph.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("fin", "mg", type="CHAIRS", start_year=1992, end_year=1992)
    0
    >>> G.add_edge("swe", "mg", type="CHAIRS", start_year=1993, end_year=1994)
    0
    >>> chairs_as_of(G, "mg", 1993)
    ['swe']
    """
    if body_id not in G:
        raise KeyError(f"no actor {body_id!r} in the graph")
    return _chairs_in(_chair_spans(G, body_id, rel_types), year)


def _chair_spans(
    G: nx.MultiDiGraph, body: Any, rel_types: Collection[str] = CHAIR_TYPES
) -> list[tuple[Any, int, int]]:
    """``(chair, first, last)`` for each chairing relationship into ``body``: who, and
    the years it holds (:func:`graph_loader.graph.relationship_years`)."""
    return [(u, *relationship_years(G, u, body, d))
            for u, _, d in G.in_edges(body, data=True) if d.get("type") in rel_types]


def _chairs_in(spans: list[tuple[Any, int, int]], year: int) -> list[Any]:
    """The chairs of :func:`_chair_spans` that hold in ``year``, sorted by id."""
    return sorted({u for u, first, last in spans if active_in(first, last, year)}, key=str)


def minsk_bodies(G: nx.MultiDiGraph) -> list[Any]:
    """Bodies chaired through CHAIRS/CO_CHAIRS whose name or alias mentions Minsk.

    Falls back on every chaired body if none does. Made once per graph in a
    :func:`graph_loader.sharing.shared` block (the build's tables and report both read
    it: a pass over every relationship); do not change the list.
    """
    return derived(_minsk_bodies, G)


def _minsk_bodies(G: nx.MultiDiGraph) -> list[Any]:
    chaired = sorted(
        {v for _, v, _, d in edge_items(G) if d.get("type") in CHAIR_TYPES}, key=str
    )

    def mentions(n: Any) -> bool:
        d = G.nodes[n]
        words = [str(d.get("name", ""))] + [str(x) for x in d.get("aliases") or []]
        return any("minsk" in w.lower() for w in words)

    return [n for n in chaired if mentions(n)] or chaired


def chair_periods(G: nx.MultiDiGraph, body: Any) -> list[tuple[int, int | None, list[Any]]]:
    """Who chaired ``body`` when: ``(from_year, to_year or None, chair ids)`` periods.

    Built from the start and end years of the CHAIRS/CO_CHAIRS relationships into the
    body, using :func:`chairs_as_of` for each period; consecutive
    periods with the same chairs are merged, periods without a chair left out. An open
    last period has ``to_year`` None.
    """
    spans = _chair_spans(G, body)  # read once, not once per period
    cuts = set()
    for _, first, last in spans:
        if first != OPEN_START:
            cuts.add(int(first))
        if last != OPEN_END:
            cuts.add(int(last) + 1)
    if not cuts:
        chairs = _chairs_in(spans, 0)
        return [(0, None, chairs)] if chairs else []
    years = sorted(cuts)
    periods: list[tuple[int, int | None, list[Any]]] = []
    for i, y in enumerate(years):
        nxt = years[i + 1] - 1 if i + 1 < len(years) else None
        chairs = _chairs_in(spans, y)
        if periods and periods[-1][2] == chairs and periods[-1][1] == y - 1:
            periods[-1] = (periods[-1][0], nxt, chairs)
        elif chairs:
            periods.append((y, nxt, chairs))
    return periods
