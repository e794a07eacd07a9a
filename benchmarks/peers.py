"""The peers: networkx, igraph and rustworkx doing what the project's stages do.

Each comparison (an *op*) has a project side, run through the project's public
functions on the graph the project's own stages use, and one or more peers, run on the
same graph converted to the peer's own graph type (the conversion is timed apart, as
``convert_seconds``). :mod:`benchmarks.peer_stages` times them, each in a fresh
interpreter; :mod:`benchmarks.agreement` compares their values.

=============  ==============================================  ===========================
op             project                                         peers
=============  ==============================================  ===========================
csv_graph      ``validate`` + ``build_graph`` of the CSV files  polars + rustworkx
                                                               ``PyDiGraph``, polars +
                                                               igraph, pandas + networkx
                                                               ``from_pandas_edgelist``
louvain        ``louvain(undirected(G))``                      networkx
                                                               ``louvain_communities``,
                                                               igraph
                                                               ``community_multilevel``
pagerank       ``pagerank(influence_graph(G, schema))``        ``nx.pagerank``, igraph
                                                               ``pagerank``, rustworkx
                                                               ``pagerank``
constraint     ``constraint(undirected(G))``                   ``nx.constraint``, igraph
                                                               ``constraint``
betweenness    ``betweenness(undirected(G), exact_max=0)``:    ``nx.betweenness_centrality
               64 pivots at every size                         (k=64, seed=42)``, igraph
                                                               ``betweenness(sources=the
                                                               same 64 pivots)``
layout         ``compute_layout`` of the 400 actors the        ``nx.spring_layout``, igraph
               views draw (``cap_graph``)                      ``layout_fruchterman_
                                                               reingold``
=============  ==============================================  ===========================
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graph_loader.schema import Schema

#: Pivots of the sampled betweenness (the project's ``centrality.SAMPLES``) and their seed.
PIVOTS = 64
PIVOT_SEED = 42
#: Seed of the peers' Louvain (the project's ``communities.SEED``).
LOUVAIN_SEED = 42
#: Seed and iterations of the peers' layouts (the project's spring layout runs 120
#: iterations per component with seed ``views.layout.LAYOUT_SEED`` = 7).
LAYOUT_SEED = 7
LAYOUT_ITERATIONS = 120
#: ``nx.constraint`` of every node allocates dense n x n matrices (and multiplies them);
#: its per-node path (``nodes=``) costs about deg^3 per node (each normalised weight sums
#: over a neighbourhood again): ~3 hours at M. Above this many nodes networkx takes
#: the nodes one at a time in a random order (seed :data:`CONSTRAINT_SAMPLE_SEED`) until
#: :data:`CONSTRAINT_BUDGET_SECONDS` of CPU are spent, and its time is extrapolated
#: (x nodes / nodes done): an order of magnitude, not a measurement.
CONSTRAINT_FULL_MAX = 2_000
CONSTRAINT_BUDGET_SECONDS = 30.0
CONSTRAINT_SAMPLE_SEED = 42

#: The ops and their peers, in the order they run.
PEER_OPS: dict[str, tuple[str, ...]] = {
    "csv_graph": ("polars+rustworkx", "polars+igraph", "pandas+networkx"),
    "louvain": ("networkx", "igraph"),
    "pagerank": ("networkx", "igraph", "rustworkx"),
    "constraint": ("networkx", "igraph"),
    "betweenness": ("networkx", "igraph"),
    "layout": ("networkx", "igraph"),
}
#: Peers that have no equivalent, and why (said in the README and in results.md).
NO_PEER: dict[tuple[str, str], str] = {
    ("louvain", "rustworkx"): "rustworkx has no Louvain",
    ("constraint", "rustworkx"): "rustworkx has no Burt constraint",
    ("betweenness", "rustworkx"): "rustworkx's betweenness takes no pivots (exact only)",
    ("layout", "rustworkx"): "rustworkx's spring_layout is not compared",
}
#: The packages each peer imports (a peer whose package is missing is skipped).
PEER_PACKAGES: dict[str, tuple[str, ...]] = {
    "networkx": ("networkx",),
    "igraph": ("igraph",),
    "rustworkx": ("rustworkx",),
    "polars+rustworkx": ("polars", "rustworkx"),
    "polars+igraph": ("polars", "igraph"),
    "pandas+networkx": ("pandas", "networkx"),
}


def peer_stage(op: str, peer: str) -> str:
    """The stage name of ``peer`` doing ``op``: ``peer:<op>:<peer>``."""
    return f"peer:{op}:{peer}"


def parse_peer_stage(name: str) -> tuple[str, str] | None:
    """``(op, peer)`` of a peer stage name, else None."""
    parts = name.split(":", 2)
    if len(parts) == 3 and parts[0] == "peer" and parts[2] in PEER_OPS.get(parts[1], ()):
        return parts[1], parts[2]
    return None


# --------------------------------------------------------------------------- the project


def op_input(op: str, G: nx.MultiDiGraph, schema: Schema) -> nx.Graph:
    """The networkx graph ``op`` runs on, built as the project's stages build it (set-up)."""
    from graph_loader.graph import influence_graph, undirected

    if op in ("louvain", "constraint", "betweenness"):
        return undirected(G)
    if op == "pagerank":
        return influence_graph(G, schema)
    if op == "layout":
        from graph_loader.views import MAX_NODES, cap_graph, influence_scores

        H, _ = cap_graph(G, influence_scores(G, schema), MAX_NODES)
        return H
    raise KeyError(f"no graph input for op {op!r}")


