"""Spreadsheet-safe CSV output (graph_loader.tables)."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest

from graph_loader.tables import CSV_ENCODING, is_number_text, neutralise, write_csv, write_frame


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("-", "'-"),
        ("-0.5", "-0.5"),
        ("+3", "+3"),
        ("-1e-3", "-1e-3"),
        ("Armenia", "Armenia"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_text(value: str, expected: str) -> None:
    assert neutralise(value) == expected


def test_neutralise_keeps_numbers_and_handles_missing() -> None:
    assert neutralise(-0.5) == -0.5
    assert neutralise(np.float64(-2.25)) == -2.25
    assert neutralise(np.int64(-3)) == -3
    assert neutralise(True) is True
    assert neutralise(None) == ""
    assert neutralise(float("nan")) == ""
    assert neutralise(["a", "=b"]) == "a;=b"
    assert neutralise(["=a", "b"]) == "'=a;b"


def test_is_number_text() -> None:
    assert is_number_text("-0.5") and is_number_text("12") and is_number_text(".5")
    assert not is_number_text("-1+2") and not is_number_text("-inf") and not is_number_text("")


def test_write_csv_bom_and_round_trip(tmp_path) -> None:
    path = write_csv(
        tmp_path / "sub" / "t.csv",
        [["=HYPERLINK(\"http://x\")", -0.5, "Süleymanlı", "line\nbreak"], ["@x", 3, "-2", None]],
        ["name", "value", "text", "note"],
    )
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "utf-8-sig: Excel needs the BOM"
    with path.open(encoding=CSV_ENCODING, newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["name", "value", "text", "note"]
    assert rows[1] == ["'=HYPERLINK(\"http://x\")", "-0.5", "Süleymanlı", "line\nbreak"]
    assert rows[2] == ["'@x", "3", "-2", ""]
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert is_number_text(cell), cell


def test_write_frame_index_and_neutralised_header(tmp_path) -> None:
    df = pd.DataFrame(
        {"name": ["=evil", "ok"], "score": [-0.25, 0.5]},
        index=pd.Index(["+id", "b"], name="id"),
    )
    path = write_frame(tmp_path / "f.csv", df, index=True)
    back = pd.read_csv(path, encoding=CSV_ENCODING, dtype={"id": str, "name": str})
    assert list(back.columns) == ["id", "name", "score"]
    assert back["id"].tolist() == ["'+id", "b"]
    assert back["name"].tolist() == ["'=evil", "ok"]
    assert back["score"].tolist() == [-0.25, 0.5]
