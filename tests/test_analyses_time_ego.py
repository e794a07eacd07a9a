"""Per-year measures, chairs, ego networks, main actors and run_all."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from _graphs import SCHEMA, dataset, rel, schema

from graph_loader.analyses import Analyses, run_all
from graph_loader.analyses.ego import ego_network, main_actors
from graph_loader.analyses.temporal import (
    MEASURE_COLUMNS,
    chairs_as_of,
    measures_by_year,
    pagerank_arrays,
)
from graph_loader.graph import (
    _active_subgraph,
    build_graph,
    influence_graph,
    undirected,
)
from graph_loader.model import Actor, Dataset


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    return build_graph(dataset())


def test_measures_1990_by_hand(G: nx.MultiDiGraph) -> None:
    m = measures_by_year(G, SCHEMA, years=[1990])
    row = m.loc[1990]
    # Active: r03 rus-osce, r04 tur-osce, r11 aze-arm, r13 rus-arm, r14 aze-nk.
    assert (row["nodes"], row["edges"], row["ties"], row["components"]) == (6, 5, 5, 1)
    assert row["density"] == pytest.approx(5 / 15)
    assert list(m.columns) == MEASURE_COLUMNS


def test_measures_match_networkx_per_year(G: nx.MultiDiGraph) -> None:
    m = measures_by_year(G, SCHEMA, years=range(1980, 2030))
    assert m.index.tolist() == list(range(1980, 2030))  # undated relationships: every year
    for year, row in m.iterrows():
        H = _active_subgraph(G, year)
        U = undirected(H)
        pr = nx.pagerank(influence_graph(H, SCHEMA), weight="weight")
        best = max(pr.values())
        assert row["nodes"] == H.number_of_nodes()
        assert row["edges"] == H.number_of_edges()
        assert row["ties"] == U.number_of_edges()
        assert row["density"] == pytest.approx(nx.density(U))
        assert row["components"] == nx.number_connected_components(U)
        assert row["top_pagerank"] == pytest.approx(best)
        assert row["top_actor"] == min((v for v in pr if pr[v] > best - 1e-9), key=str)
        assert row["top_name"] == G.nodes[row["top_actor"]]["name"]


def test_measures_skip_years_without_edges() -> None:
    ds = Dataset(
        schema(),
        actors={a: Actor(a, a.upper(), "State") for a in ("a", "b", "c")},
        relationships=[
            rel("1", "a", "ALLY_OF", "b", "1991", "1992"),
            rel("2", "b", "ALLY_OF", "c", "1995"),
        ],
    )
    G = build_graph(ds)
    m = measures_by_year(G, SCHEMA, years=range(1985, 1998))
    assert m.index.tolist() == [1991, 1992, 1995, 1996, 1997]
    assert m.loc[1991, "nodes"] == 2 and m.loc[1991, "density"] == 1.0
    assert m.loc[1991, "top_actor"] == "a"  # tie broken by id
    empty = measures_by_year(G, SCHEMA, years=[1900])
    assert empty.empty and list(empty.columns) == MEASURE_COLUMNS


def test_pagerank_arrays_matches_networkx() -> None:
    D = nx.gnp_random_graph(30, 0.1, seed=5, directed=True)
    rng = np.random.default_rng(0)
    for u, v in D.edges():
        D[u][v]["weight"] = float(rng.integers(1, 5))
    edges = list(D.edges(data="weight"))
    pr = pagerank_arrays(
        30,
        np.array([u for u, _, _ in edges]),
        np.array([v for _, v, _ in edges]),
        np.array([w for _, _, w in edges]),
    )
    ref = nx.pagerank(D, weight="weight")
    assert pr.tolist() == pytest.approx([ref[i] for i in range(30)], abs=1e-12)


def test_chairs_as_of(G: nx.MultiDiGraph) -> None:
    assert chairs_as_of(G, "mg", 1992) == ["tur"]
    assert chairs_as_of(G, "mg", 1995) == []
    assert chairs_as_of(G, "mg", 2010) == ["rus"]
    assert chairs_as_of(G, "mg", 2010, rel_types={"CHAIRS"}) == []
    with pytest.raises(KeyError):
        chairs_as_of(G, "nowhere", 2000)


def test_ego_network(G: nx.MultiDiGraph) -> None:
    E = ego_network(G, "nk")
    assert sorted(E.nodes) == ["arm", "aze", "nk"]
    assert sorted(k for _, _, k in E.edges(keys=True)) == ["r11", "r14", "r15"]
    assert E.graph["ego"] == "nk" and E.graph["schema"] is G.graph["schema"]
    assert E.nodes["nk"]["name"] == "Nagorno-Karabakh"
    E2 = ego_network(G, "nk", radius=2)
    assert sorted(E2.nodes) == ["arm", "aze", "cis", "nk", "osce", "rus", "tur"]
    with pytest.raises(KeyError):
        ego_network(G, "nowhere")


def test_main_actors(G: nx.MultiDiGraph) -> None:
    schema = G.graph["schema"]
    agents = [v for v in G if schema.kinds[G.nodes[v]["kind"]].agent]
    assert len(agents) < len(G)  # the fixture has non-agents (a conflict, an agreement)
    pr = nx.pagerank(influence_graph(G, SCHEMA), weight="weight")
    expected = sorted(agents, key=lambda v: (-G.degree(v), -round(pr[v], 12), v))
    assert main_actors(G, SCHEMA, n=3) == expected[:3]
    assert main_actors(G, SCHEMA, n=len(G)) == expected  # non-agents never appear


def test_main_actors_ties_by_pagerank() -> None:
    G = nx.MultiDiGraph()
    G.add_edges_from([("a", "hub"), ("b", "hub"), ("c", "d")])
    # a, b, c and d all have degree 1: the given PageRank breaks the tie, then the id.
    assert main_actors(G, SCHEMA, n=4, pr={"d": 0.5, "b": 0.3, "a": 0.3, "c": 0.1}) == [
        "hub", "d", "a", "b",
    ]


def test_run_all(G: nx.MultiDiGraph) -> None:
    res = run_all(G, SCHEMA)
    assert isinstance(res, Analyses)
    assert set(res.centrality.index) == set(G.nodes)
    assert set(res.brokerage.index) == set(G.nodes)
    assert set(res.holes.index) == set(G.nodes)
    assert set(res.community_of) == set(G.nodes)
    assert res.communities == sorted(res.communities, key=lambda c: -len(c))
    assert res.comembership.number_of_edges() == 6
    # The signed ties (r11 r12 r13 r16) form a square, no triangle.
    assert res.balance["triangles"] == 0 and len(res.triads) == 0
    assert res.arenas.index.tolist() == ["nk"]  # the one non-agent node
    assert res.by_year.index.tolist() == list(range(1988, 2025))
    assert res.main_actors == main_actors(G, SCHEMA, 8)


def test_main_actors_degrees_are_the_multigraph_degrees() -> None:
    """The degrees main_actors ranks by, read from the shared relationship columns,
    are ``G.degree`` of the multigraph: parallel relationships, self-loops (twice) and
    isolated actors included."""
    import random

    from graph_loader.analyses.ego import _degrees

    rng = random.Random(7)
    G = nx.MultiDiGraph()
    for _ in range(2000):
        G.add_edge(rng.randrange(150), rng.randrange(150))
    G.add_edge("loop", "loop")
    G.add_node("alone")
    assert _degrees(G) == dict(G.degree())
    assert _degrees(G)["loop"] == 2 and _degrees(G)["alone"] == 0
