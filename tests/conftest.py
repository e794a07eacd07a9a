"""Fixtures and helpers shared by the whole test suite.

Only generic things belong here: where the shipped data and the paper's text
are, the validated dataset, copies of fixture data dirs, and :func:`require`
for tests that need something outside the repository.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_loader.model import Dataset

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: CSVs with hostile names and quotes (markup, script ends); used with the shipped schema.
HOSTILE = Path(__file__).resolve().parent / "fixtures_hostile"
#: The paper's OCR text lives outside the repository (it is not ours to redistribute).
SOURCE_TEXT_DEFAULT = "../shared/sources/hasanoglu-suleymanli-2024.txt"


# Commands under test must not find a developer's running local Neo4j (`graph-loader neo4j
# start`) and default to it: point them at an instance directory that never exists.
os.environ["GRAPH_LOADER_NEO4J_HOME"] = str(REPO_ROOT / ".neo4j" / "no-server-in-tests")


def require(condition: object, reason: str) -> None:
    """Skip the test unless ``condition`` holds; under ``CI=true``, fail instead.

    For tests needing something the repository does not ship (the paper's
    text, node, Chromium, R): a developer may lack it, CI must not.
    """
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


def source_text_file() -> Path:
    """Where the paper's text is: ``$GRAPH_LOADER_SOURCE_TEXT``, else relative to the repo root."""
    env = os.environ.get("GRAPH_LOADER_SOURCE_TEXT")
    if env:
        return Path(env)
    return (REPO_ROOT / SOURCE_TEXT_DEFAULT).resolve()


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Any]:
    """A real Neo4j for the live tests, started once per run (see ``tests/_neo4j.py``).

    Skips when none can be had; under ``CI=true`` that fails instead.
    """
    import _neo4j

    own = _neo4j.from_environment()
    if own is not None:
        yield own
        return
    from graph_loader.localneo4j import LocalServerError

    try:
        server, started = _neo4j.start_local()
    except LocalServerError as exc:
        require(False, f"no Neo4j server for the live tests: {exc}")
        return
    try:
        yield server
    finally:
        if started:
            _neo4j.stop_local()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The shipped ``data/`` directory."""
    return DATA_DIR


@pytest.fixture(scope="session")
def source_text_path() -> Path:
    """The paper's text; skips (fails under CI=true) if it is not there."""
    path = source_text_file()
    require(path.is_file(), f"paper text not found at {path} (set GRAPH_LOADER_SOURCE_TEXT)")
    return path


@pytest.fixture(scope="session")
def dataset(data_dir: Path) -> Dataset:
    """The shipped data, validated (without the quote check)."""
    from graph_loader.validation import load_dataset

    return load_dataset(data_dir)


def hostile_data(dest: Path) -> Path:
    """Copy the hostile fixture CSVs and the shipped schema into ``dest``; return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for f in HOSTILE.glob("*.csv"):
        shutil.copy(f, dest / f.name)
    shutil.copy(DATA_DIR / "schema.yaml", dest / "schema.yaml")
    return dest


@pytest.fixture()
def fixture_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy ``tests/fixtures/<name>`` into a fresh temporary dir and return the copy.

    Tests then break the copy in one place, e.g. ``fixture_copy("good")``.
    """

    def copy(name: str = "good") -> Path:
        dest = tmp_path / name
        shutil.copytree(FIXTURES / name, dest)
        return dest

    return copy
