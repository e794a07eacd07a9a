"""Robust reading of the dataset's CSV files, keeping physical line numbers.

The data files are edited by hand, so every problem must be reported as
``line: message`` that points at the place to fix, never as a traceback.
:func:`read_csv` reads a whole file and returns its rows together with the
row-level problems it found; problems that make the file unreadable (an
empty file, bytes that are not UTF-8, a bad header) raise :class:`CsvError`.

Line numbers are physical lines as an editor shows them: the header is
line 1, and a record whose quoted field spans several lines is numbered by
the line it starts on.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph_loader import cellcheck
from graph_loader.safeio import UnsafePathError, read_regular

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class CsvProblem:
    """A problem found while reading a CSV file.

    Attributes
    ----------
    line : int
        Physical line (1 = the header); 0 means the file as a whole.
    field : str
        The column concerned, or a pseudo-field: ``file``, ``header`` or ``row``.
    message : str
        What is wrong, phrased for the person editing the file.
    """

    line: int
    field: str
    message: str


class CsvError(ValueError):
    """The file cannot be read as a table at all; ``problems`` says why."""

    def __init__(self, path: Path, problems: Sequence[CsvProblem]) -> None:
        self.path = path
        self.problems = list(problems)
        text = "; ".join(f"{p.line}: {p.field}: {p.message}" for p in self.problems)
        super().__init__(f"{path.name}: {text}")


@dataclass(frozen=True)
class CsvRow:
    """One record: its starting line and its values keyed by column name (stripped)."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The stripped value of ``column`` ("" if absent)."""
        return self.values.get(column, "")


@dataclass
class CsvTable:
    """A CSV file read by :func:`read_csv`.

    ``complete`` is False when reading stopped early (a quoting error), in
    which case ``rows`` holds only the records before the problem.
    Rows listed in ``problems`` (e.g. ragged rows) are left out of ``rows``
    and kept in ``bad_rows``.
    """

    path: Path
    header: tuple[str, ...]
    rows: list[CsvRow] = field(default_factory=list)
    problems: list[CsvProblem] = field(default_factory=list)
    complete: bool = True
    #: Rows left out for a problem, with the values they do have, so that
    #: callers can avoid follow-on errors (e.g. references to their ids).
    bad_rows: list[CsvRow] = field(default_factory=list)


class Utf8Error(ValueError):
    """Bytes that are not UTF-8; ``line`` is the line of the first bad byte."""

    def __init__(self, byte: int, line: int) -> None:
        self.byte = byte
        self.line = line
        super().__init__(f"not valid UTF-8 (byte 0x{byte:02x} at line {line})")


def decode_utf8(data: bytes) -> str:
    """Decode UTF-8, dropping a leading byte-order mark.

    Raises
    ------
    Utf8Error
        ``not valid UTF-8 (byte 0x.. at line N)``, naming the first bad byte.
    """
    if data.startswith(_BOM):
        data = data[len(_BOM) :]  # the BOM holds no newline, so line numbers are unaffected
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Utf8Error(data[exc.start], data.count(b"\n", 0, exc.start) + 1) from None


class _Records:
    """Iterate (start line, fields) per record, remembering where the next one starts.

    ``csv.Error`` propagates; ``next_start`` then names the line on which the
    offending record began.
    """

    def __init__(self, text: str) -> None:
        # newline="" lets the csv module see the raw CRLF/LF and keep quoted newlines intact.
        self._reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        self.next_start = 1

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        limit = csv.field_size_limit(cellcheck.MAX_FIELD_CHARS)  # others may have raised it
        try:
            fields = next(self._reader)
        finally:
            csv.field_size_limit(limit)
        start, self.next_start = self.next_start, self._reader.line_num + 1
        return start, fields


