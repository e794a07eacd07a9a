"""PageRank's random walk on a sparse matrix: one power iteration for every caller.

:func:`transition` builds the walk's matrix once per graph (shared, like the igraph
conversion, by :class:`~graph_loader.analyses.backend.Converted`); :func:`power_iteration`
runs the walk. :func:`~graph_loader.analyses.centrality.pagerank` iterates to a
tolerance that bounds the error by its relative tolerance; the per-year measures use
networkx's own stopping rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class Transition:
    """The walk of PageRank on ``n`` nodes.

    Attributes
    ----------
    matrix : scipy.sparse.csr_array
        ``matrix[j, i]`` is the probability of stepping from ``i`` to ``j`` along an
        arc (the row-normalised weights, transposed, so one step is ``matrix @ x``).
    dangling : numpy.ndarray
        Indices of the nodes without out-arcs (their walk jumps uniformly).
    """

    matrix: sp.csr_array
    dangling: np.ndarray

    @property
    def n(self) -> int:
        return int(self.matrix.shape[0])


def transition(n: int, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray) -> Transition:
    """The walk along weighted arcs ``rows[i] -> cols[i]``; parallel arcs are summed.

    Parameters
    ----------
    n : int
        Number of nodes (indices ``0 .. n-1``).
    rows, cols, weights : numpy.ndarray
        Arc tails, heads and non-negative weights.

    Returns
    -------
    Transition

    Examples
    --------
    >>> t = transition(3, np.array([0, 0, 0]), np.array([1, 2, 2]), np.array([1.0, 1, 2]))
    >>> t.matrix.toarray()[:, 0].tolist(), t.dangling.tolist()
    ([0.0, 0.25, 0.75], [1, 2])
    """
    weights = np.asarray(weights, dtype=float)
    out = np.bincount(rows, weights=weights, minlength=n) if n else np.zeros(0)
    nz = out != 0
    scale = np.zeros(n)
    scale[nz] = 1.0 / out[nz]
    # Built transposed (cols as rows); the CSR constructor sums parallel arcs.
    T = sp.csr_array((weights * scale[rows], (cols, rows)), shape=(n, n))
    T.sum_duplicates()
    return Transition(T, np.flatnonzero(~nz))


def power_iteration(
    walk: Transition, alpha: float, tol: float, max_iter: int = 10_000
) -> np.ndarray:
    """PageRank by power iteration, from the uniform vector.

    Each step is ``x <- alpha * (M x + (sum of x over dangling nodes) / n) + (1 - alpha) / n``
    (uniform teleport, dangling nodes jump uniformly: networkx's definition); it stops
    when the l1 change of a step falls below ``tol``.

    Parameters
    ----------
    walk : Transition
        The walk (:func:`transition`).
    alpha : float
        Damping factor.
    tol : float
        Stop when ``sum(|x_k - x_{k-1}|) < tol``.
    max_iter : int, optional
        Give up after this many steps.

    Returns
    -------
    numpy.ndarray
        PageRank per node index; sums to 1.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        If ``max_iter`` steps do not converge.

    References
    ----------
    .. [1] Page, L., Brin, S., Motwani, R. & Winograd, T. (1999). The PageRank citation
       ranking: bringing order to the web. Stanford InfoLab.

    Examples
    --------
    >>> walk = transition(2, np.array([0]), np.array([1]), np.array([1.0]))
    >>> power_iteration(walk, 0.85, 1e-12).round(4).tolist()
    [0.3509, 0.6491]
    """
    n = walk.n
    if n == 0:
        return np.zeros(0)
    M, dangling = walk.matrix, walk.dangling
    x = np.full(n, 1.0 / n)
    jump = (1.0 - alpha) / n
    for _ in range(max_iter):
        xlast = x
        x = M @ x
        x *= alpha
        x += alpha * xlast[dangling].sum() / n + jump
        if np.abs(x - xlast).sum() < tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def exact_tolerance(n: int, alpha: float, rtol: float) -> float:
    """The l1 step size below which every PageRank is within ``rtol`` of its limit.

    The power iteration contracts by ``alpha`` per step, so once a step changes ``x``
    by ``r`` (l1), ``x`` is within ``r * alpha / (1 - alpha)`` of the limit; every
    PageRank is at least ``(1 - alpha) / n`` (the teleport share).

    Examples
    --------
    >>> f"{exact_tolerance(10_000, 0.85, 1e-6):.2e}"
    '2.65e-12'
    """
    return rtol * (1.0 - alpha) ** 2 / (alpha * max(n, 1))
