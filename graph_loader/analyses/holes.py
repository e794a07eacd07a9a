"""Burt's structural holes: effective size and constraint."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from graph_loader.graph import undirected


def _normalized(H: nx.Graph, weight: str | None) -> tuple[list, sp.csr_array, np.ndarray]:
    nodes = list(H.nodes)
    A = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=weight, dtype=float, format="csr")
    W = (A + A.T).tocsr()  # mutual weights, as networkx (a_uv + a_vu)
    W.setdiag(0)  # self-loops carry no information about structural holes
    W.eliminate_zeros()
    return nodes, W, np.asarray(W.sum(axis=1)).ravel()


def _row_scale(W: sp.csr_array, s: np.ndarray) -> sp.csr_array:
    with np.errstate(divide="ignore"):
        inv = np.where(s > 0, 1.0 / s, 0.0)
    return (sp.dia_array((inv, 0), shape=W.shape) @ W).tocsr()


def constraint(H: nx.Graph, weight: str | None = "weight") -> dict:
    """Burt's constraint of every node.

    ``c(u) = sum over neighbours v of (p_uv + sum_w p_uw p_wv)^2`` where ``p_uv`` is the
    share of ``u``'s (mutual) tie weight that goes to ``v``. High constraint means the
    node's contacts are tied to each other: few structural holes. Same definition and
    values as ``networkx.constraint``, computed with sparse matrices so that it scales
    (networkx's all-nodes path allocates dense ``n x n`` matrices). Isolated nodes get NaN.

    Parameters
    ----------
    H : networkx.Graph
        An undirected (or directed) simple graph.
    weight : str or None, optional
        Edge attribute holding tie strength (default ``weight``); None for 1.

    Returns
    -------
    dict
        Node to constraint.

    References
    ----------
    .. [1] Burt, R. S. (2004). Structural holes and good ideas.
       *American Journal of Sociology* 110(2), 349-399.

    Examples
    --------
    A star's centre is constrained ``1/k`` by ``k`` unconnected leaves:

    >>> round(constraint(nx.star_graph(4))[0], 6)
    0.25
    """
    nodes, W, s = _normalized(H, weight)
    P = _row_scale(W, s)
    L = (P + P @ P).tocsr()
    mask = (W > 0).astype(float)
    local = L.multiply(mask).tocsr()
    c = np.asarray(local.multiply(local).sum(axis=1)).ravel()
    c[s == 0] = np.nan
    return dict(zip(nodes, c.tolist(), strict=True))


def effective_size(H: nx.Graph, weight: str | None = "weight") -> dict:
    """Burt's effective size of every node's ego network.

    ``e(u) = sum over neighbours v of (1 - sum_w p_uw m_vw)``: the number of contacts
    minus their redundancy, where ``p_uw`` is ``u``'s share of tie weight to ``w`` and
    ``m_vw`` is ``v``'s tie weight to ``w`` divided by ``v``'s strongest tie. For an
    unweighted graph this is Borgatti's ``n - 2t/n``. Same definition and values as
    ``networkx.effective_size(H, nodes=..., weight=...)``, computed with sparse matrices.
    (networkx 3.6's all-nodes shortcut for weighted graphs divides ``m_vw`` by ``w``'s
    strongest tie rather than ``v``'s, and so differs from its own per-node path.)
    Isolated nodes get NaN.

    Parameters
    ----------
    H : networkx.Graph
        An undirected (or directed) simple graph.
    weight : str or None, optional
        Edge attribute holding tie strength (default ``weight``); None for 1.

    Returns
    -------
    dict
        Node to effective size.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy
       measures. *Connections* 20(1), 35-38.

    Examples
    --------
    In a triangle each node's two contacts are tied to each other:

    >>> effective_size(nx.complete_graph(3))
    {0: 1.0, 1: 1.0, 2: 1.0}
    """
    nodes, W, s = _normalized(H, weight)
    P = _row_scale(W, s)
    mx = W.max(axis=1).toarray().ravel() if W.nnz else np.zeros(len(nodes))
    M = _row_scale(W, mx)
    R = (P @ M.T).tocsr().multiply((W > 0).astype(float)).tocsr()
    deg = np.diff(W.indptr).astype(float)
    e = deg - np.asarray(R.sum(axis=1)).ravel()
    e[s == 0] = np.nan
    return dict(zip(nodes, e.tolist(), strict=True))


def structural_holes(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Effective size and constraint of every actor.

    Computed on :func:`graph_loader.graph.undirected`, tie strength = number of
    relationships between the pair.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph_loader.graph.build_graph`.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id, columns ``name, kind, degree`` (distinct neighbours),
        ``effective_size, efficiency`` (effective size / degree) and ``constraint``;
        sorted by constraint ascending (isolated actors, NaN, last), then id.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> structural_holes(G).loc["a", ["effective_size", "constraint"]].tolist()
    [2.0, 0.5]
    """
    H = undirected(G)
    nodes = list(H.nodes)
    table = pd.DataFrame(
        {
            "name": [H.nodes[n].get("name", str(n)) for n in nodes],
            "kind": [H.nodes[n].get("kind", "") for n in nodes],
            "degree": [H.degree(n) for n in nodes],
        },
        index=pd.Index(nodes, name="id"),
    )
    table["effective_size"] = pd.Series(effective_size(H))
    with np.errstate(divide="ignore", invalid="ignore"):
        table["efficiency"] = table["effective_size"] / table["degree"].where(table["degree"] > 0)
    table["constraint"] = pd.Series(constraint(H))
    table = table.reset_index().sort_values(
        ["constraint", "id"], ascending=[True, True], na_position="last", kind="stable"
    )
    return table.set_index("id")
