"""The column-wise CSV writer (graph_loader.tables) against the reference: :mod:`csv`.

``write_csv``, ``write_columns`` and ``write_frame`` build the text themselves, a column
at a time. The reference here is the writer they replaced: every cell through
``neutralise``, then ``csv.writer`` (``QUOTE_MINIMAL``) into a ``utf-8-sig`` file. The
bytes must be the same for any cells, awkward ones above all.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from graph_loader import tables
from graph_loader.tables import column_fields, neutralise, write_columns, write_csv, write_frame


def reference_csv(path: Path, rows: Iterable[Sequence[Any]], header: Sequence[str]) -> bytes:
    """The bytes of the original ``write_csv``: ``neutralise`` and ``csv.writer``."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerow([neutralise(h) for h in header])
        writer.writerows([neutralise(v) for v in row] for row in rows)
    return path.read_bytes()


def reference_frame(path: Path, df: pd.DataFrame, index: bool) -> bytes:
    """The bytes of the original ``write_frame``: its ``itertuples`` rows, as above."""
    header = [str(c) for c in df.columns]
    rows: Iterable[Sequence[Any]] = df.itertuples(index=False, name=None)
    if index:
        header = [str(df.index.name or "index"), *header]
        rows = ((i, *vals) for i, vals in zip(df.index, rows, strict=True))
    return reference_csv(path, rows, header)


class Formulaic:
    """An object whose text starts like a formula."""

    def __str__(self) -> str:
        return "=1+2"


class Text(str):
    """A ``str`` subclass (not the exact type the fast path takes)."""


#: Cells that test quoting, neutralisation, number formats, missing values and types.
AWKWARD: list[Any] = [
    "", "plain", "a,b", 'say "hi"', '"', ",", "line\nbreak", "cr\rhere", "\r\n", "crlf\r\n",
    "=1+1", "+cmd", "-cmd", "@SUM(A1)", "\tTAB", "\rCR", "-", "+", "=", "-0.5", "+3",
    "-1e-3", ".5", "1e5", "-inf", "nan", "'quoted", "Süleymanlı", "日本語", "emoji 🎉",
    "é,\"x\"\n", " lead space", "trail space ", "a;b", "nul\x00char", "=a,b\n", "a\x00=b",
    0, 1, -1, 10**20, -(10**20), True, False,
    0.1, 1e-20, -0.5, 1.0, -0.0, 2.5e300, 1 / 3, float("inf"), float("-inf"), float("nan"),
    None,
    np.int64(-3), np.float64(0.1), np.float64("nan"), np.bool_(True), np.float32(0.5),
    ["a", "b"], ["=a", "b"], [], ("x", 1), ["a,b", 'c"d'], [1.5, None],
    Formulaic(), Text("=sub"), Text("ok"), pd.NA,
]


def awkward_columns() -> list[list[Any]]:
    """Columns that each take one path: text, ints, numbers, lists, and everything mixed."""
    def of(*types: type) -> list[Any]:
        return [v for v in AWKWARD if type(v) in types]

    return [of(str), of(int, bool), of(int, float), of(float), of(list, tuple), AWKWARD]


def _same(tmp_path: Path, rows: list[Sequence[Any]], header: Sequence[str]) -> None:
    expected = reference_csv(tmp_path / "ref.csv", rows, header)
    assert write_csv(tmp_path / "rows.csv", rows, header).read_bytes() == expected
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in header]
    got = write_columns(tmp_path / "cols.csv", [columns], header).read_bytes()
    assert got == expected


@pytest.mark.parametrize("col", awkward_columns())
def test_one_awkward_column_each_way(tmp_path: Path, col: list[Any]) -> None:
    _same(tmp_path, [[v] for v in col], ["only"])  # one field a row: "" is quoted
    _same(tmp_path, [[v, v, "x"] for v in col], ["=h", "a,b", 'q"'])


def test_every_pair_of_awkward_cells(tmp_path: Path) -> None:
    rows = [[a, b] for a in AWKWARD for b in AWKWARD[::7]]
    _same(tmp_path, rows, ["first", "second"])


def test_random_tables(tmp_path: Path) -> None:
    rng = random.Random(20240601)
    alphabet = [*'ab ,"\n\r\t=+-@.e0123456789', "é", "🎉", "\x00"]
    for _ in range(40):
        width = rng.randint(1, 4)
        kinds = [rng.choice(["text", "number", "mixed"]) for _ in range(width)]

        def cell(kind: str) -> Any:
            if kind == "number" or (kind == "mixed" and rng.random() < 0.3):
                return rng.choice([rng.randint(-5, 5), rng.uniform(-2, 2), float("nan"),
                                   rng.random() * 10 ** rng.randint(-30, 30)])
            if kind == "mixed" and rng.random() < 0.2:
                return rng.choice([None, [], ["=x"], True])
            return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))

        rows = [[cell(k) for k in kinds] for _ in range(rng.randint(0, 30))]
        _same(tmp_path, rows, [f"c{i}" for i in range(width)])