def project_prepare(op: str, X: nx.Graph) -> None:
    """The conversion the project's analyses share (set-up, timed apart as the peers').

    In a build, :func:`graph_loader.analyses.run_all` converts each graph once, inside
    :func:`~graph_loader.analyses.backend.shared_conversions`, and every analysis on that
    graph reads the same conversion: the undirected graph's igraph form and weights
    serve betweenness, closeness, constraint and Louvain; the influence graph's walk
    serves PageRank; the layout reads the drawn graph's conversion (and turns it simple
    and splits it into components in igraph, inside the timed call). Called inside that
    block, this makes the conversion ``op`` reads, so the timed call is the analysis
    alone, as a peer's is its algorithm alone.
    """
    from graph_loader.analyses.backend import to_igraph

    if op in ("louvain", "constraint", "betweenness"):
        to_igraph(X).weights("weight")
    elif op == "pagerank":
        to_igraph(X).transition("weight")
    elif op == "layout":
        to_igraph(X)


def project_run(op: str, X: nx.Graph) -> Any:
    """The project's result of ``op`` on ``X`` (the timed call of the op's project stage)."""
    if op == "louvain":
        from graph_loader.analyses import louvain

        return louvain(X)
    if op == "pagerank":
        from graph_loader.analyses import pagerank

        return pagerank(X)
    if op == "constraint":
        from graph_loader.analyses import constraint

        return constraint(X)
    if op == "betweenness":
        from graph_loader.analyses import betweenness

        return betweenness(X, exact_max=0)  # sampled (64 pivots) at every size
    if op == "layout":
        from graph_loader.views import compute_layout

        return compute_layout(X)
    raise KeyError(f"no project function for op {op!r}")


# --------------------------------------------------------------------------- conversions


def _weights(X: nx.Graph) -> list[float]:
    return [float(w) for _, _, w in X.edges(data="weight", default=1.0)]


def to_igraph(X: nx.Graph) -> tuple[list[Hashable], Any]:
    """``X`` as an igraph ``Graph`` (vertex i = ``nodes[i]``, edge attribute ``weight``)."""
    import igraph as ig

    nodes = list(X)
    pos = {v: i for i, v in enumerate(nodes)}
    edges = [(pos[u], pos[v]) for u, v in X.edges()]
    g = ig.Graph(n=len(nodes), edges=edges, directed=X.is_directed(),
                 edge_attrs={"weight": _weights(X)})
    return nodes, g


def to_rustworkx(X: nx.Graph) -> tuple[list[Hashable], Any]:
    """``X`` as a rustworkx ``PyGraph``/``PyDiGraph`` (node i = ``nodes[i]``, edge payload =
    the weight)."""
    import rustworkx as rx

    nodes = list(X)
    g = rx.PyDiGraph(multigraph=False) if X.is_directed() else rx.PyGraph(multigraph=False)
    g.add_nodes_from(nodes)
    pos = {v: i for i, v in enumerate(nodes)}
    g.add_edges_from([(pos[u], pos[v], float(w))
                      for u, v, w in X.edges(data="weight", default=1.0)])
    return nodes, g


def simple_undirected(X: nx.Graph) -> nx.Graph:
    """``X`` without direction, parallel edges or self-loops (what ``compute_layout`` draws)."""
    S = nx.Graph()
    S.add_nodes_from(X)
    S.add_edges_from((u, v) for u, v in X.edges() if u != v)
    return S


# --------------------------------------------------------------------------- peers


@dataclass
class Prepared:
    """A peer ready to run: its native graph and the call that is timed.

    ``run()`` is the measured operation; ``result(raw)`` turns its output into the
    project's form (node-keyed dict, or list of node sets for Louvain), untimed.
    ``sampled``: the run covers only some of the ``nodes`` (as many as its result has
    keys), and its time is extrapolated to all of them.
    """

    run: Callable[[], Any]
    result: Callable[[Any], Any]
    nodes: int
    sampled: bool = False
    note: str = ""


