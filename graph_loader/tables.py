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
import io
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from operator import itemgetter
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


# --------------------------------------------------------------------------- writing
#
# The cells are made safe and turned into CSV text a column at a time, with C-level
# passes where they can be (``set``, ``map``, ``str.join``) rather than per-cell Python,
# and the lines are joined with ``str.join`` rather than written by :mod:`csv`, whose
# writer inspects every character (most of the time of a 290 MB relationships.csv at L).
# The text is what ``csv.writer`` (default ``excel`` dialect, ``QUOTE_MINIMAL``) writes
# for the neutralised cells: a float as its ``repr``, anything else as its ``str``; a
# field holding ``,``, ``"``, ``\r`` or ``\n`` quoted, with ``"`` doubled; a row's only
# field, when empty, as ``""``. tests/test_tables_fast.py holds that writer as the
# reference and compares the bytes on awkward values.

#: Rows turned into text and written at once (bounds the memory of 1M rows at L).
BLOCK_ROWS = 65536

_NEEDS_QUOTES = re.compile('[,"\r\n]').search
_QUOTE_CHARS = (",", '"', "\r", "\n")
# A formula's first character after a NUL: in the NUL-joined texts, a text starting so
# (or one holding a NUL before such a character: then the texts are checked one by one)
_FORMULA_AFTER_NUL = re.compile("\0[" + re.escape("".join(sorted(_FORMULA_FIRST))) + "]").search
_BOOL_TEXT = {True: "True", False: "False"}
#: Mean length (of the first _SAMPLE) above which a column's texts are deduplicated
#: before they are scanned.
_LONG_TEXT = 32
_SAMPLE = 1000


class Fields(list):
    """A column already made into CSV fields by :func:`column_fields`: written as it is.

    For values repeated across a large table (an actor's id and name at each of its
    relationships): their fields are made once, then looked up.
    """


def _cell_text(value: Any) -> str:
    """One cell's CSV field, before quoting (the general, per-cell path)."""
    value = neutralise(value)
    return repr(value) if isinstance(value, float) else str(value)


def _field(text: str, formulas: bool) -> str:
    """One text's field: neutralised if ``formulas``, then quoted if it must be."""
    if formulas and text[:1] in _FORMULA_FIRST and not is_number_text(text):
        text = "'" + text
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES(text) else text


def _text_fields(col: list[str], formulas: bool = True) -> list[str]:
    """:func:`_field` of each text of a column, working on its distinct texts only.

    Most columns need nothing done: a scan of their texts, joined, for the characters
    that call for quoting or (``formulas``) a neutralising quote shows it. Long texts
    (quotes, notes) repeat, so only the distinct ones are scanned; short ones (ids,
    names) are mostly distinct, so all are, without making a set of them.
    """
    head = col[:_SAMPLE]  # (a sample decides; reading every length costs a scan)
    distinct = set(col) if sum(map(len, head)) > _LONG_TEXT * len(head) else col
    blob = "\0" + "\0".join(distinct)
    if not any(c in blob for c in _QUOTE_CHARS) and not (
        formulas and _FORMULA_AFTER_NUL(blob)
    ):
        return col
    changed = {s: f for s in set(distinct) if (f := _field(s, formulas)) != s}
    return list(map(changed.get, col, col)) if changed else col  # (text -> field or text)


def _float_fields(col: list[float]) -> list[str]:
    """The ``repr`` of each float, NaN as ``""``; each distinct value formatted once.

    Measures repeat values (the z-scores of brokerage, closeness), and ``repr`` is the
    cost of a float column. Values are told apart by their bits, not by ``==``, which
    would take ``-0.0`` for ``0.0`` and keep NaNs apart.
    """
    bits = np.asarray(col, dtype=np.float64).view(np.int64)
    distinct, inverse = np.unique(bits, return_inverse=True)
    texts = [repr(v) if v == v else "" for v in distinct.view(np.float64).tolist()]
    return list(map(texts.__getitem__, inverse.ravel().tolist()))


def column_fields(col: Iterable[Any]) -> list[str]:
    """The CSV fields of one column: each cell neutralised, formatted and quoted.

    Parameters
    ----------
    col : iterable
        The column's cells, of any type :func:`neutralise` takes.

    Returns
    -------
    list of str
        Each cell's field as it appears in the file.

    Examples
    --------
    >>> column_fields(["=1", "a,b", -0.5, None, float("nan"), ["x", "y"]])
    ["'=1", '"a,b"', '-0.5', '', '', 'x;y']
    """
    if isinstance(col, Fields):
        return col
    col = list(col)
    kinds = set(map(type, col))
    # Columns of one plain type (nearly all of them) take C-level passes, cell types
    # aside. Numbers and bools are neither neutralised nor quoted.
    if kinds <= {str}:
        return _text_fields(col)
    if kinds <= {bool}:
        return list(map(_BOOL_TEXT.__getitem__, col))
    if kinds <= {int}:  # counts: few distinct values, each formatted once
        text = {v: str(v) for v in set(col)}
        return list(map(text.__getitem__, col))
    if kinds <= {float}:
        return _float_fields(col)
    if kinds <= {int, bool, float}:  # repr is str for int and bool; NaN is empty
        texts = list(map(repr, col))
        return ["" if t == "nan" else t for t in texts] if "nan" in texts else texts
    if kinds <= {list, tuple}:
        if not any(col):  # all empty
            return [""] * len(col)
        return _text_fields([";".join(map(str, v)) for v in col])
    return _text_fields(list(map(_cell_text, col)), formulas=False)  # neutralised there


