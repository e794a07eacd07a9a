"""Centralities: hand-computed degrees, networkx as reference for the rest."""

from __future__ import annotations

import networkx as nx
import pytest
from _graphs import SCHEMA, dataset

from graph_loader.analyses.backend import RTOL
from graph_loader.analyses.centrality import (
    batched_betweenness,
    betweenness,
    centrality_table,
    closeness,
    degrees,
    pagerank,
)
from graph_loader.graph import build_graph, influence_graph, undirected


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    return build_graph(dataset())


def test_degrees_count_relationships(G: nx.MultiDiGraph) -> None:
    d = degrees(G)
    # aze: source of r01 r05 r14 (directed), end of the symmetric r11 and r12.
    assert d.loc["aze"].tolist() == [0, 3, 2, 5]
    assert d.loc["osce"].tolist() == [5, 0, 0, 5]
    assert d.loc["mg"].tolist() == [2, 1, 0, 3]
    assert d.loc["nk"].tolist() == [2, 0, 0, 2]
    assert d.loc["rus"].tolist() == [0, 3, 2, 5]  # r03 r07 r09; r13 r16 symmetric
    assert list(d.columns) == ["degree_in", "degree_out", "degree_symmetric", "degree"]
    # The columns add up, and total degree is the multigraph's degree.
    assert (d["degree_in"] + d["degree_out"] + d["degree_symmetric"] == d["degree"]).all()
    assert d["degree"].to_dict() == dict(G.degree())
    assert d["degree"].sum() == 2 * G.number_of_edges()


def test_degrees_parallel_and_self_loops() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", symmetric=False)
    G.add_edge("a", "b", symmetric=False)
    G.add_edge("a", "a", symmetric=False)
    G.add_edge("b", "c", symmetric=True)
    assert degrees(G).loc["a"].tolist() == [1, 3, 0, 4]
    assert degrees(G).loc["b"].tolist() == [2, 0, 1, 3]
    assert degrees(G).loc["c"].tolist() == [0, 0, 1, 1]


def test_betweenness_and_closeness_known() -> None:
    star = nx.star_graph(3)  # centre 0, leaves 1..3
    assert betweenness(star) == pytest.approx({0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0})
    assert closeness(star) == pytest.approx({0: 1.0, 1: 0.6, 2: 0.6, 3: 0.6})
    # Disconnected: an edge plus an isolate -> Wasserman-Faust scaling (1/1) * (1/2)
    H = nx.Graph([("a", "b")])
    H.add_node("c")
    assert closeness(H) == pytest.approx({"a": 0.5, "b": 0.5, "c": 0.0})


def test_against_networkx(G: nx.MultiDiGraph) -> None:
    H = undirected(G)
    assert betweenness(H) == pytest.approx(nx.betweenness_centrality(H))
    assert closeness(H) == pytest.approx(nx.closeness_centrality(H))
    D = influence_graph(G, SCHEMA)
    # igraph solves PageRank exactly: networkx iterated to convergence, not its default
    # stopping rule (a change of 1e-6 per node, which leaves errors of ~1e-6 relative)
    converged = nx.pagerank(D, weight="weight", tol=1e-15, max_iter=10_000)
    assert pagerank(D) == pytest.approx(converged, rel=RTOL)
    assert pagerank(D) == pytest.approx(nx.pagerank(D, weight="weight"), rel=1e-4)


def test_pagerank_weighted_known() -> None:
    # a -> b (weight 3), a -> c (weight 1): b gets 3/4 of a's vote.
    D = nx.DiGraph()
    D.add_edge("a", "b", weight=3.0)
    D.add_edge("a", "c", weight=1.0)
    pr = pagerank(D)
    assert sum(pr.values()) == pytest.approx(1.0)
    assert pr["b"] > pr["c"] > pr["a"]
    assert pr == pytest.approx(nx.pagerank(D, weight="weight", tol=1e-15), rel=RTOL)
    assert pagerank(nx.DiGraph()) == {}


def test_sampled_paths_for_large_graphs() -> None:
    H = nx.gnp_random_graph(60, 0.08, seed=1)
    # With more samples than nodes, the sampled estimates are exact.
    assert closeness(H, exact_max=10) == pytest.approx(nx.closeness_centrality(H))
    assert betweenness(H, exact_max=10) == pytest.approx(nx.betweenness_centrality(H))


def _random_graphs() -> list[nx.Graph]:
    """Small undirected graphs: sparse and dense, disconnected, trees, with isolates."""
    graphs = [nx.gnp_random_graph(n, p, seed=s) for s, (n, p) in enumerate(
        [(3, 0.9), (12, 0.3), (30, 0.1), (40, 0.25), (70, 0.05), (90, 0.5)])]
    graphs += [nx.random_labeled_tree(25, seed=3), nx.barabasi_albert_graph(80, 3, seed=4)]
    graphs[2].add_nodes_from(["isolate", ("tuple", 1)])
    return graphs


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_batched_betweenness_exact_equals_networkx(chunk: int) -> None:
    for H in _random_graphs():
        ref = nx.betweenness_centrality(H)  # directed=False, normalized, as betweenness()
        got = batched_betweenness(H, chunk=chunk)
        assert list(got) == list(H)
        assert got == pytest.approx(ref, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("k", [2, 5, 17])
def test_batched_betweenness_sampled_equals_networkx(k: int) -> None:
    for seed, H in enumerate(_random_graphs()):
        if k > len(H):
            continue
        ref = nx.betweenness_centrality(H, k=k, seed=seed)  # the same pivots
        got = batched_betweenness(H, k=k, seed=seed, chunk=4)
        assert got == pytest.approx(ref, rel=1e-12, abs=1e-15)


def test_betweenness_exact_and_sampled_paths_use_networkx_pivots() -> None:
    from graph_loader.analyses.centrality import SAMPLES, SEED

    H = nx.barabasi_albert_graph(200, 2, seed=5)
    assert betweenness(H) == pytest.approx(nx.betweenness_centrality(H), rel=1e-12, abs=1e-15)
    sampled = nx.betweenness_centrality(H, k=SAMPLES, seed=SEED)
    assert betweenness(H, exact_max=100) == pytest.approx(sampled, rel=1e-12, abs=1e-15)


def test_sampled_closeness_is_close() -> None:
    from graph_loader.analyses import centrality

    H = nx.connected_watts_strogatz_graph(300, 6, 0.2, seed=3)
    est = centrality._closeness_sampled(H, samples=64, seed=42)
    ref = nx.closeness_centrality(H)
    assert max(abs(est[v] - ref[v]) / ref[v] for v in H) < 0.1


def test_centrality_table(G: nx.MultiDiGraph) -> None:
    t = centrality_table(G, SCHEMA)
    assert t.index.name == "id"
    assert list(t.columns) == [
        "name",
        "kind",
        "agent",
        "degree_in",
        "degree_out",
        "degree_symmetric",
        "degree",
        "betweenness",
        "closeness",
        "pagerank",
    ]
    assert set(t.index) == set(G.nodes)
    assert t.loc["aze", "name"] == "Azerbaijan" and t.loc["osce", "kind"] == "Organization"
    assert t["pagerank"].is_monotonic_decreasing
    assert t.index[0] == "osce"  # every state confers influence on it
    H = undirected(G)
    ref = nx.betweenness_centrality(H)
    assert t["betweenness"].to_dict() == pytest.approx(ref)
