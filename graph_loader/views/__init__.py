"""Interactive network views (pyvis / vis-network), self-contained HTML files.

Each view is one HTML file that works offline, opened straight from disk:

- vis-network 9.1.2 (the copy shipped inside the pinned ``pyvis`` package) and
  the page's own CSS/JS (``graph_loader/assets``) are inlined; there is no
  ``<script src>`` or ``<link href>`` to a network location. pyvis's own
  template is not used: even with ``cdn_resources="in_line"`` it loads
  Bootstrap from a CDN and inserts the heading and menu options unescaped.
  The node and edge records are those :class:`pyvis.network.Network` builds, made
  directly (pyvis's ``add_edge`` is quadratic in the nodes); the page is rendered
  from ``graph_loader/templates/view.html`` by Jinja2 with autoescaping, so actor
  names and quotes are always text, never markup.
- Node and edge data travel as a JSON block (``<script type="application/json">``)
  in which ``<``, ``>`` and ``&`` are escaped as ``\\u003c`` etc., so no data can
  close the script element (see :func:`script_json`).
- Nodes are coloured by kind (schema colour), sized by influence (PageRank on
  the influence graph, :func:`node_size`) and labelled with their short name
  (:func:`node_label`; the full name is in the tooltip and the search); edges are
  coloured by the family of their relationship type (:func:`type_color`, one colour
  per family of schema.yaml's ``families:``; green/red by polarity in the signed
  view), dashed when ``implied``, with an arrow for directed types and none for
  symmetric ones.
- Tooltips are plain text with ``\\n`` line breaks (vis-network 9 renders a string
  ``title`` as text): the relationship type, dates, evidence quote, section and citation.
- Positions come from a NetworkX spring layout with a fixed seed, then a
  collision-removal pass (:func:`separate`) with the drawn sizes and labels, so that
  no two node circles overlap; physics is off: the views render at once and
  identically on every build.
- A search box (name, short name or alias → select and focus), kind and
  family/type filters (checkboxes updating the DataSets' ``hidden`` flags) and a
  legend generated from the schema are plain HTML around the canvas.
- Graphs with more than ``max_nodes`` actors show only the most influential ones
  and say so in the header.

The page also maintains ``<div id="render-status">`` (``data-ready``, ``data-nodes``,
``data-painted``, ``data-errors``), which the headless-browser test reads.

The package, in the order a page is made:

- :mod:`.specs`: the theme views (:func:`view_specs`, from the schema's ``views:``);
- :mod:`.layout`: positions (:func:`compute_layout`);
- :mod:`.render`: one page (:func:`render_view`, :func:`influence_scores`); the colours,
  sizes and cap the GEXF export shares (:func:`kind_color`, :func:`type_color`,
  :func:`node_size`, :func:`cap_graph`);
- :mod:`.timeline`: the time view, one page with a year slider (:func:`render_timeline`);
- :mod:`.write`: every page of a build (:func:`write_views`).
"""

from __future__ import annotations

from graph_loader.views.layout import compute_layout, count_overlaps, separate
from graph_loader.views.render import (
    MAX_NODES,
    NEGATIVE_COLOR,
    POSITIVE_COLOR,
    RenderedView,
    cap_graph,
    influence_scores,
    kind_color,
    node_label,
    node_size,
    render_view,
    safe_slug,
    script_json,
    type_color,
)
from graph_loader.views.specs import ViewSpec, view_specs
from graph_loader.views.timeline import TIME_PAGE, render_timeline
from graph_loader.views.write import (
    ViewInfo,
    ego_subgraph,
    main_actor_ids,
    subgraph_by_types,
    timeline_years,
    write_views,
)

__all__ = [
    "MAX_NODES",
    "NEGATIVE_COLOR",
    "POSITIVE_COLOR",
    "RenderedView",
    "ViewInfo",
    "ViewSpec",
    "cap_graph",
    "compute_layout",
    "count_overlaps",
    "ego_subgraph",
    "influence_scores",
    "kind_color",
    "main_actor_ids",
    "node_label",
    "node_size",
    "render_view",
    "safe_slug",
    "script_json",
    "separate",
    "subgraph_by_types",
    "type_color",
    "timeline_years",
    "render_timeline",
    "TIME_PAGE",
    "view_specs",
    "write_views",
]
