"""Dynamic GEXF 1.3 for Gephi: a mixed graph with a timeline, the views' look and measures.

- Symmetric relationship types (the schema's ``symmetric: true``) are undirected edges,
  the others directed: a mixed graph, which Gephi reads (networkx's GEXF reader cannot).
  There is no ``defaultedgetype``: every edge states its ``type``, because Gephi 0.10.1
  drops every undirected edge under ``defaultedgetype="directed"``.
- GEXF reserves the edge attributes ``type`` (directed or undirected) and ``label``, so
  the relationship type is written as ``label``, as the edge ``kind`` (Gephi keeps
  relationships of different types between the same actors apart) and as the attribute
  ``rel_type``.
- Each edge's spell is whole years, 1 January of the first year it holds to 31 December
  of the last, by the one rule of time (:func:`graph_loader.graph.relationship_years`:
  its own dates, within both endpoints' lifespans; open ends left out); each actor's
  spells are the merged years of its relationships (:func:`graph_loader.graph.as_of`),
  so Gephi's timeline plays the network as the time view shows it. The partial dates
  (and an actor's lifespan as the paper dates it) stay as ``start_date``/``end_date``.
- ``viz:color`` (the schema's kind and type colours), ``viz:size`` (the views' influence
  size) and ``viz:position`` (the main view's layout), through the views' public
  helpers (:func:`graph_loader.views.kind_color`, :func:`~graph_loader.views.type_color`,
  :func:`~graph_loader.views.node_size`, :func:`~graph_loader.views.cap_graph`,
  :func:`~graph_loader.views.compute_layout`).
- With the analyses, the node measures: ``pagerank``, ``betweenness``, ``community``,
  ``constraint``, ``brokerage_<role>``, ``brokerage_total`` and ``brokerage_role``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from math import isfinite
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_loader.exports.flat import (
    _NUMERIC_ATTRS,
    _SPECIAL,
    _XSI,
    Undeclared,
    _attribute_types,
    _flat_attrs,
    _flat_value,
    _public_graph_attrs,
    declared_types,
    scanner,
    xml_attr,
    xml_text,
)
from graph_loader.graph import actor_years, edge_items, relationship_years
from graph_loader.model import OPEN_END, OPEN_START, span
from graph_loader.schema import Schema
from graph_loader.shapes import ShapeWriters, fstring

if TYPE_CHECKING:
    import pandas as pd

    from graph_loader.analyses import Analyses

#: GEXF 1.3 (https://gexf.net/schema.html) and its visualisation module.
GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ_NS = "http://gexf.net/1.3/viz"
#: Item attributes that GEXF holds as XML attributes of ``<node>`` / ``<edge>``.
_NODE_XML = ("label", "start", "end")
_EDGE_XML = ("id", "label", "kind", "start", "end")
#: Attribute ids Gephi gives its own columns; a data attribute of that name gets ``attr_``.
_GEPHI_COLUMNS = frozenset({"id", "label", "timeset", "weight"})
#: Gould-Fernandez roles, in ``sna::brokerage``'s order (ties for ``brokerage_role`` go to
#: the first).
_BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def _year_spell(start_year: Any, end_year: Any) -> dict[str, str]:
    """GEXF ``start``/``end`` dates of a span of years (open ends left out).

    A span holds in every year from ``start_year`` to ``end_year``; ``None`` (or the
    open bounds of :func:`graph_loader.model.span`) is an open end. So the spell runs
    from 1 January of the first year to 31 December of the last.
    """
    spell = {}
    if isinstance(start_year, int) and start_year != OPEN_START:
        spell["start"] = f"{start_year:04d}-01-01"
    if isinstance(end_year, int) and end_year != OPEN_END:
        spell["end"] = f"{end_year:04d}-12-31"
    return spell


#: Per node, its merged spells: ``(first, last)`` years, ``None`` for an open end.
NodeYears = dict[Any, list[tuple[int | None, int | None]]]


def _node_years(
    G: nx.MultiDiGraph, edge_years: list[tuple[int, int]] | None = None
) -> NodeYears:
    """Per node, the merged years in which some relationship touching it holds.

    As :func:`graph_loader.graph.as_of`: an actor is in the network of a year exactly
    when one of its relationships holds then, by the one rule of time
    (:func:`graph_loader.graph.relationship_years`: its own dates, within both endpoints'
    lifespans; ``edge_years`` if given, else :func:`_timeline`). ``None`` is an open
    end; touching or overlapping year ranges are merged (the open bounds
    :data:`~graph_loader.model.OPEN_START` and ``OPEN_END`` sort and merge as infinities
    would). Nodes without relationships that ever hold are left out.
    """
    if edge_years is None:
        return _timeline(G)[1]
    held: defaultdict[Any, set[tuple[int, int]]] = defaultdict(set)
    for (u, v, _, _), years in zip(edge_items(G), edge_years, strict=True):
        if years[0] <= years[1]:  # else never holds (outside a lifespan; validation refuses)
            held[u].add(years)
            held[v].add(years)
    return _node_spells(G, held)


def _node_spells(G: nx.MultiDiGraph, held: Mapping[Any, set[tuple[int, int]]]) -> NodeYears:
    """:func:`_node_years` from each node's distinct non-empty spans (``held``; a graph
    has a few hundred in all), in node order."""
    out: NodeYears = {}
    for n in G:
        spans = held.get(n)
        if spans:
            out[n] = [(None if s == OPEN_START else s, None if e == OPEN_END else e)
                      for s, e in _merged(sorted(spans))]
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted distinct non-empty ``spans``, touching or overlapping ones merged.

    Usually one of them holds all the others (an undated relationship holds while its
    actor does): then it is the answer, without a pass over them.
    """
    first, last = spans[0][0], max(map(itemgetter(1), spans))
    if spans[bisect_right(spans, (first, last)) - 1] == (first, last):
        return [(first, last)]
    merged: list[list[int]] = [list(spans[0])]
    for s, e in spans[1:]:
        if s <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _edge_years(G: nx.MultiDiGraph) -> list[tuple[int, int]]:
    """:func:`graph_loader.graph.relationship_years` of every edge, in
    :func:`~.flat.edge_items` order (:func:`_years_of`): the node spells and the edge
    spells both need them."""
    if isinstance(G, nx.MultiDiGraph):
        return _timeline(G)[0]
    years = _years_of(G)
    return [years(u, v, d) for u, v, _, d in edge_items(G)]


