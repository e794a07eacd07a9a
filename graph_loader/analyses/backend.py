"""The compute backend: igraph's C core where it is faster, networkx graphs in and out.

NetworkX stays the graph model and the public API: the analyses take networkx graphs
and return dicts and DataFrames keyed by node. Where python-igraph computes the same
definition faster (measured on the benchmark's M data), an analysis converts its graph
with :func:`to_igraph` and maps the results back by node (PageRank runs on the
conversion's sparse walk, :mod:`~graph_loader.analyses.markov`). Inside
:func:`shared_conversions` (:func:`graph_loader.sharing.shared`, which
:func:`graph_loader.analyses.run_all`,
:func:`~graph_loader.analyses.centrality.centrality_table` and
:func:`~graph_loader.analyses.holes.structural_holes` enter) a graph is converted once
and the conversion shared by the analyses; outside it every call converts afresh, so
a graph changed between two calls is never analysed through a stale copy.

igraph is imported lazily, inside the functions, so that the command line's start-up
(``graph-loader --help``, ``validate``, ``query``) does not load it.

The tolerances the backend is held to (tests/test_analyses_backend.py checks them
against networkx's own functions) are module constants: :data:`RTOL` for PageRank,
constraint and closeness, :data:`BETWEENNESS_RTOL` (exact up to rounding) for
betweenness, :data:`MODULARITY_TOLERANCE` for Louvain.
"""

from __future__ import annotations

import contextlib
import random
import weakref
from collections.abc import Iterator
from typing import Any

import networkx as nx

from graph_loader import sharing
from graph_loader.gcpause import gc_paused

#: Relative tolerance of PageRank, constraint and closeness against networkx's
#: definitions (``networkx.pagerank`` solved to convergence, ``networkx.constraint``,
#: ``networkx.closeness_centrality``).
RTOL = 1e-6
#: Relative tolerance of betweenness against ``networkx.betweenness_centrality`` (the
#: same shortest-path counts; floating-point rounding only).
BETWEENNESS_RTOL = 1e-9
#: How much lower the modularity of :func:`~graph_loader.analyses.communities.louvain`
#: may be than that of ``networkx.community.louvain_communities`` on the same graph
#: (absolute): both are Louvain heuristics with their own random node orders, so their
#: partitions can differ.
MODULARITY_TOLERANCE = 0.02


