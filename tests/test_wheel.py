"""The wheel works outside the checkout: it ships the dataset, the schema and the queries.

The test builds the wheel from a copy of the checkout's tracked sources (``pip wheel``,
with the build isolation pip gives every user), installs it without its dependencies
into a fresh venv that borrows this environment's installed packages (a ``.pth`` line,
so this checkout's editable install is *not* picked up), and runs ``graph-loader`` from
an empty temporary directory with ``PYTHONPATH`` and ``GRAPH_LOADER_*`` cleared.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import REPO_ROOT, require

from graph_loader.resources import SHIPPED
from graph_loader.validation import load_dataset

#: What a build reads from the checkout (the rest of it is not in the sdist either).
_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE",
            "graph_loader", "data", "cypher")  # fmt: skip


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a clean copy of the checkout's sources."""
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_shipped")
    for name in _SOURCES:
        path = REPO_ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    dist = tmp_path_factory.mktemp("dist")
    r = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), "."],
             cwd=src)  # fmt: skip
    # pip fetches setuptools for the build's isolated environment: that needs PyPI.
    require(r.returncode == 0, f"pip wheel failed (no network for setuptools?):\n{r.stderr}")
    (whl,) = dist.glob("karabakh_actor_graph-*.whl")
    return whl


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; returns its ``bin`` directory."""
    venv = tmp_path_factory.mktemp("venv")
    r = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv)
    assert r.returncode == 0, r.stderr
    python = venv / "bin" / "python"
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                   cwd=venv).stdout.strip()  # fmt: skip
    r = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
              "--no-deps", "--no-index", str(wheel)], cwd=venv, env=_env(venv))  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert (venv / "bin" / "graph-loader").is_file()
    # Then the dependencies come from this environment (after the install, or pip would
    # see this checkout's editable install there and install nothing). A plain path line
    # in a .pth adds the directory only: its own .pth files (the editable install's
    # finder) are not run, and the venv's own site-packages come first.
    Path(purelib, "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv / "bin"


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k != "PYTHONPATH" and not k.startswith("GRAPH_LOADER_")}  # fmt: skip
    env["GRAPH_LOADER_STORE"] = str(tmp / "store")  # the embedded engine's database
    return env


def test_wheel_ships_data_and_cypher(wheel: Path) -> None:
    """Every shipped file of data/ and cypher/ is in the wheel, with py.typed."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "graph_loader/py.typed" in names
    for folder, patterns in SHIPPED.items():
        expected = {p.relative_to(REPO_ROOT).as_posix()
                    for pattern in patterns for p in (REPO_ROOT / folder).glob(pattern)}
        assert {"data/schema.yaml", "data/lifespans.csv", "data/LICENSE.md",
                "cypher/style.grass", "cypher/queries/minsk_chairs.cypher"} & expected
        missing = {e for e in expected if f"graph_loader/_shipped/{e}" not in names}
        assert not missing, f"not in the wheel: {sorted(missing)}"


def test_installed_wheel_works_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    """validate, queries, query (embedded engine), the guide and build from an empty dir."""
    env, cwd = _env(tmp_path), tmp_path / "elsewhere"
    cwd.mkdir()
    where = _run([str(installed / "python"), "-c",
                  "import graph_loader; print(graph_loader.__file__)"], cwd, env)  # fmt: skip
    assert where.stdout.startswith(str(installed.parent)), where.stdout + where.stderr

    ds = load_dataset(REPO_ROOT / "data")
    exe = str(installed / "graph-loader")
    r = _run([exe, "validate"], cwd, env)
    assert r.returncode == 0, r.stderr
    assert "_shipped/data" in r.stdout
    assert (f"is valid: {len(ds.actors)} actors, {len(ds.relationships)} relationships, "
            f"{len(ds.sources)} sources") in r.stdout  # fmt: skip

    r = _run([exe, "queries"], cwd, env)
    assert r.returncode == 0, r.stderr
    assert "minsk_chairs " in r.stdout

    r = _run([exe, "query", "minsk_chairs", "-p", "year=1995"], cwd, env)
    assert r.returncode == 0, r.stderr
    rows = r.stdout.splitlines()
    assert rows[0].split() == ["chair", "since", "until", "cites"]
    assert {line.split()[0] for line in rows[2:-1]} == {"Finland", "Russia"}
    assert rows[-1] == "(2 rows)"

    # The Browser guide renders from the shipped schema, queries and style.grass.
    r = _run([str(installed / "python"), "-c",
              "from graph_loader.localneo4j import guide; print(guide.render())"], cwd, env)
    assert r.returncode == 0, r.stderr
    assert "minsk_chairs" in r.stdout and ":style" in r.stdout
    # The local Neo4j server is the one thing that needs a checkout, and says so.
    r = _run([exe, "neo4j", "start"], cwd, {**env, "GRAPH_LOADER_NEO4J_HOME": str(cwd / "nh")})
    assert r.returncode == 2
    assert "the local Neo4j needs a checkout" in r.stderr

    r = _run([exe, "build", "--out", "out"], cwd, env)
    assert r.returncode == 0, r.stderr
    out = cwd / "out"
    for name in ("index.html", "report.html", "exports/graph.graphml", "exports/graph.gexf"):
        assert (out / name).is_file(), name
    assert f"{len(ds.actors)} actors" in (out / "report.md").read_text(encoding="utf-8")
