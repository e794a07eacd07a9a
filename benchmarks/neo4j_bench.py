"""The Neo4j side of the benchmarks: the bench server and the three baselines.

The ``neo4j:*`` stages (:mod:`benchmarks.stages`) load the same validated dataset into
the local Neo4j 5.26 community server of :mod:`graph_loader.localneo4j`, in its own
instance (``.neo4j/bench``, Bolt 47687, HTTP 47474 by default), which the runner starts
once per run (:func:`start_server`) and stops at the end. Before each stage the
database is emptied and its constraints and indexes dropped (:func:`clear`), untimed.

* the project's loader: :func:`graph_loader.loader.load` through
  :class:`~graph_loader.engines.neo4j.Neo4jExecutor`;
* the naive loader: :mod:`benchmarks.naive` through :class:`AutoCommitExecutor`, one
  auto-commit transaction (``session.run``) per row;
* ``LOAD CSV``: :func:`load_csv_statements`, the statements of ``cypher/load_csv.cypher``
  each wrapped in ``CALL (row) { ... } IN TRANSACTIONS``;
* ``neo4j-admin database import full``: :func:`write_import_csv` converts the dataset to
  the import tool's header format, :func:`admin_import` runs the tool offline against a
  scratch instance home (no server).
"""

from __future__ import annotations

import csv
import os
import re
import resource
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from graph_loader import cypher as cg
from graph_loader.engines import WriteSummary
from graph_loader.model import Dataset
from graph_loader.schema import Schema

REPO_ROOT = Path(__file__).resolve().parent.parent
#: The bench server's instance directory and ports (never the ones of the dev/test servers).
#: ``GRAPH_LOADER_BENCH_NEO4J_HOME`` moves it (the runner sets it for ``--neo4j-home``).
HOME_ENV = "GRAPH_LOADER_BENCH_NEO4J_HOME"
BENCH_HOME = Path(os.environ.get(HOME_ENV) or REPO_ROOT / ".neo4j" / "bench")
BOLT_PORT = 47687
HTTP_PORT = 47474
HEAP = "1g"
PAGECACHE = "512m"
#: Where the bench server's ``LOAD CSV FROM 'file:///...'`` reads (the stage copies the
#: dataset's CSV files there before timing).
IMPORT_DIR = REPO_ROOT / "benchmarks" / "data" / "neo4j-import"
#: The offline import's scratch instance (beside ``.neo4j/dist``, whose jars it uses).
IMPORT_HOME = REPO_ROOT / ".neo4j" / "bench-admin-import"
#: Rows per inner transaction of ``LOAD CSV ... CALL { } IN TRANSACTIONS``.
LOAD_CSV_BATCH = 1000
#: Relationships timed one by one by the naive loader on Neo4j (each is a transaction
#: with a commit to the transaction log: ~milliseconds, so less than on the embedded
#: engine).
NAIVE_SAMPLE = 2_000


def instance(home: Path = BENCH_HOME) -> Any:
    from graph_loader.localneo4j.paths import Instance

    return Instance(home)


def start_server(
    home: Path = BENCH_HOME, *, bolt_port: int = BOLT_PORT, http_port: int = HTTP_PORT,
    heap: str = HEAP, pagecache: str = PAGECACHE,
) -> tuple[Any, bool]:
    """Start the bench server with an empty database (unless it runs); ``(state, started)``."""
    from graph_loader.localneo4j import server

    inst = instance(home)
    IMPORT_DIR.mkdir(parents=True, exist_ok=True)
    current = server.running(inst)
    if current is not None:
        return current, False
    return server.start(
        inst, bolt_port=bolt_port, http_port=http_port, heap=heap, pagecache=pagecache,
        fresh=True, import_dir=IMPORT_DIR, echo=lambda s: None,
    )


def stop_server(home: Path = BENCH_HOME) -> None:
    from graph_loader.localneo4j import server

    server.stop(instance(home))


