"""Exports of the graph for other tools: GraphML, GEXF (Gephi), node-link JSON, Cypher.

All exports take the ``MultiDiGraph`` of :func:`graph_loader.graph.build_graph`
(or a year's slice from :func:`graph_loader.graph.as_of`).

GraphML and GEXF cannot store ``None`` or lists, so :func:`flat_graph` converts
attribute values first:

- lists (``aliases``) are joined with ``;``;
- ``None`` in a text attribute becomes ``""``; a numeric attribute that is ``None``
  (``start_year``/``end_year`` of an undated relationship) is left out of that
  edge, which both formats read as "no value".

The GEXF file is GEXF 1.3 and *dynamic*: each edge carries ``start``/``end`` dates
(1 January of its start year and 31 December of its end year, the years the views'
time rule uses; open ends are left out), and each actor the years of its
relationships, so Gephi's timeline plays the network as the time views show it.
Because GEXF reserves the edge attributes ``type`` (directed or undirected) and
``label``, the relationship type is written as ``label``, as the edge ``kind`` and as
the attribute ``rel_type``. Symmetric relationships are undirected edges, the others
directed (a mixed graph, which Gephi reads; networkx's GEXF reader cannot). Nodes
carry the views' colours, sizes and positions (:func:`write_gexf`). In GraphML all
edges are directed and symmetric relationships carry ``symmetric=true``.

``graph.cypher`` recreates the graph in Neo4j (``cypher-shell -f graph.cypher``
or paste into Browser). It reuses the statements of :mod:`graph_loader.cypher_gen`
(the loader's one Cypher generator, which takes labels and relationship types only
from the schema's vocabulary) and writes their parameters as Cypher literals, since
a script has no parameters: strings are escaped for backslashes, quotes and control
characters by :func:`cypher_string`.
"""

from __future__ import annotations

import itertools
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from graph_loader.gcpause import without_gc
from graph_loader.model import Dataset

#: Graph-level attributes that hold Python objects and are never exported.
_INTERNAL_GRAPH_ATTRS = ("schema", "sources")

#: Numeric attributes: left out (not ``""``) when ``None``.
_NUMERIC_ATTRS = frozenset({"start_year", "end_year", "polarity", "year"})



def _flat_value(key: str, value: Any) -> Any:
    """Convert one attribute value for GraphML/GEXF; ``...`` means "leave out"."""
    if value is None:
        return ... if key in _NUMERIC_ATTRS else ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(str(v) for v in value)
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)


def _flat_attrs(data: dict) -> dict:
    out = {}
    for k, v in data.items():
        fv = _flat_value(k, v)
        if fv is not ...:
            out[k] = fv
    return out


