"""The network over time: one page with a year slider (``views/time.html``).

Every actor and relationship of the full graph is drawn once, at the positions of
the full network, and carries the years it holds by the one rule of time
(:func:`graph_loader.graph.actor_years`, :func:`graph_loader.graph.relationship_years`).
The page's script shows, for the slider's year, the relationships that hold then and
the actors they touch: the same relationships and actors as
:func:`graph_loader.graph.as_of` of that year. A play button steps through the years;
a toggle hides the undated relationships (those that hold only because both their ends
exist). The current year and its counts are shown, and kept in the page's
``render-status`` marker (``data-year``, ``data-visible-nodes``, ``data-visible-edges``)
for the browser tests.

The page is self-contained and works offline, like the other views
(:mod:`graph_loader.views`): vis-network and the script are inlined, the data is a
JSON block, names and quotes are only ever text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from graph_loader import model
from graph_loader.schema import Schema
from graph_loader.views.render import (
    MAX_NODES,
    RenderedView,
    _legends,
    _nav_links,
    _place,
    _vis_data,
    cap_graph,
    influence_scores,
    node_size,
    page_assets,
    script_json,
)

#: The file name of the time view in ``views/``.
TIME_PAGE = "time.html"


def _bound(y: int, open_value: int) -> int | None:
    """A span's year for the page: ``None`` where it is open."""
    return None if y == open_value else int(y)


def timeline_data(G: nx.MultiDiGraph) -> tuple[dict[str, dict], dict[str, dict]]:
    """The years each actor and each relationship of ``G`` holds, for the page.

    Returns
    -------
    (dict, dict)
        Node id -> ``{"first", "last"}`` and relationship id -> ``{"first", "last",
        "dated"}``; ``first``/``last`` are ints, ``None`` where open. A relationship
        that never holds has ``first > last``.
    """
    from graph_loader.graph import actor_years, relationship_years

    nodes = {}
    for n in G.nodes:
        lo, hi = actor_years(G, n)
        nodes[str(n)] = {"first": _bound(lo, model.OPEN_START), "last": _bound(hi, model.OPEN_END)}
    edges = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        lo, hi = relationship_years(G, u, v, d)
        edges[str(d.get("id", k))] = {
            "first": _bound(lo, model.OPEN_START),
            "last": _bound(hi, model.OPEN_END),
            "dated": bool(d.get("dated", d.get("start_year") is not None
                                or d.get("end_year") is not None)),
        }
    return nodes, edges


def _span_text(first: int | None, last: int | None) -> str:
    if first is not None and last is not None and first > last:
        return "never (its ends do not exist at the same time)"
    return f"{first if first is not None else '…'}–{last if last is not None else '…'}"


def render_timeline(
    G: nx.MultiDiGraph,
    schema: Schema,
    *,
    years: Sequence[int],
    positions: Mapping[Any, tuple[float, float]],
    scores: Mapping[Any, float] | None = None,
    title: str = "The network over time",
    subtitle: str = "",
    nav: Sequence[tuple[str, str]] = (),
    current: str = TIME_PAGE,
    max_nodes: int = MAX_NODES,
) -> RenderedView:
    """Render the time view of ``G`` (the full graph) as one self-contained page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full graph: every actor and relationship, with its dates.
    schema : Schema
        Colours and legend.
    years : sequence of int
        The slider's years, in order (the page opens at the last).
    positions : mapping
        Fixed positions of every node (those of the full network).
    scores : mapping, optional
        Influence per node (node size).
    title, subtitle : str
        Heading and the sentence under it.
    nav, current
        The header's links, as for :func:`graph_loader.views.render_view`.
    max_nodes : int, optional
        Draw at most this many actors, the most influential (:func:`cap_graph`).

    Returns
    -------
    RenderedView
        ``nodes``/``edges`` are all those of ``G`` (the page shows a year's subset), or
        of its :data:`MAX_NODES` most influential actors (:func:`cap_graph`), as the
        page then says.
    """
    from markupsafe import Markup

    from graph_loader.pages import render

    if scores is None:
        scores = influence_scores(G, schema)
    total = G.number_of_nodes()
    # As every view: at most MAX_NODES actors (the layout's overlap pass is quadratic).
    G, notice = cap_graph(G, scores, max_nodes)
    top = max((scores.get(n, 0.0) for n in G.nodes), default=0.0) or 1.0
    sizes = {n: node_size(float(scores.get(n, 0.0)), top) for n in G.nodes}
    pos = _place(G, positions, False, sizes)  # the full network's, kept apart as drawn here
    nodes, edges, options, kinds, types = _vis_data(G, schema, scores, pos, False, sizes)
    node_years, edge_years = timeline_data(G)
    for n in nodes:
        span = node_years[str(n["id"])]
        n.update(span)
        n["title"] += f"\nExists: {_span_text(span['first'], span['last'])}"
    for e in edges:
        span = edge_years[str(e["id"])]
        e.update(span)
        if not span["dated"]:
            e["title"] = e["title"].replace(
                "When: undated", "When: (undated) holds while both ends exist: "
                + _span_text(span["first"], span["last"]), 1)
    legend_kinds, legend_families = _legends(schema, kinds, types, False)
    html = render(
        "timeline.html",
        title=title,
        subtitle=subtitle,
        notice=notice,
        nav=_nav_links(nav, current),
        years=list(years),
        legend_kinds=legend_kinds,
        legend_families=legend_families,
        **page_assets("timeline.js"),
        data_json=Markup(script_json({"nodes": nodes, "edges": edges, "options": options,
                                      "years": list(years)})),
    )
    return RenderedView(html, len(nodes), len(edges), total, pos)
