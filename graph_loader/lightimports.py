"""Imports made lighter for the command line, where some features of a library go unused."""

from __future__ import annotations

import sys
from types import ModuleType

_igraph_drawing = [True]


def igraph_without_drawing() -> None:
    """Have :func:`igraph` import igraph with its matplotlib drawing support turned off.

    igraph's drawing modules import ``matplotlib.pyplot`` when igraph is imported
    (~0.35 s); the command line never draws with igraph (its plots use matplotlib
    directly, in a worker process), so ``graph-loader build`` asks for this and keeps
    matplotlib out of its main process. Nothing is imported now: igraph is imported
    when an analysis first needs it, after the build has started its plot worker.
    Where matplotlib is already loaded, nothing is turned off. Not for library use: in
    this process, igraph's own ``plot`` with matplotlib then reports matplotlib as
    missing.
    """
    _igraph_drawing[0] = False


def igraph() -> ModuleType:
    """The ``igraph`` module, imported as :func:`igraph_without_drawing` asked (the one
    way this package imports it)."""
    if "igraph" not in sys.modules and not _igraph_drawing[0] and "matplotlib" not in sys.modules:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]  # import -> ImportError
        try:
            import igraph  # noqa: F401
        finally:
            del sys.modules["matplotlib"]
    import igraph

    return igraph
