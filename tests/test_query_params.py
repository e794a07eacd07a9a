"""`graph-loader query` refuses parameters the query does not declare, or cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph_loader import queries as ql
from graph_loader.cli import cli


def _query(tmp_path: Path, args: list[str]) -> tuple[int, str]:
    # The checks come before any database is opened: a store that would fail proves it.
    result = CliRunner().invoke(
        cli, ["query", *args, "--engine", "embedded", "--store", str(tmp_path / "unused")]
    )
    return result.exit_code, result.output


def test_unknown_parameter_lists_the_declared_ones(tmp_path: Path) -> None:
    code, out = _query(tmp_path, ["minsk_chairs", "-p", "Year=2000"])
    assert code == 2
    assert out == (
        "error: query 'minsk_chairs' has no parameter 'Year'; its parameters: "
        "year (an integer, default 1995)\n"
    )


def test_wrong_type_names_the_expected_type(tmp_path: Path) -> None:
    code, out = _query(tmp_path, ["minsk_chairs", "-p", "year=abc"])
    assert code == 2
    assert out == (
        "error: parameter 'year' of query 'minsk_chairs' must be an integer (like 1995), "
        "not 'abc'\n"
    )


def test_unknown_actor_suggests_close_names(tmp_path: Path) -> None:
    code, out = _query(tmp_path, ["evidence_between", "-p", "a=Turky"])
    assert code == 2
    assert out.startswith(
        "error: no actor is named 'Turky' (parameter 'a' of query 'evidence_between'); "
        "did you mean 'Turkey'"
    )
    assert "\n" not in out.rstrip("\n")


def test_unknown_actor_without_close_names(tmp_path: Path) -> None:
    code, out = _query(tmp_path, ["evidence_between", "-p", "b=zzzzqqqq"])
    assert code == 2
    assert "no actor is named 'zzzzqqqq' (parameter 'b'" in out
    assert "lists the names" in out


def test_declared_actor_parameters_exist() -> None:
    lib = ql.load_library()
    with_actors = [q for q in lib.values() if q.actor_params]
    assert with_actors, "no query declares actor parameters"
    for q in with_actors:
        assert set(q.actor_params) <= set(q.params), q.name


def test_bind_keeps_text_and_parses_integers() -> None:
    q = ql.get_query("evidence_between")
    assert ql.bind(q, {"a": "1995"})["a"] == "1995"  # text stays text
    assert ql.bind(q, {"a": "'Turkey'"})["a"] == "Turkey"
    y = ql.get_query("minsk_chairs")
    assert ql.bind(y, {"year": "2000"}) == {"year": 2000}
    assert ql.bind(y, {}) == y.params


def test_actors_header_must_name_a_parameter(tmp_path: Path) -> None:
    text = "// title: t\n// :param a => 'x'\n// actors: a, b\nRETURN $a"
    with pytest.raises(ql.QueryFileError, match="'actors:' names 'b'"):
        ql.parse_query(text, tmp_path / "t.cypher")
