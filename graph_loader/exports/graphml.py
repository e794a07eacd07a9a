"""GraphML (yEd, Cytoscape, igraph), written one node or edge at a time.

Every edge is directed; symmetric relationships carry ``symmetric=true`` (networkx
refuses ``directed="false"`` edges in a directed graph and igraph has no mixed graphs;
the GEXF export makes them undirected). The relationship id is the edge's XML ``id``,
written once (:func:`_graphml_edge_attrs`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from graph_loader.exports.flat import (
    _XSI,
    Undeclared,
    _attribute_types,
    _flat_attrs,
    _public_graph_attrs,
    _xml_text,
    declared_types,
    xml_attr,
    xml_text,
)

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


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
    Written one node or edge at a time as escaped text
    (:func:`~graph_loader.exports.flat.xml_text`: byte for byte what lxml wrote, ~2.5x
    faster), with the keys declared from the
    schema's fields rather than a pass over the graph, and without a flattened copy of the
    graph (which was most of the exports' 9 GB peak at a million edges); networkx
    reads it back equal to what ``networkx.write_graphml`` writes for
    :func:`~graph_loader.exports.flat.flat_graph` of ``G`` less the edges' ``id`` data
    (read back as the edge key). Text that XML 1.0 cannot hold (e.g. a control character
    in a note) is refused; the file is then written by networkx's ``xml.etree``
    writer, which writes it as is.
    """
    path = Path(path)
    try:
        try:
            _stream_graphml(G, path)
        except Undeclared:  # a graph built by hand: its attributes, as they are
            _stream_graphml(G, path, declared=False)
    except ValueError:
        # Text XML cannot hold (control characters, lone surrogates) is refused; the
        # xml.etree writer writes it anyway, as networkx always did without lxml.
        nx.write_graphml_xml(_graphml_flat_graph(G), path, encoding="utf-8",
                             named_key_ids=True)
    return path


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


def _scopes(G: nx.MultiDiGraph, declared: bool) -> dict[str, dict[str, str]]:
    """``scope -> name -> GraphML type``: from the schema, or (``declared=False``, or a
    graph without one) from a pass over the graph."""
    graph = _attribute_types([_public_graph_attrs(G)])
    if declared:
        node = declared_types(G, "actor", _flat_attrs)
        edge = declared_types(G, "relationship", lambda d: _graphml_edge_attrs(d.get("id"), d))
        if node is not None and edge is not None:
            return {"graph": graph, "node": node, "edge": edge}
    return {
        "graph": graph,
        "node": _attribute_types(_flat_attrs(d) for _, d in G.nodes(data=True)),
        "edge": _attribute_types(
            _graphml_edge_attrs(k, d) for _, _, k, d in G.edges(keys=True, data=True)
        ),
    }


def _stream_graphml(G: nx.MultiDiGraph, path: Path, declared: bool = True) -> None:
    """Write the GraphML text; ``Undeclared`` if an item has an attribute the schema lacks."""
    scopes = _scopes(G, declared)
    key_ids: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for scope, types in scopes.items():
        for name in types:
            kid = name if name not in used else f"{name}.{scope}"
            key_ids[scope, name] = kid
            used.add(kid)
    # '<data key="...">' per scope and name, escaped once.
    opens = {sk: f'<data key="{xml_attr(kid)}">' for sk, kid in key_ids.items()}

    def data(scope: str, attrs: dict) -> str:
        types = scopes[scope]
        try:
            return "".join(
                opens[scope, k] + xml_text(_xml_text(v, types[k])) + "</data>"
                for k, v in attrs.items()
            )
        except KeyError as exc:
            raise Undeclared(f"{scope} attribute {exc}") from None

    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("<?xml version='1.0' encoding='utf-8'?>\n")
        fh.write(f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{_XSI}" '
                 f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd">\n')
        for scope, types in scopes.items():
            for name, xml_type in types.items():
                fh.write(f'<key id="{xml_attr(key_ids[scope, name])}" for="{scope}" '
                         f'attr.name="{xml_attr(name)}" attr.type="{xml_type}"/>\n')
        edgedefault = "directed" if G.is_directed() else "undirected"
        fh.write(f'<graph edgedefault="{edgedefault}">\n')
        graph_attrs = _public_graph_attrs(G)
        if graph_attrs:
            fh.write(data("graph", graph_attrs).replace("</data>", "</data>\n"))
        for n, d in G.nodes(data=True):
            fh.write(f'<node id="{xml_attr(str(n))}">{data("node", _flat_attrs(d))}</node>\n')
        for u, v, k, d in G.edges(keys=True, data=True):
            fh.write(f'<edge source="{xml_attr(str(u))}" target="{xml_attr(str(v))}" '
                     f'id="{xml_attr(str(k))}">{data("edge", _graphml_edge_attrs(k, d))}</edge>\n')
        fh.write("</graph>\n</graphml>")