class Converted:
    """A networkx graph as an igraph graph.

    Attributes
    ----------
    graph : igraph.Graph
        Vertex ``i`` is ``nodes[i]``; one edge (arc, if directed) per adjacent pair
        (a multigraph's parallel edges are merged), self-loops kept, no attributes.
        Shared: never modify it (copy it first).
    nodes : list
        The networkx nodes, in the graph's node order.
    index : dict
        Node to vertex index.
    """

    def __init__(self, H: nx.Graph) -> None:
        from graph_loader.lightimports import igraph as _igraph

        igraph = _igraph()

        self._H = H
        self.nodes = list(H)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        self._eids: list[int] | None = None  # a multigraph's edges -> igraph edge ids
        self._weights: dict[str, list[float]] = {}
        self._walks: dict[str | None, Any] = {}
        self._edge_array: Any = None
        if H.is_multigraph():
            edges = self._merge_parallel()
        else:
            edges = self._edge_list()
        self.graph = igraph.Graph(len(self.nodes), edges, directed=H.is_directed())

    # A simple graph's edges in adjacency order (H.adjacency() gives networkx's own
    # dicts, several times quicker to walk than H.edges() or H.adj): every arc of a
    # directed graph, every edge of an undirected one once, from its lower index.

    def _edge_list(self) -> list[tuple[int, int]]:
        index = self.index
        if self._H.is_directed():
            return [(index[u], index[v]) for u, nbrs in self._H.adjacency() for v in nbrs]
        return [
            (i, j)
            for u, nbrs in self._H.adjacency()
            for i in (index[u],)
            for v in nbrs
            for j in (index[v],)
            if i <= j
        ]

    def _weight_list(self, weight: str) -> list[float]:
        index = self.index
        if self._H.is_directed():
            return [d.get(weight, 1) for _, nbrs in self._H.adjacency() for d in nbrs.values()]
        return [
            d.get(weight, 1)
            for u, nbrs in self._H.adjacency()
            for i in (index[u],)
            for v, d in nbrs.items()
            if i <= index[v]
        ]

    def _merge_parallel(self) -> list[tuple[int, int]]:
        """A multigraph's adjacent pairs (one edge each); sets ``_eids``."""
        index, directed = self.index, self._H.is_directed()
        pairs: dict[tuple[int, int], int] = {}
        eids = []
        for u, v in self._H.edges():
            a, b = index[u], index[v]
            key = (a, b) if directed or a <= b else (b, a)
            eids.append(pairs.setdefault(key, len(pairs)))
        self._eids = eids
        return list(pairs)

    def weights(self, weight: str | None) -> list[float] | None:
        """The edge weights for igraph's ``weights=``: ``H``'s edge attribute ``weight``
        (1 where it is missing, as networkx; summed over parallel edges), or None.
        Computed once per attribute."""
        if weight is None:
            return None
        if weight not in self._weights:
            with gc_paused():
                self._weights[weight] = self._weights_of(weight)
        return self._weights[weight]

    def _weights_of(self, weight: str) -> list[float]:
        if self._eids is None:
            return self._weight_list(weight)
        import numpy as np

        data = [float(x) for _, _, x in self._H.edges(data=weight, default=1)]
        return np.bincount(self._eids, weights=data, minlength=self.graph.ecount()).tolist()

    def adjacency(self) -> Any:
        """The graph's 0/1 adjacency matrix (``scipy.sparse.csr_array``), each edge
        stored once (as the arc ``u -> v`` for an edge ``(u, v)`` of the edge list)."""
        import numpy as np
        import scipy.sparse as sp

        n = len(self.nodes)
        E = self.edge_array()
        return sp.csr_array((np.ones(len(E)), (E[:, 0], E[:, 1])), shape=(n, n))

    def edge_array(self) -> Any:
        """The igraph edge list as an ``(m, 2)`` int64 numpy array, made once."""
        if self._edge_array is None:
            import numpy as np

            E = np.asarray(self.graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
            E.flags.writeable = False  # shared
            self._edge_array = E
        return self._edge_array

    def transition(self, weight: str | None) -> Any:
        """PageRank's walk on the graph (:func:`graph_loader.analyses.markov.transition`)
        along the arcs (both ways along an undirected edge), weighted by ``weight`` (1
        where missing), made once per attribute."""
        if weight not in self._walks:
            import numpy as np

            from graph_loader.analyses.markov import transition

            E = self.edge_array()
            w = np.asarray(self.weights(weight) or np.ones(len(E)), dtype=float)
            rows, cols = E[:, 0], E[:, 1]
            if not self.graph.is_directed():
                back = rows != cols  # a self-loop is one arc, as in networkx
                rows, cols = np.concatenate([rows, cols[back]]), np.concatenate([cols, rows[back]])
                w = np.concatenate([w, w[back]])
            self._walks[weight] = transition(len(self.nodes), rows, cols, w)
        return self._walks[weight]

    def by_node(self, values: Any) -> dict:
        """Per-vertex values as a dict keyed by the networkx nodes, as floats."""
        return {v: float(x) for v, x in zip(self.nodes, values, strict=True)}


_cache: weakref.WeakKeyDictionary[nx.Graph, Converted] = sharing.cache()
_derived = sharing._derived

#: Share each graph's :func:`to_igraph` conversion (and :func:`derived` graphs) within
#: the block: :func:`graph_loader.sharing.shared`.
#:
#: >>> H = nx.path_graph(3)
#: >>> with shared_conversions():
#: ...     to_igraph(H) is to_igraph(H)
#: True
shared_conversions = sharing.shared
derived = sharing.derived


def to_igraph(H: nx.Graph) -> Converted:
    """The igraph form of a networkx graph, converted once per graph in a shared block.

    Vertices follow ``H``'s node order; each adjacent pair becomes one igraph edge
    (arc, for a directed graph), so a multigraph's parallel edges are merged;
    :meth:`Converted.weights` gives the weights of any edge attribute, summed over
    parallel edges (networkx's adjacency matrix). Inside :func:`shared_conversions`
    the conversion is made once per graph object and shared; outside it every call
    converts afresh, so that a graph changed between two calls is never analysed
    through a stale copy.

    Parameters
    ----------
    H : networkx.Graph
        Any networkx graph (not modified).

    Returns
    -------
    Converted
        The igraph graph, the node list and the node index.

    Examples
    --------
    >>> c = to_igraph(nx.MultiGraph([("a", "b"), ("b", "a", {"weight": 2})]))
    >>> c.nodes, c.graph.get_edgelist(), c.weights("weight")
    (['a', 'b'], [(0, 1)], [3.0])
    """
    shared = sharing.active()
    conv = _cache.get(H) if shared else None
    if conv is None:
        with gc_paused():  # millions of small tuples at 1M edges, no cycles among them
            conv = Converted(H)
        if shared:
            _cache[H] = conv
    return conv


@contextlib.contextmanager
def seeded(seed: int | None) -> Iterator[None]:
    """Run igraph's randomized routines from a seed, for reproducible results.

    igraph draws from the random number generator set with
    ``igraph.set_random_number_generator`` (Python's :mod:`random` module by default).
    In the block it is a ``random.Random(seed)`` of its own, so the global
    :mod:`random` state is neither used nor changed; afterwards the default again.
    The generator is igraph's (process-wide): do not run seeded igraph routines in
    two threads at once.

    Parameters
    ----------
    seed : int or None
        The seed; None leaves igraph's generator as it is.

    Examples
    --------
    >>> g = to_igraph(nx.karate_club_graph()).graph
    >>> with seeded(1):
    ...     a = g.community_multilevel().membership
    >>> with seeded(1):
    ...     b = g.community_multilevel().membership
    >>> a == b
    True
    """
    if seed is None:
        yield
        return
    from graph_loader.lightimports import igraph as _igraph

    igraph = _igraph()

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)
