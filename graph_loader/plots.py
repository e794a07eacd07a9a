"""Static plots (PNG) for the report: rankings, a timeline of roles, the signed network.

Matplotlib is used through its object API (:class:`matplotlib.figure.Figure` with
the Agg canvas), so no display and no global ``pyplot`` state is involved. The
global backend is left alone, so importing this module in a notebook does not
turn off its inline figures.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from graph_loader.graph import edge_items
from graph_loader.model import YEARS
from graph_loader.schema import Schema

if TYPE_CHECKING:  # matplotlib is imported when the first figure is drawn (~0.4 s),
    # pandas where a table is read: the plot worker draws from plain values without it
    import pandas as pd
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure

#: Relationship types drawn on the timeline, in legend order.
TIMELINE_TYPES = ("CHAIRS", "CO_CHAIRS", "MEMBER_OF")
#: Hatching that tells types with the same schema colour apart on the timeline.
HATCH = {"CO_CHAIRS": "///"}

DPI = 110


#: Most actors drawn in the signed-network PNG (a static picture; the views are interactive).
SIGNED_MAX_NODES = 150


def warm_up() -> None:
    """Import matplotlib and load its default font, as the first figure drawn would.

    For the build's plot worker, which does this (~0.4 s) while it waits for its data.
    """
    from matplotlib import font_manager
    from matplotlib.backends import backend_agg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401

    font_manager.get_font(font_manager.findfont(font_manager.FontProperties()))


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # "tight" fits the labels and the outside legends as "constrained" did, with one
    # layout pass instead of two (~0.15 s of the paper's three plots)
    fig = Figure(figsize=(width, height), dpi=DPI, layout="tight")
    FigureCanvasAgg(fig)
    return fig


#: While :func:`render_plots` runs: the PNGs made, by file name, instead of files.
_CAPTURE: ContextVar[dict[str, bytes] | None] = ContextVar("_CAPTURE", default=None)


def _save(fig: Figure, path: str | Path) -> Path:
    path = Path(path)
    captured = _CAPTURE.get()
    target: Any = io.BytesIO() if captured is not None else path
    if captured is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    # zlib level 1, not Pillow's 6: a sixth of the drawing time, files ~8% larger (the
    # paper's three plots 343 -> 366 kB)
    fig.savefig(target, format="png", dpi=DPI, metadata={"Software": None},
                pil_kwargs={"compress_level": 1})
    if captured is not None:
        captured[path.name] = target.getvalue()
    return path


def _short(text: str, n: int = 38) -> str:
    """Shorten ``text`` and escape ``$`` so matplotlib never reads a name as mathtext."""
    text = str(text)
    text = text if len(text) <= n else text[: n - 1] + "…"
    return text.replace("$", r"\$")


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
    return _draw_centrality(rankings(table, top), path)


#: The centrality plot's charts: column, axis label, colour.
RANKED = (
    ("pagerank", "PageRank on the influence graph", "#1f77b4"),
    ("betweenness", "Betweenness centrality (normalised)", "#ff7f0e"),
)


class Ranking(NamedTuple):
    """One chart of the centrality plot: the top agents by ``column``, first first."""

    column: str
    names: list[str]
    values: list[float]


class Rankings(NamedTuple):
    """The centrality plot's charts, and the bars it has room for."""

    charts: list[Ranking]
    rows: int


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


