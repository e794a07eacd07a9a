"""Agents and arenas: who is ranked as an actor, and the measures of what they act on.

Rankings of actors (the index page, the report, the centrality plot, the tables' top
lists) list agents only: the kinds the schema marks ``agent: true`` (states,
organizations, bodies, offices, persons, groups). Conflicts, processes, agreements,
documents, programmes and territories are *arenas and instruments*: what the agents
fight, negotiate, sign, adopt, run or claim. :func:`arenas_table` measures them by how
many agents engage them, and through which relationships.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from graph_loader.schema import Schema

#: Columns of :func:`arenas_table`.
ARENA_COLUMNS = ["name", "kind", "agents", "relationships", "degree_in", "engaged_by", "pagerank"]


def agents_only(table: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """The rows of a per-actor table whose actor is an agent.

    Parameters
    ----------
    table : pandas.DataFrame
        A table with an ``agent`` column (:func:`~graph_loader.analyses.centrality_table`)
        or a ``kind`` (or, for brokerage, ``group``) column.
    schema : Schema
        Which kinds are agents (:meth:`~graph_loader.schema.Schema.is_agent`).

    Returns
    -------
    pandas.DataFrame
        The agents' rows, in the table's order.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> t = pd.DataFrame({"kind": ["Process", "State"]}, index=["p", "s"])
    >>> agents_only(t, load_schema("data/schema.yaml")).index.tolist()
    ['s']
    """
    if "agent" in table.columns:
        return table[table["agent"].astype(bool)]
    col = "kind" if "kind" in table.columns else "group"
    if col not in table.columns:
        return table
    return table[[schema.is_agent(k or None) for k in table[col]]]


def rank_agents(
    table: pd.DataFrame, schema: Schema, column: str, n: int | None = None
) -> pd.DataFrame:
    """The agents of ``table`` ranked by ``column`` (descending), ties by name.

    Parameters
    ----------
    table : pandas.DataFrame
        A per-actor table with ``name`` and ``column`` (see :func:`agents_only`).
    schema : Schema
        Which kinds are agents.
    column : str
        The measure to rank by.
    n : int, optional
        Keep the first ``n`` (default: all).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> t = pd.DataFrame({"name": ["P", "B", "A"], "kind": ["Process", "State", "State"],
    ...                   "pagerank": [0.5, 0.2, 0.2]})
    >>> rank_agents(t, load_schema("data/schema.yaml"), "pagerank")["name"].tolist()
    ['A', 'B']
    """
    ranked = agents_only(table, schema).sort_values([column, "name"], ascending=[False, True])
    return ranked if n is None else ranked.head(n)


def family_of(schema: Schema, rel_type: str) -> str:
    """The group a relationship type is reported under in :func:`arenas_table`.

    The type's ``family`` in the schema if it declares one, else the type itself.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> family_of(load_schema("data/schema.yaml"), "MEDIATES")
    'mediation'
    """
    rt = schema.relationship_types.get(rel_type)
    return rt.family if rt is not None and rt.family else rel_type


def arenas_table(G: nx.MultiDiGraph, schema: Schema, pagerank: dict | None = None) -> pd.DataFrame:
    """The arenas and instruments: the non-agent nodes and how agents engage them.

    For every node whose kind is not an agent (conflicts, processes, agreements,
    documents, programmes, territories): ``agents``, the number of distinct agents
    with at least one relationship to or from it; ``relationships``, the number of
    those relationships (with agents; ties among arenas, such as a document addressing
    a conflict, are left out); ``degree_in``, how many of them point at it (an agent
    mediates, signs, adopts, claims it); ``engaged_by``, those relationships by
    :func:`family_of` their type, most frequent first (``"MEDIATES 6, PARTY_TO 3"``);
    ``pagerank``, its PageRank on the whole influence graph as given (the same values
    as the agents', so both tables compare).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    schema : Schema
        Which kinds are agents, and the types' families.
    pagerank : dict, optional
        Node to PageRank (e.g. the centrality table's column); 0 for nodes it lacks.

    Returns
    -------
    pandas.DataFrame
        Indexed by id, columns :data:`ARENA_COLUMNS`; sorted by ``agents``, then
        ``relationships`` (descending), then name.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("arm", {"kind": "State", "name": "Armenia"}),
    ...                   ("aze", {"kind": "State", "name": "Azerbaijan"}),
    ...                   ("war", {"kind": "Conflict", "name": "War"})])
    >>> for s in ("arm", "aze"):
    ...     _ = G.add_edge(s, "war", type="PARTY_TO")
    >>> t = arenas_table(G, load_schema("data/schema.yaml"))
    >>> r = t.loc["war"]
    >>> int(r["agents"]), int(r["relationships"]), int(r["degree_in"]), r["engaged_by"]
    (2, 2, 2, 'conflict 2')
    """
    pagerank = pagerank or {}
    kinds = {k: schema.is_agent(k) for k in {d.get("kind") for _, d in G.nodes(data=True)}}
    agent = {v: kinds[d.get("kind")] for v, d in G.nodes(data=True)}
    family: dict[str, str] = {}

    rows = []
    for v in G.nodes:
        if agent[v]:
            continue
        engaged: set = set()
        families: Counter[str] = Counter()
        n_in = n_all = 0
        # in-relationships, then out (G.in_edges, G.out_edges), from the adjacency dicts
        for inward, nbrs in ((True, G._pred[v]), (False, G._succ[v])):
            for other, keys in nbrs.items():
                if other == v or not agent[other]:
                    continue
                engaged.add(other)
                for d in keys.values():
                    t = d.get("type", "")
                    f = family.get(t)
                    if f is None:
                        f = family[t] = family_of(schema, t)
                    families[f] += 1
                    n_all += 1
                    n_in += inward and not d.get("symmetric", False)
        by = ", ".join(f"{f} {c}" for f, c in sorted(families.items(), key=lambda x: (-x[1], x[0])))
        rows.append((v, G.nodes[v].get("name", str(v)), G.nodes[v].get("kind", ""), len(engaged),
                     n_all, n_in, by, float(pagerank.get(v, 0.0))))
    t = pd.DataFrame(rows, columns=["id", *ARENA_COLUMNS]).set_index("id")
    t = t.astype({"agents": int, "relationships": int, "degree_in": int})
    t["_name"] = t["name"].str.lower()
    t = t.sort_values(["agents", "relationships", "_name"], ascending=[False, False, True],
                      kind="stable")
    return t.drop(columns="_name")