def _public_graph_attrs(G: nx.Graph) -> dict:
    return {
        k: v
        for k, v in G.graph.items()
        if k not in _INTERNAL_GRAPH_ATTRS and isinstance(v, (str, int, float, bool))
    }


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes GraphML and GEXF can store.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.

    Returns
    -------
    networkx.MultiDiGraph
        Same nodes, edges and keys; lists joined with ``;``, ``None`` text values as ``""``,
        ``None`` numbers left out, internal graph attributes (schema, sources) dropped.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", aliases=["A", "Alpha"], iso3=None)
    >>> G.add_edge("a", "a", key="r1", start_year=None, note=None)
    'r1'
    >>> H = flat_graph(G)
    >>> H.nodes["a"], H.edges["a", "a", "r1"]
    ({'aliases': 'A;Alpha', 'iso3': ''}, {'note': ''})
    """
    H = nx.MultiDiGraph(**_public_graph_attrs(G))
    for n, d in G.nodes(data=True):
        H.add_node(n, **_flat_attrs(d))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **_flat_attrs(d))
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``G`` as GraphML (for yEd, Gephi, Cytoscape, igraph).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph; attributes converted as by :func:`flat_graph`.
    path : str or pathlib.Path
        The ``.graphml`` file to write (UTF-8).

    Returns
    -------
    pathlib.Path
        The path written. Edge ids are the relationship ids (the edge keys), written
        once, as the XML ``id`` (not again as a ``<data>``, which made igraph warn);
        keys are named after the attributes (as
        ``networkx.write_graphml(..., named_key_ids=True)``). Every edge is directed:
        GraphML could mark symmetric relationships ``directed="false"``, but networkx
        refuses such an edge in a directed graph and igraph has no mixed graphs, so they
        carry ``symmetric=true`` instead (the GEXF export makes them undirected).

    Notes
    -----
    Written one node or edge at a time through lxml, without a flattened copy of the
    graph (which was most of the exports' 9 GB peak at a million edges); networkx
    reads it back equal to what ``networkx.write_graphml`` writes for
    :func:`flat_graph` of ``G`` less the edges' ``id`` data (read back as the edge
    key). Text that XML 1.0 cannot hold (e.g. a control character in a note) makes
    lxml refuse; the file is then written by networkx's
    ``xml.etree`` writer, which writes it as is.
    """
    path = Path(path)
    try:
        _stream_graphml(G, path)
    except ValueError:
        # lxml refuses text XML cannot hold (control characters, lone surrogates); the
        # xml.etree writer writes it anyway, as networkx always did without lxml.
        nx.write_graphml_xml(_graphml_flat_graph(G), path, encoding="utf-8",
                             named_key_ids=True)
    return path


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _xml_type(types: set[type]) -> str:
    """The GraphML / GEXF type for the Python types seen for one attribute."""
    if types == {bool}:
        return "boolean"
    if types and types <= {int}:
        return "long"
    if types and types <= {int, float}:
        return "double"
    return "string"


def _xml_text(v: Any, xml_type: str) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if xml_type == "double":
        return str(float(v))
    return str(v)


def _attribute_types(items: Iterable[dict]) -> dict[str, str]:
    """``name -> GraphML type`` over all items' flattened attributes, first-seen order."""
    seen: dict[str, set[type]] = {}
    for d in items:
        for k, v in d.items():
            seen.setdefault(k, set()).add(type(v))
    return {k: _xml_type(t) for k, t in seen.items()}


def _graphml_edge_attrs(k: Any, d: dict) -> dict:
    """An edge's GraphML data: :func:`_flat_attrs`, without an ``id`` equal to the key.

    The key is written as the edge's XML ``id``; igraph reads that as the edge attribute
    ``id`` and warned ("Could not add edge ids, there is already an 'id' edge
    attribute") when a ``<data>`` named ``id`` repeated it.
    """
    attrs = _flat_attrs(d)
    if "id" in attrs and str(attrs["id"]) == str(k):
        del attrs["id"]
    return attrs


def _graphml_flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """:func:`flat_graph` with each edge's data as :func:`_graphml_edge_attrs`."""
    H = nx.MultiDiGraph(**_public_graph_attrs(G))
    for n, d in G.nodes(data=True):
        H.add_node(n, **_flat_attrs(d))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **_graphml_edge_attrs(k, d))
    return H