def read_csv(
    path: str | Path,
    columns: Sequence[str],
    required: Sequence[str] | None = None,
) -> CsvTable:
    """Read a CSV file with a header row, checking the header against ``columns``.

    Parameters
    ----------
    path : str or Path
        The file to read (UTF-8, optionally with a BOM; LF or CRLF line ends).
    columns : sequence of str
        Every column the file may have, in canonical order.
    required : sequence of str, optional
        Columns that must appear in the header; defaults to all of ``columns``.

    Returns
    -------
    CsvTable
        The rows (values stripped of surrounding whitespace; blank lines
        skipped) and row-level problems such as ragged rows.

    Raises
    ------
    CsvError
        The file is missing, empty, not UTF-8, or its header lacks required
        columns, has unknown or repeated ones.
    """
    path = Path(path)
    required = list(columns if required is None else required)
    expected = ",".join(columns)

    def fail(line: int, fld: str, message: str) -> CsvError:
        return CsvError(path, [CsvProblem(line, fld, message)])

    try:
        data = read_regular(path, cellcheck.MAX_CSV_BYTES, "the file")
    except FileNotFoundError:
        raise fail(0, "file", f"file not found; expected header: {expected}") from None
    except UnsafePathError as exc:
        raise fail(0, "file", str(exc)) from None
    except OSError as exc:
        raise fail(0, "file", f"cannot read file: {exc.strerror}") from None
    try:
        text = decode_utf8(data)
    except Utf8Error as exc:
        raise fail(exc.line, "file", str(exc)) from None
    if not text.strip():
        raise fail(1, "file", f"file is empty; expected header: {expected}")

    records = _Records(text)
    table = CsvTable(path=path, header=())
    try:
        header_line, raw_header = next(records)
        while not any(h.strip() for h in raw_header):  # leading blank lines are tolerated
            header_line, raw_header = next(records)
        if len(raw_header) > cellcheck.MAX_COLUMNS:
            raise fail(header_line, "header", f"header has {len(raw_header)} columns; at most "
                       f"{cellcheck.MAX_COLUMNS} allowed (expected: {expected})")
        table.header = tuple(h.strip() for h in raw_header)
        _check_header(path, table.header, columns, required, header_line)
        width = len(table.header)
        scan = cellcheck.needs_scan(text)
        for line, fields in records:
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue  # blank line
            if len(fields) != width:
                table.problems.append(
                    CsvProblem(line, "row", f"row has {len(fields)} fields, header has {width}")
                )
                values = {h: v.strip() for h, v in zip(table.header, fields, strict=False)}
                table.bad_rows.append(CsvRow(line, values))
                continue
            values = {h: v.strip() for h, v in zip(table.header, fields, strict=True)}
            if scan or records.next_start - line > 1 or cellcheck.too_long(fields):
                table.problems.extend(
                    CsvProblem(line, h, m) for h, m in cellcheck.row_problems(values)
                )
            table.rows.append(CsvRow(line, values))
    except StopIteration:  # only blank records: treated like an empty file
        raise fail(1, "file", f"file is empty; expected header: {expected}") from None
    except csv.Error as exc:
        table.complete = False
        start = records.next_start  # the line the unreadable record began on
        msg = str(exc)
        if "unexpected end of data" in msg:
            msg = "unterminated quoted field; the rest of the file is unread"
            table.problems.append(CsvProblem(start, "row", msg))
        elif "field larger than field limit" in msg:
            msg = (f"a value is longer than {cellcheck.MAX_FIELD_CHARS} characters (at most "
                   f"{cellcheck.MAX_CELL_CHARS} allowed); the rest of the file is unread")
            table.problems.append(CsvProblem(start, "row", msg))
        else:
            table.problems.append(
                CsvProblem(start, "row", f"bad CSV quoting ({msg}); the rest of the file is unread")
            )
    return table


def _check_header(
    path: Path,
    header: tuple[str, ...],
    columns: Sequence[str],
    required: Sequence[str],
    line: int,
) -> None:
    problems = []
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(CsvProblem(line, "header", f"missing column(s): {', '.join(missing)}"))
    unknown = [h for h in header if h not in columns]
    if unknown:
        problems.append(
            CsvProblem(
                line,
                "header",
                f"unknown column(s): {', '.join(repr(u) for u in unknown)}; "
                f"allowed: {', '.join(columns)}",
            )
        )
    repeated = sorted(h for h, n in Counter(header).items() if n > 1)
    if repeated:
        problems.append(CsvProblem(line, "header", f"repeated column(s): {', '.join(repeated)}"))
    if problems:
        raise CsvError(path, problems)
