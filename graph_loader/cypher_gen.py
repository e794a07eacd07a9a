"""The one generator of Cypher for both engines (Neo4j and the embedded FalkorDB).

Every statement the loader runs comes from here, as text plus parameters; the
executors in :mod:`graph_loader.engines` only differ in how they send it.

Rules kept here:

* Values are always parameters (``$rows``, ``$ids``...), never spliced into text.
* Labels and relationship types are static in the text (Cypher cannot take them
  as parameters), so they come only from the schema's vocabulary and are
  checked against a strict pattern again at generation time (defence in depth).
* One statement per node kind and per relationship type, each
  ``UNWIND $rows AS row MERGE ... SET x = row.props`` over a batch of rows
  (``props`` without nulls, which ``SET`` would not store anyway). Relationships
  the loader has just read are absent from the database are written with
  ``CREATE`` instead, which skips MERGE's search.
* Actors are merged on both their labels, ``MERGE (a:Actor:<Kind> {id: row.id})``:
  adding a label to an existing node (``SET a:<Kind>``) costs FalkorDB more the larger
  the graph, while a two-label MERGE stays as fast as a one-label one. An actor whose
  kind changed since the last load is relabelled first by a statement that only
  touches such nodes (:func:`relabel_actors_cypher`).

The graph model
---------------
* every actor is ``(:Actor:<Kind> {id, name, kind, aliases, iso3, description, dataset})``;
* every relationship ``(:Actor)-[:<TYPE> {id, start, end, start_year, end_year,
  evidence, section, source_ref, cites, cites_ref, certainty, note, symmetric, polarity,
  dataset}]->(:Actor)``;
  ``cites_ref`` is the ``sources.csv`` id of the cited work (:func:`graph_loader.model.cite_key`);
  symmetric types are stored once, as given, with ``symmetric: true``;
* every work in ``sources.csv`` is ``(:Source {id, citation, kind, year, url, dataset})``
  (relationships point at it through their ``source_ref`` property);
* one ``(:Dataset {id, loaded_at, version, n_actors, n_relationships, n_sources,
  content_hash})`` node records the last complete load.

An empty CSV field (unknown date, no note...) becomes an absent property (``null``),
never ``""``. Dates are kept as given (``"1992"``, ``"1994-05"``, ``"1994-05-12"``) and
their years are added as integers (``start_year``, ``end_year``) for range queries.

Run ``python -m graph_loader.cypher_gen --write-load-csv`` to regenerate
``cypher/load_csv.cypher`` and ``--write-schema`` for ``cypher/schema.cypher``.
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from graph_loader.model import Actor, Dataset, Projection, Relationship, Source, fields
from graph_loader.schema import Field, RelType, Schema

#: The value of the ``dataset`` property on everything the loader writes, and the
#: id of the ``(:Dataset)`` node.
DATASET_ID = "karabakh-actor-graph"

_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_RELTYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

#: Labels the loader uses besides the schema's kinds.
ACTOR = "Actor"
SOURCE = "Source"
DATASET = "Dataset"
META_LABELS = (ACTOR, SOURCE, DATASET)

REPO_CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"


class CypherGenError(ValueError):
    """A label or relationship type outside the schema's vocabulary was requested."""


# --------------------------------------------------------------------------- vocabulary


def label(schema: Schema, name: str) -> str:
    """Return ``name`` as a node label after checking it is a schema kind.

    Parameters
    ----------
    schema
        The dataset schema.
    name
        A kind name from the schema, or one of :data:`META_LABELS`.

    Raises
    ------
    CypherGenError
        If ``name`` is not in the vocabulary or does not look like a label.
    """
    if name not in schema.kinds and name not in META_LABELS:
        raise CypherGenError(f"{name!r} is not a node kind of the schema")
    if not _LABEL.match(name):
        raise CypherGenError(f"{name!r} is not a safe label")
    return name


def reltype(schema: Schema, name: str) -> str:
    """Return ``name`` as a relationship type after checking it is in the schema.

    Raises
    ------
    CypherGenError
        If ``name`` is not in the vocabulary or does not look like a type.
    """
    if name not in schema.relationship_types:
        raise CypherGenError(f"{name!r} is not a relationship type of the schema")
    if not _RELTYPE.match(name):
        raise CypherGenError(f"{name!r} is not a safe relationship type")
    return name


# --------------------------------------------------------------------------- statements