def _stream_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    from lxml import etree

    graph_attrs = _public_graph_attrs(G)
    scopes = {
        "graph": _attribute_types([graph_attrs]),
        "node": _attribute_types(_flat_attrs(d) for _, d in G.nodes(data=True)),
        "edge": _attribute_types(
            _graphml_edge_attrs(k, d) for _, _, k, d in G.edges(keys=True, data=True)
        ),
    }
    key_ids: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for scope, types in scopes.items():
        for name in types:
            kid = name if name not in used else f"{name}.{scope}"
            key_ids[scope, name] = kid
            used.add(kid)

    def data(el: Any, scope: str, attrs: dict) -> Any:
        for k, v in attrs.items():
            etree.SubElement(el, "data", key=key_ids[scope, k]).text = _xml_text(
                v, scopes[scope][k]
            )
        return el

    # As for GEXF: only the root carries the namespace; the elements inside take it as
    # the default namespace of the file.
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        root = {f"{{{_XSI}}}schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"}
        with xf.element(f"{{{GRAPHML_NS}}}graphml", root, nsmap={None: GRAPHML_NS, "xsi": _XSI}):
            xf.write("\n")
            for scope, types in scopes.items():
                for name, xml_type in types.items():
                    key = etree.Element("key", id=key_ids[scope, name])
                    key.set("for", scope)
                    key.set("attr.name", name)
                    key.set("attr.type", xml_type)
                    xf.write(key, "\n")
            edgedefault = "directed" if G.is_directed() else "undirected"
            with xf.element("graph", edgedefault=edgedefault):
                xf.write("\n")
                if graph_attrs:
                    for el in data(etree.Element("g"), "graph", graph_attrs):
                        xf.write(el, "\n")
                for n, d in G.nodes(data=True):
                    xf.write(data(etree.Element("node", id=str(n)), "node", _flat_attrs(d)), "\n")
                for u, v, k, d in G.edges(keys=True, data=True):
                    el = etree.Element("edge", source=str(u), target=str(v), id=str(k))
                    xf.write(data(el, "edge", _graphml_edge_attrs(k, d)), "\n")
            xf.write("\n")


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
    """GEXF ``start``/``end`` dates of the years a relationship holds (open ends left out).

    The views' rule (:func:`graph_loader.graph.active_in`): a relationship holds in every
    year from ``start_year`` to ``end_year``, a missing one being open. So the spell runs
    from 1 January of the first year to 31 December of the last.
    """
    spell = {}
    if isinstance(start_year, int):
        spell["start"] = f"{start_year:04d}-01-01"
    if isinstance(end_year, int):
        spell["end"] = f"{end_year:04d}-12-31"
    return spell


def _node_years(G: nx.MultiDiGraph) -> dict[Any, list[tuple[int | None, int | None]]]:
    """Per node, the merged years in which some relationship touching it holds.

    As :func:`graph_loader.graph.as_of`: an actor is in the network of a year exactly
    when one of its relationships holds then. ``None`` is an open end; touching or
    overlapping year ranges are merged. Nodes without relationships are left out.
    """
    spans: dict[Any, list[tuple[float, float]]] = {}
    for u, v, d in G.edges(data=True):
        s, e = d.get("start_year"), d.get("end_year")
        span = (s if isinstance(s, int) else -math.inf, e if isinstance(e, int) else math.inf)
        spans.setdefault(u, []).append(span)
        if v != u:
            spans.setdefault(v, []).append(span)
    out: dict[Any, list[tuple[int | None, int | None]]] = {}
    for n, items in spans.items():
        items.sort()
        merged = [list(items[0])]
        for s, e in items[1:]:
            if s <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        out[n] = [(None if math.isinf(s) else int(s), None if math.isinf(e) else int(e))
                  for s, e in merged]
    return out


def _gexf_node(n: Any, d: dict) -> dict:
    attrs = _flat_attrs(d)
    attrs.setdefault("label", str(d.get("name", n)))
    return attrs


def _gexf_edge(k: Any, d: dict) -> dict:
    """An edge's GEXF attributes: the relationship type as ``label``, ``kind`` and
    ``rel_type``; the partial dates as ``start_date``/``end_date``; the spell as
    ``start``/``end`` (:func:`_year_spell`)."""
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
    attrs.update(_year_spell(d.get("start_year"), d.get("end_year")))
    attrs.setdefault("id", str(k))
    return attrs


