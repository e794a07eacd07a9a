"""Exports of the graph for other tools: GraphML, GEXF (Gephi), node-link JSON, Cypher.

All exports take the ``MultiDiGraph`` of :func:`graph_loader.graph.build_graph`
(or a year's slice from :func:`graph_loader.graph.as_of`).

GraphML and GEXF cannot store ``None`` or lists, so :func:`flat_graph` converts
attribute values first:

- lists (``aliases``) are joined with ``;``;
- ``None`` in a text attribute becomes ``""``; a numeric attribute that is ``None``
  (``start_year``/``end_year`` of an undated relationship) is left out of that
  edge, which both formats read as "no value".

The GEXF file is *dynamic*: each edge carries ``start``/``end`` dates
(the earliest day of its start date and the last day of its end date, as
``YYYY-MM-DD``; open ends are left out), so Gephi's timeline can play the
network over time. Because GEXF reserves the edge attributes ``type`` (directed or
undirected) and ``label``, the relationship type is written as ``label`` and as the
attribute ``rel_type``. All edges are directed (NetworkX cannot read mixed graphs back);
symmetric relationships carry ``symmetric=true``.

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

from graph_loader.dates import parse_partial_date
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
        The path written. Edge ids are the relationship ids; keys are named after the
        attributes (as ``networkx.write_graphml(..., named_key_ids=True)``).

    Notes
    -----
    Written one node or edge at a time through lxml, without a flattened copy of the
    graph (which was most of the exports' 9 GB peak at a million edges); networkx
    reads it back equal to what ``networkx.write_graphml`` writes for
    :func:`flat_graph` of ``G``. Text that XML 1.0 cannot hold (e.g. a control
    character in a note) makes lxml refuse; the file is then written by networkx's
    ``xml.etree`` writer, which writes it as is.
    """
    path = Path(path)
    try:
        _stream_graphml(G, path)
    except ValueError:
        # lxml refuses text XML cannot hold (control characters, lone surrogates); the
        # xml.etree writer writes it anyway, as networkx always did without lxml.
        nx.write_graphml_xml(flat_graph(G), path, encoding="utf-8", named_key_ids=True)
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


