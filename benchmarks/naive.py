"""A naive loader: one ``MERGE`` statement (one round trip, one transaction) per row.

This is the baseline the batched loader (:mod:`graph_loader.loader`) is measured
against. It writes the same graph through the same executor: the same constraints and
indexes (:func:`graph_loader.loader.ensure_schema`), the same labels, relationship types
and properties (:mod:`graph_loader.cypher`), but without ``UNWIND``: each node and
each relationship is its own statement with its own parameters.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

from graph_loader import cypher as cg
from graph_loader.loader import ensure_schema
from graph_loader.model import Dataset


def node_cypher(ds: Dataset, kind: str) -> str:
    """``MERGE`` one actor of ``kind`` (the per-row twin of the loader's statement)."""
    lab = cg.label(ds.schema, kind)
    others = [cg.label(ds.schema, k) for k in ds.schema.kinds if k != kind]
    remove = f" REMOVE a:{':'.join(others)}" if others else ""
    return f"MERGE (a:{cg.ACTOR} {{id: $id}}) SET a = $props, a:{lab}{remove}"


def relationship_cypher(ds: Dataset, rtype: str) -> str:
    """``MERGE`` one relationship of ``rtype`` between two existing actors."""
    t = cg.reltype(ds.schema, rtype)
    return (
        f"MATCH (s:{cg.ACTOR} {{id: $source}}) MATCH (t:{cg.ACTOR} {{id: $target}}) "
        f"MERGE (s)-[r:{t} {{id: $id}}]->(t) SET r = $props"
    )


SOURCE_CYPHER = f"MERGE (s:{cg.SOURCE} {{id: $id}}) SET s = $props"


@dataclass
class NaiveResult:
    """What a naive load measured, and the full-load time it implies."""

    nodes: int
    relationships: int
    nodes_timed: int
    relationships_timed: int
    node_seconds: float
    relationship_seconds: float
    sampled: bool
    estimated_seconds: float

    @property
    def node_rate(self) -> float:
        return self.nodes_timed / self.node_seconds if self.node_seconds else float("inf")

    @property
    def relationship_rate(self) -> float:
        return (
            self.relationships_timed / self.relationship_seconds
            if self.relationship_seconds
            else float("inf")
        )

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["nodes_per_second"] = self.node_rate
        out["rel_phase_rels_per_second"] = self.relationship_rate
        return out


def load(executor: Any, ds: Dataset, *, sample: int | None = None) -> NaiveResult:
    """Load ``ds`` one statement per row; time at most ``sample`` nodes and relationships.

    Parameters
    ----------
    executor
        An open executor (the embedded engine in the benchmarks).
    ds
        The validated dataset.
    sample
        If the dataset has more nodes (relationships) than this, only the first
        ``sample`` are merged one by one and timed; the remaining nodes are then merged
        untimed with the batched loader's statements (the relationships need their
        ends) and the remaining relationships are not loaded. The full time is
        extrapolated as ``nodes / node rate + relationships / relationship rate``.

    Returns
    -------
    NaiveResult
    """
    ensure_schema(executor)
    for s in sorted(ds.sources.values(), key=lambda s: s.id):
        props = cg.stored(cg.source_props(ds.schema, s))
        executor.write(SOURCE_CYPHER, {"id": s.id, "props": props})

    actors = sorted(ds.actors.values(), key=lambda a: a.id)
    n_nodes = len(actors) if sample is None else min(sample, len(actors))
    node_text = {k: node_cypher(ds, k) for k in ds.schema.kinds}
    t0 = time.perf_counter()
    for a in actors[:n_nodes]:
        props = cg.stored(cg.actor_props(ds.schema, a))
        executor.write(node_text[a.kind], {"id": a.id, "props": props})
    node_seconds = time.perf_counter() - t0
    if n_nodes < len(actors):  # the rest, untimed, so every relationship finds its ends
        for stmt in cg.actor_statements(ds, 5000):
            executor.write(stmt.cypher, stmt.params)

    rels = ds.relationships
    n_rels = len(rels) if sample is None else min(sample, len(rels))
    rel_text = {t: relationship_cypher(ds, t) for t in ds.schema.relationship_types}
    t0 = time.perf_counter()
    for r in rels[:n_rels]:
        executor.write(
            rel_text[r.type],
            {
                "id": r.id,
                "source": r.source,
                "target": r.target,
                "props": cg.stored(cg.relationship_props(ds.schema, r)),
            },
        )
    rel_seconds = time.perf_counter() - t0

    est = 0.0
    if actors:
        est += len(actors) * node_seconds / max(n_nodes, 1)
    if rels:
        est += len(rels) * rel_seconds / max(n_rels, 1)
    return NaiveResult(
        nodes=len(actors),
        relationships=len(rels),
        nodes_timed=n_nodes,
        relationships_timed=n_rels,
        node_seconds=node_seconds,
        relationship_seconds=rel_seconds,
        sampled=n_nodes < len(actors) or n_rels < len(rels),
        estimated_seconds=est,
    )
