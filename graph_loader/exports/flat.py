"""Attribute values GraphML and GEXF can store, and the XML types they are declared with.

GraphML and GEXF cannot store ``None`` or lists, so :func:`flat_graph` converts
attribute values first:

- lists (``aliases``) are joined with ``;``;
- ``None`` in a text attribute becomes ``""``; a numeric attribute that is ``None``
  (``start_year``/``end_year`` of an undated relationship) is left out of that
  edge, which both formats read as "no value".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from graph_loader.model import CORE_FIELDS, fields
from graph_loader.shapes import ShapeWriters

#: Graph-level attributes that hold Python objects and are never exported.
_INTERNAL_GRAPH_ATTRS = ("schema", "sources")

#: The XML type of each field type of :mod:`graph_loader.model`; the others are text.
_FIELD_XML_TYPES = {"bool": "boolean", "int": "long", "year": "long"}
#: A sample value of each XML type, to derive a writer's declarations from the fields.
_SAMPLES: dict[str, Any] = {"boolean": True, "long": 1, "string": "x"}

#: Numeric attributes: left out (not ``""``) when ``None``.
_NUMERIC_ATTRS = frozenset(
    {f.name for fs in CORE_FIELDS.values() for f in fs if f.type in ("int", "year")} | {"year"}
)


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
    """``data`` by :func:`_flat_value`, values left out dropped (a new dict), by the
    flattener compiled for its shape (:func:`_flattener`)."""
    values = tuple(data.values())
    return _FLATTENERS[(tuple(data), tuple(map(type, values)))](*values)


def _flattener(keys: tuple[Any, ...], classes: tuple[type, ...]) -> Callable[..., dict]:
    """The values of a dict of one shape -> its :func:`_flat_attrs`, as one dict display.

    Each value's conversion is chosen for its exact type (:func:`_flat_value` for other
    types); the keys are in the scope (``_K0``...), never in code.
    """
    scope: dict[str, Any] = {"_flat": _flat_value, "_finite": math.isfinite}
    items = []
    for i, (key, cls) in enumerate(zip(keys, classes, strict=True)):
        a = f"a{i}"
        scope[f"_K{i}"] = key
        if cls is type(None):
            if key in _NUMERIC_ATTRS:
                continue  # left out
            value = "''"
        elif cls in (list, tuple, set, frozenset):
            value = f"';'.join(map(str, {a}))"
        elif cls in (bool, int, str):
            value = a
        elif cls is float:
            value = f"({a} if _finite({a}) else str({a}))"
        else:
            value = f"_flat(_K{i}, {a})"
        items.append(f"_K{i}: {value}")
    args = "".join(f"a{i}, " for i in range(len(keys)))
    code = f"def flat({args}):\n    return {{{', '.join(items)}}}"
    exec(code, scope)  # noqa: S102 (names and constants only)
    flat: Callable[..., dict] = scope["flat"]
    return flat


_FLATTENERS = ShapeWriters(_flattener)


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


def declared_types(
    G: nx.Graph, record: str, convert: Callable[[dict], dict]
) -> dict[str, str] | None:
    """``name -> GraphML type`` of what ``convert`` makes of a node or edge, from the schema.

    :func:`graph_loader.graph.build_graph` gives every node (``record="actor"``) or
    edge (``"relationship"``) the record's fields, so their types come from the field
    declarations (:func:`graph_loader.model.fields`), not from a pass over the graph:
    ``convert`` (the writer's per-item conversion) is applied to one sample item.

    Returns
    -------
    dict or None
        ``None`` for a graph without a schema (one not built by ``build_graph``).

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> G = nx.MultiDiGraph(schema=load_schema("data/schema.yaml"))
    >>> types = declared_types(G, "relationship", _flat_attrs)
    >>> types["start_year"], types["dated"], types["evidence"]
    ('long', 'boolean', 'string')
    """
    schema = G.graph.get("schema")
    if schema is None:
        return None
    skip = "key" if record == "actor" else "end"
    sample = {f.name: _SAMPLES[_FIELD_XML_TYPES.get(f.type, "string")]
              for f in fields(schema, record) if f.role != skip}
    return _attribute_types([convert(sample)])


class Undeclared(Exception):
    """An item carries an attribute its writer did not declare (a graph built by hand)."""


#: What XML 1.0 cannot hold; lxml refuses it too, and the writers fall back to networkx.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Anything either escaper changes or refuses.
_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def scanner(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    r"""A test of whether a text holds a character of ``pattern`` (a character class).

    ASCII text (most of it) is scanned by ``bytes.translate`` with a table of the class's
    ASCII characters, about three times faster than the regular expression, which
    scans other text.

    Examples
    --------
    >>> holds = scanner(re.compile("[<&\u2028]"))
    >>> holds("a < b"), holds("a b"), holds("x\u2028"), holds("é")
    (True, False, True, False)
    """
    table = bytes(0 if b < 128 and pattern.match(chr(b)) else 1 for b in range(256))
    search = pattern.search

    def holds(text: str) -> bool:
        if text.isascii():
            return b"\0" in text.encode().translate(table)
        return search(text) is not None

    return holds


def xml_text(s: str) -> str:
    """``s`` escaped as element text, as lxml writes it; ``ValueError`` if XML cannot hold it.

    >>> xml_text("a < b & c")
    'a &lt; b &amp; c'
    """
    if not _SPECIAL.search(s):  # most values: one scan, no copy
        return s
    if _NOT_XML.search(s):
        raise ValueError("text XML 1.0 cannot hold")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace("\r", "&#13;") if "\r" in s else s


def xml_attr(s: str) -> str:
    r"""``s`` escaped as an attribute value (double-quoted), as lxml writes it.

    >>> xml_attr('say "hi"\nthere')
    'say &quot;hi&quot;&#10;there'
    """
    if not _SPECIAL.search(s):
        return s
    s = xml_text(s).replace('"', "&quot;")
    if "\n" in s or "\t" in s:
        s = s.replace("\n", "&#10;").replace("\t", "&#9;")
    return s


def _attribute_types(items: Iterable[dict]) -> dict[str, str]:
    """``name -> GraphML type`` over all items' flattened attributes, first-seen order.

    Read by shape (the names and value types; a graph has a handful), each distinct one
    in the order first seen: a name is first seen in the first item of its first shape.
    """
    shapes = dict.fromkeys((tuple(d), tuple(map(type, d.values()))) for d in items)
    seen: dict[str, set[type]] = {}
    for keys, types in shapes:
        for k, t in zip(keys, types, strict=True):
            seen.setdefault(k, set()).add(t)
    return {k: _xml_type(t) for k, t in seen.items()}
