"""``graph-loader validate`` and ``export`` through the command line.

Bad input must give a clear message and exit 1 (click's own usage errors
exit 2), never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES, REPO_ROOT

from graph_loader.cli import cli

GOOD_SUMMARY = "good/ is valid: 6 actors, 5 relationships, 2 sources;"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    # SystemExit is how commands exit 1; anything else would be a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture()
def good(fixture_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the good fixture, with the cwd set so it displays as ``good/``."""
    d = fixture_copy("good")
    monkeypatch.chdir(d.parent)
    return d


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


# --------------------------------------------------------------------------- validate


def test_validate_ok(good: Path) -> None:
    r = run("validate", "--data", "good")
    assert r.exit_code == 0
    assert r.stdout == (f"{GOOD_SUMMARY} evidence quotes not checked (pass --source-text FILE)\n")
    assert r.stderr == ""


def test_validate_ok_with_source_text(good: Path) -> None:
    r = run("validate", "--data", "good", "--source-text", str(FIXTURES / "source.txt"))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == f"{GOOD_SUMMARY} all evidence quotes found in {FIXTURES / 'source.txt'}\n"


def test_validate_reports_all_errors_sorted(good: Path) -> None:
    edit(good / "relationships.csv", "r2,france", "r2,frnace")
    edit(good / "sources.csv", "maresca-1994,Maresca (1994)", "maresca-1994,")
    edit(good / "actors.csv", "FRA", "XFR")
    r = run("validate", "--data", "good")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert r.stderr.splitlines() == [
        "actors.csv:3: iso3: 'XFR' is not an ISO 3166-1 alpha-3 code",
        "relationships.csv:3: source: unknown actor 'frnace' (did you mean 'france'?)",
        "sources.csv:3: citation: required value is empty",
        "3 errors in good/",
    ]


def test_validate_json_lists_problems(good: Path) -> None:
    """--format json: the same problems, in the same order, as file/line/field/message."""
    edit(good / "relationships.csv", "r2,france", "r2,frnace")
    edit(good / "actors.csv", "FRA", "XFR")
    r = run("validate", "--data", "good", "--format", "json")
    assert r.exit_code == 1
    assert r.stderr == ""
    doc = json.loads(r.stdout)
    assert doc == {
        "valid": False,
        "data": "good/",
        "counts": None,
        "problems": [
            {"file": "actors.csv", "line": 3, "field": "iso3",
             "message": "'XFR' is not an ISO 3166-1 alpha-3 code"},
            {"file": "relationships.csv", "line": 3, "field": "source",
             "message": "unknown actor 'frnace' (did you mean 'france'?)"},
        ],
    }  # fmt: skip
    text = run("validate", "--data", "good")
    problems = [f"{p['file']}:{p['line']}: {p['field']}: {p['message']}" for p in doc["problems"]]
    assert problems == text.stderr.splitlines()[:-1]


def test_validate_json_valid(good: Path) -> None:
    r = run("validate", "--data", "good", "--format", "json")
    assert r.exit_code == 0
    assert r.stderr == ""
    assert json.loads(r.stdout) == {
        "valid": True,
        "data": "good/",
        "counts": {"actors": 6, "relationships": 5, "sources": 2},
        "problems": [],
    }


def test_validate_json_missing_data_dir(tmp_path: Path) -> None:
    r = run("validate", "--data", str(tmp_path / "nope"), "--format", "json")
    assert r.exit_code == 1
    (problem,) = json.loads(r.stdout)["problems"]
    assert problem["field"] == "data" and problem["line"] == 0
    assert "does not exist" in problem["message"]


def test_validate_one_error_summary(good: Path) -> None:
    edit(good / "actors.csv", "FRA", "XFR")
    r = run("validate", "--data", "good")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == "1 error in good/"


def test_validate_quote_not_found(good: Path) -> None:
    edit(good / "relationships.csv", "erupted into full-scale war", "erupted into a full-scale war")
    r = run("validate", "--data", "good", "--source-text", str(FIXTURES / "source.txt"))
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        "relationships.csv:7: evidence: quote not found in source text "
        '(its first 26 of 42 characters match, up to "the conflict erupted into ")',
        "1 error in good/",
    ]


