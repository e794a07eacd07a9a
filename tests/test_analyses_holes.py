"""Structural holes: tiny graphs with known answers, networkx as reference."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from _graphs import dataset

from graph_loader.analyses.holes import constraint, effective_size, structural_holes
from graph_loader.graph import build_graph, undirected


def test_path_known_values() -> None:
    H = nx.path_graph(["a", "b", "c"])
    # b: two unconnected contacts, half its tie weight each -> 2 * (1/2)^2
    assert constraint(H) == pytest.approx({"a": 1.0, "b": 0.5, "c": 1.0})
    assert effective_size(H) == pytest.approx({"a": 1.0, "b": 2.0, "c": 1.0})


def test_triangle_and_isolate() -> None:
    H = nx.complete_graph(3)
    H.add_node(9)
    c = constraint(H)
    # p = 1/2 to each contact, plus the indirect 1/2 * 1/2 -> (3/4)^2 twice
    assert c[0] == pytest.approx(2 * 0.75**2)
    assert math.isnan(c[9])
    e = effective_size(H)
    assert e[0] == pytest.approx(1.0) and math.isnan(e[9])


def test_weighted_known_values() -> None:
    H = nx.Graph()
    H.add_edge("a", "b", weight=3)
    H.add_edge("a", "c", weight=1)
    # p_ab = 3/4, p_ac = 1/4, b and c unconnected
    assert constraint(H)["a"] == pytest.approx(0.75**2 + 0.25**2)
    assert effective_size(H)["a"] == pytest.approx(2.0)


@pytest.mark.parametrize("seed", range(5))
def test_matches_networkx(seed: int) -> None:
    H = nx.gnp_random_graph(25, 0.2, seed=seed)
    for i, (u, v) in enumerate(H.edges()):
        H[u][v]["weight"] = 1 + (i * 7 + seed) % 4
    H.add_node("isolate")
    for w in ("weight", None):
        ours_c, ref_c = constraint(H, weight=w), nx.constraint(H, weight=w)
        # networkx 3.6's all-nodes fast path for weighted effective size divides m_vw by
        # w's strongest tie instead of v's; its per-node path follows Burt's definition.
        ours_e = effective_size(H, weight=w)
        ref_e = nx.effective_size(H, nodes=list(H), weight=w)
        for n in H:
            assert ours_c[n] == pytest.approx(ref_c[n], nan_ok=True)
            assert ours_e[n] == pytest.approx(ref_e[n], nan_ok=True)


def test_structural_holes_table() -> None:
    G = build_graph(dataset())
    t = structural_holes(G)
    assert list(t.columns) == [
        "name",
        "kind",
        "degree",
        "effective_size",
        "efficiency",
        "constraint",
    ]
    H = undirected(G)
    ref = nx.constraint(H, weight="weight")
    for n in H:
        assert t.loc[n, "constraint"] == pytest.approx(ref[n])
    assert t.loc["aze", "degree"] == 5
    assert t["constraint"].is_monotonic_increasing


def _random_weighted_graph(seed: int) -> nx.Graph:
    """A random graph with integer tie strengths, a few hubs and an isolate."""
    rng = np.random.default_rng(seed)
    H = nx.gnp_random_graph(120, 0.04, seed=seed)
    for hub in (0, 1, 2):
        H.add_edges_from((hub, int(v)) for v in rng.choice(120, 40, replace=False) if v != hub)
    for u, v in H.edges():
        H[u][v]["weight"] = int(rng.integers(1, 6))
    H.add_node("isolate")
    return H


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("block", [1, 2, 7, 50])
def test_blocked_equals_unblocked(seed: int, block: int) -> None:
    """Computing the two-step terms a few rows at a time changes no value, not even a bit."""
    H = _random_weighted_graph(seed)
    n = H.number_of_nodes()
    for w in ("weight", None):
        for measure in (constraint, effective_size):
            whole = measure(H, weight=w, block=n)
            blocked = measure(H, weight=w, block=block)
            assert list(blocked) == list(whole)
            np.testing.assert_array_equal(list(blocked.values()), list(whole.values()))
    ref_c = nx.constraint(H, weight="weight")
    ref_e = nx.effective_size(H, nodes=list(H), weight="weight")
    ours_c = constraint(H, block=block)
    ours_e = effective_size(H, block=block)
    for v in H:
        assert ours_c[v] == pytest.approx(ref_c[v], nan_ok=True)
        assert ours_e[v] == pytest.approx(ref_e[v], nan_ok=True)


@pytest.mark.parametrize("seed", range(3))
def test_effective_size_by_triangles_equals_the_sparse_products(seed: int) -> None:
    """The triangle sum (undirected, positive weights) and the masked two-step products
    (every other graph) give the same values, self-loops ignored by both."""
    from graph_loader.analyses.holes import _sparse_effective_size

    H = _random_weighted_graph(seed)
    H.add_edge(0, 0, weight=3)
    H.add_edge("isolate", "isolate", weight=1)  # ties to itself only: NaN
    for w in ("weight", None):
        ours, ref = effective_size(H, weight=w), _sparse_effective_size(H, w, 50)
        assert list(ours) == list(ref)
        assert list(ours.values()) == pytest.approx(list(ref.values()), nan_ok=True)
    assert np.isnan(effective_size(H)["isolate"])


def test_block_must_be_positive() -> None:
    H = nx.path_graph(3)
    with pytest.raises(ValueError, match="block"):
        constraint(H, block=0)
    with pytest.raises(ValueError, match="block"):
        effective_size(H, block=0)
