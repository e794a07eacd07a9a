"""Communities: Louvain modularity maximization."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import networkx as nx

from graph_loader.analyses.backend import derived, seeded, to_igraph
from graph_loader.gcpause import without_gc
from graph_loader.graph import undirected

#: Default seed of the Louvain heuristic, so results are reproducible.
SEED = 42


def _key(v: Hashable) -> str:
    return str(v)


def sort_communities(communities: Iterable[Iterable[Hashable]]) -> list[set]:
    """Order communities by size (descending), then by their smallest member id."""
    sets = [set(c) for c in communities]
    return sorted(sets, key=lambda c: (-len(c), min(map(_key, c)) if c else ""))


@without_gc
def louvain(G: nx.Graph, seed: int = SEED, resolution: float = 1.0) -> list[set]:
    """Communities by Louvain modularity maximization, deterministic.

    The Louvain method greedily moves nodes between communities to increase modularity,
    then aggregates communities into nodes and repeats. A multigraph (e.g. from
    :func:`graph_loader.graph.build_graph`) is first reduced to
    :func:`graph_loader.graph.undirected`, weight = number of relationships; a simple
    graph is used as it is, with its ``weight`` attribute. Computed by igraph's
    ``community_multilevel`` (measured an order of magnitude faster than
    ``networkx.community.louvain_communities``), with igraph's random node order drawn
    from ``random.Random(seed)`` (:func:`~graph_loader.analyses.backend.seeded`): the
    same communities on every run. The partition can differ from networkx's (both are
    heuristics); its modularity is within
    :data:`~graph_loader.analyses.backend.MODULARITY_TOLERANCE` of networkx's or higher.

    Parameters
    ----------
    G : networkx.Graph
        The graph; directed graphs are treated as undirected.
    seed : int, optional
        Random seed of the node order (default :data:`SEED`).
    resolution : float, optional
        Modularity resolution; above 1 favours smaller communities.

    Returns
    -------
    list of set
        Communities sorted by size (descending), then by smallest member id (as str).
        Every node is in exactly one community; isolated nodes are singletons.

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. *J. Stat. Mech.* P10008.

    Examples
    --------
    Two triangles joined by one edge:

    >>> H = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> louvain(H)
    [{0, 1, 2}, {3, 4, 5}]
    """
    H = derived(undirected, G) if G.is_multigraph() else G
    if H.is_directed():
        H = H.to_undirected()
    if H.number_of_nodes() == 0:
        return []
    conv = to_igraph(H)
    with seeded(seed):
        found = conv.graph.community_multilevel(
            weights=conv.weights("weight"), resolution=resolution
        )
    return sort_communities({conv.nodes[i] for i in members} for members in found)


def community_of(communities: Iterable[Iterable[Hashable]]) -> dict:
    """Map each node to the index of its community.

    Parameters
    ----------
    communities : iterable of sets
        E.g. the output of :func:`louvain` (indices follow its order).

    Returns
    -------
    dict
        Node to community index (0 = the first, largest community).

    Examples
    --------
    >>> community_of([{"a", "b"}, {"c"}]) == {"a": 0, "b": 0, "c": 1}
    True
    """
    return {v: i for i, c in enumerate(communities) for v in c}
