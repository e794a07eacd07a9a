"""Ego networks and the main actors."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

from graph_loader.analyses.centrality import RANK_DECIMALS, pagerank
from graph_loader.gcpause import without_gc
from graph_loader.graph import EdgeColumns, influence_graph
from graph_loader.schema import Schema
from graph_loader.sharing import derived


def ego_network(G: nx.MultiDiGraph, node: Hashable, radius: int = 1) -> nx.MultiDiGraph:
    """The neighbourhood of an actor.

    All actors within ``radius`` hops of ``node``, ignoring edge direction, and every
    relationship among them (the induced subgraph, so ties between two alters count).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    node : hashable
        The ego.
    radius : int, optional
        Number of hops (default 1).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph with node, edge and graph attributes copied; ``H.graph["ego"] = node``.

    Raises
    ------
    KeyError
        If ``node`` is not in ``G``.

    References
    ----------
    .. [1] Wasserman, S. & Faust, K. (1994). *Social Network Analysis*, sec. 2.3.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(ego_network(G, "b").nodes), sorted(ego_network(G, "b", radius=2).nodes)
    (['a', 'b', 'c'], ['a', 'b', 'c', 'd'])
    """
    if node not in G:
        raise KeyError(f"no actor {node!r} in the graph")
    H = nx.ego_graph(G, node, radius=radius, undirected=True).copy()
    H.graph.update(G.graph)
    H.graph["ego"] = node
    return H


@without_gc
def main_actors(
    G: nx.MultiDiGraph, schema: Schema, n: int = 8, pr: dict | None = None
) -> list[str]:
    """The ``n`` agents the graph documents most relationships for.

    The paper's main actors are the ones it says most about, so agents are
    ranked by degree (relationships of any type, in or out), with ties broken
    by PageRank on the influence graph and then by id. Only nodes whose kind
    the schema marks ``agent: true`` (states, organizations, bodies, offices,
    persons, groups) are ranked; nodes with no kind, or one the schema lacks, count
    as agents.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    schema : Schema
        The schema: which kinds are agents, and the influence graph's arcs.
    n : int, optional
        How many (default 8).
    pr : dict, optional
        Precomputed PageRank (node to value) for the tie-break; computed if omitted.

    Returns
    -------
    list of str
        Actor ids, highest degree first.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> schema = load_schema("data/schema.yaml")
    >>> G = nx.MultiDiGraph()
    >>> for s in ("arm", "aze", "geo"):
    ...     _ = G.add_edge(s, "cis", type="MEMBER_OF")
    >>> _ = G.add_edge("aze", "oic", type="MEMBER_OF")
    >>> main_actors(G, schema, n=2)
    ['cis', 'aze']
    """
    if pr is None:
        pr = pagerank(influence_graph(G, schema))

    def is_agent(v: object) -> bool:
        kind = G.nodes[v].get("kind")
        return kind not in schema.kinds or schema.kinds[kind].agent

    degree = _degrees(G)

    def key(v: object) -> tuple[int, float, str]:
        return (-degree[v], -round(pr.get(v, 0.0), RANK_DECIMALS), str(v))

    return sorted((v for v in G if is_agent(v)), key=key)[:n]


def _degrees(G: nx.MultiDiGraph) -> dict:
    """``dict(G.degree())``; for a multigraph from the shared relationship columns
    (:class:`graph_loader.graph.EdgeColumns`), not the degree view's per-node sums
    (1.5 s at a million relationships)."""
    if not G.is_multigraph():
        return dict(G.degree())
    cols = derived(EdgeColumns, G)
    n = len(cols.nodes)
    counts = np.bincount(cols.u, minlength=n) + np.bincount(cols.v, minlength=n)
    return dict(zip(cols.nodes, counts.tolist(), strict=True))
