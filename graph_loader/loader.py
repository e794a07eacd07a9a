"""Load a validated :class:`~graph_loader.model.Dataset` into Neo4j or the embedded engine.

A load is prepared (:func:`prepare`), then executed (:func:`execute`); :func:`load`
does both. The order of a load:

1. uniqueness constraints and indexes (idempotent);
2. one read of the ids and ends of the dataset's relationships in the database;
3. ``(:Source)`` nodes, then actors (per kind and batch, a statement that relabels
   actors whose kind changed, then the ``MERGE`` on ``:Actor:<Kind>``), then the
   deletion of relationships whose id moved to other ends (or is duplicated), then
   relationships (per type and batch): ``CREATE`` for the ids the read did not find,
   ``MERGE`` for the others, each batch ``UNWIND ...`` in its own transaction;
4. with ``prune``: relationships, actors and sources of the dataset (property
   ``dataset``) whose ids are no longer in the data are deleted;
5. the ``(:Dataset)`` node, written last, so it only describes complete loads.

A load interrupted after any batch leaves a consistent graph (each batch is
all-or-nothing) and re-running completes it: the new read finds what the first run
created, which is then merged, not created again. Run one load at a time on a
database (the embedded engine's store lock ensures it there).
``dry_run`` only reads: it compares the data with what the database holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import groupby
from typing import Any

from graph_loader import __version__
from graph_loader import cypher as cg
from graph_loader.engines import Executor, WriteSummary, write_each
from graph_loader.gcpause import without_gc
from graph_loader.model import Dataset

ProgressCallback = Callable[[cg.Statement], None]


@dataclass
class EntityDiff:
    """How one kind of entity in the data compares with the database (ids, sorted)."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def describe(self, prune: bool) -> str:
        """``"3 new, 1 updated, 120 unchanged, 2 to delete"`` style summary."""
        gone = (
            f"{len(self.removed)} to delete"
            if prune
            else f"{len(self.removed)} no longer in the data (kept; --prune deletes them)"
        )
        return (
            f"{len(self.new)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {gone}"
        )


@dataclass
class Diff:
    """The data compared with the database."""

    actors: EntityDiff
    relationships: EntityDiff
    sources: EntityDiff
    db_hash: str | None = None
    data_hash: str = ""

    @property
    def up_to_date(self) -> bool:
        """True if a load would change nothing (ignoring what only ``--prune`` deletes)."""
        return not any(
            e.new or e.updated for e in (self.actors, self.relationships, self.sources)
        ) and self.db_hash == self.data_hash

    def lines(self, prune: bool) -> list[str]:
        """Human-readable summary lines."""
        return [
            f"actors: {self.actors.describe(prune)}",
            f"relationships: {self.relationships.describe(prune)}",
            f"sources: {self.sources.describe(prune)}",
            "dataset node: "
            + (
                "absent (no complete load yet)"
                if self.db_hash is None
                else "up to date"
                if self.db_hash == self.data_hash
                else "from an older version of the data"
            ),
        ]


@dataclass
class LoadReport:
    """What a load (or dry run) did."""

    where: str
    dry_run: bool
    prune: bool
    diff: Diff | None = None
    summary: WriteSummary = field(default_factory=WriteSummary)
    statements: int = 0
    seconds: float = 0.0
    counts: dict[str, Any] = field(default_factory=dict)


def ensure_schema(executor: Executor) -> None:
    """Create the uniqueness constraints and indexes unless they exist."""
    for constraint in cg.CONSTRAINTS:
        executor.ensure_constraint(constraint)
    for index in cg.INDEXES:
        executor.ensure_index(index)


def counts(executor: Executor) -> dict[str, Any]:
    """Node and relationship counts, in total and per label / type."""
    nodes = executor.read(cg.COUNT_NODES)
    rels = executor.read(cg.COUNT_RELATIONSHIPS)
    return {  # an embedded graph that was never written has no rows at all
        "nodes": nodes[0]["n"] if nodes else 0,
        "relationships": rels[0]["n"] if rels else 0,
        "labels": {r["label"]: r["n"] for r in executor.read(cg.COUNT_BY_LABEL)},
        "types": {r["type"]: r["n"] for r in executor.read(cg.COUNT_BY_TYPE)},
    }


