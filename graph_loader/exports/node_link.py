"""NetworkX node-link JSON, streamed one node or edge per line."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx
import orjson

from graph_loader.exports.flat import _public_graph_attrs
from graph_loader.graph import edge_items


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
        _write_lines(fh, (dump({**d, "id": n}) for n, d in G.nodes(data=True)))
        fh.write(b'\n],\n"edges": [')
        _write_lines(fh, (dump({**d, "source": u, "target": v, "key": k})
                          for u, v, k, d in edge_items(G)))
        fh.write(b"\n]}\n")
    return path


def _write_lines(fh: BinaryIO, texts: Iterable[bytes], size: int = 256) -> None:
    """Write ``texts`` each on a line after a newline, separated by commas, ``size`` at a
    time (a write per item costs more than the joins)."""
    items, sep = iter(texts), b"\n"
    while chunk := list(itertools.islice(items, size)):
        fh.write(sep + b",\n".join(chunk))
        sep = b",\n"
