"""One view as a self-contained HTML page: the capped graph, vis-network data, template."""

from __future__ import annotations

import functools
import heapq
import json
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_loader.pages import render
from graph_loader.schema import Schema
from graph_loader.views.layout import compute_layout, separate

if TYPE_CHECKING:
    from graph_loader.analyses import Analyses

MAX_NODES = 400

#: Edge colours of the signed view.
POSITIVE_COLOR = "#2ca02c"
NEGATIVE_COLOR = "#d62728"

#: Node colour for a kind missing from the schema (should not happen after validation).
FALLBACK_COLOR = "#999999"


@dataclass
class _Link:
    href: str
    text: str
    current: bool = False


@dataclass
class RenderedView:
    """The HTML of one view and what it shows."""

    html: str
    nodes: int
    edges: int
    total_nodes: int
    positions: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- helpers


def script_json(obj: Any) -> str:
    """JSON safe to embed inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026`` (so
    neither ``</script>`` nor ``<!--`` can occur, which also covers the ``</`` →
    ``<\\/`` rule) and U+2028/U+2029 are escaped. The result is still valid JSON and
    a valid JavaScript expression.

    Parameters
    ----------
    obj : Any
        A JSON-serialisable object.

    Returns
    -------
    str
        The JSON text.

    Examples
    --------
    >>> script_json({"name": "</script><b>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def safe_slug(text: str) -> str:
    """A file-name-safe slug of ``text`` (letters, digits, ``-``, ``_``).

    Examples
    --------
    >>> safe_slug("OSCE Minsk/Group <x>")
    'osce-minsk-group-x'
    """
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-")
    return slug or "actor"


@functools.cache
def _pyvis_lib(name: str) -> str:
    from importlib.util import find_spec

    # found, not imported: pyvis's import loads its Network class and jinja2 templates
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise ModuleNotFoundError("pyvis (its vis-network copy is inlined in the views)")
    base = Path(list(spec.submodule_search_locations)[0]).resolve()
    base = base / "templates" / "lib" / "vis-9.1.2"
    return (base / name).read_text(encoding="utf-8")


@functools.cache
def page_assets(script: str) -> dict[str, Any]:
    """What every view page inlines (vis-network, the page CSS, :file:`network.js` and
    the page's own ``script``) and the versions its footer names, as template values."""
    from markupsafe import Markup

    from graph_loader import __version__

    return {
        "version": __version__,
        "pyvis_version": _pyvis_version(),
        "vis_version": "9.1.2",
        "vis_css": Markup(_pyvis_lib("vis-network.css")),
        "vis_js": Markup(_pyvis_lib("vis-network.min.js")),
        "page_css": Markup(_asset("view.css")),
        "page_js": Markup(_asset("network.js") + _asset(script)),
    }


def _asset(name: str) -> str:
    asset = resources.files("graph_loader").joinpath("assets").joinpath(name)
    return asset.read_text(encoding="utf-8")


def _pyvis_version() -> str:
    try:
        from importlib.metadata import version

        return version("pyvis")
    except Exception:  # pragma: no cover - metadata missing
        return "?"


def kind_color(schema: Schema, kind: str) -> str:
    """The schema's colour of an actor kind (``#rrggbb``), grey for an unknown kind.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> kind_color(load_schema("data/schema.yaml"), "no such kind")
    '#999999'
    """
    k = schema.kinds.get(kind)
    return k.color if k else FALLBACK_COLOR


def type_color(schema: Schema, rtype: str) -> str:
    """The colour of relationship type ``rtype`` in views, legends and exports: the
    colour of its family (``families:`` in schema.yaml), else the type's own colour.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> schema = load_schema("data/schema.yaml")
    >>> type_color(schema, "CO_CHAIRS") == type_color(schema, "CHAIRS")
    True
    """
    if rtype not in schema.relationship_types:
        return FALLBACK_COLOR
    return schema.type_color(rtype)


def _family(schema: Schema, rtype: str) -> str:
    rt = schema.relationship_types.get(rtype)
    return rt.family if rt and rt.family in schema.families else rtype


def node_label(d: Mapping[str, Any], n: Any) -> str:
    """The label drawn on the canvas: the actor's ``short_name``, else its name."""
    return str(d.get("short_name") or d.get("name", n))


def node_size(score: float, top: float) -> float:
    """A node's drawn size: ``6 + 22 * sqrt(score / top)``, from 6 to 28, 2 decimals.

    Parameters
    ----------
    score : float
        The node's influence (:func:`influence_scores`); negative counts as 0.
    top : float
        The highest score of the graph drawn (0 is taken as 1).

    Examples
    --------
    >>> node_size(0.25, 1.0), node_size(1.0, 1.0), node_size(0.0, 0.0)
    (17.0, 28.0, 6.0)
    """
    return round(6.0 + 22.0 * math.sqrt(max(score, 0.0) / (top or 1.0)), 2)


def influence_scores(
    G: nx.MultiDiGraph, schema: Schema, analyses: Analyses | None = None
) -> dict[Any, float]:
    """PageRank on the influence graph, per node id.

    Taken from ``analyses.centrality`` (column ``pagerank``, indexed by actor id) when
    given, otherwise computed with
    :func:`graph_loader.graph.influence_graph` and ``networkx.pagerank``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph.
    schema : Schema
        Its schema (the influence graph's arcs).
    analyses : Analyses, optional
        The result of :func:`graph_loader.analyses.run_all`.

    Returns
    -------
    dict
        Node id to score (0 for nodes the analyses do not list).
    """
    if analyses is not None:
        table = analyses.centrality
        scores = {i: float(v) for i, v in table["pagerank"].items() if i in G}
        if scores:
            return {n: scores.get(n, 0.0) for n in G.nodes}
    if G.number_of_nodes() == 0:
        return {}
    from graph_loader.graph import influence_graph

    D = influence_graph(G, schema)
    try:
        pr = nx.pagerank(D, weight="weight")
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - tiny odd graphs
        pr = {n: 1.0 / D.number_of_nodes() for n in D.nodes}
    return {n: float(pr.get(n, 0.0)) for n in G.nodes}


def _years(d: Mapping[str, Any]) -> str:
    start, end = d.get("start") or "", d.get("end") or ""
    if not start and not end:
        return "undated"
    return f"{start or '?'} – {end or 'ongoing'}"


def _node_title(G: nx.MultiDiGraph, n: Any, score: float) -> str:
    d = G.nodes[n]
    lines = [str(d.get("name", n)), f"Kind: {d.get('kind', '')}"]
    aliases = d.get("aliases") or []
    if aliases:
        lines.append("Also: " + "; ".join(str(a) for a in aliases))
    if d.get("iso3"):
        lines.append(f"ISO 3166: {d['iso3']}")
    if d.get("description"):
        lines.append(str(d["description"]))
    lines.append(f"Influence (PageRank): {score:.4f}")
    lines.append(f"Relationships here: {G.in_degree(n) + G.out_degree(n)}")
    return "\n".join(lines)


def _citation(G: nx.MultiDiGraph, ref: str) -> str:
    src = (G.graph.get("sources") or {}).get(ref)
    if src is None:
        return ref
    return str(getattr(src, "citation", src)) or ref


def _edge_title(G: nx.MultiDiGraph, u: Any, v: Any, d: Mapping[str, Any]) -> str:
    name_u = str(G.nodes[u].get("name", u))
    name_v = str(G.nodes[v].get("name", v))
    arrow = "—" if d.get("symmetric") else "→"
    lines = [
        f"{name_u} {arrow} {d.get('type', '')} {arrow} {name_v}",
        f"When: {_years(d)}",
    ]
    if d.get("certainty") == "implied":
        lines.append("Certainty: implied (not stated outright)")
    if d.get("evidence"):
        lines.append(f"“{d['evidence']}”")
    where = []
    if d.get("section"):
        where.append(f"Section {d['section']}")
    if d.get("source_ref"):
        where.append(_citation(G, str(d["source_ref"])))
    if where:
        lines.append(" · ".join(where))
    if d.get("cites"):
        lines.append(f"Cites: {d['cites']}")
    if d.get("note"):
        lines.append(f"Note: {d['note']}")
    return "\n".join(lines)


def capped_nodes(
    nodes: Collection[Any], scores: Mapping[Any, float], max_nodes: int = MAX_NODES
) -> tuple[Collection[Any], str]:
    """The actors a view of ``nodes`` draws: all of them, or the ``max_nodes`` most
    influential (highest ``scores``, ties by id), and the notice the view then shows.

    Examples
    --------
    >>> capped_nodes(["a", "b", "c"], {"b": 2.0, "c": 1.0}, 2)[0]
    ['b', 'c']
    """
    n = len(nodes)
    if n <= max_nodes:
        return nodes, ""
    # the first max_nodes of the sorted order, without sorting every node
    keep = heapq.nsmallest(max_nodes, nodes, key=lambda v: (-scores.get(v, 0.0), str(v)))
    notice = (
        f"Showing the {max_nodes} most influential of {n} actors (by PageRank); "
        "the exports and tables hold the whole graph."
    )
    return keep, notice


def view_subgraph(G: nx.MultiDiGraph, nodes: Iterable[Any]) -> nx.MultiDiGraph:
    """A copy of ``G`` with only ``nodes`` and the relationships among them.

    The nodes and, for each, its relationships come in ``G``'s order
    (:func:`graph_loader.graph.induced_subgraph` gives the same graph, except where a
    node has over twice as many neighbours in ``G`` as ``nodes`` holds: networkx's
    subgraph view then lists them in the order of a Python set, which follows the string
    hash seed; here they are always in ``G``'s order). Only the kept nodes' adjacency is
    read, not every relationship of ``G``.
    """
    keep = nodes if isinstance(nodes, (set, frozenset)) else set(nodes)
    order = [v for v in G if v in keep]
    H = G.__class__(**G.graph)
    H.add_nodes_from((v, G.nodes[v]) for v in order)
    succ = G._adj  # plain dicts: no view object per node
    if G.is_multigraph():
        H.add_edges_from((u, v, k, d) for u in order for v, kd in succ[u].items()
                         if v in keep for k, d in kd.items())
    else:
        H.add_edges_from((u, v, d) for u in order for v, d in succ[u].items() if v in keep)
    return H


def cap_graph(
    G: nx.MultiDiGraph, scores: Mapping[Any, float], max_nodes: int = MAX_NODES
) -> tuple[nx.MultiDiGraph, str]:
    """The graph a view draws: ``G``, or its ``max_nodes`` most influential actors.

    Returns
    -------
    (networkx.MultiDiGraph, str)
        ``G`` itself when it has at most ``max_nodes`` nodes (and ``""``), else a copy of
        the subgraph of the highest ``scores`` (ties by id; :func:`capped_nodes`,
        :func:`view_subgraph`) and the notice the view shows.
    """
    if G.number_of_nodes() <= max_nodes:
        return G, ""
    keep, notice = capped_nodes(G.nodes, scores, max_nodes)
    return view_subgraph(G, keep), notice


def _nav_links(nav: Sequence[tuple[str, str]], current: str) -> list[_Link]:
    """The links of ``nav``, each target once (the first text given for it)."""
    seen: set[str] = set()
    links = []
    for href, text in nav:
        if href not in seen:
            seen.add(href)
            links.append(_Link(href, text, href == current))
    return links


# --------------------------------------------------------------------------- rendering


def render_view(
    G: nx.MultiDiGraph,
    schema: Schema,
    *,
    title: str,
    subtitle: str = "",
    scores: Mapping[Any, float] | None = None,
    positions: Mapping[Any, tuple[float, float]] | None = None,
    relayout: bool = False,
    signed: bool = False,
    max_nodes: int = MAX_NODES,
    nav: Sequence[tuple[str, str]] = (),
    current: str = "",
    periods: Sequence[tuple[str, str]] = (),
    notice: str = "",
    total_nodes: int | None = None,
) -> RenderedView:
    """Render one view of ``G`` as a self-contained HTML page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The nodes and relationships to show.
    schema : Schema
        Their schema (colours, legend).
    title, subtitle : str
        Heading and the sentence under it (plain text; escaped).
    scores : mapping, optional
        Influence per node (node size); computed with :func:`influence_scores` if omitted.
    positions : mapping, optional
        Pixel positions. Used as they are if every node has one and ``relayout`` is
        false; otherwise the view is laid out with :func:`compute_layout` starting
        from them.
    relayout : bool, optional
        Always compute a layout for this view (``positions`` only as a start).
    signed : bool, optional
        Colour edges by polarity (green +1, red -1) instead of by type.
    max_nodes : int, optional
        Show at most this many nodes, the most influential (see :data:`MAX_NODES`).
    nav : sequence of (href, text)
        Links in the header (relative URLs).
    current : str
        The ``href`` of this page in ``nav`` / ``periods`` (shown as bold text).
    periods : sequence of (href, text)
        Links to the other pages of a time series (with previous/next).
    notice : str
        An extra line in the header.
    total_nodes : int, optional
        The number of actors ``G`` was taken from, when the caller already capped it
        (:func:`capped_nodes`, with its notice as ``notice``); default ``G``'s.

    Returns
    -------
    RenderedView
        The HTML and the numbers of nodes and edges drawn.
    """
    if scores is None:
        scores = influence_scores(G, schema)
    H, cap_notice = cap_graph(G, scores, max_nodes)
    top = max((scores.get(n, 0.0) for n in H.nodes), default=0.0) or 1.0
    sizes = {n: node_size(float(scores.get(n, 0.0)), top) for n in H.nodes}
    pos = _place(H, positions, relayout, sizes)
    nodes, edges, options, kinds_present, types_present = _vis_data(
        H, schema, scores, pos, signed, sizes
    )
    legend_kinds, legend_families = _legends(schema, kinds_present, types_present, signed)
    period_links, prev_period, next_period = _period_nav(periods, current)

    from markupsafe import Markup


    html = render(
        "view.html",
        title=title,
        subtitle=subtitle,
        notice=" ".join(x for x in (notice, cap_notice) if x),
        nav=_nav_links(nav, current),
        periods=period_links,
        prev_period=prev_period,
        next_period=next_period,
        search_names=_search_names(H),
        legend_kinds=legend_kinds,
        legend_families=legend_families,
        signed=signed,
        positive_color=POSITIVE_COLOR,
        negative_color=NEGATIVE_COLOR,
        **page_assets("view.js"),
        data_json=Markup(script_json({"nodes": nodes, "edges": edges, "options": options})),
    )
    total = G.number_of_nodes() if total_nodes is None else total_nodes
    return RenderedView(html, len(nodes), len(edges), total, pos)


def _place(
    H: nx.MultiDiGraph,
    positions: Mapping[Any, tuple[float, float]] | None,
    relayout: bool,
    sizes: Mapping[Any, float],
) -> dict[Any, tuple[float, float]]:
    """The view's positions: ``positions`` if they cover ``H`` and no relayout is asked,
    else a layout; then :func:`~graph_loader.views.layout.separate` with the drawn sizes
    and labels, so that no two circles overlap."""
    pos: dict[Any, tuple[float, float]] = {}
    if positions is not None:
        pos = {n: positions[n] for n in H.nodes if n in positions}
    if relayout or len(pos) < H.number_of_nodes():
        pos = compute_layout(H, initial=pos or None)
    labels = {n: node_label(H.nodes[n], n) for n in H.nodes}
    return separate(pos, sizes, labels)


#: vis-network options: no physics (the layout is computed), hover tooltips, dots.
VIS_OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {
        "hover": True,
        "tooltipDelay": 120,
        "navigationButtons": False,
        "keyboard": {"enabled": True, "bindToWindow": False},
        "multiselect": True,
    },
    "nodes": {
        "shape": "dot",
        "borderWidth": 1,
        "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3,
                 "strokeColor": "#ffffff"},
    },
    "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5},
}