def _by_index(nodes: Sequence[Hashable]) -> Callable[[Any], dict]:
    return lambda values: {v: float(x) for v, x in zip(nodes, values, strict=True)}


def pivots(X: nx.Graph, k: int = PIVOTS, seed: int = PIVOT_SEED) -> list[Hashable]:
    """The pivots networkx draws for ``betweenness_centrality(X, k, seed)`` (and the
    project's sampled betweenness): ``random.Random(seed).sample(list(X), k)``."""
    return random.Random(seed).sample(list(X), min(k, len(X)))


def betweenness_scale(n: int, k: int, is_pivot: bool) -> float:
    """The project's (and networkx >= 3.5's) normalisation of a pivot-sampled betweenness:
    ``1 / (k (n-2))``, or ``1 / ((k-1) (n-2))`` for a pivot (never its own source)."""
    if n <= 2:
        return 0.0
    if k == n:  # every node a pivot: the exact betweenness
        return 1.0 / ((n - 1) * (n - 2))
    if is_pivot:
        return 1.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan
    return 1.0 / (k * (n - 2))


def constraint_within(X: nx.Graph, order: Sequence[Hashable], budget: float) -> dict:
    """``nx.constraint`` of the nodes of ``order``, one at a time, until ``budget`` CPU
    seconds are spent (at least one node)."""
    import time

    out: dict = {}
    stop = time.process_time() + budget
    for v in order:
        out.update(nx.constraint(X, nodes=[v], weight="weight"))
        if time.process_time() >= stop:
            break
    return out


def prepare_networkx(op: str, X: nx.Graph) -> Prepared:
    """networkx's own function on ``X`` (no conversion)."""
    n = X.number_of_nodes()
    if op == "louvain":
        return Prepared(lambda: nx.community.louvain_communities(
            X, weight="weight", seed=LOUVAIN_SEED), lambda parts: [set(p) for p in parts], n)
    if op == "pagerank":
        return Prepared(lambda: nx.pagerank(X, alpha=0.85, weight="weight"), dict, n)
    if op == "constraint":
        if n <= CONSTRAINT_FULL_MAX:
            return Prepared(lambda: nx.constraint(X, weight="weight"), dict, n)
        order = random.Random(CONSTRAINT_SAMPLE_SEED).sample(list(X), n)
        return Prepared(
            lambda: constraint_within(X, order, CONSTRAINT_BUDGET_SECONDS), dict, n,
            sampled=True,
            note=f"nx.constraint of all {n:,} nodes needs dense {n:,} x {n:,} matrices and "
                 "its per-node path costs ~deg^3 per node: nodes in a random order (seed "
                 f"{CONSTRAINT_SAMPLE_SEED}) for {CONSTRAINT_BUDGET_SECONDS:.0f} s of CPU, "
                 "time extrapolated x nodes / nodes done",
        )
    if op == "betweenness":
        k = min(PIVOTS, n)
        return Prepared(lambda: nx.betweenness_centrality(X, k=k, seed=PIVOT_SEED), dict, n)
    if op == "layout":
        S = simple_undirected(X)
        return Prepared(lambda: nx.spring_layout(
            S, seed=LAYOUT_SEED, iterations=LAYOUT_ITERATIONS), dict, n)
    raise KeyError(f"networkx has no peer for {op!r}")


def prepare_igraph(op: str, X: nx.Graph) -> Prepared:
    """igraph on ``X`` converted by :func:`to_igraph` (the conversion is not in ``run``)."""
    if op == "layout":
        X = simple_undirected(X)
    nodes, g = to_igraph(X)
    n = len(nodes)
    if op == "louvain":
        def louvain() -> Any:
            random.seed(LOUVAIN_SEED)  # python-igraph draws from Python's random module
            return g.community_multilevel(weights="weight")

        def parts(clustering: Any) -> list[set]:
            return [{nodes[i] for i in members} for members in clustering]

        return Prepared(louvain, parts, n)
    if op == "pagerank":
        return Prepared(lambda: g.pagerank(directed=True, damping=0.85, weights="weight"),
                        _by_index(nodes), n)
    if op == "constraint":
        return Prepared(lambda: g.constraint(weights="weight"), _by_index(nodes), n)
    if op == "betweenness":
        piv = pivots(X)
        k = len(piv)
        pos = {v: i for i, v in enumerate(nodes)}
        sources = [pos[v] for v in piv]
        chosen = set(piv)
        # igraph counts each unordered pair once on an undirected graph; the project's
        # (networkx's) sampled sum counts each (pivot, target) pair: twice igraph's.
        factor = 1.0 if X.is_directed() else 2.0

        def scaled(raw: Sequence[float]) -> dict:
            return {v: float(x) * factor * betweenness_scale(n, k, v in chosen)
                    for v, x in zip(nodes, raw, strict=True)}

        return Prepared(lambda: g.betweenness(directed=X.is_directed(), sources=sources),
                        scaled, n)
    if op == "layout":
        def coords(layout: Any) -> dict:
            return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, layout.coords,
                                                                 strict=True)}

        def layout() -> Any:
            random.seed(LAYOUT_SEED)  # the random start positions
            return g.layout_fruchterman_reingold(niter=LAYOUT_ITERATIONS)

        return Prepared(layout, coords, n)
    raise KeyError(f"igraph has no peer for {op!r}")


