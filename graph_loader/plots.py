"""Static plots (PNG) for the report: rankings, a timeline of roles, the signed network.

This module reads what each plot shows from the graph, the schema and the analyses;
:mod:`graph_loader.plotdraw` draws it with matplotlib (imported when the first figure
is drawn). The build's plot worker imports only the latter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_loader.graph import edge_items
from graph_loader.model import YEARS
from graph_loader.plotdraw import (
    DPI,
    HATCH,
    NO_COLOR,
    RANKED,
    TIMELINE_TYPES,
    RankedAndSigned,
    Ranking,
    Rankings,
    Signed,
    Timeline,
    draw_all,
    draw_centrality,
    draw_signed,
    draw_timeline,
    render_plots,
    save_plots,
    short,
    warm_up,
)
from graph_loader.schema import Schema

if TYPE_CHECKING:  # pandas where a table is read
    import pandas as pd

__all__ = [
    "DPI", "HATCH", "RANKED", "SIGNED_MAX_NODES", "TIMELINE_TYPES", "RankedAndSigned",
    "Ranking", "Rankings", "Signed", "Timeline", "plot_centrality", "plot_signed",
    "plot_timeline", "ranked_and_signed", "rankings", "render_plots", "save_plots",
    "signed_drawing", "signed_labels", "signed_positions", "signed_subgraph",
    "timeline_colors", "timeline_data", "timeline_rows", "warm_up", "write_plots",
]

#: Most actors drawn in the signed-network PNG (a static picture; the views are interactive).
SIGNED_MAX_NODES = 150


def plot_centrality(table: pd.DataFrame, path: str | Path, top: int = 15) -> Path:
    """Bar charts of the top agents by PageRank and by betweenness.

    Parameters
    ----------
    table : pandas.DataFrame
        The centrality table: columns ``name``, ``pagerank``, ``betweenness`` and, if
        present, ``agent``: only the rows where it is true are ranked (processes,
        conflicts, documents and the other non-agents are not actors).
    path : str or pathlib.Path
        The PNG to write.
    top : int, optional
        Bars per chart.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    return draw_centrality(rankings(table, top), path)


def rankings(table: pd.DataFrame, top: int = 15) -> Rankings:
    """The charts :func:`plot_centrality` draws from the centrality table (ties broken
    by name): plain lists, to send to a worker process that does not import pandas."""
    if "agent" in table.columns:
        table = table[table["agent"].astype(bool)]
    charts = []
    for col, _, _ in RANKED:
        if col in table.columns:
            t = table.sort_values([col, "name"], ascending=[False, True]).head(top)
            charts.append(Ranking(col, [str(n) for n in t["name"]],
                                  [float(v) for v in t[col]]))
    return Rankings(charts, min(top, len(table)) or 1)


def timeline_rows(G: nx.MultiDiGraph, types: Sequence[str] = TIMELINE_TYPES) -> pd.DataFrame:
    """The dated relationships drawn on the timeline, one row per (actor, body, type).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph.
    types : sequence of str
        Relationship types to include.

    Returns
    -------
    pandas.DataFrame
        Columns ``source, target, type, start_year, end_year (NaN if open), label``, sorted
        chairs first, then by target and start. Relationships without a start year are
        left out.
    """
    rows = []
    for u, v, _, d in edge_items(G):
        if d.get("type") not in types or d.get("start_year") is None:
            continue
        rows.append(
            {
                "source": G.nodes[u].get("name", u),
                "target": G.nodes[v].get("name", v),
                "type": d["type"],
                "start_year": int(d["start_year"]),
                "end_year": d.get("end_year"),
            }
        )
    import pandas as pd

    df = pd.DataFrame(
        rows, columns=["source", "target", "type", "start_year", "end_year"]
    )
    if df.empty:
        df["label"] = []
        return df
    df["order"] = df["type"].map({t: i for i, t in enumerate(types)})
    df = df.sort_values(["order", "target", "start_year", "source"]).drop(columns="order")
    df["label"] = [f"{short(s, 28)} → {short(t, 28)}" for s, t in zip(df["source"],
                                                                       df["target"],
                                                                       strict=True)]
    return df.reset_index(drop=True)


def plot_timeline(
    G: nx.MultiDiGraph,
    schema: Schema,
    path: str | Path,
    colors: Mapping[str, str] | None = None,
    last_year: int | None = None,
    max_rows: int = 80,
) -> Path:
    """Horizontal bars of memberships, chairs and co-chairs from start to end year.

    Open-ended relationships run to ``last_year`` and end in an arrow; chairs and
    co-chairs come first, grouped by the body chaired, so the Minsk Conference /
    Minsk Group chronology reads top-down.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph.
    schema : Schema
        Gives the colours unless ``colors`` is given.
    path : str or pathlib.Path
        The PNG to write.
    colors : mapping, optional
        Relationship type to colour.
    last_year : int, optional
        Where open ends stop (default: the last year in the data, at least 2024).
    max_rows : int, optional
        At most this many bars (chairs first); the title says if some were left out.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    t = timeline_data(G, schema, last_year, max_rows)
    if colors is not None:
        t = t._replace(colors={k: colors.get(k, NO_COLOR) for k in TIMELINE_TYPES})
    return draw_timeline(t, path)


def timeline_colors(schema: Schema) -> dict[str, str]:
    """The schema's colour of each type on the timeline (:data:`TIMELINE_TYPES`)."""
    types = schema.relationship_types
    return {k: types[k].color if k in types else NO_COLOR for k in TIMELINE_TYPES}


