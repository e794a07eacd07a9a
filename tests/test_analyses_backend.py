"""The igraph compute backend: conversions, sharing, seeding, and agreement with networkx.

Each analysis that runs on igraph is checked against networkx's own function on small
graphs with known answers, within the tolerances of graph_loader.analyses.backend.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from graph_loader.analyses import backend
from graph_loader.analyses.backend import (
    BETWEENNESS_RTOL,
    MODULARITY_TOLERANCE,
    RTOL,
    derived,
    seeded,
    shared_conversions,
    to_igraph,
)
from graph_loader.analyses.centrality import (
    SAMPLES,
    batched_betweenness,
    betweenness,
    closeness,
    igraph_betweenness,
    pagerank,
)
from graph_loader.analyses.communities import louvain
from graph_loader.analyses.holes import _sparse_constraint, constraint
from graph_loader.graph import undirected


def _weighted(H: nx.Graph, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    for u, v in H.edges():
        H[u][v]["weight"] = rng.randint(1, 5)
    return H


def _graphs() -> list[nx.Graph]:
    """Small undirected graphs: hand-made, random, disconnected, with isolates."""
    graphs = [
        nx.path_graph(5),
        nx.star_graph(4),
        nx.complete_graph(3),
        nx.karate_club_graph(),  # weighted (networkx >= 3)
        _weighted(nx.gnp_random_graph(40, 0.12, seed=1), 1),
        _weighted(nx.barabasi_albert_graph(60, 2, seed=2), 2),
    ]
    parts = nx.disjoint_union(nx.cycle_graph(6), nx.path_graph(4))
    parts.add_nodes_from(["isolate", ("tuple", 1)])
    graphs.append(parts)
    return graphs


# ------------------------------------------------------------------ the conversion


def test_to_igraph_keeps_node_order_edges_and_weights() -> None:
    H = nx.Graph()
    H.add_nodes_from(["c", "a", "b"])
    H.add_edge("c", "a", weight=2.5)
    H.add_edge("a", "b")  # no weight: 1, as networkx
    H.add_edge("b", "b", weight=4)  # a self-loop is kept
    conv = to_igraph(H)
    assert conv.nodes == ["c", "a", "b"] and conv.index == {"c": 0, "a": 1, "b": 2}
    g = conv.graph
    assert not g.is_directed() and g.vcount() == 3
    pairs = {
        frozenset((conv.nodes[e.source], conv.nodes[e.target])): w
        for e, w in zip(g.es, conv.weights("weight"), strict=True)
    }
    assert pairs == {frozenset("ca"): 2.5, frozenset("ab"): 1.0, frozenset("b"): 4.0}
    assert conv.weights(None) is None


def test_to_igraph_directed_and_multigraph() -> None:
    D = nx.DiGraph([("a", "b", {"w": 2}), ("b", "a", {"w": 3})])
    conv = to_igraph(D)
    assert conv.graph.is_directed()
    assert sorted(zip(conv.graph.get_edgelist(), conv.weights("w"), strict=True)) == [
        ((0, 1), 2.0), ((1, 0), 3.0)]
    M = nx.MultiGraph([("a", "b"), ("b", "a", {"weight": 2}), ("b", "c")])
    conv = to_igraph(M)
    assert conv.graph.get_edgelist() == [(0, 1), (1, 2)]  # parallel edges merged
    assert conv.weights("weight") == [3.0, 1.0]  # their weights summed
    MD = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "a")])
    conv = to_igraph(MD)
    assert sorted(zip(conv.graph.get_edgelist(), conv.weights("weight"), strict=True)) == [
        ((0, 1), 2.0), ((1, 0), 1.0)]


def test_conversions_are_shared_only_inside_the_block() -> None:
    G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    H = nx.path_graph(4)
    assert to_igraph(H) is not to_igraph(H)
    assert derived(undirected, G) is not derived(undirected, G)
    with shared_conversions():
        conv = to_igraph(H)
        with shared_conversions():  # re-entrant
            assert to_igraph(H) is conv
        assert to_igraph(H) is conv  # the inner block did not drop it
        U = derived(undirected, G)
        assert derived(undirected, G) is U
        assert to_igraph(U) is to_igraph(U)
    assert len(backend._cache) == 0 and len(backend._derived) == 0
    # a graph changed after a block is converted afresh
    H.add_edge(3, 4)
    assert to_igraph(H).graph.ecount() == 4


def test_seeded_is_reproducible_and_leaves_random_alone() -> None:
    g = to_igraph(nx.karate_club_graph()).graph
    random.seed(123)
    state = random.getstate()
    with seeded(5):
        a = g.community_multilevel().membership
    assert random.getstate() == state  # igraph drew from its own generator
    with seeded(5):
        b = g.community_multilevel().membership
    assert a == b


# ------------------------------------------------------------------ PageRank


def _converged(D: nx.Graph, **kw: float) -> dict:
    """networkx's PageRank iterated to convergence (not its default 1e-6 stopping rule)."""
    return nx.pagerank(D, weight="weight", tol=1e-15, max_iter=100_000, **kw)


