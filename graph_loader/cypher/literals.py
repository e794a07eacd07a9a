"""Cypher literals, for scripts: a script file has no parameters, so values are written out.

Strings are escaped for backslashes, quotes and control characters by
:func:`cypher_string`; :func:`inline_parameters` writes a statement's parameters into it.

A script holds every row the loader sends, a million maps at a million relationships, so
the common values are written without a call per value: a map's text comes from one
template per shape (its keys and the types of its values, see :func:`_map_writer`),
filled in one f-string with its values, which are escaped only when one of them needs it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from graph_loader.shapes import ShapeWriters, fstring

#: ``str.translate`` table of :func:`cypher_string`: every character it escapes.
_CYPHER_ESCAPES: dict[int, str] = {i: f"\\u{i:04x}" for i in range(0x20)}
_CYPHER_ESCAPES.update({0x7F: "\\u007f", 0x2028: "\\u2028", 0x2029: "\\u2029"})
_CYPHER_ESCAPES.update(
    {ord("\\"): "\\\\", ord("'"): "\\'", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
)
#: Any character of :data:`_CYPHER_ESCAPES`: one scan says whether a text needs escaping
#: (most do not, and ``str.translate`` with a dict looks up every character).
_NEEDS_ESCAPE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CYPHER_ESCAPES)) + "]")
#: :data:`_NEEDS_ESCAPE` as a ``bytes.translate`` table for ASCII text: 0 where it matches.
_ASCII_TABLE = bytes(0 if b < 128 and _NEEDS_ESCAPE.match(chr(b)) else 1 for b in range(256))


def _needs_escape(text: str) -> bool:
    """Whether ``text`` holds a character :func:`cypher_string` escapes.

    ASCII text (most of it) is scanned by ``bytes.translate``, about three times faster
    than the regular expression, which scans other text.
    """
    if text.isascii():
        return b"\0" in text.encode().translate(_ASCII_TABLE)
    return _NEEDS_ESCAPE.search(text) is not None


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
        characters, DEL, U+2028 and U+2029 ``\\uXXXX`` (one ``str.translate``, only
        when the text holds one of them).

    Examples
    --------
    >>> print(cypher_string("O'Brien \\\\ said\\n\\"hi\\""))
    'O\\'Brien \\\\ said\\n"hi"'
    """
    if not _needs_escape(text):
        return "'" + text + "'"
    return "'" + text.translate(_CYPHER_ESCAPES) + "'"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a value: str, int, float, bool, None, or lists and maps of them.

    Examples
    --------
    >>> cypher_literal(["a", "b'c"]), cypher_literal(True), cypher_literal(1992)
    ("['a', 'b\\\\'c']", 'true', '1992')
    """
    cls = value.__class__  # the exact types first: most values are one of them
    if cls is str:
        return cypher_string(value)
    if cls is dict:
        return _map_literal(value)
    if cls is list or cls is tuple:
        return _list_literal(value)
    if cls is int:
        return int.__repr__(value)
    return _other_literal(value)


def _other_literal(value: Any) -> str:
    """:func:`cypher_literal` of anything but an exact ``str``, ``int``, ``list`` or ``dict``."""
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
        return _list_literal(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_map_key(k)}: {cypher_literal(v)}"
                               for k, v in value.items()) + "}"
    return cypher_string(str(value))


def _list_literal(value: list[Any] | tuple[Any, ...]) -> str:
    """A list literal; a list of plain strings in two joins (escaped only if need be), a
    list of maps (a batch of rows) by their writers without a dispatch per item."""
    if not value:
        return "[]"
    types = set(map(type, value))
    if types == {str}:
        if not _needs_escape("".join(value)):
            return "['" + "', '".join(value) + "']"
    elif types == {dict}:  # _map_literal inline: a batch holds hundreds of rows
        writers = _MAP_WRITERS
        return "[" + ", ".join([writers[(tuple(m), tuple(map(type, vs)))](m, vs)
                                for m in value for vs in (tuple(m.values()),)]) + "]"
    return "[" + ", ".join(map(cypher_literal, value)) + "]"


def _map_key(key: Any) -> str:
    """A map key: as it is if it is an identifier, else in backticks."""
    k = str(key)
    return k if _IDENT.match(k) else "`" + k.replace("`", "``") + "`"


#: A map's shape (its keys and its values' types) -> its writer.
_MapWriter = Callable[[dict[Any, Any], tuple[Any, ...]], str]
#: Shapes kept at most (maps of many shapes are written, only fewer compiled).
_MAX_MAP_WRITERS = 4096


def _map_literal(value: dict[Any, Any]) -> str:
    """A map literal, by the writer compiled for its shape (:func:`_map_writer`).

    The shape holds the keys, not their types: keys equal to a shape's text keys but of
    a ``str`` subclass with its own ``__str__`` would be written as those text keys.
    """
    values = tuple(value.values())
    return _MAP_WRITERS[(tuple(value), tuple(map(type, values)))](value, values)


def _map_writer(
    keys: tuple[Any, ...], value_types: tuple[type, ...]
) -> _MapWriter:
    """The writer of maps of one shape: ``(map, its values)`` -> the map literal.

    One template holds the keys and the quotes, so a map is one f-string
    (:func:`graph_loader.shapes.fstring`): strings go in as they are unless one of them needs
    escaping (one scan of them all), integers as ``%d`` writes them, booleans and ``None`` as
    constants, a nested map by its own shape's writer and a list by :func:`_list_literal` (both
    looked up inline: a row holds one of each), anything else through :func:`cypher_literal`.
    The keys are only ever in the template, never in code.
    """
    if any(k.__class__ is not str for k in keys):
        return lambda value, values: _other_literal(value)  # e.g. 1 and True: equal keys
    items, args, texts, unpack = [], [], [], []
    for i, (key, cls) in enumerate(zip(keys, value_types, strict=True)):
        name = _map_key(key).replace("%", "%%")
        if cls is str:
            items.append(f"{name}: '%s'")
            args.append(f"a{i}")
            texts.append(f"a{i}")
        elif cls is int:
            items.append(f"{name}: %d")
            args.append(f"a{i}")
        elif cls is bool:
            items.append(f"{name}: %s")
            args.append(f"('true' if a{i} else 'false')")
        elif cls is type(None):
            items.append(f"{name}: null")
        elif cls is dict:
            items.append(f"{name}: %s")
            unpack.append(f"    v{i} = tuple(a{i}.values())")
            args.append(f"_writers[(tuple(a{i}), tuple(map(type, v{i})))](a{i}, v{i})")
        elif cls is list or cls is tuple:
            items.append(f"{name}: %s")
            args.append(f"(_list(a{i}) if a{i} else '[]')")
        else:
            items.append(f"{name}: %s")
            args.append(f"_literal(a{i})")
    names = "".join(f"a{i}, " for i in range(len(keys)))
    lines = [f"def write(_whole, values):\n    ({names}) = values", *unpack]
    if texts:
        joined = "".join(f"{t}, " for t in texts)
        lines.append(f"    _t = ''.join(({joined}))")  # _needs_escape(_t) inline:
        lines.append("    if (b'\\0' in _t.encode().translate(_TABLE)) if _t.isascii() "
                     "else _search(_t) is not None:")
        lines += [f"        {t} = {t}.translate(_ESCAPES)" for t in texts]
    scope: dict[str, Any] = {
        "_TABLE": _ASCII_TABLE, "_search": _NEEDS_ESCAPE.search,
        "_ESCAPES": _CYPHER_ESCAPES, "_literal": cypher_literal, "_list": _list_literal,
        "_writers": _MAP_WRITERS,
    }
    lines.append(f"    return {fstring('{' + ', '.join(items) + '}', args, scope)}")
    exec("\n".join(lines), scope)  # noqa: S102 (names and constants only; see above)
    write: _MapWriter = scope["write"]
    return write


_MAP_WRITERS = ShapeWriters(_map_writer, limit=_MAX_MAP_WRITERS)


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
