"""GraphML (yEd, Cytoscape, igraph), written one node or edge at a time.

Every edge is directed; symmetric relationships carry ``symmetric=true`` (networkx
refuses ``directed="false"`` edges in a directed graph and igraph has no mixed graphs;
the GEXF export makes them undirected). The relationship id is the edge's XML ``id``,
written once (:func:`_graphml_edge_attrs`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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
    _xml_text,
    declared_types,
    scanner,
    xml_attr,
    xml_text,
)
from graph_loader.graph import edge_items
from graph_loader.shapes import ShapeWriters, fstring

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
    faster), each by a writer compiled for its shape (:class:`_ItemWriters`: one format
    string per set of attribute names and value types, ~2.5x faster again), with the keys
    declared from the schema's fields rather than a pass over the graph, and without a
    flattened copy of the
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
        fh.writelines(_ItemWriters("node", scopes["node"], opens).chunks(G))
        fh.writelines(_ItemWriters("edge", scopes["edge"], opens).chunks(G))
        fh.write("</graph>\n</graphml>")


class _ItemWriters:
    """The ``<node>`` or ``<edge>`` elements of one scope, by writers compiled per shape.

    A shape is an item's attribute names and the types of their values. Its writer
    (:meth:`_compile`) holds one template with the element's tags, the ``<data>`` openers and
    closers, so an item is one f-string (:func:`graph_loader.shapes.fstring`): text goes in as
    it is unless one of the item's texts needs escaping (one scan of them all,
    :func:`~.flat.scanner`), integers with ``%d``, booleans as constants, values left out
    (``None`` numbers) not at all. Anything else (floats, a ``double`` attribute, other objects)
    is converted per value as :func:`~.flat._flat_value` and :func:`~.flat._xml_text` do. The
    text is the old per-value writer's, byte for byte.
    """

    def __init__(self, scope: str, types: dict[str, str], opens: dict[tuple[str, str], str]):
        self.scope, self.types, self.opens = scope, types, opens
        self.writers = ShapeWriters(self._compile)

    def chunks(self, G: nx.MultiDiGraph, size: int = 256) -> Iterator[str]:
        """The elements of ``G``'s nodes or edges (this scope's), joined ``size`` at a
        time (a few hundred at a time is faster than one by one or many thousands), in
        one loop: a million edges, so no call or generator per item but the writer of
        its shape."""
        writers = self.writers
        chunk: list[str] = []
        append = chunk.append
        if self.scope == "edge":
            for u, v, k, d in edge_items(G):
                values = tuple(d.values())
                append(writers[(tuple(d), tuple(map(type, values)))](
                    str(u), str(v), str(k), *values))
                if len(chunk) == size:
                    yield "".join(chunk)
                    chunk.clear()
        else:
            for n, d in G.nodes(data=True):
                values = tuple(d.values())
                append(writers[(tuple(d), tuple(map(type, values)))](str(n), *values))
                if len(chunk) == size:
                    yield "".join(chunk)
                    chunk.clear()
        if chunk:
            yield "".join(chunk)

    def _compile(self, keys: tuple[Any, ...], classes: tuple[type, ...]) -> Callable[..., str]:
        edge = self.scope == "edge"
        ends = ("a_u", "a_v", "a_k") if edge else ("a_n",)
        head = ('<edge source="%s" target="%s" id="%s">' if edge else '<node id="%s">')
        parts, args = [head], list(ends)
        attrs, texts = list(ends), []  # escaped as attribute values / as element text
        scope: dict[str, Any] = {"_holds": _xml_special, "_attr": xml_attr, "_text": xml_text}
        names = ", ".join([*ends, *(f"a{i}" for i in range(len(keys)))])
        lines = [f"def write({names}):"]
        if edge:
            lines.append("    key = a_k  # before it is escaped")
        for i, (key, cls) in enumerate(zip(keys, classes, strict=True)):
            a = f"a{i}"
            if cls is type(None) and key in _NUMERIC_ATTRS:
                continue  # left out
            xml_type = self.types.get(key)
            if edge and key == "id":  # the key is the XML id: written once (see above)
                scope[f"_slot{i}"] = self._id_slot(self.opens.get(("edge", "id")), xml_type)
                parts.append("%s")
                fast = f"'' if {a} == key else " if cls is str else ""  # the usual case
                args.append(f"({fast}_slot{i}(key, {a}))")
                continue
            if xml_type is None:
                raise Undeclared(f"{self.scope} attribute {key!r}")
            raw = self.opens[self.scope, key]
            opener = raw.replace("%", "%%")
            if cls is str and xml_type != "double":
                parts.append(opener + "%s</data>")
                args.append(a)
                texts.append(a)
            elif cls is int and xml_type != "double":
                parts.append(opener + "%d</data>")
                args.append(a)
            elif cls is bool:
                parts.append(opener + "%s</data>")
                args.append(f"('true' if {a} else 'false')")
            elif cls is type(None) and xml_type != "double":
                parts.append(opener + "</data>")
            elif cls in (list, tuple, set, frozenset) and xml_type != "double":
                parts.append(opener + "%s</data>")
                lines.append(f"    {a} = ';'.join(map(str, {a}))")
                args.append(a)
                texts.append(a)
            else:
                scope[f"_slot{i}"] = self._slot(key, raw, xml_type)
                parts.append("%s")
                args.append(f"_slot{i}({a})")
        parts.append("</edge>\n" if edge else "</node>\n")
        lines.append(f"    if _holds(''.join(({''.join(f'{t}, ' for t in attrs + texts)}))):")
        lines += [f"        {t} = _attr({t})" for t in attrs]
        lines += [f"        {t} = _text({t})" for t in texts]
        lines.append(f"    return {fstring(''.join(parts), args, scope)}")
        exec("\n".join(lines), scope)  # noqa: S102 (names and constants only)
        write: Callable[..., str] = scope["write"]
        return write

    @staticmethod
    def _slot(key: str, opener: str, xml_type: str) -> Callable[[Any], str]:
        """One attribute's ``<data>`` as the per-value writer wrote it ("" if left out)."""

        def slot(value: Any) -> str:
            fv = _flat_value(key, value)
            return "" if fv is ... else opener + xml_text(_xml_text(fv, xml_type)) + "</data>"

        return slot

    @classmethod
    def _id_slot(cls, opener: str | None, xml_type: str | None) -> Callable[[str, Any], str]:
        """An edge's ``id`` data: left out when it equals the key (:func:`_graphml_edge_attrs`),
        which is why it may be undeclared (``Undeclared`` only if it is written)."""
        def id_slot(key: str, value: Any) -> str:
            fv = _flat_value("id", value)
            if fv is ... or str(fv) == key:
                return ""
            if opener is None or xml_type is None:
                raise Undeclared("edge attribute 'id'")
            return cls._slot("id", opener, xml_type)(value)

        return id_slot


#: Whether a text needs :func:`~.flat.xml_text` or :func:`~.flat.xml_attr` (escapes or
#: refuses something).
_xml_special = scanner(_SPECIAL)
