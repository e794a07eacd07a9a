"""Limits on query parameter values given as JSON on the command line (``query -p``).

``-p 'x=[{"":1}]'`` or a list nested 100,000 deep reached the database client and
ended in a ``ValueError`` or ``RecursionError`` traceback. :func:`checked` parses a
value and refuses, in one line naming the parameter, what no query can use: map keys
that are not names, and nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

#: Deepest nesting of lists and maps accepted in a parameter value.
MAX_DEPTH = 32

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _walk(name: str, value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ValueError(f"--param {name}: the value is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, list):
        for item in value:
            _walk(name, item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not _KEY.fullmatch(key):
                raise ValueError(
                    f"--param {name}: map key {key!r} is not a name (letters, digits and _, "
                    "not starting with a digit)"
                )
            _walk(name, item, depth + 1)


def checked(name: str, raw: str, parse: Callable[[str], Any]) -> Any:
    """Parse ``raw`` with ``parse`` and check the result.

    Parameters
    ----------
    name : str
        The parameter's name, for messages.
    raw : str
        The value as given.
    parse : callable
        The parser, e.g. :func:`graph_loader.queries.parse_value`.

    Returns
    -------
    Any
        The parsed value.

    Raises
    ------
    ValueError
        ``--param x: map key '' is not a name ...`` or ``--param x: the value is nested
        more than 32 levels deep``.

    Examples
    --------
    >>> import json
    >>> checked("x", '[{"a": 1}]', json.loads)
    [{'a': 1}]
    >>> checked("x", '[{"`": 1}]', json.loads)
    Traceback (most recent call last):
    ...
    ValueError: --param x: map key '`' is not a name (letters, digits and _, not starting \
with a digit)
    """
    try:
        value = parse(raw)
    except RecursionError:
        raise ValueError(
            f"--param {name}: the value is nested more than {MAX_DEPTH} levels deep"
        ) from None
    _walk(name, value, 0)
    return value