def _compare(
    expected: dict[str, Any], actual: dict[str, list[Any]]
) -> EntityDiff:
    diff = EntityDiff()
    for key in sorted(expected):
        found = actual.get(key)
        if not found:
            diff.new.append(key)
        elif len(found) == 1 and found[0] == expected[key]:
            diff.unchanged.append(key)
        else:
            diff.updated.append(key)
    diff.removed = sorted(k for k in actual if k not in expected)
    return diff


def diff(executor: Executor, ds: Dataset) -> Diff:
    """Compare ``ds`` with the database: new, updated, unchanged and removed ids."""
    params = {"dataset": cg.DATASET_ID}

    exp_actors = {
        a.id: (sorted({cg.ACTOR, a.kind}), cg.stored(cg.actor_props(ds.schema, a)))
        for a in ds.actors.values()
    }
    db_actors: dict[str, list[Any]] = {}
    for row in executor.read(cg.READ_ACTORS, params):
        db_actors.setdefault(row["id"], []).append((sorted(row["labels"]), row["props"]))

    rel_rows = cg.relationship_rows(ds)  # shared with content_hash below
    exp_rels = {
        row["id"]: (rtype, row["source"], row["target"], cg.stored(row["props"]))
        for rtype, row in rel_rows
    }
    db_rels: dict[str, list[Any]] = {}
    for row in executor.read(cg.READ_RELATIONSHIPS, params):
        db_rels.setdefault(row["id"], []).append(
            (row["type"], row["source"], row["target"], row["props"])
        )

    exp_sources = {s.id: cg.stored(cg.source_props(ds.schema, s)) for s in ds.sources.values()}
    db_sources: dict[str, list[Any]] = {}
    for row in executor.read(cg.READ_SOURCES, params):
        db_sources.setdefault(row["id"], []).append(row["props"])

    rows = executor.read(cg.READ_DATASET, {"id": cg.DATASET_ID})
    db_hash = rows[0]["props"].get("content_hash") if rows else None
    return Diff(
        actors=_compare(exp_actors, db_actors),
        relationships=_compare(exp_rels, db_rels),
        sources=_compare(exp_sources, db_sources),
        db_hash=db_hash,
        data_hash=cg.content_hash(ds, rel_rows),
    )


def write_statements(
    ds: Dataset,
    *,
    batch_size: int = 500,
    prune: bool = False,
    rel_rows: Sequence[tuple[str, dict[str, Any]]] | None = None,
    in_db: Mapping[str, str | None] | None = None,
) -> list[cg.Statement]:
    """The data statements of a load, in order (without constraints and the dataset node).

    Parameters
    ----------
    ds : Dataset
        The validated dataset.
    batch_size : int, optional
        Rows per statement.
    prune : bool, optional
        Add the statements that delete what left the data.
    rel_rows : sequence of (str, dict), optional
        :func:`graph_loader.cypher.relationship_rows` of ``ds``, if already built.
    in_db : mapping of str to str or None, optional
        The dataset's relationships in the database (:func:`relationships_in_db`).
        Without it, every statement is an idempotent ``MERGE`` (as in a script run
        on any database); with it, moved relationships are deleted and the ones
        absent are created.

    Returns
    -------
    list of Statement
    """
    changes = None if in_db is None else _moved_and_absent(ds, in_db)
    return _statements(ds, batch_size, prune, rel_rows, changes)


def _statements(
    ds: Dataset,
    batch_size: int,
    prune: bool,
    rel_rows: Sequence[tuple[str, dict[str, Any]]] | None,
    changes: tuple[list[str], set[str]] | None,
    relabel: Container[str] | None = None,
) -> list[cg.Statement]:
    out = cg.source_statements(ds, batch_size)
    out += cg.actor_statements(ds, batch_size, relabel)
    if changes is None:
        out.append(cg.stale_relationships_statement(ds))
        out += cg.relationship_statements(ds, batch_size, rel_rows)
    else:
        moved, absent = changes
        if moved:
            out.append(cg.delete_relationships_statement(moved))
        out += cg.relationship_statements(ds, batch_size, rel_rows, absent=absent)
    if prune:
        out += cg.prune_statements(ds)
    return out


