"""The peer comparison of the benchmarks (``python -m benchmarks --peers``, issue #15).

The ratio and fastest-peer computation and the agreement checks, on synthetic result
documents and on small graphs; the peer stages run in-process on the paper's data.
No timing is asserted.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import networkx as nx
import pytest

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from benchmarks import agreement as ag  # noqa: E402
from benchmarks import vs_peers  # noqa: E402

DATA = _ROOT / "data"


def _details(cpu: dict[str, float], size: str = "M", **extra: dict) -> dict:
    """``"<size>/<stage>" -> record`` with ``cpu_seconds`` (and ``seconds`` = twice it)."""
    out = {f"{size}/{st}": {"cpu_seconds": c, "seconds": 2 * c, **extra.get(st, {})}
           for st, c in cpu.items()}
    return out


# --------------------------------------------------------------------------- ratios


def test_vs_fastest_peer_picks_the_peer_with_the_fewest_cpu_seconds() -> None:
    details = _details(
        {"pagerank": 3.0, "peer:pagerank:networkx": 6.0, "peer:pagerank:igraph": 1.5,
         "peer:pagerank:rustworkx": 2.0},
        **{"peer:pagerank:igraph": {"convert_cpu_seconds": 0.5}},
    )  # fmt: skip
    vs = vs_peers.vs_fastest_peer(details)
    e = vs["pagerank"]["M"]
    assert e["peer"] == "igraph"
    assert e["ratio"] == 2.0
    assert e["ratio_incl_convert"] == 1.5  # 3.0 / (1.5 + 0.5)
    assert e["ratio_wall"] == 2.0
    assert e["peers"] == {"igraph": 1.5, "networkx": 6.0, "rustworkx": 2.0}
    assert set(vs) == {"pagerank"}
    # the project's shared conversion counts on its side of the ratio incl. conversions
    details["M/pagerank"]["convert_cpu_seconds"] = 1.0
    e = vs_peers.vs_fastest_peer(details)["pagerank"]["M"]
    assert e["ratio"] == 2.0 and e["project_convert_cpu_s"] == 1.0
    assert e["ratio_incl_convert"] == 2.0  # (3.0 + 1.0) / (1.5 + 0.5)


def test_vs_fastest_peer_skips_failures_and_missing_sides() -> None:
    details = _details({"louvain": 4.0, "peer:louvain:networkx": 8.0, "peer:louvain:igraph": 1.0,
                        "peer:constraint:igraph": 1.0})
    details["M/peer:louvain:igraph"]["error"] = "boom"
    vs = vs_peers.vs_fastest_peer(details)
    assert vs["louvain"]["M"]["peer"] == "networkx"  # the failed igraph run does not count
    assert vs["louvain"]["M"]["ratio"] == 0.5
    assert "constraint" not in vs  # no project record: nothing to divide
    # a CSV peer starts from the files: no conversion, no ratio including it
    csv = vs_peers.vs_fastest_peer(_details({"csv_graph": 3.0,
                                             "peer:csv_graph:polars+rustworkx": 1.0}, "L"))
    assert csv["csv_graph"]["L"]["ratio"] == 3.0
    assert csv["csv_graph"]["L"]["ratio_incl_convert"] is None


def test_agreement_table_and_targets_in_results_md() -> None:
    from benchmarks.runner import _add_peer_results, render_markdown

    holds = {"measure": "max_abs_diff", "value": 1e-6, "tolerance": 1e-4, "holds": True}
    fails = {"measure": "max_abs_diff", "value": 0.5, "tolerance": 1e-9, "holds": False}
    details = {
        **_details({"pagerank": 3.0, "peer:pagerank:igraph": 2.0},
                   **{"peer:pagerank:igraph": {"agreement": holds}}),
        **_details({"constraint": 1.0, "peer:constraint:igraph": 2.0},
                   **{"peer:constraint:igraph": {"agreement": fails}}),
        **_details({"csv_graph": 4.0, "peer:csv_graph:polars+rustworkx": 2.0,
                    "peer:csv_graph:pandas+networkx": 10.0}, "L",
                   csv_graph={"peak_rss_mb": 3000.0}),
        **_details({"build": 100.0}, "L", build={"peak_rss_mb": 5000.0}),
        **_details({"build": 3.0, "startup": 0.5}, "paper"),
    }
    details["L/build"]["seconds"] = 100.0
    details["paper/build"]["seconds"], details["paper/startup"]["seconds"] = 3.0, 0.5
    table = vs_peers.agreement_table(details)
    assert table == {"pagerank": {"M": {"igraph": holds}},
                     "constraint": {"M": {"igraph": fails}}}
    ratios: dict = {"loader_vs_naive": {}, "loader_vs_bulk": {}}
    _add_peer_results(ratios, details)
    doc = {
        "ratios": ratios, "agreement": table, "details": details, "machine": {},
        "sizes": ["paper", "M", "L"], "failures": [], "notes": [], "rels_per_second": {},
        "stages": [{"size": k.split("/")[0], "stage": k.split("/")[1], "seconds": 1.0,
                    "peak_rss_mb": 1.0} for k in details],
    }  # fmt: skip
    md = render_markdown(doc)
    assert "## vs the fastest peer" in md and "## Agreement with the peers" in md
    assert "| pagerank | M | 3.000 | igraph | 2.000 | 1.50× |" in md
    assert "| constraint | M | igraph | max_abs_diff | 0.5 | 1e-09 | **no** |" in md
    assert "| pagerank ≤ 1.2× the fastest peer (igraph) | M | 1.50× | **no** |" in md
    assert "| constraint ≤ 1.2× the fastest peer (igraph) | M | 0.50× | yes |" in md
    assert "| CSV → graph ≤ 1.5× polars+rustworkx | L | 2.00× | **no** |" in md
    assert "| CSV → graph peak RSS < 2.5 GB | L | 3000 MB | **no** |" in md
    assert "| graph-loader build < 120 s | L | 100.0 s | yes |" in md
    assert "| graph-loader build peak RSS < 4 GB | L | 5000 MB | **no** |" in md
    assert "beyond start-up (build stage) | paper | 2.50 s | **no** |" in md
    assert "| pagerank ≤ 1.2× the fastest peer | L | not measured | – |" in md


def test_merge_recomputes_the_peer_ratios(tmp_path: Path) -> None:
    from benchmarks.runner import build_results, merge_results

    def rec(stage: str, cpu: float, **kw: object) -> dict:
        return {"size": "M", "stage": stage, "seconds": cpu, "cpu_seconds": cpu,
                "peak_rss_mb": 10.0, **kw}

    agree = {"measure": "max_abs_diff", "value": 0.0, "tolerance": 1e-4, "holds": True}
    old = build_results([rec("pagerank", 4.0), rec("peer:pagerank:igraph", 1.0, agreement=agree),
                         rec("peer:pagerank:networkx", 8.0, agreement=agree)])
    assert old["ratios"]["vs_fastest_peer"]["pagerank"]["M"]["ratio"] == 4.0
    (tmp_path / "results.json").write_text(json.dumps(old), encoding="utf-8")
    new = build_results([rec("pagerank", 0.5)])  # only the project re-run, now faster
    assert "vs_fastest_peer" not in new["ratios"] and "agreement" not in new
    merged = merge_results(tmp_path / "results.json", new, ["M"])
    e = merged["ratios"]["vs_fastest_peer"]["pagerank"]["M"]
    assert (e["peer"], e["ratio"]) == ("igraph", 0.5)
    assert set(merged["agreement"]["pagerank"]["M"]) == {"igraph", "networkx"}


def test_small_cpu_times_keep_their_digits() -> None:
    from benchmarks.runner import _detail

    d = _detail({"size": "paper", "stage": "x", "cpu_seconds": 8.123e-05, "seconds": 12.34567})
    assert d == {"cpu_seconds": 8.123e-05, "seconds": 12.3457}


# --------------------------------------------------------------------------- agreement


def test_pagerank_agreement_tolerance() -> None:
    a = {"x": 0.5, "y": 0.3, "z": 0.2}
    assert ag.pagerank_agreement(a, {"x": 0.50005, "y": 0.29995, "z": 0.2})["holds"] is True
    bad = ag.pagerank_agreement(a, {"x": 0.4, "y": 0.4, "z": 0.2})
    assert bad["holds"] is False and bad["value"] == pytest.approx(0.1)
    assert bad["tolerance"] == ag.PAGERANK_TOL
    assert ag.pagerank_agreement(a, {"x": 0.5, "y": 0.3})["holds"] is False  # a node missing


def test_constraint_agreement_compares_defined_values_and_nan_sets() -> None:
    project = {"a": 0.5, "b": math.nan, "c": 0.25}
    assert ag.constraint_agreement(project, {"a": 0.5, "b": math.nan, "c": 0.25})["holds"]
    one_sided = ag.constraint_agreement(project, {"a": 0.5, "b": 0.1, "c": 0.25})
    assert one_sided["holds"] is False and one_sided["defined_on_one_side_only"] == 1
    sample = ag.constraint_agreement(project, {"c": 0.25})  # a sampled peer: its nodes only
    assert sample["holds"] is True and sample["nodes"] == 1
    assert ag.constraint_agreement(project, {"c": 0.2500001})["holds"] is False


def test_betweenness_agreement_and_top_rank_correlation() -> None:
    project = {i: float(i) for i in range(200)}
    same = ag.betweenness_agreement(project, dict(project))
    assert same["holds"] is True and same["spearman_top100"] == 1.0
    reversed_ = ag.betweenness_agreement(project, {i: -float(i) for i in range(200)})
    assert reversed_["holds"] is False and reversed_["spearman_top100"] == -1.0


def test_nmi() -> None:
    a = [{1, 2, 3}, {4, 5, 6}]
    assert ag.nmi(a, [{4, 5, 6}, {1, 2, 3}]) == pytest.approx(1.0)  # labels do not matter
    assert ag.nmi(a, [{1, 4}, {2, 5}, {3, 6}]) == pytest.approx(0.0)  # independent
    assert 0.0 < ag.nmi(a, [{1, 2}, {3, 4, 5, 6}]) < 1.0


def test_louvain_agreement_by_modularity() -> None:
    H = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    nx.set_edge_attributes(H, 1, "weight")
    good = [{0, 1, 2}, {3, 4, 5}]
    rec = ag.louvain_agreement(H, good, [{3, 4, 5}, {0, 1, 2}])
    assert rec["holds"] is True and rec["value"] == 0.0 and rec["nmi"] == 1.0
    worse = ag.louvain_agreement(H, good, [{0, 1, 2, 3, 4, 5}])
    assert worse["holds"] is False
    assert worse["modularity_peer"] == pytest.approx(0.0)
    assert worse["modularity_project"] == pytest.approx(nx.community.modularity(H, good))


def test_graph_agreement_counts() -> None:
    assert ag.graph_agreement(10, 20, 10, 20)["holds"] is True
    assert ag.graph_agreement(10, 19, 10, 20)["holds"] is False


def test_networkx_constraint_on_a_budget_does_at_least_one_node() -> None:
    from benchmarks.peers import constraint_within

    H = nx.karate_club_graph()
    got = constraint_within(H, [5, 3, 1], budget=0.0)
    assert list(got) == [5]
    assert got[5] == pytest.approx(nx.constraint(H, nodes=[5], weight="weight")[5])


def test_igraph_betweenness_from_the_project_pivots_is_the_project_value() -> None:
    from benchmarks.peers import prepare_igraph
    from graph_loader.analyses import betweenness

    H = nx.gnm_random_graph(300, 900, seed=3)  # more nodes than pivots: a sampled estimate
    prepared = prepare_igraph("betweenness", H)
    peer = prepared.result(prepared.run())
    rec = ag.betweenness_agreement(betweenness(H, exact_max=0), peer)
    assert rec["holds"] is True, rec


# --------------------------------------------------------------------------- stages


def test_stage_lists() -> None:
    from benchmarks.runner import all_stages, default_stages, main, peer_stages
    from benchmarks.stages import STAGES

    assert peer_stages()[:4] == ["csv_graph", "peer:csv_graph:polars+rustworkx",
                                 "peer:csv_graph:polars+igraph", "peer:csv_graph:pandas+networkx"]
    assert peer_stages()[-2:] == ["startup", "build"]
    assert {"startup", "build"} <= set(default_stages())
    assert set(all_stages()) <= set(STAGES)
    assert len(all_stages()) == len(set(all_stages()))
    assert vs_peers.expand_with_peers(["validate", "pagerank", "build"]) == [
        "validate", "pagerank", "peer:pagerank:networkx", "peer:pagerank:igraph",
        "peer:pagerank:rustworkx", "build"]
    assert main(["--list"]) == 0


def test_list_shows_the_peer_stages(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.runner import main

    main(["--list"])
    listed = capsys.readouterr().out.split()
    assert "peer:louvain:igraph" in listed and "peer:pagerank:rustworkx" in listed
    assert "build" in listed and "startup" in listed


def test_run_tree_measures_a_child_and_reports_its_failure(tmp_path: Path) -> None:
    from benchmarks.peer_stages import run_tree

    got = run_tree([sys.executable, "-c", "x = bytearray(50_000_000); sum(range(10**6))"],
                   cwd=tmp_path)
    assert got["cpu_seconds"] > 0
    assert got["children_maxrss_mb"] > 40  # the 50 MB buffer
    with pytest.raises(RuntimeError, match="exited 3"):
        run_tree([sys.executable, "-c", "import sys; print('no'); sys.exit(3)"], cwd=tmp_path,
                 log=tmp_path / "log")


@pytest.mark.parametrize("op", ["pagerank", "constraint", "betweenness", "louvain"])
def test_peer_stages_in_process_on_the_paper(tmp_path: Path, op: str) -> None:
    """The project's stage then each peer's, in this process on the paper's data: every
    peer's agreement record holds (PageRank within 1e-4, constraint and betweenness exact,
    Louvain's modularity within 0.02)."""
    from benchmarks.peers import PEER_OPS, peer_stage
    from benchmarks.stages import Context, run

    work = tmp_path / "work"
    work.mkdir()
    proj = run(op, Context(DATA, work))
    assert (work / f"project-{op}.pickle").is_file()
    assert proj["convert_cpu_seconds"] >= 0
    for peer in PEER_OPS[op]:
        res = run(peer_stage(op, peer), Context(DATA, work))
        a = res["agreement"]
        assert a["holds"] is True, (peer, a)
        assert a["tolerance"] is not None and a["value"] <= a["tolerance"]
        assert res["cpu_seconds"] >= 0 and res["convert_cpu_seconds"] >= 0
        assert res["nodes"] > 90


