"""Gephi's own importer reads the GEXF and GraphML exports (tools/gephi-check).

The harness is built once per session with ``mvn -q -B package`` (skipped while
``target/gephi-check.jar`` is newer than its pom and sources) and run with
``java -jar`` on the exports of a real build of the shipped data and of the hostile
fixture. It imports each file as Gephi's File > Open does and prints what Gephi made of
it: counts, directed/undirected edges, columns, time intervals and the issues of the
import report.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import DATA_DIR, REPO_ROOT, hostile_data, require

from graph_loader.build import run_build
from graph_loader.graph import build_graph
from graph_loader.validation import load_dataset

GEPHI_DIR = REPO_ROOT / "tools" / "gephi-check"
JAR = GEPHI_DIR / "target" / "gephi-check.jar"
TOOLKIT = GEPHI_DIR / "target" / "lib" / "gephi-toolkit-0.10.1-all.jar"


def _jar_up_to_date() -> bool:
    if not (JAR.is_file() and TOOLKIT.is_file()):
        return False
    built = JAR.stat().st_mtime
    sources = [GEPHI_DIR / "pom.xml", *(GEPHI_DIR / "src").rglob("*.java")]
    return all(p.stat().st_mtime <= built for p in sources)


@pytest.fixture(scope="session")
def gephi_jar() -> Path:
    """The harness jar; built with Maven unless up to date (the toolkit is cached in ~/.m2)."""
    require(shutil.which("java"), "java not found: Gephi's importer needs Java 17")
    if not _jar_up_to_date():
        require(shutil.which("mvn"), "mvn not found: it builds tools/gephi-check")
        subprocess.run(["mvn", "-q", "-B", "package"], cwd=GEPHI_DIR, check=True, timeout=1200)
    assert _jar_up_to_date()
    return JAR


def gephi(jar: Path, *files: Path, merge: str | None = None) -> list[dict]:
    """Gephi's summaries of ``files`` (one JVM), with its default or the given merge strategy."""
    cmd = ["java", "-jar", str(jar)] + (["--merge", merge] if merge else [])
    proc = subprocess.run(cmd + [str(f) for f in files], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [json.loads(line) for line in proc.stdout.splitlines()]


def _build(data: Path, out: Path):
    run_build(data, out)
    ds = load_dataset(data)
    return ds, build_graph(ds), out / "exports"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """``{"shipped": (ds, G, exports_dir), "hostile": ...}`` from real builds."""
    tmp = tmp_path_factory.mktemp("gephi")
    return {
        "shipped": _build(DATA_DIR, tmp / "shipped-out"),
        "hostile": _build(hostile_data(tmp / "hostile-data"), tmp / "hostile-out"),
    }


@pytest.fixture(scope="module")
def imported(gephi_jar, builds) -> dict[tuple[str, str], dict]:
    """Gephi's summary per (dataset, format), imported with Gephi's default settings."""
    keys = [(name, fmt) for name in builds for fmt in ("gexf", "graphml")]
    files = [builds[name][2] / f"graph.{fmt}" for name, fmt in keys]
    return dict(zip(keys, gephi(gephi_jar, *files), strict=True))


@pytest.mark.parametrize("name", ["shipped", "hostile"])
@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_imports_every_node(imported, builds, name, fmt) -> None:
    _, G, _ = builds[name]
    got = imported[name, fmt]
    assert got["imported"] and got["importer"] == {"gexf": "ImporterGEXF",
                                                    "graphml": "ImporterGraphML"}[fmt]
    assert got["container"]["nodes"] == got["graph"]["nodes"] == G.number_of_nodes()
    assert got["container"]["edges"] == G.number_of_edges()


@pytest.mark.parametrize("name", ["shipped", "hostile"])
@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_today_merges_parallel_relationships(imported, builds, name, fmt) -> None:
    """Today's exports: every edge directed, no edge kind, so Gephi's default merge
    strategy (Sum) folds relationships between the same two actors into one edge, and
    merging their spells makes the GEXF import report warnings."""
    _, G, _ = builds[name]
    got = imported[name, fmt]
    pairs = len({(u, v) for u, v in G.edges()})
    assert got["graph"]["edges"] == pairs <= G.number_of_edges()
    assert got["graph"]["undirected_edges"] == 0
    messages = Counter((i["level"], i["message"].split(" <")[0]) for i in got["issues"])
    merges = messages.pop(("WARNING", "Cannot completely merge overlapping interval sets"), 0)
    if pairs < G.number_of_edges():
        assert messages.pop(("INFO", "Parallel edges detected, remember to choose a merge "
                                     "strategy")) == 1
    if fmt == "gexf":
        assert messages.pop(("INFO", "GEXF version 1.2 (deprecated)")) == 1
        assert merges > 0 if name == "shipped" else merges == 0
    assert not messages
