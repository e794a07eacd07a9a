"""The Examples sections of graph_loader.gcpause, .graph, .sharing, .model and .analyses
run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest
from _graphs import ROOT

MODULES = [
    "graph_loader.gcpause",
    "graph_loader.plots",
    "graph_loader.graph",
    "graph_loader.sharing",
    "graph_loader.model",
    "graph_loader.exports.flat",
    "graph_loader.shapes",
    "graph_loader.analyses",
    "graph_loader.analyses.arenas",
    "graph_loader.analyses.backend",
    "graph_loader.analyses.balance",
    "graph_loader.analyses.brokerage",
    "graph_loader.analyses.centrality",
    "graph_loader.analyses.comembership",
    "graph_loader.analyses.communities",
    "graph_loader.analyses.ego",
    "graph_loader.analyses.holes",
    "graph_loader.analyses.markov",
    "graph_loader.analyses.temporal",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples read data/schema.yaml
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
