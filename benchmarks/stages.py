"""The measured stages. Each runs in its own process (see :mod:`benchmarks.runner`).

``python -m benchmarks.stages --stage NAME --data DIR --work DIR --result FILE`` runs one
stage and writes a JSON object: ``seconds`` (wall time of the measured operation only,
not of its set-up), ``peak_rss_mb`` (peak resident set of this process, set-up included:
``resource.getrusage(RUSAGE_SELF).ru_maxrss``), ``setup_peak_rss_mb`` (the same just
before the measured operation) and stage-specific extras (``rels_per_second``,
``server_peak_rss_mb`` for the FalkorDB server of the load stages, phase timings...).

Set-up that several stages need is cached in the work directory: the validate stage
pickles the validated :class:`~graph_loader.model.Dataset` (``dataset.pickle``), which the
later stages unpickle instead of validating again.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graph_loader.model import Dataset
from graph_loader.schema import Schema

#: Relationships timed by the naive loader before it extrapolates (and nodes likewise).
NAIVE_SAMPLE = 5_000
#: Seconds a view may take to render in headless Chromium.
BROWSER_BUDGET_MS = 10_000


def _rss_mb() -> float:
    """Peak RSS of this process so far, in MB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _cpu_seconds() -> float:
    """User + system CPU time of this process (robust to other load on the machine)."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _proc_cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time of another process (Linux ``/proc``), e.g. the server."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def _server_peak_mb(pid: int | None) -> float | None:
    """Peak RSS (VmHWM) of another process, e.g. the FalkorDB server, in MB."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@dataclass
class Context:
    """What a stage gets: the dataset directory, a scratch directory and options."""

    data_dir: Path
    work_dir: Path
    naive_sample: int = NAIVE_SAMPLE
    result: dict[str, Any] = field(default_factory=dict)
    _ds: Dataset | None = None
    _G: nx.MultiDiGraph | None = None

    @contextlib.contextmanager
    def measure(self) -> Iterator[dict[str, Any]]:
        """Time the block; record ``seconds`` and the RSS before it."""
        self.result["setup_peak_rss_mb"] = round(_rss_mb(), 1)
        c0 = _cpu_seconds()
        t0 = time.perf_counter()
        yield self.result
        self.result["seconds"] = time.perf_counter() - t0
        self.result["cpu_seconds"] = _cpu_seconds() - c0

    def dataset(self) -> Dataset:
        """The validated dataset (from the pickle the validate stage left, if any)."""
        if self._ds is None:
            cached = self.work_dir / "dataset.pickle"
            if cached.is_file():
                with cached.open("rb") as fh:
                    self._ds = pickle.load(fh)
            else:
                from graph_loader.validation import load_dataset

                self._ds = load_dataset(self.data_dir)
        return self._ds

    def graph(self) -> nx.MultiDiGraph:
        """The relationship graph of :meth:`dataset`."""
        if self._G is None:
            from graph_loader.graph import build_graph

            self._G = build_graph(self.dataset())
        return self._G

    def fresh_dir(self, name: str) -> Path:
        """An empty directory under the work directory."""
        path = self.work_dir / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path


StageFn = Callable[[Context], None]
STAGES: dict[str, StageFn] = {}


def stage(name: str) -> Callable[[StageFn], StageFn]:
    def register(fn: StageFn) -> StageFn:
        STAGES[name] = fn
        return fn

    return register


# --------------------------------------------------------------------------- data stages


