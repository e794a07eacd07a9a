"""The report's shortcuts give what the plain code gives (graph_loader.report)."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graph_loader.report import _edge_count, _edge_data, _tensions, _top


def _frame(rng: random.Random, n: int) -> pd.DataFrame:
    names = [rng.choice(["A", "a", "B", "b", "Ä", "c", "C"]) + rng.choice(["", "x", "y"])
             for _ in range(n)]
    return pd.DataFrame(
        {
            "name": pd.array(names, dtype="string"),
            "score": [rng.choice([0.0, -0.0, 0.5, 0.25, 1.0, float("nan"), 1e-20])
                      for _ in range(n)],
            "count": [rng.randint(0, 3) for _ in range(n)],
            "big": np.array([rng.randint(0, 2) for _ in range(n)], dtype=np.uint8),
            "label": [rng.choice(["x", "y"]) for _ in range(n)],
        },
        index=pd.Index([f"id{i}" for i in range(n)], name="id"),
    )


@pytest.mark.parametrize("seed", range(30))
def test_top_is_the_head_of_the_whole_sort(seed: int) -> None:
    rng = random.Random(seed)
    df = _frame(rng, rng.randint(0, 60))
    for col in ("score", "count", "big", "label"):
        for n in (1, 3, 10, 100):
            for descending in (True, False):
                expected = df.sort_values(
                    [col, "name"], ascending=[not descending, True]).head(n)
                got = _top(df, col, n, descending=descending)
                pd.testing.assert_frame_equal(got, expected)
                assert list(got.index) == list(expected.index)


def test_edge_count_and_data_match_networkx() -> None:
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="r1", type="X")
    M.add_edge("a", "b", key="r2", type="Y")
    M.add_edge("b", "a", key="r3")
    M.add_node("lonely")
    for G in (M, nx.Graph(M), nx.MultiGraph(M), nx.DiGraph(M)):
        assert _edge_count(G) == G.number_of_edges()
        assert list(_edge_data(G)) == [d for *_, d in G.edges(data=True)]


def test_tensions_without_and_with_claims_that_list_others() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", name="A")
    G.add_node("b", name="B")
    G.add_edge("a", "b", key="r1", type="X", contradicts=[], section="1", evidence="e1")
    assert _tensions(G).tables == []
    G.add_edge("b", "a", key="r2", type="Y", contradicts=["r1"], section="2", evidence="e2")
    rows = _tensions(G).tables[0].rows
    assert rows == [["r2: B Y A", "2", "e2", "r1: A X B", "1", "e1"]]
