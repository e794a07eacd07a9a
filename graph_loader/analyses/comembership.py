"""Co-membership: the two-mode member x organization network and its projection."""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
from networkx.algorithms import bipartite

from graph_loader.gcpause import without_gc
from graph_loader.graph import edge_items
from graph_loader.schema import Schema

#: The relationship type read as membership by default.
MEMBERSHIP_TYPE = "MEMBER_OF"


def _member_kinds(schema: Schema | None) -> set[str] | None:
    if schema is None:
        return None
    return {k.name for k in schema.kinds.values() if k.iso3} or None


def membership_network(
    G: nx.MultiDiGraph,
    schema: Schema | None,
    rel_type: str = MEMBERSHIP_TYPE,
    member_kinds: Collection[str] | None = None,
) -> nx.Graph:
    """The two-mode (bipartite) network of members and the bodies they belong to.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    schema : Schema or None
        The graph's schema, for the default ``member_kinds``.
    rel_type : str, optional
        The membership relationship type (default ``MEMBER_OF``).
    member_kinds : collection of str, optional
        Kinds of the members (the sources of ``rel_type`` kept). Default: the kinds the
        schema marks ``iso3: true`` (states); all kinds if there is no schema.

    Returns
    -------
    networkx.Graph
        Nodes with ``bipartite=0`` (members) or ``bipartite=1`` (organizations, i.e.
        targets), their node attributes copied; an edge per membership pair with
        ``relationships`` (sorted ids). A node that is both a member and an
        organization (an organization member of another) keeps ``bipartite=0`` only if
        its kind is a member kind; memberships between two organizations are dropped.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("arm", "cis", key="r1", type="MEMBER_OF")
    'r1'
    >>> B = membership_network(G, None)
    >>> B.nodes["arm"]["bipartite"], B.nodes["cis"]["bipartite"]
    (0, 1)
    """
    kinds = set(member_kinds) if member_kinds is not None else _member_kinds(schema)
    B = nx.Graph()
    for u, v, k, d in edge_items(G):
        if d.get("type") != rel_type or u == v:
            continue
        if kinds is not None and G.nodes[u].get("kind") not in kinds:
            continue
        if kinds is not None and G.nodes[v].get("kind") in kinds:
            continue
        if B.nodes.get(v, {}).get("bipartite") == 0 or B.nodes.get(u, {}).get("bipartite") == 1:
            continue
        if u not in B:  # once: re-adding would copy the same attributes again
            B.add_node(u, **G.nodes[u], bipartite=0)
        if v not in B:
            B.add_node(v, **G.nodes[v], bipartite=1)
        if B.has_edge(u, v):
            B[u][v]["relationships"].append(d.get("id", k))
        else:
            B.add_edge(u, v, relationships=[d.get("id", k)])
    for _, _, e in B.edges(data=True):
        e["relationships"].sort()
    return B


@without_gc
def comembership(
    G: nx.MultiDiGraph,
    schema: Schema | None,
    rel_type: str = MEMBERSHIP_TYPE,
    member_kinds: Collection[str] | None = None,
) -> nx.Graph:
    """Members tied by the organizations they share.

    The one-mode projection of :func:`membership_network` onto the members: an edge
    between two members for every pair sharing at least one organization, ``weight``
    = the number of shared organizations (``bipartite.weighted_projected_graph``).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    schema : Schema or None
        As in :func:`membership_network`.
    rel_type : str, optional
        The membership relationship type (default ``MEMBER_OF``).
    member_kinds : collection of str, optional
        As in :func:`membership_network`.

    Returns
    -------
    networkx.Graph
        Every member (also those sharing nothing), node attributes copied; edges with
        ``weight`` (int) and ``organizations`` (sorted list of shared organization ids).

    References
    ----------
    .. [1] Breiger, R. L. (1974). The duality of persons and groups.
       *Social Forces* 53(2), 181-190.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for s, o in [("arm", "cis"), ("aze", "cis"), ("arm", "osce"), ("aze", "osce")]:
    ...     _ = G.add_edge(s, o, type="MEMBER_OF")
    >>> P = comembership(G, None)
    >>> P["arm"]["aze"]["weight"], P["arm"]["aze"]["organizations"]
    (2, ['cis', 'osce'])
    """
    B = membership_network(G, schema, rel_type, member_kinds)
    members = [v for v, b in B.nodes(data="bipartite") if b == 0]
    if not members:
        return nx.Graph()
    P = bipartite.weighted_projected_graph(B, members)
    for u, v, e in P.edges(data=True):
        e["organizations"] = sorted(set(B[u]) & set(B[v]), key=str)
    return P