def _timeline(G: nx.MultiDiGraph) -> tuple[list[tuple[int, int]], NodeYears]:
    """:func:`_edge_years` and :func:`_node_years` of ``G``, in one pass over the edges.

    At a million relationships each pass over the edges' dicts costs seconds (they are
    all over memory), so the spans are computed once, by :func:`graph_loader.model.span`
    inlined: each endpoint's years looked up once per node or pair, the comparisons
    those of its ``max`` and ``min`` (the first of equals kept), in its order.
    """
    if not isinstance(G, nx.MultiDiGraph):
        edge_years = _edge_years(G)
        return edge_years, _node_years(G, edge_years)
    lifespans = {}
    for n, d in G._node.items():  # actor_years(G, n)
        first, last = d.get("start_year"), d.get("end_year")
        lifespans[n] = (OPEN_START if first is None else first,
                        OPEN_END if last is None else last)
    out: list[tuple[int, int]] = []
    append = out.append
    held: defaultdict[Any, set[tuple[int, int]]] = defaultdict(set)
    for u, nbrs in G._succ.items():
        lo_u, hi_u = lifespans[u]
        held_u = held[u].add
        for v, keys in nbrs.items():
            lo_v, hi_v = lifespans[v]
            held_v = held[v].add
            for d in keys.values():
                first, last = d.get("start_year"), d.get("end_year")
                if first is None:
                    first = OPEN_START
                if last is None:
                    last = OPEN_END
                if lo_u > first:
                    first = lo_u
                if lo_v > first:
                    first = lo_v
                if hi_u < last:
                    last = hi_u
                if hi_v < last:
                    last = hi_v
                years = (first, last)
                append(years)
                if first <= last:  # else never holds
                    held_u(years)
                    held_v(years)
    return out, _node_spells(G, held)


def _gexf_node(n: Any, d: dict) -> dict:
    attrs = _flat_attrs(d)
    attrs.setdefault("label", str(d.get("name", n)))
    # GEXF's start/end are the spell (dates); the lifespan as the paper dates it is kept
    # as text, as an edge's partial dates are.
    for bound in ("start", "end"):
        if bound in attrs:
            attrs[f"{bound}_date"] = str(attrs.pop(bound) or "")
    return attrs


def _gexf_edge(k: Any, d: dict, years: tuple[int, int]) -> dict:
    """An edge's GEXF attributes: the relationship type as ``label``, ``kind`` and
    ``rel_type``; the partial dates as ``start_date``/``end_date``; the spell of
    ``years`` (:func:`graph_loader.graph.relationship_years`) as ``start``/``end``."""
    attrs = _flat_attrs(d)
    rel_type = str(attrs.pop("type", ""))
    start_text = str(attrs.pop("start", "") or "")
    end_text = str(attrs.pop("end", "") or "")
    attrs["rel_type"] = rel_type
    attrs["label"] = rel_type
    if rel_type:
        attrs["kind"] = rel_type
    attrs["start_date"] = start_text
    attrs["end_date"] = end_text
    attrs.update(_year_spell(*years))
    attrs.setdefault("id", str(k))
    return attrs


