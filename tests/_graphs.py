"""Small hand-built datasets and graphs shared by the graph and analyses tests."""

from __future__ import annotations

from pathlib import Path

from graph_loader.dates import parse_partial_date
from graph_loader.model import Actor, Dataset, Relationship, Source
from graph_loader.schema import Schema, load_schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "data" / "schema.yaml"


def schema() -> Schema:
    return load_schema(SCHEMA_PATH)


#: The shipped schema, for the functions that take one.
SCHEMA = schema()


def rel(
    rid: str,
    source: str,
    rtype: str,
    target: str,
    start: str = "",
    end: str = "",
    certainty: str = "stated",
) -> Relationship:
    return Relationship(
        id=rid,
        source=source,
        type=rtype,
        target=target,
        start=parse_partial_date(start) if start else None,
        end=parse_partial_date(end) if end else None,
        evidence=f"evidence for {rid}",
        section="1",
        source_ref="paper",
        certainty=certainty,  # type: ignore[arg-type]
    )


ACTORS = [
    Actor("aze", "Azerbaijan", "State", ("Republic of Azerbaijan",), "AZE"),
    Actor("arm", "Armenia", "State", (), "ARM"),
    Actor("rus", "Russia", "State", ("Russian Federation",), "RUS"),
    Actor("tur", "Turkey", "State", (), "TUR"),
    Actor("osce", "OSCE", "Organization"),
    Actor("cis", "CIS", "Organization"),
    Actor("mg", "Minsk Group", "Body"),
    Actor("nk", "Nagorno-Karabakh", "Territory"),
]

RELATIONSHIPS = [
    rel("r01", "aze", "MEMBER_OF", "osce", "1992"),
    rel("r02", "arm", "MEMBER_OF", "osce", "1992"),
    rel("r03", "rus", "MEMBER_OF", "osce"),
    rel("r04", "tur", "MEMBER_OF", "osce"),
    rel("r05", "aze", "MEMBER_OF", "cis", "1993"),
    rel("r06", "arm", "MEMBER_OF", "cis", "1991"),
    rel("r07", "rus", "MEMBER_OF", "cis", "1991"),
    rel("r08", "mg", "PART_OF", "osce", "1992"),
    rel("r09", "rus", "CO_CHAIRS", "mg", "1997"),
    rel("r10", "tur", "CHAIRS", "mg", "1992", "1992"),
    rel("r11", "aze", "IN_CONFLICT_WITH", "arm", "1988", "2023"),
    rel("r12", "tur", "ALLY_OF", "aze", "1991"),
    rel("r13", "rus", "ALLY_OF", "arm"),
    rel("r14", "aze", "CLAIMS", "nk", certainty="implied"),
    rel("r15", "arm", "CONTROLS", "nk", "1994", "2020"),
    rel("r16", "rus", "COMPETES_WITH", "tur", "2020"),
]


def dataset() -> Dataset:
    """Eight actors and sixteen relationships, dated 1988-2023."""
    return Dataset(
        schema=schema(),
        actors={a.id: a for a in ACTORS},
        relationships=list(RELATIONSHIPS),
        sources={"paper": Source("paper", "Hasanoglu & Süleymanlı 2024", "article", "2024")},
    )