def timeline_data(
    G: nx.MultiDiGraph, schema: Schema, last_year: int | None = None, max_rows: int = 80
) -> Timeline:
    """The first ``max_rows`` of :func:`timeline_rows`, how many there are in all, and
    what else :func:`plot_timeline` draws them with (``last_year`` by default the last
    year of those rows, at least the model's last year): plain values, for a worker
    process that imports neither pandas nor the model and schema."""
    df = timeline_rows(G)
    rows = [(t, int(s), None if e is None or e != e else int(e), label)  # NaN: open
            for t, s, e, label in df.head(max_rows)[["type", "start_year", "end_year",
                                                      "label"]].itertuples(index=False)]
    if last_year is None:
        years = [r[1] for r in rows] + [r[2] for r in rows if r[2] is not None]
        last_year = max([YEARS[-1], *years])
    return Timeline(timeline_colors(schema), rows, len(df), last_year)


def signed_subgraph(
    G: nx.MultiDiGraph,
    schema: Schema,
    scores: Mapping[Any, float],
    max_nodes: int = SIGNED_MAX_NODES,
    signed: nx.Graph | None = None,
) -> tuple[nx.Graph, int]:
    """The part of the signed network that :func:`plot_signed` draws.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph; :func:`graph_loader.graph.signed_graph` derives the signs.
    schema : Schema
        Which types are signed ties and which kinds are agents.
    scores : mapping
        Influence per node; the most influential are kept (ties: degree, then id).
    max_nodes : int, optional
        At most this many actors.
    signed : networkx.Graph, optional
        The signed graph without isolated actors, if already made (``Analyses.signed``);
        not changed.

    Returns
    -------
    (networkx.Graph, int)
        The signed graph of the kept actors without isolated ones, and how many actors
        have signed ties in all.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> G = nx.MultiDiGraph()
    >>> for i, (u, v) in enumerate([("a", "b"), ("b", "c"), ("c", "d")]):
    ...     _ = G.add_edge(u, v, key=f"r{i}", type="SUPPORTS")
    >>> schema = load_schema("data/schema.yaml")
    >>> S, total = signed_subgraph(G, schema, {"a": 3, "b": 2, "c": 1}, max_nodes=2)
    >>> sorted(S.edges()), total
    ([('a', 'b')], 4)
    """
    from graph_loader.graph import induced_subgraph, signed_graph

    if signed is None:
        S = signed_graph(G, schema)
        S.remove_nodes_from([n for n in list(S.nodes) if S.degree(n) == 0])
    else:  # never changed below: a subgraph is a copy
        S = signed
    total = S.number_of_nodes()
    if total > max_nodes:
        keep = sorted(S.nodes, key=lambda n: (-scores.get(n, 0.0), -S.degree(n), str(n)))
        S = induced_subgraph(S, keep[:max_nodes])
        S.remove_nodes_from([n for n in list(S.nodes) if S.degree(n) == 0])
    return S, total


def signed_labels(
    S: nx.Graph, scores: Mapping[Any, float], max_labels: int | None = None
) -> dict[Any, str]:
    """The labels :func:`plot_signed` prints: every node's name, shortened.

    Parameters
    ----------
    S : networkx.Graph
        The signed graph drawn (:func:`signed_subgraph`).
    scores : mapping
        Influence per node: with ``max_labels``, the most influential are labelled.
    max_labels : int, optional
        At most this many labels (default: all).

    Returns
    -------
    dict
        Node to label, most influential first.

    Examples
    --------
    >>> S = nx.Graph([("a", "b")]); S.nodes["a"]["name"] = "Alpha"
    >>> signed_labels(S, {"b": 1.0})
    {'b': 'b', 'a': 'Alpha'}
    """
    ranked = sorted(S.nodes, key=lambda n: (-scores.get(n, 0.0), -S.degree(n), str(n)))
    return {n: short(S.nodes[n].get("name", n), 30) for n in ranked[:max_labels]}