@stage("validate")
def validate_stage(ctx: Context) -> None:
    """``graph_loader.validation.validate`` of the CSV files (read, check, build the model)."""
    from graph_loader.validation import validate

    with ctx.measure():
        ds, issues = validate(ctx.data_dir)
    if ds is None:
        raise RuntimeError(f"{len(issues)} validation issues, first: {issues[0]}")
    ctx.result["relationships"] = len(ds.relationships)
    ctx.result["actors"] = len(ds.actors)
    tmp = ctx.work_dir / "dataset.pickle.tmp"
    with tmp.open("wb") as fh:
        pickle.dump(ds, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(ctx.work_dir / "dataset.pickle")


@stage("graph")
def graph_stage(ctx: Context) -> None:
    """``graph_loader.graph.build_graph`` of the validated dataset."""
    from graph_loader.graph import build_graph

    ds = ctx.dataset()
    with ctx.measure():
        G = build_graph(ds)
    ctx.result["edges"] = G.number_of_edges()


# --------------------------------------------------------------------------- analyses


def _analysis_centrality(G: nx.MultiDiGraph, schema: Schema) -> object:
    from graph_loader.analyses import centrality_table

    return centrality_table(G, schema)


def _analysis_brokerage(G: nx.MultiDiGraph, schema: Schema) -> object:
    from graph_loader.analyses import brokerage_table

    return brokerage_table(G, schema)


def _analysis_holes(G: nx.MultiDiGraph, schema: Schema) -> object:
    from graph_loader.analyses import structural_holes

    return structural_holes(G)


def _analysis_communities(G: nx.MultiDiGraph, schema: Schema) -> object:
    from graph_loader.analyses import community_of, louvain
    from graph_loader.graph import undirected

    return community_of(louvain(undirected(G)))


def _analysis_comembership(G: nx.MultiDiGraph, schema: Schema) -> object:
    from graph_loader.analyses import comembership

    return comembership(G, schema)


def _analysis_balance(G: nx.MultiDiGraph, schema: Schema) -> object:
    from graph_loader.analyses import balance_summary, signed_triads
    from graph_loader.graph import signed_graph

    return balance_summary(signed_triads(signed_graph(G, schema)))


def _analysis_by_year(G: nx.MultiDiGraph, schema: Schema) -> object:
    from graph_loader.analyses import measures_by_year
    from graph_loader.analyses.temporal import DEFAULT_YEARS

    return measures_by_year(G, schema, DEFAULT_YEARS)


def _analysis_main_actors(G: nx.MultiDiGraph, schema: Schema) -> object:
    from graph_loader.analyses import main_actors

    return main_actors(G, schema, 8)


#: The components of ``graph_loader.analyses.run_all``, each measured on its own.
ANALYSES: dict[str, Callable[[nx.MultiDiGraph, Schema], object]] = {
    "centrality": _analysis_centrality,
    "brokerage": _analysis_brokerage,
    "holes": _analysis_holes,
    "communities": _analysis_communities,
    "comembership": _analysis_comembership,
    "balance": _analysis_balance,
    "by_year": _analysis_by_year,
    "main_actors": _analysis_main_actors,
}


def _make_analysis_stage(
    name: str, fn: Callable[[nx.MultiDiGraph, Schema], object]
) -> StageFn:
    def run(ctx: Context) -> None:
        import graph_loader.analyses  # noqa: F401  (imports are set-up, not the analysis)

        G, schema = ctx.graph(), ctx.dataset().schema
        with ctx.measure():
            fn(G, schema)

    run.__doc__ = f"analysis {name} (see graph_loader.analyses.run_all)"
    return run


for _name, _fn in ANALYSES.items():
    stage(f"analysis:{_name}")(_make_analysis_stage(_name, _fn))


# --------------------------------------------------------------------------- outputs


@stage("views")
def views_stage(ctx: Context) -> None:
    """``graph_loader.views.write_views`` as the build calls it.

    The build passes ``run_all``'s results; here the two parts the views read (PageRank
    in ``centrality`` and ``main_actors``) are computed in the set-up, untimed.
    """
    from types import SimpleNamespace

    import pandas as pd

    from graph_loader.analyses import main_actors, pagerank
    from graph_loader.graph import influence_graph
    from graph_loader.views import write_views

    G, schema = ctx.graph(), ctx.dataset().schema
    pr = pagerank(influence_graph(G, schema))
    analyses = SimpleNamespace(
        centrality=pd.DataFrame({"pagerank": pd.Series(pr)}),
        main_actors=main_actors(G, schema, 8, pr=pr),
    )
    out = ctx.fresh_dir("views")
    with ctx.measure():
        infos = write_views(G, schema, out, analyses, full_graph=G)  # type: ignore[arg-type]
    ctx.result["files"] = len(infos)
    ctx.result["max_nodes_drawn"] = max((i.nodes for i in infos), default=0)
    ctx.result["bytes"] = sum(p.stat().st_size for p in out.glob("*.html"))


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@stage("views_browser")
def views_browser_stage(ctx: Context) -> None:
    """Open the largest view written by the views stage in headless Chromium.

    Measures the wall time of ``chromium --headless --dump-dom`` with a virtual-time
    budget of :data:`BROWSER_BUDGET_MS` and checks the page's ``render-status`` marker
    reports ``data-ready="1"`` with nodes drawn.
    """
    import re

    chromium = _chromium()
    if chromium is None:
        raise RuntimeError("no chromium on PATH")
    views = sorted((ctx.work_dir / "views").glob("*.html"), key=lambda p: p.stat().st_size)
    if not views:
        raise RuntimeError("no views; run the views stage first")
    page = views[-1]
    profile = ctx.fresh_dir("chromium-profile")
    cmd = [
        chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        f"--user-data-dir={profile}", f"--virtual-time-budget={BROWSER_BUDGET_MS}",
        "--dump-dom", page.resolve().as_uri(),
    ]  # fmt: skip
    with ctx.measure():
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    m = re.search(r'<div id="render-status"([^>]*)>', proc.stdout)
    attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', m.group(1))) if m else {}
    ctx.result.update(page=page.name, page_bytes=page.stat().st_size, status=attrs)
    if attrs.get("ready") != "1" or attrs.get("errors", "0") != "0":
        raise RuntimeError(f"view did not render: {attrs or proc.stderr[-500:]}")


@stage("exports")
def exports_stage(ctx: Context) -> None:
    """``graph_loader.exports.write_all``: GraphML, GEXF, node-link JSON, graph.cypher."""
    from graph_loader.exports import write_all

    ds, G = ctx.dataset(), ctx.graph()
    out = ctx.fresh_dir("exports")
    with ctx.measure():
        paths = write_all(ds, G, out)
    ctx.result["bytes"] = {k: p.stat().st_size for k, p in paths.items()}


def graph_loader_command() -> list[str]:
    """``graph-loader`` of this checkout, as its console script runs it.

    Not the ``graph-loader`` beside the interpreter: a venv shared between checkouts
    runs the code of the one it was installed from.
    """
    root = str(Path(__file__).resolve().parent.parent)
    code = (f"import sys; sys.path.insert(0, {root!r}); sys.argv[0] = 'graph-loader'; "
            "from graph_loader.cli import main; main()")
    return [sys.executable, "-c", code]


def compile_package() -> None:
    """Write the checkout's ``graph_loader`` bytecode (``__pycache__``), as ``pip install``
    and a user's first run do.

    With ``PYTHONDONTWRITEBYTECODE`` set (as on the CI machine) no run writes it, so
    every timed build would compile the package's ~60 modules from source (~0.15 s of
    the paper's build in its main process, more in its plot worker).
    """
    import compileall

    root = Path(__file__).resolve().parent.parent / "graph_loader"
    compileall.compile_dir(str(root), quiet=1)


@stage("cli_build")
def cli_build_stage(ctx: Context) -> None:
    """``graph-loader build`` as a user runs it, minus the interpreter's own start-up.

    ``seconds`` is the build's wall time less that of ``python -c pass``
    (both the median of three runs). The package's bytecode is compiled first
    (:func:`compile_package`), as an installed package's is.
    """
    exe = Path(sys.executable)
    compile_package()
    out = ctx.fresh_dir("cli-build")
    env = {**os.environ, "GRAPH_LOADER_DATA": str(ctx.data_dir)}

    def timed(cmd: list[str]) -> float:
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=out)
        return time.perf_counter() - t0

    def median3(cmd: list[str]) -> float:
        return sorted(timed(cmd) for _ in range(3))[1]

    startup = median3([str(exe), "-c", "pass"])
    build = [*graph_loader_command(), "build", "--data", str(ctx.data_dir), "--out",
             str(out / "out")]
    with ctx.measure():
        total = median3(build)
    ctx.result["seconds"] = max(total - startup, 0.0)
    ctx.result.update(total_seconds=total, interpreter_startup_seconds=startup)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    ctx.result["build_peak_rss_mb"] = round(children, 1)