def _node_measures(analyses: Analyses | None) -> dict[Any, dict[str, Any]]:
    """Per node, the analyses' measures Gephi users ask for (left out where missing).

    ``pagerank`` and ``betweenness`` (``analyses.centrality``), ``community``
    (``analyses.community_of``), ``constraint`` (``analyses.holes``), the five
    Gould-Fernandez role counts as ``brokerage_<role>`` and ``brokerage_total``
    (``analyses.brokerage``), and ``brokerage_role``: the role with the highest count
    (the first in ``sna::brokerage``'s order on a tie; ``""`` for an actor that brokers
    nothing).
    """
    if analyses is None:
        return {}
    out: dict[Any, dict[str, Any]] = {}

    def put(pairs: Iterable[tuple[Any, Any]], key: str) -> None:
        """``out[n][key] = value`` of each ``(n, value)``, but ``None`` and non-finite floats
        (a loop, not a call per value: a hundred thousand actors)."""
        get = out.get
        for n, value in pairs:
            if value is None or (value.__class__ is float and not isfinite(value)):
                continue
            measures = get(n)
            if measures is None:
                measures = out[n] = {}
            measures[key] = value

    def ids(table: pd.DataFrame) -> list[Any]:
        return (table["id"] if "id" in table.columns else table.index).tolist()

    def column(table: pd.DataFrame, name: str, cast: Callable[[Any], Any]) -> None:
        # tolist(): the Python values iterating the column gives, without a call per value
        if name in table.columns:
            put(zip(ids(table), map(cast, table[name].tolist()), strict=True), name)

    column(analyses.centrality, "pagerank", float)
    column(analyses.centrality, "betweenness", float)
    put(((n, int(c)) for n, c in analyses.community_of.items()), "community")
    column(analyses.holes, "constraint", float)
    b = analyses.brokerage
    if all(r in b.columns for r in _BROKERAGE_ROLES):
        # Column by column: each actor's keys still come in this order.
        nodes = ids(b)
        counts = [[float(c) for c in row] for row in
                  zip(*(b[r].tolist() for r in _BROKERAGE_ROLES), strict=True)]
        for i, role in enumerate(_BROKERAGE_ROLES):
            put(zip(nodes, [values[i] for values in counts], strict=True), f"brokerage_{role}")
        put(zip(nodes, [float(sum(values)) for values in counts], strict=True),
            "brokerage_total")
        roles = [_BROKERAGE_ROLES[values.index(best)] if (best := max(values)) > 0 else ""
                 for values in counts]
        put(zip(nodes, roles, strict=True), "brokerage_role")
    return out


def gexf_graph(
    G: nx.MultiDiGraph, schema: Schema | None = None, analyses: Analyses | None = None
) -> nx.MultiDiGraph:
    """The graph :func:`write_gexf` writes, as networkx would hold it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    schema : Schema, optional
        Its schema (colours; without it, no ``viz``).
    analyses : Analyses, optional
        From :func:`graph_loader.analyses.run_all`: adds the node measures.

    Returns
    -------
    networkx.MultiDiGraph
        ``H.graph["mode"] == "dynamic"``; each edge has ``label``, ``kind`` and
        ``rel_type`` (the relationship type), ``start``/``end`` (the spell of its years,
        ``YYYY-MM-DD``, only where known) and the partial dates as ``start_date`` /
        ``end_date``; nodes have ``viz`` (colour, size, position where the main view
        has one), their spells (``start``/``end``, or ``spells`` when several) and the
        measures of ``analyses``. It is what :func:`write_gexf` falls back to writing
        with ``networkx.write_gexf`` (which cannot write undirected edges in a
        directed graph, nor ``kind``).
    """
    return _gexf_nx_graph(G, list(_gexf_nodes(G, schema, analyses)))


def _gexf_nx_graph(G: nx.MultiDiGraph, nodes: list[tuple[Any, dict]]) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph(**_public_graph_attrs(G))
    H.graph["mode"] = "dynamic"
    for n, attrs in nodes:
        H.add_node(n, **attrs)
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **_gexf_edge(k, d, relationship_years(G, u, v, d)))
    return H


