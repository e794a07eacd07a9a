"""Pause Python's cyclic garbage collector while a step allocates millions of objects.

Reading, validating, graphing and loading a large dataset allocates millions of
small dicts and tuples that live until the end of the step. Each allocation burst
triggers a full collection that walks all of them again, for nothing: they hold no
reference cycles. At 1M relationships this took about a third of validation and
graph-building time, and 10-50% of several analyses (benchmarks/README.md). Reference
counting still frees memory as usual; only the cycle detector waits until the step ends.

Applied with :func:`without_gc` to the public bulk steps: ``validation.validate``,
``graph.build_graph`` and the derived graphs, the analyses' table functions,
``exports.write_all``, ``build.run_build`` and the loader's ``prepare`` / ``execute``.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the block; restore its state after.

    Nesting is safe: only the outermost block re-enables a collector that was enabled.

    Examples
    --------
    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run ``fn`` inside :func:`gc_paused`."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with gc_paused():
            return fn(*args, **kwargs)

    return wrapper