# --------------------------------------------------------------------------- loads


@contextlib.contextmanager
def _embedded(ctx: Context, name: str) -> Iterator[Any]:
    """A fresh embedded FalkorDB store; records the server's peak RSS before stopping it."""
    from graph_loader.engines.embedded import EmbeddedExecutor

    store = ctx.fresh_dir(name)
    ex = EmbeddedExecutor(store)
    try:
        yield ex
    finally:
        ctx.result["server_peak_rss_mb"] = _server_peak_mb(ex.server.pid)
        ctx.result["server_cpu_seconds"] = _proc_cpu_seconds(ex.server.pid)
        with contextlib.suppress(Exception):
            ex._db.connection.close()
        ex.server.stop()
        shutil.rmtree(store, ignore_errors=True)


def _check_counts(ctx: Context, ex: Any, ds: Dataset, sampled: bool = False) -> None:
    from graph_loader.loader import counts

    c = counts(ex)
    ctx.result["db_counts"] = {"nodes": c["nodes"], "relationships": c["relationships"]}
    if not sampled and c["relationships"] != len(ds.relationships):
        raise RuntimeError(f"loaded {c['relationships']} of {len(ds.relationships)} relationships")


@stage("load_loader")
def load_loader_stage(ctx: Context) -> None:
    """``graph_loader.loader.load`` (batched ``UNWIND ... MERGE``) into a fresh embedded store."""
    from graph_loader import loader

    ds = ctx.dataset()
    phases: dict[str, float] = {}
    last = [0.0]

    def progress(stmt: Any) -> None:
        now = time.perf_counter()
        key = stmt.what.split(" ")[0] if stmt.what else "other"
        phases[key] = phases.get(key, 0.0) + now - last[0]
        last[0] = now

    with _embedded(ctx, "store-loader") as ex:
        with ctx.measure():
            last[0] = time.perf_counter()
            report = loader.load(ex, ds, progress=progress)
        _check_counts(ctx, ex, ds)
    n = len(ds.relationships)
    ctx.result["statements"] = report.statements
    ctx.result["phase_seconds"] = phases
    ctx.result["relationships"] = n
    ctx.result["rels_per_second"] = n / ctx.result["seconds"]
    rel_phase = phases.get("relationships")
    if rel_phase:
        ctx.result["rel_phase_rels_per_second"] = n / rel_phase


