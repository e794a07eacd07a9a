"""The stages of ``--peers``: each op of :mod:`benchmarks.peers` by the project and by each
peer, plus the whole ``graph-loader build`` and the interpreter's start-up.

Registered in :data:`benchmarks.stages.STAGES` (imported at the end of that module), so
each runs in a fresh interpreter like every other stage.

- ``<op>`` (``csv_graph``, ``louvain``, ``pagerank``, ``constraint``, ``betweenness``,
  ``layout``): the project's public function on the graph its stages use, built in the
  set-up. The conversion the project's analyses share in a build
  (:func:`benchmarks.peers.project_prepare`) is made first and timed apart
  (``convert_seconds``, ``convert_cpu_seconds``), as a peer's is. The result is pickled
  into the work directory for the peers' agreement check.
- ``peer:<op>:<peer>``: the same graph converted to the peer's type (timed apart:
  ``convert_seconds``, ``convert_cpu_seconds``), then the peer's call (``seconds``,
  ``cpu_seconds``). ``peak_rss_mb`` is taken right after the call, before the
  agreement check (:mod:`benchmarks.agreement`), which runs untimed and goes into
  ``agreement``. Before the timed part, the set-up's objects are frozen out of the
  cycle collector (``gc.freeze``), on both sides.
- ``build``: ``graph-loader build --data <data> --out <tmp>`` in a child process:
  wall time, CPU of the child (user + system), peak RSS of the process tree (psutil,
  sampled every 20 ms, and the children's ``ru_maxrss``). Builds under 15 s run three
  times (median).
- ``startup``: ``python -c pass`` (median of 5), and ``python -c "import
  graph_loader.cli"`` (median of 3) as ``import_cli_seconds``.
"""

from __future__ import annotations

import gc
import importlib
import os
import pickle
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.agreement import agreement, graph_agreement
from benchmarks.peers import (
    CSV_PEERS,
    PEER_OPS,
    PEER_PACKAGES,
    PREPARE,
    op_input,
    peer_stage,
    project_prepare,
    project_run,
)
from benchmarks.stages import (
    Context,
    StageFn,
    _cpu_seconds,
    _rss_mb,
    compile_package,
    graph_loader_command,
    stage,
)

#: A build faster than this is run three times and the median kept.
BUILD_REPEAT_BELOW_SECONDS = 15.0
#: Analyses (project and peers) measured under this many CPU seconds are run again and
#: the median kept: single runs of Louvain at L (4-5 s) gave ratios of 0.96 and 1.23 to
#: the same igraph call in two runs of one day.
REPEAT_BELOW_CPU_SECONDS = 6.0
#: ... at least this many runs in all,
SHORT_RUNS = 5
#: ... and more, up to MAX_SHORT_RUNS, until the runs add up to this many CPU seconds:
#: a 0.2 s call (Louvain at M) gets 15 runs, not 5.
SHORT_RUNS_CPU_SECONDS = 3.0
MAX_SHORT_RUNS = 25
#: Seconds between two samples of the build's process tree RSS.
RSS_POLL_SECONDS = 0.02
#: ... and while the tree has several processes, of their PSS (reading it walks the
#: page tables: ~40 ms for a 4 GB process).
PSS_POLL_SECONDS = 0.25


def _freeze_setup() -> None:
    """Move everything the set-up allocated out of the cycle collector's reach.

    After the set-up, the process holds millions of long-lived objects (the dataset, the
    graphs). Without this, whichever call happens to trigger a full collection walks
    them all (0.5-0.8 s at M, in PageRank's 0.15 s), so the same networkx call measured
    0.14 s in one stage and 0.98 s in another. ``gc.freeze`` keeps the collector on for
    what the timed call allocates; both sides of a comparison get it.
    """
    gc.collect()
    gc.freeze()


