"""docker-compose.yml, Dockerfile and .env.example: static checks (no Docker engine needed)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


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
    assert neo4j["image"] == "neo4j:5.26-community"
    env = _env(neo4j)
    assert env["NEO4J_PLUGINS"].replace(" ", "") == '["apoc"]'
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
    assert "cypher-shell" in test or "wget" in test
    assert "curl" not in test  # the image has no curl


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
