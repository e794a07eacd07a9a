"""Gephi's own importer reads the GEXF and GraphML exports (tools/gephi-check).

The harness is built once per session with ``mvn -q -B package`` (skipped while
``target/gephi-check.jar`` is newer than its pom and sources) and run with
``java -jar`` on the exports of a real build of the shipped data and of the hostile
fixture. It imports each file as Gephi 0.10.1's File > Open does and prints what Gephi
made of it: counts, directed/undirected edges, columns, time intervals, colours, sizes,
positions and the issues of the import report.

Each file is imported twice:

- with the import dialog's "Edges merge strategy" set to "Don't merge" (``NO_MERGE``):
  every relationship is an edge, so counts, ids, directions, spells and attributes are
  compared one by one with the dataset;
- with Gephi's default strategy ("Sum"), as a user who clicks OK gets it: Gephi then
  folds relationships between the same actors into one edge. In the GEXF each edge's
  ``kind`` is its relationship type, and Gephi keeps edges of different kinds apart, so
  only relationships of the same type between the same actors are merged.

The only issues the importer may report are INFO lines that are advice, not problems:
"GEXF version 1.3" (it names the format) and "Parallel edges detected, remember to choose
a merge strategy" (the data has parallel relationships; we choose), and, with the
default strategy only, "Cannot completely merge overlapping interval sets" warnings for
same-type relationships whose spells overlap: the merged edge keeps the union of both
spells, so the timeline still shows it whenever one of them holds.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import DATA_DIR, REPO_ROOT, hostile_data, require

from graph_loader import views
from graph_loader.analyses import run_all
from graph_loader.build import run_build
from graph_loader.exports.flat import _attribute_types, _flat_attrs
from graph_loader.exports.gexf import _BROKERAGE_ROLES
from graph_loader.exports.graphml import _graphml_edge_attrs
from graph_loader.graph import build_graph, holds, relationship_years, year_range
from graph_loader.model import OPEN_END, OPEN_START, fields
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
    """The harness jar; built with Maven unless up to date (the toolkit is cached in ~/.m2).

    A lock file keeps two test runs in the same checkout from building at once.
    """
    require(shutil.which("java"), "java not found: Gephi's importer needs Java 17")
    if not _jar_up_to_date():
        require(shutil.which("mvn"), "mvn not found: it builds tools/gephi-check")
        (GEPHI_DIR / "target").mkdir(exist_ok=True)
        with open(GEPHI_DIR / "target" / ".build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not _jar_up_to_date():
                subprocess.run(["mvn", "-q", "-B", "package"], cwd=GEPHI_DIR, check=True,
                               timeout=1200)
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


FORMATS = ("gexf", "graphml")
NAMES = ("shipped", "hostile")
#: Java class names Gephi gives the GraphML/GEXF attribute types we write.
JAVA_TYPES = {"string": "String", "long": "Long", "double": "Double", "boolean": "Boolean"}
#: INFO lines that are advice, not problems (see the module docstring).
ADVICE = {
    ("INFO", "GEXF version 1.3"),
    ("INFO", "Parallel edges detected, remember to choose a merge strategy"),
}
MERGE_WARNING = "Cannot completely merge overlapping interval sets"


#: The analyses' node measures a build's GEXF carries, with Gephi's column types.
MEASURE_COLUMNS = {
    "pagerank": "Double", "betweenness": "Double", "community": "Long",
    "constraint": "Double",
    **{f"brokerage_{role}": "Double" for role in _BROKERAGE_ROLES},
    "brokerage_total": "Double", "brokerage_role": "String",
}  # fmt: skip


@pytest.fixture(scope="module")
def shipped_analyses(builds):
    """The analyses of the shipped graph, as the build computes them (years aside)."""
    ds, G, _ = builds["shipped"]
    return run_all(G, ds.schema, years=[])


@pytest.fixture(scope="module")
def imported(gephi_jar, builds) -> dict[tuple[str, str, str], dict]:
    """Gephi's summary per (strategy, dataset, format); strategy "none" or "default"."""
    keys = [(name, fmt) for name in NAMES for fmt in FORMATS]
    files = [builds[name][2] / f"graph.{fmt}" for name, fmt in keys]
    out: dict[tuple[str, str, str], dict] = {}
    every = gephi(gephi_jar, *files, merge="NO_MERGE")
    for strategy, got in (("none", every), ("default", gephi(gephi_jar, *files))):
        for (name, fmt), summary in zip(keys, got, strict=True):
            out[strategy, name, fmt] = summary
    return out