def _node_measures(analyses: Any) -> dict[Any, dict[str, Any]]:
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

    def put(n: Any, key: str, value: Any) -> None:
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return
        out.setdefault(n, {})[key] = value

    def column(table: Any, name: str, cast: Callable[[Any], Any]) -> None:
        if table is None or name not in getattr(table, "columns", ()):
            return
        ids = table["id"] if "id" in table.columns else table.index
        for n, v in zip(ids, table[name], strict=True):
            put(n, name, cast(v))

    column(getattr(analyses, "centrality", None), "pagerank", float)
    column(getattr(analyses, "centrality", None), "betweenness", float)
    for n, c in (getattr(analyses, "community_of", None) or {}).items():
        put(n, "community", int(c))
    column(getattr(analyses, "holes", None), "constraint", float)
    b = getattr(analyses, "brokerage", None)
    if b is not None and all(r in b.columns for r in _BROKERAGE_ROLES):
        ids = b["id"] if "id" in b.columns else b.index
        rows = zip(ids, *(b[r] for r in _BROKERAGE_ROLES), strict=True)
        for n, *counts in rows:
            values = [float(c) for c in counts]
            for role, v in zip(_BROKERAGE_ROLES, values, strict=True):
                put(n, f"brokerage_{role}", v)
            put(n, "brokerage_total", float(sum(values)))
            best = max(values)
            put(n, "brokerage_role", _BROKERAGE_ROLES[values.index(best)] if best > 0 else "")
    return out


def gexf_graph(G: nx.MultiDiGraph, analyses: Any = None) -> nx.MultiDiGraph:
    """The graph :func:`write_gexf` writes, as networkx would hold it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
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
    return _gexf_nx_graph(G, list(_gexf_nodes(G, analyses)))


def _gexf_nx_graph(G: nx.MultiDiGraph, nodes: list[tuple[Any, dict]]) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph(**_public_graph_attrs(G))
    H.graph["mode"] = "dynamic"
    for n, attrs in nodes:
        H.add_node(n, **attrs)
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **_gexf_edge(k, d))
    return H


def _gexf_nodes(G: nx.MultiDiGraph, analyses: Any = None) -> Iterator[tuple[Any, dict]]:
    """``(node, attributes)`` with ``viz`` and the spell as networkx's GEXF writer takes them."""
    years = _node_years(G)
    measures = _node_measures(analyses)
    viz = _node_viz(G, analyses)
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


def _node_viz(G: nx.MultiDiGraph, analyses: Any = None) -> dict[Any, dict[str, Any]]:
    """Per node, ``viz`` as the main view draws it: kind colour, influence size, position.

    Colours are the schema's kind colours and sizes grow with the square root of the
    influence score (PageRank on the influence graph), as in
    :func:`graph_loader.views.render_view`; positions are
    :func:`graph_loader.views.compute_layout` of the graph the main view lays out (the
    :data:`graph_loader.views.MAX_NODES` most influential actors), with ``y`` negated:
    Gephi's y axis points up, the page's down. Actors beyond the view's cap get no
    position (Gephi places them). A graph without a schema gets no ``viz``.
    """
    from graph_loader import views

    schema = G.graph.get("schema")
    if schema is None or G.number_of_nodes() == 0:  # the views need the schema too
        return {}
    scores = views.influence_scores(G, analyses)
    drawn, _ = views._cap(G, scores, views.MAX_NODES)
    pos = views.compute_layout(drawn)
    top = max(scores.values(), default=0.0) or 1.0
    out: dict[Any, dict[str, Any]] = {}
    for n, d in G.nodes(data=True):
        viz: dict[str, Any] = {
            "color": _hex_rgb(views._kind_color(schema, str(d.get("kind", ""))))
        }
        # The view's node size (render_view): 6 + 22 * sqrt(score / top score).
        viz["size"] = round(6.0 + 22.0 * math.sqrt(max(scores.get(n, 0.0), 0.0) / top), 2)
        if n in pos:
            x, y = pos[n]
            viz["position"] = {"x": float(x), "y": -float(y), "z": 0.0}
        out[n] = viz
    return out


def _gexf_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return {"inf": "INF", "-inf": "-INF", "nan": "NaN"}.get(str(v), str(v))
    return str(v)


