"""karabakh-actor-graph: the actor relationships of Hasanoglu & Süleymanlı (2024) as a graph."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph_loader.dataframes import Frames

__version__ = "0.1.0"

def default_data_dir() -> Path:
    """The dataset directory used when ``--data`` is not given.

    ``$GRAPH_LOADER_DATA`` if set, else ``./data`` if it holds a schema, else the
    ``data/`` directory of the source checkout, else (an installed wheel) the copy of
    it shipped in the package (:func:`graph_loader.resources.shipped_dir`).
    """
    env = os.environ.get("GRAPH_LOADER_DATA")
    if env:
        return Path(env)
    cwd = Path.cwd() / "data"
    if (cwd / "schema.yaml").is_file():
        return cwd
    from graph_loader.resources import shipped_dir

    return shipped_dir("data")


def frames(data_dir: str | Path | None = None) -> Frames:
    """The validated dataset as pandas DataFrames: actors, relationships, sources, lifespans.

    See :func:`graph_loader.dataframes.frames` (columns from the declared fields, their
    dtypes). ``actors, relationships, sources, lifespans = graph_loader.frames()``.
    """
    from graph_loader.dataframes import frames as _frames

    return _frames(data_dir)
