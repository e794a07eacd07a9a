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
    _attribute_types,
    _flat_attrs,
    _public_graph_attrs,
    _xml_text,
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
    Written one node or edge at a time through lxml, without a flattened copy of the
    graph (which was most of the exports' 9 GB peak at a million edges); networkx
    reads it back equal to what ``networkx.write_graphml`` writes for
    :func:`~graph_loader.exports.flat.flat_graph` of ``G`` less the edges' ``id`` data
    (read back as the edge key). Text that XML 1.0 cannot hold (e.g. a control character
    in a note) makes lxml refuse; the file is then written by networkx's ``xml.etree``
    writer, which writes it as is.
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