# Broken files: each is reported, with exit 1 and no traceback.
BROKEN: dict[str, tuple[str, bytes | None, str]] = {
    "not utf-8": (
        "actors.csv",
        b"id,name,kind,aliases,iso3,description\nfrance,Fr\xe4nce,State,,FRA,\n",
        "actors.csv:2: file: not valid UTF-8 (byte 0xe4 at line 2)",
    ),
    "empty": (
        "sources.csv",
        b"",
        "sources.csv:1: file: file is empty; expected header: id,citation,kind,year,url",
    ),
    "missing column": (
        "sources.csv",
        b"id,kind,year,url\npaper,article,2024,\n",
        "sources.csv:1: header: missing column(s): citation",
    ),
    "ragged row": (
        "sources.csv",
        b"id,citation,kind,year,url\npaper,The paper,article,2024\nmaresca-1994,M,,,\n",
        "sources.csv:2: row: row has 4 fields, header has 5",
    ),
    "missing file": ("sources.csv", None, "sources.csv:0: file: file not found; expected "
                     "header: id,citation,kind,year,url"),
    "binary schema": ("schema.yaml", b"\x89PNG\r\n", "schema.yaml:1: file: not valid UTF-8 "
                      "(byte 0x89 at line 1)"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BROKEN))
def test_validate_broken_file(case: str, good: Path) -> None:
    name, content, expected = BROKEN[case]
    if content is None:
        (good / name).unlink()
    else:
        (good / name).write_bytes(content)
    r = run("validate", "--data", "good")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [expected, "1 error in good/"]


@pytest.mark.parametrize(
    "transform",
    [
        lambda b: b"\xef\xbb\xbf" + b,  # BOM
        lambda b: b.replace(b"\n", b"\r\n"),  # CRLF
    ],
    ids=["bom", "crlf"],
)
def test_validate_accepts_bom_and_crlf(transform: Callable[[bytes], bytes], good: Path) -> None:
    for name in ("actors.csv", "relationships.csv", "sources.csv"):
        path = good / name
        path.write_bytes(transform(path.read_bytes()))
    r = run("validate", "--data", "good", "--source-text", str(FIXTURES / "source.txt"))
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith(GOOD_SUMMARY)


def test_validate_multiline_quote_line_numbers(good: Path) -> None:
    # r3 (lines 4-6) has a quote with commas and newlines; r4 starts on line 7.
    edit(good / "relationships.csv", "r4,osce", "r4,nobody")
    edit(good / "relationships.csv", "r5,azerbaijan", "r5,nobody")
    r = run("validate", "--data", "good")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        "relationships.csv:7: source: unknown actor 'nobody'",
        "relationships.csv:8: source: unknown actor 'nobody'",
        "2 errors in good/",
    ]


def test_validate_missing_data_dir(tmp_path: Path) -> None:
    r = run("validate", "--data", str(tmp_path / "nope"))
    assert r.exit_code == 1
    assert r.stderr == f"error: data directory '{tmp_path / 'nope'}' does not exist (see --data)\n"


def test_validate_missing_source_text(good: Path) -> None:
    r = run("validate", "--data", "good", "--source-text", "nope.txt")
    assert r.exit_code == 1
    assert r.stderr == "error: source text 'nope.txt' not found\n"


def test_validate_source_text_not_utf8(good: Path) -> None:
    Path("paper.txt").write_bytes(b"abc\n\xff\n")
    r = run("validate", "--data", "good", "--source-text", "paper.txt")
    assert r.exit_code == 1
    assert r.stderr == "error: source text 'paper.txt': not valid UTF-8 (byte 0xff at line 2)\n"


def test_usage_error_exits_2() -> None:
    r = run("validate", "--no-such-option")
    assert r.exit_code == 2


def test_validate_help_teaches() -> None:
    r = run("validate", "--help")
    assert r.exit_code == 0
    assert "FILE:LINE: FIELD: MESSAGE" in r.stdout
    assert "graph-loader validate --source-text" in r.stdout