def _moved_and_absent(
    ds: Dataset, in_db: Mapping[str, str | None]
) -> tuple[list[str], set[str]]:
    """Ids held with other ends, type or in copies; ids to create (those and the absent)."""
    moved = [
        r.id for r in ds.relationships
        if r.id in in_db and in_db[r.id] != cg.relationship_key(r.id, r.source, r.type, r.target)
    ]
    absent = {r.id for r in ds.relationships if r.id not in in_db}
    return moved, absent.union(moved)


def relabelled_actors(executor: Executor, ds: Dataset) -> set[str]:
    """The ids of the dataset's actors that the database holds with other labels."""
    want = {a.id: sorted({cg.ACTOR, a.kind}) for a in ds.actors.values()}
    return {
        row["id"] for row in executor.read(cg.READ_ACTOR_LABELS)
        if row["id"] in want and sorted(row["labels"]) != want[row["id"]]
    }


def relationships_in_db(executor: Executor) -> dict[str, str | None]:
    """The dataset's relationships in the database: id to ``id|source|TYPE|target``.

    An id held by more than one relationship maps to ``None`` (never equal to a key),
    so the load deletes its copies and creates it once.
    """
    out: dict[str, str | None] = {}
    for row in executor.read(cg.READ_RELATIONSHIP_ENDS, {"dataset": cg.DATASET_ID}):
        out[row["id"]] = None if row["id"] in out else row["key"]
    return out


@dataclass
class LoadPlan:
    """The statements of a load, ready to run (:func:`prepare`, :func:`execute`).

    No statements when :func:`prepare` was asked to skip data the database already holds.
    """

    statements: list[cg.Statement]
    prune: bool
    created: int  #: relationships the plan creates (absent from the database)
    moved: int  #: relationships deleted first because their ends or type changed
    digest: str = ""  #: the data's content hash (:func:`graph_loader.cypher.content_hash`)
    db_hash: str | None = None  #: the content hash of the database's last complete load


@without_gc
def prepare(
    executor: Executor,
    ds: Dataset,
    *,
    batch_size: int | None = None,
    prune: bool = False,
    version: str = __version__,
    unless_loaded: bool = False,
) -> LoadPlan:
    """Create the constraints and indexes, read what the database holds, plan the writes.

    Parameters
    ----------
    executor : Executor
        An open executor (:func:`graph_loader.engines.open_executor`).
    ds : Dataset
        The validated dataset.
    batch_size : int, optional
        Rows per ``UNWIND`` statement (and so per transaction); by default the
        engine's own (``executor.batch_size``).
    prune : bool, optional
        Also delete what the dataset no longer contains.
    version : str, optional
        Recorded on the ``(:Dataset)`` node.
    unless_loaded : bool, optional
        If the database's ``(:Dataset)`` node already carries this data's content
        hash, plan nothing (and write nothing, not even constraints).

    Returns
    -------
    LoadPlan
        Every statement in order, the ``(:Dataset)`` node last; none if skipped.
    """
    rel_rows = cg.relationship_rows(ds)  # shared by the hash and the statements
    digest = cg.content_hash(ds, rel_rows)
    have = loaded_hash(executor)
    if unless_loaded and have == digest:
        return LoadPlan([], prune, created=0, moved=0, digest=digest, db_hash=have)
    ensure_schema(executor)
    moved, absent = _moved_and_absent(ds, relationships_in_db(executor))
    statements = _statements(
        ds, batch_size or executor.batch_size, prune, rel_rows, (moved, absent),
        relabelled_actors(executor, ds),
    )
    statements.append(
        cg.dataset_statement(
            ds,
            loaded_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            version=version,
            digest=digest,
        )
    )
    return LoadPlan(statements, prune, created=len(absent), moved=len(moved), digest=digest,
                    db_hash=have)


