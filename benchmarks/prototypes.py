"""Prototypes of the fixes proposed under "Findings" in ``benchmarks/README.md``.

They are not used by the project. ``python -m benchmarks.prototypes [--size M]`` checks
that each one gives exactly the result of the code it would replace, and times both
in CPU seconds:

- :func:`relationship_statements` / :func:`actor_statements`: the same statements as
  :mod:`graph_loader.cypher_gen`'s, sorting once and grouping by type in one pass.
- :func:`betweenness_sampled`: ``nx.betweenness_centrality(H, k=k, seed=seed)`` (same
  pivots, same rescaling as networkx >= 3.5), computed for all pivots at once by a
  level-synchronous Brandes with ``scipy.sparse`` products.
- :func:`cypher_string`: :func:`graph_loader.exports.cypher_string` with ``str.translate``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Hashable
from typing import Any

import networkx as nx
import numpy as np

from graph_loader import cypher_gen as cg
from graph_loader.model import Dataset

# --------------------------------------------------------------------------- cypher_gen


def relationship_statements(ds: Dataset, batch_size: int = 500) -> list[cg.Statement]:
    """As :func:`graph_loader.cypher_gen.relationship_statements`, in O(n log n)."""
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in ds.schema.relationship_types}
    for r in sorted(ds.relationships, key=lambda r: r.id):
        by_type[r.type].append(
            {
                "id": r.id,
                "source": r.source,
                "target": r.target,
                "props": cg.relationship_props(ds.schema, r),
            }
        )
    out: list[cg.Statement] = []
    for rtype, rows in by_type.items():
        cypher = cg.merge_relationships_cypher(ds.schema, rtype)
        for i in range(0, len(rows), batch_size):
            batch = rows[i : i + batch_size]
            out.append(cg.Statement(cypher, {"rows": batch}, f"relationships :{rtype}", len(batch)))
    return out


def actor_statements(ds: Dataset, batch_size: int = 500) -> list[cg.Statement]:
    """As :func:`graph_loader.cypher_gen.actor_statements`, in O(n log n)."""
    by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in ds.schema.kinds}
    for a in sorted(ds.actors.values(), key=lambda a: a.id):
        by_kind[a.kind].append({"id": a.id, "props": cg.actor_props(a)})
    out: list[cg.Statement] = []
    for kind, rows in by_kind.items():
        cypher = cg.merge_actors_cypher(ds.schema, kind)
        for i in range(0, len(rows), batch_size):
            batch = rows[i : i + batch_size]
            out.append(cg.Statement(cypher, {"rows": batch}, f"actors :{kind}", len(batch)))
    return out


# --------------------------------------------------------------------------- betweenness


def betweenness_sampled(H: nx.Graph, k: int, seed: int, chunk: int = 64) -> dict[Hashable, float]:
    """Normalized betweenness from ``k`` pivots, as ``nx.betweenness_centrality(H, k, seed)``.

    Unweighted, undirected. The pivots are those networkx draws
    (``random.Random(seed).sample(list(H), k)``); the BFS from ``chunk`` pivots at a time
    runs level by level as sparse x dense products (path counts forward, dependencies
    backward, Brandes 2001), so the Python work is per level, not per edge. With
    ``k = len(H)`` it is the exact betweenness.
    """
    import scipy.sparse as sp

    nodes = list(H)
    n = len(nodes)
    if n <= 2 or k < 1:
        return dict.fromkeys(nodes, 0.0)
    pivots = random.Random(seed).sample(nodes, k)
    pos = {v: i for i, v in enumerate(nodes)}
    A = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=None, format="csr")
    A = sp.csr_array(sp.triu(A, 1) + sp.tril(A, -1), dtype=np.float64)  # no self-loops
    A.data[:] = 1.0
    bc = np.zeros(n)
    for start in range(0, k, chunk):
        piv = np.array([pos[v] for v in pivots[start : start + chunk]])
        m = len(piv)
        cols = np.arange(m)
        dist = np.full((n, m), -1, dtype=np.int32)
        sigma = np.zeros((n, m))
        dist[piv, cols] = 0
        sigma[piv, cols] = 1.0
        frontier = sigma.copy()
        depth = 0
        while True:
            reached = A @ frontier
            new = (reached > 0) & (dist < 0)
            if not new.any():
                break
            depth += 1
            dist[new] = depth
            sigma[new] = reached[new]
            frontier = np.where(new, sigma, 0.0)
        delta = np.zeros((n, m))
        for level in range(depth, 0, -1):
            at = dist == level
            coef = np.where(at, (1.0 + delta) / np.where(at, sigma, 1.0), 0.0)
            back = A @ coef
            prev = dist == level - 1
            delta[prev] += (sigma * back)[prev]
        delta[piv, cols] = 0.0
        bc += delta.sum(axis=1)
    # networkx >= 3.5 rescaling for normalized, endpoints=False, sampled pivots.
    scale = np.full(n, 1.0 / (k * (n - 2)))
    scale[[pos[v] for v in pivots]] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else np.nan
    bc *= scale
    return {v: float(bc[i]) for i, v in enumerate(nodes)}


# --------------------------------------------------------------------------- holes


def _masked_product(X: Any, Y: Any, mask: Any, block: int) -> Any:
    """``(X @ Y) * mask`` (elementwise), ``block`` rows of ``X`` at a time.

    The unmasked product holds every two-step pair, ~sum of squared degrees entries
    (gigabytes around hubs at L); per block only that block's share is ever allocated.
    """
    import scipy.sparse as sp

    parts = [
        sp.csr_array((X[i : i + block] @ Y).multiply(mask[i : i + block]))
        for i in range(0, X.shape[0], block)
    ]
    return sp.vstack(parts, format="csr") if parts else sp.csr_array(mask.shape)


def constraint_blocked(H: nx.Graph, weight: str | None = "weight", block: int = 2048) -> dict:
    """As :func:`graph_loader.analyses.holes.constraint`, with the two-step term per block."""
    from graph_loader.analyses.holes import _normalized, _row_scale

    nodes, W, s = _normalized(H, weight)
    P = _row_scale(W, s)
    mask = (W > 0).astype(float)
    local = (P.multiply(mask) + _masked_product(P, P, mask, block)).tocsr()
    c = np.asarray(local.multiply(local).sum(axis=1)).ravel()
    c[s == 0] = np.nan
    return dict(zip(nodes, c.tolist(), strict=True))


# --------------------------------------------------------------------------- exports

_CYPHER_ESCAPES: dict[int, str] = {i: f"\\u{i:04x}" for i in range(0x20)}
_CYPHER_ESCAPES.update(
    {
        0x7F: "\\u007f", 0x2028: "\\u2028", 0x2029: "\\u2029", ord("\\"): "\\\\",
        ord("'"): "\\'", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
    }
)  # fmt: skip


def cypher_string(text: str) -> str:
    """As :func:`graph_loader.exports.cypher_string`, with one ``str.translate``."""
    return "'" + text.translate(_CYPHER_ESCAPES) + "'"


# --------------------------------------------------------------------------- check


def _cpu(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    from benchmarks.generate import ALL_SIZES, dataset_dir
    from graph_loader import exports
    from graph_loader.analyses.centrality import SAMPLES, SEED
    from graph_loader.graph import build_graph, undirected
    from graph_loader.validation import load_dataset

    p = argparse.ArgumentParser(prog="python -m benchmarks.prototypes")
    p.add_argument("--size", default="M", choices=list(ALL_SIZES))
    args = p.parse_args(argv)
    ds = load_dataset(dataset_dir(args.size))

    def statements_now() -> list[cg.Statement]:
        return cg.actor_statements(ds) + cg.relationship_statements(ds)

    def statements_proto() -> list[cg.Statement]:
        return actor_statements(ds) + relationship_statements(ds)

    a, ta = _cpu(statements_now)
    b, tb = _cpu(statements_proto)
    print(f"statements: cypher_gen {ta:.2f} s, prototype {tb:.2f} s, identical: {a == b}")

    H = undirected(build_graph(ds))
    k = min(SAMPLES, len(H))
    a, ta = _cpu(lambda: nx.betweenness_centrality(H, k=k, seed=SEED))
    b, tb = _cpu(lambda: betweenness_sampled(H, k, SEED))
    diff = max((abs(a[v] - b[v]) for v in a), default=0.0)
    print(f"betweenness (k={k}): networkx {ta:.2f} s, prototype {tb:.2f} s, "
          f"max abs difference {diff:.1e}")

    if len(H) <= 2000:
        a, ta = _cpu(lambda: nx.betweenness_centrality(H))
        b, tb = _cpu(lambda: betweenness_sampled(H, len(H), SEED))
        diff = max((abs(a[v] - b[v]) for v in a), default=0.0)
        print(f"betweenness (exact): networkx {ta:.2f} s, prototype {tb:.2f} s, "
              f"max abs difference {diff:.1e}")

    from graph_loader.analyses.holes import constraint

    def peak_mb(fn: Callable[[], Any]) -> tuple[Any, float, float]:
        import tracemalloc

        tracemalloc.start()
        out, t = _cpu(fn)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        return out, t, peak

    Hw = H
    a, ta, ma = peak_mb(lambda: constraint(Hw))
    b, tb, mb = peak_mb(lambda: constraint_blocked(Hw))
    diff = max((abs(a[v] - b[v]) for v in a if a[v] == a[v]), default=0.0)
    print(f"constraint: holes {ta:.2f} s / {ma:.0f} MB allocated, prototype {tb:.2f} s / "
          f"{mb:.0f} MB, max abs difference {diff:.1e}")

    texts = [r.evidence for r in ds.relationships] + [r.note for r in ds.relationships]
    rng = random.Random(0)
    texts += ["".join(chr(rng.randrange(0, 0x3000)) for _ in range(40)) for _ in range(500)]
    a, ta = _cpu(lambda: [exports.cypher_string(t) for t in texts])
    b, tb = _cpu(lambda: [cypher_string(t) for t in texts])
    print(f"cypher_string ({len(texts)} strings): exports {ta:.2f} s, prototype {tb:.2f} s, "
          f"identical: {a == b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