def _gexf_declarations(items: Iterable[dict], xml_names: tuple[str, ...]) -> dict[str, str]:
    """``title -> GEXF type`` of every attribute, in first-seen order (XML ones left out).

    GEXF names its types as GraphML does (:func:`_attribute_types`); ``viz`` and
    ``spells`` are elements, not attributes.
    """
    types = _attribute_types(items)
    skip = {*xml_names, "viz", "spells"}
    return {k: t for k, t in types.items() if k not in skip}


def _symmetric_types(G: nx.MultiDiGraph) -> frozenset[str] | None:
    """The schema's symmetric relationship types, or None without a schema."""
    schema = G.graph.get("schema")
    if schema is None:
        return None
    return frozenset(name for name, rt in schema.relationship_types.items() if rt.symmetric)


def write_gexf(G: nx.MultiDiGraph, path: str | Path, analyses: Any = None) -> Path:
    """Write ``G`` as dynamic GEXF 1.3 for Gephi: a mixed graph with a timeline and a layout.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph; see :func:`gexf_graph` for how attributes are mapped.
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
    - ``defaultedgetype="directed"``; relationships of a symmetric type (the schema's
      ``symmetric: true``: allies, cooperation, conflict) are ``type="undirected"``, so
      Gephi draws them without an arrow. Each edge's ``kind`` is its relationship type,
      so Gephi keeps relationships of different types between the same actors apart.
    - Spells follow the views' time rule (:func:`_year_spell`, :func:`_node_years`):
      Gephi's timeline shows in a year the actors and relationships of that year's view.
    - ``viz:color``, ``viz:size`` and ``viz:position`` come from the views
      (:func:`_node_viz`); edges get their type's schema colour.
    - Written one node or edge at a time through ``lxml`` (``networkx.write_gexf`` built
      the whole tree: about 6 GB at a million edges). Text that XML 1.0 cannot hold (a
      control character) makes lxml refuse; the file is then written by
      ``networkx.write_gexf`` from :func:`gexf_graph`, as GEXF 1.3 but with every edge
      directed, no ``kind`` and networkx's ``<graph name="">``. Such a file is not
      well-formed XML either way, so Gephi refuses it; fix the data.
    """
    path = Path(path)
    nodes = list(_gexf_nodes(G, analyses))
    try:
        _stream_gexf(G, path, [(n, dict(a)) for n, a in nodes])
    except ValueError:
        nx.write_gexf(_gexf_nx_graph(G, nodes), path, encoding="utf-8", version="1.3")
    return path