def _collect_setup() -> None:
    """Collect the set-up into the collector's oldest generation, freezing nothing.

    For the CSV stages, whose set-up is only imports: the process is then as a user's
    is when they read their files. Frozen objects would change what is measured, not
    only where: the project's steps move what they keep to the oldest generation only
    when nothing is frozen (``graph_loader.gcpause.promote``), and otherwise leave its
    walk, 1.2 s at L, to the first collection after each step.
    """
    gc.collect()


def _project_file(ctx: Context, op: str) -> Path:
    return ctx.work_dir / f"project-{op}.pickle"


def _setup_imports() -> None:
    """Everything the timed calls import, imported in the set-up (as the peers' are):
    igraph's import alone is 0.3-0.5 s (it loads matplotlib.pyplot), more than most of
    the calls it serves at M."""
    import igraph  # noqa: F401
    import scipy.sparse  # noqa: F401
    import scipy.stats  # noqa: F401

    import graph_loader.analyses  # noqa: F401
    import graph_loader.views  # noqa: F401


# --------------------------------------------------------------------------- project side


def _repeat_if_short(ctx: Context, call: Callable[[], Any]) -> None:
    """A call measured under :data:`REPEAT_BELOW_CPU_SECONDS` is run again, at least
    :data:`SHORT_RUNS` runs in all and then until they add up to
    :data:`SHORT_RUNS_CPU_SECONDS` (at most :data:`MAX_SHORT_RUNS`), and its
    ``cpu_seconds`` and ``seconds`` become the medians (a tenth of a second varies by a
    third from run to run on a shared machine); ``runs`` says how many. Project and
    peers alike."""
    if ctx.result["cpu_seconds"] >= REPEAT_BELOW_CPU_SECONDS:
        return
    cpu, wall = [ctx.result["cpu_seconds"]], [ctx.result["seconds"]]
    while len(cpu) < SHORT_RUNS or (sum(cpu) < SHORT_RUNS_CPU_SECONDS
                                    and len(cpu) < MAX_SHORT_RUNS):
        c0, t0 = _cpu_seconds(), time.perf_counter()
        call()
        wall.append(time.perf_counter() - t0)
        cpu.append(_cpu_seconds() - c0)
    ctx.result.update(cpu_seconds=statistics.median(cpu), seconds=statistics.median(wall),
                      runs=len(cpu), cpu_seconds_runs=[round(c, 6) for c in cpu])


def _make_project_stage(op: str) -> StageFn:
    def run(ctx: Context) -> None:
        from graph_loader.analyses.backend import shared_conversions

        _setup_imports()
        G, schema = ctx.graph(), ctx.dataset().schema
        X = op_input(op, G, schema)
        with shared_conversions():
            _freeze_setup()
            c0, t0 = _cpu_seconds(), time.perf_counter()
            project_prepare(op, X)
            ctx.result["convert_seconds"] = time.perf_counter() - t0
            ctx.result["convert_cpu_seconds"] = _cpu_seconds() - c0
            _freeze_setup()
            with ctx.measure():
                out = project_run(op, X)
            _repeat_if_short(ctx, lambda: project_run(op, X))
        ctx.result["peak_rss_mb"] = round(_rss_mb(), 1)
        ctx.result.update(nodes=X.number_of_nodes(), edges=X.number_of_edges())
        with _project_file(ctx, op).open("wb") as fh:
            pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)

    run.__doc__ = f"the project's {op} (see benchmarks.peers.project_run)"
    return run


