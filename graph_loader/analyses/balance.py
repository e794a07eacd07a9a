"""Structural balance of the signed graph: triangles and their signs."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from graph_loader.gcpause import without_gc

TRIAD_COLUMNS = [
    "a", "b", "c", "names", "sign_ab", "sign_bc", "sign_ac", "signs", "balanced",
    "ties_ab", "ties_bc", "ties_ac",
]


@without_gc
def signed_triads(S: nx.Graph) -> pd.DataFrame:
    """All triangles of a signed graph, classified as balanced or not.

    A triangle ``a, b, c`` with edge signs ``s_ab, s_bc, s_ac`` is *balanced* if
    ``s_ab * s_bc * s_ac > 0`` ("the friend of my friend is my friend, the enemy of my
    enemy is my friend"): ``+++`` and ``+--`` are balanced, ``++-`` and ``---`` not.

    Parameters
    ----------
    S : networkx.Graph
        Undirected graph with edge attribute ``sign`` (+1/-1), e.g.
        :func:`graph_loader.graph.signed_graph`.

    Returns
    -------
    pandas.DataFrame
        One row per triangle with columns :data:`TRIAD_COLUMNS`: node ids ``a < b < c``
        (compared as str), ``names`` (``"A / B / C"`` from the ``name`` attribute),
        the three signs, ``signs`` (sorted pattern such as ``"++-"``), ``balanced``, and
        ``ties_ab, ties_bc, ties_ac``: the ids of the relationships behind each edge
        (its ``relationships`` attribute, ``;``-separated; ``""`` if it has none).
        Rows in order of ``(a, b, c)``.

    References
    ----------
    .. [1] Heider, F. (1946). Attitudes and cognitive organization. *J. Psychology* 21.
    .. [2] Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of
       Heider's theory. *Psychological Review* 63(5), 277-293.

    Examples
    --------
    >>> S = nx.Graph()
    >>> S.add_edge("a", "b", sign=1); S.add_edge("b", "c", sign=-1); S.add_edge("a", "c", sign=-1)
    >>> signed_triads(S)[["signs", "balanced"]].values.tolist()
    [['+--', True]]
    """
    order = {v: i for i, v in enumerate(sorted(S.nodes, key=str))}
    rows = []
    for a in sorted(S.nodes, key=str):
        later = [v for v in S[a] if order[v] > order[a]]
        for b in sorted(later, key=str):
            for c in sorted((v for v in S[b] if order[v] > order[b] and v in S[a]), key=str):
                sab, sbc, sac = (int(S[x][y]["sign"]) for x, y in ((a, b), (b, c), (a, c)))
                names = " / ".join(str(S.nodes[v].get("name", v)) for v in (a, b, c))
                pattern = "".join(sorted("+" if s > 0 else "-" for s in (sab, sbc, sac)))
                ties = (";".join(map(str, S[x][y].get("relationships", ())))
                        for x, y in ((a, b), (b, c), (a, c)))
                rows.append((a, b, c, names, sab, sbc, sac, pattern, sab * sbc * sac > 0, *ties))
    return pd.DataFrame(rows, columns=TRIAD_COLUMNS).astype({"balanced": bool})


def balance_summary(triads: pd.DataFrame) -> dict:
    """Counts of balanced and unbalanced triangles.

    Parameters
    ----------
    triads : pandas.DataFrame
        The output of :func:`signed_triads`.

    Returns
    -------
    dict
        ``triangles``, ``balanced``, ``unbalanced`` (ints), ``ratio`` (balanced /
        triangles, NaN if there are none) and ``by_signs`` (pattern to count, for
        ``+++``, ``++-``, ``+--``, ``---``).

    References
    ----------
    .. [1] Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of
       Heider's theory. *Psychological Review* 63(5), 277-293.

    Examples
    --------
    >>> S = nx.Graph()
    >>> S.add_edge(0, 1, sign=1); S.add_edge(1, 2, sign=1); S.add_edge(0, 2, sign=-1)
    >>> balance_summary(signed_triads(S))["unbalanced"]
    1
    """
    n = len(triads)
    balanced = int(triads["balanced"].sum()) if n else 0
    counts = triads["signs"].value_counts() if n else pd.Series(dtype=int)
    return {
        "triangles": n,
        "balanced": balanced,
        "unbalanced": n - balanced,
        "ratio": balanced / n if n else math.nan,
        "by_signs": {p: int(counts.get(p, 0)) for p in ("+++", "++-", "+--", "---")},
    }