@stage("load_naive")
def load_naive_stage(ctx: Context) -> None:
    """One ``MERGE`` statement per node and per relationship (:mod:`benchmarks.naive`).

    Above ``naive_sample`` rows, only the first ``naive_sample`` nodes and relationships
    are timed; the rest of the nodes is loaded untimed with the batched loader's
    statements so the relationships find their ends, and the total is extrapolated
    from the two measured rates.
    """
    from benchmarks import naive

    ds = ctx.dataset()
    with _embedded(ctx, "store-naive") as ex:
        with ctx.measure():
            res = naive.load(ex, ds, sample=ctx.naive_sample)
        _check_counts(ctx, ex, ds, sampled=res.sampled)
    ctx.result["measured_seconds"] = ctx.result["seconds"]
    ctx.result.update(res.as_dict())
    ctx.result["seconds"] = res.estimated_seconds
    ctx.result["rels_per_second"] = len(ds.relationships) / res.estimated_seconds


@stage("load_bulk")
def load_bulk_stage(ctx: Context) -> None:
    """FalkorDB's bulk loader (``falkordb-bulk-loader``) into a fresh embedded store.

    Timed from the validated dataset: writing the CSV files it reads, ``GRAPH.BULK``
    through its Python client, then the same constraints and indexes the loader creates.
    """
    from benchmarks import bulk

    ds = ctx.dataset()
    csv_dir = ctx.fresh_dir("bulk-csv")
    with _embedded(ctx, "store-bulk") as ex:
        with ctx.measure():
            res = bulk.load(ex, ds, csv_dir)
        _check_counts(ctx, ex, ds)
    shutil.rmtree(csv_dir, ignore_errors=True)
    ctx.result.update(res)
    ctx.result["rels_per_second"] = len(ds.relationships) / ctx.result["seconds"]


# --------------------------------------------------------------------------- Neo4j loads