@stage("csv_graph")
def csv_graph_stage(ctx: Context) -> None:
    """CSV files to graph: ``validate`` then ``build_graph``; leaves ``dataset.pickle``."""
    import polars  # noqa: F401  (the fast path's parser: imported in set-up, as the peers')

    from graph_loader.graph import build_graph
    from graph_loader.validation import validate

    _collect_setup()
    with ctx.measure():
        ds, issues = validate(ctx.data_dir)
        if ds is None:
            raise RuntimeError(f"{len(issues)} validation issues, first: {issues[0]}")
        G = build_graph(ds)
    ctx.result["peak_rss_mb"] = round(_rss_mb(), 1)
    ctx.result.update(nodes=G.number_of_nodes(), edges=G.number_of_edges(),
                      actors=len(ds.actors), relationships=len(ds.relationships))
    del G
    cached = ctx.work_dir / "dataset.pickle"
    if not cached.is_file():
        tmp = cached.with_suffix(".pickle.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(ds, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cached)


# --------------------------------------------------------------------------- peers


def _import_peer(peer: str) -> None:
    for pkg in PEER_PACKAGES[peer]:
        importlib.import_module(pkg)


def _project_result(ctx: Context, op: str, X: Any) -> Any:
    """The project stage's pickled result of this run, else computed now (untimed)."""
    path = _project_file(ctx, op)
    if path.is_file():
        with path.open("rb") as fh:
            return pickle.load(fh)
    return project_run(op, X)


def _make_peer_stage(op: str, peer: str) -> StageFn:
    def run(ctx: Context) -> None:
        _import_peer(peer)
        _setup_imports()
        G, schema = ctx.graph(), ctx.dataset().schema
        X = op_input(op, G, schema)
        _freeze_setup()
        c0, t0 = _cpu_seconds(), time.perf_counter()
        prepared = PREPARE[peer](op, X)
        ctx.result["convert_seconds"] = time.perf_counter() - t0
        ctx.result["convert_cpu_seconds"] = _cpu_seconds() - c0
        _freeze_setup()
        with ctx.measure():
            raw = prepared.run()
        _repeat_if_short(ctx, prepared.run)
        ctx.result["peak_rss_mb"] = round(_rss_mb(), 1)
        ctx.result.update(nodes=X.number_of_nodes(), edges=X.number_of_edges())
        if prepared.sampled:
            factor = prepared.nodes / max(len(raw), 1)
            ctx.result.update(
                sampled=True, sample=len(raw),
                measured_seconds=ctx.result["seconds"],
                measured_cpu_seconds=ctx.result["cpu_seconds"],
                seconds=ctx.result["seconds"] * factor,
                cpu_seconds=ctx.result["cpu_seconds"] * factor,
            )  # fmt: skip
        if prepared.note:
            ctx.result["note"] = prepared.note
        result = prepared.result(raw)
        ctx.result["agreement"] = agreement(op, X, _project_result(ctx, op, X), result)

    run.__doc__ = f"{peer}'s {op} (see benchmarks.peers)"
    return run


def _make_csv_peer_stage(peer: str) -> StageFn:
    def run(ctx: Context) -> None:
        _import_peer(peer)
        _collect_setup()
        with ctx.measure():
            built = CSV_PEERS[peer](ctx.data_dir)
        ctx.result["peak_rss_mb"] = round(_rss_mb(), 1)
        nodes, edges = built.nodes, built.edges
        del built
        ds = ctx.dataset()
        ctx.result.update(nodes=nodes, edges=edges)
        ctx.result["agreement"] = graph_agreement(nodes, edges, len(ds.actors),
                                                  len(ds.relationships))

    run.__doc__ = f"CSV files to graph with {peer} (see benchmarks.peers)"
    return run


for _op, _peers in PEER_OPS.items():
    if _op != "csv_graph":
        stage(_op)(_make_project_stage(_op))
    for _peer in _peers:
        make = _make_csv_peer_stage(_peer) if _op == "csv_graph" else _make_peer_stage(_op, _peer)
        stage(peer_stage(_op, _peer))(make)


# --------------------------------------------------------------------------- build, startup


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_tree(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None,
             log: Path | None = None) -> dict[str, float]:
    """Run ``cmd``; its wall time, CPU (user + system, children included) and the peak
    memory of its process tree (sampled; psutil if installed, else the largest child's
    ``ru_maxrss``): the RSS of a lone process, the sum of PSS while there are several.

    A forked child (the build's plot worker) shares its parent's pages until either
    writes them, and each process's RSS counts every shared page: summing RSS would
    count them twice. PSS splits each page among the processes sharing it, so the sum
    is the memory the tree really holds.
    """
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is in the [bench] extra
        psutil = None
    out = log.open("wb") if log else subprocess.DEVNULL
    c0 = _children_cpu()
    t0 = time.perf_counter()
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = 0
        if psutil is not None:
            try:
                root = psutil.Process(proc.pid)
                while proc.poll() is None:
                    tree = [root, *root.children(recursive=True)]
                    peak = max(peak, _tree_memory(tree, psutil))
                    time.sleep(RSS_POLL_SECONDS if len(tree) == 1 else PSS_POLL_SECONDS)
            except psutil.Error:
                pass
        code = proc.wait()
    finally:
        if log:
            out.close()  # type: ignore[union-attr]
    wall = time.perf_counter() - t0
    if code != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-3:] if log else []
        raise RuntimeError(f"{' '.join(cmd[:3])} exited {code}: {' | '.join(tail)}"[:500])
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": wall, "cpu_seconds": _children_cpu() - c0,
            "tree_peak_rss_mb": peak / 2**20, "children_maxrss_mb": maxrss}


