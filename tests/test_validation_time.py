"""Validation of the time and provenance fields of issue #12: ``date_basis``,
``contradicts`` and ``lifespans.csv``.

Each case starts from a copy of ``tests/fixtures/good`` (which predates these
fields and so leaves the optional columns out), adds the columns, and breaks
it in one place. Lines of the good fixture's relationships.csv: 2 r1 (start
1992-01-30), 3 r2 (start 1997), 4-6 r3 (1995-1996), 7 r4 (1992-03 to 1992-03),
8 r5 (end 1991).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES

from graph_loader.validation import validate

SOURCE_TXT = (FIXTURES / "source.txt").read_text(encoding="utf-8")

#: A date_basis for each row of the good fixture that makes it valid.
GOOD_BASIS = {"r1": "stated", "r2": "stated", "r3": "stated", "r4": "stated", "r5": "stated"}


def set_columns(data: Path, values: dict[str, dict[str, str]], columns: tuple[str, ...]) -> None:
    """Rewrite relationships.csv with ``columns`` added; ``values[id][column]`` fills them."""
    path = data / "relationships.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    header = [*rows[0].keys(), *(c for c in columns if c not in rows[0])]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({**row, **{c: "" for c in columns}, **values.get(row["id"], {})})


def issues_of(data: Path, source_text: str | None = None) -> list[str]:
    ds, issues = validate(data, source_text)
    assert (ds is None) == bool(issues)
    return [str(i) for i in issues]


@pytest.fixture()
def good(fixture_copy: Callable[[str], Path]) -> Path:
    d = fixture_copy("good")
    set_columns(d, {k: {"date_basis": v} for k, v in GOOD_BASIS.items()}, ("date_basis",))
    return d


def basis(data: Path, **override: str) -> None:
    values = {k: {"date_basis": v} for k, v in {**GOOD_BASIS, **override}.items()}
    set_columns(data, values, ("date_basis",))


# --------------------------------------------------------------------------- date_basis


def test_good_with_date_basis_is_valid(good: Path) -> None:
    ds, issues = validate(good, SOURCE_TXT)
    assert issues == []
    assert ds is not None
    assert [r.date_basis for r in ds.relationships] == list(GOOD_BASIS.values())


def test_data_without_the_new_columns_is_still_valid(fixture_copy: Callable[[str], Path]) -> None:
    ds, issues = validate(fixture_copy("good"), SOURCE_TXT)
    assert issues == []
    assert ds is not None and all(r.date_basis == "" for r in ds.relationships)


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"r2": "guessed"},
         ["relationships.csv:3: date_basis: 'guessed' is not one of: stated, context, endpoint"]),
        ({"r2": ""},
         ["relationships.csv:3: date_basis: required when start or end is given: "
          "stated, context, endpoint"]),
        ({"r5": "endpoint"},
         ["relationships.csv:8: date_basis: 'endpoint' but neither 'azerbaijan' nor "
          "'soviet-union' has a lifespan in lifespans.csv"]),
        ({"r2": "context"},
         ["relationships.csv:3: note: date_basis 'context' needs a note that quotes the "
          "sentence that dates it, in quotation marks"]),
    ],
)  # fmt: skip
def test_date_basis_values(
    override: dict[str, str], expected: list[str], fixture_copy: Callable[[str], Path]
) -> None:
    d = fixture_copy("good")
    basis(d, **override)
    assert issues_of(d) == expected


def test_date_basis_without_a_date(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    basis(d)
    text = (d / "relationships.csv").read_text(encoding="utf-8")
    (d / "relationships.csv").write_text(text.replace(",1997,,", ",,,", 1), encoding="utf-8")
    assert issues_of(d) == [
        "relationships.csv:3: date_basis: 'stated' given but the row has no start or end"
    ]


def test_context_note_must_quote_the_source(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    values = {k: {"date_basis": v} for k, v in GOOD_BASIS.items()}
    note = "Year from 'began in 1992 — a “turning point”'."
    values["r2"] = {"date_basis": "context", "note": note}
    set_columns(d, values, ("date_basis",))
    assert issues_of(d, SOURCE_TXT) == []
    values["r2"]["note"] = "Year from 'a sentence the paper does not have'."
    set_columns(d, values, ("date_basis",))
    assert issues_of(d, SOURCE_TXT) == [
        "relationships.csv:3: note: date_basis 'context': no quotation in the note is found "
        "in the source text"
    ]
    # Without the paper's text, only the presence of a quotation is checked.
    assert issues_of(d) == []


# --------------------------------------------------------------------------- lifespans

LIFESPANS_HEADER = "actor,bound,date,evidence,section,source_ref,certainty,note"
#: Lines 2-3 of the lifespans file written by :func:`lifespans`.
GOOD_LIFESPANS = [
    "soviet-union,end,1991,Azerbaijan’s membership in the OSCE began in 1992,1,paper,stated,",
    'minsk-group,start,1992,"The Minsk Group, co-chaired by France",3,paper,implied,a note',
]


def lifespans(data: Path, *lines: str) -> None:
    text = "\n".join([LIFESPANS_HEADER, *(lines or GOOD_LIFESPANS)]) + "\n"
    (data / "lifespans.csv").write_text(text, encoding="utf-8")


def test_lifespans_are_on_the_actors(good: Path) -> None:
    lifespans(good)
    ds, issues = validate(good, SOURCE_TXT)
    assert issues == []
    assert ds is not None
    assert (ds.actors["soviet-union"].start, ds.actors["soviet-union"].end) == ("", "1991")
    assert (ds.actors["minsk-group"].start, ds.actors["minsk-group"].end) == ("1992", "")
    assert (ds.actors["france"].start, ds.actors["france"].end) == ("", "")


def test_endpoint_basis_with_a_lifespan(good: Path) -> None:
    lifespans(good)
    basis(good, r5="endpoint")
    assert issues_of(good) == []


def test_lifespan_errors_all_at_once(good: Path) -> None:
    lifespans(
        good,
        "sovet-union,end,1991,The Minsk Group,1,paper,stated,",
        "osce,middle,1992-13,The Minsk Group,1,papr,likely,",
        "minsk-group,start,1998,The Minsk Group,3,paper,stated,",
        "minsk-group,start,1990,The Minsk Group,3,paper,stated,",
        "minsk-group,end,1993,The Minsk Group is here,3,paper,stated,",
        "osce,end,1990,The Minsk Group,3,paper,stated,",
        "russia,,,,,,,",
    )
    assert issues_of(good, SOURCE_TXT) == [
        "lifespans.csv:2: actor: unknown actor 'sovet-union' (did you mean 'soviet-union'?)",
        "lifespans.csv:3: bound: 'middle' is not one of: start, end",
        "lifespans.csv:3: date: '1992-13' has month 13, not 01-12",
        "lifespans.csv:3: source_ref: unknown source 'papr' (did you mean 'paper'?); "
        "not an id in sources.csv",
        "lifespans.csv:3: certainty: 'likely' is not one of: stated, implied",
        "lifespans.csv:5: bound: duplicate start for 'minsk-group'; first given at line 4",
        "lifespans.csv:6: evidence: quote not found in source text (its first 16 of 23 "
        'characters match, up to "the minsk group ")',
        "lifespans.csv:6: date: end 1993 of 'minsk-group' is before its start 1998 (line 4)",
        "lifespans.csv:8: bound: required value is empty",
        "lifespans.csv:8: date: required value is empty",
        "lifespans.csv:8: evidence: required value is empty",
        "lifespans.csv:8: section: required value is empty",
        "lifespans.csv:8: source_ref: required value is empty",
        "lifespans.csv:8: certainty: required value is empty",
        # Relationships dated outside an endpoint's lifespan: r1 and r4 involve the
        # OSCE after it ends (1990); r2 and r3 the Minsk Group before it starts (1998).
        "relationships.csv:2: start: start 1992-01-30 is after 'osce' ends (its lifespan "
        "ends 1990, lifespans.csv:7)",
        "relationships.csv:3: start: start 1997 is before 'minsk-group' exists (its lifespan "
        "starts 1998, lifespans.csv:4)",
        "relationships.csv:4: start: start 1995 is before 'minsk-group' exists (its lifespan "
        "starts 1998, lifespans.csv:4)",
        "relationships.csv:4: end: end 1996 is before 'minsk-group' exists (its lifespan "
        "starts 1998, lifespans.csv:4)",
        "relationships.csv:7: start: start 1992-03 is after 'osce' ends (its lifespan "
        "ends 1990, lifespans.csv:7)",
        "relationships.csv:7: end: end 1992-03 is after 'osce' ends (its lifespan "
        "ends 1990, lifespans.csv:7)",
    ]


def test_relationship_before_an_actor_exists(good: Path) -> None:
    lifespans(good, "soviet-union,start,1992,The Minsk Group,1,paper,stated,")
    assert issues_of(good) == [
        "relationships.csv:8: end: end 1991 is before 'soviet-union' exists (its lifespan "
        "starts 1992, lifespans.csv:2)"
    ]


def test_partial_dates_at_a_lifespan_bound_are_inside(good: Path) -> None:
    # r1 starts 1992-01-30 and r4 is dated 1992-03: a lifespan starting 1992 or on
    # 1992-01-30 holds both.
    for date in ("1992", "1992-01-30"):
        lifespans(good, f"osce,start,{date},The Minsk Group,1,paper,stated,")
        assert issues_of(good) == [], date


# --------------------------------------------------------------------------- contradicts


def contradicts(data: Path, **values: str) -> None:
    rows = {k: {"date_basis": v} for k, v in GOOD_BASIS.items()}
    for rid, ids in values.items():
        rows[rid]["contradicts"] = ids
    set_columns(data, rows, ("date_basis", "contradicts"))


def test_contradicts_links_claims(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    contradicts(d, r4="r2; r3")
    ds, issues = validate(d)
    assert issues == []
    assert ds is not None
    assert ds.relationships[3].contradicts == ("r2", "r3")
    assert [(a.id, b.id) for a, b in ds.contradictions()] == [("r4", "r2"), ("r4", "r3")]


def test_contradicts_errors(fixture_copy: Callable[[str], Path]) -> None:
    d = fixture_copy("good")
    contradicts(d, r1="r1", r2="r4;r4", r3="r9", r4="r2", r5="r01")
    assert issues_of(d) == [
        "relationships.csv:2: contradicts: 'r1' is this relationship itself",
        "relationships.csv:3: contradicts: 'r4' is listed twice",
        "relationships.csv:4: contradicts: unknown relationship 'r9'",
        "relationships.csv:7: contradicts: 'r2' already lists 'r4': store each contradiction "
        "on one side only",
        "relationships.csv:8: contradicts: unknown relationship 'r01' (did you mean 'r1'?)",
    ]


# --------------------------------------------------------------------------- shipped data


def test_shipped_lifespans(dataset, data_dir: Path) -> None:
    assert dataset.actors["cis"].start == "1991"
    assert dataset.actors["soviet-union"].end == "1991"
    assert (dataset.actors["second-karabakh-war"].start,
            dataset.actors["second-karabakh-war"].end) == ("2020", "2020-11-10")
    # the paper dates no founding or renaming of the OSCE: its start is where the paper's
    # account of it begins ("began in 1992"), an implied bound whose note says so
    assert dataset.actors["osce"].start == "1992"
    with (data_dir / "lifespans.csv").open(newline="", encoding="utf-8") as f:
        rows = {(r["actor"], r["bound"]): r for r in csv.DictReader(f)}
    osce = rows["osce", "start"]
    assert osce["certainty"] == "implied" and "gives no date for its founding" in osce["note"]


def test_shipped_contradictions(dataset) -> None:
    pairs = {(a.id, b.id) for a, b in dataset.contradictions()}
    assert ("r027", "r023") in pairs  # the UN: "active" yet "have not become involved"
    assert ("r167", "r169") in pairs  # Azerbaijan: refused the conference, in the Group
    assert len(pairs) == sum(len(r.contradicts) for r in dataset.relationships)


def test_shipped_date_basis_is_consistent(dataset) -> None:
    for r in dataset.relationships:
        assert bool(r.date_basis) == bool(r.start or r.end), r.id
        if r.date_basis == "context":
            assert "'" in r.note or '"' in r.note, r.id