@without_gc
def execute(
    executor: Executor, plan_: LoadPlan, *, progress: ProgressCallback | None = None
) -> LoadReport:
    """Run a :class:`LoadPlan`, statement by statement; return the report.

    ``progress`` is called after each statement has run.
    """
    t0 = time.perf_counter()
    report = LoadReport(where=executor.describe(), dry_run=False, prune=plan_.prune)
    statements = plan_.statements
    if getattr(executor, "write_parallel", None) is not None:
        results = _write_runs(executor, statements)
    else:
        results = write_each(executor, ((s.cypher, s.params) for s in statements))
    for stmt, summary in zip(statements, results, strict=True):
        report.summary += summary
        report.statements += 1
        if progress is not None:
            progress(stmt)
    report.counts = counts(executor)
    report.seconds = time.perf_counter() - t0
    return report


def _write_runs(executor: Any, statements: Sequence[cg.Statement]) -> Iterator[WriteSummary]:
    """Run ``statements`` in order, each run of independent ones through the executor's
    ``write_parallel`` (several at once); summaries in statement order."""
    for independent, run in groupby(statements, key=lambda s: s.independent):
        pairs = [(s.cypher, s.params) for s in run]
        if independent and len(pairs) > 1:
            yield from executor.write_parallel(pairs)
        else:
            for cypher, params in pairs:
                yield executor.write(cypher, params)


def load(
    executor: Executor,
    ds: Dataset,
    *,
    batch_size: int | None = None,
    prune: bool = False,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    version: str = __version__,
) -> LoadReport:
    """Load ``ds`` (or, with ``dry_run``, report what loading would change).

    Parameters
    ----------
    executor
        An open executor (:func:`graph_loader.engines.open_executor`).
    ds
        The validated dataset.
    batch_size
        Rows per ``UNWIND`` statement (and so per transaction); by default the
        engine's own (``executor.batch_size``).
    prune
        Also delete what the dataset no longer contains.
    dry_run
        Write nothing; the report's ``diff`` says what would change.
    progress
        Called after each statement has run.
    version
        Recorded on the ``(:Dataset)`` node.

    Returns
    -------
    LoadReport
        Diff (dry run only), write counters, timing (preparation included) and
        counts after the load.
    """
    t0 = time.perf_counter()
    if dry_run:
        report = LoadReport(where=executor.describe(), dry_run=True, prune=prune)
        report.diff = diff(executor, ds)
    else:
        todo = prepare(executor, ds, batch_size=batch_size, prune=prune, version=version)
        report = execute(executor, todo, progress=progress)
    report.seconds = time.perf_counter() - t0
    return report


def is_loaded(executor: Executor) -> bool:
    """True if the database holds a complete load of the dataset (a ``(:Dataset)`` node)."""
    return bool(executor.read(cg.READ_DATASET, {"id": cg.DATASET_ID}))


def loaded_hash(executor: Executor) -> str | None:
    """The ``content_hash`` of the last complete load, or ``None``."""
    rows = executor.read(cg.READ_DATASET, {"id": cg.DATASET_ID})
    return rows[0]["props"].get("content_hash") if rows else None


def ensure_loaded(
    executor: Executor,
    ds: Dataset,
    before_load: Callable[[str | None], None] | None = None,
) -> LoadReport | None:
    """Load ``ds`` unless the database already holds exactly this version of it.

    Parameters
    ----------
    executor : Executor
        An open executor (either engine).
    ds : Dataset
        The validated dataset.
    before_load : callable, optional
        Called with the content hash found in the database (``None`` if it
        holds no complete load) just before loading, e.g. to tell the user.

    Returns
    -------
    LoadReport or None
        The report of the load (with pruning of what left the data), or ``None``
        when the database's ``(:Dataset)`` node already carries ``ds``'s content hash.
    """
    t0 = time.perf_counter()
    todo = prepare(executor, ds, prune=True, unless_loaded=True)
    if not todo.statements:
        return None
    if before_load is not None:
        before_load(todo.db_hash)
    report = execute(executor, todo)
    report.seconds = time.perf_counter() - t0  # preparation included, as in load()
    return report
