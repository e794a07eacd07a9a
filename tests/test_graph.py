"""graph_loader.graph: build_graph and the derived graphs, on a tiny hand-built dataset."""

from __future__ import annotations

import networkx as nx
import pytest
from _graphs import SCHEMA, dataset, rel, schema

from graph_loader.graph import (
    EDGE_ATTRS,
    IMPLIED_WEIGHT,
    as_of,
    build_graph,
    directed,
    influence_graph,
    signed_graph,
    signed_ties,
    undirected,
    year_range,
)
from graph_loader.model import Actor, Dataset


@pytest.fixture()
def G() -> nx.MultiDiGraph:
    return build_graph(dataset())


def test_build_graph_nodes_and_edges(G: nx.MultiDiGraph) -> None:
    assert G.number_of_nodes() == 8
    assert G.number_of_edges() == 16
    assert G.nodes["aze"] == {
        "name": "Azerbaijan",
        "kind": "State",
        "aliases": ["Republic of Azerbaijan"],
        "iso3": "AZE",
        "description": "",
        "short_name": "",
        # its lifespan (lifespans.csv; none in this fixture)
        "start": "", "end": "", "start_year": None, "end_year": None,
    }
    e = G.edges["aze", "arm", "r11"]
    assert set(EDGE_ATTRS) <= set(e)
    assert e["type"] == "IN_CONFLICT_WITH"
    assert (e["start"], e["end"], e["start_year"], e["end_year"]) == ("1988", "2023", 1988, 2023)
    assert e["symmetric"] is True and e["polarity"] == -1
    assert not G.has_edge("arm", "aze")  # symmetric stored once, as given
    e = G.edges["rus", "osce", "r03"]
    assert (e["start"], e["end"], e["start_year"], e["end_year"]) == ("", "", None, None)
    assert e["symmetric"] is False and e["polarity"] == 1
    assert G.edges["aze", "nk", "r14"]["certainty"] == "implied"
    assert (e["cites"], e["cites_ref"]) == ("", "")
    assert G.graph["schema"].relationship_types["MEMBER_OF"].polarity == 1
    assert set(G.graph["sources"]) == {"paper"}


def test_build_graph_rejects_unknown_actor() -> None:
    ds = dataset()
    ds.relationships.append(rel("bad", "aze", "MEMBER_OF", "nowhere"))
    with pytest.raises(ValueError, match="bad: unknown actor 'nowhere'"):
        build_graph(ds)


def test_undirected_counts_relationships_per_pair() -> None:
    ds = Dataset(
        schema(),
        actors={a: Actor(a, a.upper(), "State") for a in ("a", "b", "c")},
        relationships=[
            rel("1", "a", "ALLY_OF", "b"),
            rel("2", "b", "SUPPORTS", "a"),
            rel("3", "a", "SUPPORTS", "b"),
            rel("4", "b", "SUPPORTS", "c"),
            rel("5", "c", "SUPPORTS", "c"),
        ],
    )
    H = undirected(build_graph(ds))
    assert isinstance(H, nx.Graph) and not H.is_directed() and not H.is_multigraph()
    assert H["a"]["b"]["weight"] == 3
    assert H["b"]["c"]["weight"] == 1
    assert not H.has_edge("c", "c")
    assert H.nodes["a"]["name"] == "A"


def test_undirected_of_fixture(G: nx.MultiDiGraph) -> None:
    H = undirected(G)
    assert H.number_of_nodes() == 8 and H.number_of_edges() == 16
    assert all(w == 1 for _, _, w in H.edges(data="weight"))


def test_directed_symmetric_both_ways(G: nx.MultiDiGraph) -> None:
    D = directed(G)
    assert D.has_edge("aze", "arm") and D.has_edge("arm", "aze")  # IN_CONFLICT_WITH
    assert D.has_edge("aze", "osce") and not D.has_edge("osce", "aze")
    assert D.number_of_edges() == 16 + 4  # four symmetric relationships


