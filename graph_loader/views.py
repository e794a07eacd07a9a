"""Interactive network views (pyvis / vis-network), self-contained HTML files.

Each view is one HTML file that works offline, opened straight from disk:

- vis-network 9.1.2 (the copy shipped inside the pinned ``pyvis`` package) and
  the page's own CSS/JS (``graph_loader/assets``) are inlined; there is no
  ``<script src>`` or ``<link href>`` to a network location. pyvis's own
  template is not used: even with ``cdn_resources="in_line"`` it loads
  Bootstrap from a CDN and inserts the heading and menu options unescaped.
  pyvis builds the node and edge records (:class:`pyvis.network.Network`); the
  page is rendered from ``graph_loader/templates/view.html`` by Jinja2 with
  autoescaping, so actor names and quotes are always text, never markup.
- Node and edge data travel as a JSON block (``<script type="application/json">``)
  in which ``<``, ``>`` and ``&`` are escaped as ``\\u003c`` etc., so no data can
  close the script element (see :func:`script_json`).
- Nodes are coloured by kind (schema colour) and sized by influence (PageRank on
  the influence graph); edges are coloured by relationship type (schema colour;
  green/red by polarity in the signed view), dashed when ``implied``, with an arrow
  for directed types and none for symmetric ones.
- Tooltips are plain text with ``\\n`` line breaks (vis-network 9 renders a string
  ``title`` as text): the relationship type, dates, evidence quote, section and citation.
- Positions come from a NetworkX spring layout with a fixed seed, physics is off:
  the views render at once and identically on every build.
- A search box (name or alias → select and focus), kind/type filters (checkboxes
  updating the DataSets' ``hidden`` flags) and a legend generated from the schema are
  plain HTML around the canvas.
- Graphs with more than ``max_nodes`` actors show only the most influential ones
  and say so in the header.

The page also maintains ``<div id="render-status">`` (``data-ready``, ``data-nodes``,
``data-painted``, ``data-errors``), which the headless-browser test reads.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_loader.pages import render
from graph_loader.schema import Schema

if TYPE_CHECKING:
    from graph_loader.analyses import Analyses

#: Largest number of nodes drawn in one view; bigger graphs show the top ones by influence.
MAX_NODES = 400

#: Edge colours of the signed view.
POSITIVE_COLOR = "#2ca02c"
NEGATIVE_COLOR = "#d62728"

#: Node colour for a kind missing from the schema (should not happen after validation).
FALLBACK_COLOR = "#999999"

#: Years for the time view's pages, kept if they fall inside the data's years.
DEFAULT_PERIODS = (1988, 1992, 1994, 1997, 2008, 2016, 2020, 2023)

LAYOUT_SEED = 7

#: Components with at least this many nodes get :func:`_equalise_density` after the
#: spring layout.
EQUALISE_MIN = 12


@dataclass(frozen=True)
class ViewSpec:
    """Which relationships a view shows and how it colours them.

    Attributes
    ----------
    slug : str
        File name stem (``views/<slug>.html``).
    title : str
        Heading of the view.
    description : str
        One sentence under the heading (and on the index page).
    types : tuple of str or None
        Relationship types shown; ``None`` means all. Types missing from the schema
        are ignored.
    polarities : tuple of int or None
        Only types with these schema polarities (applied after ``types``).
    signed : bool
        Colour edges green (polarity +1) or red (-1) instead of by type.
    """

    slug: str
    title: str
    description: str
    types: tuple[str, ...] | None = None
    polarities: tuple[int, ...] | None = None
    signed: bool = False

    def type_names(self, schema: Schema) -> list[str]:
        """The schema's relationship types selected by this spec, in schema order."""
        out = []
        for name, rt in schema.relationship_types.items():
            if self.types is not None and name not in self.types:
                continue
            if self.polarities is not None and rt.polarity not in self.polarities:
                continue
            out.append(name)
        return out