def _gexf_nodes(
    G: nx.MultiDiGraph,
    schema: Schema | None,
    analyses: Analyses | None = None,
    node_years: NodeYears | None = None,
) -> Iterator[tuple[Any, dict]]:
    """``(node, attributes)`` with ``viz`` and the spell as networkx's GEXF writer takes them
    (``node_years``: :func:`_node_years` of ``G``, if known)."""
    years = _node_years(G) if node_years is None else node_years
    measures = _node_measures(analyses)
    viz = _node_viz(G, schema, analyses)
    for n, d in G.nodes(data=True):
        attrs = _gexf_node(n, d)
        attrs.update(measures.get(n, {}))
        spells = [_year_spell(s, e) for s, e in years.get(n, [])]
        if len(spells) == 1:
            attrs.update(spells[0])
        elif spells:
            attrs["spells"] = [(s.get("start"), s.get("end")) for s in spells]
        if n in viz:
            attrs["viz"] = viz[n]
        yield n, attrs


def _hex_rgb(color: str) -> dict[str, int]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16)}


def _node_viz(
    G: nx.MultiDiGraph, schema: Schema | None, analyses: Analyses | None = None
) -> dict[Any, dict[str, Any]]:
    """Per node, ``viz`` as the main view draws it: kind colour, influence size, position.

    Colours are the schema's kind colours (:func:`graph_loader.views.kind_color`) and
    sizes the views' :func:`~graph_loader.views.node_size` of the influence score
    (:func:`~graph_loader.views.influence_scores`: the analyses' PageRank if given);
    positions are :func:`~graph_loader.views.compute_layout` of the graph the main view
    lays out (:func:`~graph_loader.views.cap_graph`: the
    :data:`~graph_loader.views.MAX_NODES` most influential actors), with ``y`` negated:
    Gephi's y axis points up, the page's down. Actors beyond the view's cap get no
    position (Gephi places them). Without a schema there is no ``viz``.
    """
    from graph_loader import views

    if schema is None or G.number_of_nodes() == 0:  # the views need the schema too
        return {}
    scores = views.influence_scores(G, schema, analyses)
    drawn, _ = views.cap_graph(G, scores, views.MAX_NODES)
    pos = views.compute_layout(drawn)
    top = max(scores.values(), default=0.0)
    out: dict[Any, dict[str, Any]] = {}
    for n, d in G.nodes(data=True):
        viz: dict[str, Any] = {
            "color": _hex_rgb(views.kind_color(schema, str(d.get("kind", "")))),
            "size": views.node_size(scores.get(n, 0.0), top),
        }
        if n in pos:
            x, y = pos[n]
            viz["position"] = {"x": float(x), "y": -float(y), "z": 0.0}
        out[n] = viz
    return out


#: GEXF's names of the floats Python writes ``inf``, ``-inf`` and ``nan``.
_FLOAT_NAMES = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}


def _gexf_value(v: Any) -> str:
    if v.__class__ is str:
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        text = str(v)
        return _FLOAT_NAMES.get(text, text)
    return str(v)


def _gexf_declarations(items: Iterable[dict], xml_names: tuple[str, ...]) -> dict[str, str]:
    """``title -> GEXF type`` of every attribute, in first-seen order (XML ones left out).

    GEXF names its types as GraphML does (:func:`_attribute_types`); ``viz`` and
    ``spells`` are elements, not attributes.
    """
    types = _attribute_types(items)
    skip = {*xml_names, "viz", "spells"}
    return {k: t for k, t in types.items() if k not in skip}


def _symmetric_types(schema: Schema | None) -> frozenset[str] | None:
    """The schema's symmetric relationship types, or None without a schema."""
    if schema is None:
        return None
    return frozenset(name for name, rt in schema.relationship_types.items() if rt.symmetric)


