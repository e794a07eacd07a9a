"""Every view of a build: the theme pages, the ego networks and the network over time
(one page with a year slider, :mod:`graph_loader.views.timeline`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_loader.graph import signed_tie_test
from graph_loader.schema import Schema
from graph_loader.views.layout import compute_layout
from graph_loader.views.render import (
    MAX_NODES,
    RenderedView,
    capped_nodes,
    influence_scores,
    render_view,
    safe_slug,
    view_subgraph,
)
from graph_loader.views.specs import ViewSpec, view_specs
from graph_loader.views.timeline import TIME_PAGE, render_timeline

if TYPE_CHECKING:
    from graph_loader.analyses import Analyses

@dataclass
class ViewInfo:
    """A written view, for the index page and the build summary."""

    slug: str
    title: str
    description: str
    path: Path
    nodes: int
    edges: int
    group: str = "theme"
    total_nodes: int = 0


def subgraph_by_types(G: nx.MultiDiGraph, types: Iterable[str]) -> nx.MultiDiGraph:
    """The relationships of the given types, with the actors they touch.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph.
    types : iterable of str
        Relationship types to keep.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph with ``G.graph`` copied.
    """
    from graph_loader.graph import edge_subgraph

    wanted = set(types)
    edges = G.edges(keys=True, data=True)
    return edge_subgraph(G, (e for e in edges if e[3].get("type") in wanted))


def edge_view(
    G: nx.MultiDiGraph,
    keep: Callable[[Any, Any, dict], bool],
    scores: Mapping[Any, float],
    max_nodes: int = MAX_NODES,
) -> tuple[nx.MultiDiGraph, int, str]:
    """What a view of the relationships ``keep(u, v, data)`` selects draws, without
    copying them all first.

    The graph is :func:`~graph_loader.views.render.cap_graph` of
    :func:`graph_loader.graph.edge_subgraph` of those relationships (the same nodes,
    edges and orders: actors in the order the relationships first touch them, each
    actor's relationships in ``G``'s order), built from the capped actors only.

    Returns
    -------
    (networkx.MultiDiGraph, int, str)
        The graph drawn, the number of actors the relationships touch, and the cap's
        notice (``""`` if all are drawn).
    """
    by_source: dict[Any, list[tuple[Any, Any, Any, dict]]] = {}
    touched: dict[Any, None] = {}  # first-touch order
    for u, nbrs in G._adj.items():  # G.edges(keys=True, data=True)'s order
        for v, kd in nbrs.items():
            for k, d in kd.items():
                if keep(u, v, d):
                    by_source.setdefault(u, []).append((u, v, k, d))
                    touched.setdefault(u)
                    touched.setdefault(v)
    drawn, notice = capped_nodes(touched, scores, max_nodes)
    kept = set(drawn)
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in touched if n in kept)
    H.add_edges_from(e for n in touched if n in kept for e in by_source.get(n, ())
                     if e[1] in kept)
    return H, len(touched), notice


def _of_types(types: Iterable[str]) -> Callable[[Any, Any, dict], bool]:
    """Whether a relationship is of one of ``types`` (as :func:`subgraph_by_types`)."""
    wanted = set(types)
    return lambda u, v, d: d.get("type") in wanted


def ego_nodes(G: nx.MultiDiGraph, node: Any, radius: int = 1) -> set[Any]:
    """The actors within ``radius`` steps of ``node``, in either direction (``node``
    too): the node set of ``networkx.ego_graph`` on an undirected view of ``G``."""
    if radius == 1:  # the common case, without a breadth-first search
        return {node, *G.succ[node], *G.pred[node]}
    U = G.to_undirected(as_view=True)
    return set(nx.single_source_shortest_path_length(U, node, cutoff=radius))


def ego_subgraph(G: nx.MultiDiGraph, node: Any, radius: int = 1) -> nx.MultiDiGraph:
    """The ego network of ``node``: actors within ``radius`` steps and all their relationships.

    The node set of ``networkx.ego_graph`` on an undirected view (:func:`ego_nodes`), as
    :func:`graph_loader.analyses.ego_network` (which copies the whole graph per call);
    the copy is :func:`~graph_loader.views.render.view_subgraph`'s.
    """
    return view_subgraph(G, ego_nodes(G, node, radius))


def timeline_years(
    G: nx.MultiDiGraph, upto: int | None = None, span: tuple[int, int] | None = None
) -> list[int]:
    """The time view's years: every year from the data's first to the paper's last
    (:func:`graph_loader.graph.time_range`), or to ``upto`` (the ``--as-of`` year).

    Empty if no relationship is dated. ``span``, if given, is ``G``'s
    :func:`graph_loader.graph.year_range`, already known (it reads every relationship).
    """
    from graph_loader import model
    from graph_loader.graph import time_range

    if span is not None:
        lo, hi = span[0], max(span[1], model.YEARS[-1])  # as time_range
    else:
        try:
            lo, hi = time_range(G)
        except ValueError:
            return []
    return list(range(lo, (hi if upto is None else min(hi, upto)) + 1))


def main_actor_ids(
    G: nx.MultiDiGraph, schema: Schema, analyses: Analyses | None = None, limit: int = 8
) -> list[Any]:
    """The main actors: ``analyses.main_actors`` in ``G``, else the ``limit`` most
    influential agents (kinds marked ``agent: true``), as the rankings are."""
    ids = [n for n in analyses.main_actors if n in G] if analyses is not None else []
    if not ids:
        scores = influence_scores(G, schema, analyses)
        agents = [n for n in G.nodes if schema.is_agent(G.nodes[n].get("kind"))]
        ids = sorted(agents, key=lambda v: (-scores.get(v, 0.0), str(v)))[:limit]
    return ids


def write_views(
    G: nx.MultiDiGraph,
    schema: Schema,
    out_dir: str | Path,
    analyses: Analyses | None = None,
    *,
    full_graph: nx.MultiDiGraph | None = None,
    as_of_year: int | None = None,
    max_nodes: int = MAX_NODES,
    progress: Callable[[str], None] | None = None,
    year_span: tuple[int, int] | None = None,
) -> list[ViewInfo]:
    """Write every view into ``out_dir`` (``views/`` of the build).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph the views show (the whole graph, or as of ``--as-of``).
    schema : Schema
        Its schema (colours, legends, the theme views' types, influence).
    out_dir : str or pathlib.Path
        Directory for the HTML files (created).
    analyses : Analyses, optional
        From :func:`graph_loader.analyses.run_all` (influence, main actors, ego networks).
    full_graph : networkx.MultiDiGraph, optional
        The undated whole graph for the time view (defaults to ``G``).
    as_of_year : int, optional
        The ``--as-of`` year: the time view stops there.
    max_nodes : int, optional
        Cap per view (see :data:`MAX_NODES`).
    progress : callable, optional
        Called with a short message per file.
    year_span : (int, int), optional
        ``full_graph``'s :func:`graph_loader.graph.year_range` if already known
        (:func:`timeline_years`).

    Returns
    -------
    list of ViewInfo
        The views written, in index order: themes, ego networks, time.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    scores = influence_scores(G, schema, analyses)
    full_graph = full_graph if full_graph is not None else G
    infos: list[ViewInfo] = []

    # each theme page: its drawn graph, the number of actors it was capped from, notice
    theme_pages: list[tuple[str, ViewSpec, nx.MultiDiGraph, int | None, str]] = []
    for spec in view_specs(schema).values():
        if spec.types is None and spec.polarities is None and not spec.signed:
            theme_pages.append((f"{spec.slug}.html", spec, G, None, ""))
            continue
        # the signed ties between agents (graph_loader.graph.signed_ties), or the types'
        selects = signed_tie_test(G, schema) if spec.signed else _of_types(spec.type_names(schema))
        sub, total, notice = edge_view(G, selects, scores, max_nodes)
        theme_pages.append((f"{spec.slug}.html", spec, sub, total, notice))

    mains = main_actor_ids(G, schema, analyses)
    used: set[str] = set()
    ego_pages: list[tuple[str, Any]] = []
    for n in mains:
        slug = "ego-" + safe_slug(str(n))
        while slug in used:
            slug += "-x"
        used.add(slug)
        ego_pages.append((f"{slug}.html", n))

    years = timeline_years(full_graph, upto=as_of_year, span=year_span)

    nav: list[tuple[str, str]] = [("../index.html", "Index")]
    nav += [(href, spec.title) for href, spec, *_ in theme_pages]
    if ego_pages:
        nav.append((ego_pages[0][0], "Ego networks"))
    if years:
        nav.append((TIME_PAGE, "Over time"))

    def emit(
        href: str, group: str, heading: str, desc: str, sub: nx.MultiDiGraph, **kw: Any
    ) -> RenderedView:
        """Render one page, write it and record it (``kw`` goes to :func:`render_view`)."""
        kw.setdefault("title", heading)
        rv = render_view(
            sub, schema, subtitle=desc, max_nodes=max_nodes, nav=nav, current=href, **kw
        )
        path = out / href
        path.write_text(rv.html, encoding="utf-8")
        infos.append(ViewInfo(href.removesuffix(".html"), heading, desc, path,
                              rv.nodes, rv.edges, group, rv.total_nodes))
        if progress:
            progress(f"views/{href}")
        return rv

    full_render: RenderedView | None = None
    for href, spec, sub, capped_from, notice in theme_pages:
        rv = emit(
            href, "theme", spec.title, spec.description, sub,
            title=spec.title + (f" ({as_of_year})" if as_of_year else ""),
            scores=scores,
            positions=full_render.positions if full_render else None,
            relayout=True,
            signed=spec.signed,
            notice=notice,
            total_nodes=capped_from,
        )
        if full_render is None:
            full_render = rv

    base_pos = full_render.positions if full_render else None
    ego_links = [(href, str(G.nodes[n].get("name", n))) for href, n in ego_pages]
    for href, n in ego_pages:
        name = str(G.nodes[n].get("name", n))
        desc = (
            f"{name} and every actor directly related to it, with all relationships "
            "among them. Other ego networks: see the links above."
        )
        # the drawn actors straight from G: no copy of a hub's whole ego network
        ego = ego_nodes(G, n, 1)
        keep, notice = capped_nodes(ego, scores, max_nodes)
        emit(href, "ego", f"Ego network: {name}", desc, view_subgraph(G, keep),
             scores=scores, positions=None, periods=ego_links, notice=notice,
             total_nodes=len(ego))

    if years:
        full_scores = influence_scores(full_graph, schema) if full_graph is not G else scores
        full_pos = base_pos if full_graph is G else None
        if full_pos is None:
            full_pos = compute_layout(full_graph)
        desc = (
            "Move the slider (or press Play): the relationships that hold in the year and "
            "the actors they touch. A relationship holds within its own dates; an undated "
            "one while both its ends exist. Positions are those of the full network."
        )
        heading = "The network over time" + (f" (to {as_of_year})" if as_of_year else "")
        rv = render_timeline(full_graph, schema, years=years, positions=full_pos,
                             scores=full_scores, title=heading, subtitle=desc, nav=nav)
        path = out / TIME_PAGE
        path.write_text(rv.html, encoding="utf-8")
        infos.append(ViewInfo(TIME_PAGE.removesuffix(".html"), heading, desc, path,
                              rv.nodes, rv.edges, "time", rv.total_nodes))
        if progress:
            progress(f"views/{TIME_PAGE}")
    return infos
