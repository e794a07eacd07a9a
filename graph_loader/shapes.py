"""Writers compiled once per item shape, for the exporters and the Cypher literals.

An item's shape is its keys and the types of its values (a graph has only a handful);
the writers compiled for a shape (one template each, filled by an f-string of names:
:func:`fstring`) are kept in a
:class:`ShapeWriters`, which compiles a shape on its first lookup. Callers look a shape
up inline, ``writers[(tuple(d), tuple(map(type, values)))]``: a function call per item
would cost more than the lookup at a million items.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping, Sequence
from typing import Any

#: A shape: the keys, and the types of the values.
Shape = tuple[tuple[Any, ...], tuple[type, ...]]


class ShapeWriters(dict[Shape, Callable[..., Any]]):
    """Compiled writers by shape: ``writers[shape]`` is ``compile(keys, types)``, made once.

    Parameters
    ----------
    compile : callable
        ``compile(keys, types)`` -> the writer of that shape.
    limit : int, optional
        Keep at most this many: the cache is emptied when it is full (for writers of
        arbitrary maps, whose shapes are not bounded by a schema).

    Examples
    --------
    >>> w = ShapeWriters(lambda keys, types: "+".join(keys))
    >>> w[(("a", "b"), (int, str))], len(w)
    ('a+b', 1)
    """

    def __init__(self, compile: Callable[..., Callable[..., Any]], limit: int | None = None):
        super().__init__()
        self._compile, self._limit = compile, limit

    def __missing__(self, shape: Shape) -> Callable[..., Any]:
        if self._limit is not None and len(self) >= self._limit:
            self.clear()
        write = self[shape] = self._compile(*shape)
        return write


#: A ``%`` conversion of a writer's template: ``%s``, ``%d`` or the escaped ``%%``.
_CONVERSION = re.compile("%([sd%])")


def fstring(template: str, args: Sequence[str], scope: MutableMapping[str, Any]) -> str:
    """Python for ``template % (args...)`` as an f-string of names, about a fifth faster.

    ``template`` holds ``%s`` (a text argument), ``%d`` (an exact ``int``) and ``%%``;
    ``args`` are the arguments' expressions. The constant pieces go into ``scope`` as
    ``_T0``, ``_T1``...: the code holds names only, never the template's text. For text
    and exact integers ``f"{x}"`` is ``"%s" % x`` and ``"%d" % x``. Expressions an
    f-string cannot hold (a double quote, a backslash or a brace) keep the ``%``.

    Examples
    --------
    >>> scope = {}
    >>> code = fstring('<a n="%d">%s%%</a>', ["n", "text"], scope)
    >>> code, eval(code, scope, {"n": 7, "text": "x"})
    ('f"{_T0}{n}{_T1}{text}{_T2}"', '<a n="7">x%</a>')
    """
    pieces, current, conversions = [], [], 0
    end = 0
    for m in _CONVERSION.finditer(template):
        current.append(template[end:m.start()])
        end = m.end()
        if m.group(1) == "%":
            current.append("%")
        else:
            pieces.append("".join(current))
            current, conversions = [], conversions + 1
    pieces.append("".join([*current, template[end:]]))
    if conversions != len(args):
        raise ValueError(f"{conversions} conversions, {len(args)} arguments")
    if any(c in a for a in args for c in '"\\{}'):
        scope["_TEMPLATE"] = template
        return f"_TEMPLATE % ({''.join(f'{a}, ' for a in args)})"
    out = []
    for i, piece in enumerate(pieces):
        if piece:
            scope[f"_T{i}"] = piece
            out.append(f"{{_T{i}}}")
        if i < len(args):
            out.append(f"{{{args[i]}}}")
    return 'f"' + "".join(out) + '"'