@dataclass(frozen=True)
class Statement:
    """One Cypher statement and its parameters.

    Attributes
    ----------
    cypher
        The statement text (static; values only through parameters).
    params
        The parameters.
    what
        A short description for progress output, e.g. ``"actors :State"``.
    rows
        How many data rows the statement merges (0 for non-batched statements, and for
        the kind-change statements, which run on the rows of the merge that follows).
    """

    cypher: str
    params: dict[str, Any] = field(default_factory=dict)
    what: str = ""
    rows: int = 0


@dataclass(frozen=True)
class UniqueConstraint:
    """A uniqueness constraint on ``(:label {property})``, expressed for each engine."""

    name: str
    label: str
    property: str = "id"

    def neo4j(self) -> str:
        """The Neo4j 5 statement (idempotent)."""
        var = self.label[0].lower()
        return (
            f"CREATE CONSTRAINT {self.name} IF NOT EXISTS "
            f"FOR ({var}:{self.label}) REQUIRE {var}.{self.property} IS UNIQUE"
        )

    def falkordb_index(self) -> str:
        """The FalkorDB range index the constraint needs (Cypher, not idempotent)."""
        return Index(self.name, self.label, self.property).falkordb()

    def falkordb_command(self, graph: str) -> tuple[str | int, ...]:
        """The FalkorDB ``GRAPH.CONSTRAINT CREATE`` command (not Cypher)."""
        return (
            "GRAPH.CONSTRAINT", "CREATE", graph, "UNIQUE", "NODE",
            self.label, "PROPERTIES", 1, self.property,
        )


@dataclass(frozen=True)
class Index:
    """A range index on ``(:label {property})``."""

    name: str
    label: str
    property: str

    def neo4j(self) -> str:
        """The Neo4j 5 statement (idempotent)."""
        var = self.label[0].lower()
        return (
            f"CREATE INDEX {self.name} IF NOT EXISTS FOR ({var}:{self.label}) "
            f"ON ({var}.{self.property})"
        )

    def falkordb(self) -> str:
        """The FalkorDB statement (fails if the index exists; the executor checks first)."""
        var = self.label[0].lower()
        return f"CREATE INDEX FOR ({var}:{self.label}) ON ({var}.{self.property})"


CONSTRAINTS: tuple[UniqueConstraint, ...] = (
    UniqueConstraint("actor_id", ACTOR),
    UniqueConstraint("source_id", SOURCE),
    UniqueConstraint("dataset_id", DATASET),
)
INDEXES: tuple[Index, ...] = (Index("actor_name", ACTOR, "name"),)


def schema_cypher() -> str:
    """The text of ``cypher/schema.cypher``: constraints and indexes in Neo4j syntax."""
    lines = [
        "// Constraints and indexes of the Karabakh actor graph (Neo4j 5 syntax).",
        "// Generated by `python -m graph_loader.cypher_gen --write-schema`; do not edit.",
        "// Run it before load_csv.cypher. `graph-loader load` creates the same itself.",
        "",
    ]
    lines += [c.neo4j() + ";" for c in CONSTRAINTS]
    lines += [i.neo4j() + ";" for i in INDEXES]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- rows


#: Fields that are the graph's shape rather than properties: the ends and the type.
_SHAPE_ROLES = ("end", "type")
_PROJECTIONS: dict[str, tuple[Schema, Projection]] = {}


def stored_fields(schema: Schema, record: str) -> tuple[Field, ...]:
    """The fields of ``record`` stored as properties (all but a relationship's ends and type)."""
    return tuple(f for f in fields(schema, record) if f.role not in _SHAPE_ROLES)


def _props(schema: Schema, record: str, item: Any) -> dict[str, Any]:
    hit = _PROJECTIONS.get(record)
    if hit is None or hit[0] is not schema:  # one projection per schema, not per row
        hit = _PROJECTIONS[record] = (
            schema, Projection(schema, stored_fields(schema, record), empty=None)
        )
    props = hit[1](item)
    props["dataset"] = DATASET_ID
    return props


def actor_props(schema: Schema, actor: Actor) -> dict[str, Any]:
    """The properties of an actor node, as stored (an empty field is ``None``)."""
    return _props(schema, "actor", actor)


def relationship_props(schema: Schema, rel: Relationship) -> dict[str, Any]:
    """The properties of a relationship, as stored (an empty field is ``None``)."""
    return _props(schema, "relationship", rel)


def source_props(schema: Schema, source: Source) -> dict[str, Any]:
    """The properties of a source node, as stored (an empty field is ``None``)."""
    return _props(schema, "source", source)


