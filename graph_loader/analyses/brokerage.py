"""Gould-Fernandez brokerage roles, computed exactly as R's ``sna::brokerage``."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from itertools import permutations

import networkx as nx
import numpy as np
import pandas as pd

from graph_loader.analyses.backend import derived
from graph_loader.gcpause import without_gc
from graph_loader.graph import influence_graph
from graph_loader.schema import Schema

#: sna's column names, in sna's order, and the role each one names.
ROLES = {
    "w_I": "coordinator",
    "w_O": "itinerant",
    "b_IO": "representative",
    "b_OI": "gatekeeper",
    "b_O": "liaison",
    "t": "total",
}
COLUMNS = list(ROLES)


@dataclass
class Brokerage:
    """The result of :func:`brokerage`, with sna's names.

    ``raw``, ``expected``, ``sd`` and ``z`` are node-level DataFrames (sna's
    ``raw.nli``, ``exp.nli``, ``sd.nli``, ``z.nli``) with columns :data:`COLUMNS`;
    ``graph_raw``, ``graph_expected``, ``graph_sd`` and ``graph_z`` are the graph-level
    Series (``raw.gli`` ...); ``groups`` maps each node to its group and ``sizes`` each
    group to its size; ``density`` is the arc density used by the null model.
    """

    raw: pd.DataFrame
    expected: pd.DataFrame
    sd: pd.DataFrame
    z: pd.DataFrame
    graph_raw: pd.Series
    graph_expected: pd.Series
    graph_sd: pd.Series
    graph_z: pd.Series
    groups: dict
    sizes: dict
    density: float


def brokerage_counts(D: nx.DiGraph, groups: Mapping[Hashable, Hashable]) -> pd.DataFrame:
    """Count the Gould-Fernandez brokerage roles of every node.

    Node ``j`` brokers each *open two-path* ``i -> j -> k``: ``i``, ``j`` and ``k``
    distinct and no arc ``i -> k`` (an arc ``k -> i`` does not close it). The path is
    classified by the groups of ``i``, ``j``, ``k``:

    ============== ======== ===================================
    sna column     role     groups
    ============== ======== ===================================
    ``w_I``        coordinator     all three in one group
    ``w_O``        itinerant       ``i``, ``k`` together, ``j`` apart
    ``b_IO``       representative  ``i``, ``j`` together, ``k`` apart
    ``b_OI``       gatekeeper      ``j``, ``k`` together, ``i`` apart
    ``b_O``        liaison         three different groups
    ============== ======== ===================================

    The counts of the C routine ``brokerage_R`` of R's sna package. Self-loops are
    ignored. Counted without walking any neighbourhood in Python: all two-paths per
    middle node and role from its numbers of predecessors and successors per group,
    less the closed ones, which are among the graph's triangles (igraph's
    ``list_triangles``).

    Parameters
    ----------
    D : networkx.DiGraph
        A simple directed graph.
    groups : mapping
        Node to group label, for every node of ``D``.

    Returns
    -------
    pandas.DataFrame
        Indexed by node (in ``D``'s order), float columns :data:`COLUMNS` (``t`` is
        the row total).

    References
    ----------
    .. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software* 24(6). Function ``brokerage``.

    Examples
    --------
    >>> D = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> brokerage_counts(D, {"a": 1, "b": 2, "c": 1}).loc["b", "w_O"]
    np.float64(1.0)
    """
    nodes = list(D.nodes)
    counts = np.zeros((len(nodes), 6))
    if nodes:
        gi = _group_index(nodes, groups)
        src, dst = _arcs(D, nodes)
        counts[:, :5] = _path_counts(len(nodes), gi, src, dst) - _closed_counts(
            len(nodes), gi, src, dst
        )
    counts[:, 5] = counts[:, :5].sum(axis=1)
    return pd.DataFrame(counts, index=pd.Index(nodes), columns=COLUMNS)


# The counts are "every two-path i -> j -> k (i != k) by the groups of i, j and k" less
# "the closed ones (an arc i -> k)": the first from each node's numbers of predecessors
# and successors per group, the second from the triangles of the graph (a closed
# two-path is a triangle), so no node's neighbourhood is walked in Python.


def _group_index(nodes: list, groups: Mapping[Hashable, Hashable]) -> np.ndarray:
    """Each node's group as an index (groups numbered in order of first appearance)."""
    labels: dict[Hashable, int] = {}
    return np.array([labels.setdefault(groups[v], len(labels)) for v in nodes], dtype=np.int64)