def connection(home: Path = BENCH_HOME) -> tuple[str, str, int]:
    """``(bolt_uri, password, server_pid)`` of the running bench server."""
    from graph_loader.localneo4j import server
    from graph_loader.localneo4j.credentials import stored_password

    inst = instance(home)
    state = server.running(inst)
    if state is None:
        raise RuntimeError(f"no Neo4j bench server runs from {home} (the runner starts it)")
    return state.bolt_uri, stored_password(inst) or "", state.pid


def clear(driver: Any) -> None:
    """Empty the database: every node and relationship, constraint and index (but lookups).

    Relationships go first, in transactions of 10,000: ``DETACH DELETE`` of 10,000 nodes
    at once deletes their hubs' thousands of relationships in the same transaction and
    exceeded the 1g heap's transaction memory pool at L.
    """
    with driver.session(database="neo4j") as s:
        s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        for r in s.run("SHOW CONSTRAINTS YIELD name").data():
            s.run(f"DROP CONSTRAINT `{r['name']}`").consume()
        for r in s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").data():
            s.run(f"DROP INDEX `{r['name']}`").consume()


def graph_counts(driver: Any) -> dict[str, Any]:
    """Nodes and relationships, in total and per label and type."""
    def rows(q: str) -> list[dict[str, Any]]:
        return driver.execute_query(q, database_="neo4j").records

    return {
        "nodes": rows(cg.COUNT_NODES)[0]["n"],
        "relationships": rows(cg.COUNT_RELATIONSHIPS)[0]["n"],
        "labels": {r["label"]: r["n"] for r in rows(cg.COUNT_BY_LABEL)},
        "types": {r["type"]: r["n"] for r in rows(cg.COUNT_BY_TYPE)},
    }


def expected_counts(ds: Dataset) -> dict[str, Any]:
    """What :func:`graph_counts` must say after a complete load (no ``(:Dataset)`` node)."""
    labels: dict[str, int] = {cg.ACTOR: len(ds.actors), cg.SOURCE: len(ds.sources)}
    for a in ds.actors.values():
        labels[a.kind] = labels.get(a.kind, 0) + 1
    types: dict[str, int] = {}
    for r in ds.relationships:
        types[r.type] = types.get(r.type, 0) + 1
    return {"nodes": len(ds.actors) + len(ds.sources), "relationships": len(ds.relationships),
            "labels": {k: v for k, v in labels.items() if v}, "types": types}


def check_counts(got: Mapping[str, Any], ds: Dataset, *, sampled: bool = False) -> None:
    """Raise unless ``got`` (:func:`graph_counts`) is the whole dataset (``Dataset`` aside)."""
    want = expected_counts(ds)
    labels = {k: v for k, v in got["labels"].items() if k != cg.DATASET}
    if sampled:
        return
    if labels != want["labels"] or got["types"] != want["types"]:
        raise RuntimeError(f"Neo4j holds {got['nodes']} nodes / {got['relationships']} "
                           f"relationships, not the dataset's {want['nodes']} / "
                           f"{want['relationships']} (per label or type differs)")


def proc_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------- naive


class AutoCommitExecutor:
    """The executor interface over one session: every statement an auto-commit transaction.

    What a naive client does: ``session.run(...)`` per row (RUN + PULL, then the
    server commits), with no explicit or managed transaction around it.
    """

    engine = "neo4j"
    batch_size = 1  # what a naive client sends

    def __init__(self, driver: Any) -> None:
        self._session = driver.session(database="neo4j")

    def describe(self) -> str:
        return "neo4j (auto-commit)"

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._session.run(cypher, dict(params or {})).data()

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> WriteSummary:
        c = self._session.run(cypher, dict(params or {})).consume().counters
        return WriteSummary(c.nodes_created, c.nodes_deleted, c.relationships_created,
                            c.relationships_deleted, c.properties_set)

    def ensure_constraint(self, constraint: cg.UniqueConstraint) -> None:
        self._session.run(constraint.neo4j()).consume()

    def ensure_index(self, index: cg.Index) -> None:
        self._session.run(index.neo4j()).consume()

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> AutoCommitExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- LOAD CSV


