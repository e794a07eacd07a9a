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

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graph_loader.exports.flat import _public_graph_attrs
from graph_loader.schema import Schema

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
    """Write :func:`cyjs` of ``G`` as UTF-8 JSON; returns ``path``."""
    path = Path(path)
    text = json.dumps(cyjs(G, schema), ensure_ascii=False, indent=1, default=str)
    path.write_text(text + "\n", encoding="utf-8")
    return path