@contextlib.contextmanager
def _neo4j(ctx: Context) -> Iterator[tuple[Any, int]]:
    """``(driver, server_pid)`` of the running bench server, its database emptied first.

    The stage's ``server_cpu_seconds`` is the server's CPU during :meth:`Context.measure`
    (the server outlives the stage, so it is a difference, not a total).
    """
    import neo4j

    from benchmarks import neo4j_bench as nb

    uri, password, pid = nb.connection()
    driver = neo4j.GraphDatabase.driver(uri, auth=("neo4j", password),
                                        notifications_min_severity="OFF")
    try:
        nb.clear(driver)
        yield driver, pid
    finally:
        driver.close()


@contextlib.contextmanager
def _server_cpu(ctx: Context, pid: int) -> Iterator[None]:
    from benchmarks import neo4j_bench as nb

    s0 = nb.proc_cpu_seconds(pid)
    yield
    ctx.result["server_cpu_seconds"] = nb.proc_cpu_seconds(pid) - s0


def _neo4j_counts(ctx: Context, driver: Any, ds: Dataset, sampled: bool = False) -> None:
    from benchmarks import neo4j_bench as nb

    c = nb.graph_counts(driver)
    ctx.result["db_counts"] = {"nodes": c["nodes"], "relationships": c["relationships"]}
    nb.check_counts(c, ds, sampled=sampled)


@stage("neo4j:loader")
def neo4j_loader_stage(ctx: Context) -> None:
    """``graph_loader.loader.load`` through ``Neo4jExecutor`` into the emptied bench server."""
    from benchmarks import neo4j_bench as nb
    from graph_loader import loader
    from graph_loader.engines.neo4j import Neo4jExecutor

    ds = ctx.dataset()
    phases: dict[str, float] = {}
    last = [0.0]

    def progress(stmt: Any) -> None:
        now = time.perf_counter()
        key = stmt.what.split(" ")[0] if stmt.what else "other"
        phases[key] = phases.get(key, 0.0) + now - last[0]
        last[0] = now

    with _neo4j(ctx) as (driver, pid):
        uri, password, _ = nb.connection()
        ex = Neo4jExecutor(uri, "neo4j", password, "neo4j")
        try:
            with _server_cpu(ctx, pid), ctx.measure():
                last[0] = time.perf_counter()
                report = loader.load(ex, ds, progress=progress)
        finally:
            ex.close()
        _neo4j_counts(ctx, driver, ds)
    n = len(ds.relationships)
    ctx.result["statements"] = report.statements
    ctx.result["phase_seconds"] = phases
    ctx.result["relationships"] = n
    ctx.result["rels_per_second"] = n / ctx.result["seconds"]
    if phases.get("relationships"):
        ctx.result["rel_phase_rels_per_second"] = n / phases["relationships"]


@stage("neo4j:naive")
def neo4j_naive_stage(ctx: Context) -> None:
    """:mod:`benchmarks.naive` on Neo4j: one auto-commit ``MERGE`` (``session.run``) per row.

    Samples ``min(naive_sample, neo4j_bench.NAIVE_SAMPLE)`` nodes and relationships
    and extrapolates, as the embedded naive stage does.
    """
    from benchmarks import naive
    from benchmarks import neo4j_bench as nb

    ds = ctx.dataset()
    sample = min(ctx.naive_sample, nb.NAIVE_SAMPLE)
    with _neo4j(ctx) as (driver, pid):
        with nb.AutoCommitExecutor(driver) as ex:
            with _server_cpu(ctx, pid), ctx.measure():
                res = naive.load(ex, ds, sample=sample)
        _neo4j_counts(ctx, driver, ds, sampled=res.sampled)
    ctx.result["measured_seconds"] = ctx.result["seconds"]
    ctx.result.update(res.as_dict())
    ctx.result["seconds"] = res.estimated_seconds
    ctx.result["rels_per_second"] = len(ds.relationships) / res.estimated_seconds


