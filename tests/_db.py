"""Shared by the loader tests on both engines: what the dataset put in a graph database."""

from __future__ import annotations

from typing import Any

from graph_loader import cypher as cg
from graph_loader import loader


def snapshot(ex: Any, counts: bool = True) -> dict[str, Any]:
    """Everything the dataset put in the graph, as comparable plain data.

    ``counts`` adds :func:`graph_loader.loader.counts` (whole-database counts), which a
    shared Neo4j database holding other data cannot compare.
    """
    params = {"dataset": cg.DATASET_ID}
    out: dict[str, Any] = {
        "actors": sorted(
            (r["id"], sorted(r["labels"]), sorted(r["props"].items()))
            for r in ex.read(cg.READ_ACTORS, params)
        ),
        "relationships": sorted(
            (r["id"], r["type"], r["source"], r["target"], sorted(r["props"].items()))
            for r in ex.read(cg.READ_RELATIONSHIPS, params)
        ),
        "sources": sorted(
            (r["id"], sorted(r["props"].items())) for r in ex.read(cg.READ_SOURCES, params)
        ),
    }
    if counts:
        out["counts"] = loader.counts(ex)
    return out
