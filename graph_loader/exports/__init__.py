"""Exports of the graph for other tools, one registry entry per format.

All exports take the ``MultiDiGraph`` of :func:`graph_loader.graph.build_graph`
(or a year's slice from :func:`graph_loader.graph.as_of`). :data:`FORMATS` lists
them: its file name, the description the index page shows, and its writer.
:func:`write_all` writes every one; adding a format is adding an entry (a writer
``write(ds, G, path)``; one that also wants the analyses says so with
``takes_analyses=True`` and is called ``write(ds, G, path, analyses)``).

- :mod:`.graphml`: GraphML (attributes flattened by :mod:`.flat`; every edge directed,
  the relationship id written once, as the edge's XML id);
- :mod:`.gexf`: GEXF 1.3 for Gephi: the views' colours, sizes and positions, the
  analyses' node measures (PageRank, betweenness, community, constraint, brokerage
  role), symmetric relationships undirected in a mixed graph, whole-year spells for
  Gephi's timeline;
- :mod:`.node_link`: NetworkX node-link JSON;
- :mod:`.cyjs`: Cytoscape.js JSON, with the schema's colours as its style;
- :mod:`.cypher_script`: ``graph.cypher``, the loader's statements as a script.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph_loader.exports.cyjs import cyjs, write_cyjs
from graph_loader.exports.cypher_script import write_cypher
from graph_loader.exports.flat import flat_graph
from graph_loader.exports.gexf import gexf_graph, write_gexf
from graph_loader.exports.graphml import write_graphml
from graph_loader.exports.node_link import node_link, write_node_link
from graph_loader.gcpause import without_gc
from graph_loader.model import Dataset

if TYPE_CHECKING:
    from graph_loader.analyses import Analyses

__all__ = [
    "FORMATS",
    "ExportFormat",
    "cyjs",
    "flat_graph",
    "gexf_graph",
    "node_link",
    "write_all",
    "write_cyjs",
    "write_cypher",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]


@dataclass(frozen=True)
class ExportFormat:
    """One export: where it goes, what it is for, and how it is written.

    Attributes
    ----------
    file : str
        The file name in ``exports/``.
    label : str
        A short name for progress output, e.g. ``GraphML``.
    description : str
        What the file is for, as the index page says it.
    write : callable
        ``write(ds, G, path) -> path``: the dataset, the graph to export, the file;
        ``write(ds, G, path, analyses)`` if ``takes_analyses``.
    takes_analyses : bool
        The writer's fourth argument is the build's analyses (or ``None``).
    """

    file: str
    label: str
    description: str
    write: Callable[..., Path]
    takes_analyses: bool = False


#: Every export, in the order they are written and listed, by short name.
FORMATS: dict[str, ExportFormat] = {
    "graphml": ExportFormat(
        "graph.graphml", "GraphML", "GraphML (yEd, Cytoscape, igraph)",
        lambda ds, G, path: write_graphml(G, path),
    ),
    "gexf": ExportFormat(
        "graph.gexf", "GEXF",
        "GEXF 1.3 for Gephi: colours, sizes, positions, measures, mixed "
        "directed/undirected edges, timeline",
        lambda ds, G, path, analyses: write_gexf(G, ds.schema, path, analyses),
        takes_analyses=True,
    ),
    "json": ExportFormat(
        "graph.json", "JSON", "NetworkX node-link JSON",
        lambda ds, G, path: write_node_link(G, path),
    ),
    "cyjs": ExportFormat(
        "graph.cyjs", "Cytoscape.js",
        "Cytoscape.js JSON (cy.json(), Cytoscape .cyjs) with the schema colours as its style",
        lambda ds, G, path: write_cyjs(G, ds.schema, path),
    ),
    "cypher": ExportFormat(
        "graph.cypher", "Cypher",
        "Cypher script that recreates the graph in Neo4j (cypher-shell -f)",
        lambda ds, G, path: write_cypher(ds, path, G),
    ),
}  # fmt: skip


@without_gc
def write_all(
    ds: Dataset,
    G: nx.MultiDiGraph,
    out_dir: str | Path,
    progress: Callable[[str, float], None] | None = None,
    analyses: Analyses | None = None,
    names: Iterable[str] | None = None,
) -> dict[str, Path]:
    """Write every export of :data:`FORMATS` (or those named) into ``out_dir``.

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
    analyses : Analyses, optional
        :func:`graph_loader.analyses.run_all` of ``G``, for the formats that take it
        (the GEXF's node measures and sizes).
    names : iterable of str, optional
        Keys of :data:`FORMATS` to write (default: all); written in ``FORMATS`` order.

    Returns
    -------
    dict of str to pathlib.Path
        The path written, by the format's key in :data:`FORMATS`.

    Raises
    ------
    ValueError
        ``names`` holds a key :data:`FORMATS` lacks.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    chosen = FORMATS if names is None else _chosen(set(names))
    for name, fmt in chosen.items():
        t0 = time.perf_counter()
        args: tuple[Any, ...] = (analyses,) if fmt.takes_analyses else ()
        paths[name] = fmt.write(ds, G, out / fmt.file, *args)
        if progress is not None:
            progress(name, time.perf_counter() - t0)
    return paths


def _chosen(names: set[str]) -> dict[str, ExportFormat]:
    unknown = names - FORMATS.keys()
    if unknown:
        raise ValueError(f"no export format {', '.join(sorted(unknown))}; "
                         f"there are {', '.join(FORMATS)}")
    return {n: fmt for n, fmt in FORMATS.items() if n in names}