def _stream_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    from lxml import etree

    graph_attrs = _public_graph_attrs(G)
    scopes = {
        "graph": _attribute_types([graph_attrs]),
        "node": _attribute_types(_flat_attrs(d) for _, d in G.nodes(data=True)),
        "edge": _attribute_types(_flat_attrs(d) for _, _, d in G.edges(data=True)),
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
                    xf.write(data(el, "edge", _flat_attrs(d)), "\n")
            xf.write("\n")


def _gexf_date(text: str, latest: bool) -> str | None:
    if not text:
        return None
    try:
        d = parse_partial_date(text)
    except ValueError:
        return None
    y, m, day = d.latest() if latest else d.earliest()
    return f"{y:04d}-{m:02d}-{day:02d}"


def _gexf_node(n: Any, d: dict) -> dict:
    attrs = _flat_attrs(d)
    attrs.setdefault("label", str(d.get("name", n)))
    return attrs


def _gexf_edge(k: Any, d: dict) -> dict:
    attrs = _flat_attrs(d)
    rel_type = str(attrs.pop("type", ""))
    start_text = str(attrs.pop("start", "") or "")
    end_text = str(attrs.pop("end", "") or "")
    attrs["rel_type"] = rel_type
    attrs["label"] = rel_type
    attrs["start_date"] = start_text
    attrs["end_date"] = end_text
    start = _gexf_date(start_text, latest=False)
    end = _gexf_date(end_text, latest=True)
    if start:
        attrs["start"] = start
    if end:
        attrs["end"] = end
    attrs.setdefault("id", str(k))
    return attrs


def gexf_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The dynamic-mode graph written by :func:`write_gexf`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.

    Returns
    -------
    networkx.MultiDiGraph
        ``H.graph["mode"] == "dynamic"``; each edge has ``label`` and ``rel_type`` (the
        relationship type), ``start``/``end``
        (``YYYY-MM-DD``, only where known) and the partial dates as ``start_date`` /
        ``end_date``.
    """
    H = nx.MultiDiGraph(**_public_graph_attrs(G))
    H.graph["mode"] = "dynamic"
    for n, d in G.nodes(data=True):
        H.add_node(n, **_gexf_node(n, d))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **_gexf_edge(k, d))
    return H


GEXF_NS = "http://www.gexf.net/1.2draft"
#: Item attributes that GEXF holds as XML attributes of ``<node>`` / ``<edge>``.
_NODE_XML = ("label",)
_EDGE_XML = ("id", "label", "start", "end")


def _gexf_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return {"inf": "INF", "-inf": "-INF", "nan": "NaN"}.get(str(v), str(v))
    return str(v)


def _gexf_declarations(items: Iterable[dict], xml_names: tuple[str, ...]) -> dict[str, str]:
    """``title -> GEXF type`` of every attribute, in first-seen order (XML ones left out).

    GEXF names its types as GraphML does (:func:`_attribute_types`).
    """
    types = _attribute_types(items)
    return {k: t for k, t in types.items() if k not in xml_names}


def write_gexf(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``G`` as dynamic GEXF 1.2 for Gephi (timeline from edge start/end dates).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph; see :func:`gexf_graph` for how attributes are mapped.
    path : str or pathlib.Path
        The ``.gexf`` file to write (UTF-8).

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    ``networkx.write_gexf`` builds the whole XML tree in memory (about 6 GB at a
    million edges). This writes the same document (``networkx.read_gexf`` reads back
    the same graph) one node or edge at a time through ``lxml``: one pass declares the
    attributes, a second writes the items. Text that XML 1.0 cannot hold (a control
    character) makes lxml refuse; the file is then written by networkx, as before.
    """
    path = Path(path)
    try:
        _stream_gexf(G, path)
    except ValueError:
        nx.write_gexf(gexf_graph(G), path, encoding="utf-8", version="1.2draft")
    return path


def _stream_gexf(G: nx.MultiDiGraph, path: Path) -> None:
    from lxml import etree

    dated = False

    def edges() -> Iterator[dict]:
        nonlocal dated
        for _, _, k, d in G.edges(keys=True, data=True):
            attrs = _gexf_edge(k, d)
            dated = dated or "start" in attrs or "end" in attrs
            yield attrs

    node_decl = _gexf_declarations((_gexf_node(n, d) for n, d in G.nodes(data=True)), _NODE_XML)
    edge_decl = _gexf_declarations(edges(), _EDGE_XML)
    if G.is_multigraph():
        edge_decl["networkx_key"] = "string"
    ids = iter(range(len(node_decl) + len(edge_decl)))
    node_ids = {k: str(next(ids)) for k in node_decl}
    edge_ids = {k: str(next(ids)) for k in edge_decl}

    def item(tag: str, xml: dict, attrs: dict, decl_ids: dict[str, str]) -> Any:
        el = etree.Element(tag, {k: str(v) for k, v in xml.items()})
        values = [(decl_ids[k], _gexf_value(v)) for k, v in attrs.items()]
        if values:
            box = etree.SubElement(el, "attvalues")
            for for_, value in values:
                etree.SubElement(box, "attvalue", {"for": for_, "value": value})
        return el

    graph_attrs = {"defaultedgetype": "directed" if G.is_directed() else "undirected",
                   "mode": "dynamic", "name": str(G.graph.get("name", ""))}
    if dated:
        graph_attrs["timeformat"] = "date"
    from graph_loader import __version__

    # Only the root is written with its namespace; the elements inside are written
    # without one, so in the file they take the root's default namespace, as in
    # networkx's output (lxml would otherwise repeat the declaration on each item).
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        root = {f"{{{_XSI}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd", "version": "1.2"}
        with xf.element(f"{{{GEXF_NS}}}gexf", root, nsmap={None: GEXF_NS, "xsi": _XSI}):
            xf.write("\n")
            meta = etree.Element("meta")
            etree.SubElement(meta, "creator").text = (
                f"graph_loader {__version__} (karabakh-actor-graph)"
            )
            xf.write(meta, "\n")
            with xf.element("graph", graph_attrs):
                xf.write("\n")
                for cls, decl, id_of in (("edge", edge_decl, edge_ids),
                                         ("node", node_decl, node_ids)):
                    box = etree.Element("attributes", mode="static")
                    box.set("class", cls)
                    for title, gtype in decl.items():
                        etree.SubElement(box, "attribute",
                                         id=id_of[title], title=title, type=gtype)
                    xf.write(box, "\n")
                with xf.element("nodes"):
                    xf.write("\n")
                    for n, d in G.nodes(data=True):
                        attrs = _gexf_node(n, d)
                        xml = {"id": str(n), "label": attrs.pop("label")}
                        xf.write(item("node", xml, attrs, node_ids), "\n")
                xf.write("\n")
                with xf.element("edges"):
                    xf.write("\n")
                    for u, v, k, d in G.edges(keys=True, data=True):
                        attrs = _gexf_edge(k, d)
                        xml = {"source": str(u), "target": str(v)}
                        xml.update((x, attrs.pop(x)) for x in _EDGE_XML if x in attrs)
                        if G.is_multigraph():
                            attrs["networkx_key"] = k
                        xf.write(item("edge", xml, attrs, edge_ids), "\n")
                xf.write("\n")
            xf.write("\n")


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
