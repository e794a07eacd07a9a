"""The shipped ``data/schema.yaml`` and the checks of :func:`graph_loader.schema.parse_schema`."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph_loader.schema import Schema, SchemaError, load_schema, parse_schema


@pytest.fixture(scope="module")
def schema(data_dir: Path) -> Schema:
    return load_schema(data_dir / "schema.yaml")


@pytest.fixture(scope="module")
def doc(data_dir: Path) -> dict[str, Any]:
    return yaml.safe_load((data_dir / "schema.yaml").read_text(encoding="utf-8"))


def test_shipped_schema_loads(schema: Schema) -> None:
    assert "State" in schema.kinds and "MEMBER_OF" in schema.relationship_types
    assert schema.kinds["State"].iso3
    assert [k for k, v in schema.kinds.items() if v.iso3] == ["State"]


def test_kind_colours_are_distinct(schema: Schema) -> None:
    # Views tell kinds apart by colour alone.
    colours = [k.color.lower() for k in schema.kinds.values()]
    assert len(set(colours)) == len(colours)


def test_every_kind_can_take_part_in_some_relationship(schema: Schema) -> None:
    used = {k for t in schema.relationship_types.values() for k in (*t.source, *t.target)}
    assert set(schema.kinds) <= used


def test_symmetric_types_allow_the_same_kinds_at_both_ends(schema: Schema) -> None:
    # A symmetric relationship is read both ways, so either end may be either kind.
    for t in schema.relationship_types.values():
        if t.symmetric:
            assert set(t.source) == set(t.target), t.name
            assert t.influence.toward in ("both", "none"), t.name


def test_descriptions_are_sentences(schema: Schema) -> None:
    for item in (*schema.kinds.values(), *schema.relationship_types.values()):
        assert item.description.strip().endswith("."), item.name


def test_conflictual_types_have_negative_polarity(schema: Schema) -> None:
    for name in ("IN_CONFLICT_WITH", "CONDEMNS", "LEFT", "COMPETES_WITH"):
        assert schema.relationship_types[name].polarity == -1


def test_signed_ties_are_declared(schema: Schema) -> None:
    # The ties of affect and conflict between agents, with their polarity as sign.
    signed = schema.signed_types()
    positive = {"ALLY_OF", "SUPPORTS", "COOPERATES_WITH", "ALIGNS_WITH", "PROVIDES_AID"}
    negative = {"IN_CONFLICT_WITH", "CONDEMNS", "PRESSURES", "EXCLUDES", "COMPETES_WITH",
                "SOUGHT_TO_LEAVE_SPHERE_OF", "SEEKS_TO_EXCLUDE"}
    assert signed == {**dict.fromkeys(positive, 1), **dict.fromkeys(negative, -1)}
    # Memberships, participation, documents and the neutral stances are not signed ties.
    for name in ("MEMBER_OF", "PARTICIPATES_IN", "SIGNED", "ADOPTED", "FAVOURS_FORUM",
                 "LEFT", "BALANCES_BETWEEN", "AVOIDS_PROVOKING", "GAVE_NO_SUPPORT",
                 "DECLINES_MEMBERSHIP", "HAS_RELATIONS_WITH"):
        assert not schema.relationship_types[name].signed, name
    assert not schema.is_agent("Process") and schema.is_agent("State")
    assert schema.is_agent("NotAKind")


BREAKS: dict[str, tuple[Any, str]] = {
    # name: (function that breaks the parsed document, expected SchemaError message)
    "not a mapping": (lambda d: [d], "schema: top level must be a mapping"),
    "no kinds": (lambda d: d.pop("kinds"), "schema: missing 'kinds'"),
    "lowercase label": (
        lambda d: d["kinds"].__setitem__("state", d["kinds"]["State"]),
        "schema: kind 'state' is not a CamelCase label",
    ),
    "bad colour": (
        lambda d: d["kinds"]["State"].__setitem__("color", "blue"),
        "schema: kind State: color 'blue' is not #rrggbb",
    ),
    "unknown end kind": (
        lambda d: d["relationship_types"]["MEMBER_OF"].__setitem__("target", ["Club"]),
        "schema: relationship type MEMBER_OF: target names unknown kinds ['Club']",
    ),
    "bad polarity": (
        lambda d: d["relationship_types"]["MEMBER_OF"].__setitem__("polarity", 5),
        "schema: relationship type MEMBER_OF: polarity must be -1, 0 or 1",
    ),
    "bad toward": (
        lambda d: d["relationship_types"]["MEMBER_OF"]["influence"].__setitem__("toward", "up"),
        "schema: relationship type MEMBER_OF: "
        "influence.toward must be target, source, both or none",
    ),
    "zero weight": (
        lambda d: d["relationship_types"]["MEMBER_OF"]["influence"].__setitem__("weight", 0),
        "schema: relationship type MEMBER_OF: influence.weight must be positive",
    ),
    "signed neutral type": (
        lambda d: d["relationship_types"]["CALLS_ON"].__setitem__("signed", True),
        "schema: relationship type CALLS_ON: a signed tie needs polarity +1 or -1, not 0",
    ),
    "signed not a bool": (
        lambda d: d["relationship_types"]["ALLY_OF"].__setitem__("signed", "yes"),
        "schema: relationship type ALLY_OF: signed must be true or false",
    ),
    "signed without agents": (
        lambda d: d["relationship_types"].__setitem__(
            "ABOUT", {**d["relationship_types"]["ADDRESSES"], "source": ["Document"],
                      "polarity": 1, "signed": True}
        ),
        "schema: relationship type ABOUT: a signed tie needs an agent kind among its "
        "source kinds",
    ),
    "lowercase type": (
        lambda d: d["relationship_types"].__setitem__(
            "member_of", d["relationship_types"]["MEMBER_OF"]
        ),
        "schema: relationship type member_of: not an UPPER_SNAKE_CASE type",
    ),
    "unknown family": (
        lambda d: d["relationship_types"]["MEMBER_OF"].__setitem__("family", "clubs"),
        "schema: relationship type MEMBER_OF: family 'clubs' is not one of the families: "
        "membership, leadership, mediation, documents, support, conflict, participation, other",
    ),
    "no family": (
        lambda d: d["relationship_types"]["MEMBER_OF"].pop("family"),
        "schema: relationship type MEMBER_OF: missing 'family' (one of: membership, "
        "leadership, mediation, documents, support, conflict, participation, other)",
    ),
    "bad family colour": (
        lambda d: d["families"]["other"].__setitem__("color", "grey"),
        "schema: family other: color 'grey' is not #rrggbb",
    ),
}


@pytest.mark.parametrize("case", list(BREAKS))
def test_parse_schema_rejects(case: str, doc: dict[str, Any]) -> None:
    breaker, message = BREAKS[case]
    broken = copy.deepcopy(doc)
    result = breaker(broken)
    if isinstance(result, list):  # the breaker replaced the whole document
        broken = result
    with pytest.raises(SchemaError) as err:
        parse_schema(broken)
    assert str(err.value) == message


def test_views_are_declared_in_the_schema(schema: Schema, doc: dict[str, Any]) -> None:
    assert list(schema.views) == ["mediation", "alliances"]
    assert "CO_CHAIRS" in schema.views["mediation"].types
    bad = copy.deepcopy(doc)
    bad["views"]["alliances"]["types"].append("NOT_A_TYPE")
    with pytest.raises(SchemaError, match="view alliances: types names unknown"):
        parse_schema(bad)


def test_every_type_is_in_exactly_one_family(schema: Schema, doc: dict[str, Any]) -> None:
    fams = schema.family_types()
    assert list(fams) == ["membership", "leadership", "mediation", "documents", "support",
                          "conflict", "participation", "other"]
    assert sorted(t for ts in fams.values() for t in ts) == sorted(schema.relationship_types)
    assert "CO_CHAIRS" in fams["leadership"] and "IN_CONFLICT_WITH" in fams["conflict"]
    assert schema.type_color("CO_CHAIRS") == schema.families["leadership"].color
    # a schema without families: keeps each type's own colour
    plain = copy.deepcopy(doc)
    plain.pop("families")
    for rt in plain["relationship_types"].values():
        rt.pop("family")
    s = parse_schema(plain)
    assert s.type_color("MEMBER_OF") == doc["relationship_types"]["MEMBER_OF"]["color"]
