"""Cypher literals, for scripts: a script file has no parameters, so values are written out.

Strings are escaped for backslashes, quotes and control characters by
:func:`cypher_string`; :func:`inline_parameters` writes a statement's parameters into it.
"""

from __future__ import annotations

import math
import re
from typing import Any

#: ``str.translate`` table of :func:`cypher_string`: every character it escapes.
_CYPHER_ESCAPES: dict[int, str] = {i: f"\\u{i:04x}" for i in range(0x20)}
_CYPHER_ESCAPES.update({0x7F: "\\u007f", 0x2028: "\\u2028", 0x2029: "\\u2029"})
_CYPHER_ESCAPES.update(
    {ord("\\"): "\\\\", ord("'"): "\\'", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
)


def cypher_string(text: str) -> str:
    """Quote ``text`` as a Cypher string literal.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        A single-quoted literal: backslashes and single quotes are escaped, newline,
        carriage return and tab become ``\\n``, ``\\r``, ``\\t`` and other control
        characters, DEL, U+2028 and U+2029 ``\\uXXXX`` (one ``str.translate``).

    Examples
    --------
    >>> print(cypher_string("O'Brien \\\\ said\\n\\"hi\\""))
    'O\\'Brien \\\\ said\\n"hi"'
    """
    return "'" + text.translate(_CYPHER_ESCAPES) + "'"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a value: str, int, float, bool, None, or lists and maps of them.

    Examples
    --------
    >>> cypher_literal(["a", "b'c"]), cypher_literal(True), cypher_literal(1992)
    ("['a', 'b\\\\'c']", 'true', '1992')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} as a Cypher literal")
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            key = str(k) if _IDENT.match(str(k)) else "`" + str(k).replace("`", "``") + "`"
            items.append(f"{key}: {cypher_literal(v)}")
        return "{" + ", ".join(items) + "}"
    return cypher_string(str(value))


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")  # \Z: "$" would let "a\n" through


def inline_parameters(cypher: str, params: dict[str, Any]) -> str:
    """Replace each ``$name`` in a statement by the Cypher literal of ``params[name]``.

    Parameters
    ----------
    cypher : str
        A statement from :mod:`graph_loader.cypher` (static text, values as parameters,
        no string literals containing ``$``).
    params : dict
        Its parameters.

    Returns
    -------
    str
        The statement with literals instead of parameters, for a script file.

    Raises
    ------
    KeyError
        If the statement names a parameter that ``params`` lacks.

    Examples
    --------
    >>> print(inline_parameters("MATCH (a {id: $id}) RETURN a", {"id": "it's"}))
    MATCH (a {id: 'it\\'s'}) RETURN a
    """
    return _PARAM.sub(lambda m: cypher_literal(params[m.group(1)]), cypher)
