"""The engine's bulk path: FalkorDB's bulk loader (``falkordb-bulk-loader``) on our data.

:func:`write_csv` converts a validated dataset into the CSV files ``falkordb-bulk-insert``
reads with ``--enforce-schema`` (typed headers such as ``id:ID(Actor)``,
``start_year:INT``, ``:START_ID(Actor)``): one node file per kind, labelled
``Actor:<Kind>``, one for the sources (``Source``) and one relationship file per type.
The properties are those the loader writes (taken from :mod:`graph_loader.cypher`),
typed from their values; ``None`` becomes an empty field, which the bulk loader stores as
an absent property, as the loader does.
:func:`load` runs the bulk loader in this process (its click command, not a
subprocess) against the embedded server's unix socket (``unix://`` URL), then creates
the loader's constraints and indexes, so the graph ends up like the loader's (minus the
``(:Dataset)`` node).

Caveat of the bulk format: array elements are re-inferred, so an alias that looks like
a number would be stored as a number.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from graph_loader import cypher as cg
from graph_loader.loader import ensure_schema
from graph_loader.model import Dataset

_TYPES: tuple[tuple[type, str], ...] = ((bool, "BOOL"), (int, "INT"), (float, "DOUBLE"),
                                        (list, "ARRAY"), (str, "STRING"))


def _column_types(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Bulk-loader type of each property: from its first non-null value (default STRING)."""
    keys: dict[str, str | None] = {}
    for props in rows:
        for k, v in props.items():
            if keys.get(k) is None:
                keys[k] = None if v is None else next(
                    (name for t, name in _TYPES if isinstance(v, t)), "STRING"
                )
        if all(keys.values()):
            break
    return {k: t or "STRING" for k, t in keys.items()}


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(repr(x) for x in v) + "]"
    return v


def _write(
    path: Path,
    rows: list[dict[str, Any]],
    *,
    id_namespace: str | None = None,
    id_columns: tuple[str, ...] = (),
    ids: list[tuple[str, ...]] | None = None,
) -> None:
    """One CSV file: ``id_columns`` (with values ``ids``) then one column per property.

    With ``id_namespace`` the ``id`` property is the node-id column ``id:ID(namespace)``.
    """
    types = _column_types(rows)
    header = list(id_columns) + [
        f"{k}:ID({id_namespace})" if id_namespace and k == "id" else f"{k}:{t}"
        for k, t in types.items()
    ]
    if ids is None:
        ids = [()] * len(rows)
    keys = list(types)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(
            (*i, *(_cell(props.get(k)) for k in keys)) for i, props in zip(ids, rows, strict=True)
        )


def write_csv(ds: Dataset, out_dir: Path) -> list[str]:
    """Write the bulk loader's input files; return its command-line file arguments.

    The properties are exactly the loader's (:func:`graph_loader.cypher.actor_props`,
    ``relationship_props``, ``source_props``), so both paths build the same graph.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    args: list[str] = []

    sources = sorted(ds.sources.values(), key=lambda s: s.id)
    path = out_dir / "Source.csv"
    _write(path, [cg.source_props(ds.schema, s) for s in sources], id_namespace=cg.SOURCE)
    args += ["--nodes-with-label", cg.SOURCE, str(path)]

    by_kind: dict[str, list[Any]] = {}
    for a in ds.actors.values():
        by_kind.setdefault(a.kind, []).append(a)
    for kind, actors in by_kind.items():
        path = out_dir / f"Actor_{cg.label(ds.schema, kind)}.csv"
        _write(path, [cg.actor_props(ds.schema, a) for a in actors], id_namespace=cg.ACTOR)
        args += ["--nodes-with-label", f"{cg.ACTOR}:{kind}", str(path)]

    by_type: dict[str, list[Any]] = {}
    for r in ds.relationships:
        by_type.setdefault(r.type, []).append(r)
    for rtype, rels in by_type.items():
        path = out_dir / f"{cg.reltype(ds.schema, rtype)}.csv"
        _write(
            path,
            [cg.relationship_props(ds.schema, r) for r in rels],
            id_columns=(f":START_ID({cg.ACTOR})", f":END_ID({cg.ACTOR})"),
            ids=[(r.source, r.target) for r in rels],
        )
        args += ["--relations-with-type", rtype, str(path)]
    return args


def bulk_insert(server_url: str, graph: str, file_args: list[str]) -> None:
    """Run ``falkordb-bulk-insert`` (in this process) with ``--enforce-schema``."""
    import logging

    from falkordb_bulk_loader.bulk_insert import bulk_insert as command

    argv = [graph, "--server-url", server_url, "--enforce-schema", *file_args]
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:  # it calls logging.basicConfig(force=True, stream=sys.stdout): undo that after
        command.main(args=argv, standalone_mode=False)
    finally:
        for h in root.handlers[:]:
            if h not in handlers:
                root.removeHandler(h)
        for h in handlers:
            if h not in root.handlers:
                root.addHandler(h)
        root.setLevel(level)


def load(executor: Any, ds: Dataset, csv_dir: Path) -> dict[str, Any]:
    """Convert, bulk-insert into the executor's (fresh) graph, then create the indexes.

    ``executor`` must be an :class:`~graph_loader.engines.embedded.EmbeddedExecutor`
    whose graph does not exist yet (the bulk loader refuses an existing graph).

    Returns
    -------
    dict
        Seconds of each phase: ``convert_seconds``, ``insert_seconds``, ``index_seconds``.
    """
    t0 = time.perf_counter()
    file_args = write_csv(ds, csv_dir)
    t1 = time.perf_counter()
    bulk_insert(f"unix://{executor.server.socket_path}", executor.graph_name, file_args)
    t2 = time.perf_counter()
    ensure_schema(executor)
    t3 = time.perf_counter()
    return {
        "convert_seconds": t1 - t0,
        "insert_seconds": t2 - t1,
        "index_seconds": t3 - t2,
        "insert_only_rels_per_second": len(ds.relationships) / (t2 - t1) if t2 > t1 else None,
    }
