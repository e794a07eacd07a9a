"""Spreadsheet-safe CSV output.

The build writes its analysis tables as CSV for people to open in Excel,
LibreOffice or Google Sheets. Two things make that safe and pleasant:

- **Formula neutralisation.** A spreadsheet evaluates a cell that starts with
  ``=``, ``+``, ``-`` or ``@`` (and some also treat a leading tab or carriage
  return specially) as a formula, so an actor name or an evidence quote such
  as ``=HYPERLINK(...)`` could run when the file is opened ("CSV injection").
  Such a text cell is prefixed with a single quote ``'``, which spreadsheets
  show as plain text. Numbers, including negative ones like ``-0.5``, are
  left alone so they stay numbers.
- **Encoding.** Files are written as UTF-8 *with* a byte-order mark
  (``utf-8-sig``): Excel needs the BOM to read UTF-8 (otherwise names like
  "Süleymanlı" are garbled); Python's ``csv`` reads it back transparently with
  ``encoding="utf-8-sig"``, and pandas with ``encoding="utf-8-sig"`` too.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

#: Leading characters that make a spreadsheet treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(p[0] for p in FORMULA_PREFIXES)

#: The encoding of every CSV the build writes (UTF-8 with a BOM, for Excel).
CSV_ENCODING = "utf-8-sig"

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def is_number_text(text: str) -> bool:
    """True if ``text`` is a plain decimal number such as ``-0.5`` or ``+3e-2``.

    Parameters
    ----------
    text : str
        A cell value.

    Returns
    -------
    bool
        Whether a spreadsheet would read the text as a number (not a formula).

    Examples
    --------
    >>> is_number_text("-0.5"), is_number_text("-1+2"), is_number_text("=1")
    (True, False, False)
    """
    return bool(_NUMBER.match(text))


def neutralise(value: Any) -> Any:
    """Make one cell value safe to open in a spreadsheet.

    Parameters
    ----------
    value : Any
        A cell value. Numbers (``int``, ``float``, numpy scalars) and ``bool``
        are returned unchanged; ``None`` and NaN become ``""``; lists and
        tuples are joined with ``;``; anything else is converted with ``str``.

    Returns
    -------
    Any
        The value, or for text starting with one of :data:`FORMULA_PREFIXES`
        that is not a number, the text prefixed with ``'``.

    Examples
    --------
    >>> neutralise("=1+1"), neutralise("-0.5"), neutralise(-0.5), neutralise("@SUM(A1)")
    ("'=1+1", '-0.5', -0.5, "'@SUM(A1)")
    """
    if type(value) is str:  # most cells: one check of the first character
        if value[:1] in _FORMULA_FIRST and not is_number_text(value):
            return "'" + value
        return value
    if value is None:
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return "" if isinstance(value, float) and math.isnan(value) else value
    if isinstance(value, (list, tuple, set, frozenset)):
        value = ";".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_PREFIXES) and not is_number_text(text):
        return "'" + text
    return text


def write_csv(
    path: str | Path,
    rows: Iterable[Sequence[Any]],
    header: Sequence[str],
) -> Path:
    """Write a spreadsheet-safe CSV file.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write; parent directories are created.
    rows : iterable of sequences
        The data rows; every cell goes through :func:`neutralise`.
    header : sequence of str
        Column names (also neutralised).

    Returns
    -------
    pathlib.Path
        The path written, encoded as :data:`CSV_ENCODING` with ``\\r\\n`` line ends.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=CSV_ENCODING, newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerow([neutralise(h) for h in header])
        writer.writerows(map(_safe_row, rows))
    return path


def _safe_row(row: Sequence[Any]) -> list[Any]:
    """:func:`neutralise` of each cell, skipping the call for the cells it returns as
    they are (text not starting like a formula, ints, bools, floats but NaN) and for
    ``None`` (``""``): most of them."""
    return [
        v if ((t := type(v)) is str and v[:1] not in _FORMULA_FIRST)
        or t is int or t is bool or (t is float and v == v)
        else "" if v is None else neutralise(v)
        for v in row
    ]


def write_frame(path: str | Path, df: pd.DataFrame, index: bool = False) -> Path:
    """Write a pandas DataFrame as a spreadsheet-safe CSV file.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write.
    df : pandas.DataFrame
        The table. Column names and cells are neutralised (see :func:`neutralise`).
    index : bool, optional
        Also write the index as the first column (named after ``df.index.name``
        or ``"index"``).

    Returns
    -------
    pathlib.Path
        The path written.
    """
    header = [str(c) for c in df.columns]
    if index:
        header = [str(df.index.name or "index"), *header]
        tuples = df.itertuples(index=False, name=None)
        rows: Iterable[Sequence[Any]] = (
            (idx, *vals) for idx, vals in zip(df.index, tuples, strict=True)
        )
    else:
        rows = df.itertuples(index=False, name=None)
    return write_csv(path, rows, header)
