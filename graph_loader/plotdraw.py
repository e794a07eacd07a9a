"""Drawing the static plots from plain values, with matplotlib alone.

:mod:`graph_loader.plots` reads what each plot shows from the graph, the schema and
the analyses (networkx, pandas) into the small records below; this module draws them.
The build's plot worker (:mod:`graph_loader.forked`) imports this module only, so it
never loads networkx, pandas or the schema: it imports matplotlib while the build
reads the data, receives the records, and returns the PNGs.

Matplotlib is used through its object API (:class:`matplotlib.figure.Figure` with
the Agg canvas), so no display and no global ``pyplot`` state is involved. The
global backend is left alone, so importing this module in a notebook does not
turn off its inline figures.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # matplotlib is imported when the first figure is drawn (~0.4 s)
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure

#: Relationship types drawn on the timeline, in legend order.
TIMELINE_TYPES = ("CHAIRS", "CO_CHAIRS", "MEMBER_OF")
#: Hatching that tells types with the same schema colour apart on the timeline.
HATCH = {"CO_CHAIRS": "///"}
#: Colour of what the schema gives none.
NO_COLOR = "#777777"

DPI = 110


def warm_up() -> None:
    """Import matplotlib and load its default font, as the first figure drawn would.

    For the build's plot worker, which does this (~0.4 s) while it waits for its data.
    """
    from matplotlib import font_manager
    from matplotlib.backends import backend_agg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401

    font_manager.get_font(font_manager.findfont(font_manager.FontProperties()))


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


#: While :func:`render_plots` runs: the PNGs made, by file name, instead of files.
_CAPTURE: ContextVar[dict[str, bytes] | None] = ContextVar("_CAPTURE", default=None)


def _save(fig: Figure, path: str | Path) -> Path:
    path = Path(path)
    captured = _CAPTURE.get()
    target: Any = io.BytesIO() if captured is not None else path
    if captured is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    # The tight layout fits the labels and the outside legends (as "constrained" did,
    # with one layout pass instead of two). Applied once here, not as the figure's
    # layout engine: with an engine, savefig first draws the whole figure without
    # rendering only to lay it out (~0.08 s a plot); the PNG is the same, byte for byte.
    fig.tight_layout()
    # zlib level 1, not Pillow's 6: a sixth of the drawing time, files ~8% larger (the
    # paper's three plots 343 -> 366 kB)
    fig.savefig(target, format="png", dpi=DPI, metadata={"Software": None},
                pil_kwargs={"compress_level": 1})
    if captured is not None:
        captured[path.name] = target.getvalue()
    return path


def short(text: object, n: int = 38) -> str:
    """``text`` cut to ``n`` characters, with ``$`` escaped so that matplotlib never
    reads a name as mathtext.

    Examples
    --------
    >>> short("Organization for Security and Co-operation in Europe", 20)
    'Organization for Se…'
    >>> short("$5")
    '\\\\$5'
    """
    text = str(text)
    text = text if len(text) <= n else text[: n - 1] + "…"
    return text.replace("$", r"\$")


# --------------------------------------------------------------------------- rankings

#: The centrality plot's charts: column, axis label, colour.
RANKED = (
    ("pagerank", "PageRank on the influence graph", "#1f77b4"),
    ("betweenness", "Betweenness centrality (normalised)", "#ff7f0e"),
)


class Ranking(NamedTuple):
    """One chart of the centrality plot: the top agents by ``column``, first first."""

    column: str
    names: list[str]
    values: list[float]


class Rankings(NamedTuple):
    """The centrality plot's charts, and the bars it has room for."""

    charts: list[Ranking]
    rows: int


def draw_centrality(ranked: Rankings, path: str | Path) -> Path:
    """Bar charts of the top agents, one per ranking; writes ``path``."""
    style = {col: (label, color) for col, label, color in RANKED}
    charts = ranked.charts
    fig = _new_figure(12, 1.2 + 0.32 * ranked.rows)
    axes = fig.subplots(1, max(len(charts), 1), squeeze=False)[0]
    for ax, chart in zip(axes, charts, strict=False):
        label, color = style[chart.column]
        names = [short(n) for n in chart.names][::-1]
        values = chart.values[::-1]
        ax.barh(range(len(values)), values, color=color)
        ax.set_yticks(range(len(values)), names, fontsize=9)
        ax.set_xlabel(label)
        ax.set_title(f"Top {len(values)} agents by {chart.column}")
        ax.grid(axis="x", alpha=0.3)
        ax.margins(y=0.01)
    if not charts:
        axes[0].text(0.5, 0.5, "no centrality table", ha="center", va="center")
    fig.suptitle("Who matters in the network (agents only)")
    return _save(fig, path)