def stored(props: dict[str, Any]) -> dict[str, Any]:
    """``props`` without ``None`` values: what a database returns after ``SET x = props``.

    The loader sends rows in this form: ``SET x = props`` stores no nulls anyway,
    and not sending them makes each batch about a fifth smaller.
    """
    return {k: v for k, v in props.items() if v is not None}


def relationship_key(rel_id: str, source: str, rtype: str, target: str) -> str:
    """``id|source|TYPE|target``: a relationship with its ends (see ``STALE_RELATIONSHIPS``)."""
    return f"{rel_id}|{source}|{rtype}|{target}"


def relationship_rows(ds: Dataset) -> list[tuple[str, dict[str, Any]]]:
    """``(type, row)`` for every relationship, sorted by id.

    ``row`` is ``{"id", "source", "target", "props"}`` (``props`` from
    :func:`relationship_props`): the rows of :func:`relationship_statements`. Building
    them once and passing them to both :func:`content_hash` and
    :func:`relationship_statements` saves making every ``props`` dict twice.
    """
    schema = ds.schema
    return [
        (
            r.type,
            {
                "id": r.id,
                "source": r.source,
                "target": r.target,
                "props": stored(relationship_props(schema, r)),
            },
        )
        for r in sorted(ds.relationships, key=lambda r: r.id)
    ]


def content_hash(
    ds: Dataset, rel_rows: Sequence[tuple[str, dict[str, Any]]] | None = None
) -> str:
    """SHA-256 of everything the loader writes for ``ds`` (order-independent).

    The document hashed is compact JSON with sorted keys (written by ``orjson``,
    about four times faster than the standard library at 1M relationships).

    Parameters
    ----------
    ds : Dataset
        The validated dataset.
    rel_rows : sequence of (str, dict), optional
        :func:`relationship_rows` of ``ds``, if already built (then not rebuilt).

    Returns
    -------
    str
        The hexadecimal digest.
    """
    rels: Iterable[list[Any]]
    if rel_rows is None:
        rels = (
            [r.source, r.type, r.target, stored(relationship_props(ds.schema, r))]
            for r in ds.relationships
        )
    else:  # already sorted by id: the stable sort below leaves it as it is
        rels = ([row["source"], rtype, row["target"], row["props"]] for rtype, row in rel_rows)
    doc = {
        "actors": sorted(
            ([a.kind, actor_props(ds.schema, a)] for a in ds.actors.values()),
            key=lambda x: x[1]["id"],
        ),
        "relationships": sorted(rels, key=lambda x: x[3]["id"]),
        "sources": sorted(
            (source_props(ds.schema, s) for s in ds.sources.values()), key=lambda x: x["id"]
        ),
    }
    return hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    if size < 1:
        raise ValueError("batch size must be at least 1")
    for i in range(0, len(rows), size):
        yield list(rows[i : i + size])


# --------------------------------------------------------------------------- writes


def _kind_change(schema: Schema, kind: str) -> tuple[str, str, str]:
    """``(condition, label, others)`` for relabelling actor ``a`` to ``kind``.

    ``condition`` (``NOT a:<Kind> OR a:<Other> OR ...``) is true only for a node whose
    kind labels are not exactly ``kind``: its kind changed, or it was left with no or
    several kind labels. ``others`` is the other kind labels joined with ``:``, for
    ``REMOVE a:<others>`` (empty if the schema has one kind). All checked labels.
    """
    lab = label(schema, kind)
    others = [label(schema, k) for k in schema.kinds if k != kind]
    condition = " OR ".join([f"NOT a:{lab}"] + [f"a:{o}" for o in others])
    return condition, lab, ":".join(others)


def relabel_actors_cypher(schema: Schema, kind: str) -> str:
    """Give an existing actor of the batch exactly the kind label ``kind``.

    ``UNWIND $rows AS row MATCH (a:Actor {id: row.id}) WHERE NOT a:<Kind> OR a:<Other>
    ... SET a = row.props, a:<Kind> REMOVE a:<Others>``. Run before
    :func:`merge_actors_cypher` on the same rows: it matches only actors whose kind
    changed in the data (through the ``Actor.id`` index, so it costs little when nothing
    matches), which the two-label ``MERGE`` would otherwise not find and try to create
    again (refused by the uniqueness constraint on ``Actor.id``). It also sets the
    properties, so the node is already up to date if the load stops between the two.

    Parameters
    ----------
    schema : Schema
        The dataset schema.
    kind : str
        A node kind of the schema.

    Returns
    -------
    str
        The statement text (parameter ``$rows``, as for :func:`merge_actors_cypher`).

    Raises
    ------
    CypherGenError
        If ``kind`` or another kind of the schema is not a safe label of the vocabulary.
    """
    condition, lab, others = _kind_change(schema, kind)
    remove = f" REMOVE a:{others}" if others else ""
    return (
        f"UNWIND $rows AS row MATCH (a:{ACTOR} {{id: row.id}}) WHERE {condition} "
        f"SET a = row.props, a:{lab}{remove}"
    )