#: The thematic views. The type lists are view configuration; colours and labels
#: come from the schema.
VIEW_SPECS: dict[str, ViewSpec] = {
    "full": ViewSpec(
        "full-network",
        "Full network",
        "Every actor and every relationship documented in the paper.",
    ),
    "mediation": ViewSpec(
        "mediation-membership",
        "Mediation and membership",
        "Who belongs to, chairs, leads or mediates through the OSCE (Minsk Group and "
        "Conference), the UN, the EU and the other organizations, and who brokered what.",
        types=(
            "MEMBER_OF", "PARTNER_OF", "CHAIRS", "CO_CHAIRS", "LEADS", "HOLDS_OFFICE",
            "APPOINTED", "MANDATES", "ESTABLISHED", "CONVENED", "PART_OF", "REPORTS_TO",
            "OVERSEES", "PARTICIPATES_IN", "REFUSED_TO_PARTICIPATE", "MEDIATES",
            "OFFERED_ASSISTANCE", "MONITORS", "BROKERED", "SIGNED", "DEFERS_TO",
            "FAVOURS_FORUM", "DEPLOYS_PEACEKEEPERS", "LEFT",
        ),
    ),
    "alliances": ViewSpec(
        "alliances-support",
        "Alliances and support",
        "Alliances, support, alignment, cooperation and aid between the actors.",
        types=(
            "ALLY_OF", "SUPPORTS", "ALIGNS_WITH", "COOPERATES_WITH", "PROVIDES_AID",
            "OFFERED_ASSISTANCE", "FAVOURS_FORUM", "PARTNER_OF",
        ),
    ),
    "signed": ViewSpec(
        "signed",
        "Signed network: cooperation and conflict",
        "Relationships with a polarity in the schema: cooperative ones (+1) in green, "
        "conflictual ones (-1) in red.",
        polarities=(1, -1),
        signed=True,
    ),
}


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
    import pyvis

    base = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    return (base / name).read_text(encoding="utf-8")


@functools.cache
def _asset(name: str) -> str:
    return resources.files("graph_loader").joinpath("assets", name).read_text(encoding="utf-8")


def _pyvis_version() -> str:
    try:
        from importlib.metadata import version

        return version("pyvis")
    except Exception:  # pragma: no cover - metadata missing
        return "?"


def _kind_color(schema: Schema, kind: str) -> str:
    k = schema.kinds.get(kind)
    return k.color if k else FALLBACK_COLOR


def _type_color(schema: Schema, rtype: str) -> str:
    rt = schema.relationship_types.get(rtype)
    return rt.color if rt else FALLBACK_COLOR


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


def _equalise_density(pos: Mapping[Any, Any]) -> dict[Any, tuple[float, float]]:
    """Spread a hub-and-spoke layout evenly: keep each node's angle around the centre,
    replace its distance by the square root of its distance rank.

    A spring layout of a network with a dense core and long chains squeezes the core
    into a small blob; after this, nodes are spread uniformly over a disc (the radius
    rank is preserved, so the core stays in the middle and chains stay outside).
    """
    nodes = sorted(pos, key=str)
    xs = sorted(float(pos[v][0]) for v in nodes)
    ys = sorted(float(pos[v][1]) for v in nodes)
    cx, cy = xs[len(xs) // 2], ys[len(ys) // 2]
    polar = []
    for v in nodes:
        dx, dy = float(pos[v][0]) - cx, float(pos[v][1]) - cy
        polar.append((math.hypot(dx, dy), math.atan2(dy, dx), str(v), v))
    polar.sort()
    n = len(polar)
    out = {}
    for rank, (_, theta, _, v) in enumerate(polar):
        r = math.sqrt((rank + 0.5) / n)
        out[v] = (r * math.cos(theta), r * math.sin(theta))
    return out


def _component_layout(
    C: nx.Graph, seed: int, initial: Mapping[Any, tuple[float, float]] | None
) -> dict[Any, tuple[float, float]]:
    """Unit-scale positions of one connected component, centred on 0."""
    n = C.number_of_nodes()
    nodes = sorted(C.nodes, key=str)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-0.5, 0.0), nodes[1]: (0.5, 0.0)}
    pos0 = None
    if initial:
        pos0 = {v: initial[v] for v in nodes if v in initial} or None
    pos = nx.spring_layout(
        C, pos=pos0, seed=seed, k=1.3 / math.sqrt(n), iterations=60 if pos0 else 120
    )
    if n >= EQUALISE_MIN:
        pos = _equalise_density(pos)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return {v: ((x - cx) / span, (y - cy) / span) for v, (x, y) in pos.items()}