# --------------------------------------------------------------------------- timeline


class Timeline(NamedTuple):
    """What the timeline plot draws: plain values."""

    colors: dict[str, str]  # relationship type to colour
    rows: list[tuple[str, int, int | None, str]]  # type, start, end, label: the first
    total: int  # how many rows there are in all
    last_year: int  # where open ends stop


def draw_timeline(t: Timeline, path: str | Path) -> Path:
    """Horizontal bars from start to end year, open ends as arrows; writes ``path``."""
    rows, colors, last_year = t.rows, t.colors, t.last_year
    years = [r[1] for r in rows] + [r[2] for r in rows if r[2] is not None]
    first = min(years) if years else last_year - 1
    fig = _new_figure(12, 1.6 + 0.24 * max(len(rows), 1))
    ax = fig.subplots()
    for i, (rtype, start_year, end, _) in enumerate(rows):
        color = colors.get(rtype, NO_COLOR)
        open_end = end is None
        stop = float(last_year) + 0.5 if end is None else float(end) + 1.0
        start = float(start_year)
        ax.barh(i, stop - start, left=start, height=0.62, color=color,
                alpha=0.55 if open_end else 0.9, edgecolor=color,
                hatch=HATCH.get(rtype), linewidth=0.8)
        if open_end:
            ax.annotate("", xy=(stop + 0.9, i), xytext=(stop - 0.2, i),
                        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1.2})
    ax.set_yticks(range(len(rows)), [r[3] for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(first - 0.5, last_year + 2)
    ax.set_xlabel("Year (bars span start to end year; an arrow means still ongoing)")
    shown = "" if t.total <= len(rows) else f" (first {len(rows)} of {t.total})"
    ax.set_title(f"Memberships, chairs and co-chairs over time{shown}")
    ax.grid(axis="x", alpha=0.3)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(facecolor=colors.get(k, NO_COLOR), edgecolor=colors.get(k, NO_COLOR),
              hatch=HATCH.get(k), label=k)
        for k in TIMELINE_TYPES
    ]
    handles.append(Line2D([], [], color="#555555", marker=">", label="ongoing (open end)"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.005, 1.0), fontsize=8,
              framealpha=0.9)
    if not rows:
        ax.text(0.5, 0.5, "no dated memberships or chairs", transform=ax.transAxes,
                ha="center", va="center")
    return _save(fig, path)


# --------------------------------------------------------------------------- signed


class Signed(NamedTuple):
    """What the signed-network plot draws: plain values, one list entry per actor."""

    xy: list[tuple[float, float]]  # positions, y upwards
    colors: list[str]  # the actors' kind colours
    sizes: list[float]  # marker areas (points^2)
    labels: list[tuple[int, str]]  # actor index, label: the labels printed
    ties: list[tuple[int, int, int]]  # actor index, actor index, sign
    legend: list[tuple[str, str]]  # kind, colour: the kinds drawn
    total: int  # actors with signed ties in all
    max_nodes: int  # the most drawn


def draw_signed(s: Signed, path: str | Path) -> Path:
    """The signed ties, positive green and negative dashed red; writes ``path``.

    Drawn as ``networkx.draw_networkx_edges``, ``_nodes`` and ``_labels`` draw an
    undirected graph (lines under the markers, labels centred on them), from the
    values alone.
    """
    title = "Signed ties between agents: positive (green) and negative (red)"
    if s.total > s.max_nodes:
        title += f"\n(the {s.max_nodes} most influential of {s.total} actors with signed ties)"
    fig = _new_figure(11, 9)
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_title(title)
    if not s.xy:
        ax.text(0.5, 0.5, "no signed relationships", ha="center", va="center")
        return _save(fig, path)
    for positive, color, width, alpha, style in ((True, "#2ca02c", 1.4, 0.8, "solid"),
                                                 (False, "#d62728", 2.0, 0.9, "dashed")):
        lines = [(s.xy[u], s.xy[v]) for u, v, sign in s.ties
                 if sign != 0 and (sign > 0) == positive]
        if lines:
            _draw_lines(ax, lines, color, width, alpha, style)
    xs, ys = [p[0] for p in s.xy], [p[1] for p in s.xy]
    ax.scatter(xs, ys, s=s.sizes, c=s.colors, marker="o", edgecolors="#333333",
               linewidths=0.6, zorder=2)
    for i, label in s.labels:
        ax.text(xs[i], ys[i], label, size=8, ha="center", va="center", clip_on=True)
    ax.margins(x=0.14, y=0.04)  # room for the labels of the outermost actors
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Line2D([], [], color="#2ca02c", lw=2,
               label="positive: alliance, support, aid, cooperation, alignment"),
        Line2D([], [], color="#d62728", lw=2, ls="--",
               label="negative: conflict, rivalry, pressure, exclusion, condemnation"),
    ]
    handles += [Patch(color=color, label=kind) for kind, color in s.legend]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
              framealpha=0.9)
    return _save(fig, path)