def write_gexf(
    G: nx.MultiDiGraph,
    schema: Schema | None,
    path: str | Path,
    analyses: Analyses | None = None,
) -> Path:
    """Write ``G`` as dynamic GEXF 1.3 for Gephi: a mixed graph with a timeline and a layout.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph; see :func:`gexf_graph` for how attributes are mapped.
    schema : Schema or None
        Its schema: symmetric types, colours. ``None`` (a bare graph) writes no ``viz``
        and takes an edge's direction from its ``symmetric`` attribute.
    path : str or pathlib.Path
        The ``.gexf`` file to write (UTF-8).
    analyses : Analyses, optional
        From :func:`graph_loader.analyses.run_all`: adds ``pagerank``, ``betweenness``,
        ``community``, ``constraint`` and the brokerage roles as node attributes (see
        :func:`_node_measures`), and the view's sizes use its PageRank.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    - No ``defaultedgetype``: every edge states its ``type``. Relationships of a
      symmetric type (the schema's ``symmetric: true``: allies, cooperation, conflict)
      are ``type="undirected"``, so Gephi draws them without an arrow, the others
      ``type="directed"`` (Gephi 0.10.1 drops undirected edges under
      ``defaultedgetype="directed"``). Each edge's ``kind`` is its relationship type,
      so Gephi keeps relationships of different types between the same actors apart.
    - Spells follow the views' time rule (:func:`_year_spell`, :func:`_node_years`):
      Gephi's timeline shows in a year the actors and relationships of that year's view.
    - ``viz:color``, ``viz:size`` and ``viz:position`` come from the views
      (:func:`_node_viz`); edges get their type's schema colour.
    - Written one node or edge at a time as escaped text, the attributes declared from
      the schema's fields, not a pass over the edges (``networkx.write_gexf`` built
      the whole tree: about 6 GB at a million edges); the edges by writers compiled per
      shape (:class:`_EdgeWriters`), each actor's years looked up once
      (:func:`_years_of`). Text that XML 1.0 cannot hold (a
      control character) is refused; the file is then written by
      ``networkx.write_gexf`` from :func:`gexf_graph`, as GEXF 1.3 but with every edge
      directed, no ``kind`` and networkx's ``<graph name="">``. Such a file is not
      well-formed XML either way, so Gephi refuses it; fix the data.
    """
    path = Path(path)
    edge_years, node_years = _timeline(G)
    nodes = list(_gexf_nodes(G, schema, analyses, node_years))
    try:
        try:
            _stream_gexf(G, schema, path, [(n, dict(a)) for n, a in nodes],
                         edge_years=edge_years)
        except Undeclared:  # a graph built by hand: its attributes, as they are
            _stream_gexf(G, schema, path, [(n, dict(a)) for n, a in nodes], declared=False,
                         edge_years=edge_years)
    except ValueError:
        nx.write_gexf(_gexf_nx_graph(G, nodes), path, encoding="utf-8", version="1.3")
    return path


