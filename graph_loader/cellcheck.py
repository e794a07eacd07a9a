"""Limits on CSV input: cell contents, cell length, header width and file size.

Data that validates must also build, export and load: a NUL or an escape character
in a name passes any check on meaning, then makes GraphML and GEXF malformed XML
and breaks the embedded load. :func:`cell_problem` refuses such characters in every
cell, and tab and newline outside the free-text columns (:data:`MULTILINE_COLUMNS`).
"""

from __future__ import annotations

import re

#: Columns holding free text, where tab and newline (and CRLF) are allowed.
MULTILINE_COLUMNS = frozenset({"evidence", "note", "description", "citation"})
#: The longest cell accepted, in characters.
MAX_CELL_CHARS = 10_000
#: Cells longer than this stop the reader (the rest of the file is unread); between
#: :data:`MAX_CELL_CHARS` and this, a cell is reported with its column.
MAX_FIELD_CHARS = 131_072
#: The most columns a header may have (the widest file has 12 columns).
MAX_COLUMNS = 100
#: The largest CSV file read, in bytes.
MAX_CSV_BYTES = 1 << 30

#: Characters never allowed: C0 controls but tab, LF and CR; DEL; the non-characters
#: U+FFFE and U+FFFF (not allowed in XML).
_NEVER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_LAYOUT = re.compile(r"[\t\n\r]")

_NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}


def cell_problem(column: str, value: str) -> str | None:
    """What is wrong with one cell's text, or None.

    Parameters
    ----------
    column : str
        The column's name.
    value : str
        The cell, as read (stripped).

    Returns
    -------
    str or None
        A message such as ``contains the control character U+001B at position 4 (not
        allowed in any field)``, or None if the value is acceptable.

    Examples
    --------
    >>> cell_problem("name", "Min\\x1bsk")
    'contains the control character U+001B at position 4 (not allowed in any field)'
    >>> cell_problem("name", "Minsk\\tGroup")
    'contains a tab at position 6 (allowed only in description, evidence, note, citation)'
    >>> cell_problem("note", "line one\\nline two") is None
    True
    """
    if len(value) > MAX_CELL_CHARS:
        return f"value has {len(value)} characters; at most {MAX_CELL_CHARS} allowed"
    bad = _NEVER.search(value)
    if bad:
        return (
            f"contains the control character U+{ord(bad.group()):04X} at position "
            f"{bad.start() + 1} (not allowed in any field)"
        )
    if column not in MULTILINE_COLUMNS:
        layout = _LAYOUT.search(value)
        if layout:
            allowed = ", ".join(c for c in ("description", "evidence", "note", "citation"))
            return (
                f"contains {_NAMES[layout.group()]} at position {layout.start() + 1} "
                f"(allowed only in {allowed})"
            )
    return None


def needs_scan(text: str) -> bool:
    """Whether any cell of a file's ``text`` may break a rule, so rows must be checked.

    In a file without control characters, tabs or carriage returns, only a record
    spanning several lines or with a long cell (:func:`too_long`) can break a rule;
    the reader checks those on its own.
    """
    return "\t" in text or "\r" in text or _NEVER.search(text) is not None


def too_long(fields: list[str]) -> bool:
    """Whether a record has a cell longer than :data:`MAX_CELL_CHARS`."""
    return max(map(len, fields), default=0) > MAX_CELL_CHARS


def row_problems(values: dict[str, str]) -> list[tuple[str, str]]:
    """``(column, message)`` for each cell of a row that :func:`cell_problem` refuses."""
    out = []
    for column, value in values.items():
        message = cell_problem(column, value)
        if message is not None:
            out.append((column, message))
    return out