def test_pagerank_equals_networkx_with_dangling_nodes_and_weights() -> None:
    D = nx.DiGraph()
    D.add_edge("a", "b", weight=3.0)
    D.add_edge("a", "c", weight=1.0)
    D.add_edge("c", "a", weight=2.0)
    D.add_edge("d", "a", weight=0.0)  # a zero-weight arc: d is dangling, as in networkx
    D.add_node("e")  # isolated: dangling
    pr = pagerank(D)
    assert sum(pr.values()) == pytest.approx(1.0)
    assert pr == pytest.approx(_converged(D), rel=RTOL)
    assert pagerank(D, alpha=0.5) == pytest.approx(_converged(D, alpha=0.5), rel=RTOL)
    assert list(pr) == list(D)


@pytest.mark.parametrize("seed", range(4))
def test_pagerank_random_digraphs(seed: int) -> None:
    D = nx.gnp_random_graph(50, 0.06, seed=seed, directed=True)
    _weighted(D, seed)
    assert pagerank(D) == pytest.approx(_converged(D), rel=RTOL)
    U = _weighted(nx.gnp_random_graph(30, 0.1, seed=seed), seed)  # undirected: both ways
    assert pagerank(U) == pytest.approx(_converged(U), rel=RTOL)


def test_pagerank_holds_its_tolerance_on_a_larger_graph_with_loops() -> None:
    # 2,000 nodes: the stopping rule scales with n; self-loops count once, as networkx's.
    U = _weighted(nx.gnm_random_graph(2000, 3000, seed=3), 3)
    U.add_edge(0, 0, weight=3.0)
    U.add_edge(7, 7)
    assert pagerank(U) == pytest.approx(_converged(U), rel=RTOL)
    D = _weighted(nx.gnm_random_graph(2000, 2500, seed=4, directed=True), 4)
    D.add_edge(5, 5, weight=2.0)
    assert pagerank(D) == pytest.approx(_converged(D), rel=RTOL)