def _stream_gexf(
    G: nx.MultiDiGraph, schema: Schema | None, path: Path, nodes: list[tuple[Any, dict]],
    declared: bool = True, edge_years: list[tuple[int, int]] | None = None,
) -> None:
    """Write the GEXF of ``G`` with the node attributes ``nodes`` (:func:`_gexf_nodes`)
    and the edge years ``edge_years`` (:func:`_edge_years`, computed if not given).

    The edges' attribute declarations come from the schema (:func:`declared_types`)
    unless ``declared`` is false or the graph has none; an edge with an attribute the
    schema lacks raises :class:`Undeclared`.
    """
    # The nodes are in memory already: their measures' types come from them, after the
    # fields' (declared by the schema, so a field no actor has a value for is a column too).
    node_decl = _gexf_declarations((a for _, a in nodes), _NODE_XML)
    fields_ = declared_types(G, "actor", lambda d: _gexf_node("x", d)) if declared else None
    if fields_ is not None:
        skip = {*_NODE_XML, "viz", "spells"}
        node_decl = {**{k: t for k, t in fields_.items() if k not in skip}, **node_decl}
    types = declared_types(G, "relationship", lambda d: _gexf_edge(d.get("id"), d, (0, 0)))
    if types is not None and declared:
        skip = {*_EDGE_XML, "viz", "spells"}
        edge_decl = {k: t for k, t in types.items() if k not in skip}
    else:
        edge_decl = _gexf_declarations(
            (_gexf_edge(k, d, relationship_years(G, u, v, d))
             for u, v, k, d in G.edges(keys=True, data=True)),
            _EDGE_XML,
        )
    # Node spells are the merged years of their relationships: any spell shows on a node.
    dated = any("start" in a or "end" in a or "spells" in a for _, a in nodes)

    def ids(decl: dict[str, str]) -> dict[str, str]:
        return {k: xml_attr(f"attr_{k}" if k in _GEPHI_COLUMNS else k) for k in decl}

    def opens(ids_: dict[str, str]) -> dict[str, str]:
        return {k: f'<attvalue for="{i}" value="' for k, i in ids_.items()}

    node_ids, edge_ids = ids(node_decl), ids(edge_decl)
    node_open, edge_open = opens(node_ids), opens(edge_ids)
    symmetric = _symmetric_types(schema)
    type_color: dict[str, str] = {}
    if schema is not None:
        from graph_loader import views

        type_color = {t: _viz_color(_hex_rgb(views.type_color(schema, t)))
                      for t in schema.relationship_types}

    attvalues = {"node": _AttValues("node", node_open), "edge": _AttValues("edge", edge_open)}

    def item(tag: str, xml: dict, attrs: dict, open_: dict[str, str], viz: str = "") -> str:
        node_viz = attrs.pop("viz", None)
        spells = attrs.pop("spells", None)
        head = "".join(f' {k}="{xml_attr(str(v))}"' for k, v in xml.items())
        values = attvalues[tag].text(attrs)
        body = [f"<attvalues>{values}</attvalues>"] if values else []
        if spells:
            body.append("<spells>" + "".join(
                "<spell" + "".join(f' {k}="{v}"' for k, v in (("start", st), ("end", en)) if v)
                + "/>" for st, en in spells) + "</spells>")
        if node_viz:
            body.append(_viz(node_viz))
        body.append(viz)
        return f"<{tag}{head}>{''.join(body)}</{tag}>\n"

    from graph_loader import __version__

    meta = f"<meta><creator>graph_loader {xml_text(__version__)} (karabakh-actor-graph)</creator>"
    name = G.graph.get("name")
    if isinstance(name, str) and name:
        meta += f"<description>{xml_text(name)}</description>"
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("<?xml version='1.0' encoding='utf-8'?>\n")
        fh.write(
            f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{GEXF_VIZ_NS}" xmlns:xsi="{_XSI}" '
            f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n'
        )
        fh.write(meta + "</meta>\n")
        fh.write('<graph mode="dynamic"' + (' timeformat="date"' if dated else "") + ">\n")
        for cls, decl, id_of in (("node", node_decl, node_ids), ("edge", edge_decl, edge_ids)):
            fh.write(f'<attributes mode="static" class="{cls}">' + "".join(
                f'<attribute id="{id_of[t]}" title="{xml_attr(t)}" '
                f'type="{gtype}"/>' for t, gtype in decl.items()) + "</attributes>\n")
        fh.write("<nodes>\n")
        for n, attrs in nodes:
            xml = {"id": str(n)}
            xml.update((x, attrs.pop(x)) for x in _NODE_XML if x in attrs)
            fh.write(item("node", xml, attrs, node_open))
        fh.write("</nodes>\n<edges>\n")

        def edge_text(u: Any, v: Any, k: Any, d: dict, years: tuple[int, int]) -> str:
            """An edge's element, one value at a time (:class:`_EdgeWriters` compiles
            this for the usual shapes)."""
            attrs = _gexf_edge(k, d, years)
            xml = {"source": str(u), "target": str(v)}
            xml.update((x, attrs.pop(x)) for x in _EDGE_XML if x in attrs)
            rel_type = str(d.get("type", ""))
            sym = rel_type in symmetric if symmetric is not None else bool(d.get("symmetric"))
            xml["type"] = "undirected" if sym or not G.is_directed() else "directed"
            return item("edge", xml, attrs, edge_open, type_color.get(rel_type, ""))

        edges = _EdgeWriters(G, edge_open, symmetric, type_color, edge_text)
        if edge_years is None:
            edge_years = _edge_years(G)
        fh.writelines(edges.chunks(G, edge_years))
        fh.write("</edges>\n</graph>\n</gexf>\n")


def _years_of(G: nx.MultiDiGraph) -> Callable[[Any, Any, dict], tuple[int, int]]:
    """:func:`graph_loader.graph.relationship_years` of ``G``'s edges, each actor's years
    (:func:`~graph_loader.graph.actor_years`) looked up once instead of twice per edge."""
    spans = {n: actor_years(G, n) for n in G}

    def years(u: Any, v: Any, d: dict) -> tuple[int, int]:
        return span(d.get("start_year"), d.get("end_year"), spans[u], spans[v])

    return years


#: Edge attributes the per-shape writers leave to the per-value one: those
#: :func:`_gexf_edge` and the element writer add, replace or take apart.
_EDGE_RESERVED = frozenset({"rel_type", "label", "kind", "start_date", "end_date", "viz",
                            "spells", "source", "target"})