def _symmetric(ds) -> set[str]:
    return {name for name, rt in ds.schema.relationship_types.items() if rt.symmetric}


def _issues(got: dict) -> Counter:
    return Counter((i["level"], i["message"].split(" <")[0]) for i in got["issues"])


def _affine(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least-squares ``y = a x + b``; returns a, b and the largest residual."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    a = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    b = my - a * mx
    return a, b, max(abs(a * x + b - y) for x, y in zip(xs, ys, strict=True))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_gephi_imports_every_relationship(imported, builds, name, fmt) -> None:
    _, G, _ = builds[name]
    got = imported["none", name, fmt]
    assert got["imported"]
    assert got["importer"] == {"gexf": "ImporterGEXF", "graphml": "ImporterGraphML"}[fmt]
    assert got["container"]["nodes"] == got["graph"]["nodes"] == G.number_of_nodes()
    assert got["container"]["edges"] == got["graph"]["edges"] == G.number_of_edges()
    assert {n["id"] for n in got["nodes"]} == {str(n) for n in G.nodes}
    assert sorted(e["id"] for e in got["edges"]) == sorted(str(k) for _, _, k in G.edges(keys=True))
    ends = {str(k): (str(u), str(v)) for u, v, k in G.edges(keys=True)}
    assert all((e["source"], e["target"]) == ends[e["id"]] for e in got["edges"])
    # Advice only (see the module docstring); GraphML has no version line.
    assert set(_issues(got)) <= ADVICE, got["issues"]


@pytest.mark.parametrize("name", NAMES)
def test_gephi_symmetric_relationships_are_undirected(imported, builds, name) -> None:
    """GEXF: the schema's symmetric types are undirected edges, all others directed."""
    ds, G, _ = builds[name]
    got = imported["none", name, "gexf"]
    symmetric = _symmetric(ds)
    assert symmetric  # allies, cooperation, conflict...
    rel_type = {str(k): d["type"] for _, _, k, d in G.edges(keys=True, data=True)}
    undirected = {e["id"] for e in got["edges"] if not e["directed"]}
    assert undirected == {k for k, t in rel_type.items() if t in symmetric}
    assert got["graph"]["undirected_edges"] == len(undirected) > 0
    assert got["graph"]["directed_edges"] == G.number_of_edges() - len(undirected) > 0
    assert got["graph"]["is_mixed"]
    # Each edge's kind (Gephi's edge type) is its relationship type.
    assert all(e["type_label"] == rel_type[e["id"]] for e in got["edges"])


@pytest.mark.parametrize("name", NAMES)
def test_gephi_graphml_edges_are_all_directed(imported, builds, name) -> None:
    """GraphML stays directed: networkx refuses ``directed="false"`` edges in a directed
    graph and igraph has no mixed graphs; the symmetric ones carry ``symmetric=true``."""
    ds, G, _ = builds[name]
    got = imported["none", name, "graphml"]
    assert got["graph"]["undirected_edges"] == 0 and got["graph"]["is_directed"]
    flagged = {e["id"] for e in got["edges"] if e["attributes"].get("symmetric") == "true"}
    assert flagged == {str(k) for _, _, k, d in G.edges(keys=True, data=True)
                       if d["type"] in _symmetric(ds)}


#: The XML type of a field of each type of graph_loader.model (the others are strings).
FIELD_TYPES = {"bool": "boolean", "int": "long", "year": "long"}


def _expected_columns(G, fmt: str) -> tuple[dict[str, str], dict[str, str]]:
    """Gephi's node and edge columns: every actor field but the id, typed by its
    declaration (whether or not any actor has a value), and the edges' flattened
    attributes; in the GEXF, also the analyses' node measures (the build passes its
    analyses to the GEXF writer)."""
    node = {f.name: FIELD_TYPES.get(f.type, "string")
            for f in fields(G.graph["schema"], "actor") if f.role != "key"}
    if fmt == "gexf":  # an actor's lifespan: GEXF's start/end are its spell
        node = {(f"{k}_date" if k in ("start", "end") else k): v for k, v in node.items()}
    if fmt == "graphml":
        edge = _attribute_types(
            _graphml_edge_attrs(k, d) for _, _, k, d in G.edges(keys=True, data=True)
        )
    else:
        edge = _attribute_types(_flat_attrs(d) for _, _, d in G.edges(data=True))
        for moved in ("id", "type", "start", "end"):  # XML attributes in GEXF
            edge.pop(moved, None)
        edge.update(rel_type="string", start_date="string", end_date="string")
    node_java = {k: JAVA_TYPES[v] for k, v in node.items()}
    if fmt == "gexf":
        node_java.update(MEASURE_COLUMNS)
    return node_java, {k: JAVA_TYPES[v] for k, v in edge.items()}


def _columns(got: dict, cls: str) -> dict[str, str]:
    return {c["title"]: c["type"] for c in got[f"{cls}_columns"] if not c["property"]}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_gephi_attribute_columns(imported, builds, name, fmt) -> None:
    _, G, _ = builds[name]
    got = imported["none", name, fmt]
    node, edge = _expected_columns(G, fmt)
    assert _columns(got, "node") == node
    assert _columns(got, "edge") == edge
    assert {"name", "kind"} <= set(node) and {"start_year", "symmetric"} <= set(edge)
    if fmt == "gexf":  # columns keep the attribute names as their ids
        assert all(c["id"] == c["title"] for c in got["node_columns"] if not c["property"])


def test_gephi_node_measures(imported, shipped_analyses) -> None:
    """A build's GEXF carries the analyses' node measures (write_all passes them)."""
    analyses = shipped_analyses
    got = imported["none", "shipped", "gexf"]
    columns = _columns(got, "node")
    assert {k: columns[k] for k in MEASURE_COLUMNS} == MEASURE_COLUMNS
    by_id = {n["id"]: n["attributes"] for n in got["nodes"]}
    pr = analyses.centrality["pagerank"]
    assert all(float(by_id[str(n)]["pagerank"]) == pytest.approx(v) for n, v in pr.items())
    assert all(int(by_id[str(n)]["community"]) == c for n, c in analyses.community_of.items())
    top = max(pr.index, key=lambda n: pr[n])
    assert by_id[str(top)]["brokerage_role"] in {"coordinator", "itinerant", "representative",
                                                 "gatekeeper", "liaison", ""}
    assert not set(_issues(got)) - ADVICE


def _date(year: int | None, end: bool) -> str | None:
    return None if year is None else (f"{year:04d}-12-31" if end else f"{year:04d}-01-01")


def _holds(intervals: list, year: int) -> bool:
    """Whether Gephi shows an element with these intervals on 1 July of ``year``."""
    day = f"{year:04d}-07-01"
    return not intervals or any((lo is None or lo <= day) and (hi is None or day <= hi)
                                for lo, hi in intervals)


@pytest.mark.parametrize("name", NAMES)
def test_gephi_timeline_follows_the_views(imported, builds, name) -> None:
    """Spells are the years of the one time rule (graph.holds): Gephi's timeline shows in
    each year the relationships, and the actors they touch, of that year's graph.as_of."""
    _, G, _ = builds[name]
    got = imported["none", name, "gexf"]
    assert got["graph"]["is_dynamic"] and got["graph"]["time_format"] == "DATE"
    lo, hi = year_range(G)
    # Gephi's time bounds run from the earliest to the latest finite spell bound: the
    # years each relationship holds by the one rule of time (graph.relationship_years).
    spans = [relationship_years(G, u, v, d) for u, v, d in G.edges(data=True)]
    bounds = sorted({b for s, e in spans if s <= e
                     for b in (_date(None if s == OPEN_START else s, False),
                               _date(None if e == OPEN_END else e, True))
                     if b is not None})
    assert got["graph"]["time_bounds"] == [bounds[0], bounds[-1]]
    # Lifespans can open it earlier than any relationship's own date (the OIC, 1969).
    assert bounds[0] <= f"{lo:04d}-01-01"
    data = {str(k): d for _, _, k, d in G.edges(keys=True, data=True)}
    ends = {str(k): (u, v) for u, v, k in G.edges(keys=True)}
    for e in got["edges"]:
        d = data[e["id"]]
        s, t = relationship_years(G, *ends[e["id"]], d)
        s, t = (None if s == OPEN_START else s), (None if t == OPEN_END else t)
        want = [] if s is None and t is None else [[_date(s, False), _date(t, True)]]
        assert e["intervals"] == want, e["id"]
    nodes = {n["id"]: n["intervals"] for n in got["nodes"]}
    edges = {e["id"]: e["intervals"] for e in got["edges"]}
    touched = {str(n) for e in G.edges() for n in e}
    for year in range(lo - 1, hi + 2):
        active = {k for k, d in data.items() if holds(G, *ends[k], d, year)}
        assert {k for k, iv in edges.items() if _holds(iv, year)} == active, year
        actors = {str(n) for u, v, k in G.edges(keys=True) if str(k) in active for n in (u, v)}
        # An actor with no relationship at all has no spell (always shown); views never
        # show it. The datasets have none.
        assert touched == set(nodes)
        assert {n for n, iv in nodes.items() if _holds(iv, year)} == actors, year


@pytest.mark.parametrize("name", NAMES)
def test_gephi_colours_sizes_positions_are_the_views(imported, builds, name) -> None:
    """Node colours are the schema's kind colours; sizes and positions are the main
    view's, up to Gephi's auto-scaling on import (one scale and offset for all nodes)."""
    ds, G, _ = builds[name]
    got = imported["none", name, "gexf"]
    schema = ds.schema
    nodes = {n["id"]: n for n in got["nodes"]}
    for n, d in G.nodes(data=True):
        rgb = [round(c * 255) for c in nodes[str(n)]["color"][:3]]
        want = views.kind_color(schema, d["kind"])
        assert rgb == [int(want[i:i + 2], 16) for i in (1, 3, 5)], n
    scores = views.influence_scores(G, schema)  # = the analyses' PageRank the build uses
    top = max(scores.values())
    ids = sorted(G.nodes, key=str)
    ours = [views.node_size(scores[n], top) for n in ids]
    a, _, err = _affine(ours, [nodes[str(n)]["size"] for n in ids])
    assert a > 0 and err < 0.05 * max(ours) * a
    pos = views.compute_layout(G)  # all nodes drawn: fewer than views.MAX_NODES
    assert G.number_of_nodes() <= views.MAX_NODES
    ax, _, ex = _affine([pos[n][0] for n in ids], [nodes[str(n)]["x"] for n in ids])
    ay, _, ey = _affine([-pos[n][1] for n in ids], [nodes[str(n)]["y"] for n in ids])
    span = max(abs(nodes[str(n)][c]) for n in ids for c in "xy")
    assert ax > 0 and ay == pytest.approx(ax, rel=1e-3)
    assert max(ex, ey) < 1e-3 * span


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_gephi_default_merge_strategy(imported, builds, name, fmt) -> None:
    """With Gephi's default ("Sum"), parallel relationships fold into one edge: in the
    GEXF only those of the same type (the edge kind); in GraphML, which has no kind, all
    of them. The only warnings are about merging overlapping spells (harmless: see the
    module docstring)."""
    ds, G, _ = builds[name]
    got = imported["default", name, fmt]
    symmetric = _symmetric(ds)
    if fmt == "gexf":
        groups = Counter(
            (frozenset((u, v)) if d["type"] in symmetric else (u, v), d["type"])
            for u, v, d in G.edges(data=True)
        )
    else:
        groups = Counter((u, v) for u, v in G.edges())
    assert got["graph"]["edges"] == len(groups)
    assert got["graph"]["nodes"] == G.number_of_nodes()
    issues = _issues(got)
    merges = issues.pop(("WARNING", MERGE_WARNING), 0)
    assert set(issues) <= ADVICE, got["issues"]
    assert merges <= sum(c - 1 for c in groups.values())
    if fmt == "graphml":
        assert merges == 0  # no spells in GraphML