def _draw_centrality(ranked: Rankings, path: str | Path) -> Path:
    style = {col: (label, color) for col, label, color in RANKED}
    charts = ranked.charts
    fig = _new_figure(12, 1.2 + 0.32 * ranked.rows)
    axes = fig.subplots(1, max(len(charts), 1), squeeze=False)[0]
    for ax, chart in zip(axes, charts, strict=False):
        label, color = style[chart.column]
        names = [_short(n) for n in chart.names][::-1]
        values = chart.values[::-1]
        ax.barh(range(len(values)), values, color=color)
        ax.set_yticks(range(len(values)), names, fontsize=9)
        ax.set_xlabel(label)
        ax.set_title(f"Top {len(values)} agents by {chart.column}")
        ax.grid(axis="x", alpha=0.3)
        ax.margins(y=0.01)
    if not charts:
        axes[0].text(0.5, 0.5, "no centrality table", ha="center", va="center")
    fig.suptitle("Who matters in the network (agents only)")
    return _save(fig, path)


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
    df["label"] = [f"{_short(s, 28)} → {_short(t, 28)}" for s, t in zip(df["source"],
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
    return _draw_timeline(t.rows, t.total, schema, path, colors, t.last_year)


class Timeline(NamedTuple):
    """What :func:`plot_timeline` draws (:func:`timeline_data`): plain values, to send
    to a worker process that does not import pandas."""

    schema: Schema  # the colours
    rows: list[tuple[str, int, int | None, str]]  # type, start, end, label: the first
    total: int  # how many rows there are in all
    last_year: int | None  # where open ends stop


def timeline_data(
    G: nx.MultiDiGraph, schema: Schema, last_year: int | None = None, max_rows: int = 80
) -> Timeline:
    """The first ``max_rows`` of :func:`timeline_rows`, how many there are in all, and
    what else :func:`plot_timeline` draws them with."""
    df = timeline_rows(G)
    rows = [(t, int(s), None if e is None or e != e else int(e), label)  # NaN: open
            for t, s, e, label in df.head(max_rows)[["type", "start_year", "end_year",
                                                      "label"]].itertuples(index=False)]
    return Timeline(schema, rows, len(df), last_year)


def _draw_timeline(
    rows: list[tuple[str, int, int | None, str]],
    total: int,
    schema: Schema,
    path: str | Path,
    colors: Mapping[str, str] | None = None,
    last_year: int | None = None,
) -> Path:
    if colors is None:
        colors = {
            t: schema.relationship_types[t].color if t in
            schema.relationship_types else "#777777"
            for t in TIMELINE_TYPES
        }
    years = [r[1] for r in rows] + [r[2] for r in rows if r[2] is not None]
    if last_year is None:
        last_year = max([YEARS[-1], *years]) if years else YEARS[-1]
    first = min(years) if years else last_year - 1
    fig = _new_figure(12, 1.6 + 0.24 * max(len(rows), 1))
    ax = fig.subplots()
    for i, (rtype, start_year, end, _) in enumerate(rows):
        color = colors.get(rtype, "#777777")
        open_end = end is None
        stop = float(last_year) + 0.5 if end is None else float(end) + 1.0
        start = float(start_year)
        ax.barh(i, stop - start, left=start, height=0.62, color=color,
                alpha=0.55 if open_end else 0.9, edgecolor=color,
                hatch=HATCH.get(rtype), linewidth=0.8)
        if open_end:
            ax.annotate("", xy=(stop + 0.9, i), xytext=(stop - 0.2, i),
                        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1.2})
    ax.set_yticks(range(len(rows)), [r[3] for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(first - 0.5, last_year + 2)
    ax.set_xlabel("Year (bars span start to end year; an arrow means still ongoing)")
    shown = "" if total <= len(rows) else f" (first {len(rows)} of {total})"
    ax.set_title(f"Memberships, chairs and co-chairs over time{shown}")
    ax.grid(axis="x", alpha=0.3)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(facecolor=colors.get(t, "#777777"), edgecolor=colors.get(t, "#777777"),
              hatch=HATCH.get(t), label=t)
        for t in TIMELINE_TYPES
    ]
    handles.append(Line2D([], [], color="#555555", marker=">", label="ongoing (open end)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.005, 1.0), fontsize=8,
              framealpha=0.9)
    if not rows:
        ax.text(0.5, 0.5, "no dated memberships or chairs", transform=ax.transAxes,
                ha="center", va="center")
    return _save(fig, path)


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
    return {n: _short(S.nodes[n].get("name", n), 30) for n in ranked[:max_labels]}


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
    return _draw_signed(S, total, schema, path, scores, max_labels, max_nodes,
                        signed_positions(S))


def signed_positions(S: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Where :func:`plot_signed` draws the actors of ``S``: the views' layout
    (:func:`graph_loader.views.compute_layout`), y upwards."""
    from graph_loader.views import compute_layout

    return {n: (x, -y) for n, (x, y) in compute_layout(S).items()}


def _draw_signed(
    S: nx.Graph,
    total: int,
    schema: Schema,
    path: str | Path,
    scores: Mapping[Any, float],
    max_labels: int | None,
    max_nodes: int,
    pos: Mapping[Any, tuple[float, float]],
) -> Path:
    title = "Signed ties between agents: positive (green) and negative (red)"
    if total > max_nodes:
        title += f"\n(the {max_nodes} most influential of {total} actors with signed ties)"
    fig = _new_figure(11, 9)
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_title(title)
    if S.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no signed relationships", ha="center", va="center")
        return _save(fig, path)
    pos_edges = [(u, v) for u, v, s in S.edges(data="sign") if s > 0]
    neg_edges = [(u, v) for u, v, s in S.edges(data="sign") if s < 0]
    nx.draw_networkx_edges(S, pos, edgelist=pos_edges, edge_color="#2ca02c", width=1.4,
                           alpha=0.8, ax=ax)
    nx.draw_networkx_edges(S, pos, edgelist=neg_edges, edge_color="#d62728", width=2.0,
                           alpha=0.9, style="dashed", ax=ax)
    top = max((scores.get(n, 0.0) for n in S.nodes), default=0.0) or 1.0
    kinds = [S.nodes[n].get("kind", "") for n in S.nodes]
    node_colors = [
        schema.kinds[k].color if k in schema.kinds else "#999999" for k in kinds
    ]
    sizes = [60 + 600 * math.sqrt(scores.get(n, 0.0) / top) for n in S.nodes]
    nx.draw_networkx_nodes(S, pos, node_color=node_colors, node_size=sizes,
                           edgecolors="#333333", linewidths=0.6, ax=ax)
    labels = signed_labels(S, scores, max_labels)
    nx.draw_networkx_labels(S, pos, labels=labels, font_size=8, ax=ax)
    ax.margins(x=0.14, y=0.04)  # room for the labels of the outermost actors
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Line2D([], [], color="#2ca02c", lw=2,
               label="positive: alliance, support, aid, cooperation, alignment"),
        Line2D([], [], color="#d62728", lw=2, ls="--",
               label="negative: conflict, rivalry, pressure, exclusion, condemnation"),
    ]
    present = sorted(set(kinds), key=lambda k: list(schema.kinds).index(k)
                     if k in schema.kinds else 999)
    handles += [
        Patch(color=schema.kinds[k].color if k in schema.kinds else "#999999",
              label=k)
        for k in present
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
              framealpha=0.9)
    return _save(fig, path)


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
    return _draw_all(lambda: timeline, lambda: ranked, out)


class RankedAndSigned(NamedTuple):
    """What the centrality and signed-network plots draw, read from the graph and the
    analyses (:func:`ranked_and_signed`): small enough to send to a worker process."""

    rankings: Rankings  # the centrality plot's charts
    signed: nx.Graph  # signed_subgraph's
    signed_pos: dict[Any, tuple[float, float]]  # signed_positions
    signed_total: int
    scores: dict[Any, float]  # of the signed graph's actors


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
    return RankedAndSigned(rankings(centrality, top), _drawn(S), signed_positions(S),
                           total, {n: scores[n] for n in S if n in scores})


def _drawn(S: nx.Graph) -> nx.Graph:
    """``S`` with only the attributes :func:`plot_signed` draws (``name``, ``kind``,
    ``sign``), in the same orders: a tenth of the bytes to send."""
    D = nx.Graph()
    D.add_nodes_from((n, {k: d[k] for k in ("name", "kind") if k in d})
                     for n, d in S.nodes(data=True))
    D.add_edges_from((u, v, {"sign": s}) for u, v, s in S.edges(data="sign"))
    return D


def _draw_all(
    timeline: Callable[[], Timeline], ranked: Callable[[], RankedAndSigned], out: Path
) -> dict[str, Path]:
    """Draw the three plots, the timeline first: it needs no analysis, so ``ranked()``
    may still be waiting for them while it is drawn."""
    t = timeline()
    paths = {"timeline": _draw_timeline(t.rows, t.total, t.schema, out / "timeline.png",
                                        last_year=t.last_year)}
    r = ranked()
    paths["centrality"] = _draw_centrality(r.rankings, out / "centrality.png")
    paths["signed"] = _draw_signed(r.signed, r.signed_total, t.schema,
                                   out / "signed-network.png", r.scores, None,
                                   SIGNED_MAX_NODES, r.signed_pos)
    return {k: paths[k] for k in ("centrality", "timeline", "signed")}


def render_plots(
    timeline: Callable[[], Timeline], ranked: Callable[[], RankedAndSigned]
) -> dict[str, tuple[str, bytes]]:
    """The plots of :func:`write_plots` as PNG bytes, drawn from their inputs alone.

    For a build that renders them in a worker process (:mod:`graph_loader.forked`)
    started before it reads the data, and writes them itself: the worker imports
    matplotlib meanwhile, and never reads the graph.

    Parameters
    ----------
    timeline : callable
        Returns :func:`timeline_data`'s result (and may wait for it).
    ranked : callable
        Returns :func:`ranked_and_signed`'s result; called (and may wait) once the
        timeline is drawn.

    Returns
    -------
    dict of str to (str, bytes)
        ``centrality``, ``timeline``, ``signed``: each its file name and its PNG, the
        same bytes :func:`write_plots` writes.
    """
    captured: dict[str, bytes] = {}
    token = _CAPTURE.set(captured)
    try:
        paths = _draw_all(timeline, ranked, Path("plots"))
    finally:
        _CAPTURE.reset(token)
    return {key: (p.name, captured[p.name]) for key, p in paths.items()}


def save_plots(rendered: Mapping[str, tuple[str, bytes]], out_dir: str | Path) -> dict[str, Path]:
    """Write :func:`render_plots`' PNGs into ``out_dir``; the paths, as :func:`write_plots`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, (name, png) in rendered.items():
        paths[key] = out / name
        paths[key].write_bytes(png)
    return paths