def merge_actors_cypher(schema: Schema, kind: str) -> str:
    """``UNWIND $rows ... MERGE`` for actors of one kind (labels static, from the schema).

    ``UNWIND $rows AS row MERGE (a:Actor:<Kind> {id: row.id}) SET a = row.props``: both
    labels are in the pattern, so no label is ever added to an existing node here. An
    actor whose kind changed must have been relabelled first
    (:func:`relabel_actors_cypher`, which :func:`actor_statements` puts before each merge).

    Parameters
    ----------
    schema : Schema
        The dataset schema.
    kind : str
        A node kind of the schema.

    Returns
    -------
    str
        The statement text (parameter ``$rows``: ``{"id", "props"}`` per actor).

    Raises
    ------
    CypherGenError
        If ``kind`` is not a safe label of the schema's vocabulary.
    """
    lab = label(schema, kind)
    return f"UNWIND $rows AS row MERGE (a:{ACTOR}:{lab} {{id: row.id}}) SET a = row.props"


def merge_relationships_cypher(schema: Schema, rtype: str) -> str:
    """``UNWIND $rows ... MERGE`` for relationships of one type (type static, from the schema)."""
    t = reltype(schema, rtype)
    return (
        f"UNWIND $rows AS row "
        f"MATCH (s:{ACTOR} {{id: row.source}}) MATCH (t:{ACTOR} {{id: row.target}}) "
        f"MERGE (s)-[r:{t} {{id: row.id}}]->(t) SET r = row.props"
    )


def create_relationships_cypher(schema: Schema, rtype: str) -> str:
    """``UNWIND $rows ... CREATE`` for relationships of one type that the database lacks.

    The loader uses it only for ids it has just read are absent (see
    :func:`graph_loader.loader.prepare`): creating skips MERGE's search of the
    existing relationships between the two ends.
    """
    t = reltype(schema, rtype)
    return (
        f"UNWIND $rows AS row "
        f"MATCH (s:{ACTOR} {{id: row.source}}) MATCH (t:{ACTOR} {{id: row.target}}) "
        f"CREATE (s)-[r:{t}]->(t) SET r = row.props"
    )


MERGE_SOURCES = f"UNWIND $rows AS row MERGE (s:{SOURCE} {{id: row.id}}) SET s = row.props"
MERGE_DATASET = f"MERGE (d:{DATASET} {{id: $id}}) SET d = $props"

#: Relationships whose id is in the data but whose ends or type changed: deleted
#: before the merge so that the MERGE re-creates them in the right place.
STALE_RELATIONSHIPS = (
    f"MATCH (s:{ACTOR})-[r]->(t:{ACTOR}) "
    "WHERE r.dataset = $dataset AND r.id IN $ids "
    "AND NOT (r.id + '|' + s.id + '|' + type(r) + '|' + t.id) IN $keys "
    "DELETE r"
)
#: Relationships of the dataset by id (the loader's stale ones: moved or duplicated).
DELETE_RELATIONSHIPS = (
    f"MATCH (:{ACTOR})-[r]->(:{ACTOR}) WHERE r.dataset = $dataset AND r.id IN $ids DELETE r"
)
PRUNE_RELATIONSHIPS = (
    "MATCH ()-[r]->() WHERE r.dataset = $dataset AND NOT r.id IN $ids DELETE r"
)
PRUNE_ACTORS = (
    f"MATCH (a:{ACTOR}) WHERE a.dataset = $dataset AND NOT a.id IN $ids DETACH DELETE a"
)
PRUNE_SOURCES = (
    f"MATCH (s:{SOURCE}) WHERE s.dataset = $dataset AND NOT s.id IN $ids DETACH DELETE s"
)