def prepare_rustworkx(op: str, X: nx.Graph) -> Prepared:
    """rustworkx on ``X`` converted by :func:`to_rustworkx`."""
    import rustworkx as rx

    nodes, g = to_rustworkx(X)
    if op == "pagerank":
        return Prepared(lambda: rx.pagerank(g, alpha=0.85, weight_fn=float),
                        lambda ranks: {nodes[i]: float(x) for i, x in ranks.items()},
                        len(nodes))
    raise KeyError(f"rustworkx has no peer for {op!r}")


#: The conversion each peer of an analysis needs before it runs.
PREPARE: dict[str, Callable[[str, nx.Graph], Prepared]] = {
    "networkx": prepare_networkx,
    "igraph": prepare_igraph,
    "rustworkx": prepare_rustworkx,
}


# --------------------------------------------------------------------------- CSV -> graph


@dataclass
class Built:
    """A peer's graph built from the CSV files: the graph and its node and edge counts."""

    graph: Any
    nodes: int
    edges: int


def _polars_frames(data_dir: Path) -> tuple[Any, Any, Any]:
    """The actors and relationships as polars frames, and each relationship's end indices."""
    import polars as pl

    actors = pl.read_csv(data_dir / "actors.csv")
    rels = pl.read_csv(data_dir / "relationships.csv")
    index = pl.Series(range(actors.height), dtype=pl.Int64)
    ids = actors["id"]
    # The Series method, not the expression in a select: in polars 2.1 the expression on
    # the file's many chunks took 2.3 CPU s at L (1M rows, 100k actors), the method 0.1.
    ends = pl.DataFrame({end: rels[end].replace_strict(ids, index, return_dtype=pl.Int64)
                         for end in ("source", "target")})
    return actors, rels, ends


def csv_polars_rustworkx(data_dir: Path) -> Built:
    """polars reads the CSV files; a rustworkx multi-``PyDiGraph`` whose node and edge
    payloads are the rows as dicts (every column, as the project's graph keeps them)."""
    import rustworkx as rx

    actors, rels, ends = _polars_frames(data_dir)
    g = rx.PyDiGraph(multigraph=True)
    g.add_nodes_from(actors.to_dicts())
    g.add_edges_from(list(zip(ends["source"].to_list(), ends["target"].to_list(),
                              rels.to_dicts(), strict=True)))
    return Built(g, g.num_nodes(), g.num_edges())


def csv_polars_igraph(data_dir: Path) -> Built:
    """polars reads the CSV files; a directed igraph ``Graph`` with every column as a
    vertex or edge attribute."""
    import igraph as ig

    actors, rels, ends = _polars_frames(data_dir)
    edges = list(zip(ends["source"].to_list(), ends["target"].to_list(), strict=True))
    g = ig.Graph(
        n=actors.height, edges=edges, directed=True,
        vertex_attrs={c: actors[c].to_list() for c in actors.columns},
        edge_attrs={c: rels[c].to_list() for c in rels.columns},
    )  # fmt: skip
    return Built(g, g.vcount(), g.ecount())


def csv_pandas_networkx(data_dir: Path) -> Built:
    """pandas reads the CSV files; ``nx.from_pandas_edgelist`` into a ``MultiDiGraph``
    (every column an edge attribute, keyed by id), then the actors' rows as node
    attributes."""
    import pandas as pd

    actors = pd.read_csv(data_dir / "actors.csv")
    rels = pd.read_csv(data_dir / "relationships.csv")
    G = nx.from_pandas_edgelist(rels, "source", "target", edge_attr=True,
                                create_using=nx.MultiDiGraph, edge_key="id")
    G.add_nodes_from((row["id"], row) for row in actors.to_dict("records"))
    return Built(G, G.number_of_nodes(), G.number_of_edges())


CSV_PEERS: dict[str, Callable[[Path], Built]] = {
    "polars+rustworkx": csv_polars_rustworkx,
    "polars+igraph": csv_polars_igraph,
    "pandas+networkx": csv_pandas_networkx,
}
