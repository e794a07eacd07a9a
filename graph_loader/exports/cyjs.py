"""Cytoscape.js JSON (``graph.cyjs``): the elements and the schema's colours as a style.

The document is what ``cy.json()`` gives and takes, and what Cytoscape desktop reads as
``.cyjs``: ``elements`` with ``nodes`` and ``edges`` (each a ``{"data": {...}}``; an
actor's ``id`` is its actor id, a relationship's its relationship id), and ``style``, a
list of ``{"selector", "style"}`` rules: one per actor kind
(``node[kind = "State"]``, the kind's colour) and one per relationship type
(``edge[type = "ALLY_OF"]``, the type's colour; no arrow on symmetric types), the same
colours as the views (:func:`graph_loader.views.kind_color`,
:func:`~graph_loader.views.type_color`). Attribute values are kept as the graph holds
them (lists as lists, unknown values as ``null``). There are no positions: load it with
a layout, e.g. ``cytoscape({..., ...doc, layout: {name: "cose"}})``.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import networkx as nx

from graph_loader.exports.flat import _public_graph_attrs, scanner
from graph_loader.graph import edge_items
from graph_loader.schema import Schema
from graph_loader.shapes import ShapeWriters, fstring

#: The Cytoscape.js JSON format version (Cytoscape desktop checks it) and target version.
FORMAT_VERSION = "1.0"
TARGET_CYTOSCAPEJS = "~3"


def _attr_selector(element: str, attr: str, value: str) -> str:
    """A Cytoscape.js data selector, e.g. ``node[kind = "State"]`` (value JSON-quoted)."""
    return f"{element}[{attr} = {json.dumps(value)}]"


def cyjs_style(schema: Schema) -> list[dict[str, Any]]:
    """The style: base rules for nodes and edges, then one rule per kind and per type.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> style = cyjs_style(load_schema("data/schema.yaml"))
    >>> [r for r in style if r["selector"] == 'node[kind = "State"]']
    [{'selector': 'node[kind = "State"]', 'style': {'background-color': '#1f77b4'}}]
    """
    from graph_loader.views import kind_color, type_color

    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": "data(name)", "font-size": 8, "width": 16, "height": 16,
            "text-valign": "bottom", "text-halign": "center"}},
        {"selector": "edge", "style": {
            "width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
            "opacity": 0.8}},
        {"selector": 'edge[certainty = "implied"]', "style": {"line-style": "dashed"}},
    ]  # fmt: skip
    for kind in schema.kinds:
        rules.append({"selector": _attr_selector("node", "kind", kind),
                      "style": {"background-color": kind_color(schema, kind)}})  # fmt: skip
    for name, rt in schema.relationship_types.items():
        color = type_color(schema, name)
        style: dict[str, Any] = {"line-color": color, "target-arrow-color": color}
        if rt.symmetric:
            style["target-arrow-shape"] = "none"
        rules.append({"selector": _attr_selector("edge", "type", name), "style": style})
    return rules


def cyjs(G: nx.MultiDiGraph, schema: Schema) -> dict[str, Any]:
    """The Cytoscape.js document of ``G`` (see the module docstring).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph` (or a year's slice).
    schema : Schema
        For the colours.

    Returns
    -------
    dict
        ``format_version``, ``generated_by``, ``target_cytoscapejs_version``, ``data``
        (the graph's public attributes), ``elements`` (``nodes``, ``edges``) and ``style``.
    """
    nodes = [{"data": {"id": str(n), **d}} for n, d in G.nodes(data=True)]
    edges = [
        {"data": {**d, "id": str(k), "source": str(u), "target": str(v)}}
        for u, v, k, d in G.edges(keys=True, data=True)
    ]
    return {
        "format_version": FORMAT_VERSION,
        "generated_by": "karabakh-actor-graph",
        "target_cytoscapejs_version": TARGET_CYTOSCAPEJS,
        "data": _public_graph_attrs(G),
        "elements": {"nodes": nodes, "edges": edges},
        "style": cyjs_style(schema),
    }


def write_cyjs(G: nx.MultiDiGraph, schema: Schema, path: str | Path) -> Path:
    """Write :func:`cyjs` of ``G`` as UTF-8 JSON.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graph.
    schema : Schema
        For the colours.
    path : str or pathlib.Path
        The ``.cyjs`` file to write.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    The text is what ``json.dumps(cyjs(G, schema), ensure_ascii=False, indent=1,
    default=str)`` gives, written as it goes (no document in memory): each element by
    the writer compiled for its shape (:func:`_element_writer`), the rest by :mod:`json`.
    An element value other than text, integers, booleans, ``None`` or lists of them (a
    float, say) sends the whole file to :mod:`json`.
    """
    path = Path(path)
    try:
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(_cyjs_chunks(G, schema))
    except _NotPlain:
        text = json.dumps(cyjs(G, schema), ensure_ascii=False, indent=1, default=str)
        path.write_text(text + "\n", encoding="utf-8")
    return path


class _NotPlain(Exception):
    """An element holds a value :func:`_element_writer` does not write."""


#: Stand-ins for the element lists in the document :mod:`json` writes around them.
_NODES, _EDGES = "\x00nodes", "\x00edges"
#: Elements joined per write (larger chunks cost more in allocation than they save).
_CHUNK = 256
#: The elements' depth in the document: ``{"elements": {"nodes": [{...}]}}``.
_DEPTH = 3


def _cyjs_chunks(G: nx.MultiDiGraph, schema: Schema) -> Iterator[str]:
    """The text of :func:`write_cyjs`, in chunks; ``_NotPlain`` at a value it cannot write."""
    doc = cyjs(nx.MultiDiGraph(**G.graph), schema)  # no elements: the document around them
    doc["elements"] = {"nodes": _NODES, "edges": _EDGES}
    text = json.dumps(doc, ensure_ascii=False, indent=1, default=str)
    marks = [json.dumps(_NODES), json.dumps(_EDGES)]
    if [text.count(m) for m in marks] != [1, 1]:
        raise _NotPlain("the graph's data holds the stand-ins")
    head, rest = text.split(marks[0])
    middle, tail = rest.split(marks[1])
    # As cyjs(): {"id": node, **d} and {**d, "id": key, "source": u, "target": v}.
    nodes = (((str(n),), d) for n, d in G.nodes(data=True))
    edges = (((str(k), str(u), str(v)), d) for u, v, k, d in edge_items(G))
    yield head
    yield from _element_list(nodes, ("id",), ())
    yield middle
    yield from _element_list(edges, (), ("id", "source", "target"))
    yield tail + "\n"


def _element_list(
    elements: Iterator[tuple[tuple[str, ...], dict[str, Any]]],
    before: tuple[str, ...],
    after: tuple[str, ...],
) -> Iterator[str]:
    """The JSON list of ``{"data": {**before, **data, **after}}`` for each ``(texts,
    data)`` (``texts``: the values of the keys ``before`` and ``after``), as
    ``json.dumps(..., indent=1)`` writes it at :data:`_DEPTH`. No merged dict is made:
    the writer of ``data``'s shape (:func:`_element_writer`) takes the texts too."""
    writers = ShapeWriters(
        lambda keys, types: _element_writer(keys, types, before, after))
    sep = "[\n"
    while chunk := list(itertools.islice(elements, _CHUNK)):
        texts = []
        for extra, data in chunk:
            values = tuple(data.values())
            texts.append(writers[(tuple(data), tuple(map(type, values)))](*extra, *values))
        yield sep + ",\n".join(texts)
        sep = ",\n"
    yield "[]" if sep == "[\n" else "\n" + " " * (_DEPTH - 1) + "]"


#: A scalar's JSON text, by its exact type (text through json's own C escaper).
_SCALAR_TEXT: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    bool: lambda v: "true" if v else "false",
    type(None): lambda v: "null",
}


def _list_text(items: list[Any] | tuple[Any, ...], indent: str) -> str:
    """A list of scalars as ``json.dumps(..., indent=1)`` writes it, its items at ``indent``."""
    if not items:
        return "[]"
    try:
        texts = [_SCALAR_TEXT[type(v)](v) for v in items]
    except KeyError:
        raise _NotPlain("a list holds more than text, integers and booleans") from None
    return "[\n" + indent + (",\n" + indent).join(texts) + "\n" + indent[:-1] + "]"


def _element_writer(
    keys: tuple[str, ...],
    types: tuple[type, ...],
    before: tuple[str, ...] = (),
    after: tuple[str, ...] = (),
) -> Callable[..., str]:
    """The writer of elements whose data has these keys and value types: the texts of
    the keys ``before`` and ``after``, then the values -> the text of ``{**before,
    **data, **after}`` (a later value of a key wins, at the key's first place).

    One template holds the keys, the indentation, the punctuation and the quotes around
    text, so an element is one f-string (:func:`graph_loader.shapes.fstring`): its texts
    go in as they are unless one of them needs escaping (one scan of them all; then
    json's C escaper), integers as ``%d`` writes them, booleans, ``None`` and empty
    lists as constants. The keys are only ever in the template, never in code.
    ``_NotPlain`` for a type it does not write.
    """
    slots: dict[Any, tuple[str, type]] = {}  # key -> (argument, type), as the merge has it
    for j, key in enumerate(before):
        slots[key] = (f"e{j}", str)
    for i, (key, cls) in enumerate(zip(keys, types, strict=True)):
        slots[key] = (f"a{i}", cls)
    for j, key in enumerate(after, start=len(before)):
        slots[key] = (f"e{j}", str)
    pad = " " * (_DEPTH + 2)
    items, args, texts = [], [], []
    for key, (a, cls) in slots.items():
        if key.__class__ is not str:
            raise _NotPlain("a key that is not text")
        name = encode_basestring(key).replace("%", "%%")
        if cls is str:
            items.append(f'{pad}{name}: "%s"')
            args.append(a)
            texts.append(a)
        elif cls is int:
            items.append(f"{pad}{name}: %d")
            args.append(a)
        elif cls is bool:
            items.append(f"{pad}{name}: %s")
            args.append(f"('true' if {a} else 'false')")
        elif cls is type(None):
            items.append(f"{pad}{name}: null")
        elif cls is list or cls is tuple:
            items.append(f"{pad}{name}: %s")
            args.append(f"(_list_text({a}, _INNER) if {a} else '[]')")
        else:
            raise _NotPlain(f"a value of type {cls.__name__}")
    outer, data = " " * _DEPTH, " " * (_DEPTH + 1)
    body = "{\n" + ",\n".join(items) + f"\n{data}}}" if items else "{}"
    template = f'{outer}{{\n{data}"data": {body}\n{outer}}}'
    scope: dict[str, Any] = {
        "_holds": _json_special, "_text": encode_basestring,
        "_list_text": _list_text, "_INNER": pad + " ",
    }
    extra = [f"e{j}, " for j in range(len(before) + len(after))]
    lines = [f"def write({''.join(extra)}{''.join(f'a{i}, ' for i in range(len(keys)))}):"]
    if texts:
        lines.append(f"    if _holds(''.join(({''.join(f'{t}, ' for t in texts)}))):")
        lines += [f"        {t} = _text({t})[1:-1]" for t in texts]
    lines.append(f"    return {fstring(template, args, scope)}")
    exec("\n".join(lines), scope)  # noqa: S102 (names and constants only; see above)
    write: Callable[..., str] = scope["write"]
    return write


#: What json's escaper changes in text (``ensure_ascii=False``): quotes, backslashes and
#: control characters.
_json_special = scanner(re.compile(r'[\x00-\x1f\\"]'))
