"""Issue 16: bounded work on any input, and data that validates must build.

Each hostile input is refused by ``graph-loader validate`` with ``file:line: field:
message``, quickly and in bounded memory, never with a traceback or a hang.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO_ROOT

from graph_loader.cli import cli
from graph_loader.model import fields
from graph_loader.schemastrict import RELTYPE_KEYS, TOP_KEYS

HEADER = "id,name,kind,aliases,iso3,description"
#: The columns the message lists: every declared actor column (optional ones included).
DECLARED = ",".join(f.name for f in fields(None, "actor", ("column",)))


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def errors(data: Path) -> list[str]:
    """The issue lines of ``validate --data`` (the count line dropped); asserts exit 1."""
    r = run("validate", "--data", str(data))
    assert r.exit_code == 1, r.output
    lines = r.stderr.splitlines()
    assert lines[-1].endswith(f"in {data.name}/") or lines[-1].endswith(f"{data}/"), lines
    return lines[:-1]


@pytest.fixture()
def good(fixture_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    d = fixture_copy("good")
    monkeypatch.chdir(d.parent)
    return d


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Set one cell of a CSV file (``line`` as an editor counts, header = 1)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --------------------------------------------------------------------------- bounded work


@pytest.mark.parametrize("width", [5_000, 50_000, 1_000_000])
def test_a_wide_header_is_refused_at_once(good: Path, width: int) -> None:
    extra = ",".join(f"c{i}" for i in range(width - 6))
    (good / "actors.csv").write_text(f"{HEADER},{extra}\n", encoding="utf-8")
    t0 = time.perf_counter()
    assert errors(good) == [
        f"actors.csv:1: header: header has {width} columns; at most 100 allowed "
        f"(expected: {DECLARED})"
    ]
    assert time.perf_counter() - t0 < 10


def test_the_header_check_is_linear(good: Path) -> None:
    header = ",".join([HEADER] * 16)  # 96 columns, each repeated 16 times
    (good / "actors.csv").write_text(header + "\n", encoding="utf-8")
    assert errors(good) == [
        "actors.csv:1: header: repeated column(s): aliases, description, id, iso3, kind, name"
    ]


def test_a_billion_laughs_schema_is_refused(good: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    edit(good / "schema.yaml", "version: 1\n", "version: 1\n" + "\n".join(lines) + "\n")
    n = (good / "schema.yaml").read_text(encoding="utf-8").splitlines().index(lines[1]) + 1
    assert errors(good) == [
        f"schema.yaml:{n}: yaml: aliases (*a0) are not allowed; write the value out"
    ]


def test_an_oversized_schema_is_refused(good: Path) -> None:
    with (good / "schema.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# padding\n" * 110_000)
    assert errors(good) == ["schema.yaml:0: file: the file is larger than the limit of 1 MB"]


def test_a_fifo_is_refused_without_hanging(good: Path) -> None:
    (good / "actors.csv").unlink()
    os.mkfifo(good / "actors.csv")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "graph-loader"), "validate", "--data", str(good)],
        capture_output=True, text=True, timeout=60, cwd=REPO_ROOT,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "actors.csv:0: file: the file is a FIFO (named pipe), not a regular file"
    )


def test_a_link_to_dev_zero_is_refused(good: Path) -> None:
    (good / "sources.csv").unlink()
    (good / "sources.csv").symlink_to("/dev/zero")
    assert errors(good)[0] == (
        "sources.csv:0: file: the file is a character device, not a regular file"
    )


def test_cells_have_a_size_limit(good: Path) -> None:
    set_cell(good / "actors.csv", 2, "description", "x" * 20_000)
    set_cell(good / "actors.csv", 3, "description", "y" * 200_000)
    assert errors(good) == [
        "actors.csv:2: description: value has 20000 characters; at most 10000 allowed",
        "actors.csv:3: row: a value is longer than 131072 characters (at most 10000 allowed); "
        "the rest of the file is unread",
    ]


# --------------------------------------------------------------------------- data must build


@pytest.mark.parametrize(
    ("char", "code"), [("\x00", "0000"), ("\x01", "0001"), ("\x0b", "000B"), ("\x1b", "001B")]
)
def test_control_characters_are_refused(good: Path, char: str, code: str) -> None:
    set_cell(good / "actors.csv", 2, "name", f"Ar{char}menia")
    set_cell(good / "relationships.csv", 3, "note", f"a{char}b")
    set_cell(good / "sources.csv", 2, "id", f"x{char}y")
    assert [e for e in errors(good) if "U+" in e] == [
        f"actors.csv:2: name: contains the control character U+{code} at position 3 "
        "(not allowed in any field)",
        f"relationships.csv:3: note: contains the control character U+{code} at position 2 "
        "(not allowed in any field)",
        f"sources.csv:2: id: contains the control character U+{code} at position 2 "
        "(not allowed in any field)",
    ]


def test_tab_and_newline_only_in_free_text(good: Path) -> None:
    set_cell(good / "actors.csv", 2, "name", "Ar\tmenia")
    set_cell(good / "actors.csv", 3, "id", "x\ny")
    set_cell(good / "actors.csv", 4, "description", "line one\nline\ttwo")
    set_cell(good / "relationships.csv", 2, "note", "line one\r\nline two")
    allowed = "allowed only in description, evidence, note, citation"
    assert [e for e in errors(good) if "contains" in e] == [
        f"actors.csv:2: name: contains a tab at position 3 ({allowed})",
        f"actors.csv:3: id: contains a line break at position 2 ({allowed})",
    ]


def test_free_text_with_newlines_validates_builds_and_exports_xml(
    good: Path, tmp_path: Path
) -> None:
    from lxml import etree

    set_cell(good / "actors.csv", 2, "description", "line one\nline\ttwo")
    r = run("build", "--data", str(good), "--out", str(tmp_path / "out"))
    assert r.exit_code == 0, r.output
    for name in ("graph.graphml", "graph.gexf"):
        etree.parse(str(tmp_path / "out" / "exports" / name))  # well-formed XML


def test_a_colour_with_a_trailing_newline_is_refused(good: Path) -> None:
    edit(good / "schema.yaml", 'color: "#1f77b4"', 'color: "#1f77b4\\n"')
    assert errors(good) == [
        "schema.yaml:5: schema: kind State: color '#1f77b4\\n' is not #rrggbb"
    ]


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        (".nan", "influence.weight must be a finite number, not nan"),
        (".inf", "influence.weight must be a finite number, not inf"),
        ("-.inf", "influence.weight must be a finite number, not -inf"),
        ("-1", "influence.weight must be positive"),
        ("heavy", "influence.weight must be a finite number, not 'heavy'"),
    ],
)
def test_weights_are_finite_and_positive(good: Path, weight: str, message: str) -> None:
    edit(good / "schema.yaml", "weight: 1.0", f"weight: {weight}")
    [line] = errors(good)
    assert line.endswith(f": schema: relationship type MEMBER_OF: {message}")


def test_a_dataset_with_headers_only_is_refused(good: Path) -> None:
    for name in ("actors.csv", "relationships.csv", "sources.csv"):
        first = (good / name).read_text(encoding="utf-8").splitlines()[0]
        (good / name).write_text(first + "\n", encoding="utf-8")
    assert errors(good) == [
        "actors.csv:0: file: no actors (the file has a header only); the dataset needs at "
        "least one actor"
    ]
    r = run("build", "--data", str(good), "--out", "out")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert not Path("out").exists()


def test_an_unknown_schema_key_is_refused_with_a_suggestion(good: Path) -> None:
    edit(good / "schema.yaml", "symmetric:", "symetric:")
    [line] = errors(good)
    assert line.endswith(
        ": schema: relationship type MEMBER_OF: unknown key 'symetric' (did you mean "
        f"'symmetric'?); allowed: {', '.join(RELTYPE_KEYS)}"
    )


def test_unknown_keys_everywhere(good: Path) -> None:
    edit(good / "schema.yaml", "version: 1", "version: 1\nkinda: {}")
    assert errors(good) == [
        "schema.yaml:0: schema: unknown key 'kinda' (did you mean 'kinds'?); allowed: "
        + ", ".join(TOP_KEYS)
    ]


def test_a_misspelt_influence_key_is_refused(good: Path) -> None:
    edit(good / "schema.yaml", "weight: 1.0", "wieght: 1.0")
    [line] = errors(good)
    assert line.endswith(
        ": schema: relationship type MEMBER_OF: influence: unknown key 'wieght' (did you "
        "mean 'weight'?); allowed: toward, weight"
    )


def test_a_duplicate_key_is_refused(good: Path) -> None:
    edit(good / "schema.yaml", "    polarity: 1\n", "    polarity: 1\n    polarity: -1\n")
    text = (good / "schema.yaml").read_text(encoding="utf-8").splitlines()
    first = text.index("    polarity: 1") + 1
    assert errors(good) == [
        f"schema.yaml:{first + 1}: yaml: duplicate key 'polarity' (first at line {first})"
    ]


def test_a_5001_digit_polarity_is_refused(good: Path) -> None:
    edit(good / "schema.yaml", "polarity: 1", "polarity: " + "9" * 5001)
    [line] = errors(good)
    assert line.endswith(": yaml: integer with 5001 digits; at most 18 allowed")


def test_a_quoted_5001_digit_polarity_is_refused(good: Path) -> None:
    edit(good / "schema.yaml", "polarity: 1", 'polarity: "' + "9" * 5001 + '"')
    [line] = errors(good)
    assert line.endswith(
        ": schema: relationship type MEMBER_OF: polarity must be -1, 0 or 1, not "
        "'999999999999999999999999999999999999..."
    )


def test_booleans_must_be_booleans(good: Path) -> None:
    edit(good / "schema.yaml", "symmetric: false", 'symmetric: "no"')
    [line] = errors(good)
    assert line.endswith(
        ": schema: relationship type MEMBER_OF: symmetric must be true or false, not 'no'"
    )


def test_the_source_text_must_be_a_regular_file(good: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "paper.txt"
    os.mkfifo(fifo)
    r = run("validate", "--data", str(good), "--source-text", str(fifo))
    assert r.exit_code == 1
    assert r.stderr == (
        f"error: source text {str(fifo)!r}: it is a FIFO (named pipe), not a regular file\n"
    )
    r = run("validate", "--data", str(good), "--source-text", str(tmp_path))
    assert r.stderr == (
        f"error: source text {str(tmp_path)!r}: it is a directory, not a regular file\n"
    )


def test_long_evidence_is_refused_without_searching_the_paper(good: Path) -> None:
    source_text_path = REPO_ROOT / "tests" / "fixtures" / "source.txt"
    set_cell(good / "relationships.csv", 2, "evidence", "a" * 10_000)
    set_cell(good / "relationships.csv", 3, "evidence", " ".join(["word"] * 2_000))
    t0 = time.perf_counter()
    r = run("validate", "--data", str(good), "--source-text", str(source_text_path))
    assert time.perf_counter() - t0 < 10
    assert r.stderr.splitlines()[:2] == [
        "relationships.csv:2: evidence: quote has 10000 characters; at most 1000 allowed "
        "(quote the shortest passage that supports the claim)",
        "relationships.csv:3: evidence: quote has 2000 words; at most 60 allowed (quote the "
        "shortest passage that supports the claim)",
    ]


def test_hints_are_bounded(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Did you mean' hints stop once their budget is spent; the errors remain."""
    from graph_loader import suggest

    monkeypatch.setattr(suggest, "BUDGET", 6)  # one comparison with the 6 actors
    set_cell(good / "relationships.csv", 2, "source", "azerbaijn")
    set_cell(good / "relationships.csv", 3, "source", "frnace")
    assert [e for e in errors(good) if "unknown actor" in e] == [
        "relationships.csv:2: source: unknown actor 'azerbaijn' (did you mean 'azerbaijan'?)",
        "relationships.csv:3: source: unknown actor 'frnace'",
    ]