def actor_statements(ds: Dataset, batch_size: int = 500) -> list[Statement]:
    """Two statements per kind and batch, kinds in schema order, actors by id.

    For each batch, :func:`relabel_actors_cypher` (fixes the labels of actors whose
    kind changed; its ``rows`` count is 0) and then :func:`merge_actors_cypher`, with
    the same rows. The actors are sorted once and split by kind in one pass
    (O(n log n), not once per kind).

    Parameters
    ----------
    ds : Dataset
        The validated dataset.
    batch_size : int, optional
        Rows per statement.

    Returns
    -------
    list of Statement
        The kind-change and merge statements of every batch, in order.
    """
    by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in ds.schema.kinds}
    for a in sorted(ds.actors.values(), key=lambda a: a.id):
        rows = by_kind.get(a.kind)
        if rows is not None:  # kinds outside the schema are not written
            rows.append({"id": a.id, "props": stored(actor_props(ds.schema, a))})
    out: list[Statement] = []
    for kind, rows in by_kind.items():
        relabel = relabel_actors_cypher(ds.schema, kind)
        merge = merge_actors_cypher(ds.schema, kind)
        for batch in _batches(rows, batch_size):
            out.append(Statement(relabel, {"rows": batch}, f"actors :{kind} (kind changes)"))
            out.append(Statement(merge, {"rows": batch}, f"actors :{kind}", len(batch)))
    return out


def relationship_statements(
    ds: Dataset,
    batch_size: int = 500,
    rel_rows: Sequence[tuple[str, dict[str, Any]]] | None = None,
    absent: Container[str] | None = None,
) -> list[Statement]:
    """One statement per relationship type and batch, types in schema order, rows by id.

    Without ``absent`` every statement is a ``MERGE`` (idempotent on its own, for
    scripts). With ``absent``, the ids known to be missing from the database are
    written with :func:`create_relationships_cypher` instead, in statements of their own.

    Parameters
    ----------
    ds : Dataset
        The validated dataset.
    batch_size : int, optional
        Rows per statement.
    rel_rows : sequence of (str, dict), optional
        :func:`relationship_rows` of ``ds``, if already built (e.g. for
        :func:`content_hash`); the statements then share its row dicts.
    absent : container of str, optional
        Relationship ids the database does not hold.

    Returns
    -------
    list of Statement
        The relationships are sorted once and split by type in one pass.
    """
    if rel_rows is None:
        rel_rows = relationship_rows(ds)
    types = ds.schema.relationship_types
    merge: dict[str, list[dict[str, Any]]] = {t: [] for t in types}
    create: dict[str, list[dict[str, Any]]] = {t: [] for t in types}
    for rtype, row in rel_rows:
        if rtype not in types:  # types outside the schema are not written
            continue
        (create if absent is not None and row["id"] in absent else merge)[rtype].append(row)
    out: list[Statement] = []
    for rtype in types:
        for rows, cypher in (
            (create[rtype], create_relationships_cypher),
            (merge[rtype], merge_relationships_cypher),
        ):
            text = cypher(ds.schema, rtype) if rows else ""
            for batch in _batches(rows, batch_size):
                out.append(Statement(text, {"rows": batch}, f"relationships :{rtype}", len(batch)))
    return out


def source_statements(ds: Dataset, batch_size: int = 500) -> list[Statement]:
    """Batches of ``(:Source)`` merges."""
    rows = [
        {"id": s.id, "props": stored(source_props(ds.schema, s))}
        for s in sorted(ds.sources.values(), key=lambda s: s.id)
    ]
    return [
        Statement(MERGE_SOURCES, {"rows": b}, "sources", len(b)) for b in _batches(rows, batch_size)
    ]


def delete_relationships_statement(ids: Iterable[str]) -> Statement:
    """Delete the dataset's relationships with these ids (wherever they are)."""
    return Statement(
        DELETE_RELATIONSHIPS,
        {"dataset": DATASET_ID, "ids": sorted(set(ids))},
        "moved relationships",
    )


def stale_relationships_statement(ds: Dataset) -> Statement:
    """Delete relationships whose id is in the data with other ends or another type."""
    return Statement(
        STALE_RELATIONSHIPS,
        {
            "dataset": DATASET_ID,
            "ids": sorted(r.id for r in ds.relationships),
            "keys": sorted(relationship_key(r.id, r.source, r.type, r.target)
                           for r in ds.relationships),
        },
        "moved relationships",
    )


def prune_statements(ds: Dataset) -> list[Statement]:
    """Delete what the dataset no longer contains (relationships, then actors and sources)."""
    return [
        Statement(
            PRUNE_RELATIONSHIPS,
            {"dataset": DATASET_ID, "ids": sorted(r.id for r in ds.relationships)},
            "prune relationships",
        ),
        Statement(
            PRUNE_ACTORS, {"dataset": DATASET_ID, "ids": sorted(ds.actors)}, "prune actors"
        ),
        Statement(
            PRUNE_SOURCES, {"dataset": DATASET_ID, "ids": sorted(ds.sources)}, "prune sources"
        ),
    ]