class _EdgeWriters:
    """The ``<edge>`` elements, by writers compiled per shape (:meth:`_compile`).

    A shape is an edge's attribute names and the types of their values. Its writer holds one
    template with the tags, the ``<attvalue>`` openers and closers, so an edge is one f-string
    (:func:`graph_loader.shapes.fstring`): text goes in as it is unless one of the edge's texts
    needs escaping (one scan of them all, :func:`~.flat.scanner`), integers with ``%d``,
    booleans as constants, ``None`` numbers left out; the relationship type (label, kind,
    colour, direction) and the spell are worked out per edge, as by :func:`_gexf_edge`. Shapes
    with an attribute :func:`_gexf_edge` treats specially (:data:`_EDGE_RESERVED`) or a key that
    is not text go through ``per_value``. The text is the same byte for byte.
    """

    def __init__(
        self,
        G: nx.MultiDiGraph,
        opens: dict[str, str],
        symmetric: frozenset[str] | None,
        type_color: dict[str, str],
        per_value: Callable[[Any, Any, Any, dict, tuple[int, int]], str],
    ) -> None:
        self.opens, self.symmetric, self.type_color = opens, symmetric, type_color
        self.directed = G.is_directed()
        self.per_value = per_value
        self.writers = ShapeWriters(self._compile)

    def chunks(
        self, G: nx.MultiDiGraph, edge_years: list[tuple[int, int]], size: int = 256
    ) -> Iterator[str]:
        """The ``<edge>`` elements of ``G`` (``edge_years``: their
        :func:`graph_loader.graph.relationship_years`, in
        :func:`~graph_loader.graph.edge_items` order), joined ``size`` at a time (fewer
        writes), in one loop: a million edges, so no call or generator per edge but the
        writer of its shape."""
        writers = self.writers
        chunk: list[str] = []
        append = chunk.append
        for (u, v, k, d), years in zip(edge_items(G), edge_years, strict=True):
            values = tuple(d.values())
            append(writers[(tuple(d), tuple(map(type, values)))](u, v, k, d, years, *values))
            if len(chunk) == size:
                yield "".join(chunk)
                chunk.clear()
        if chunk:
            yield "".join(chunk)

    def _compile(self, keys: tuple[Any, ...], classes: tuple[type, ...]) -> Callable[..., str]:
        if any(key.__class__ is not str or key in _EDGE_RESERVED for key in keys):
            return lambda u, v, k, d, years, *values: self.per_value(u, v, k, d, years)
        slot = dict(zip(keys, (f"a{i}" for i in range(len(keys))), strict=True))
        cls_of = dict(zip(keys, classes, strict=True))
        scope: dict[str, Any] = {
            "_holds": _xml_special, "_attr": xml_attr, "_flat": _flat_value,
            "_value": _gexf_value, "_SYM": self.symmetric, "_COLOR": self.type_color,
            "_OPEN_START": OPEN_START, "_OPEN_END": OPEN_END, "_EMPTY": "",
        }
        lines = [f"def write(u, v, k, d, years, {''.join(f'{a}, ' for a in slot.values())}):"]

        def text_of(key: str, default: str, expr: str) -> str:
            """Python for ``str(flat value or default)`` of attribute ``key``."""
            a, cls = slot.get(key), cls_of.get(key)
            if a is None:
                return default
            if cls is str:
                return a
            if cls is type(None):
                return repr("")
            return expr.format(a=a, key=repr(key))

        rel = text_of("type", repr(""), "str(_flat({key}, {a}))")
        lines.append(f"    rel = {rel}")
        look = "rel" if cls_of.get("type", str) is str else f"str({slot['type']})"
        lines.append(f"    look = {look}")  # str(d.get("type", "")): colour, direction
        lines.append(f"    st = {text_of('start', repr(''), 'str(_flat({key}, {a}) or _EMPTY)')}")
        lines.append(f"    en = {text_of('end', repr(''), 'str(_flat({key}, {a}) or _EMPTY)')}")
        lines.append(f"    xid = {text_of('id', 'str(k)', 'str(_flat({key}, {a}))')}")
        if self.symmetric is not None:
            sym = "look in _SYM"
        else:
            sym = f"bool({slot['symmetric']})" if "symmetric" in slot else "False"
        direction = f"'undirected' if {sym} else 'directed'" if self.directed else "'undirected'"
        lines += [
            f"    typ = {direction}",
            "    first, last = years",
            "    spell = (f' start=\"{first:04d}-01-01\"' if first.__class__ is int "
            "and first != _OPEN_START else '') + (f' end=\"{last:04d}-12-31\"' "
            "if last.__class__ is int and last != _OPEN_END else '')",
        ]
        parts = ['<edge source="%s" target="%s" id="%s" label="%s"%s%s type="%s"><attvalues>']
        args = ["u", "v", "xid", "rel", "kind", "spell", "typ"]
        texts = ["u", "v", "xid", "rel"]
        for key, a in slot.items():
            cls = cls_of[key]
            if key in ("type", "start", "end", "id") or (
                    cls is type(None) and key in _NUMERIC_ATTRS):
                continue  # in the element's head, or left out
            if key not in self.opens:
                raise Undeclared(f"edge attribute {key!r}")
            opener = self.opens[key].replace("%", "%%")
            if cls is str:
                parts.append(opener + '%s"/>')
                args.append(a)
                texts.append(a)
            elif cls is int:
                parts.append(opener + '%d"/>')
                args.append(a)
            elif cls is bool:
                parts.append(opener + '%s"/>')
                args.append(f"('true' if {a} else 'false')")
            elif cls is type(None):
                parts.append(opener + '"/>')
            elif cls in (list, tuple, set, frozenset):
                parts.append(opener + '%s"/>')
                lines.append(f"    {a} = ';'.join(map(str, {a}))")
                args.append(a)
                texts.append(a)
            else:
                parts.append(opener + '%s"/>')
                lines.append(f"    {a} = _value(_flat({key!r}, {a}))")
                args.append(a)
                texts.append(a)
        for key, value in (("rel_type", "rel"), ("start_date", "st"), ("end_date", "en")):
            if key not in self.opens:
                raise Undeclared(f"edge attribute {key!r}")
            parts.append(self.opens[key].replace("%", "%%") + '%s"/>')
            args.append(value)
        texts += ["st", "en"]
        parts.append("</attvalues>%s</edge>\n")
        args.append("_COLOR.get(look, '')")
        lines += [
            "    u, v = str(u), str(v)",
            f"    if _holds(''.join(({''.join(f'{t}, ' for t in texts)}))):",
            *(f"        {t} = _attr({t})" for t in texts),
            "    kind = ' kind=\"%s\"' % rel if rel else ''",
            f"    return {fstring(''.join(parts), args, scope)}",
        ]
        exec("\n".join(lines), scope)  # noqa: S102 (names and constants only)
        write: Callable[..., str] = scope["write"]
        return write


