"""Does a peer compute what the project computes? One record per (op, size, peer).

Every check returns a dict with ``measure`` (what ``value`` is), ``value``,
``tolerance``, ``holds`` (``value`` within ``tolerance``; None where nothing is
compared) and extra context. The tolerances are stated here and in the README:

- PageRank: max abs difference <= :data:`PAGERANK_TOL` (values sum to 1: four decimal
  places). networkx's and rustworkx's default stopping rule (an iteration's L1 change
  < n x 1e-6) leaves errors of ~1e-5 against an exact solve (2.7e-5 on the paper's
  graph, 1.2e-5 at M), while igraph's PRPACK is exact to ~1e-8, so the tolerance is
  set by the iterative solvers, whichever side uses one. The difference relative to the
  largest value and the Spearman correlation over the top 100 are reported too.
- Burt constraint: max abs difference <= :data:`EXACT_TOL` over the nodes where both
  are defined, and both undefined (NaN, isolated nodes) on the same nodes.
- Betweenness with 64 pivots: every peer uses the project's pivots (networkx draws the
  same ones from the same seed; igraph gets them as ``sources``), so the values must be
  equal: max abs difference <= :data:`EXACT_TOL`. The Spearman correlation over the
  project's top 100 is reported too.
- Louvain: a heuristic, so partitions differ; the modularity of both partitions (one
  function, ``networkx.community.modularity``, on the same weighted graph) must be
  within :data:`MODULARITY_TOL`. The normalised mutual information is reported.
- Layout: nothing to compare (positions differ by design).
- CSV -> graph: the same numbers of nodes and edges as the project's graph.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

PAGERANK_TOL = 1e-4
EXACT_TOL = 1e-9
MODULARITY_TOL = 0.02
TOP = 100


def _record(measure: str, value: float | None, tolerance: float | None,
            holds: bool | None, **extra: Any) -> dict[str, Any]:
    return {"measure": measure, "value": value, "tolerance": tolerance, "holds": holds, **extra}


def max_abs_diff(
    a: Mapping[Hashable, float], b: Mapping[Hashable, float]
) -> tuple[float, int, int]:
    """``(max |a[v] - b[v]|, nodes compared, nodes defined on one side only)`` over the
    nodes of ``a`` (NaN = undefined; a node missing from ``b`` counts as one-sided)."""
    worst, compared, one_sided = 0.0, 0, 0
    for v, x in a.items():
        y = b.get(v, math.nan)
        nx_, ny = math.isnan(x), math.isnan(y)
        if nx_ and ny:
            continue
        if nx_ or ny:
            one_sided += 1
            continue
        compared += 1
        worst = max(worst, abs(x - y))
    return worst, compared, one_sided


def spearman_top(a: Mapping[Hashable, float], b: Mapping[Hashable, float],
                 top: int = TOP) -> float | None:
    """Spearman rank correlation of ``a`` and ``b`` over ``a``'s ``top`` highest nodes
    (ties by id); None if fewer than 3 nodes or a side is constant there."""
    from scipy.stats import spearmanr

    best = sorted(a, key=lambda v: (-a[v], str(v)))[:top]
    xs = [a[v] for v in best]
    ys = [b.get(v, math.nan) for v in best]
    if len(best) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    rho = spearmanr(xs, ys).statistic
    return None if math.isnan(rho) else round(float(rho), 6)


def pagerank_agreement(project: Mapping[Hashable, float],
                       peer: Mapping[Hashable, float]) -> dict[str, Any]:
    diff, compared, one_sided = max_abs_diff(project, peer)
    top = max(project.values(), default=0.0)
    return _record("max_abs_diff", diff, PAGERANK_TOL,
                   diff <= PAGERANK_TOL and one_sided == 0, nodes=compared,
                   relative_to_max=diff / top if top else None,
                   spearman_top100=spearman_top(project, peer))


def constraint_agreement(project: Mapping[Hashable, float],
                         peer: Mapping[Hashable, float]) -> dict[str, Any]:
    """Over the peer's nodes (all of them, or the sample networkx ran on)."""
    sub = {v: project.get(v, math.nan) for v in peer}
    diff, compared, one_sided = max_abs_diff(sub, peer)
    return _record("max_abs_diff", diff, EXACT_TOL, diff <= EXACT_TOL and one_sided == 0,
                   nodes=compared, defined_on_one_side_only=one_sided)