def dataset_statement(
    ds: Dataset, *, loaded_at: str, version: str, digest: str | None = None
) -> Statement:
    """Merge the ``(:Dataset)`` node that records a complete load."""
    props = {
        "id": DATASET_ID,
        "loaded_at": loaded_at,
        "version": version,
        "n_actors": len(ds.actors),
        "n_relationships": len(ds.relationships),
        "n_sources": len(ds.sources),
        "content_hash": digest or content_hash(ds),
    }
    return Statement(MERGE_DATASET, {"id": DATASET_ID, "props": props}, "dataset")


# --------------------------------------------------------------------------- reads

READ_ACTORS = (
    f"MATCH (a:{ACTOR}) WHERE a.dataset = $dataset "
    "RETURN a.id AS id, labels(a) AS labels, properties(a) AS props"
)
READ_RELATIONSHIPS = (
    f"MATCH (s:{ACTOR})-[r]->(t:{ACTOR}) WHERE r.dataset = $dataset "
    "RETURN r.id AS id, type(r) AS type, s.id AS source, t.id AS target, properties(r) AS props"
)
#: Each relationship's id and ``id|source|TYPE|target`` key (:func:`relationship_key`),
#: built by the server: two columns instead of four halve the client's parsing.
READ_RELATIONSHIP_ENDS = (
    f"MATCH (s:{ACTOR})-[r]->(t:{ACTOR}) WHERE r.dataset = $dataset "
    "RETURN r.id AS id, r.id + '|' + s.id + '|' + type(r) + '|' + t.id AS key"
)
READ_SOURCES = (
    f"MATCH (s:{SOURCE}) WHERE s.dataset = $dataset RETURN s.id AS id, properties(s) AS props"
)
READ_DATASET = f"MATCH (d:{DATASET} {{id: $id}}) RETURN properties(d) AS props"
COUNT_NODES = "MATCH (n) RETURN count(n) AS n"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS n"
COUNT_BY_LABEL = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
COUNT_BY_TYPE = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"


def all_write_statements(ds: Dataset, batch_size: int = 500) -> list[Statement]:
    """Every write statement of a load with pruning, in order (for linting and tests)."""
    return (
        source_statements(ds, batch_size)
        + actor_statements(ds, batch_size)
        + [stale_relationships_statement(ds)]
        + relationship_statements(ds, batch_size)
        + prune_statements(ds)
        + [dataset_statement(ds, loaded_at="1970-01-01T00:00:00Z", version="0")]
    )


def all_cypher_texts(schema: Schema) -> list[tuple[str, str]]:
    """``(name, text)`` of every distinct Cypher text the loader can run, for linting.

    Includes one merge per kind and relationship type, even if the data has no rows of it.
    """
    out: list[tuple[str, str]] = []
    out += [(f"constraint {c.name}", c.neo4j()) for c in CONSTRAINTS]
    out += [(f"index {i.name}", i.neo4j()) for i in INDEXES]
    out += [(f"falkordb index {c.name}", c.falkordb_index()) for c in CONSTRAINTS]
    out += [(f"falkordb index {i.name}", i.falkordb()) for i in INDEXES]
    out += [(f"relabel :{k}", relabel_actors_cypher(schema, k)) for k in schema.kinds]
    out += [(f"merge :{k}", merge_actors_cypher(schema, k)) for k in schema.kinds]
    out += [(f"merge :{t}", merge_relationships_cypher(schema, t))
            for t in schema.relationship_types]
    out += [(f"create :{t}", create_relationships_cypher(schema, t))
            for t in schema.relationship_types]
    named = {
        "merge sources": MERGE_SOURCES,
        "merge dataset": MERGE_DATASET,
        "stale relationships": STALE_RELATIONSHIPS,
        "delete relationships": DELETE_RELATIONSHIPS,
        "read relationship ends": READ_RELATIONSHIP_ENDS,
        "prune relationships": PRUNE_RELATIONSHIPS,
        "prune actors": PRUNE_ACTORS,
        "prune sources": PRUNE_SOURCES,
        "read actors": READ_ACTORS,
        "read relationships": READ_RELATIONSHIPS,
        "read sources": READ_SOURCES,
        "read dataset": READ_DATASET,
        "count nodes": COUNT_NODES,
        "count relationships": COUNT_RELATIONSHIPS,
        "count by label": COUNT_BY_LABEL,
        "count by type": COUNT_BY_TYPE,
    }
    out += list(named.items())
    return out


