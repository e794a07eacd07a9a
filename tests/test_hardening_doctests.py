"""The Examples sections of the hardening modules (issue 16) run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "graph_loader.safeio",
    "graph_loader.yamlsafe",
    "graph_loader.schemastrict",
    "graph_loader.cellcheck",
    "graph_loader.neo4juri",
    "graph_loader.paramcheck",
    "graph_loader.suggest",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