def plot_signed(
    G: nx.MultiDiGraph,
    schema: Schema,
    path: str | Path,
    scores: Mapping[Any, float] | None = None,
    max_labels: int | None = None,
    max_nodes: int = SIGNED_MAX_NODES,
) -> Path:
    """The signed network: the signed ties between agents, positive green, negative red.

    Only the relationship types the schema declares signed, between two agents
    (:func:`graph_loader.graph.signed_graph`); every actor drawn is labelled.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph; :func:`graph_loader.graph.signed_graph` derives the signs.
    schema : Schema
        The kinds' colours.
    path : str or pathlib.Path
        The PNG to write.
    scores : mapping, optional
        Influence per node (node size, and which nodes get labels).
    max_labels : int, optional
        Label only this many of the most influential nodes (default: every node drawn).
    max_nodes : int, optional
        Draw at most this many actors: the most influential ones with signed ties
        (by ``scores``, then degree), and the ties among them; the title says so
        when some were left out.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    scores = scores or {}
    S, total = signed_subgraph(G, schema, scores, max_nodes)
    return draw_signed(signed_drawing(S, total, schema, scores, max_labels, max_nodes), path)


def signed_positions(S: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Where :func:`plot_signed` draws the actors of ``S``: the views' layout
    (:func:`graph_loader.views.compute_layout`), y upwards."""
    from graph_loader.views import compute_layout

    return {n: (x, -y) for n, (x, y) in compute_layout(S).items()}


def signed_drawing(
    S: nx.Graph,
    total: int,
    schema: Schema,
    scores: Mapping[Any, float],
    max_labels: int | None = None,
    max_nodes: int = SIGNED_MAX_NODES,
) -> Signed:
    """What :func:`plot_signed` draws of the signed graph ``S`` (:func:`signed_subgraph`,
    of ``total`` actors in all): positions (:func:`signed_positions`), kind colours,
    marker sizes by influence, labels (:func:`signed_labels`), ties and legend.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> S = nx.Graph([("a", "b", {"sign": -1})])
    >>> d = signed_drawing(S, 2, load_schema("data/schema.yaml"), {"a": 1.0})
    >>> d.ties, d.labels, d.sizes
    ([(0, 1, -1)], [(0, 'a'), (1, 'b')], [660.0, 60.0])
    """
    pos = signed_positions(S)
    nodes = list(S.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    top = max((scores.get(n, 0.0) for n in nodes), default=0.0) or 1.0
    kinds = [S.nodes[n].get("kind", "") for n in nodes]
    order = list(schema.kinds)

    def color(kind: str) -> str:
        return schema.kinds[kind].color if kind in schema.kinds else "#999999"

    present = sorted(set(kinds), key=lambda k: order.index(k) if k in schema.kinds else 999)
    return Signed(
        xy=[(float(pos[n][0]), float(pos[n][1])) for n in nodes],
        colors=[color(k) for k in kinds],
        sizes=[60 + 600 * math.sqrt(scores.get(n, 0.0) / top) for n in nodes],
        labels=[(index[n], text) for n, text in signed_labels(S, scores, max_labels).items()],
        ties=[(index[u], index[v], sign) for u, v, sign in S.edges(data="sign")],
        legend=[(k, color(k)) for k in present],
        total=total,
        max_nodes=max_nodes,
    )


def write_plots(
    G: nx.MultiDiGraph,
    schema: Schema,
    centrality: pd.DataFrame,
    out_dir: str | Path,
    scores: Mapping[Any, float] | None = None,
    timeline_graph: nx.MultiDiGraph | None = None,
    last_year: int | None = None,
    signed: nx.Graph | None = None,
) -> dict[str, Path]:
    """Write all plots into ``out_dir``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The analysed graph (signed network).
    schema : Schema
        Its schema (colours).
    centrality : pandas.DataFrame
        Its centrality table (rankings).
    out_dir : str or pathlib.Path
        The ``plots/`` directory.
    scores : mapping, optional
        Influence per node (node sizes).
    timeline_graph : networkx.MultiDiGraph, optional
        The graph for the timeline (default ``G``).
    last_year : int, optional
        Where the timeline's open ends stop.
    signed : networkx.Graph, optional
        The signed graph without isolated actors, if already made (``Analyses.signed``).

    Returns
    -------
    dict of str to pathlib.Path
        ``centrality``, ``timeline``, ``signed``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    timeline = timeline_data(timeline_graph if timeline_graph is not None else G, schema,
                             last_year)
    ranked = ranked_and_signed(G, schema, centrality, scores, signed=signed)
    return draw_all(lambda: timeline, lambda: ranked, out)


def ranked_and_signed(
    G: nx.MultiDiGraph,
    schema: Schema,
    centrality: pd.DataFrame,
    scores: Mapping[Any, float] | None = None,
    top: int = 15,
    signed: nx.Graph | None = None,
) -> RankedAndSigned:
    """The inputs of :func:`plot_centrality` and :func:`plot_signed`, cut to what they
    draw: the agents among the ``top`` of a ranking, and the signed subgraph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The analysed graph.
    schema : Schema
        Its schema.
    centrality : pandas.DataFrame
        Its centrality table.
    scores : mapping, optional
        Influence per node.
    top : int, optional
        Bars per ranking, as :func:`plot_centrality`'s.
    signed : networkx.Graph, optional
        The signed graph without isolated actors, if already made (``Analyses.signed``).

    Returns
    -------
    RankedAndSigned
        The plots drawn from it are those drawn from the whole table and graph.
    """
    scores = scores or {}
    S, total = signed_subgraph(G, schema, scores, SIGNED_MAX_NODES, signed)
    return RankedAndSigned(rankings(centrality, top),
                           signed_drawing(S, total, schema, scores))