def load_csv_statements(schema: Schema, batch: int = LOAD_CSV_BATCH) -> list[tuple[str, str]]:
    """``(what, cypher)``: ``cypher/load_csv.cypher`` with each ``LOAD CSV`` in transactions.

    Taken from :func:`graph_loader.cypher.load_csv_cypher` (the shipped script, which
    the project's tests check builds the loader's graph): each statement
    ``LOAD CSV ... AS row [WITH row WHERE ...] <body>`` becomes
    ``LOAD CSV ... AS row [WITH row WHERE ...] CALL (row) { <body> } IN TRANSACTIONS OF
    <batch> ROWS``, which commits every ``batch`` rows instead of holding the whole file in
    one transaction. One statement per kind (the kind-change fix, then the merge) and per
    relationship type, each a pass over its file, as in the script; then the
    ``(:Dataset)`` node. (A single pass with Cypher 5.26's dynamic types,
    ``MERGE (s)-[r:$(row.type) {id: row.id}]->(t)``, was tried: 36 relationships/s at S,
    far slower than per-type passes; see README.)
    """
    out: list[tuple[str, str]] = []
    for chunk in cg.load_csv_cypher(schema).split(";\n"):
        lines = [ln for ln in chunk.strip().splitlines() if ln and not ln.startswith("//")]
        if not lines:
            continue
        what = next((f for f in ("sources", "actors", "lifespans", "relationships")
                     if f"file:///{f}.csv" in lines[0]), "dataset")
        text = "\n".join(lines).rstrip(";")
        if lines[0].startswith("LOAD CSV"):
            head = [lines[0]]
            rest = lines[1:]
            if rest and rest[0].startswith("WITH row WHERE"):
                head.append(rest.pop(0))
            text = (" ".join(head) + " CALL (row) { " + " ".join(rest)
                    + f" }} IN TRANSACTIONS OF {batch} ROWS")
        out.append((what, text))
    return out


def copy_csv(data_dir: Path, import_dir: Path = IMPORT_DIR) -> None:
    """Put the dataset's CSV files where the server's ``LOAD CSV`` reads; a dataset
    without ``lifespans.csv`` (generated data) gets one with the header only."""
    import_dir.mkdir(parents=True, exist_ok=True)
    for name in ("sources.csv", "actors.csv", "relationships.csv"):
        shutil.copyfile(data_dir / name, import_dir / name)
    from graph_loader.lifespans import LIFESPAN_COLUMNS, LIFESPANS_FILE

    if (data_dir / LIFESPANS_FILE).is_file():
        shutil.copyfile(data_dir / LIFESPANS_FILE, import_dir / LIFESPANS_FILE)
    else:
        (import_dir / LIFESPANS_FILE).write_text(",".join(LIFESPAN_COLUMNS) + "\n",
                                                 encoding="utf-8")


# --------------------------------------------------------------------------- admin import

_IMPORT_TYPES: tuple[tuple[type, str], ...] = ((bool, "boolean"), (int, "long"),
                                               (float, "double"), (list, "string[]"),
                                               (str, "string"))


