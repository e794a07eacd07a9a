"""Pause Python's cyclic garbage collector while a step allocates millions of objects.

Reading, validating, graphing and loading a large dataset allocates millions of
small dicts and tuples that live until the end of the step. Each allocation burst
triggers a full collection that walks all of them again, for nothing: they hold no
reference cycles. At 1M relationships this took about a third of validation and
graph-building time, and 10-50% of several analyses (benchmarks/README.md). Reference
counting still frees memory as usual; only the cycle detector waits until the step ends.

When the step ends, what it kept is moved straight to the collector's oldest generation
(:func:`promote`). Left in the youngest, the first collection after the step would walk
every object once more, and move them on to be walked again: at 1M relationships 0.5 s
after ``validate`` and 0.7 s after ``build_graph``. That is where the collector puts
long-lived objects anyway, and from there a full collection still frees any cycle.

Applied with :func:`without_gc` to the public bulk steps: ``validation.validate``,
``graph.build_graph`` and the derived graphs, the analyses' table functions,
``exports.write_all``, ``build.run_build``, ``dataframes.dataset_frames`` and the
loader's ``prepare`` / ``execute``.
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

    Nesting is safe: only the outermost block re-enables a collector that was enabled,
    after moving what the block kept to the oldest generation (:func:`promote`).

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
            promote()
            gc.enable()


#: Fewer new objects than this (``gc.get_count()[0]``) are left to the collector:
#: its next pass over them is short, while asking whether the process has frozen
#: objects walks every frozen one (70 ms for a benchmark's frozen M graphs).
PROMOTE_MIN_OBJECTS = 50_000


def promote() -> bool:
    """Move every object the collector tracks to its oldest generation, unwalked.

    ``gc.freeze()`` then ``gc.unfreeze()``: both move whole generation lists at once,
    so this costs the same for ten objects as for ten million. Nothing is done, and
    False returned, below :data:`PROMOTE_MIN_OBJECTS` new objects, or when the process
    has frozen objects of its own (``gc.freeze``): unfreezing would hand them back to
    the collector.

    Returns
    -------
    bool
        Whether the objects were moved.

    Examples
    --------
    >>> import gc
    >>> gc.disable()  # as in gc_paused: no collection while the objects are made
    >>> kept = [[] for _ in range(PROMOTE_MIN_OBJECTS)]
    >>> promote() == (gc.get_freeze_count() == 0)  # moved, unless the process froze some
    True
    >>> gc.enable()
    """
    if gc.get_count()[0] < PROMOTE_MIN_OBJECTS or gc.get_freeze_count():
        return False
    gc.freeze()
    gc.unfreeze()
    return True


def without_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run ``fn`` inside :func:`gc_paused`."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with gc_paused():
            return fn(*args, **kwargs)

    return wrapper