@stage("neo4j:load_csv")
def neo4j_load_csv_stage(ctx: Context) -> None:
    """``cypher/schema.cypher``'s constraints, then ``LOAD CSV ... CALL { } IN TRANSACTIONS``.

    The dataset's CSV files are copied into the server's import directory first
    (untimed); see :func:`benchmarks.neo4j_bench.load_csv_statements`.
    """
    from benchmarks import neo4j_bench as nb
    from graph_loader.loader import ensure_schema

    ds = ctx.dataset()
    nb.copy_csv(ctx.data_dir)
    statements = nb.load_csv_statements(ds.schema)
    phases: dict[str, float] = {}
    with _neo4j(ctx) as (driver, pid):
        with nb.AutoCommitExecutor(driver) as ex:
            with _server_cpu(ctx, pid), ctx.measure():
                t = time.perf_counter()
                ensure_schema(ex)  # as a user runs schema.cypher before the load
                phases["schema"] = time.perf_counter() - t
                for what, cypher in statements:
                    t = time.perf_counter()
                    ex.write(cypher)  # CALL { } IN TRANSACTIONS needs an auto-commit one
                    phases[what] = phases.get(what, 0.0) + time.perf_counter() - t
        _neo4j_counts(ctx, driver, ds)
    n = len(ds.relationships)
    ctx.result["phase_seconds"] = phases
    ctx.result["relationships"] = n
    ctx.result["rels_per_second"] = n / ctx.result["seconds"]
    if phases.get("relationships"):
        ctx.result["rel_phase_rels_per_second"] = n / phases["relationships"]


@stage("neo4j:admin_import")
def neo4j_admin_import_stage(ctx: Context) -> None:
    """``neo4j-admin database import full`` offline into a scratch instance.

    Timed: converting the dataset to the tool's CSV format, then the tool (a JVM of its
    own: its CPU is ``server_cpu_seconds``). Not included: creating the constraints and
    indexes, which needs a server on the imported database (Community's import tool
    cannot create them).
    """
    from benchmarks import neo4j_bench as nb

    ds = ctx.dataset()
    csv_dir = ctx.fresh_dir("neo4j-import-csv")
    with ctx.measure():
        t0 = time.perf_counter()
        args = nb.write_import_csv(ds, csv_dir)
        convert = time.perf_counter() - t0
        res = nb.admin_import(args)
    shutil.rmtree(csv_dir, ignore_errors=True)
    ctx.result.update(res)
    ctx.result["convert_seconds"] = convert
    ctx.result["server_cpu_seconds"] = res["import_tool_cpu_seconds"]
    want = nb.expected_counts(ds)
    if (res.get("imported_relationships"), res.get("imported_nodes")) != (
        want["relationships"], want["nodes"]
    ):
        raise RuntimeError(f"the import tool reports {res}, not {want['nodes']} nodes and "
                           f"{want['relationships']} relationships")
    n = len(ds.relationships)
    ctx.result["relationships"] = n
    ctx.result["rels_per_second"] = n / ctx.result["seconds"]
    ctx.result["insert_only_rels_per_second"] = n / res["import_tool_seconds"]


# --------------------------------------------------------------------------- entry point


def run(name: str, ctx: Context) -> dict[str, Any]:
    """Run one stage in this process; return its result record."""
    if name not in STAGES:
        raise KeyError(f"unknown stage {name!r}; known: {', '.join(STAGES)}")
    STAGES[name](ctx)
    # a stage may record its peak itself (before an untimed check, or of a child process)
    ctx.result.setdefault("peak_rss_mb", round(_rss_mb(), 1))
    return ctx.result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    p.add_argument("--stage", required=True, choices=list(STAGES))
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--result", type=Path, required=True)
    p.add_argument("--naive-sample", type=int, default=NAIVE_SAMPLE)
    args = p.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    ctx = Context(args.data, args.work, naive_sample=args.naive_sample)
    # Libraries (the bulk loader) print progress to stdout; keep it out of the way.
    with contextlib.redirect_stdout(io.StringIO()) as captured:
        result = run(args.stage, ctx)
    del captured
    args.result.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


# The stages of ``--peers`` register themselves here (they import this module's helpers).
from benchmarks import peer_stages  # noqa: E402, F401

if __name__ == "__main__":
    # Run as ``python -m benchmarks.stages``, this module is ``__main__``; the peer stages
    # registered into ``benchmarks.stages``, the importable copy, so run that one's main.
    from benchmarks import stages as _stages

    raise SystemExit(_stages.main())
