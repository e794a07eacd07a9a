"""``graph-loader build``: validate → graph → analyses → views, report, tables, plots, exports.

Everything is written into a fresh temporary directory next to the output
directory (``.out.tmp-XXXX``); only when every file is written is it swapped in
place of the output directory with two renames (old → ``.out.old-XXXX``, new →
``out``), and the old one removed. A failure at any stage leaves the previous
output untouched, and invalid data writes nothing at all.

To avoid ever replacing a directory it did not create, the build refuses an
existing, non-empty output directory without its marker file
(:data:`MARKER`). A previous build's ``notebooks/`` folder (written separately by
``make notebooks``) is carried over into the new output.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_loader import __version__, default_data_dir
from graph_loader.gcpause import without_gc
from graph_loader.model import YEARS, Dataset, fields
from graph_loader.outdir import OutDirError, adoptable, check_writable, tmp_prefix
from graph_loader.schema import Schema
from graph_loader.signals import exit_on_signals

if TYPE_CHECKING:
    import networkx as nx

    from graph_loader.analyses import Analyses
    from graph_loader.forked import ForkedCall

#: With :func:`keep_until_exit`: the build's dataset, graphs and analyses, kept.
_KEPT: list[Any] | None = None


def keep_until_exit() -> None:
    """Keep what each build reads and computes instead of freeing it when the build
    returns, and out of the cycle collector's reach (``gc.freeze``): for the command
    line, which then ends the process at once (freeing, or collecting, a million
    relationships' objects took ~5 s at L). Not for library use."""
    global _KEPT
    _KEPT = []


#: File marking a directory as written by ``graph-loader build``.
MARKER = ".graph-loader-build"


class BuildError(RuntimeError):
    """The build cannot proceed (not a data problem); the message says why."""


class AsOfError(ValueError):
    """``--as-of`` names a year outside the data's years."""


@dataclass
class BuildResult:
    """What a build wrote."""

    out_dir: Path
    seconds: float
    actors: int
    relationships: int
    files: dict[str, list[Path]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    as_of: int | None = None

    def summary(self) -> str:
        """A few lines for the terminal: folders, counts and key files."""
        o = self.out_dir
        scope = f" as of {self.as_of}" if self.as_of else ""
        lines = [
            f"wrote {o}/ in {self.seconds:.2f} s: {self.actors} actors, "
            f"{self.relationships} relationships{scope}"
        ]
        labels = {
            "index": "entry page",
            "views": "interactive views",
            "report": "report",
            "tables": "CSV tables (UTF-8 with BOM)",
            "plots": "plots",
            "exports": "exports",
            "notebooks": "notebooks (kept from the previous build)",
        }
        for key, label in labels.items():
            paths = self.files.get(key) or []
            if not paths:
                continue
            rel = [p.relative_to(o).as_posix() for p in paths]
            if len(rel) <= 4:
                shown = ", ".join(rel)
            else:
                folder = rel[0].split("/")[0] + "/"
                shown = f"{folder} ({len(rel)} files)"
            lines.append(f"  {label:<38} {shown}")
        return "\n".join(lines)


#: Entries a directory may hold and still be taken as an output directory without the
#: marker (``make notebooks`` may run before the first build).
_ADOPTABLE = frozenset({"notebooks"})


def _is_build_dir(path: Path) -> bool:
    return (path / MARKER).is_file() or adoptable(path)


def check_out_dir(out_dir: Path) -> None:
    """Refuse to replace something that is not a previous build's output.

    Raises
    ------
    BuildError
        If ``out_dir`` is a file, or a directory without :data:`MARKER` holding anything
        but a ``notebooks/`` folder.
    """
    if out_dir.exists() or out_dir.is_symlink():
        if not out_dir.is_dir() or out_dir.is_symlink():
            raise BuildError(f"--out {out_dir} exists and is not a directory")
        if not _is_build_dir(out_dir):
            raise BuildError(
                f"--out {out_dir} is a non-empty directory that graph-loader did not "
                f"write (no {MARKER} file); refusing to replace it"
            )


#: ``build --as-of YEAR`` without ``--out`` writes to ``out/as-of-YEAR/``.
AS_OF_PREFIX = "as-of-"


def as_of_out_dir(year: int, out_dir: Path | None = None) -> Path:
    """Where an as-of build writes: ``out_dir`` if given, else ``out/as-of-YEAR``
    (never over the full build in ``out/``, which keeps it when rebuilt)."""
    return out_dir if out_dir is not None else Path("out") / f"{AS_OF_PREFIX}{year}"


def check_as_of(G: nx.MultiDiGraph, year: int) -> None:
    """Check that ``year`` lies within the data's years: from the first year the data
    names to the paper's last, 2024 (:func:`graph_loader.graph.time_range`).

    Raises
    ------
    AsOfError
        With a message such as ``--as-of 1950 is outside the data's years 1988–2024``.
    """
    from graph_loader.graph import time_range

    try:
        lo, hi = time_range(G)
    except ValueError as exc:
        raise AsOfError(f"--as-of {year}: the data has no dated relationships") from exc
    if not lo <= year <= hi:
        raise AsOfError(f"--as-of {year} is outside the data's years {lo}–{hi}")


def _swap_in(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` with renames, restoring ``out`` if the second fails."""
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        os.replace(out, old)
        try:
            os.replace(tmp, out)
        except BaseException:
            os.replace(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _list(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


def write_tables(
    G: nx.MultiDiGraph,
    schema: Schema,
    analyses: Analyses,
    folder: Path,
    full: nx.MultiDiGraph | None = None,
) -> list[Path]:
    """Write the analysis tables and the actor/relationship lists as CSV (see :mod:`.tables`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The analysed graph.
    schema : Schema
        Its schema (the fields of the actor and relationship tables).
    analyses : Analyses
        :func:`graph_loader.analyses.run_all` of ``G``.
    folder : pathlib.Path
        The ``tables/`` directory (created).
    full : networkx.MultiDiGraph, optional
        The whole graph, for the Minsk chronology (defaults to ``G``).

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    from operator import itemgetter

    import pandas as pd

    from graph_loader.analyses import chair_periods, minsk_bodies
    from graph_loader.tables import (
        BLOCK_ROWS,
        Fields,
        column_fields,
        dict_columns,
        write_columns,
        write_csv,
        write_frame,
    )

    folder.mkdir(parents=True, exist_ok=True)
    a = analyses
    out: list[Path] = []

    def frame(name: str, df: pd.DataFrame, index: bool = True) -> None:
        out.append(write_frame(folder / name, df, index=index))

    frame("centrality.csv", a.centrality)
    frame("arenas.csv", a.arenas)
    frame("brokerage.csv", a.brokerage)
    frame("structural_holes.csv", a.holes)
    frame("measures_by_year.csv", a.by_year)
    frame("balance_triads.csv", a.triads, index=False)

    names = {n: str(d.get("name", n)) for n, d in G.nodes(data=True)}

    def name(n: object) -> str:
        return names[n] if n in names else str(n)

    comms = a.communities
    members = [(i, n) for i, c in enumerate(comms, 1) for n in sorted(c, key=str)]
    ids = [n for _, n in members]
    out.append(write_columns(
        folder / "communities.csv",
        [[[i for i, _ in members], ids, [name(n) for n in ids],
          [G._node[n].get("kind", "") for n in ids]]],
        ["community", "id", "name", "kind"],
    ))
    rows = sorted(
        ([u, v, name(u), name(v), e.get("weight", 0), ";".join(map(str, e.get(
            "organizations", [])))] for u, v, e in a.comembership.edges(data=True)),
        key=lambda r: (-r[4], r[2].lower(), r[3].lower()),
    )
    out.append(write_csv(
        folder / "comembership.csv", rows,
        ["a", "b", "name_a", "name_b", "shared", "organizations"],
    ))
    # The columns, then the actor's lifespan (lifespans.csv); by id (a stable sort).
    actor_columns = fields(schema, "actor", ("column", "lifespan"))
    nodes = sorted(G._node, key=str)
    out.append(write_columns(
        folder / "actors.csv",
        [[nodes, *dict_columns([G._node[n] for n in nodes],
                               [f.name for f in actor_columns[1:]])]],
        [f.name for f in actor_columns],
    ))
    # The relationship columns, each end followed by the actor's name, then whether it
    # is dated (an undated one holds while both its ends exist).
    columns = []
    for f in fields(schema, "relationship", ("column",)):
        columns += [f.name, f"{f.name}_name"] if f.role == "end" else [f.name]
    columns += [f.name for f in fields(schema, "relationship", ("computed",)) if f.type == "bool"]

    # G.edges(keys=True, data=True)'s order, read from the adjacency dicts directly, then
    # by key (a stable sort); the keys are the ids, text: str() of each only if not.
    edges = [(u, v, k, d) for u, nbrs in G._adj.items() for v, kd in nbrs.items()
             for k, d in kd.items()]
    text_keys = set(map(type, map(itemgetter(2), edges))) <= {str}
    edges.sort(key=itemgetter(2) if text_keys else lambda e: str(e[2]))

    # The columns of a block of edges: the ends and their names from the edge, the id from
    # the key when the data has none, every other cell the data's value or "".
    ends = ("source", "target", "source_name", "target_name")
    plain = [c for c in columns if c not in ends]
    # each actor's id and name made into CSV fields once, not at each relationship
    node_ids = list(G._node)
    id_fields = dict(zip(node_ids, column_fields(node_ids), strict=True))
    name_fields = dict(zip(node_ids, column_fields([names[n] for n in node_ids]),
                           strict=True))

    def fields_of(ns: tuple, node_fields: dict, cell: Callable[[Any], Any]) -> list:
        try:
            return Fields(map(node_fields.__getitem__, ns))  # every end is a node
        except KeyError:
            return [cell(n) for n in ns]

    def block(part: list) -> list:
        us, vs, ks, ds = zip(*part, strict=True)
        cells = {"source": fields_of(us, id_fields, lambda n: n),
                 "target": fields_of(vs, id_fields, lambda n: n),
                 "source_name": fields_of(us, name_fields, name),
                 "target_name": fields_of(vs, name_fields, name),
                 **dict(zip(plain, dict_columns(ds, plain), strict=True))}
        if "id" in cells and not all(cells["id"]):  # some data without an id ("")
            cells["id"] = [d.get("id", k) for k, d in zip(ks, ds, strict=True)]
        return [cells[c] for c in columns]

    out.append(write_columns(
        folder / "relationships.csv",
        (block(edges[i:i + BLOCK_ROWS]) for i in range(0, len(edges), BLOCK_ROWS)),
        columns,
    ))
    F = full if full is not None else G
    rows = []
    for body in minsk_bodies(F):
        for start, end, chairs in chair_periods(F, body):
            rows.append([body, F.nodes[body].get("name", body), start or "", end or "",
                         ";".join(str(F.nodes[c].get("name", c)) for c in chairs)])
    out.append(write_csv(folder / "minsk_chronology.csv", rows,
                         ["body", "body_name", "from_year", "to_year", "chairs"]))
    return out


#: Sub-steps (one analysis, one export) taking at least this long get a progress line.
SUBSTEP_SECONDS = 1.0

#: Whether the build may draw its plots in a worker process (tests turn it off).
PLOTS_IN_WORKER = True


def _plots_in_worker() -> bool:
    """Whether the build draws its plots in a forked worker process
    (:func:`graph_loader.forked.second_cpu`). The worker draws from small inputs the
    build sends it and never reads the graph, so it shares the build's memory (a
    forked child copies each object it touches) whatever the graph's size."""
    from graph_loader.forked import second_cpu

    return PLOTS_IN_WORKER and second_cpu()


@exit_on_signals
@without_gc
def run_build(
    data_dir: str | Path | None = None,
    out_dir: str | Path = "out",
    as_of: int | None = None,
    *,
    log: Callable[[str], None] | None = None,
    dataset: Dataset | None = None,
    max_nodes: int | None = None,
) -> BuildResult:
    """Validate the data, build the graph, run the analyses and write every output.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        The dataset (default :func:`graph_loader.default_data_dir`).
    out_dir : str or pathlib.Path, optional
        The output directory (default ``out``), replaced atomically.
    as_of : int, optional
        Build the views, analyses, tables and exports from the graph as of that year;
        the time view and the timeline stop there.
    log : callable, optional
        Called with one progress line per stage (``stage  seconds  details``).
    dataset : Dataset, optional
        An already validated dataset (skips loading ``data_dir``).
    max_nodes : int, optional
        Cap on the nodes drawn per view (default :data:`graph_loader.views.MAX_NODES`).

    Returns
    -------
    BuildResult
        Paths, counts and timings.

    Raises
    ------
    graph_loader.validation.DataValidationError
        The data is invalid; nothing was written.
    AsOfError
        ``as_of`` lies outside the data's years; nothing was written.
    BuildError
        ``out_dir`` exists but is not a previous build's output; nothing was written.
    """
    progress = _Progress(log or (lambda _msg: None))
    out = Path(out_dir)
    check_out_dir(out)
    # the worker imports matplotlib while this process reads the data
    worker = _start_plot_worker() if _plots_in_worker() else None
    try:
        return _build(data_dir, out, as_of, dataset, max_nodes, worker, progress)
    except BaseException:  # invalid data, a failed stage, a signal: no worker left
        if worker is not None:
            worker.cancel()
        raise


class _Progress:
    """The build's clock: a line per stage (``stage  seconds  details``), one per
    sub-step long enough to notice, and the stages' timings."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.t0 = self.clock = time.perf_counter()
        self.timings: dict[str, float] = {}

    def stage(self, name: str, details: str = "") -> None:
        now = time.perf_counter()
        self.timings[name] = now - self.clock
        self.clock = now
        self.say(f"{name:<10} {self.timings[name]:6.2f} s  {details}".rstrip())

    def step(self, name: str, seconds: float) -> None:
        if seconds >= SUBSTEP_SECONDS:
            self.say(f"  {name:<12} {seconds:6.2f} s")


#: Whether the build may write some exports in a worker process (tests turn it off).
EXPORTS_IN_WORKER = True

#: Relationships from which a worker writes :data:`WORKER_EXPORTS` (below, forking
#: costs more than it saves).
EXPORTS_WORKER_MIN_EDGES = 50_000

#: The exports the worker writes: the two slowest, about half the exports' time (the
#: build writes the others, the views, tables and report meanwhile).
WORKER_EXPORTS = ("gexf", "cypher")

#: An exports worker's result: the paths written, by format, and each one's seconds.
_Written = tuple[dict[str, Path], list[tuple[str, float]]]


def _start_exports_worker(
    ds: Dataset, G: nx.MultiDiGraph, folder: Path, analyses: Analyses
) -> ForkedCall[_Written] | None:
    """A worker writing :data:`WORKER_EXPORTS` into ``folder``, if the graph is large
    enough and a second CPU is there (:func:`graph_loader.forked.second_cpu`).

    The worker writes only into the build's temporary directory, which the build swaps
    in after :meth:`~graph_loader.forked.ForkedCall.result` has returned, or removes
    after stopping the worker: the output stays atomic.
    """
    from graph_loader.forked import ForkedCall, second_cpu

    if not (EXPORTS_IN_WORKER and G.number_of_edges() >= EXPORTS_WORKER_MIN_EDGES
            and second_cpu()):
        return None

    def write() -> _Written:
        from graph_loader import exports

        steps: list[tuple[str, float]] = []
        paths = exports.write_all(ds, G, folder, progress=lambda *s: steps.append(s),
                                  analyses=analyses, names=WORKER_EXPORTS)
        return paths, steps

    return ForkedCall(write, "exports")


def _start_plot_worker() -> ForkedCall:
    """The plot worker: it receives the timeline's inputs, then the rankings' and the
    signed network's (:func:`graph_loader.plotdraw.render_plots`)."""
    from graph_loader.forked import ForkedCall

    def draw(receive: Callable[[], Any]) -> Any:
        # matplotlib is imported in the worker only; networkx and pandas never are
        from graph_loader import plotdraw

        plotdraw.warm_up()  # while this process reads the data
        return plotdraw.render_plots(receive, receive)

    return ForkedCall(draw, "plots", inbox=True)


def _build(
    data_dir: str | Path | None,
    out: Path,
    as_of: int | None,
    dataset: Dataset | None,
    max_nodes: int | None,
    worker: ForkedCall | None,
    progress: _Progress,
) -> BuildResult:
    """:func:`run_build` once the output directory is checked and the worker started."""
    from graph_loader.validation import load_dataset

    stage, step = progress.stage, progress.step

    ds = dataset if dataset is not None else load_dataset(
        Path(data_dir) if data_dir is not None else default_data_dir()
    )
    stage("validate", f"{len(ds.actors)} actors, {ds.relationship_count} relationships, "
                      f"{len(ds.sources)} sources")
    try:
        check_writable(out)  # now, not after the analyses
    except OutDirError as exc:
        raise BuildError(str(exc)) from None

    from graph_loader.graph import as_of as graph_as_of
    from graph_loader.graph import build_graph, started_by, year_range

    full = build_graph(ds)  # from the dataset's columns, when it has them
    ds.relationships  # noqa: B018  (the records, now: never once in each forked worker)
    if as_of is not None:
        check_as_of(full, as_of)
        G = graph_as_of(full, as_of)
    else:
        G = full
    try:
        years: tuple[int, int] | None = year_range(full)
    except ValueError:
        years = None
    stage("graph", f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
                   + (f" as of {as_of}" if as_of is not None else ""))

    from graph_loader import plots

    timeline_graph = full if as_of is None else started_by(full, as_of)
    if worker is not None:
        worker.send(plots.timeline_data(timeline_graph, ds.schema, as_of))
    tmp: Path | None = None
    exporter: ForkedCall[_Written] | None = None
    try:
        analyses = _analyse(G, full, ds.schema, as_of, years, step)
        stage("analyses", f"{len(analyses.communities)} communities, "
                          f"{int(analyses.balance.get('triangles', 0))} signed triangles")

        from graph_loader.sharing import shared

        # what several outputs derive from a graph (the Minsk bodies...) is made once
        with shared():
            from graph_loader import exports, views
            from graph_loader.report import write_index, write_report

            scores = views.influence_scores(G, ds.schema, analyses)
            if worker is not None:
                worker.send(plots.ranked_and_signed(G, ds.schema, analyses.centrality, scores,
                                                    signed=analyses.signed))

            out.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=tmp_prefix(out), dir=out.parent))
            exporter = _start_exports_worker(ds, G, tmp / "exports", analyses)
            files: dict[str, list[Path]] = {}
            vkw: dict[str, Any] = {"max_nodes": max_nodes} if max_nodes else {}
            infos = views.write_views(
                G, ds.schema, tmp / "views", analyses, full_graph=full, as_of_year=as_of,
                year_span=years, **vkw
            )
            files["views"] = [i.path for i in infos]
            main = infos[0]
            stage("views", f"{len(infos)} pages (full network: {main.nodes} actors, "
                           f"{main.edges} relationships)")

            if worker is None:
                plot_files = plots.write_plots(G, ds.schema, analyses.centrality, tmp / "plots",
                                               scores, timeline_graph, as_of,
                                               signed=analyses.signed)
                files["plots"] = sorted(plot_files.values())
                stage("plots", f"{len(plot_files)} PNG")

            files["tables"] = write_tables(G, ds.schema, analyses, tmp / "tables", full)
            stage("tables", f"{len(files['tables'])} CSV")

            rep = write_report(G, analyses, tmp, as_of)  # before the exports worker's wait
            files["report"] = [rep["md"], rep["html"]]
            stage("report", "report.md, report.html")

            files["exports"] = _write_exports(ds, G, tmp / "exports", analyses, exporter, step)
            stage("exports", ", ".join(f.label for f in exports.FORMATS.values())
                  + (f" ({' and '.join(exports.FORMATS[n].label for n in WORKER_EXPORTS)}"
                     " written in a worker process)" if exporter else ""))

            if worker is not None:  # the time waited for the worker, not its own
                plot_files = plots.save_plots(worker.result(), tmp / "plots")
                files["plots"] = sorted(plot_files.values())
                stage("plots", f"{len(plot_files)} PNG (rendered in a worker process)")

            old_nb = out / "notebooks"
            if old_nb.is_dir() and not old_nb.is_symlink():  # never follow a link out of out/
                shutil.copytree(old_nb, tmp / "notebooks", symlinks=True)
            for old_as_of in _list(out, f"{AS_OF_PREFIX}*"):  # as-of builds written inside out/
                keep = (old_as_of.is_dir() and not old_as_of.is_symlink()
                        and (old_as_of / MARKER).is_file())
                if keep and not (tmp / old_as_of.name).exists():
                    shutil.copytree(old_as_of, tmp / old_as_of.name, symlinks=True)
            nb_pages = _list(tmp / "notebooks", "*.html")
            if nb_pages:
                files["notebooks"] = nb_pages

            groups = _index_groups(infos, files, tmp)
            files["index"] = [write_index(tmp, G=G, analyses=analyses, groups=groups,
                                          as_of=as_of, years=years)]
            (tmp / MARKER).write_text(
                f"written by graph-loader {__version__} build; this directory is replaced "
                "on every build\n",
                encoding="utf-8",
            )
            stage("index", "index.html")

        os.chmod(tmp, 0o777 & ~_umask())
        _swap_in(tmp, out)
    except BaseException:
        if exporter is not None:  # it writes into tmp: stopped first
            exporter.cancel()
        if tmp is not None:  # (run_build stops the plot worker, which never writes here)
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    files = {k: [out / p.relative_to(tmp) for p in v] for k, v in files.items()}
    stage("write", f"swapped into {out}/")
    if _KEPT is not None:
        _KEPT.append((ds, full, G, analyses, infos, scores))
        # and out of the cycle collector's reach: re-enabled as the build returns, its
        # first collection would walk every object the build made (~5 s at L)
        gc.freeze()
    return BuildResult(
        out_dir=out,
        seconds=time.perf_counter() - progress.t0,
        actors=G.number_of_nodes(),
        relationships=G.number_of_edges(),
        files=files,
        timings=progress.timings,
        as_of=as_of,
    )


def _write_exports(
    ds: Dataset,
    G: nx.MultiDiGraph,
    folder: Path,
    analyses: Analyses,
    exporter: ForkedCall[_Written] | None,
    step: Callable[[str, float], None],
) -> list[Path]:
    """Every export, in :data:`~graph_loader.exports.FORMATS` order: those the worker
    does not write, here, then the worker's (its steps marked as its own)."""
    from graph_loader import exports

    here = None if exporter is None else [n for n in exports.FORMATS if n not in WORKER_EXPORTS]
    paths = exports.write_all(ds, G, folder, progress=step, analyses=analyses, names=here)
    if exporter is not None:
        theirs, steps = exporter.result()
        for name, seconds in steps:
            step(f"{name} (worker)", seconds)
        paths.update(theirs)
    return [paths[n] for n in exports.FORMATS]


def _analyse(
    G: nx.MultiDiGraph,
    full: nx.MultiDiGraph,
    schema: Schema,
    as_of: int | None,
    years: tuple[int, int] | None,
    step: Callable[[str, float], None],
) -> Analyses:
    """``run_all`` as the build runs it, ``step`` its progress: the per-year measures
    cover YEARS and every year the data names (up to ``as_of``, on the whole graph)."""
    from graph_loader.analyses import measures_by_year, run_all

    first = min(YEARS[0], years[0]) if years else YEARS[0]
    if as_of is not None:
        analyses = run_all(G, schema, years=[], progress=step)
        analyses.by_year = measures_by_year(full, schema, range(first, as_of + 1))
        return analyses
    last = max(YEARS[-1], years[1]) if years else YEARS[-1]
    return run_all(G, schema, years=range(first, last + 1), progress=step)


def _index_groups(infos: list, files: dict[str, list[Path]], root: Path) -> dict:
    from graph_loader.report import IndexEntry

    def rel(p: Path) -> str:
        return p.relative_to(root).as_posix()

    def entries(group: str) -> list[IndexEntry]:
        return [
            IndexEntry(rel(i.path), i.title,
                       f"{i.nodes} actors, {i.edges} relationships"
                       + (f" (of {i.total_nodes})" if i.total_nodes > i.nodes else "")
                       + (f" — {i.description}" if group == "theme" else ""))
            for i in infos if i.group == group
        ]

    from graph_loader.exports import FORMATS

    notes = {f.file: f.description for f in FORMATS.values()}
    return {
        "Interactive views": entries("theme"),
        "Ego networks of the main actors": entries("ego"),
        "The network over time": entries("time"),
        "Report": [IndexEntry("report.html", "Analysis report (HTML)"),
                   IndexEntry("report.md", "Analysis report (Markdown)")],
        "Plots": [IndexEntry(rel(p), p.stem.replace("-", " ").capitalize())
                  for p in files.get("plots", [])],
        "Tables (CSV, UTF-8 with BOM, spreadsheet-safe)": [
            IndexEntry(rel(p), p.name) for p in files.get("tables", [])
        ],
        "Exports": [IndexEntry(rel(p), p.name, notes.get(p.name, ""))
                    for p in files.get("exports", [])],
        "Notebooks": [IndexEntry(rel(p), p.stem) for p in files.get("notebooks", [])],
    }