# --------------------------------------------------------------------------- LOAD CSV


def _csv_opt(expr: str) -> str:
    """A LOAD CSV field with empty strings turned into ``null``."""
    return f"CASE WHEN {expr} = '' THEN null ELSE {expr} END"


def _csv_empty_null(column: str, expr: str) -> str:
    """``expr`` of a LOAD CSV column, ``null`` where the column is empty or missing."""
    return f"CASE WHEN coalesce({column}, '') = '' THEN null ELSE {expr} END"


_CSV_CONVERT = {"int": "toInteger", "float": "toFloat", "bool": "toBoolean"}


def _csv_value(f: Field, rt: RelType | None) -> str:
    """The LOAD CSV expression of field ``f`` (``rt``: the row's type, for schema fields)."""
    column = f"row.{f.name}"
    if f.origin == "schema":
        value = getattr(rt, f.name)
        return ("true" if value else "false") if isinstance(value, bool) else str(value)
    if f.type == "year":
        base = f"row.{f.of}"
        return _csv_empty_null(base, f"toInteger(left({base}, 4))")
    if f.type == "slug":
        # cite_key() without regular expressions: enough for "Name 1994" and "OSCE n.d.";
        # the LOAD CSV test checks it agrees with the Python loader on the shipped data.
        base = f"row.{f.of}"
        return _csv_empty_null(
            base, f"toLower(replace(trim(replace(replace({base}, '.', ' '), ',', ' ')), ' ', '-'))"
        )
    if f.type == "list":
        items = f"[x IN split({column}, ';') | trim(x)]"
        return f"CASE WHEN coalesce({column}, '') = '' THEN [] ELSE {items} END"
    convert = _CSV_CONVERT.get(f.type)
    if convert:
        expr = f"{convert}({column})"
        return expr if f.required else _csv_empty_null(column, expr)
    return column if f.required else _csv_opt(column)


def _csv_map(schema: Schema, record: str, rt: RelType | None = None) -> str:
    """The property map a LOAD CSV row sets: the stored fields and ``dataset``."""
    items = [f"{f.name}: {_csv_value(f, rt)}" for f in stored_fields(schema, record)]
    return "{" + ", ".join([*items, f"dataset: '{DATASET_ID}'"]) + "}"


def load_csv_cypher(schema: Schema) -> str:
    """The text of ``cypher/load_csv.cypher``: the same graph with LOAD CSV, no Python.

    One statement per kind and per relationship type, because labels and types
    cannot be dynamic. Reads ``file:///actors.csv`` etc. from Neo4j's import
    directory (the compose file mounts ``data/`` there). The properties are the
    stored fields (:func:`stored_fields`), as the Python loader writes them.
    """
    ds = f"'{DATASET_ID}'"
    out = [
        "// Build the Karabakh actor graph from data/*.csv with LOAD CSV (no Python needed).",
        "// Generated from data/schema.yaml by",
        "//   python -m graph_loader.cypher_gen --write-load-csv",
        "// do not edit by hand; tests check this file equals the generated text.",
        "// Neo4j reads file:///x.csv from its import directory; docker-compose.yml",
        "// mounts ./data there. Run cypher/schema.cypher first. The graph is the same",
        "// as `graph-loader load` builds, except the (:Dataset) node has no content_hash.",
        "",
        "// Sources",
        "LOAD CSV WITH HEADERS FROM 'file:///sources.csv' AS row",
        f"MERGE (s:{SOURCE} {{id: row.id}})",
        f"SET s = {_csv_map(schema, 'source')};",
        "",
    ]
    for kind in schema.kinds:
        condition, lab, others = _kind_change(schema, kind)
        read = [
            "LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row",
            f"WITH row WHERE row.kind = '{lab}'",
        ]
        out += [
            f"// Actors :{lab}: first those whose kind changed, then the merge on both labels",
            *read,
            f"MATCH (a:{ACTOR} {{id: row.id}}) WHERE {condition}",
            f"SET a:{lab}" + (f"\nREMOVE a:{others};" if others else ";"),
            *read,
            f"MERGE (a:{ACTOR}:{lab} {{id: row.id}})",
            f"SET a = {_csv_map(schema, 'actor')};",
            "",
        ]
    for rtype, rt in schema.relationship_types.items():
        t = reltype(schema, rtype)
        out += [
            f"// Relationships :{t}",
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
            f"WITH row WHERE row.type = '{t}'",
            f"MATCH (s:{ACTOR} {{id: row.source}})",
            f"MATCH (t:{ACTOR} {{id: row.target}})",
            f"MERGE (s)-[r:{t} {{id: row.id}}]->(t)",
            f"SET r = {_csv_map(schema, 'relationship', rt)};",
            "",
        ]
    out += [
        "// The (:Dataset) node",
        f"MATCH (a:{ACTOR}) WHERE a.dataset = {ds}",
        "WITH count(a) AS n_actors",
        f"OPTIONAL MATCH ()-[r]->() WHERE r.dataset = {ds}",
        "WITH n_actors, count(r) AS n_relationships",
        f"OPTIONAL MATCH (s:{SOURCE}) WHERE s.dataset = {ds}",
        "WITH n_actors, n_relationships, count(s) AS n_sources",
        f"MERGE (d:{DATASET} {{id: {ds}}})",
        "SET d = {id: " + ds + ", loaded_at: toString(datetime()), version: 'load_csv.cypher', "
        "n_actors: n_actors, n_relationships: n_relationships, n_sources: n_sources};",
    ]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- Browser style