class _AttValues:
    """An item's ``<attvalue>`` elements, by writers compiled per shape.

    What ``"".join(opens[k] + xml_attr(_gexf_value(v)) + '"/>' for k, v in attrs.items())``
    writes (``Undeclared`` for an attribute without an opener), with one template (an f-string,
    :func:`graph_loader.shapes.fstring`) per set of names and value types: text escaped only
    when one of the item's texts needs it, integers with ``%d``, booleans as constants, floats
    by :func:`_gexf_value` (their text holds nothing to escape), anything else by both.
    """

    def __init__(self, tag: str, opens: dict[str, str]) -> None:
        self.tag, self.opens = tag, opens
        self.writers = ShapeWriters(self._compile)

    def text(self, attrs: dict) -> str:
        """The ``<attvalue>`` elements of ``attrs``, in their order."""
        values = tuple(attrs.values())
        return self.writers[(tuple(attrs), tuple(map(type, values)))](*values)

    def _compile(self, keys: tuple[Any, ...], classes: tuple[type, ...]) -> Callable[..., str]:
        parts, args, texts, lines = [], [], [], []
        for i, (key, cls) in enumerate(zip(keys, classes, strict=True)):
            a = f"a{i}"
            if key not in self.opens:
                raise Undeclared(f"{self.tag} attribute {key!r}")
            parts.append(self.opens[key].replace("%", "%%") + ('%d"/>' if cls is int else '%s"/>'))
            if cls is str:
                texts.append(a)
            elif cls is bool:
                a = f"('true' if {a} else 'false')"
            elif cls is float:  # _gexf_value inline: its text, or GEXF's name for it
                lines += [f"    {a} = str({a})", f"    {a} = _NAMES.get({a}, {a})"]
            elif cls is not int:
                lines.append(f"    {a} = _value({a})")
                texts.append(a)
            args.append(a)
        if texts:
            lines += [f"    if _holds(''.join(({''.join(f'{t}, ' for t in texts)}))):",
                      *(f"        {t} = _attr({t})" for t in texts)]
        scope: dict[str, Any] = {"_holds": _xml_special, "_attr": xml_attr,
                                 "_value": _gexf_value, "_NAMES": _FLOAT_NAMES}
        code = "\n".join([f"def write({''.join(f'a{i}, ' for i in range(len(keys)))}):",
                          *lines, f"    return {fstring(''.join(parts), args, scope)}"])
        exec(code, scope)  # noqa: S102 (names and constants only)
        write: Callable[..., str] = scope["write"]
        return write


#: Whether a text needs :func:`~.flat.xml_attr` (escapes or refuses something).
_xml_special = scanner(_SPECIAL)


def _viz_color(rgb: dict[str, int]) -> str:
    return '<viz:color r="{r}" g="{g}" b="{b}"/>'.format(**rgb)


def _viz(viz: dict) -> str:
    """A node's ``viz`` elements (colour, size, position), as lxml wrote them."""
    out = _viz_color(viz["color"]) if "color" in viz else ""
    if "size" in viz:
        out += f'<viz:size value="{viz["size"]}"/>'
    if "position" in viz:
        p = viz["position"]
        out += f'<viz:position x="{p["x"]}" y="{p["y"]}" z="{p["z"]}"/>'
    return out