def test_csv_peers_build_the_project_graph_counts(tmp_path: Path) -> None:
    from benchmarks.peers import CSV_PEERS, peer_stage
    from benchmarks.stages import Context, run

    work = tmp_path / "work"
    work.mkdir()
    proj = run("csv_graph", Context(DATA, work))
    assert (work / "dataset.pickle").is_file()
    for peer in CSV_PEERS:
        res = run(peer_stage("csv_graph", peer), Context(DATA, work))
        assert res["agreement"]["holds"] is True, (peer, res["agreement"])
        assert (res["nodes"], res["edges"]) == (proj["nodes"], proj["edges"])


def test_repeated_stages_record_the_median_run(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    from benchmarks import runner

    cpu = iter([3.0, 1.0, 2.0, 6.0, 4.0, 5.0])
    calls: list[str] = []

    def fake(stage: str, size: str, *_a: object, **_k: object) -> dict:
        calls.append(stage)
        c = next(cpu)
        return {"stage": stage, "size": size, "cpu_seconds": c, "seconds": c * 2,
                "peak_rss_mb": 100.0 * c}

    monkeypatch.setattr(runner, "run_stage", fake)
    rec = runner._run_repeated("peer:csv_graph:polars+rustworkx", "L", tmp_path, tmp_path)
    assert len(calls) == runner.PROCESS_RUNS["csv_graph"] == 5
    assert rec["cpu_seconds"] == 3.0 and rec["seconds"] == 6.0
    assert rec["process_cpu_seconds_runs"] == [3.0, 1.0, 2.0, 6.0, 4.0]
    assert rec["peak_rss_mb"] == 600.0
    assert runner._run_repeated("validate", "L", tmp_path, tmp_path)["cpu_seconds"] == 5.0
    assert len(calls) == 6


@pytest.mark.parametrize(("limit", "runs"), [("EXTRA_PROCESS_MAX_SECONDS", 3),
                                             ("REPEAT_PROCESS_MAX_SECONDS", 1)])
def test_long_processes_run_fewer_times(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                        limit: str, runs: int) -> None:
    """A stage whose processes take over EXTRA_PROCESS_MAX_SECONDS (the L stages' set-up)
    runs MIN_PROCESS_RUNS of them, not PROCESS_RUNS; over REPEAT_PROCESS_MAX_SECONDS
    (networkx's betweenness at L), one."""
    from benchmarks import runner

    calls: list[str] = []

    def fake(stage: str, size: str, *_a: object, **_k: object) -> dict:
        calls.append(stage)
        return {"stage": stage, "size": size, "cpu_seconds": 1.0, "seconds": 1.0,
                "peak_rss_mb": 1.0, "process_seconds": getattr(runner, limit) + 1}

    monkeypatch.setattr(runner, "run_stage", fake)
    rec = runner._run_repeated("louvain", "L", tmp_path, tmp_path)
    assert len(calls) == rec.get("process_runs", 1) == runs
    assert runner.MIN_PROCESS_RUNS == 3 < runner.PROCESS_RUNS["louvain"]


def test_short_calls_run_until_their_runs_add_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short call runs at least SHORT_RUNS times, then until SHORT_RUNS_CPU_SECONDS
    (at most MAX_SHORT_RUNS); its median is recorded. A long one runs once."""
    from types import SimpleNamespace

    from benchmarks import peer_stages as ps

    clock = [0.0]
    monkeypatch.setattr(ps, "_cpu_seconds", lambda: clock[0])

    def runs(first: float, each: list[float]) -> dict:
        steps = iter(each)

        def call() -> None:
            clock[0] += next(steps)

        ctx = SimpleNamespace(result={"cpu_seconds": first, "seconds": first})
        ps._repeat_if_short(ctx, call)  # type: ignore[arg-type]
        return ctx.result

    quarter = runs(0.25, [0.25, 0.25, 0.5] + [0.25] * 100)  # exact in binary
    assert quarter["runs"] == 11 > ps.SHORT_RUNS  # 0.25 * 10 + 0.5 = 3.0
    assert sum(quarter["cpu_seconds_runs"]) == ps.SHORT_RUNS_CPU_SECONDS
    assert quarter["cpu_seconds"] == 0.25
    assert runs(0.001, [0.001] * 100)["runs"] == ps.MAX_SHORT_RUNS
    assert runs(1.0, [1.0] * 100)["runs"] == ps.SHORT_RUNS
    assert "runs" not in runs(ps.REPEAT_BELOW_CPU_SECONDS, [])


def test_compared_stages_run_in_turns(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The project's and the peers' processes alternate, so that a slow stretch of the
    machine falls on every side; a failed or long stage drops out of the turns."""
    from benchmarks import runner

    calls: list[str] = []

    def fake(stage: str, size: str, *_a: object, **_k: object) -> dict:
        calls.append(stage)
        if stage.endswith("networkx"):
            return {"stage": stage, "size": size, "error": "no"}
        long = stage.endswith("igraph") and runner.REPEAT_PROCESS_MAX_SECONDS + 1
        return {"stage": stage, "size": size, "cpu_seconds": float(len(calls)),
                "seconds": 1.0, "peak_rss_mb": 1.0, "process_seconds": long or 1.0}

    monkeypatch.setattr(runner, "run_stage", fake)
    stages = ["graph", "louvain", "peer:louvain:networkx", "peer:louvain:igraph", "layout"]
    groups = runner._groups(stages)
    assert groups == [["graph"], stages[1:4], ["layout"]]
    recs = runner._run_interleaved(groups[1], "M", tmp_path, tmp_path)
    assert calls == ["louvain", "peer:louvain:networkx", "peer:louvain:igraph",
                     "louvain", "louvain", "louvain", "louvain"]
    assert recs[0]["process_cpu_seconds_runs"] == [1.0, 4.0, 5.0, 6.0, 7.0]
    assert recs[0]["cpu_seconds"] == 5.0
    assert recs[1]["error"] == "no" and "process_runs" not in recs[2]
