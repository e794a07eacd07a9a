"""build_graph fills networkx's adjacency dicts itself: the graph must be the one
networkx's own add_node/add_edge build, to the order of every dict."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from conftest import hostile_data

from graph_loader.graph import build_graph
from graph_loader.model import Dataset, Distinct, Projection, Relationship, fields
from graph_loader.validation import load_dataset, validate

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:  # benchmarks/ is a top-level package of the checkout
    sys.path.insert(0, _ROOT)

from benchmarks.generate import generate  # noqa: E402


def through_networkx(ds: Dataset) -> nx.MultiDiGraph:
    """The graph as build_graph made it before: one add_edge per relationship."""
    schema = ds.schema
    G = nx.MultiDiGraph(schema=schema, sources=dict(ds.sources))
    node_attrs = Projection(schema, (f for f in fields(schema, "actor") if f.role != "key"))
    edge_attrs = Projection(schema, (f for f in fields(schema, "relationship") if f.role != "end"))
    for a in ds.actors.values():
        G.add_node(a.id, **node_attrs(a))
    for r in ds.relationships:
        G.add_edge(r.source, r.target, key=r.id, **edge_attrs(r))
    return G


def layout(G: nx.MultiDiGraph) -> list:
    """Everything in the graph, in its dicts' order, with the values' types."""
    def typed(d: dict) -> list:
        return [(k, type(v), v) for k, v in d.items()]

    return [
        G.graph,
        [(n, typed(d)) for n, d in G._node.items()],
        *([(u, [(v, [(k, typed(d)) for k, d in keys.items()]) for v, keys in nbrs.items()])
           for u, nbrs in adj.items()] for adj in (G._succ, G._pred)),
    ]


def columnar(ds: Dataset, distinct: tuple[str, ...] = ()) -> Dataset:
    """The dataset as the fast CSV path gives it: its relationships as columns, and the
    columns named in ``distinct`` as their distinct values and codes too."""
    rels = ds.relationships
    columns = {f.name: [getattr(r, f.name) for r in rels] for f in dataclasses.fields(Relationship)}
    return Dataset.from_columns(ds.schema, ds.actors, columns, ds.sources,
                                {name: as_distinct(columns[name]) for name in distinct})


def as_distinct(column: list) -> Distinct:
    values = list(dict.fromkeys(column))
    place = {v: i for i, v in enumerate(values)}
    return Distinct(values, np.array([place[v] for v in column], dtype=np.int64))


def check_same(ds: Dataset) -> nx.MultiDiGraph:
    """build_graph's graph is add_edge's, from the records and from the columns."""
    G, H = build_graph(ds), through_networkx(ds)
    assert layout(G) == layout(H)
    assert all(G._succ[u][v] is G._pred[v][u] for u in G._succ for v in G._succ[u])
    assert G.number_of_edges() == len({(r.source, r.target, r.id) for r in ds.relationships})
    lazy = columnar(ds)
    C = build_graph(lazy)
    assert lazy.relationship_columns() is not None  # built without making the records
    assert layout(C) == layout(H)
    assert all(C._succ[u][v] is C._pred[v][u] for u in C._succ for v in C._succ[u])
    assert lazy.relationships == ds.relationships and lazy.relationship_columns() is None
    return G


@pytest.mark.parametrize("omit_none", [False, True])
def test_fields_worked_out_per_distinct_value(dataset: Dataset, omit_none: bool) -> None:
    # Dates, years, cites_ref and the type's properties come from the distinct values
    # (Projection.over_columns): the same dicts, to the types and order of the values.
    names = ("type", "start", "end", "cites", "section")
    lazy = columnar(dataset, names)
    cols = lazy.relationship_columns()
    assert cols is not None
    schema = dataset.schema
    project = Projection(schema, fields(schema, "relationship"), omit_none=omit_none)
    given = project._given(lazy.__dict__["_distinct"])
    assert {"start", "start_year", "end", "end_year", "cites_ref", "polarity"} <= set(given)

    def typed(d: dict) -> list:
        return [(k, type(v), v) for k, v in d.items()]

    rows = [typed(d) for d in project.over_columns(cols, lazy.__dict__["_distinct"])]
    assert rows == [typed(project(r)) for r in dataset.relationships]
    assert layout(build_graph(lazy)) == layout(through_networkx(dataset))


def test_shipped_data(dataset: Dataset) -> None:
    check_same(dataset)


def test_hostile_data(tmp_path: Path) -> None:
    check_same(load_dataset(hostile_data(tmp_path / "h")))


def test_generated_data(tmp_path: Path) -> None:
    check_same(load_dataset(generate(tmp_path / "S", 1_000, 5_000, seed=3)))


def test_the_fast_paths_dataset_builds_the_graph_from_its_columns(tmp_path: Path) -> None:
    data = generate(tmp_path / "S", 1_000, 5_000, seed=3)
    ds, issues = validate(data, fast=True)
    assert ds is not None and not issues
    columns = ds.relationship_columns()
    assert columns is not None and ds.relationship_count == 5_000
    G = build_graph(ds)
    assert ds.relationship_columns() is columns  # no record made
    H = through_networkx(validate(data, fast=False)[0])
    assert layout(G) == layout(H)
    assert ds.relationship_count == len(ds.relationships) == 5_000
    assert ds.relationship_columns() is None  # made once read, then the columns dropped


def test_a_columnar_dataset_pickles_and_compares_as_its_records(dataset: Dataset) -> None:
    import pickle

    lazy = columnar(dataset)
    again = pickle.loads(pickle.dumps(lazy))
    assert again.relationship_columns() is not None
    assert again == dataset and dataclasses.replace(lazy) == dataset
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        lazy.nothing  # noqa: B018


def test_columns_must_be_the_records_fields(dataset: Dataset) -> None:
    cols = dict(columnar(dataset).relationship_columns() or {})
    with pytest.raises(ValueError, match="not Relationship's fields"):
        Dataset.from_columns(dataset.schema, dataset.actors, dict(reversed(cols.items())),
                             dataset.sources)
    edge = Projection(dataset.schema, fields(dataset.schema, "relationship"))
    del cols["type"]
    with pytest.raises(ValueError, match="no column for the record's type"):
        edge.over_columns(cols)


def test_multi_edges_self_loops_and_a_repeated_id(dataset: Dataset) -> None:
    r = dataset.relationships[0]
    again = dataclasses.replace(r, id=r.id + "-again")
    loop = dataclasses.replace(r, id="loop", target=r.source)
    twice = dataclasses.replace(r, note="the same id again")  # add_edge updates the first
    ds = dataclasses.replace(dataset, relationships=[*dataset.relationships, again, loop, twice])
    G = check_same(ds)
    assert G.edges[r.source, r.target, r.id]["note"] == "the same id again"
    assert G.number_of_edges(r.source, r.source) >= 1


def test_an_actor_id_twice(dataset: Dataset) -> None:
    """Two entries of ``actors`` with one id (a dataset built by hand): as add_node, the
    node is where the first put it, with the last one's attributes."""
    a = next(iter(dataset.actors.values()))
    twin = dataclasses.replace(a, name="Another name")
    G = check_same(dataclasses.replace(dataset, actors={**dataset.actors, "twin": twin}))
    assert G.nodes[a.id]["name"] == "Another name" and next(iter(G)) == a.id
    assert G.number_of_nodes() == len(dataset.actors)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": "nowhere"}, "relationship {id}: unknown actor 'nowhere'"),
        ({"target": "nowhere"}, "relationship {id}: unknown actor 'nowhere'"),
        ({"type": "PRAISES"}, "relationship {id}: unknown type 'PRAISES'"),
    ],
)
def test_the_first_relationship_it_cannot_add(
    dataset: Dataset, change: dict[str, str], message: str
) -> None:
    rels = list(dataset.relationships)
    rels[3] = dataclasses.replace(rels[3], **change)
    rels[7] = dataclasses.replace(rels[7], source="elsewhere", type="PRAISES")  # later
    for ds in (dataclasses.replace(dataset, relationships=rels),
               columnar(dataclasses.replace(dataset, relationships=rels))):
        with pytest.raises(ValueError, match=f"^{message.format(id=rels[3].id)}$"):
            build_graph(ds)


def test_threads_reading_a_columnar_datasets_relationships_get_one_list(tmp_path: Path) -> None:
    """The records are made once, whichever thread reads them first; none of the others
    finds the attribute missing meanwhile (before the lock, some did)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    ds = load_dataset(generate(tmp_path / "S", 1_000, 20_000, seed=3))
    for _ in range(5):
        lazy, start = columnar(ds), threading.Barrier(4)

        def read(lazy: Dataset = lazy, start: threading.Barrier = start) -> list:
            start.wait()
            return lazy.relationships

        with ThreadPoolExecutor(4) as pool:
            got = [f.result() for f in [pool.submit(read) for _ in range(4)]]
        assert all(g is got[0] for g in got) and got[0] == ds.relationships