def _import_types(rows: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> dict[str, str]:
    keys: dict[str, str | None] = {}
    for props in rows:
        for k, v in props.items():
            if keys.get(k) is None:
                keys[k] = None if v is None else next(
                    (n for t, n in _IMPORT_TYPES if isinstance(v, t) and (t is not list or v)),
                    None if isinstance(v, list) else "string",
                )
    return {k: t or "string" for k, t in keys.items()}


def _import_cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(str(x) for x in v)
    return v


def _write_import(
    path: Path, rows: list[dict[str, Any]], lead: list[str], lead_values: list[tuple[Any, ...]],
    id_space: str | None = None,
) -> bool:
    """One import file; returns whether a value holds a line break (``--multiline-fields``)."""
    types = _import_types(rows)
    keys = list(types)
    header = lead + [f"{k}:ID({id_space})" if id_space and k == "id" else f"{k}:{t}"
                     for k, t in types.items()]
    multiline = False
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for lv, props in zip(lead_values, rows, strict=True):
            cells = [*lv, *(_import_cell(props.get(k)) for k in keys)]
            if not multiline and any(isinstance(c, str) and ("\n" in c or "\r" in c)
                                     for c in cells):
                multiline = True
            w.writerow(cells)
    return multiline


def write_import_csv(ds: Dataset, out_dir: Path) -> list[str]:
    """Write ``neo4j-admin database import`` input; return its file arguments.

    Typed headers (``id:ID(Actor)``, ``:LABEL``, ``start_year:long``, ``aliases:string[]``,
    ``:START_ID(Actor)``, ``:TYPE``...), the loader's properties
    (:mod:`graph_loader.cypher`); ``None`` is an empty field, which the tool stores as
    an absent property, as the loader does. Caveat: an actor with no aliases gets no
    ``aliases`` property (the loader stores an empty list; the format has no empty array).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    multiline = False
    sources = sorted(ds.sources.values(), key=lambda s: s.id)
    rows = [cg.source_props(ds.schema, s) for s in sources]
    multiline |= _write_import(out_dir / "sources.csv", rows, [":LABEL"],
                               [(cg.SOURCE,)] * len(rows), id_space=cg.SOURCE)
    actors = sorted(ds.actors.values(), key=lambda a: a.id)
    rows = [cg.actor_props(ds.schema, a) for a in actors]
    multiline |= _write_import(out_dir / "actors.csv", rows, [":LABEL"],
                               [(f"{cg.ACTOR};{cg.label(ds.schema, a.kind)}",) for a in actors],
                               id_space=cg.ACTOR)
    rels = sorted(ds.relationships, key=lambda r: r.id)
    types = {t: cg.reltype(ds.schema, t) for t in ds.schema.relationship_types}
    multiline |= _write_import(
        out_dir / "relationships.csv", [cg.relationship_props(ds.schema, r) for r in rels],
        [f":START_ID({cg.ACTOR})", f":END_ID({cg.ACTOR})", ":TYPE"],
        [(r.source, r.target, types[r.type]) for r in rels],
    )
    args = [f"--nodes={out_dir / 'sources.csv'}", f"--nodes={out_dir / 'actors.csv'}",
            f"--relationships={out_dir / 'relationships.csv'}"]
    if multiline:
        args.append("--multiline-fields=true")
    return args


def admin_import(
    file_args: list[str], home: Path = IMPORT_HOME, *, java: str | None = None,
) -> dict[str, Any]:
    """Run ``neo4j-admin database import full`` into a scratch instance; no server needed.

    ``java -cp '.neo4j/dist/lib/*' org.neo4j.cli.AdminTool database import full ...`` with
    ``NEO4J_HOME`` and ``NEO4J_CONF`` pointing at ``home`` (a conf written by
    :func:`graph_loader.localneo4j.server.write_conf`), overwriting its ``neo4j``
    database. Returns the tool's own counts (``IMPORT DONE ... Imported: ...``).
    """
    from graph_loader.localneo4j import assemble, server

    inst = instance(home)
    shutil.rmtree(inst.data, ignore_errors=True)
    for d in (inst.data, inst.logs, inst.run):
        d.mkdir(parents=True, exist_ok=True)
    server.write_conf(inst, BOLT_PORT, HTTP_PORT, HEAP, PAGECACHE)
    java = java or assemble.find_java()
    # the database name first: --nodes and --relationships take several files each
    cmd = [java, "-cp", str(inst.dist.lib / "*"), server.ADMIN_TOOL, "database", "import",
           "full", "neo4j", "--overwrite-destination=true", "--id-type=string",
           "--array-delimiter=;", f"--report-file={inst.home / 'import.report'}", *file_args]
    env = {**os.environ, "NEO4J_HOME": str(inst.home), "NEO4J_CONF": str(inst.conf)}
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        last = [ln for ln in out.splitlines() if ln.strip()][-3:]
        raise RuntimeError(f"neo4j-admin database import failed ({proc.returncode}): "
                           + " | ".join(last)[:400])
    got: dict[str, Any] = {"import_tool_seconds": seconds, "import_tool_cpu_seconds": cpu}
    for key, pat in (("nodes", r"(\d+) nodes"), ("relationships", r"(\d+) relationships"),
                     ("properties", r"(\d+) properties")):
        m = re.search(r"Imported:[\s\S]*?" + pat, out)
        if m:
            got[f"imported_{key}"] = int(m.group(1))
    return got