def _vis_data(
    H: nx.MultiDiGraph,
    schema: Schema,
    scores: Mapping[Any, float],
    pos: Mapping[Any, tuple[float, float]],
    signed: bool,
    sizes: Mapping[Any, float],
) -> tuple[list, list, dict, Counter[str], Counter[str]]:
    """vis-network's nodes, edges and options for ``H``, and the kinds and types drawn.

    The records are those ``pyvis.network.Network.add_node``/``add_edge`` build (the
    same keys in the same order), made here directly: pyvis checks each edge's ends
    against a list of every node, quadratic in a view of 400 actors.
    """
    kinds_present: Counter[str] = Counter()
    nodes: list[dict[str, Any]] = []
    seen: set[str] = set()
    order = sorted(H.nodes, key=lambda v: (-scores.get(v, 0.0), str(v)))
    for n in order:
        d = H.nodes[n]
        kind = str(d.get("kind", ""))
        kinds_present[kind] += 1
        score = float(scores.get(n, 0.0))
        color = kind_color(schema, kind)
        x, y = pos.get(n, (0.0, 0.0))
        node_id = str(n)
        if node_id in seen:  # as pyvis: the first node of an id
            continue
        seen.add(node_id)
        label = node_label(d, n)
        nodes.append({
            "color": {"background": color, "border": "#333333",
                      "highlight": {"background": color, "border": "#000000"}},
            "size": sizes[n],
            "title": _node_title(H, n, score),
            "x": x,
            "y": y,
            "kind": kind,
            "name": str(d.get("name", n)),
            "aliases": [str(a) for a in d.get("aliases") or []],
            "id": node_id,
            "label": label or node_id,  # pyvis: an empty label shows the id
            "shape": "dot",
        })

    types_present: Counter[str] = Counter()
    pair_count: Counter[tuple[str, str]] = Counter()
    edges: list[dict[str, Any]] = []
    for u, v, k, d in sorted(H.edges(keys=True, data=True), key=lambda e: str(e[2])):
        rtype = str(d.get("type", ""))
        types_present[rtype] += 1
        pair = (str(min(str(u), str(v))), str(max(str(u), str(v))))
        idx = pair_count[pair]  # parallel edges curve apart
        pair_count[pair] += 1
        if signed:
            color = POSITIVE_COLOR if d.get("polarity", 0) > 0 else NEGATIVE_COLOR
        else:
            color = type_color(schema, rtype)
        smooth: dict[str, Any] | bool = False
        if idx:
            smooth = {
                "enabled": True,
                "type": "curvedCW" if idx % 2 else "curvedCCW",
                "roundness": 0.15 * ((idx + 1) // 2),
            }
        edges.append({
            "id": str(d.get("id", k)),
            "rtype": rtype,
            "family": _family(schema, rtype),
            "color": {"color": color, "highlight": color, "hover": color, "opacity": 0.85},
            "dashes": d.get("certainty") == "implied",
            "arrows": {"to": {"enabled": not d.get("symmetric", False), "scaleFactor": 0.6}},
            "title": _edge_title(H, u, v, d),
            "width": 1.6,
            "smooth": smooth,
            "from": str(u),
            "to": str(v),
        })
    options = json.loads(json.dumps(VIS_OPTIONS))  # a copy, as pyvis's JSON round trip
    return nodes, edges, options, kinds_present, types_present


def _legends(
    schema: Schema, kinds: Counter[str], types: Counter[str], signed: bool
) -> tuple[list[dict], list[dict]]:
    """The legend's kinds and relationship families (each with its types): those drawn,
    in schema order. Types of no family (a schema without ``families:``) form one
    family each."""
    legend_kinds = [
        {"name": k, "color": kind_color(schema, k), "count": kinds[k],
         "description": schema.kinds[k].description if k in schema.kinds else ""}
        for k in [*schema.kinds, *sorted(set(kinds) - set(schema.kinds))]
        if kinds[k]
    ]
    families: dict[str, dict] = {}
    for t, rt in schema.relationship_types.items():
        if not types[t]:
            continue
        fam = schema.families.get(rt.family)
        key = fam.name if fam else t
        entry = families.setdefault(key, {
            "name": key,
            "title": fam.title if fam else t,
            "description": fam.description if fam else rt.description,
            "color": type_color(schema, t),
            "count": 0,
            "types": [],
        })
        entry["count"] += types[t]
        entry["types"].append({
            "name": t, "count": types[t], "symmetric": rt.symmetric,
            "description": rt.description,
            "color": (POSITIVE_COLOR if rt.polarity > 0 else NEGATIVE_COLOR) if signed
            else type_color(schema, t),
        })
    order = {f: i for i, f in enumerate(schema.families)}
    legend_families = sorted(families.values(), key=lambda f: order.get(f["name"], len(order)))
    return legend_kinds, legend_families


def _search_names(H: nx.MultiDiGraph) -> list[str]:
    """Every name, short name and alias drawn, for the search box."""
    return sorted(
        {str(H.nodes[n].get("name", n)) for n in H.nodes}
        | {str(H.nodes[n]["short_name"]) for n in H.nodes if H.nodes[n].get("short_name")}
        | {str(a) for n in H.nodes for a in H.nodes[n].get("aliases") or []},
        key=lambda name: (name.lower(), name),  # total order: pages are reproducible
    )


def _period_nav(
    periods: Sequence[tuple[str, str]], current: str
) -> tuple[list[_Link], _Link | None, _Link | None]:
    """The links of a page series, with the previous and next of ``current``."""
    links = _nav_links(periods, current)
    at = next((i for i, p in enumerate(links) if p.current), None)
    prev_link = links[at - 1] if at else None
    next_link = links[at + 1] if at is not None and at + 1 < len(links) else None
    return links, prev_link, next_link