def compute_layout(
    G: nx.Graph,
    seed: int = LAYOUT_SEED,
    initial: Mapping[Any, tuple[float, float]] | None = None,
    spacing: float = 120.0,
) -> dict[Any, tuple[float, float]]:
    """Deterministic pixel positions for the nodes of ``G``.

    Each connected component gets its own spring layout (fixed seed), sized by the
    square root of its node count; the components are then packed in rows, largest
    first, so that small components do not push the main one into a corner.

    Parameters
    ----------
    G : networkx.Graph
        Any graph (treated as undirected and simple).
    seed : int, optional
        Random seed of the layout.
    initial : mapping, optional
        Starting positions (pixels) for some nodes, e.g. from the full network, so
        that sub-views keep a familiar shape.
    spacing : float, optional
        Roughly the distance between neighbouring nodes, in pixels.

    Returns
    -------
    dict
        Node to ``(x, y)`` in pixels.
    """
    if G.number_of_nodes() == 0:
        return {}
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(H)),
        key=lambda c: (-len(c), str(c[0])),
    )
    placed: list[tuple[dict[Any, tuple[float, float]], float]] = []
    for comp in comps:
        size = spacing * (1.2 * math.sqrt(len(comp)) + (0.0 if len(comp) > 1 else 0.0))
        if len(comp) == 2:
            size = spacing
        unit = _component_layout(H.subgraph(comp), seed, initial)
        placed.append(({v: (x * size, y * size) for v, (x, y) in unit.items()}, size))
    # Shelf packing: rows as wide as the largest component (at least 4 small ones).
    row_width = max(placed[0][1], 4 * spacing) * 1.6
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp_pos, size in placed:
        box = size + spacing * 0.8
        if x > 0 and x + box > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for v, (px, py) in comp_pos.items():
            pos[v] = (round(x + box / 2 + px, 1), round(y + box / 2 + py, 1))
        x += box
        row_h = max(row_h, box)
    return pos


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


def _cap(
    G: nx.MultiDiGraph, scores: Mapping[Any, float], max_nodes: int
) -> tuple[nx.MultiDiGraph, str]:
    n = G.number_of_nodes()
    if n <= max_nodes:
        return G, ""
    keep = sorted(G.nodes, key=lambda v: (-scores.get(v, 0.0), str(v)))[:max_nodes]
    notice = (
        f"Showing the {max_nodes} most influential of {n} actors (by PageRank); "
        "the exports and tables hold the whole graph."
    )
    return G.subgraph(keep).copy(), notice