def test_influence_graph_follows_schema(G: nx.MultiDiGraph) -> None:
    D = influence_graph(G, SCHEMA)
    assert set(D.nodes) == set(G.nodes)
    expected = {
        ("aze", "osce"): 1.0,
        ("arm", "osce"): 1.0,
        ("rus", "osce"): 1.0,
        ("tur", "osce"): 1.0,
        ("aze", "cis"): 1.0,
        ("arm", "cis"): 1.0,
        ("rus", "cis"): 1.0,
        ("mg", "osce"): 1.0,  # PART_OF: toward target
        ("mg", "rus"): 2.0,  # CO_CHAIRS: toward source
        ("mg", "tur"): 2.0,  # CHAIRS: toward source
        ("tur", "aze"): 1.5,  # ALLY_OF: both
        ("aze", "tur"): 1.5,
        ("rus", "arm"): 1.5,
        ("arm", "rus"): 1.5,
        ("nk", "arm"): 0.5,  # CONTROLS: toward source
    }
    assert {(u, v): w for u, v, w in D.edges(data="weight")} == expected
    # IN_CONFLICT_WITH, CLAIMS, COMPETES_WITH have toward: none


def test_influence_graph_sums_parallel_and_downweights_implied() -> None:
    ds = Dataset(
        schema(),
        actors={"s": Actor("s", "S", "State"), "o": Actor("o", "O", "Organization")},
        relationships=[
            rel("1", "s", "MEMBER_OF", "o"),
            rel("2", "s", "SUPPORTS", "o", certainty="implied"),
            rel("3", "s", "FAVOURS_FORUM", "o"),
        ],
    )
    D = influence_graph(build_graph(ds), ds.schema)
    assert D["s"]["o"]["weight"] == pytest.approx(1.0 + 1.0 * IMPLIED_WEIGHT + 0.5)
    assert D.number_of_edges() == 1
    D1 = influence_graph(build_graph(ds), ds.schema, implied_weight=1.0)
    assert D1["s"]["o"]["weight"] == 2.5


def test_signed_graph(G: nx.MultiDiGraph) -> None:
    S = signed_graph(G, SCHEMA)
    # Only the signed ties between agents: r11 (conflict), r12, r13 (allies), r16 (rivals).
    assert sorted(tuple(sorted(e)) for e in S.edges()) == [
        ("arm", "aze"), ("arm", "rus"), ("aze", "tur"), ("rus", "tur")]
    assert S["aze"]["arm"]["sign"] == -1
    assert S["rus"]["tur"]["sign"] == -1
    assert S["rus"]["arm"]["sign"] == 1
    assert not S.has_edge("aze", "osce")  # MEMBER_OF is +1 but not a signed tie
    assert not S.has_edge("mg", "osce")  # PART_OF is neutral
    assert not S.has_edge("aze", "nk")  # CLAIMS is neutral
    assert S["aze"]["arm"]["relationships"] == ["r11"]
    assert S["aze"]["arm"]["conflicting"] is False


def test_signed_graph_conflicting_pair() -> None:
    actors = {a: Actor(a, a, "State") for a in ("a", "b", "c")}
    ds = Dataset(
        schema(),
        actors=actors,
        relationships=[
            rel("1", "a", "ALLY_OF", "b"),
            rel("2", "a", "SUPPORTS", "b"),
            rel("3", "b", "PRESSURES", "a"),
            rel("4", "a", "ALLY_OF", "c"),
            rel("5", "c", "CONDEMNS", "a"),
        ],
    )
    S = signed_graph(build_graph(ds), ds.schema)
    ab = S["a"]["b"]
    assert (ab["sign"], ab["positive"], ab["negative"], ab["conflicting"]) == (1, 2, 1, True)
    assert ab["types"] == ["ALLY_OF", "PRESSURES", "SUPPORTS"]
    assert ab["relationships"] == ["1", "2", "3"]
    ac = S["a"]["c"]
    assert (ac["sign"], ac["conflicting"]) == (-1, True)  # tie resolves to -1