def test_pagerank_is_computed_without_networkx(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("networkx's PageRank was called")

    monkeypatch.setattr(nx, "pagerank", refuse)
    assert pagerank(nx.DiGraph([("a", "b")]))["b"] == pytest.approx(0.6491228, rel=1e-6)


def test_pagerank_negative_weights_are_left_to_networkx() -> None:
    D = nx.DiGraph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": -1.0}), ("c", "a")])
    assert pagerank(D) == pytest.approx(nx.pagerank(D, weight="weight"))


# ------------------------------------------------------------------ constraint


def test_constraint_known_values() -> None:
    assert constraint(nx.complete_graph(3)) == pytest.approx({0: 1.125, 1: 1.125, 2: 1.125})
    assert constraint(nx.star_graph(4)) == pytest.approx({0: 0.25, 1: 1, 2: 1, 3: 1, 4: 1})
    assert constraint(nx.path_graph(3)) == pytest.approx({0: 1.0, 1: 0.5, 2: 1.0})


@pytest.mark.parametrize("index", range(7))
def test_constraint_equals_networkx(index: int) -> None:
    H = _graphs()[index]
    for weight in ("weight", None):
        ref = nx.constraint(H, weight=weight)
        got = constraint(H, weight=weight)
        assert list(got) == list(H)
        assert got == pytest.approx(ref, rel=RTOL, nan_ok=True)
        # the sparse path (kept for non-positive weights) agrees too
        assert _sparse_constraint(H, weight, 7) == pytest.approx(ref, rel=RTOL, nan_ok=True)


def test_constraint_directed_self_loops_and_isolates() -> None:
    D = nx.DiGraph([(0, 1), (1, 2), (2, 0), (0, 3), (3, 0), (1, 3)])
    _weighted(D, 3)
    assert constraint(D) == pytest.approx(nx.constraint(D, weight="weight"), rel=RTOL)
    H = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3)])
    H.add_edge(3, 3)  # ignored
    H.add_edge(4, 4)  # only a self-loop: isolated
    H.add_node(5)
    got = constraint(H)
    assert math.isnan(got[4]) and math.isnan(got[5])
    H.remove_edges_from(nx.selfloop_edges(H))
    assert got == pytest.approx(nx.constraint(H), rel=RTOL, nan_ok=True)


def test_constraint_with_zero_weights_takes_the_sparse_path() -> None:
    H = nx.Graph([(0, 1, {"weight": 1}), (1, 2, {"weight": 1}), (0, 2, {"weight": 0}),
                  (2, 3, {"weight": 2})])
    assert constraint(H) == _sparse_constraint(H, "weight", 4)
    assert constraint(H) == pytest.approx(nx.constraint(H, weight="weight"), rel=RTOL)


# ------------------------------------------------------------------ betweenness, closeness


@pytest.mark.parametrize("index", range(7))
def test_betweenness_exact_equals_networkx(index: int) -> None:
    H = _graphs()[index]
    ref = nx.betweenness_centrality(H)
    got = igraph_betweenness(H)
    assert list(got) == list(H)
    assert got == pytest.approx(ref, rel=BETWEENNESS_RTOL, abs=1e-15)
    assert betweenness(H) == got


@pytest.mark.parametrize("k", [1, 2, 5, 17])
def test_betweenness_sampled_equals_networkx(k: int) -> None:
    for seed, H in enumerate(_graphs()):
        if k > len(H):
            continue
        ref = nx.betweenness_centrality(H, k=k, seed=seed)  # the same pivots
        got = igraph_betweenness(H, k=k, seed=seed)
        assert got == pytest.approx(ref, rel=BETWEENNESS_RTOL, abs=1e-15, nan_ok=True)
        assert got == pytest.approx(batched_betweenness(H, k=k, seed=seed), nan_ok=True,
                                    rel=BETWEENNESS_RTOL, abs=1e-15)


def test_betweenness_directed_multigraph_and_tiny() -> None:
    D = nx.gnp_random_graph(40, 0.08, seed=4, directed=True)
    ref = nx.betweenness_centrality(D)
    assert igraph_betweenness(D) == pytest.approx(ref, rel=BETWEENNESS_RTOL, abs=1e-15)
    ref_k = nx.betweenness_centrality(D, k=9, seed=1)
    assert igraph_betweenness(D, k=9, seed=1) == pytest.approx(ref_k, rel=BETWEENNESS_RTOL,
                                                               abs=1e-15)
    # parallel edges and self-loops do not count
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2), (2, 2), (2, 3)])
    assert igraph_betweenness(M) == pytest.approx(
        nx.betweenness_centrality(nx.Graph(M)), rel=BETWEENNESS_RTOL)
    assert igraph_betweenness(nx.path_graph(2)) == {0: 0.0, 1: 0.0}
    assert igraph_betweenness(nx.Graph()) == {}


