"""Writers compiled once per item shape, for the exporters and the Cypher literals.

An item's shape is its keys and the types of its values (a graph has only a handful);
the writers compiled for a shape (one format string each) are kept in a
:class:`ShapeWriters`, which compiles a shape on its first lookup. Callers look a shape
up inline, ``writers[(tuple(d), tuple(map(type, values)))]``: a function call per item
would cost more than the lookup at a million items.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: A shape: the keys, and the types of the values.
Shape = tuple[tuple[Any, ...], tuple[type, ...]]


class ShapeWriters(dict[Shape, Callable[..., str]]):
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

    def __init__(self, compile: Callable[..., Callable[..., str]], limit: int | None = None):
        super().__init__()
        self._compile, self._limit = compile, limit

    def __missing__(self, shape: Shape) -> Callable[..., str]:
        if self._limit is not None and len(self) >= self._limit:
            self.clear()
        write = self[shape] = self._compile(*shape)
        return write