def _draw_lines(ax: Any, lines: list, color: str, width: float, alpha: float,
                style: str) -> None:
    """Line segments under the markers, the view widened by 5% of their extent on
    each side (as ``networkx.draw_networkx_edges``)."""
    from matplotlib.collections import LineCollection

    ax.add_collection(LineCollection(lines, colors=color, linewidths=width, alpha=alpha,
                                     linestyle=style, antialiaseds=(1,), zorder=1))
    xs = [p[0] for line in lines for p in line]
    ys = [p[1] for line in lines for p in line]
    padx, pady = 0.05 * (max(xs) - min(xs)), 0.05 * (max(ys) - min(ys))
    ax.update_datalim(((min(xs) - padx, min(ys) - pady), (max(xs) + padx, max(ys) + pady)))
    ax.autoscale_view()


# --------------------------------------------------------------------------- all three


class RankedAndSigned(NamedTuple):
    """What the centrality and signed-network plots draw, once the analyses are done."""

    rankings: Rankings
    signed: Signed


def draw_all(
    timeline: Callable[[], Timeline], ranked: Callable[[], RankedAndSigned], out: Path
) -> dict[str, Path]:
    """Draw the three plots into ``out``, the timeline first: it needs no analysis, so
    ``ranked()`` may still be waiting for them while it is drawn."""
    paths = {"timeline": draw_timeline(timeline(), out / "timeline.png")}
    r = ranked()
    paths["centrality"] = draw_centrality(r.rankings, out / "centrality.png")
    paths["signed"] = draw_signed(r.signed, out / "signed-network.png")
    return {k: paths[k] for k in ("centrality", "timeline", "signed")}


def render_plots(
    timeline: Callable[[], Timeline], ranked: Callable[[], RankedAndSigned]
) -> dict[str, tuple[str, bytes]]:
    """The plots of :func:`graph_loader.plots.write_plots` as PNG bytes, drawn from
    their inputs alone.

    For a build that renders them in a worker process (:mod:`graph_loader.forked`)
    started before it reads the data, and writes them itself: the worker imports
    matplotlib meanwhile, and never reads the graph.

    Parameters
    ----------
    timeline : callable
        Returns :func:`graph_loader.plots.timeline_data`'s result (and may wait for it).
    ranked : callable
        Returns :func:`graph_loader.plots.ranked_and_signed`'s result; called (and may
        wait) once the timeline is drawn.

    Returns
    -------
    dict of str to (str, bytes)
        ``centrality``, ``timeline``, ``signed``: each its file name and its PNG, the
        same bytes :func:`graph_loader.plots.write_plots` writes.
    """
    captured: dict[str, bytes] = {}
    token = _CAPTURE.set(captured)
    try:
        paths = draw_all(timeline, ranked, Path("plots"))
    finally:
        _CAPTURE.reset(token)
    return {key: (p.name, captured[p.name]) for key, p in paths.items()}


def save_plots(rendered: Mapping[str, tuple[str, bytes]], out_dir: str | Path) -> dict[str, Path]:
    """Write :func:`render_plots`' PNGs into ``out_dir``; the paths, as
    :func:`graph_loader.plots.write_plots`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, (name, png) in rendered.items():
        paths[key] = out / name
        paths[key].write_bytes(png)
    return paths