@pytest.mark.parametrize("index", range(7))
def test_closeness_equals_networkx(index: int) -> None:
    H = _graphs()[index]
    ref = nx.closeness_centrality(H)
    assert closeness(H) == pytest.approx(ref, rel=RTOL)
    if len(H) <= SAMPLES:  # the sampled path, with every node a pivot, is exact too
        assert closeness(H, exact_max=0) == pytest.approx(ref, rel=RTOL)


def test_closeness_directed_and_tiny() -> None:
    D = nx.gnp_random_graph(30, 0.1, seed=2, directed=True)
    assert closeness(D) == pytest.approx(nx.closeness_centrality(D), rel=RTOL)
    assert closeness(nx.empty_graph(1)) == {0: 0.0}
    H = nx.Graph([("a", "b")])
    H.add_node("c")
    assert closeness(H) == pytest.approx({"a": 0.5, "b": 0.5, "c": 0.0})


# ------------------------------------------------------------------ Louvain


def _modularity(H: nx.Graph, parts: list[set]) -> float:
    return nx.community.modularity(H, parts, weight="weight")


def test_louvain_known_partitions() -> None:
    two = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    assert louvain(two) == [{0, 1, 2}, {3, 4, 5}]
    cliques = nx.ring_of_cliques(4, 5)  # four 5-cliques in a ring: each its community
    assert sorted(map(sorted, louvain(cliques))) == [list(range(i, i + 5))
                                                     for i in range(0, 20, 5)]
    H = nx.Graph([("a", "b")])
    H.add_node("z")
    assert louvain(H) == [{"a", "b"}, {"z"}]  # an isolated node is a singleton
    assert louvain(nx.Graph()) == []


@pytest.mark.parametrize("index", [3, 4, 5, 6])
def test_louvain_modularity_within_tolerance_of_networkx(index: int) -> None:
    H = _graphs()[index]
    ours = louvain(H)
    assert sorted(v for c in ours for v in map(str, c)) == sorted(map(str, H))
    theirs = nx.community.louvain_communities(H, weight="weight", seed=42)
    assert _modularity(H, ours) >= _modularity(H, theirs) - MODULARITY_TOLERANCE


def test_louvain_is_deterministic_and_seeded() -> None:
    H = _weighted(nx.barabasi_albert_graph(300, 2, seed=7), 7)
    first = louvain(H)
    random.seed(99)  # the global generator is not used
    assert louvain(H) == first
    runs = {tuple(map(frozenset, louvain(H, seed=s))) for s in range(6)}
    assert len(runs) > 1  # the seed does drive igraph's node order


def test_louvain_multigraph_and_resolution() -> None:
    M = nx.MultiDiGraph([(0, 1), (1, 0), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    assert louvain(M) == louvain(undirected(M))
    H = nx.ring_of_cliques(6, 4)
    assert len(louvain(H, resolution=0.05)) < len(louvain(H)) <= len(louvain(H, resolution=5))


def test_analyses_share_one_conversion(monkeypatch: pytest.MonkeyPatch) -> None:
    from _graphs import SCHEMA, dataset

    from graph_loader.analyses import run_all
    from graph_loader.graph import build_graph

    made: list[nx.Graph] = []
    real = backend.Converted

    def counting(H: nx.Graph) -> backend.Converted:
        made.append(H)
        return real(H)

    monkeypatch.setattr(backend, "Converted", counting)
    run_all(build_graph(dataset()), SCHEMA, years=[])
    # one undirected graph (betweenness, closeness, constraint, Louvain) and one
    # influence graph (PageRank), each converted once
    assert len(made) == 2
    assert len({id(H) for H in made}) == 2
    assert {H.is_directed() for H in made} == {False, True}


def test_results_are_plain_floats() -> None:
    H = nx.karate_club_graph()
    for result in (pagerank(H), constraint(H), betweenness(H), closeness(H)):
        assert all(type(x) is float for x in result.values())
