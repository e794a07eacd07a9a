"""Dynamic GEXF 1.2 for Gephi: each edge carries its start and end dates.

Each edge carries ``start``/``end`` dates (the earliest day of its start date and the
last day of its end date, as ``YYYY-MM-DD``; open ends are left out), so Gephi's
timeline can play the network over time. Because GEXF reserves the edge attributes
``type`` (directed or undirected) and ``label``, the relationship type is written as
``label`` and as the attribute ``rel_type``. All edges are directed (NetworkX cannot
read mixed graphs back); symmetric relationships carry ``symmetric=true``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from graph_loader.dates import parse_partial_date
from graph_loader.exports.flat import _XSI, _attribute_types, _flat_attrs, _public_graph_attrs


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