def _nav_links(nav: Sequence[tuple[str, str]], current: str) -> list[_Link]:
    return [_Link(href, text, href == current) for href, text in nav]


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

    Returns
    -------
    RenderedView
        The HTML and the numbers of nodes and edges drawn.
    """
    if scores is None:
        scores = influence_scores(G, schema)
    H, cap_notice = _cap(G, scores, max_nodes)
    pos = _place(H, positions, relayout)
    nodes, edges, options, kinds_present, types_present = _vis_data(H, schema, scores, pos, signed)
    legend_kinds, legend_types = _legends(schema, kinds_present, types_present, signed)
    period_links, prev_period, next_period = _period_nav(periods, current)

    from markupsafe import Markup

    from graph_loader import __version__

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
        legend_types=legend_types,
        signed=signed,
        positive_color=POSITIVE_COLOR,
        negative_color=NEGATIVE_COLOR,
        version=__version__,
        pyvis_version=_pyvis_version(),
        vis_version="9.1.2",
        vis_css=Markup(_pyvis_lib("vis-network.css")),
        vis_js=Markup(_pyvis_lib("vis-network.min.js")),
        page_css=Markup(_asset("view.css")),
        page_js=Markup(_asset("view.js")),
        data_json=Markup(script_json({"nodes": nodes, "edges": edges, "options": options})),
    )
    return RenderedView(html, len(nodes), len(edges), G.number_of_nodes(), pos)


def _place(
    H: nx.MultiDiGraph, positions: Mapping[Any, tuple[float, float]] | None, relayout: bool
) -> dict[Any, tuple[float, float]]:
    """The view's positions: ``positions`` if they cover ``H`` and no relayout is asked."""
    pos: dict[Any, tuple[float, float]] = {}
    if positions is not None:
        pos = {n: positions[n] for n in H.nodes if n in positions}
    if relayout or len(pos) < H.number_of_nodes():
        pos = compute_layout(H, initial=pos or None)
    return pos


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
) -> tuple[list, list, dict, Counter[str], Counter[str]]:
    """vis-network's nodes, edges and options for ``H``, and the kinds and types drawn."""
    from pyvis.network import Network

    top = max((scores.get(n, 0.0) for n in H.nodes), default=0.0) or 1.0
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    kinds_present: Counter[str] = Counter()
    order = sorted(H.nodes, key=lambda v: (-scores.get(v, 0.0), str(v)))
    for n in order:
        d = H.nodes[n]
        kind = str(d.get("kind", ""))
        kinds_present[kind] += 1
        score = float(scores.get(n, 0.0))
        color = _kind_color(schema, kind)
        x, y = pos.get(n, (0.0, 0.0))
        net.add_node(
            str(n),
            label=str(d.get("name", n)),
            color={"background": color, "border": "#333333",
                   "highlight": {"background": color, "border": "#000000"}},
            size=round(6.0 + 22.0 * math.sqrt(max(score, 0.0) / top), 2),
            title=_node_title(H, n, score),
            x=x,
            y=y,
            kind=kind,
            aliases=[str(a) for a in d.get("aliases") or []],
        )

    types_present: Counter[str] = Counter()
    pair_count: Counter[tuple[str, str]] = Counter()
    for u, v, k, d in sorted(H.edges(keys=True, data=True), key=lambda e: str(e[2])):
        rtype = str(d.get("type", ""))
        types_present[rtype] += 1
        pair = (str(min(str(u), str(v))), str(max(str(u), str(v))))
        idx = pair_count[pair]  # parallel edges curve apart
        pair_count[pair] += 1
        if signed:
            color = POSITIVE_COLOR if d.get("polarity", 0) > 0 else NEGATIVE_COLOR
        else:
            color = _type_color(schema, rtype)
        smooth: dict[str, Any] | bool = False
        if idx:
            smooth = {
                "enabled": True,
                "type": "curvedCW" if idx % 2 else "curvedCCW",
                "roundness": 0.15 * ((idx + 1) // 2),
            }
        net.add_edge(
            str(u),
            str(v),
            id=str(d.get("id", k)),
            rtype=rtype,
            color={"color": color, "highlight": color, "hover": color, "opacity": 0.85},
            dashes=d.get("certainty") == "implied",
            arrows={"to": {"enabled": not d.get("symmetric", False), "scaleFactor": 0.6}},
            title=_edge_title(H, u, v, d),
            width=1.6,
            smooth=smooth,
        )
    net.options = VIS_OPTIONS
    nodes, edges, _heading, _h, _w, options_json = net.get_network_data()
    return nodes, edges, json.loads(options_json), kinds_present, types_present


def _legends(
    schema: Schema, kinds: Counter[str], types: Counter[str], signed: bool
) -> tuple[list[dict], list[dict]]:
    """The legend's kinds and types: those drawn, in schema order."""
    legend_kinds = [
        {"name": k, "color": _kind_color(schema, k), "count": kinds[k],
         "description": schema.kinds[k].description if k in schema.kinds else ""}
        for k in [*schema.kinds, *sorted(set(kinds) - set(schema.kinds))]
        if kinds[k]
    ]
    legend_types = [
        {"name": t, "color": POSITIVE_COLOR if signed and rt.polarity > 0 else
            NEGATIVE_COLOR if signed else rt.color,
         "count": types[t], "symmetric": rt.symmetric, "description": rt.description}
        for t, rt in schema.relationship_types.items()
        if types[t]
    ]
    return legend_kinds, legend_types


def _search_names(H: nx.MultiDiGraph) -> list[str]:
    """Every name and alias drawn, for the search box."""
    return sorted(
        {str(H.nodes[n].get("name", n)) for n in H.nodes}
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


def ego_subgraph(G: nx.MultiDiGraph, node: Any, radius: int = 1) -> nx.MultiDiGraph:
    """The ego network of ``node``: actors within ``radius`` steps and all their relationships.

    The node set of ``networkx.ego_graph`` on an undirected view (as
    :func:`graph_loader.analyses.ego_network`, which copies the whole graph per call).
    """
    nodes = set(nx.ego_graph(G.to_undirected(as_view=True), node, radius=radius))
    H = G.subgraph(nodes).copy()
    H.graph.update(G.graph)
    return H


def _as_of_view(G: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """:func:`graph_loader.graph.as_of` as a read-only view of ``G``, without copying.

    The same actors (those touched by a relationship holding in ``year``) and
    relationships, found in one pass over the edges; nothing is copied, so a time view
    only copies what :func:`render_view` keeps after its cap (:data:`MAX_NODES`).
    Unlike ``as_of``, the year is not checked against the data's years and
    ``graph["year"]`` is not set (the view shares ``G.graph``).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    year : int
        The year.

    Returns
    -------
    networkx.MultiDiGraph
        A ``networkx.subgraph_view`` of ``G`` (node and edge filters).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="r1", start_year=1991, end_year=1994)
    'r1'
    >>> G.add_edge("b", "c", key="r2", start_year=1994, end_year=None)
    'r2'
    >>> sorted(_as_of_view(G, 1992).nodes()), sorted(_as_of_view(G, 1994).edges(keys=True))
    (['a', 'b'], [('a', 'b', 'r1'), ('b', 'c', 'r2')])
    """
    from graph_loader.graph import active_in

    active: set[Any] = set()
    for u, v, d in G.edges(data=True):
        if active_in(d, year):
            active.add(u)
            active.add(v)
    succ = G.succ

    def edge_ok(u: Any, v: Any, k: Any) -> bool:
        return active_in(succ[u][v][k], year)

    return nx.subgraph_view(G, filter_node=active.__contains__, filter_edge=edge_ok)


def time_periods(
    G: nx.MultiDiGraph, wanted: Sequence[int] = DEFAULT_PERIODS, upto: int | None = None
) -> list[int]:
    """The years of the time view's pages: ``wanted`` within the data's years.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full graph.
    wanted : sequence of int
        Candidate years (see :data:`DEFAULT_PERIODS`).
    upto : int, optional
        Last year to include (the ``--as-of`` year); it is added if missing.

    Returns
    -------
    list of int
        Sorted years; the first and last year of the data if none of ``wanted`` fits.
    """
    from graph_loader.graph import year_range

    try:
        lo, hi = year_range(G)
    except ValueError:
        return []
    if upto is not None:
        hi = min(hi, upto)
    years = sorted({y for y in wanted if lo <= y <= hi})
    if upto is not None and lo <= upto and upto not in years:
        years.append(upto)
    return sorted(years) or sorted({lo, hi})


def main_actor_ids(
    G: nx.MultiDiGraph, schema: Schema, analyses: Analyses | None = None, limit: int = 8
) -> list[Any]:
    """The main actors: ``analyses.main_actors`` in ``G``, else the ``limit`` most influential."""
    ids = [n for n in analyses.main_actors if n in G] if analyses is not None else []
    if not ids:
        scores = influence_scores(G, schema, analyses)
        ids = sorted(G.nodes, key=lambda v: (-scores.get(v, 0.0), str(v)))[:limit]
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

    theme_pages: list[tuple[str, ViewSpec, nx.MultiDiGraph]] = []
    for spec in VIEW_SPECS.values():
        sub = G if spec.types is None and spec.polarities is None else subgraph_by_types(
            G, spec.type_names(schema)
        )
        theme_pages.append((f"{spec.slug}.html", spec, sub))

    mains = main_actor_ids(G, schema, analyses)
    used: set[str] = set()
    ego_pages: list[tuple[str, Any]] = []
    for n in mains:
        slug = "ego-" + safe_slug(str(n))
        while slug in used:
            slug += "-x"
        used.add(slug)
        ego_pages.append((f"{slug}.html", n))

    years = time_periods(full_graph, upto=as_of_year)
    time_pages = [(f"time-{y}.html", y) for y in years]

    nav: list[tuple[str, str]] = [("../index.html", "Index")]
    nav += [(href, spec.title) for href, spec, _ in theme_pages]
    if ego_pages:
        nav.append((ego_pages[0][0], "Ego networks"))
    if time_pages:
        nav.append((time_pages[0][0], "Over time"))

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
    for href, spec, sub in theme_pages:
        rv = emit(
            href, "theme", spec.title, spec.description, sub,
            title=spec.title + (f" ({as_of_year})" if as_of_year else ""),
            scores=scores,
            positions=full_render.positions if full_render else None,
            relayout=True,
            signed=spec.signed,
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
        emit(href, "ego", f"Ego network: {name}", desc, ego_subgraph(G, n, 1),
             scores=scores, positions=None, periods=ego_links)

    if time_pages:
        from graph_loader.graph import as_of, year_range

        lo, hi = year_range(full_graph)
        full_scores = influence_scores(full_graph, schema) if full_graph is not G else scores
        full_pos = base_pos if full_graph is G else None
        if full_pos is None:
            full_pos = compute_layout(full_graph)
        period_links = [(href, str(y)) for href, y in time_pages]
        for href, y in time_pages:
            if not lo <= y <= hi:  # as graph.as_of
                raise ValueError(f"year {y} is outside the data's range {lo}-{hi}")
            # As graph.as_of(full_graph, y), but a view: copying every relationship
            # active in y only to keep the max_nodes most influential actors cost most of
            # the time views' time on large graphs.
            sub = _as_of_view(full_graph, y)
            if sub.number_of_nodes() <= max_nodes:
                sub = as_of(full_graph, y)  # drawn whole: a copy renders faster
            desc = (
                f"The relationships that held in {y} (undated ones hold in every year), "
                "with the actors they touch. Positions are those of the full network."
            )
            emit(href, "time", f"The network in {y}", desc, sub,
                 scores=full_scores, positions=full_pos, periods=period_links)
    return infos