def style_grass(schema: Schema) -> str:
    """A Neo4j Browser style sheet (``.grass``) with the schema's kind colours."""

    def darker(color: str) -> str:
        r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
        return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))

    def text_color(color: str) -> str:
        r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
        return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"

    out = [
        "/* Neo4j Browser style for the Karabakh actor graph, generated from data/schema.yaml",
        "   by `python -m graph_loader.cypher_gen --write-style`. Drag it into Browser or run",
        "   :style and paste it. */",
        "node {",
        "  diameter: 50px;",
        "  color: #a5abb6;",
        "  border-color: #9aa1ac;",
        "  border-width: 2px;",
        "  text-color-internal: #ffffff;",
        "  font-size: 10px;",
        "  caption: '{name}';",
        "}",
        "relationship {",
        "  color: #a5abb6;",
        "  shaft-width: 1px;",
        "  font-size: 8px;",
        "  padding: 3px;",
        "  text-color-external: #000000;",
        "  text-color-internal: #ffffff;",
        "  caption: '<type>';",
        "}",
    ]
    for kind in schema.kinds.values():
        lab = label(schema, kind.name)
        out += [
            f"node.{lab} {{",
            f"  color: {kind.color};",
            f"  border-color: {darker(kind.color)};",
            f"  text-color-internal: {text_color(kind.color)};",
            "  caption: '{name}';",
            "}",
        ]
    out += [
        f"node.{SOURCE} {{",
        "  color: #ffffff;",
        "  border-color: #555555;",
        "  text-color-internal: #000000;",
        "  caption: '{id}';",
        "}",
    ]
    for rt in schema.relationship_types.values():
        t = reltype(schema, rt.name)
        out += [f"relationship.{t} {{", f"  color: {rt.color};", "  caption: '<type>';", "}"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- CLI


def _main(argv: Iterable[str] | None = None) -> int:
    from graph_loader import default_data_dir
    from graph_loader.schema import load_schema

    p = argparse.ArgumentParser(
        prog="python -m graph_loader.cypher_gen",
        description="Write the generated Cypher files under cypher/ (or print them).",
    )
    p.add_argument("--schema", type=Path, default=None, help="schema.yaml (default: data/)")
    p.add_argument("--cypher-dir", type=Path, default=REPO_CYPHER_DIR)
    p.add_argument("--write-load-csv", action="store_true", help="write load_csv.cypher")
    p.add_argument("--write-schema", action="store_true", help="write schema.cypher")
    p.add_argument("--write-style", action="store_true", help="write style.grass")
    p.add_argument("--all", action="store_true", help="write all three")
    args = p.parse_args(list(argv) if argv is not None else None)
    schema = load_schema(args.schema or default_data_dir() / "schema.yaml")
    files = {
        "load_csv.cypher": (args.write_load_csv or args.all, load_csv_cypher(schema)),
        "schema.cypher": (args.write_schema or args.all, schema_cypher()),
        "style.grass": (args.write_style or args.all, style_grass(schema)),
    }
    wrote = False
    for name, (wanted, text) in files.items():
        if wanted:
            path = args.cypher_dir / name
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
            wrote = True
    if not wrote:
        print(load_csv_cypher(schema), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
