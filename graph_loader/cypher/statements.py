"""The statements of a load: writes (merge, create, relabel, prune) and reads.

* Values are always parameters (``$rows``, ``$ids``...), never spliced into text.
* One statement per node kind and per relationship type, each
  ``UNWIND $rows AS row MERGE ... SET x = row.props`` over a batch of rows.
  Relationships the loader has just read are absent from the database are written
  with ``CREATE`` instead, which skips MERGE's search.
* Actors are merged on both their labels, ``MERGE (a:Actor:<Kind> {id: row.id})``; an
  actor whose kind changed is relabelled first (:func:`relabel_actors_cypher`).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph_loader.cypher.ddl import CONSTRAINTS, INDEXES
from graph_loader.cypher.rows import (
    _batches,
    _by_id,
    actor_props,
    content_hash,
    relationship_key,
    relationship_rows,
    rows_of,
    source_props,
    stored,
)
from graph_loader.cypher.vocabulary import ACTOR, DATASET, DATASET_ID, SOURCE, label, reltype
from graph_loader.model import Dataset, Relationship
from graph_loader.schema import Schema


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
    independent
        It writes only what no other statement of the load writes, and reads only what
        the statements before its run wrote (a relationship batch: its own ids, between
        actors already merged), so consecutive independent statements may run at once.
    """

    cypher: str
    params: dict[str, Any] = field(default_factory=dict)
    what: str = ""
    rows: int = 0
    independent: bool = False


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


def actor_statements(
    ds: Dataset, batch_size: int = 500, relabel: Container[str] | None = None
) -> list[Statement]:
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
    relabel : container of str, optional
        The ids of the actors the database holds with other labels, if known (the
        loader reads them). Only their batches get a relabel statement; without it
        every batch does, as a script needs. A fresh load then plans half the actor
        statements: on Neo4j each distinct statement costs a query plan.

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
        fix = relabel_actors_cypher(ds.schema, kind)
        merge = merge_actors_cypher(ds.schema, kind)
        for batch in _batches(rows, batch_size):
            if relabel is None or any(r["id"] in relabel for r in batch):
                out.append(Statement(fix, {"rows": batch}, f"actors :{kind} (kind changes)"))
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
                out.append(Statement(text, {"rows": batch}, f"relationships :{rtype}", len(batch),
                                     independent=True))
    return out


def iter_relationship_statements(ds: Dataset, batch_size: int = 500) -> Iterator[Statement]:
    """:func:`relationship_statements` (without ``absent``), one statement at a time:
    each batch's rows are made as it is yielded, so they are never all held at once."""
    by_type: dict[str, list[Relationship]] = {t: [] for t in ds.schema.relationship_types}
    for r in sorted(ds.relationships, key=_by_id):
        rels = by_type.get(r.type)
        if rels is not None:  # types outside the schema are not written
            rels.append(r)
    for rtype, rels in by_type.items():
        text = merge_relationships_cypher(ds.schema, rtype) if rels else ""
        for some in _batches(rels, batch_size):
            batch = [row for _, row in rows_of(ds.schema, some)]
            yield Statement(text, {"rows": batch}, f"relationships :{rtype}", len(batch),
                            independent=True)


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
#: Every actor's id and labels, the dataset's or not: a node of another kind under a
#: data id would make the two-label ``MERGE`` fail on the id's uniqueness constraint.
READ_ACTOR_LABELS = f"MATCH (a:{ACTOR}) RETURN a.id AS id, labels(a) AS labels"
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


def all_write_statements(
    ds: Dataset,
    batch_size: int = 500,
    *,
    loaded_at: str = "1970-01-01T00:00:00Z",
    version: str = "0",
) -> list[Statement]:
    """Every write statement of a load with pruning, in order (for linting, tests, scripts).

    Parameters
    ----------
    ds : Dataset
        The validated dataset.
    batch_size : int, optional
        Rows per statement.
    loaded_at, version : str, optional
        What the last statement (:func:`dataset_statement`) records.

    Returns
    -------
    list of Statement
        The relationship rows (:func:`relationship_rows`) are built once, for their
        statements and the content hash.
    """
    rel_rows = relationship_rows(ds)
    digest = content_hash(ds, rel_rows)
    return list(_in_load_order(ds, batch_size,
                               relationship_statements(ds, batch_size, rel_rows=rel_rows),
                               lambda: digest, loaded_at=loaded_at, version=version))


def iter_write_statements(
    ds: Dataset,
    batch_size: int = 500,
    *,
    loaded_at: str = "1970-01-01T00:00:00Z",
    version: str = "0",
) -> Iterator[Statement]:
    """:func:`all_write_statements`, one statement at a time (for a script file).

    The relationship rows are made a batch at a time
    (:func:`iter_relationship_statements`), and again, a chunk at a time, for the
    content hash: at 1M relationships about 0.7 GB less than holding them, for a pass
    more over the relationships.
    """
    return _in_load_order(ds, batch_size, iter_relationship_statements(ds, batch_size),
                          lambda: content_hash(ds), loaded_at=loaded_at, version=version)


def _in_load_order(
    ds: Dataset,
    batch_size: int,
    relationships: Iterable[Statement],
    digest: Callable[[], str],
    *,
    loaded_at: str,
    version: str,
) -> Iterator[Statement]:
    """The statements of a load with pruning, in their order, around the relationships'
    (the content hash, ``digest()``, asked for only once they have been yielded)."""
    yield from source_statements(ds, batch_size)
    yield from actor_statements(ds, batch_size)
    yield stale_relationships_statement(ds)
    yield from relationships
    yield from prune_statements(ds)
    yield dataset_statement(ds, loaded_at=loaded_at, version=version, digest=digest())


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