def _stream_gexf(G: nx.MultiDiGraph, path: Path, nodes: list[tuple[Any, dict]]) -> None:
    """Write the GEXF of ``G`` with the node attributes ``nodes`` (:func:`_gexf_nodes`)."""
    from lxml import etree

    dated = False

    def edges() -> Iterator[dict]:
        nonlocal dated
        for _, _, k, d in G.edges(keys=True, data=True):
            attrs = _gexf_edge(k, d)
            dated = dated or "start" in attrs or "end" in attrs
            yield attrs

    node_decl = _gexf_declarations((a for _, a in nodes), _NODE_XML)
    edge_decl = _gexf_declarations(edges(), _EDGE_XML)

    def ids(decl: dict[str, str]) -> dict[str, str]:
        return {k: (f"attr_{k}" if k in _GEPHI_COLUMNS else k) for k in decl}

    node_ids, edge_ids = ids(node_decl), ids(edge_decl)
    symmetric = _symmetric_types(G)
    schema = G.graph.get("schema")
    type_rgb: dict[str, dict[str, int]] = {}
    if schema is not None:
        from graph_loader import views

        type_rgb = {t: _hex_rgb(views._type_color(schema, t))
                    for t in schema.relationship_types}
    viz_tag = f"{{{GEXF_VIZ_NS}}}"

    def item(tag: str, xml: dict, attrs: dict, decl_ids: dict[str, str]) -> Any:
        viz = attrs.pop("viz", None)
        spells = attrs.pop("spells", None)
        el = etree.Element(tag, {k: str(v) for k, v in xml.items()},
                           nsmap={"viz": GEXF_VIZ_NS} if viz else None)
        values = [(decl_ids[k], _gexf_value(v)) for k, v in attrs.items()]
        if values:
            box = etree.SubElement(el, "attvalues")
            for for_, value in values:
                etree.SubElement(box, "attvalue", {"for": for_, "value": value})
        if spells:
            box = etree.SubElement(el, "spells")
            for start, end in spells:
                etree.SubElement(box, "spell", {k: v for k, v in (("start", start),
                                                                  ("end", end)) if v})
        if viz:
            if "color" in viz:
                etree.SubElement(el, viz_tag + "color",
                                 {c: str(viz["color"][c]) for c in "rgb"})
            if "size" in viz:
                etree.SubElement(el, viz_tag + "size", value=str(viz["size"]))
            if "position" in viz:
                etree.SubElement(el, viz_tag + "position",
                                 {c: str(viz["position"][c]) for c in "xyz"})
        return el

    graph_open = '<graph mode="dynamic"' + (' timeformat="date"' if dated else "") + ">"
    from graph_loader import __version__

    meta = etree.Element("meta")
    etree.SubElement(meta, "creator").text = f"graph_loader {__version__} (karabakh-actor-graph)"
    name = G.graph.get("name")
    if isinstance(name, str) and name:
        etree.SubElement(meta, "description").text = name
    viz_decl = f' xmlns:viz="{GEXF_VIZ_NS}"'.encode()

    def out(el: Any) -> bytes:
        # Serialised alone, an element declares the viz prefix it uses; the root declares
        # it once for the file, so the copy on the element is dropped. Elements without a
        # namespace take the root's default one, the GEXF namespace.
        return etree.tostring(el, encoding="utf-8").replace(viz_decl, b"", 1) + b"\n"

    with path.open("wb") as fh:
        fh.write(b"<?xml version='1.0' encoding='utf-8'?>\n")
        fh.write(
            f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{GEXF_VIZ_NS}" xmlns:xsi="{_XSI}" '
            f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n'.encode()
        )
        fh.write(out(meta))
        fh.write(graph_open.encode() + b"\n")
        for cls, decl, id_of in (("node", node_decl, node_ids), ("edge", edge_decl, edge_ids)):
            box = etree.Element("attributes", mode="static")
            box.set("class", cls)
            for title, gtype in decl.items():
                etree.SubElement(box, "attribute", id=id_of[title], title=title, type=gtype)
            fh.write(out(box))
        fh.write(b"<nodes>\n")
        for n, attrs in nodes:
            xml = {"id": str(n)}
            xml.update((x, attrs.pop(x)) for x in _NODE_XML if x in attrs)
            fh.write(out(item("node", xml, attrs, node_ids)))
        fh.write(b"</nodes>\n<edges>\n")
        for u, v, k, d in G.edges(keys=True, data=True):
            attrs = _gexf_edge(k, d)
            xml = {"source": str(u), "target": str(v)}
            xml.update((x, attrs.pop(x)) for x in _EDGE_XML if x in attrs)
            rel_type = str(d.get("type", ""))
            sym = rel_type in symmetric if symmetric is not None else bool(d.get("symmetric"))
            xml["type"] = "undirected" if sym or not G.is_directed() else "directed"
            if rel_type in type_rgb:
                attrs["viz"] = {"color": type_rgb[rel_type]}
            fh.write(out(item("edge", xml, attrs, edge_ids)))
        fh.write(b"</edges>\n</graph>\n</gexf>\n")


