"""``graph-loader neo4j start | stop | status``: the local Neo4j server manager.

Most tests need no server of their own: they use the session's test server (already
running), or a fresh instance directory in ``tmp_path`` where every check fails before
a JVM would start (busy port, no Java, no Maven, a refused password). One test starts a
real server in ``tmp_path`` (about 10 s on a quiet machine) to cover a stale PID file
and the start / status / stop cycle. Instances in ``tmp_path`` share the checkout's
assembly through a symlinked ``dist`` (so nothing is downloaded), except where a
missing assembly is the point.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import REPO_ROOT, require

from graph_loader.cli import cli
from graph_loader.localneo4j import Instance, neo4j_version, server
from graph_loader.localneo4j.credentials import PLACEHOLDER


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No password or ports from the developer's environment."""
    for name in ("NEO4J_PASSWORD", "NEO4J_BOLT_PORT", "NEO4J_HTTP_PORT"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def live(neo4j_server: Any) -> Any:
    """The session's local test server (not a server of ``NEO4J_URI``)."""
    require(neo4j_server.home is not None, "NEO4J_URI names another server: no local instance")
    return neo4j_server


def neo4j(*args: str) -> Result:
    return CliRunner().invoke(cli, ["neo4j", *args])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ports() -> list[str]:
    bolt, http = free_port(), free_port()
    while http == bolt:
        http = free_port()
    return ["--bolt-port", str(bolt), "--http-port", str(http)]


def one_line_error(res: Result) -> str:
    """The single ``error:`` line of a refused command: exit 2, no traceback."""
    assert res.exit_code == 2, (res.exit_code, res.output)
    assert "Traceback" not in res.output
    assert isinstance(res.exception, SystemExit)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    return lines[0]


@pytest.fixture()
def bare_home(tmp_path: Path) -> Path:
    """An instance directory whose parent holds no assembly (``dist``)."""
    home = tmp_path / "checkout" / ".neo4j" / "bare"
    home.mkdir(parents=True)
    return home


@pytest.fixture()
def assembled_home(tmp_path: Path, neo4j_server: Any) -> Path:
    """A fresh instance directory beside a symlink to the checkout's assembly."""
    dist = (neo4j_server.home or REPO_ROOT / ".neo4j" / "test").parent / "dist"
    require((dist / "assembled-from").is_file(), f"no assembled Neo4j in {dist}")
    root = tmp_path / "checkout"
    (root / ".neo4j").mkdir(parents=True)
    (root / ".neo4j" / "dist").symlink_to(dist, target_is_directory=True)
    (root / "data").mkdir()  # the instance's import directory
    return root / ".neo4j" / "home"


# --------------------------------------------------------------------------- running server


def test_a_second_start_says_it_is_already_running(live: Any) -> None:
    state = server.running(Instance(live.home))
    assert state is not None
    res = neo4j("start", "--home", str(live.home), "--bolt-port", str(state.bolt_port),
                "--http-port", str(state.http_port))
    assert res.exit_code == 0, res.output
    assert f"is already running (pid {state.pid})" in res.stdout
    assert "Load the data with" not in res.stdout  # only said after a real start
    res = neo4j("status", "--home", str(live.home))
    assert res.exit_code == 0, res.output
    assert f"Neo4j {neo4j_version()} is running (pid {state.pid})" in res.stdout
    assert f"bolt://127.0.0.1:{state.bolt_port}" in res.stdout


def test_the_running_server_is_the_poms_version(live: Any) -> None:
    import neo4j as driver

    with driver.GraphDatabase.driver(live.uri, auth=(live.user, live.password)) as d:
        records, _, _ = d.execute_query("CALL dbms.components() YIELD name, versions, edition "
                                        "RETURN name, versions, edition")
    (row,) = [r.data() for r in records]
    assert row == {"name": "Neo4j Kernel", "versions": [neo4j_version()], "edition": "community"}


# --------------------------------------------------------------------------- nothing running


def test_status_and_stop_when_nothing_runs(bare_home: Path) -> None:
    res = neo4j("status", "--home", str(bare_home))
    assert res.exit_code == 3, res.output
    assert res.stdout.strip() == f"Neo4j is not running ({bare_home})"
    res = neo4j("stop", "--home", str(bare_home))
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == "Neo4j is not running"


def _pid_files(home: Path, pid: int) -> Instance:
    instance = Instance(home)
    instance.run.mkdir(parents=True, exist_ok=True)
    instance.pid_file.write_text(f"{pid}\n", encoding="utf-8")
    state = {"pid": pid, "bolt_port": 7687, "http_port": 7474, "version": neo4j_version(),
             "home": str(home)}
    instance.state_file.write_text(json.dumps(state), encoding="utf-8")
    return instance


def test_a_stale_pid_file_of_a_dead_process_is_cleaned_up(bare_home: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    instance = _pid_files(bare_home, dead.pid)
    res = neo4j("status", "--home", str(bare_home))
    assert res.exit_code == 3, res.output
    assert "not running" in res.stdout
    assert not instance.pid_file.exists() and not instance.state_file.exists()
    res = neo4j("stop", "--home", str(bare_home))
    assert (res.exit_code, res.stdout.strip()) == (0, "Neo4j is not running")


def test_a_pid_reused_by_another_process_then_start_status_stop(assembled_home: Path) -> None:
    """The PID file names a live process that is not Neo4j (this test's own)."""
    instance = _pid_files(assembled_home, os.getpid())
    res = neo4j("status", "--home", str(assembled_home))
    assert res.exit_code == 3, res.output
    assert not instance.pid_file.exists()
    _pid_files(assembled_home, os.getpid())
    opts = ports()
    try:
        res = neo4j("start", "--home", str(assembled_home), *opts, "--heap", "256m",
                    "--pagecache", "32m", "--timeout", "300")
        assert res.exit_code == 0, res.output
        assert re.search(r"^Neo4j \S+ started \(pid (\d+)\)", res.stdout, re.M), res.stdout
        state = server.running(instance)
        assert state is not None and state.pid != os.getpid()
        assert f"bolt://127.0.0.1:{opts[1]}" in res.stdout
        assert f"http://127.0.0.1:{opts[3]}/browser/" in res.stdout
        assert "Load the data with: graph-loader load" in res.stdout
        assert (instance.password_file.stat().st_mode & 0o777) == 0o600
        res = neo4j("status", "--home", str(assembled_home))
        assert res.exit_code == 0, res.output
        res = neo4j("start", "--home", str(assembled_home), *opts)
        assert res.exit_code == 0 and "is already running" in res.stdout, res.output
        res = neo4j("stop", "--home", str(assembled_home))
        assert (res.exit_code, res.stdout.strip()) == (0, f"stopped Neo4j (pid {state.pid})")
        assert not Path(f"/proc/{state.pid}").exists() or not server._alive(state.pid)
    finally:
        server.stop(instance)
    assert neo4j("status", "--home", str(assembled_home)).exit_code == 3
    assert neo4j("stop", "--home", str(assembled_home)).stdout.strip() == "Neo4j is not running"


# --------------------------------------------------------------------------- refusals


@pytest.fixture()
def listening() -> Iterator[int]:
    """A port on 127.0.0.1 that something else listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def test_a_busy_port_is_one_line(bare_home: Path, listening: int) -> None:
    free = str(free_port())
    line = one_line_error(neo4j("start", "--home", str(bare_home), "--bolt-port", str(listening),
                                "--http-port", free))
    assert line.startswith(f"error: port {listening} on 127.0.0.1 is already in use "), line
    assert "--bolt-port" in line
    line = one_line_error(neo4j("start", "--home", str(bare_home), "--bolt-port", free,
                                "--http-port", str(listening)))
    assert line.startswith(f"error: port {listening} on 127.0.0.1 is already in use "), line
    assert "--http-port" in line
    assert not Instance(bare_home).pid_file.exists()


def test_a_missing_java_is_one_line(
    bare_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    line = one_line_error(neo4j("start", "--home", str(bare_home), *ports()))
    assert line.startswith("error: Java not found: the local Neo4j needs Java 17"), line
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk-here"))
    line = one_line_error(neo4j("start", "--home", str(bare_home), *ports()))
    assert "Java not found" in line


def test_a_missing_maven_is_one_line_when_not_yet_assembled(
    bare_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    java = shutil.which("java")
    require(java, "no java on PATH")
    assert java is not None
    jdk = Path(os.path.realpath(java)).parent.parent
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("JAVA_HOME", str(jdk))  # java is found, mvn is not
    monkeypatch.setenv("PATH", str(empty))
    assert not (bare_home.parent / "dist").exists()
    line = one_line_error(neo4j("start", "--home", str(bare_home), *ports()))
    assert line.startswith("error: Maven not found: it downloads Neo4j from Maven Central"), line
    assert not (bare_home.parent / "dist" / "lib").exists()


def _env_example_password() -> str:
    text = (REPO_ROOT / ".env.example").read_text(encoding="utf-8")
    m = re.search(r"^NEO4J_PASSWORD=(\S+)$", text, re.M)
    assert m, ".env.example sets no NEO4J_PASSWORD"
    return m.group(1)


def test_the_env_example_placeholder_password_is_refused(
    assembled_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _env_example_password() == PLACEHOLDER
    monkeypatch.setenv("NEO4J_PASSWORD", PLACEHOLDER)
    line = one_line_error(neo4j("start", "--home", str(assembled_home), *ports()))
    assert "the password in NEO4J_PASSWORD is the placeholder from .env.example" in line
    # The same from the checkout's .env (cp .env.example .env, not edited).
    monkeypatch.delenv("NEO4J_PASSWORD")
    dotenv = assembled_home.parent.parent / ".env"
    shutil.copy(REPO_ROOT / ".env.example", dotenv)
    line = one_line_error(neo4j("start", "--home", str(assembled_home), *ports()))
    assert "the password in .env is the placeholder from .env.example" in line
    dotenv.write_text("NEO4J_PASSWORD=short\n", encoding="utf-8")
    line = one_line_error(neo4j("start", "--home", str(assembled_home), *ports()))
    assert "shorter than 8 characters" in line
    instance = Instance(assembled_home)
    assert not instance.pid_file.exists() and not instance.initialised


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--bolt-port", "0"], {}),
        (["--http-port", "65536"], {}),
        (["--bolt-port", "-1"], {}),
        ([], {"NEO4J_BOLT_PORT": "70000"}),
    ],
)
def test_ports_outside_1_to_65535_are_refused(
    bare_home: Path, args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    res = neo4j("start", "--home", str(bare_home), *args)
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    assert "is not in the range 1<=x<=65535" in res.stderr, res.stderr
    assert not Instance(bare_home).run.exists()


# --------------------------------------------------------------------------- one version


def test_one_neo4j_version_in_the_pom_compose_and_readme() -> None:
    version = neo4j_version()
    assert re.fullmatch(r"5\.26\.\d+", version), version
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert compose["services"]["neo4j"]["image"] == f"neo4j:{version}-community"
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert version in readme
    # Other 5.26.x versions may appear only as facts about Maven Central ("goes up to 5.26.30").
    others = {
        m.group(0) for m in re.finditer(r"5\.26\.\d+", readme)
        if m.group(0) != version and not re.search(r"\bup to\s+$", readme[: m.start()][-20:])
    }
    assert not others, f"README.md names other Neo4j versions than {version}: {sorted(others)}"