def _arcs(D: nx.DiGraph, nodes: list) -> tuple[np.ndarray, np.ndarray]:
    """``D``'s arcs but self-loops, as node indices."""
    pos = {v: i for i, v in enumerate(nodes)}
    src = [pos[u] for u, nbrs in D.adjacency() for _ in nbrs]
    dst = [pos[v] for _, nbrs in D.adjacency() for v in nbrs]
    a, b = np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64)
    keep = a != b
    return a[keep], b[keep]


def _per_group(n: int, ng: int, rows: np.ndarray, g: np.ndarray) -> np.ndarray:
    """An ``n x ng`` array counting, per row node, the entries of each group."""
    return np.bincount(rows * ng + g, minlength=n * ng).reshape(n, ng).astype(float)


def _path_counts(n: int, gi: np.ndarray, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Every two-path ``i -> j -> k`` (``i != k``, closed or not), per middle node ``j``
    and role (the first five :data:`COLUMNS`)."""
    ng = int(gi.max()) + 1
    P = _per_group(n, ng, dst, gi[src])  # predecessors of j per group
    S = _per_group(n, ng, src, gi[dst])  # successors of j per group
    keys = src * n + dst
    mutual = np.isin(dst * n + src, keys)  # k both a successor and a predecessor of j
    M = _per_group(n, ng, src[mutual], gi[dst[mutual]])  # the pairs i == k, per group
    rows = np.arange(n)
    p, q, m = P[rows, gi], S[rows, gi], M[rows, gi]  # in j's own group
    p_all, s_all, m_all = P.sum(axis=1), S.sum(axis=1), M.sum(axis=1)
    same_other = (P * S).sum(axis=1) - p * q  # i and k together, outside j's group
    out = np.empty((n, 5))
    out[:, 0] = p * q - m  # coordinator
    out[:, 1] = same_other - (m_all - m)  # itinerant
    out[:, 2] = p * (s_all - q)  # representative
    out[:, 3] = (p_all - p) * q  # gatekeeper
    out[:, 4] = (p_all - p) * (s_all - q) - same_other  # liaison
    return out


def _closed_counts(n: int, gi: np.ndarray, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The closed two-paths ``i -> j -> k`` (with an arc ``i -> k``), per ``j`` and role."""
    from graph_loader.lightimports import igraph as _igraph

    igraph = _igraph()

    out = np.zeros((n, 5))
    pairs = np.unique(np.minimum(src, dst) * n + np.maximum(src, dst))
    simple = igraph.Graph(n, np.column_stack([pairs // n, pairs % n]).tolist())
    T = np.asarray(simple.list_triangles(), dtype=np.int64).reshape(-1, 3)
    if not len(T):
        return out
    arcs = np.sort(src * n + dst)

    def arc(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        key = a * n + b
        at = np.minimum(np.searchsorted(arcs, key), len(arcs) - 1)
        return arcs[at] == key

    for x, y, z in permutations(range(3)):
        i, j, k = T[:, x], T[:, y], T[:, z]
        closed = arc(i, j) & arc(j, k) & arc(i, k)
        i, j, k = i[closed], j[closed], k[closed]
        a, b, c = gi[i], gi[j], gi[k]
        role = np.select(
            [(a == b) & (b == c), a == c, a == b, c == b], [0, 1, 2, 3], default=4
        )
        out += np.bincount(j * 5 + role, minlength=n * 5).reshape(n, 5)
    return out


def _group_moments(n: np.ndarray, N: float, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected counts and variances per group (rows) and role (columns), as sna."""
    p = d * d * (1 - d)
    q = d**3 * (1 - d) ** 3
    e = np.zeros((len(n), 6))
    v = np.zeros((len(n), 6))
    for i, ni in enumerate(n):
        o = np.delete(n, i)
        e[i, 0] = p * (ni - 1) * (ni - 2)
        v[i, 0] = e[i, 0] * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q
        e[i, 1] = p * np.sum(o * (o - 1))
        v[i, 1] = e[i, 1] * (1 - p) + 2 * np.sum(o * (o - 1) * (o - 2)) * q
        e[i, 2] = p * (N - ni) * (ni - 1)
        v[i, 2] = e[i, 2] * (1 - p) + 2 * (
            (ni - 1) * comb2(N - ni) + (N - ni) * comb2(ni - 1)
        ) * q
        e[i, 3], v[i, 3] = e[i, 2], v[i, 2]
        e[i, 4] = p * (np.sum(np.outer(o, o)) - np.sum(o**2))
        v[i, 4] = e[i, 4] * (1 - p) + 4 * np.sum(o * comb2(N - o - ni) * q)
        e[i, 5] = p * (N - 1) * (N - 2)
        v[i, 5] = e[i, 5] * (1 - p) + 2 * (N - 1) * (N - 2) * (N - 3) * q
    return e, v


def comb2(x: float | np.ndarray) -> float | np.ndarray:
    """R's ``choose(x, 2)`` for real ``x``: ``x (x - 1) / 2`` (0 for ``x < 2`` integers)."""
    x = np.asarray(x, dtype=float)
    r = x * (x - 1) / 2
    # R's choose(n, k) is 0 for integer 0 <= n < k; x*(x-1)/2 already gives 0 at 0 and 1.
    return r if r.ndim else float(r)


def _graph_moments(n: np.ndarray, N: float, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected counts and variances of the graph-level totals, as sna."""
    p = d * d * (1 - d)
    a3, a4, a5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    e = np.zeros(6)
    v = np.zeros(6)
    e[0] = p * np.sum(n * (n - 1) * (n - 2))
    v[0] = e[0] * (1 - p) + np.sum(
        n * (n - 1) * (n - 2) * ((4 * n - 10) * a3 - 4 * (n - 3) * a4 + (n - 3) * a5)
    )
    e[1] = p * np.sum(n * (N - n) * (n - 1))
    x, y = np.meshgrid(n, n, indexing="ij")
    outer = x * y * (x - 1) * ((2 * x + 2 * y - 6) * a3 + (N - x - 1) * a5)
    v[1] = e[1] * (1 - p) + (
        np.sum(outer) - np.sum(n * n * (n - 1) * ((4 * n - 6) * a3 + (N - n - 1) * a5))
    )
    e[2] = p * np.sum(n * (N - n) * (n - 1))
    v[2] = e[2] * (1 - p) + np.sum(n * (N - n) * (n - 1) * ((N - 3) * a3 + (n - 2) * a5))
    e[3], v[3] = e[2], v[2]
    e[4] = p * (np.sum(x * y * (N - x - y)) - np.sum(n * n * (N - 2 * n)))
    v[4] = e[4] * (1 - p)
    for i, j, k in permutations(range(len(n)), 3):
        ni, nj, nk = n[i], n[j], n[k]
        v[4] += (
            ni
            * nj
            * nk
            * (
                (4 * (N - nj) - 2 * (ni + nk + 1)) * a3
                - (4 * (N - nk) - 2 * (ni + nj + 1)) * a4
                + (N - (ni + nk + 1)) * a5
            )
        )
    e[5] = p * N * (N - 1) * (N - 2)
    v[5] = e[5] * (1 - p) + N * (N - 1) * (N - 2) * (
        (4 * N - 10) * a3 - 4 * (N - 3) * a4 + (N - 3) * a5
    )
    return e, v


def brokerage(D: nx.DiGraph, groups: Mapping[Hashable, Hashable]) -> Brokerage:
    """Gould-Fernandez brokerage scores with sna's null model and z-scores.

    Raw counts are :func:`brokerage_counts`. Under the null model every arc is present
    independently with probability ``d = m / (N (N - 1))`` (``m`` arcs, ``N`` nodes, no
    self-loops). For a node in a group of size ``n_g`` the expected counts are
    ``d^2 (1 - d)`` times the number of ordered ``(i, k)`` pairs that would give that
    role (e.g. ``(n_g - 1)(n_g - 2)`` for coordinator), and the variances add the
    covariance of two-paths sharing an arc; ``z = (raw - expected) / sd``. The
    formulas, including the graph-level ones, are those of R's ``sna::brokerage``
    (version 2.7) transcribed term by term; as in R, ``0/0`` gives NaN and ``x/0``
    gives ±inf.

    Parameters
    ----------
    D : networkx.DiGraph
        A simple directed graph; self-loops are dropped before counting.
    groups : mapping
        Node to group label, for every node of ``D``. Group order (for ``sizes``) is
        the order of first appearance along ``D``'s nodes, as sna's ``unique(cl)``.

    Returns
    -------
    Brokerage
        Node-level and graph-level raw counts, expectations, standard deviations and z.

    References
    ----------
    .. [1] Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
       approach to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
    .. [2] Butts, C. T. sna: Tools for Social Network Analysis, R package, ``brokerage``.

    Examples
    --------
    >>> D = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> b = brokerage(D, {"a": "x", "b": "y", "c": "x"})
    >>> b.raw.loc["b", "w_O"], round(b.density, 4)
    (np.float64(1.0), 0.3333)
    """
    nodes = list(D.nodes)
    missing = [v for v in nodes if v not in groups]
    if missing:
        raise ValueError(f"no group for nodes {missing[:5]}")
    raw = brokerage_counts(D, groups)
    N = float(len(nodes))
    m = D.number_of_edges() - nx.number_of_selfloops(D)
    d = m / (N * (N - 1)) if N > 1 else 0.0
    labels = list(dict.fromkeys(groups[v] for v in nodes))
    sizes = {g: 0 for g in labels}
    for v in nodes:
        sizes[groups[v]] += 1
    n = np.array([sizes[g] for g in labels], dtype=float)
    e_grp, v_grp = _group_moments(n, N, d)
    gi = [labels.index(groups[v]) for v in nodes]
    index = raw.index
    expected = pd.DataFrame(e_grp[gi], index=index, columns=COLUMNS)
    sd = pd.DataFrame(np.sqrt(v_grp[gi]), index=index, columns=COLUMNS)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (raw - expected) / sd
        e_g, v_g = _graph_moments(n, N, d)
        g_raw = raw.sum(axis=0)
        g_sd = np.sqrt(v_g)
        g_z = (g_raw.to_numpy() - e_g) / g_sd
    return Brokerage(
        raw=raw,
        expected=expected,
        sd=sd,
        z=z,
        graph_raw=g_raw,
        graph_expected=pd.Series(e_g, index=COLUMNS),
        graph_sd=pd.Series(g_sd, index=COLUMNS),
        graph_z=pd.Series(g_z, index=COLUMNS),
        groups={v: groups[v] for v in nodes},
        sizes=sizes,
        density=d,
    )


@without_gc
def brokerage_table(G: nx.MultiDiGraph, schema: Schema, attr: str = "kind") -> pd.DataFrame:
    """Brokerage roles of every actor over the groups given by a node attribute.

    Computed on the unweighted :func:`graph_loader.graph.influence_graph`: an arc
    ``u -> v`` there means ``u`` confers influence on ``v`` under the schema's
    ``influence`` spec, so an open two-path ``i -> j -> k`` is influence passing from
    ``i`` to ``k`` through ``j``. Relationship types with ``influence.toward: none``
    (conflict, condemnation, claims ...) are no channel and do not count.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.
    schema : Schema
        The schema the graph conforms to (for the relationship types' ``influence``).
    attr : str, optional
        Node attribute defining the groups (default ``kind``).

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id, columns ``name, group``, the raw counts
        ``coordinator, itinerant, representative, gatekeeper, liaison, total`` and their
        z-scores ``z_coordinator, ..., z_total``; sorted by total (descending), then id.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> schema = load_schema("data/schema.yaml")
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("osce", kind="Organization")
    >>> for s in ("arm", "aze"):
    ...     G.add_node(s, kind="State")
    >>> _ = G.add_edge("arm", "osce", type="MEMBER_OF")
    >>> _ = G.add_edge("aze", "osce", type="ALLY_OF")
    >>> int(brokerage_table(G, schema).loc["osce", "itinerant"])
    1
    """
    D = derived(influence_graph, G, schema)  # shared with centrality_table in run_all
    groups = {v: G.nodes[v].get(attr, "") for v in D.nodes}
    cols = [ROLES[c] for c in COLUMNS]
    if len(D) == 0:
        return pd.DataFrame(
            columns=["name", "group", *cols, *(f"z_{c}" for c in cols)],
            index=pd.Index([], name="id"),
        )
    b = brokerage(D, groups)  # unweighted: only D's arcs count; it has no self-loops
    table = b.raw.rename(columns=ROLES).astype(int)
    ztab = b.z.rename(columns={c: f"z_{ROLES[c]}" for c in COLUMNS})
    table = pd.concat([table, ztab], axis=1)
    table.insert(0, "group", [groups[v] for v in table.index])
    table.insert(0, "name", [G.nodes[v].get("name", str(v)) for v in table.index])
    table.index.name = "id"
    table = table.reset_index().sort_values(
        ["total", "id"], ascending=[False, True], kind="stable"
    )
    return table.set_index("id")

