"""docker-compose.yml, Dockerfile and .env.example: static checks (no Docker engine needed)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph_loader.localneo4j import guide, neo4j_version

ROOT = Path(__file__).resolve().parent.parent
#: NEO4J_* variables the image's entrypoint reads itself; every other one becomes a setting.
DOCKER_CONTROL = {"NEO4J_ACCEPT_LICENSE_AGREEMENT", "NEO4J_AUTH", "NEO4J_AUTH_PATH",
                  "NEO4J_DEBUG", "NEO4J_EDITION", "NEO4J_HOME", "NEO4J_PLUGINS"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def test_neo4j_service(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == f"neo4j:{neo4j_version()}-community"  # tools/neo4j/pom.xml
    env = _env(neo4j)
    assert "NEO4J_PLUGINS" not in env  # no APOC: nothing here uses it
    # The password comes from the environment (.env), never a literal.
    assert re.fullmatch(r"neo4j/\$\{NEO4J_PASSWORD(:\?[^}]*)?\}", env["NEO4J_AUTH"])
    for port in neo4j["ports"]:
        assert str(port).startswith("127.0.0.1:"), port
    assert {str(p).split(":", 1)[1] for p in neo4j["ports"]} == {"7474:7474", "7687:7687"}
    volumes = [str(v) for v in neo4j["volumes"]]
    assert any(v.split(":")[1] == "/data" and not v.startswith(".") for v in volumes)
    assert "neo4j-data" in compose["volumes"]
    assert "./data:/import:ro" in volumes
    assert env.get("NEO4J_server_directories_import") == "/import"
    health = neo4j["healthcheck"]
    test = " ".join(health["test"]) if isinstance(health["test"], list) else health["test"]
    assert "cypher-shell" in test
    assert "curl" not in test  # the image has no curl
    assert not re.search(r"(^|\s)(-p|--password|-u|--username)(\s|=)", test), test


def test_neo4j_environment_names_only_settings(compose: dict[str, Any]) -> None:
    """The image writes NEO4J_x_y__z as setting x.y_z; Neo4j refuses unknown ones.

    So NEO4J_USERNAME or NEO4J_PASSWORD on the service would stop Neo4j from starting
    ("Unrecognized setting. No declared setting with name: PASSWORD").
    """
    for name in _env(compose["services"]["neo4j"]):
        if name in DOCKER_CONTROL:
            continue
        assert name.startswith("NEO4J_"), name
        setting = name.removeprefix("NEO4J_").replace("_", ".").replace("..", "_")
        assert setting.split(".")[0] in {"server", "db", "dbms", "browser", "initial"}, name


def test_healthcheck_passes_the_password_in_the_environment_only(
    compose: dict[str, Any], tmp_path: Path
) -> None:
    """Run the healthcheck's shell line with a stand-in cypher-shell that records its call."""
    (kind, line) = compose["services"]["neo4j"]["healthcheck"]["test"]
    assert kind == "CMD-SHELL"
    line = line.replace("$$", "$")  # compose's escape for a literal $
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "call"
    stub = bin_dir / "cypher-shell"
    stub.write_text(
        "#!/bin/sh\n"
        f"printf '%s\\n' \"$*\" \"$NEO4J_USERNAME\" \"$NEO4J_PASSWORD\" > {record}\n"
        "exit \"${STUB_EXIT:-0}\"\n",
        encoding="utf-8",
    )
    stub.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "NEO4J_AUTH": "neo4j/s3cret pass'word"}
    proc = subprocess.run(["sh", "-c", line], env=env)
    assert proc.returncode == 0
    args, user, password = record.read_text(encoding="utf-8").splitlines()
    assert (args, user, password) == ("RETURN 1", "neo4j", "s3cret pass'word")
    assert "s3cret" not in line
    proc = subprocess.run(["sh", "-c", line], env={**env, "STUB_EXIT": "1"})
    assert proc.returncode == 1  # unhealthy while cypher-shell fails


def _host_port(mapping: str) -> tuple[str, int, int]:
    host, published, target = str(mapping).split(":")
    return host, int(published), int(target)


def test_browser_opens_the_guide_served_by_the_guide_service(compose: dict[str, Any]) -> None:
    neo4j, served = compose["services"]["neo4j"], compose["services"]["guide"]
    env = _env(neo4j)
    (mapping,) = served["ports"]
    host, published, target = _host_port(mapping)
    assert host == "127.0.0.1" and target == int(_env(served)["GUIDE_PORT"])
    assert env["NEO4J_browser_post__connect__cmd"] == (
        f"play http://localhost:{published}/{guide.FILE_NAME}"
    )
    allowed = env["NEO4J_browser_remote__content__hostname__whitelist"].split(",")
    assert "localhost" in allowed
    assert "guide" in neo4j["depends_on"]
    assert served["build"] in (".", {"context": "."})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_guide_service_serves_the_guide_with_cors(
    compose: dict[str, Any], tmp_path: Path
) -> None:
    """The service's program, run here with this checkout's Python (Docker cannot run)."""
    served = compose["services"]["guide"]
    assert served["entrypoint"] == ["python", "-c"]
    (program,) = served["command"]
    port = _free_port()
    env = {**os.environ, **_env(served), "GUIDE_DIR": str(tmp_path / "guide"),
           "GUIDE_BIND": "127.0.0.1", "GUIDE_PORT": str(port)}
    env.pop("PYTHONPATH")  # /app in the image
    proc = subprocess.Popen([sys.executable, "-c", program], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/{guide.FILE_NAME}"
        request = urllib.request.Request(url, headers={"Origin": "http://localhost:7474"})
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    body = response.read().decode("utf-8")
                    cors = response.headers["Access-Control-Allow-Origin"]
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "the guide service did not answer"
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert cors == "*"
    assert body == guide.render()
    assert "<slide" in body


def test_loader_service(compose: dict[str, Any]) -> None:
    loader = compose["services"]["loader"]
    assert loader["build"] in (".", {"context": "."})
    assert loader["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = _env(loader)
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD")
    entrypoint = _dockerfile_json("ENTRYPOINT")
    command = loader.get("command", _dockerfile_json("CMD"))
    if isinstance(command, str):
        command = command.split()
    argv = entrypoint + command
    assert argv[:2] == ["graph-loader", "load"], argv
    assert "--engine" in argv and argv[argv.index("--engine") + 1] == "neo4j"


def test_no_literal_secrets() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.match(r"^\s*-?\s*(\w*(PASSWORD|AUTH)\w*)\s*[:=]\s*(.+)$", line)
        if m:
            value = m.group(3).strip().strip("'\"")
            assert re.fullmatch(r"(neo4j/)?\$\{NEO4J_PASSWORD(:\?[^}]*)?\}", value), line


def _dockerfile_json(instruction: str) -> list[str]:
    import json

    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    (line,) = [ln for ln in text.splitlines() if ln.startswith(instruction + " ")]
    return json.loads(line[len(instruction) + 1 :])


def test_dockerfile_installs_the_package() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.\d+", text, re.M)
    assert re.search(r"^RUN pip install \.", text, re.M)
    assert _dockerfile_json("ENTRYPOINT") == ["graph-loader"]
    assert re.search(r"^USER ", text, re.M)  # not root
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", ".env"} <= set(ignore)


def test_env_example() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^NEO4J_PASSWORD=\S{8,}$", text, re.M)
    assert "#" in text  # explained
    gitignore = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in gitignore
