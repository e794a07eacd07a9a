"""Brokerage roles: hand-computed cases and an exact comparison with R's sna::brokerage."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from _graphs import SCHEMA, dataset

from graph_loader.analyses.brokerage import COLUMNS, brokerage, brokerage_counts, brokerage_table
from graph_loader.graph import build_graph

R_SCRIPT = Path(__file__).parent / "r" / "brokerage.R"


def _roles(D: nx.DiGraph, groups: dict, node: str) -> dict:
    row = brokerage_counts(D, groups).loc[node]
    return {c: int(row[c]) for c in COLUMNS if row[c]}


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ({"a": 1, "b": 1, "c": 1}, "w_I"),  # coordinator
        ({"a": 1, "b": 2, "c": 1}, "w_O"),  # itinerant
        ({"a": 1, "b": 1, "c": 2}, "b_IO"),  # representative
        ({"a": 1, "b": 2, "c": 2}, "b_OI"),  # gatekeeper
        ({"a": 1, "b": 2, "c": 3}, "b_O"),  # liaison
    ],
)
def test_each_role_on_a_two_path(groups: dict, role: str) -> None:
    D = nx.DiGraph([("a", "b"), ("b", "c")])
    assert _roles(D, groups, "b") == {role: 1, "t": 1}
    assert _roles(D, groups, "a") == {} and _roles(D, groups, "c") == {}


def test_closure_is_directed() -> None:
    groups = {"a": 1, "b": 1, "c": 2, "d": 2}
    D = nx.DiGraph([("a", "b"), ("c", "b"), ("b", "d")])
    assert _roles(D, groups, "b") == {"b_IO": 1, "w_O": 1, "t": 2}
    D.add_edge("d", "a")  # k -> i does not close a -> b -> d
    assert _roles(D, groups, "b") == {"b_IO": 1, "w_O": 1, "t": 2}
    D.add_edge("a", "d")  # i -> k does
    assert _roles(D, groups, "b") == {"w_O": 1, "t": 1}


def test_reciprocal_arcs_and_self_loops_are_not_paths() -> None:
    D = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "b")])
    assert _roles(D, {"a": 1, "b": 2}, "b") == {}


def test_null_model_on_a_two_path() -> None:
    # N = 3, m = 2, d = 1/3; groups x = {a, c}, y = {b}.
    D = nx.DiGraph([("a", "b"), ("b", "c")])
    b = brokerage(D, {"a": "x", "b": "y", "c": "x"})
    p = (1 / 3) ** 2 * (2 / 3)
    assert b.density == pytest.approx(1 / 3)
    assert b.sizes == {"x": 2, "y": 1}
    # b's group has n = 1: itinerant pairs = n_x (n_x - 1) = 2, total pairs (N-1)(N-2) = 2.
    assert b.expected.loc["b", "w_O"] == pytest.approx(2 * p)
    assert b.expected.loc["b", "t"] == pytest.approx(2 * p)
    assert b.expected.loc["b", "w_I"] == 0
    sd = np.sqrt(2 * p * (1 - p))  # no three-paths in a group of 2
    assert b.sd.loc["b", "w_O"] == pytest.approx(sd)
    assert b.z.loc["b", "w_O"] == pytest.approx((1 - 2 * p) / sd)
    assert np.isnan(b.z.loc["b", "w_I"])  # 0 / 0, as in R


def test_brokerage_requires_groups() -> None:
    with pytest.raises(ValueError, match="no group"):
        brokerage(nx.DiGraph([("a", "b")]), {"a": 1})


def test_brokerage_table_on_dataset() -> None:
    G = build_graph(dataset())
    t = brokerage_table(G, SCHEMA)
    assert list(t.columns[:8]) == [
        "name",
        "group",
        "coordinator",
        "itinerant",
        "representative",
        "gatekeeper",
        "liaison",
        "total",
    ]
    assert set(t.index) == set(G.nodes)
    # Minsk Group only sends influence arcs (to osce, rus, tur): it brokers nothing.
    assert t.loc["mg", "total"] == 0
    # Through aze: tur -> aze -> osce is closed (tur -> osce); tur -> aze -> cis is open,
    # State -> State -> Organization: one representative role.
    assert t.loc["aze"][["coordinator", "representative", "total"]].tolist() == [0, 1, 1]
    assert (t["total"].diff().dropna() <= 0).all()


def _reference(D: nx.DiGraph, groups: dict, tmp: Path) -> dict[str, np.ndarray]:
    nodes = list(D.nodes)
    A = nx.to_numpy_array(D, nodelist=nodes, weight=None, dtype=int)
    np.savetxt(tmp / "adj.csv", A, fmt="%d", delimiter=",")
    (tmp / "cl.txt").write_text("".join(f"{groups[v]}\n" for v in nodes))
    subprocess.run(
        ["Rscript", str(R_SCRIPT), str(tmp / "adj.csv"), str(tmp / "cl.txt"), str(tmp / "o.txt")],
        check=True,
        capture_output=True,
    )
    shapes = {"nli": (len(nodes), 6), "gli": (1, 6)}
    out: dict[str, np.ndarray] = {}
    for line in (tmp / "o.txt").read_text().splitlines():
        name, i, j, value = line.split()
        arr = out.setdefault(name, np.zeros(shapes[name[-3:]]))
        arr[int(i), int(j)] = float(value)
    return out


def _need_sna() -> None:
    reason = ""
    if shutil.which("Rscript") is None:
        reason = "Rscript not found"
    else:
        r = subprocess.run(
            ["Rscript", "-e", "suppressPackageStartupMessages(library(sna))"],
            capture_output=True,
        )
        if r.returncode != 0:
            reason = "R package sna not installed"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        else:
            pytest.skip(reason)


def _cases() -> list[tuple[nx.DiGraph, dict]]:
    cases = []
    rng = np.random.default_rng(2024)
    for seed, (n, p, k) in enumerate(
        [(6, 0.4, 2), (9, 0.3, 3), (12, 0.25, 4), (15, 0.2, 3), (10, 0.5, 2), (8, 0.35, 5)]
    ):
        D = nx.gnp_random_graph(n, p, seed=seed, directed=True)
        groups = {v: f"g{int(rng.integers(k))}" for v in D.nodes}
        cases.append((D, groups))
    # A singleton group and a pair: zero variances give NaN and inf z-scores in R.
    D = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 0), (1, 3), (4, 1)])
    cases.append((D, {0: "a", 1: "b", 2: "c", 3: "c", 4: "a"}))
    return cases


@pytest.mark.parametrize("case", range(len(_cases())))
def test_matches_r_sna(case: int, tmp_path: Path) -> None:
    _need_sna()
    D, groups = _cases()[case]
    ref = _reference(D, groups, tmp_path)
    b = brokerage(D, groups)
    np.testing.assert_array_equal(b.raw.to_numpy(), ref["raw.nli"])
    np.testing.assert_array_equal(b.graph_raw.to_numpy(), ref["raw.gli"][0])
    for ours, name in [
        (b.expected, "exp.nli"),
        (b.sd, "sd.nli"),
        (b.z, "z.nli"),
    ]:
        np.testing.assert_allclose(ours.to_numpy(), ref[name], rtol=1e-10, atol=1e-12, err_msg=name)
    for ours_s, name in [
        (b.graph_expected, "exp.gli"),
        (b.graph_sd, "sd.gli"),
        (b.graph_z, "z.gli"),
    ]:
        np.testing.assert_allclose(
            ours_s.to_numpy(), ref[name][0], rtol=1e-10, atol=1e-12, err_msg=name
        )


def _brute_force_counts(D: nx.DiGraph, groups: dict) -> np.ndarray:
    """Every open two-path i -> j -> k by the definition, one triple at a time."""
    nodes = list(D)
    out = np.zeros((len(nodes), 6))
    for r, j in enumerate(nodes):
        for i in D.predecessors(j):
            for k in D.successors(j):
                if len({i, j, k}) < 3 or D.has_edge(i, k):
                    continue
                gi, gj, gk = groups[i], groups[j], groups[k]
                if gi == gj == gk:
                    col = 0
                elif gi == gk:
                    col = 1
                elif gi == gj:
                    col = 2
                elif gk == gj:
                    col = 3
                else:
                    col = 4
                out[r, col] += 1
    out[:, 5] = out[:, :5].sum(axis=1)
    return out


@pytest.mark.parametrize("seed", range(4))
def test_counts_equal_the_definition_on_dense_graphs_with_loops(seed: int) -> None:
    """The counts from group totals less closed triangles equal a triple-by-triple count,
    on graphs with many reciprocal arcs, closed two-paths and self-loops."""
    rng = np.random.default_rng(seed)
    D = nx.gnp_random_graph(40, 0.25, seed=seed, directed=True)
    D.add_edges_from((v, v) for v in range(0, 40, 7))
    groups = {v: int(rng.integers(4)) for v in D}
    got = brokerage_counts(D, groups).to_numpy()
    np.testing.assert_array_equal(got, _brute_force_counts(D, groups))
