"""The PNG plots' data selection (graph_loader.plots): what is drawn stays readable at scale."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from conftest import DATA_DIR

from graph_loader.graph import build_graph, signed_graph
from graph_loader.plots import SIGNED_MAX_NODES, signed_subgraph
from graph_loader.schema import load_schema
from graph_loader.validation import load_dataset
from graph_loader.views import influence_scores

SCHEMA = load_schema(DATA_DIR / "schema.yaml")


def test_signed_subgraph_draws_the_whole_paper_network() -> None:
    G = build_graph(load_dataset(DATA_DIR))
    full = signed_graph(G, SCHEMA)
    with_ties = {n for n in full if full.degree(n) > 0}
    S, total = signed_subgraph(G, SCHEMA, influence_scores(G, SCHEMA))
    assert total == len(with_ties) <= SIGNED_MAX_NODES
    assert set(S) == with_ties and S.number_of_edges() == full.number_of_edges()


def test_signed_subgraph_keeps_the_most_influential() -> None:
    G = build_graph(load_dataset(DATA_DIR))
    scores = influence_scores(G, SCHEMA)
    S, total = signed_subgraph(G, SCHEMA, scores, max_nodes=10)
    full = signed_graph(G, SCHEMA)
    ranked = sorted((n for n in full if full.degree(n) > 0),
                    key=lambda n: (-scores.get(n, 0.0), -full.degree(n), str(n)))
    assert total == len(ranked) > 10
    assert set(S) <= set(ranked[:10]) and S.number_of_nodes() > 0
    # the ties among the kept actors, with their signs, and no isolated actor
    assert all(full.edges[u, v]["sign"] == s for u, v, s in S.edges(data="sign"))
    assert nx.number_of_isolates(S) == 0
    assert S.number_of_edges() == full.subgraph(S.nodes).number_of_edges()


def test_signed_plot_labels_every_actor_it_draws() -> None:
    from graph_loader.plots import signed_labels

    G = build_graph(load_dataset(DATA_DIR))
    scores = influence_scores(G, SCHEMA)
    S, _ = signed_subgraph(G, SCHEMA, scores)
    labels = signed_labels(S, scores)
    assert set(labels) == set(S) and all(labels.values())
    # only agents are drawn, and only the declared signed types
    assert all(SCHEMA.is_agent(S.nodes[n]["kind"]) for n in S)
    assert {t for *_, ts in S.edges(data="types") for t in ts} <= set(SCHEMA.signed_types())


@pytest.mark.parametrize("name", ["graph_loader.plots", "graph_loader.plotdraw"])
def test_examples(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest
    import importlib

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)  # data/schema.yaml
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