def betweenness_agreement(project: Mapping[Hashable, float],
                          peer: Mapping[Hashable, float]) -> dict[str, Any]:
    diff, compared, one_sided = max_abs_diff(project, peer)
    return _record("max_abs_diff", diff, EXACT_TOL, diff <= EXACT_TOL and one_sided == 0,
                   nodes=compared, spearman_top100=spearman_top(project, peer),
                   pivots="the project's: random.Random(42).sample(list(H), 64)")


def nmi(a: Sequence[Iterable[Hashable]], b: Sequence[Iterable[Hashable]]) -> float:
    """Normalised mutual information of two partitions of the same nodes (arithmetic mean
    of the entropies, as scikit-learn's default); 1.0 when both are a single block."""
    la = {v: i for i, part in enumerate(a) for v in part}
    lb = {v: i for i, part in enumerate(b) for v in part}
    nodes = [v for v in la if v in lb]
    n = len(nodes)
    if n == 0:
        return 1.0
    ca = Counter(la[v] for v in nodes)
    cb = Counter(lb[v] for v in nodes)
    joint = Counter((la[v], lb[v]) for v in nodes)

    def entropy(counts: Iterable[int]) -> float:
        return -sum(c / n * math.log(c / n) for c in counts if c)

    ha, hb = entropy(ca.values()), entropy(cb.values())
    if ha == 0.0 and hb == 0.0:
        return 1.0
    mi = sum(c / n * math.log(c * n / (ca[i] * cb[j])) for (i, j), c in joint.items())
    return max(0.0, min(1.0, mi / ((ha + hb) / 2)))


def louvain_agreement(H: nx.Graph, project: Sequence[Iterable[Hashable]],
                      peer: Sequence[Iterable[Hashable]]) -> dict[str, Any]:
    q_project = nx.community.modularity(H, project, weight="weight")
    q_peer = nx.community.modularity(H, peer, weight="weight")
    diff = abs(q_project - q_peer)
    return _record("modularity_abs_diff", diff, MODULARITY_TOL, diff <= MODULARITY_TOL,
                   modularity_project=round(q_project, 6), modularity_peer=round(q_peer, 6),
                   nmi=round(nmi(project, peer), 6), communities_project=len(project),
                   communities_peer=len(peer))


def layout_agreement() -> dict[str, Any]:
    return _record("none", None, None, None,
                   note="layouts are not compared: positions differ by design")


def graph_agreement(nodes: int, edges: int, want_nodes: int, want_edges: int) -> dict[str, Any]:
    """A CSV peer's graph against the project's counts (actors, relationships)."""
    off = abs(nodes - want_nodes) + abs(edges - want_edges)
    return _record("node_and_edge_count_diff", off, 0, off == 0, nodes=nodes, edges=edges,
                   project_nodes=want_nodes, project_edges=want_edges)


def agreement(op: str, X: nx.Graph | None, project: Any, peer: Any) -> dict[str, Any]:
    """The check of ``op`` (``X``: the graph both ran on, needed for Louvain's modularity)."""
    if op == "pagerank":
        return pagerank_agreement(project, peer)
    if op == "constraint":
        return constraint_agreement(project, peer)
    if op == "betweenness":
        return betweenness_agreement(project, peer)
    if op == "louvain":
        if X is None:
            raise ValueError("Louvain's agreement needs the graph")
        return louvain_agreement(X, project, peer)
    if op == "layout":
        return layout_agreement()
    raise KeyError(f"no agreement check for op {op!r}")