def test_blocks_and_empty_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "BLOCK_ROWS", 3)  # rows spread over several blocks
    rows = [[AWKWARD[i % len(AWKWARD)], i, i / 7] for i in range(20)]
    _same(tmp_path, rows, ["a", "b", "c"])
    _same(tmp_path, [], ["a", "b"])
    _same(tmp_path, [], [""])
    expected = reference_csv(tmp_path / "ref.csv", rows, ["a", "b", "c"])
    blocks = [[list(c) for c in zip(*rows[i:i + 6], strict=True)] for i in range(0, 20, 6)]
    got = write_columns(tmp_path / "b.csv", blocks, ["a", "b", "c"]).read_bytes()
    assert got == expected


def test_rows_of_other_lengths_are_written_as_csv_writes_them(tmp_path: Path) -> None:
    rows: list[Sequence[Any]] = [["=a", 1], ["b"], [], ["c", 2, "extra"], ("d", None)]
    assert (write_csv(tmp_path / "r.csv", rows, ["x", "y"]).read_bytes()
            == reference_csv(tmp_path / "ref.csv", rows, ["x", "y"]))
    assert (write_csv(tmp_path / "e.csv", [[], []], []).read_bytes()
            == reference_csv(tmp_path / "ref.csv", [[], []], []))


def test_write_columns_checks_the_shape(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_columns(tmp_path / "w.csv", [[["a"]]], ["x", "y"])
    with pytest.raises(ValueError):
        write_columns(tmp_path / "l.csv", [[["a"], ["b", "c"]]], ["x", "y"])


def test_column_fields() -> None:
    assert column_fields(["=1", "a,b", -0.5, None, float("nan"), ["x", "y"]]) == [
        "'=1", '"a,b"', "-0.5", "", "", "x;y"]
    assert column_fields([0.1, 1e-20, 3]) == ["0.1", "1e-20", "3"]
    assert column_fields(["-0.5", "-x", "-x"]) == ["-0.5", "'-x", "'-x"]


def awkward_frame() -> pd.DataFrame:
    n = 7
    text = ["=evil", "ok", 'q"uote', "a,b", "Süleymanlı", "-3", "line\nbreak"]
    return pd.DataFrame(
        {
            "name": pd.array(text, dtype="string"),
            "missing": pd.array(["x", None, "=y", None, "", "z", None], dtype="string"),
            "obj": pd.Series(["a", None, 1.5, ["=l"], np.nan, True, "-"], dtype=object),
            "score": [0.1, -0.5, float("nan"), 1e-20, 2.0, float("inf"), -0.0],
            "count": np.arange(n, dtype=np.int64) - 3,
            "flag": [True, False] * 3 + [True],
            "=formula header": [1.5] * n,
            "nullable": pd.array([1, None, -2, 3, None, 0, 7], dtype="Int64"),
            "when": pd.to_datetime(["2020-01-01", None, "1999-12-31", "2020-01-01",
                                    "2001-02-03", None, "1988-02-20"]),
            "kind": pd.Categorical(["a", "=b", "a", None, "c", "a", "b"]),
        },
        index=pd.Index(["+id", "b", "c", "@d", "e", "-0.5", "g"], name="id"),
    )


@pytest.mark.parametrize("index", [True, False])
def test_write_frame_matches_the_itertuples_writer(tmp_path: Path, index: bool) -> None:
    df = awkward_frame()
    expected = reference_frame(tmp_path / "ref.csv", df, index)
    assert write_frame(tmp_path / "f.csv", df, index=index).read_bytes() == expected


@pytest.mark.parametrize(
    "df",
    [
        pd.DataFrame(),
        pd.DataFrame(index=pd.RangeIndex(3)),
        pd.DataFrame({"a": pd.Series([], dtype=float)}),
        pd.DataFrame({"only": ["", "x", ""]}),
        pd.DataFrame({"n": [1, 2]}, index=pd.Index([10, 20])),  # unnamed index: "index"
        pd.DataFrame({"v": [0.5, None]},
                     index=pd.MultiIndex.from_tuples([("a", 1), ("=b", 2)], names=["x", "y"])),
    ],
)
@pytest.mark.parametrize("index", [True, False])
def test_write_frame_edge_shapes(tmp_path: Path, df: pd.DataFrame, index: bool) -> None:
    expected = reference_frame(tmp_path / "ref.csv", df, index)
    assert write_frame(tmp_path / "f.csv", df, index=index).read_bytes() == expected


def test_float_columns_format_each_value_by_its_bits(tmp_path: Path) -> None:
    nan2 = float("-nan")
    col = [0.0, -0.0, 0.0, 0.1, 0.1, float("nan"), nan2, -0.0, 1e-20, 1e16, 123456789.125,
           float("inf"), float("-inf"), 5e-324, 1.7976931348623157e308, 2.0, 0.30000000000000004]
    assert column_fields(col) == [
        "" if v != v else repr(v) for v in col
    ]
    _same(tmp_path, [[v, v] for v in col], ["a", "b"])
    ints = [3, -1, 3, 0, 10**30, -(10**30), 3]
    assert column_fields(ints) == [str(v) for v in ints]
    _same(tmp_path, [[v] for v in ints], ["n"])


def test_column_fields_is_cell_by_cell() -> None:
    # the fields of a column are those of its cells one by one (whatever else the column
    # holds): write_tables makes each actor's id and name a field once and reuses it
    for col in [*awkward_columns(), [1, 2.5, True], ["a", 1], [None, "x"]]:
        assert column_fields(col) == [column_fields([v])[0] for v in col]
    fields = tables.Fields(["'=already", '"a,b"'])
    assert column_fields(fields) is fields
