"""What the commands share: the ``--data`` help text and how a directory is shown."""

from __future__ import annotations

import os
from pathlib import Path

DATA_HELP = (
    "Directory holding schema.yaml, actors.csv, relationships.csv and sources.csv. "
    "Default: $GRAPH_LOADER_DATA, else ./data, else the checkout's data/."
)


def display_dir(path: Path) -> str:
    """``path`` as the user would type it: relative to the cwd when possible, with a slash."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    if shown.startswith(".." + os.sep + ".." + os.sep) or shown == "..":
        shown = str(path.resolve())  # far away: the absolute path reads better
    return shown.rstrip("/\\") + "/"