def node_link(G: nx.MultiDiGraph) -> dict:
    """The node-link form of ``G`` (``networkx.node_link_data``), JSON-ready.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph. Lists and ``None`` are kept (JSON can hold them).

    Returns
    -------
    dict
        With keys ``directed``, ``multigraph``, ``graph``, ``nodes``, ``edges``; nodes have
        ``id``, edges ``source``, ``target`` and ``key``. Readable back with
        ``networkx.node_link_graph(data, edges="edges")``.
    """
    H = nx.MultiDiGraph(**_public_graph_attrs(G))
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(G.edges(keys=True, data=True))
    return nx.node_link_data(H, edges="edges")


def write_node_link(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write :func:`node_link` as UTF-8 JSON, one node or edge per line.

    The file is written as it goes (no copy of the graph, no whole-file string), so
    memory stays flat at a million edges.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph.
    path : str or pathlib.Path
        The ``.json`` file to write.

    Returns
    -------
    pathlib.Path
        The path written; ``json.load`` of it equals :func:`node_link` of ``G``.
    """
    path = Path(path)

    def dump(obj: Any) -> bytes:  # non-JSON values as text, as json.dumps(default=str)
        return orjson.dumps(obj, default=str)

    head = {"directed": True, "multigraph": True, "graph": _public_graph_attrs(G)}
    with path.open("wb") as fh:
        fh.write(dump(head)[:-1] + b',\n"nodes": [')
        sep = b"\n"
        for n, d in G.nodes(data=True):
            fh.write(sep + dump({**d, "id": n}))
            sep = b",\n"
        fh.write(b'\n],\n"edges": [')
        sep = b"\n"
        for u, v, k, d in G.edges(keys=True, data=True):
            fh.write(sep + dump({**d, "source": u, "target": v, "key": k}))
            sep = b",\n"
        fh.write(b"\n]}\n")
    return path


# --------------------------------------------------------------------------- Cypher


#: ``str.translate`` table of :func:`cypher_string`: every character it escapes.
_CYPHER_ESCAPES: dict[int, str] = {i: f"\\u{i:04x}" for i in range(0x20)}
_CYPHER_ESCAPES.update({0x7F: "\\u007f", 0x2028: "\\u2028", 0x2029: "\\u2029"})
_CYPHER_ESCAPES.update(
    {ord("\\"): "\\\\", ord("'"): "\\'", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
)


def cypher_string(text: str) -> str:
    """Quote ``text`` as a Cypher string literal.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        A single-quoted literal: backslashes and single quotes are escaped, newline,
        carriage return and tab become ``\\n``, ``\\r``, ``\\t`` and other control
        characters, DEL, U+2028 and U+2029 ``\\uXXXX`` (one ``str.translate``).

    Examples
    --------
    >>> print(cypher_string("O'Brien \\\\ said\\n\\"hi\\""))
    'O\\'Brien \\\\ said\\n"hi"'
    """
    return "'" + text.translate(_CYPHER_ESCAPES) + "'"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a value: str, int, float, bool, None, or lists and maps of them.

    Examples
    --------
    >>> cypher_literal(["a", "b'c"]), cypher_literal(True), cypher_literal(1992)
    ("['a', 'b\\\\'c']", 'true', '1992')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} as a Cypher literal")
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            key = str(k) if _IDENT.match(str(k)) else "`" + str(k).replace("`", "``") + "`"
            items.append(f"{key}: {cypher_literal(v)}")
        return "{" + ", ".join(items) + "}"
    return cypher_string(str(value))


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def inline_parameters(cypher: str, params: dict[str, Any]) -> str:
    """Replace each ``$name`` in a statement by the Cypher literal of ``params[name]``.

    Parameters
    ----------
    cypher : str
        A statement from :mod:`graph_loader.cypher_gen` (static text, values as parameters,
        no string literals containing ``$``).
    params : dict
        Its parameters.

    Returns
    -------
    str
        The statement with literals instead of parameters, for a script file.

    Raises
    ------
    KeyError
        If the statement names a parameter that ``params`` lacks.

    Examples
    --------
    >>> print(inline_parameters("MATCH (a {id: $id}) RETURN a", {"id": "it's"}))
    MATCH (a {id: 'it\\'s'}) RETURN a
    """
    return _PARAM.sub(lambda m: cypher_literal(params[m.group(1)]), cypher)


def write_cypher(ds: Dataset, path: str | Path, G: nx.MultiDiGraph | None = None) -> Path:
    """Write ``graph.cypher``, a script that recreates the graph in Neo4j.

    The statements are those ``graph-loader load`` runs (from
    :func:`graph_loader.cypher_gen.all_write_statements`: constraints, sources, actors,
    relationships, pruning of what the data no longer holds, the ``(:Dataset)`` node),
    with their parameters written as literals by :func:`inline_parameters`, so the
    script needs no parameters: run it with ``cypher-shell -f graph.cypher`` or paste
    it into Neo4j Browser.

    Parameters
    ----------
    ds : Dataset
        The validated dataset.
    path : str or pathlib.Path
        The ``.cypher`` file to write (UTF-8).
    G : networkx.MultiDiGraph, optional
        If given (e.g. the graph as of a year), only its actors and relationships are
        written.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from graph_loader import __version__
    from graph_loader import cypher_gen as cg

    if G is not None:
        rel_ids = {d.get("id", k) for _, _, k, d in G.edges(keys=True, data=True)}
        ds = Dataset(
            schema=ds.schema,
            actors={a: ds.actors[a] for a in ds.actors if a in G},
            relationships=[r for r in ds.relationships if r.id in rel_ids],
            sources=dict(ds.sources),
        )
    writes = cg.all_write_statements(ds)[:-1] + [
        cg.dataset_statement(ds, loaded_at="graph.cypher", version=__version__)
    ]
    statements = itertools.chain(
        (c.neo4j() for c in cg.CONSTRAINTS),
        (i.neo4j() for i in cg.INDEXES),
        (inline_parameters(st.cypher, st.params) for st in writes),
    )
    head = (
        "// Recreates the actor graph of Hasanoglu & Süleymanlı (2024) in Neo4j 5.\n"
        "// Run: cypher-shell -u neo4j -p <password> -f graph.cypher   (or paste into Browser)\n"
        "// Generated by `graph-loader build` from the statements `graph-loader load` runs,\n"
        "// with values written as literals. Idempotent; it also removes actors and\n"
        "// relationships of this dataset that the data no longer contains.\n"
        f"// {len(ds.actors)} actors, {len(ds.relationships)} relationships, "
        f"{len(ds.sources)} sources.\n\n"
    )
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(head)
        for statement in statements:  # one at a time: no whole-file string
            fh.write(statement + ";\n")
    return path


@without_gc
def write_all(
    ds: Dataset,
    G: nx.MultiDiGraph,
    out_dir: str | Path,
    progress: Callable[[str, float], None] | None = None,
) -> dict[str, Path]:
    """Write every export into ``out_dir``.

    Parameters
    ----------
    ds : Dataset
        The validated dataset (for ``graph.cypher``).
    G : networkx.MultiDiGraph
        The graph to export (all of it, or as of a year).
    out_dir : str or pathlib.Path
        Created if missing.
    progress : callable, optional
        Called after each file with its format and seconds.

    Returns
    -------
    dict of str to pathlib.Path
        ``graphml``, ``gexf``, ``json``, ``cypher``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writers: dict[str, Callable[[], Path]] = {
        "graphml": lambda: write_graphml(G, out / "graph.graphml"),
        "gexf": lambda: write_gexf(G, out / "graph.gexf"),
        "json": lambda: write_node_link(G, out / "graph.json"),
        "cypher": lambda: write_cypher(ds, out / "graph.cypher", G),
    }
    paths: dict[str, Path] = {}
    for name, write in writers.items():
        t0 = time.perf_counter()
        paths[name] = write()
        if progress is not None:
            progress(name, time.perf_counter() - t0)
    return paths
