"""Communities, co-membership and structural balance on tiny graphs with known answers."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from _graphs import SCHEMA, dataset, rel

from graph_loader.analyses.balance import balance_summary, signed_triads
from graph_loader.analyses.comembership import comembership, membership_network
from graph_loader.analyses.communities import community_of, louvain, sort_communities
from graph_loader.graph import build_graph, signed_graph
from graph_loader.model import Actor, Dataset


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    return build_graph(dataset())


# -- communities ---------------------------------------------------------------


def test_louvain_two_cliques() -> None:
    H = nx.Graph()
    nx.add_path(H, ["a", "b", "c", "a"])
    nx.add_path(H, ["x", "y", "z", "w", "x"])
    H.add_edge("w", "y")
    H.add_edge("c", "x")
    H.add_node("lonely")
    comms = louvain(H)
    assert comms == [{"w", "x", "y", "z"}, {"a", "b", "c"}, {"lonely"}]
    assert community_of(comms)["b"] == 1 and community_of(comms)["lonely"] == 2


def test_louvain_deterministic_and_weighted(G: nx.MultiDiGraph) -> None:
    first = louvain(G)
    assert all(louvain(G) == first for _ in range(3))
    assert set().union(*first) == set(G.nodes)
    assert sum(len(c) for c in first) == G.number_of_nodes()
    assert [len(c) for c in first] == sorted((len(c) for c in first), reverse=True)
    # A heavy tie keeps its ends together.
    H = nx.Graph()
    H.add_edge(1, 2, weight=10)
    H.add_edge(2, 3, weight=1)
    H.add_edge(3, 4, weight=10)
    assert louvain(H) == [{1, 2}, {3, 4}]
    assert louvain(nx.Graph()) == []


def test_sort_communities_ties_by_min_id() -> None:
    assert sort_communities([{"c"}, {"b", "z"}, {"a"}, {"y", "x"}]) == [
        {"b", "z"},
        {"x", "y"},
        {"a"},
        {"c"},
    ]


# -- co-membership ---------------------------------------------------------------


def test_membership_network(G: nx.MultiDiGraph) -> None:
    B = membership_network(G, SCHEMA)
    members = {v for v, b in B.nodes(data="bipartite") if b == 0}
    orgs = {v for v, b in B.nodes(data="bipartite") if b == 1}
    assert members == {"aze", "arm", "rus", "tur"}
    assert orgs == {"osce", "cis"}  # mg PART_OF osce is not membership
    assert nx.is_bipartite(B)
    assert B["aze"]["cis"]["relationships"] == ["r05"]


def test_comembership_projection(G: nx.MultiDiGraph) -> None:
    P = comembership(G, SCHEMA)
    got = {tuple(sorted((u, v))): (w, orgs) for u, v, w, orgs in _edges(P)}
    assert got == {
        ("arm", "aze"): (2, ["cis", "osce"]),
        ("aze", "rus"): (2, ["cis", "osce"]),
        ("arm", "rus"): (2, ["cis", "osce"]),
        ("aze", "tur"): (1, ["osce"]),
        ("arm", "tur"): (1, ["osce"]),
        ("rus", "tur"): (1, ["osce"]),
    }
    assert P.nodes["aze"]["name"] == "Azerbaijan"


def test_comembership_other_type_and_kinds(G: nx.MultiDiGraph) -> None:
    # Any relationship type and member kinds can be projected, e.g. who co-chairs.
    P = comembership(G, SCHEMA, rel_type="CO_CHAIRS", member_kinds={"State"})
    assert set(P.nodes) == {"rus"} and P.number_of_edges() == 0
    assert comembership(G, SCHEMA, rel_type="NOT_A_TYPE").number_of_nodes() == 0


def _edges(P: nx.Graph) -> list:
    return [(u, v, d["weight"], d["organizations"]) for u, v, d in P.edges(data=True)]


# -- structural balance ------------------------------------------------------------


def _signed(edges: list[tuple[str, str, int]]) -> nx.Graph:
    S = nx.Graph()
    for u, v, s in edges:
        S.add_edge(u, v, sign=s)
    return S


@pytest.mark.parametrize(
    ("signs", "balanced", "pattern"),
    [
        ((1, 1, 1), True, "+++"),
        ((1, 1, -1), False, "++-"),
        ((1, -1, -1), True, "+--"),
        ((-1, -1, -1), False, "---"),
    ],
)
def test_triangle_classes(signs: tuple[int, int, int], balanced: bool, pattern: str) -> None:
    S = _signed([("a", "b", signs[0]), ("b", "c", signs[1]), ("a", "c", signs[2])])
    t = signed_triads(S)
    assert len(t) == 1
    row = t.iloc[0]
    assert (row["a"], row["b"], row["c"]) == ("a", "b", "c")
    assert (row["sign_ab"], row["sign_bc"], row["sign_ac"]) == signs
    assert row["signs"] == pattern and bool(row["balanced"]) is balanced


def test_square_with_diagonal() -> None:
    # a-b-c-d-a square (all +) with diagonal a-c (-): triangles abc, acd both ++-.
    S = _signed([("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("d", "a", 1), ("a", "c", -1)])
    S.nodes["a"]["name"] = "Alpha"
    t = signed_triads(S)
    assert [(r.a, r.b, r.c) for r in t.itertuples()] == [("a", "b", "c"), ("a", "c", "d")]
    assert t["names"].tolist() == ["Alpha / b / c", "Alpha / c / d"]
    s = balance_summary(t)
    assert s == {
        "triangles": 2,
        "balanced": 0,
        "unbalanced": 2,
        "ratio": 0.0,
        "by_signs": {"+++": 0, "++-": 2, "+--": 0, "---": 0},
    }


def test_balance_on_dataset(G: nx.MultiDiGraph) -> None:
    # The signed ties form a square aze-arm-rus-tur without a triangle; the memberships
    # of aze and arm in the CIS and the OSCE no longer make "unbalanced" triangles.
    t = signed_triads(signed_graph(G, SCHEMA))
    s = balance_summary(t)
    assert s["triangles"] == 0 and t.empty


def test_balance_of_signed_ties_only() -> None:
    # a and b at war, both allied with c; all three members of o (not a signed tie).
    actors = {x: Actor(x, x.upper(), "State") for x in "abc"}
    actors["o"] = Actor("o", "O", "Organization")
    rels = [rel("1", "a", "IN_CONFLICT_WITH", "b"), rel("2", "a", "ALLY_OF", "c"),
            rel("3", "c", "SUPPORTS", "b"), *(rel(f"m{x}", x, "MEMBER_OF", "o") for x in "abc")]
    G = build_graph(Dataset(SCHEMA, actors=actors, relationships=rels))
    t = signed_triads(signed_graph(G, SCHEMA))
    assert t[["a", "b", "c", "signs", "balanced"]].values.tolist() == [
        ["a", "b", "c", "++-", False]]
    assert balance_summary(t)["unbalanced"] == 1


def test_balance_empty() -> None:
    s = balance_summary(signed_triads(nx.Graph([("a", "b")])))
    assert s["triangles"] == 0 and math.isnan(s["ratio"])


def test_run_all_reports_each_analysis_in_order(G: nx.MultiDiGraph) -> None:
    from graph_loader.analyses import run_all

    seen: list[str] = []
    result = run_all(G, SCHEMA, years=[1994], progress=lambda name, s: seen.append(name))
    assert seen == ["centrality", "arenas", "brokerage", "holes", "communities", "comembership",
                    "balance", "by year", "main actors"]
    assert result.main_actors and not result.centrality.empty


def test_run_all_in_a_worker_gives_what_it_gives_in_process(
    G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large graphs get betweenness, closeness, holes and Louvain from a forked worker
    (on a second CPU): every result is the one computed in process."""
    import pandas as pd

    import graph_loader.analyses as analyses
    from graph_loader.forked import second_cpu

    if not second_cpu():
        pytest.skip("one CPU: run_all never uses a worker here")
    monkeypatch.setattr(analyses, "WORKER_MIN_EDGES", 0)
    seen: list[str] = []
    forked = analyses.run_all(G, SCHEMA, years=[1994], progress=lambda n, s: seen.append(n))
    assert seen[-1] == "centrality, holes, communities, by year (worker)"
    monkeypatch.setattr(analyses, "ANALYSES_IN_WORKER", False)
    inline = analyses.run_all(G, SCHEMA, years=[1994])
    for name in analyses.Analyses.__dataclass_fields__:
        a, b = getattr(inline, name), getattr(forked, name)
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b)
        elif isinstance(a, nx.Graph):
            assert list(a.edges(data=True)) == list(b.edges(data=True)), name
        else:
            assert a == b, name
