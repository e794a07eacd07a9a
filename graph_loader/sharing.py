"""Work shared within a block: each graph's derived graphs and conversions, made once.

Several analyses derive the same things from the same graph (the undirected graph, the
influence graph, the relationships as columns, igraph conversions). Inside
:func:`shared` they are made once per graph object (:func:`derived`, and the caches
made by :func:`cache`); outside it every call makes them afresh, so a graph changed
between two calls is never read through a stale copy. The block is re-entrant and
per thread; everything it kept is dropped when the outermost block ends.

This sits below :mod:`graph_loader.graph` and :mod:`graph_loader.analyses`, which
both share through it.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

R = TypeVar("R")

_state = threading.local()
_caches: list[weakref.WeakKeyDictionary] = []


def cache() -> weakref.WeakKeyDictionary:
    """A per-graph cache (keyed by the graph, weakly) emptied when a block ends."""
    c: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    _caches.append(c)
    return c


def active() -> bool:
    """Whether this thread is inside :func:`shared`."""
    return getattr(_state, "depth", 0) > 0


@contextlib.contextmanager
def shared() -> Iterator[None]:
    """Share what is derived from each graph within the block (see the module).

    The graphs must not change inside the block (the analyses never change them).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(3)
    >>> with shared():
    ...     derived(nx.Graph.copy, G) is derived(nx.Graph.copy, G)
    True
    >>> derived(nx.Graph.copy, G) is derived(nx.Graph.copy, G)
    False
    """
    depth = getattr(_state, "depth", 0)
    _state.depth = depth + 1
    try:
        yield
    finally:
        _state.depth = depth
        if depth == 0:
            for c in _caches:
                c.clear()


_derived: weakref.WeakKeyDictionary[Any, dict[tuple, tuple[tuple, Any]]] = cache()


def derived(make: Callable[..., R], G: Any, *args: Any) -> R:
    """``make(G, *args)``, made once per graph and arguments in a :func:`shared` block.

    For what several analyses derive from the same graph (e.g.
    :func:`graph_loader.graph.undirected`): inside the block they share one (and so one
    igraph conversion of it); outside it, ``make`` is called every time. The
    arguments are told apart by identity. The caller must not change what it gets.

    Parameters
    ----------
    make : callable
        The function deriving it.
    G : networkx.Graph
        The graph it derives from.
    *args
        Further arguments of ``make``.

    Returns
    -------
    object
        What ``make`` returns.
    """
    if not active():
        return make(G, *args)
    per_graph = _derived.setdefault(G, {})
    key = (make, *map(id, args))
    if key not in per_graph:
        per_graph[key] = (args, make(G, *args))  # args kept: their ids stay theirs
    return per_graph[key][1]