def test_validate_uses_default_data_dir(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPH_LOADER_DATA", "good")
    r = run("validate")
    assert r.exit_code == 0
    assert r.stdout.startswith(GOOD_SUMMARY)


def test_python_dash_m(good: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "graph_loader", "validate", "--data", "good"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(GOOD_SUMMARY)


# --------------------------------------------------------------------------- export

NODE_KEYS = ["id", "name", "kind", "aliases", "iso3", "description", "short_name"]
REL_KEYS = [
    "id", "source", "type", "target", "start", "end", "evidence", "section",
    "source_ref", "cites", "certainty", "note", "date_basis", "contradicts", "symmetric",
    "polarity",
]  # fmt: skip


def test_export_json_shape(good: Path) -> None:
    r = run("export", "--data", "good", "--format", "json", "--output", "out/graph.json")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    assert r.stderr == ("wrote out/graph.json (json): 6 actors, 5 relationships, 2 sources\n")
    doc = json.loads(Path("out/graph.json").read_text(encoding="utf-8"))
    assert list(doc) == ["nodes", "relationships", "sources", "meta"]
    assert all(list(n) == NODE_KEYS for n in doc["nodes"])
    assert all(list(e) == REL_KEYS for e in doc["relationships"])
    assert doc["nodes"][0] == {
        "id": "azerbaijan",
        "name": "Azerbaijan",
        "kind": "State",
        "aliases": ["Republic of Azerbaijan", "AZ"],
        "iso3": "AZE",
        "description": "A state in the South Caucasus.",
        "short_name": "",  # the fixture's actors.csv has no short_name column: optional
    }
    rels = {e["id"]: e for e in doc["relationships"]}
    assert (rels["r1"]["start"], rels["r1"]["end"]) == ("1992-01-30", "")
    assert (rels["r5"]["start"], rels["r5"]["end"]) == ("", "1991")
    assert (rels["r5"]["symmetric"], rels["r5"]["polarity"]) == (True, 1)
    assert (rels["r4"]["symmetric"], rels["r4"]["polarity"]) == (False, -1)
    assert rels["r4"]["cites"] == "Maresca 1994"
    assert rels["r2"]["note"] == "a note, with a comma"
    assert doc["sources"][1] == {
        "id": "maresca-1994", "citation": "Maresca (1994)", "kind": "report",
        "year": "1994", "url": "",
    }  # fmt: skip
    meta = doc["meta"]
    assert meta["counts"] == {"nodes": 6, "relationships": 5, "sources": 2}
    assert meta["kinds"]["State"]["color"] == "#1f77b4"
    assert meta["relationship_types"]["ALLY_OF"]["symmetric"] is True
    # UTF-8 as is, not \u escapes; stable output for the same data
    raw = Path("out/graph.json").read_text(encoding="utf-8")
    assert "Süleymanlı" in raw and raw.endswith("}\n")


def test_export_to_stdout_is_same_document(good: Path) -> None:
    run("export", "--data", "good", "-o", "a.json")
    r = run("export", "--data", "good")
    assert r.exit_code == 0
    assert r.stdout == Path("a.json").read_text(encoding="utf-8")


def test_export_invalid_data_writes_nothing(good: Path) -> None:
    edit(good / "actors.csv", "FRA", "XFR")
    r = run("export", "--data", "good", "-o", "out.json")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        "actors.csv:3: iso3: 'XFR' is not an ISO 3166-1 alpha-3 code",
        "1 error in good/",
    ]
    assert not Path("out.json").exists()


def test_export_unknown_format_is_usage_error(good: Path) -> None:
    r = run("export", "--data", "good", "--format", "xml")
    assert r.exit_code == 2


def test_export_unwritable_output(good: Path) -> None:
    Path("blocker").write_text("a file, not a directory", encoding="utf-8")
    r = run("export", "--data", "good", "-o", "blocker/graph.json")
    assert r.exit_code == 1
    assert r.stderr.startswith("error: cannot write 'blocker/graph.json'")


def test_write_json_is_atomic(tmp_path: Path) -> None:
    from graph_loader.interchange import write_json

    target = tmp_path / "g.json"
    target.write_text("old", encoding="utf-8")
    write_json({"a": "ü"}, target)
    assert target.read_text(encoding="utf-8") == '{\n  "a": "ü"\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]  # no temp file left


# --------------------------------------------------------------------------- shipped data


def test_validate_shipped_data(data_dir: Path, source_text_path: Path) -> None:
    r = run("validate", "--data", str(data_dir), "--source-text", str(source_text_path))
    assert r.exit_code == 0, r.stderr
    assert " is valid: " in r.stdout
    assert f"all evidence quotes found in {source_text_path}" in r.stdout


def test_export_shipped_data(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.json"
    r = run("export", "--data", str(data_dir), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    ids = {n["id"] for n in doc["nodes"]}
    assert {"osce", "minsk-group", "minsk-conference"} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in doc["relationships"])


#: What the light commands must not import (each costs 0.1-0.8 s of start-up).
HEAVY = ("pandas", "matplotlib", "scipy", "igraph", "polars", "networkx")


@pytest.mark.parametrize("argv", [
    ["--help"], ["validate"], ["validate", "--help"], ["queries"], ["query", "--help"],
])
def test_light_commands_import_nothing_heavy(argv: list[str]) -> None:
    """``--help``, ``validate`` (of the paper's data) and the query library start light:
    the analyses' libraries are imported where they are used, not at start-up."""
    code = (
        "import sys\nfrom graph_loader.cli import main\n"
        f"sys.argv = ['graph-loader', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "assert not heavy, f'imported: {heavy}'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO_ROOT, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