def _lines(columns: Sequence[Iterable[Any]]) -> str:
    """The CSV lines of one block of columns (of equal length), each ending ``\\r\\n``."""
    fields = [column_fields(c) for c in columns]
    if len(fields) == 1:  # csv quotes a row's only field when it is empty
        fields = [['""' if f == "" else f for f in fields[0]]]
    lines = list(map(",".join, zip(*fields, strict=True)))
    lines.append("")  # for the last line's \r\n
    return "\r\n".join(lines) if len(lines) > 1 else ""


def _csv_lines(rows: Iterable[Sequence[Any]]) -> str:
    """The CSV lines of rows of any lengths, by :mod:`csv` itself (the general path)."""
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_MINIMAL).writerows(
        [neutralise(v) for v in row] for row in rows
    )
    return buf.getvalue()


def _write_text(path: str | Path, header: Sequence[str], chunks: Iterable[str]) -> Path:
    """Write the header line and the chunks of lines as :data:`CSV_ENCODING`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # a BOM then utf-8 is utf-8-sig, through the C encoder rather than the codec's Python
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\ufeff")
        fh.write(_lines([[h] for h in header]) if header else _csv_lines([header]))
        for chunk in chunks:
            fh.write(chunk)
    return path


def dict_columns(dicts: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> list[Sequence[Any]]:
    """The columns of records held as dicts: each key's values, ``""`` where one is missing.

    Parameters
    ----------
    dicts : sequence of mappings
        The records (e.g. the data dicts of a graph's nodes or edges).
    keys : sequence of str
        The keys to read, one column each.

    Returns
    -------
    list of sequences
        One sequence of values per key, in the order of ``dicts``.

    Examples
    --------
    >>> dict_columns([{"a": 1, "b": 2}, {"a": 3}], ["b", "a"])
    [[2, ''], [1, 3]]
    """
    if len(keys) > 1 and dicts:
        try:  # each dict read by one C call, not once per key: a pass over scattered dicts
            return list(zip(*map(itemgetter(*keys), dicts), strict=True))
        except KeyError:  # a record without one of the keys
            pass
    return [[d.get(k, "") for d in dicts] for k in keys]


def write_columns(
    path: str | Path,
    blocks: Iterable[Sequence[Iterable[Any]]],
    header: Sequence[str],
) -> Path:
    """Write a spreadsheet-safe CSV file from its columns.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write; parent directories are created.
    blocks : iterable of sequences of iterables
        The rows, in consecutive blocks; a block is its columns, one iterable of cells
        per header name, all of the same length. One block can hold a whole table;
        several bound the memory a large one takes. Every cell goes through
        :func:`neutralise`.
    header : sequence of str
        Column names (also neutralised).

    Returns
    -------
    pathlib.Path
        The path written: the bytes :func:`write_csv` writes for the same rows.

    Raises
    ------
    ValueError
        A block has not one column per header name, or columns of different lengths.
    """

    def chunks() -> Iterator[str]:
        for block in blocks:
            if len(block) != len(header):
                raise ValueError(f"a block of {len(block)} columns for {len(header)} names")
            if header:  # (without, a block has no rows to write)
                yield _lines(block)

    return _write_text(path, header, chunks())


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
        The path written, encoded as :data:`CSV_ENCODING` with ``\\r\\n`` line ends,
        as :mod:`csv` (``QUOTE_MINIMAL``) writes the neutralised cells.
    """
    width = len(header)

    def chunks() -> Iterator[str]:
        it = iter(rows)
        while block := list(islice(it, BLOCK_ROWS)):
            if width and all(len(row) == width for row in block):
                yield _lines(list(zip(*block, strict=True)))
            else:  # rows of other lengths than the header: as csv writes them
                yield _csv_lines(block)

    return _write_text(path, header, chunks())


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
    if not header and not index:  # rows without fields: only csv knows how many
        return write_csv(path, df.itertuples(index=False, name=None), header)
    # The cells itertuples gives (Python scalars, NaN for missing text), column by column
    columns = [df.iloc[:, i].tolist() for i in range(df.shape[1])]
    if index:
        header = [str(df.index.name or "index"), *header]
        columns = [df.index.tolist(), *columns]
    return write_columns(path, [columns] if header else [], header)
