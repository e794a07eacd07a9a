"""Agents in the rankings, arenas and instruments in their own table: tiny known graphs."""

from __future__ import annotations

import networkx as nx
import pandas as pd
from _graphs import SCHEMA, rel

from graph_loader.analyses import run_all
from graph_loader.analyses.arenas import ARENA_COLUMNS, agents_only, arenas_table, rank_agents
from graph_loader.analyses.centrality import centrality_table
from graph_loader.graph import build_graph
from graph_loader.model import Actor, Dataset


def _process_hub() -> nx.MultiDiGraph:
    """Four states take part in one process (which would top PageRank) and one is at war."""
    actors = {s: Actor(s, s.upper(), "State") for s in ("a", "b", "c", "d")}
    actors["p"] = Actor("p", "Peace process", "Process")
    actors["w"] = Actor("w", "War", "Conflict")
    actors["o"] = Actor("o", "Org", "Organization")
    actors["r"] = Actor("r", "Resolution", "Document")
    rels = [
        *(rel(f"pp{s}", s, "PARTICIPATES_IN", "p") for s in "abcd"),
        rel("m1", "o", "MEDIATES", "p"),
        rel("w1", "a", "PARTY_TO", "w"),
        rel("w2", "b", "PARTY_TO", "w"),
        rel("w3", "o", "MEDIATES", "w"),
        rel("d1", "o", "ADOPTED", "r"),
        rel("d2", "r", "ADDRESSES", "w"),  # between two arenas: not an agent's engagement
        rel("c1", "a", "IN_CONFLICT_WITH", "b"),
    ]
    return build_graph(Dataset(SCHEMA, actors=actors, relationships=rels))


def test_rankings_list_agents_only() -> None:
    G = _process_hub()
    t = centrality_table(G, SCHEMA)
    assert t["degree"].idxmax() == "p"  # the process has the highest degree of all nodes ...
    assert t.loc[["p", "w", "r"], "agent"].tolist() == [False, False, False]
    for col in ("pagerank", "betweenness", "closeness", "degree"):
        ranked = rank_agents(t, SCHEMA, col)
        assert set(ranked.index) == {"a", "b", "c", "d", "o"}, col  # ... but is not ranked
        assert ranked[col].is_monotonic_decreasing
    assert rank_agents(t, SCHEMA, "degree", n=2).index.tolist() == ["a", "b"]  # A, B: 3 each
    assert run_all(G, SCHEMA, years=[]).main_actors[0] in {"a", "b", "o"}


def test_agents_only_reads_kind_or_group() -> None:
    t = pd.DataFrame({"group": ["Territory", "Body", "Unknown"]}, index=["t", "b", "u"])
    assert agents_only(t, SCHEMA).index.tolist() == ["b", "u"]  # unknown kinds count as agents


def test_arenas_table_known_answers() -> None:
    G = _process_hub()
    pr = centrality_table(G, SCHEMA)["pagerank"].to_dict()
    t = arenas_table(G, SCHEMA, pr)
    assert list(t.columns) == ARENA_COLUMNS
    assert t.index.tolist() == ["p", "w", "r"]  # by agents engaging them: 5, 3, 1
    # grouped by the schema's relationship families (participation, mediation)
    assert t.loc["p"].drop(["name", "kind", "pagerank"]).tolist() == [
        5, 5, 5, "participation 4, mediation 1"]
    assert t.loc["w"].drop(["name", "kind", "pagerank"]).tolist() == [
        3, 3, 3, "conflict 2, mediation 1"]
    assert t.loc["r", ["agents", "relationships", "degree_in"]].tolist() == [1, 1, 1]
    assert t.loc["p", "pagerank"] == pr["p"]
    assert not set(t.index) & {"a", "b", "c", "d", "o"}


def test_arenas_in_run_all() -> None:
    a = run_all(_process_hub(), SCHEMA, years=[])
    assert a.arenas.index.tolist() == ["p", "w", "r"]
    assert set(a.centrality.index) == set(a.arenas.index) | {"a", "b", "c", "d", "o"}


def test_top_actor_by_year_is_an_agent() -> None:
    actors = {"a": Actor("a", "A", "State"), "b": Actor("b", "B", "State"),
              "p": Actor("p", "P", "Process")}
    rels = [rel("1", "a", "PARTICIPATES_IN", "p", "1992"), rel("2", "b", "PARTICIPATES_IN", "p")]
    G = build_graph(Dataset(SCHEMA, actors=actors, relationships=rels))
    assert centrality_table(G, SCHEMA).index[0] == "p"  # the process has the most PageRank
    by_year = measure_years(G)
    assert by_year.loc[1991, "top_actor"] == "b"  # only b is active in 1991
    assert by_year.loc[1995, "top_actor"] == "a"  # a and b tie; the id breaks it


def measure_years(G: nx.MultiDiGraph) -> pd.DataFrame:
    from graph_loader.analyses.temporal import measures_by_year

    return measures_by_year(G, SCHEMA, [1991, 1995])
