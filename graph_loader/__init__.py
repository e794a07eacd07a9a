"""karabakh-actor-graph: the actor relationships of Hasanoglu & Süleymanlı (2024) as a graph."""

from __future__ import annotations

import os
from pathlib import Path

__version__ = "0.1.0"

_REPO_DATA = Path(__file__).resolve().parent.parent / "data"


def default_data_dir() -> Path:
    """The dataset directory used when ``--data`` is not given.

    ``$GRAPH_LOADER_DATA`` if set, else ``./data`` if it holds a schema,
    else the ``data/`` directory of the source checkout.
    """
    env = os.environ.get("GRAPH_LOADER_DATA")
    if env:
        return Path(env)
    cwd = Path.cwd() / "data"
    if (cwd / "schema.yaml").is_file():
        return cwd
    return _REPO_DATA