def test_signed_ties_are_declared_types_between_agents() -> None:
    # A signed type counts only between two agents; a +1 membership never counts.
    actors = {
        "a": Actor("a", "A", "State"), "b": Actor("b", "B", "State"),
        "o": Actor("o", "O", "Organization"), "w": Actor("w", "W", "Conflict"),
        "p": Actor("p", "P", "Process"), "d": Actor("d", "D", "Document"),
    }
    ds = Dataset(
        schema(),
        actors=actors,
        relationships=[
            rel("1", "a", "MEMBER_OF", "o"),        # +1, not signed
            rel("2", "b", "MEMBER_OF", "o"),
            rel("3", "o", "CONDEMNS", "w"),         # signed, but the target is no agent
            rel("4", "d", "CONDEMNS", "a"),         # signed, but the source is no agent
            rel("5", "o", "SUPPORTS", "p"),         # signed, but the target is no agent
            rel("6", "o", "CONDEMNS", "b"),         # a signed tie: -1
            rel("7", "a", "SEEKS_TO_EXCLUDE", "b"),  # -1
            rel("8", "a", "BALANCES_BETWEEN", "o"),  # neutral stance, not signed
            rel("9", "o", "PROVIDES_AID", "a"),     # +1
        ],
    )
    G = build_graph(ds)
    S = signed_graph(G, ds.schema)
    signs = {tuple(sorted((u, v))): s for u, v, s in S.edges(data="sign")}
    assert signs == {("b", "o"): -1, ("a", "b"): -1, ("a", "o"): 1}
    T = signed_ties(G, ds.schema)
    assert sorted(k for _, _, k in T.edges(keys=True)) == ["6", "7", "9"]
    assert set(T) == {"a", "b", "o"}


def test_year_range(G: nx.MultiDiGraph) -> None:
    assert year_range(G) == (1988, 2023)
    with pytest.raises(ValueError, match="no relationship"):
        year_range(nx.MultiDiGraph([("a", "b")]))


def test_as_of(G: nx.MultiDiGraph) -> None:
    H = as_of(G, 1990)
    assert sorted(k for _, _, k in H.edges(keys=True)) == ["r03", "r04", "r11", "r13", "r14"]
    assert sorted(H.nodes) == ["arm", "aze", "nk", "osce", "rus", "tur"]  # cis, mg untouched
    assert H.nodes["aze"]["name"] == "Azerbaijan"
    assert H.graph["schema"] is G.graph["schema"] and H.graph["year"] == 1990
    # r10 is 1992-1992 inclusive; r15 ends 2020 inclusive
    assert H.number_of_edges() == 5
    assert as_of(G, 1992).has_edge("tur", "mg", "r10")
    assert not as_of(G, 1993).has_edge("tur", "mg", "r10")
    assert as_of(G, 2020).has_edge("arm", "nk", "r15")
    assert not as_of(G, 2021).has_edge("arm", "nk", "r15")
    assert as_of(G, 2023).number_of_edges() == 14  # all but r10, r15
    assert G.number_of_edges() == 16  # input untouched


@pytest.mark.parametrize("year", [1987, 2025])
def test_as_of_out_of_range(G: nx.MultiDiGraph, year: int) -> None:
    # from the data's first year to the paper's last (2024), even past the data's last (2023)
    with pytest.raises(ValueError, match=rf"year {year} is outside the data's range 1988-2024"):
        as_of(G, year)
    assert as_of(G, 2024).number_of_edges() == 13  # r11 ended in 2023


def test_induced_subgraph_keeps_a_hubs_neighbour_order() -> None:
    """A multigraph hub with more than twice as many neighbours as the subset has nodes:
    networkx's multigraph subgraph view lists them in set order (it changed with the
    hash seed); the copy lists them as the hub's own adjacency does."""
    from graph_loader.graph import induced_subgraph

    G = nx.MultiDiGraph()
    leaves = [f"leaf-{i:02d}" for i in range(60)]
    G.add_edges_from(("hub", leaf) for leaf in leaves)
    keep = {"hub", *leaves[::6]}  # 11 nodes, the hub has 60 neighbours
    H = induced_subgraph(G, keep)
    assert list(H) == ["hub", *leaves[::6]]
    assert [v for _, v in H.edges("hub")] == leaves[::6]