def _tree_memory(tree: list[Any], psutil: Any) -> int:
    """Bytes held by the processes of ``tree``: RSS for one, the sum of PSS for several
    (RSS where PSS is not available)."""
    total = 0
    for p in tree:
        try:
            if len(tree) == 1:
                total += p.memory_info().rss
            else:
                info = p.memory_full_info()
                total += getattr(info, "pss", info.rss)
        except psutil.Error:
            pass
    return total


def _median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


@stage("build")
def build_stage(ctx: Context) -> None:
    """``graph-loader build --data <data> --out <tmp>`` as a user runs it (a child process),
    the package's bytecode compiled first (:func:`~benchmarks.stages.compile_package`)."""
    compile_package()
    work = ctx.fresh_dir("build")
    env = {**os.environ, "GRAPH_LOADER_DATA": str(ctx.data_dir)}
    cmd = [*graph_loader_command(), "build", "--data", str(ctx.data_dir), "--out",
           str(work / "out")]
    runs = [run_tree(cmd, cwd=work, env=env, log=work / "build.log")]
    if runs[0]["seconds"] < BUILD_REPEAT_BELOW_SECONDS:
        runs += [run_tree(cmd, cwd=work, env=env, log=work / "build.log") for _ in range(2)]
    best = _median_run(runs)
    peak = max(*(r["tree_peak_rss_mb"] for r in runs), *(r["children_maxrss_mb"] for r in runs))
    ctx.result.update(
        seconds=best["seconds"], cpu_seconds=best["cpu_seconds"], peak_rss_mb=round(peak, 1),
        runs=len(runs), command=" ".join(cmd[len(graph_loader_command()):]),
        stage_process_peak_rss_mb=round(_rss_mb(), 1),
    )  # fmt: skip


@stage("startup")
def startup_stage(ctx: Context) -> None:
    """``python -c pass`` (median of 5) and ``python -c "import graph_loader.cli"``."""
    exe = sys.executable
    work = ctx.fresh_dir("startup")
    bare = _median_run([run_tree([exe, "-c", "pass"], cwd=work) for _ in range(5)])
    cli = _median_run([run_tree([exe, "-c", "import graph_loader.cli"], cwd=work)
                       for _ in range(3)])
    ctx.result.update(
        seconds=bare["seconds"], cpu_seconds=bare["cpu_seconds"],
        peak_rss_mb=round(bare["children_maxrss_mb"], 1),
        import_cli_seconds=cli["seconds"], import_cli_cpu_seconds=cli["cpu_seconds"],
    )  # fmt: skip
