"""Imports made lighter for the command line, where some features of a library go unused."""

from __future__ import annotations

import sys


def igraph_without_drawing() -> None:
    """Import igraph with its matplotlib drawing support turned off, unless already done.

    igraph's drawing modules import ``matplotlib.pyplot`` when igraph is imported
    (~0.35 s); the command line never draws with igraph (its plots use matplotlib
    directly, in a worker process), so ``graph-loader build`` imports igraph this way
    and keeps matplotlib out of the main process. Where matplotlib is already loaded,
    nothing is turned off. Not for library use: in this process, igraph's own
    ``plot`` with matplotlib then reports matplotlib as missing.
    """
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        return
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # import -> ImportError
    try:
        import igraph  # noqa: F401
    finally:
        del sys.modules["matplotlib"]
