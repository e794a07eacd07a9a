"""The dataset as a NetworkX graph, and the derived graphs the analyses use.

:func:`build_graph` turns a validated :class:`~graph_loader.model.Dataset` into a
``MultiDiGraph`` with one edge per relationship (keyed by the relationship id).
Every other graph here is derived from that one:

- :func:`undirected`: a simple undirected graph, ``weight`` = number of relationships.
- :func:`directed`: a simple directed graph of the stated relationships.
- :func:`influence_graph`: a weighted digraph built only from the schema's ``influence`` spec.
- :func:`signed_graph`: an undirected graph of the signed ties between agents (the types
  the schema declares ``signed: true``), +1 or -1; :func:`signed_ties` the relationships.
- :func:`as_of`: the relationships that hold in a given year; :func:`started_by`: those
  begun by a year. The one rule of time is :func:`relationship_years` (and
  :func:`actor_years`, :func:`holds`), built on :func:`graph_loader.model.span`.

:func:`edge_subgraph` keeps some relationships; :func:`influence_arcs` is the one
reading of the schema's ``influence`` spec (also used by the per-year measures).

Self-loops (a relationship from an actor to itself) are kept in the ``MultiDiGraph`` but
dropped from every derived graph: they carry no information about ties between actors.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np

from graph_loader import model
from graph_loader.gcpause import without_gc
from graph_loader.model import Dataset, Projection, fields
from graph_loader.schema import RelType, Schema
from graph_loader.sharing import derived

#: Factor applied to the influence weight of relationships whose certainty is
#: ``implied`` (the paper suggests rather than states them).
IMPLIED_WEIGHT = 0.5

#: The edge attributes: every relationship field but the two ends (the edge's endpoints).
EDGE_ATTRS = tuple(f.name for f in fields(None, "relationship") if f.role != "end")


@without_gc
def build_graph(ds: Dataset) -> nx.MultiDiGraph:
    """Build the relationship graph of a dataset.

    Nodes are actor ids with the other actor fields as attributes (``name, kind, aliases
    (list), iso3, description`` and any that schema.yaml adds). Each relationship is one
    edge ``(source, target, key=relationship id)`` with its fields but the ends as
    attributes (:data:`EDGE_ATTRS`, then schema.yaml's); ``start``/``end`` are ISO partial dates as
    strings (``""`` if unknown) and ``start_year``/``end_year`` ints or ``None``;
    ``cites_ref`` is the ``sources.csv`` id of ``cites`` (``""`` if nothing is cited).
    Symmetric relationship types are stored once, as given, with ``symmetric=True``.

    Parameters
    ----------
    ds : Dataset
        A validated dataset.

    Returns
    -------
    networkx.MultiDiGraph
        With ``G.graph["schema"]`` (the :class:`~graph_loader.schema.Schema`) and
        ``G.graph["sources"]`` (dict of source id to :class:`~graph_loader.model.Source`).

    Raises
    ------
    ValueError
        If a relationship names an actor or a type the dataset does not define.

    Examples
    --------
    >>> from graph_loader.model import Actor, Dataset, Relationship
    >>> from graph_loader.schema import load_schema
    >>> actors = {a: Actor(a, a.upper(), "State") for a in ("arm", "aze")}
    >>> r1 = Relationship("r1", "arm", "IN_CONFLICT_WITH", "aze", None, None, "", "", "p")
    >>> ds = Dataset(load_schema("data/schema.yaml"), actors=actors, relationships=[r1])
    >>> G = build_graph(ds)
    >>> G.edges["arm", "aze", "r1"]["polarity"], G.edges["arm", "aze", "r1"]["symmetric"]
    (-1, True)
    """
    schema = ds.schema
    G = nx.MultiDiGraph(schema=schema, sources=dict(ds.sources))
    node_attrs = Projection(schema, (f for f in fields(schema, "actor") if f.role != "key"))
    edge_attrs = Projection(schema, (f for f in fields(schema, "relationship") if f.role != "end"))
    _add_nodes(G, list(ds.actors.values()), node_attrs)
    # The edges go straight into the adjacency dicts, as add_edge(u, v, key, **attrs)
    # leaves them: succ[u][v] and pred[v][u] are one dict of key -> attributes. Through
    # add_edge this took twice as long (its views and checks, per edge); the attribute
    # dicts are made first, in one pass (at 1M edges, 1 s less than one pass for both).
    succ, pred = G._succ, G._pred
    try:
        attrs, (us, vs, ids) = _edge_attrs(ds, edge_attrs)  # KeyError: an unknown type
        # Each end's adjacency dict looked up by map, at C speed (KeyError: an unknown
        # actor), and a first pair tested with ``in``: ~0.5 s less at 1M edges than
        # succ[u] and out.get(v) in the loop.
        for out, into, u, v, key, d in zip(map(succ.__getitem__, us), map(pred.__getitem__, vs),
                                           us, vs, ids, attrs, strict=True):
            if v not in out:
                out[v] = into[u] = {key: d}
            elif key in (keys := out[v]):  # the same id twice between the same actors:
                keys[key].update(d)  # add_edge updates
            else:
                keys[key] = d
    except KeyError:
        _refuse(ds)  # names the first relationship it cannot add
        raise
    return G


def _edge_attrs(
    ds: Dataset, attrs: Projection
) -> tuple[list[dict[str, Any]], tuple[Sequence[str], Sequence[str], Sequence[str]]]:
    """Each relationship's attribute dict, and the columns of their sources, targets and
    ids: the dataset's own while it has made no records (:meth:`Dataset.from_columns`)."""
    dicts = list(ds.project_relationships(attrs))
    columns = ds.relationship_columns()
    if columns is None:
        rels = ds.relationships
        return dicts, ([r.source for r in rels], [r.target for r in rels], [r.id for r in rels])
    return dicts, (columns["source"], columns["target"], columns["id"])


def _add_nodes(G: nx.MultiDiGraph, actors: list[model.Actor], attrs: Projection) -> None:
    """Add the actors to the new graph ``G`` as ``add_node(a.id, **attrs(a))`` does.

    Written straight into the node and adjacency dicts when the ids are distinct
    (:func:`_put_nodes`, as :func:`_like` does): a third of the time at 100k actors.
    Repeated ids (a dataset built by hand) go through add_node, which updates the first
    node's attributes.
    The graph is new: no cache to clear (``nx._clear_cache``).
    """
    ids = [a.id for a in actors]
    distinct = set(ids)
    if len(distinct) != len(ids) or None in distinct:  # add_node refuses None
        for n, a in zip(ids, actors, strict=True):
            G.add_node(n, **attrs(a))
        return
    _put_nodes(G, ids, map(attrs, actors))


def _put_nodes(H: nx.Graph, ids: list, attrs: Iterable[dict]) -> None:
    """Write nodes ``ids`` (distinct, not None) with their attribute dicts straight into
    the new graph ``H``'s node and adjacency dicts, as ``add_node`` leaves them."""
    H._node.update(zip(ids, attrs, strict=True))
    H._adj.update((n, {}) for n in ids)  # a directed graph's _succ is its _adj
    if H.is_directed():
        H._pred.update((n, {}) for n in ids)


def _refuse(ds: Dataset) -> None:
    """Raise build_graph's ValueError for the first relationship it cannot add, if any."""
    types = ds.schema.relationship_types
    for r in ds.relationships:
        for end in (r.source, r.target):
            if end not in ds.actors:
                raise ValueError(f"relationship {r.id}: unknown actor {end!r}")
        if r.type not in types:
            raise ValueError(f"relationship {r.id}: unknown type {r.type!r}")


def _copy_nodes(G: nx.Graph, H: nx.Graph, nodes: Iterable | None = None) -> None:
    for n in G.nodes if nodes is None else nodes:
        H.add_node(n, **G.nodes[n])


def _like(G: nx.Graph, cls: type[nx.Graph]) -> nx.Graph:
    """A new ``cls`` with ``G``'s graph attributes and all its nodes, without edges."""
    H = cls(**G.graph)
    if H.is_multigraph():
        _copy_nodes(G, H)
        return H
    # as add_node(n, **attrs) leaves them, written at once (a fifth of the time at L)
    _put_nodes(H, list(G._node), map(dict, G._node.values()))
    return H


# The derived graphs are written straight into networkx's adjacency dicts, as
# add_edge(a, b, weight=w) leaves them (as build_graph does): through has_edge and
# add_edge per relationship they took 0.9-1.1 s at 100k relationships, most of the
# analyses' graph building.


def _add_arc(succ: dict, pred: dict, a: Any, b: Any, w: float) -> None:
    """Add ``w`` to the ``weight`` of arc ``a -> b`` of a DiGraph's ``_succ``/``_pred``."""
    d = succ[a].get(b)
    if d is None:
        succ[a][b] = pred[b][a] = {"weight": w}
    else:
        d["weight"] += w


class EdgeColumns:
    """A multigraph's relationships as columns, in the order of ``G.edges()``.

    Reading a relationship's attribute dict costs about a microsecond, most of it
    waiting for memory (a million dicts do not fit in the caches), so the columns the
    analyses use are read in one pass and shared (:func:`graph_loader.sharing.derived`).

    Attributes
    ----------
    nodes : list
        ``G``'s nodes, in order; ``u`` and ``v`` index into it.
    u, v : numpy.ndarray
        Each relationship's source and target, as node indices (int64).
    data : list of dict
        Each relationship's attribute dict (``G``'s own: do not change them).
    type_names : list of str
        The relationship types present, in order of first appearance.
    type_code : numpy.ndarray
        Each relationship's type, as an index into ``type_names``.
    implied, symmetric : numpy.ndarray
        Whether each relationship's certainty is ``implied``; whether it is symmetric.
    start_year, end_year : list of int or None
        Each relationship's own years.
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.nodes = list(G.nodes)
        pos = {n: i for i, n in enumerate(self.nodes)}
        # One pass over the adjacency: each pair's target and count of relationships,
        # then the ends by np.repeat. The dicts of a million relationships are scattered
        # in memory; the three passes this replaced (u, v, data) took ~2.5 s at L, ~1.5.
        targets: list[int] = []
        counts: list[int] = []
        degrees: list[int] = []
        self.data: list[dict] = []
        add_target, add_count, add_data = targets.append, counts.append, self.data.extend
        for nbrs in G._adj.values():
            out = 0
            for v, keys in nbrs.items():
                add_target(pos[v])
                add_count(m := len(keys))
                add_data(keys.values())
                out += m
            degrees.append(out)
        self.u = np.repeat(np.arange(len(self.nodes), dtype=np.int64), degrees)
        self.v = np.repeat(_ints(targets), counts)
        self.u.flags.writeable = self.v.flags.writeable = False  # shared by the analyses

    @functools.cached_property
    def _attrs(self) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, list, list]:
        rows = [
            (d.get("type", ""), d.get("certainty") == "implied", bool(d.get("symmetric")),
             d.get("start_year"), d.get("end_year"))
            for d in self.data
        ]  # one pass over the dicts for all five
        types, implied, symmetric, starts, ends = (
            [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(5)]
        )
        names = list(dict.fromkeys(types))
        code = {t: i for i, t in enumerate(names)}
        arrays = (_ints([code[t] for t in types]), np.array(implied, dtype=bool),
                  np.array(symmetric, dtype=bool))
        for a in arrays:
            a.flags.writeable = False
        return (names, *arrays, starts, ends)

    @property
    def type_names(self) -> list[str]:
        return self._attrs[0]

    @property
    def type_code(self) -> np.ndarray:
        return self._attrs[1]

    @property
    def implied(self) -> np.ndarray:
        return self._attrs[2]

    @property
    def symmetric(self) -> np.ndarray:
        return self._attrs[3]

    @property
    def start_year(self) -> list[int | None]:
        return self._attrs[4]

    @property
    def end_year(self) -> list[int | None]:
        return self._attrs[5]



def _ints(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def influence_columns(
    cols: EdgeColumns, schema: Schema, implied_weight: float = IMPLIED_WEIGHT
) -> dict[str, np.ndarray]:
    """The influence arcs (:func:`influence_arcs`) of every relationship but self-loops.

    Parameters
    ----------
    cols : EdgeColumns
        The relationships.
    schema : Schema
        For the types' ``influence``.
    implied_weight : float, optional
        Factor for ``implied`` relationships.

    Returns
    -------
    dict of numpy.ndarray
        ``arc_rel`` (the relationship's index), ``arc_a`` -> ``arc_b`` (node indices)
        and weight ``arc_w``, in relationship order, then in :func:`influence_arcs`'
        order: the order :func:`influence_graph` adds them in.
    """
    types = schema.relationship_types
    ends = (cols.u, cols.v)
    between = cols.u != cols.v
    rel, nth, a, b, w = [], [], [], [], []
    for code, rtype in enumerate(cols.type_names):
        of_type = between & (cols.type_code == code)
        for implied in (False, True):
            at = np.flatnonzero(of_type & (cols.implied == implied))
            if not len(at):
                continue
            d = {"type": rtype, "certainty": "implied" if implied else ""}
            for k, (i, j, weight) in enumerate(influence_arcs(types, 0, 1, d, implied_weight)):
                rel.append(at)
                nth.append(np.full(len(at), k))
                a.append(ends[i][at])
                b.append(ends[j][at])
                w.append(np.full(len(at), weight, dtype=float))
    if not rel:
        empty = _ints([])
        return {"arc_rel": empty, "arc_a": empty, "arc_b": empty, "arc_w": np.zeros(0)}
    r, nths = np.concatenate(rel), np.concatenate(nth)
    order = np.lexsort((nths, r))
    return {
        "arc_rel": r[order],
        "arc_a": np.concatenate(a)[order],
        "arc_b": np.concatenate(b)[order],
        "arc_w": np.concatenate(w)[order],
    }


def _first_seen(keys: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ``keys`` in order of first appearance, and the sum of ``weights`` of
    each; the sums add in array order, as one ``+=`` after another."""
    uniq, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    total = np.bincount(inverse, weights=weights, minlength=len(uniq))
    order = np.argsort(first, kind="stable")
    return uniq[order], total[order]


def edge_items(G: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, Any, dict]]:
    """``(u, v, key, data)`` of every edge, as ``G.edges(keys=True, data=True)`` lists them.

    Every full pass over the relationships should use it: at a million relationships each
    pass through the edge view costs about 2 s more.

    A ``MultiDiGraph``'s edges are read straight from its adjacency (the same dicts, in the
    same order), without the edge view's per-edge generator: ~2.5x faster (100,000 edges:
    0.14 -> 0.06 s).
    """
    if isinstance(G, nx.MultiDiGraph):
        return (
            (u, v, k, d)
            for u, nbrs in G._succ.items()
            for v, keys in nbrs.items()
            for k, d in keys.items()
        )
    if G.is_multigraph():
        return iter(G.edges(keys=True, data=True))
    return ((u, v, None, d) for u, v, d in G.edges(data=True))  # a simple graph: no keys


def edge_subgraph(
    G: nx.MultiDiGraph,
    edges: Iterable[tuple[Any, Any, Any, dict]],
    nodes: Iterable | None = None,
) -> nx.MultiDiGraph:
    """A new graph of some of ``G``'s relationships, with ``G.graph`` copied.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph the relationships come from (for node attributes).
    edges : iterable of (u, v, key, dict)
        The relationships to keep, with their attributes (as ``G.edges(keys=True,
        data=True)`` yields them, filtered or changed).
    nodes : iterable, optional
        Actors to keep even without a relationship; by default only those the kept
        relationships touch, in the order they are first touched.

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> sorted(edge_subgraph(G, (e for e in G.edges(keys=True, data=True) if "a" in e)))
    ['a', 'b']
    """
    H = nx.MultiDiGraph(**G.graph)
    if nodes is not None:
        _copy_nodes(G, H, nodes)
    for u, v, k, d in edges:
        for n in (u, v):
            if n not in H:
                H.add_node(n, **G.nodes[n])
        H.add_edge(u, v, key=k, **d)
    return H


def induced_subgraph(G: nx.Graph, nodes: Iterable) -> nx.Graph:
    """A copy of ``G`` with only ``nodes`` and the edges among them, in ``G``'s node order.

    ``G.subgraph(nodes).copy()`` lists a node set smaller than half of ``G`` in the
    order of a Python set, which changes from run to run with the string hash seed, and
    so does a multigraph view's list of a node's neighbours when the node has more than
    twice as many as the set has nodes; a layout seeded from that order then differed
    between two builds of the same data. Here nodes and edges follow ``G``'s own order, as
    ``G.edges(order)`` lists them.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> H = induced_subgraph(G, {"c", "a", "b"})
    >>> list(H), list(H.edges())
    (['a', 'b', 'c'], [('a', 'b'), ('b', 'c')])
    """
    keep = set(nodes)
    order = [n for n in G if n in keep]
    H = G.__class__(**G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in order)
    H.add_edges_from(_edges_among(G, order, keep))
    return H


def _edges_among(G: nx.Graph, order: list, keep: set) -> Iterator[tuple]:
    """The edges of ``G`` between nodes of ``keep``, as ``G.edges(order, keys=True,
    data=True)`` (or without keys) lists them: each node's neighbours in ``G``'s
    adjacency order, an undirected edge once, from the first of its ends listed."""
    done: set = set()
    multi, directed = G.is_multigraph(), G.is_directed()
    for u in order:
        for v, d in G._adj[u].items():
            if v not in keep or v in done:
                continue
            if multi:
                yield from ((u, v, k, kd) for k, kd in d.items())
            else:
                yield u, v, d
        if not directed:
            done.add(u)


@without_gc
def undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph of who is related to whom.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`build_graph` (or any multigraph).

    Returns
    -------
    networkx.Graph
        All nodes of ``G`` with their attributes; an edge ``{u, v}`` for every pair with at
        least one relationship in either direction, ``weight`` = the number of such
        relationships. Self-loops are dropped.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    >>> H = undirected(G)
    >>> H["a"]["b"]["weight"], H["b"]["c"]["weight"]
    (2, 1)
    """
    H = _like(G, nx.Graph)
    adj = H._adj
    for u, nbrs in G.adjacency():  # as G.edges(), grouped by pair: the same edge order
        au = adj[u]
        for v, keys in nbrs.items():  # the relationships' own dicts are never read
            if u == v:
                continue
            d = au.get(v)
            if d is None:
                au[v] = adj[v][u] = {"weight": len(keys)}
            else:
                d["weight"] += len(keys)
    return H


def directed(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The simple directed graph of the relationships as stated.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`build_graph`.

    Returns
    -------
    networkx.DiGraph
        All nodes of ``G``; an arc ``u -> v`` for every pair with at least one relationship
        from ``u`` to ``v``, ``weight`` = the number of them. A relationship with
        ``symmetric=True`` yields arcs both ways. Self-loops are dropped.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", symmetric=True)
    0
    >>> sorted(directed(G).edges())
    [('a', 'b'), ('b', 'a')]
    """
    D = _like(G, nx.DiGraph)
    succ, pred = D._succ, D._pred
    for u, v, sym in G.edges(data="symmetric", default=False):
        if u == v:
            continue
        for a, b in ((u, v), (v, u)) if sym else ((u, v),):
            _add_arc(succ, pred, a, b, 1)
    return D


@without_gc
def influence_graph(
    G: nx.MultiDiGraph, schema: Schema, implied_weight: float = IMPLIED_WEIGHT
) -> nx.DiGraph:
    """The weighted digraph of who confers influence on whom, for PageRank.

    Derived only from the schema: for each relationship ``s -[T]-> t`` with
    ``T.influence.toward`` equal to

    - ``target``: an arc ``s -> t`` (``t`` gains influence),
    - ``source``: an arc ``t -> s``,
    - ``both``: both arcs,
    - ``none``: nothing,

    each carrying ``T.influence.weight``, multiplied by ``implied_weight`` if the
    relationship's certainty is ``implied``. Weights of parallel arcs are summed.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`build_graph`.
    schema : Schema
        The schema the graph conforms to (for the relationship types' ``influence``).
    implied_weight : float, optional
        Factor for ``implied`` relationships (default :data:`IMPLIED_WEIGHT`).

    Returns
    -------
    networkx.DiGraph
        All nodes of ``G`` (so every actor gets a PageRank); arcs with attribute ``weight``.
        Self-loops are dropped.

    Examples
    --------
    MEMBER_OF feeds influence toward its target, CHAIRS toward its source:

    >>> from graph_loader.schema import load_schema
    >>> schema = load_schema("data/schema.yaml")
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("arm", "csto", key="r1", type="MEMBER_OF", certainty="stated")
    'r1'
    >>> G.add_edge("fra", "mg", key="r2", type="CHAIRS", certainty="implied")
    'r2'
    >>> sorted(influence_graph(G, schema).edges(data="weight"))
    [('arm', 'csto', 1.0), ('mg', 'fra', 1.0)]
    """
    D = _like(G, nx.DiGraph)
    cols = derived(EdgeColumns, G)
    arcs = influence_columns(cols, schema, implied_weight)
    nodes, n = cols.nodes, len(cols.nodes)
    pairs, weight = _first_seen(arcs["arc_a"] * n + arcs["arc_b"], arcs["arc_w"])
    succ, pred = D._succ, D._pred
    for key, w in zip(pairs.tolist(), weight.tolist(), strict=True):
        a, b = nodes[key // n], nodes[key % n]
        succ[a][b] = pred[b][a] = {"weight": w}  # as add_edge leaves them, in arc order
    return D


#: Which way each ``influence.toward`` sends influence: pairs of indices into (u, v).
_TOWARD = {"target": ((0, 1),), "source": ((1, 0),), "both": ((0, 1), (1, 0)), "none": ()}


def influence_arcs(
    types: Mapping[str, RelType], u: Any, v: Any, d: dict, implied_weight: float = IMPLIED_WEIGHT
) -> list[tuple[Any, Any, float]]:
    """The influence arcs ``(from, to, weight)`` of one relationship ``u -> v``.

    Parameters
    ----------
    types : mapping of str to RelType
        The schema's relationship types.
    u, v : Any
        The relationship's source and target (ids, or indices in an array).
    d : dict
        Its attributes: ``type`` and ``certainty``.
    implied_weight : float, optional
        Factor for ``implied`` relationships.

    Returns
    -------
    list of (Any, Any, float)
        None, one or two arcs, as :func:`influence_graph` describes.
    """
    infl = types[d["type"]].influence
    w = infl.weight * (implied_weight if d.get("certainty") == "implied" else 1.0)
    ends = (u, v)
    return [(ends[i], ends[j], w) for i, j in _TOWARD[infl.toward]]


def is_signed_tie(G: nx.MultiDiGraph, schema: Schema, u: Any, v: Any, d: dict) -> bool:
    """Whether the relationship ``u -> v`` (attributes ``d``) is a signed tie between agents.

    True when its type is declared ``signed: true`` in the schema and both ends are
    agents (:meth:`~graph_loader.schema.Schema.is_agent`); self-loops are not ties.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> schema = load_schema("data/schema.yaml")
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("arm", {"kind": "State"}), ("aze", {"kind": "State"}),
    ...                   ("nk", {"kind": "Conflict"}), ("cis", {"kind": "Organization"})])
    >>> [is_signed_tie(G, schema, u, v, {"type": t}) for u, t, v in [
    ...     ("arm", "IN_CONFLICT_WITH", "aze"), ("arm", "MEMBER_OF", "cis"),
    ...     ("cis", "CONDEMNS", "nk")]]
    [True, False, False]
    """
    rt = schema.relationship_types.get(d.get("type", ""))
    return (
        rt is not None
        and rt.signed
        and u != v
        and schema.is_agent(G.nodes[u].get("kind"))
        and schema.is_agent(G.nodes[v].get("kind"))
    )


def signed_ties(G: nx.MultiDiGraph, schema: Schema) -> nx.MultiDiGraph:
    """The relationships that are signed ties between agents (:func:`is_signed_tie`).

    The relationships behind :func:`signed_graph`, as stated (for the signed view).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`build_graph`.
    schema : Schema
        Declares which types are signed ties and which kinds are agents.

    Returns
    -------
    networkx.MultiDiGraph
        Only the actors the kept relationships touch (:func:`edge_subgraph`).
    """
    return edge_subgraph(G, _signed_ties(G, schema))


def signed_tie_test(G: nx.MultiDiGraph, schema: Schema) -> Callable[[Any, Any, dict], bool]:
    """:func:`is_signed_tie` for the relationships of ``G`` as ``test(u, v, d)``, with the
    schema read once per type and kind rather than once per relationship.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("arm", {"kind": "State"}), ("aze", {"kind": "State"})])
    >>> signed_tie_test(G, load_schema("data/schema.yaml"))("arm", "aze",
    ...                                                       {"type": "IN_CONFLICT_WITH"})
    True
    """
    signed = {t for t, rt in schema.relationship_types.items() if rt.signed}
    kinds = {d.get("kind") for _, d in G.nodes(data=True)}
    agent_kind = {k: schema.is_agent(k) for k in kinds}
    agent = {n: agent_kind[d.get("kind")] for n, d in G.nodes(data=True)}
    return lambda u, v, d: d.get("type", "") in signed and u != v and agent[u] and agent[v]


def _signed_ties(G: nx.MultiDiGraph, schema: Schema) -> Iterator[tuple[Any, Any, Any, dict]]:
    """``(u, v, key, attributes)`` of every signed tie, in the order of ``G.edges``."""
    test = signed_tie_test(G, schema)
    return ((u, v, k, d) for u, v, k, d in edge_items(G) if test(u, v, d))


@without_gc
def signed_graph(G: nx.MultiDiGraph, schema: Schema) -> nx.Graph:
    """The undirected signed graph of the ties of affect and conflict between agents.

    Only the relationship types the schema declares ``signed: true`` count (alliance,
    support, aid, cooperation, alignment; conflict, rivalry, pressure, exclusion,
    condemnation, leaving a sphere of influence), and only between two agents
    (:func:`is_signed_tie`); each counts with its type's ``polarity`` as sign.
    Memberships, chairs, participation and documents are not ties of this kind, even
    when their polarity is +1. For each pair the edge ``sign`` is the sign of the sum
    of the polarities of its relationships. When a pair has both positive and negative
    relationships the edge is flagged ``conflicting=True``, keeps both counts in
    ``positive`` and ``negative``, and a tie (sum 0) resolves to ``sign=-1``: an open
    conflict is taken to dominate formal cooperation.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`build_graph`.
    schema : Schema
        Declares which types are signed ties and which kinds are agents.

    Returns
    -------
    networkx.Graph
        All nodes of ``G``; edges with attributes ``sign`` (+1 or -1), ``positive`` and
        ``negative`` (relationship counts), ``conflicting`` (bool), ``types`` (sorted list
        of relationship types) and ``relationships`` (sorted list of relationship ids).
        Self-loops are dropped.

    References
    ----------
    .. [1] Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of
       Heider's theory. *Psychological Review* 63(5), 277-293.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="r1", id="r1", type="ALLY_OF")
    'r1'
    >>> G.add_edge("b", "a", key="r2", id="r2", type="IN_CONFLICT_WITH")
    'r2'
    >>> G.add_edge("a", "c", key="r3", id="r3", type="MEMBER_OF")
    'r3'
    >>> S = signed_graph(G, load_schema("data/schema.yaml"))
    >>> S["a"]["b"]["sign"], S["a"]["b"]["conflicting"], S.has_edge("a", "c")
    (-1, True, False)
    """
    types = schema.relationship_types
    S = _like(G, nx.Graph)
    for u, v, k, d in _signed_ties(G, schema):
        pol = types[d["type"]].polarity
        if not S.has_edge(u, v):
            S.add_edge(u, v, positive=0, negative=0, types=set(), relationships=[])
        e = S[u][v]
        e["positive" if pol > 0 else "negative"] += 1
        e["types"].add(d["type"])
        e["relationships"].append(d.get("id", k))
    for _, _, e in S.edges(data=True):
        total = e["positive"] - e["negative"]
        e["sign"] = 1 if total > 0 else -1
        e["conflicting"] = bool(e["positive"] and e["negative"])
        e["types"] = sorted(e["types"])
        e["relationships"] = sorted(e["relationships"])
    return S


def year_range(G: nx.MultiDiGraph) -> tuple[int, int]:
    """The first and last year named by any relationship's start or end.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`build_graph`.

    Returns
    -------
    tuple of int
        ``(min, max)`` over all ``start_year`` and ``end_year`` values.

    Raises
    ------
    ValueError
        If no relationship is dated.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", start_year=1991, end_year=None)
    0
    >>> G.add_edge("a", "c", start_year=None, end_year=2020)
    0
    >>> year_range(G)
    (1991, 2020)
    """
    # the edges' dicts from the adjacency (an undirected edge twice: min and max agree);
    # through G.edges(data=True) this took twice as long
    if G.is_multigraph():
        dicts = (d for _, nbrs in G.adjacency() for keys in nbrs.values() for d in keys.values())
    else:
        dicts = (d for _, nbrs in G.adjacency() for d in nbrs.values())
    years = [y for d in dicts for y in (d.get("start_year"), d.get("end_year")) if y is not None]
    if not years:
        raise ValueError("no relationship in the graph has a start or end year")
    return min(years), max(years)


def time_range(G: nx.MultiDiGraph) -> tuple[int, int]:
    """The years one may ask about: from the data's first year (:func:`year_range`) to
    the paper's last (the end of :data:`graph_loader.model.YEARS`, 2024) or later data.

    Raises
    ------
    ValueError
        If no relationship is dated.
    """
    lo, hi = year_range(G)
    return lo, max(hi, model.YEARS[-1])


def actor_years(G: nx.Graph, n: Any) -> tuple[int, int]:
    """The first and last year actor ``n`` exists: its lifespan (:func:`graph_loader.model.span`
    of its ``start_year`` and ``end_year``, an unknown bound open).

    Public for the exports: the GEXF writer's node spells are these years.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ussr", start_year=None, end_year=1991)
    >>> actor_years(G, "ussr")[1]
    1991
    """
    d = G.nodes[n]
    return model.span(d.get("start_year"), d.get("end_year"))


def relationship_years(G: nx.Graph, u: Any, v: Any, d: dict) -> tuple[int, int]:
    """The first and last year the relationship ``u -> v`` (attributes ``d``) holds.

    The one rule of time (:func:`graph_loader.model.span`): within its own dates and
    while both endpoints exist (:func:`actor_years`), so an undated relationship holds
    exactly while both its endpoints exist. Public for the exports: the GEXF writer's
    edge spells are these years. The span is empty (``first > last``) if it never holds.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("res822", start_year=1993, end_year=None)
    >>> G.add_node("arm", start_year=None, end_year=None)
    >>> G.add_edge("res822", "arm", key="r1", start_year=None, end_year=None)
    'r1'
    >>> relationship_years(G, "res822", "arm", G.edges["res822", "arm", "r1"])[0]
    1993
    """
    return model.span(
        d.get("start_year"), d.get("end_year"), actor_years(G, u), actor_years(G, v)
    )


def holds(G: nx.Graph, u: Any, v: Any, d: dict, year: int) -> bool:
    """True if the relationship ``u -> v`` of ``G`` holds in ``year`` (:func:`relationship_years`).

    What every view, as-of build and per-year measure asks.
    """
    return bool(model.active_in(*relationship_years(G, u, v, d), year))


def active_in(d: dict, year: int) -> bool:
    """True if ``year`` lies within the relationship's *own* dates (edge attributes ``d``).

    Only part of the rule: what holds in a year is :func:`holds`, which also needs
    the endpoints' lifespans.
    """
    return bool(model.active_in(*model.span(d.get("start_year"), d.get("end_year")), year))


def _active_subgraph(G: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """:func:`as_of` without the range check."""
    H = edge_subgraph(
        G, (e for e in G.edges(keys=True, data=True) if holds(G, e[0], e[1], e[3], year))
    )
    H.graph["year"] = year
    return H


def as_of(G: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """The graph as it stood in ``year``.

    Keeps the relationships that hold in ``year`` (:func:`holds`: within their own
    dates and while both endpoints exist, so an undated relationship holds while both
    its endpoints exist), and only the actors touched by at least one of them: an actor
    with no active relationship is dropped, so node counts per year describe the active
    network.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`build_graph`.
    year : int
        The year, within :func:`time_range`.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph (attributes copied) with ``H.graph["year"] = year``.

    Raises
    ------
    ValueError
        If ``year`` lies outside :func:`time_range` or no relationship is dated.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="r1", start_year=1991, end_year=1994)
    'r1'
    >>> G.add_edge("b", "c", key="r2", start_year=1994, end_year=None)
    'r2'
    >>> sorted(as_of(G, 1992).nodes()), sorted(as_of(G, 1994).nodes())
    (['a', 'b'], ['a', 'b', 'c'])
    """
    lo, hi = time_range(G)
    if not lo <= year <= hi:
        raise ValueError(f"year {year} is outside the data's range {lo}-{hi}")
    return _active_subgraph(G, year)


def started_by(G: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """The relationships that started by ``year``, as known then (the timeline to ``--as-of``).

    Started means the first year of :func:`relationship_years` is at most ``year``.
    All actors are kept; an end after ``year`` is not known yet, so it becomes open.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="r1", start_year=1991, end_year=1994)
    'r1'
    >>> G.add_edge("b", "c", key="r2", start_year=1995, end_year=None)
    'r2'
    >>> list(started_by(G, 1992).edges(keys=True, data="end_year"))
    [('a', 'b', 'r1', None)]
    """

    def cut(d: dict) -> dict:
        late = d.get("end_year") is not None and d["end_year"] > year
        return {**d, "end_year": None} if late else d

    started = (
        (u, v, k, cut(d))
        for u, v, k, d in G.edges(keys=True, data=True)
        if relationship_years(G, u, v, d)[0] <= year
    )
    return edge_subgraph(G, started, nodes=G.nodes)
