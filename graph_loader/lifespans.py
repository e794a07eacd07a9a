"""Actor lifespans: ``lifespans.csv``, when the paper says an actor came into being or ended.

Columns: ``actor,bound,date,evidence,section,source_ref,certainty,note``. One row
per bound the paper dates: ``bound`` is ``start`` or ``end``; ``date`` an ISO 8601
partial date; ``evidence`` a verbatim quote (checked against the paper's text like
a relationship's); ``certainty`` ``stated`` or ``implied``. Where the paper gives no
date there is no row, and the file itself may be absent.

:func:`check_lifespans` is called by :func:`graph_loader.validation.validate`; it
reports, in the same ``file:line: field: message`` form and all at once:

- in lifespans.csv: empty required values, an unknown actor (with a did-you-mean),
  an unknown ``bound``, ``certainty`` or ``source_ref``, a bad date, a duplicate
  ``(actor, bound)``, an end before the start, an evidence quote that is too long
  or not in the paper's text;
- in relationships.csv: a relationship dated outside an endpoint's lifespan (its
  ``start`` or ``end`` lies wholly before the endpoint's start or after its end), and a
  ``date_basis`` of ``endpoint`` where neither endpoint has a lifespan.
  This is an error, not a warning: the data must not contradict itself. Where the
  paper does, leave the doubtful date out and link the claims with ``contradicts``.

It returns each actor's bounds; :func:`apply_lifespans` puts them on the actors
as ``Actor.start`` / ``Actor.end`` (ISO strings, ``""`` when unknown).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph_loader.csvio import CsvRow
from graph_loader.dates import PartialDate
from graph_loader.model import RELATIONSHIP_FIELDS, Actor, Relationship, Source
from graph_loader.schema import Field
from graph_loader.validation import (
    MAX_EVIDENCE_WORDS,
    RELATIONSHIPS_FILE,
    SOURCES_FILE,
    QuoteIndex,
    ValidationIssue,
    _Collector,
    _join,
    _parse,
    _read_table,
    _suggest,
)

#: A lifespan's certainty takes the values a relationship's does (one declaration).
CERTAINTIES: tuple[str, ...] = next(f.choices for f in RELATIONSHIP_FIELDS if f.name == "certainty")
_DATE = Field("date", "date", "An ISO 8601 partial date.")


def _require(row: CsvRow, names: Sequence[str], out: _Collector) -> None:
    for name in names:
        if not row.get(name):
            out.add(row.line, name, "required value is empty")


def _parse_date(row: CsvRow, name: str, out: _Collector) -> PartialDate | None:
    return _parse(row, _DATE if name == "date" else Field(name, "date", ""), out)

LIFESPANS_FILE = "lifespans.csv"
LIFESPAN_COLUMNS: tuple[str, ...] = (
    "actor", "bound", "date", "evidence", "section", "source_ref", "certainty", "note",
)  # fmt: skip
LIFESPAN_REQUIRED: tuple[str, ...] = (
    "actor", "bound", "date", "evidence", "section", "source_ref", "certainty",
)  # fmt: skip
BOUNDS: tuple[str, ...] = ("start", "end")


@dataclass(frozen=True)
class Bound:
    """One row of lifespans.csv: the start or end of an actor, with its evidence."""

    actor: str
    bound: str
    date: PartialDate
    evidence: str
    section: str
    source_ref: str
    certainty: str
    note: str = ""
    line: int = 0


#: actor id -> {"start": Bound, "end": Bound} (either may be missing)
Lifespans = dict[str, dict[str, Bound]]


def check_lifespans(
    data_dir: Path,
    actors: dict[str, Actor] | None,
    sources: dict[str, Source] | None,
    relationships: Iterable[Relationship],
    quotes: QuoteIndex | None,
    issues: list[ValidationIssue],
) -> Lifespans:
    """Read and check ``lifespans.csv`` (if present) and the relationships against it.

    ``actors``/``sources`` are None when their file could not be read completely;
    references to them are then not checked (as for relationships.csv).
    """
    spans: Lifespans = {}
    table = None
    if (data_dir / LIFESPANS_FILE).exists():
        table = _read_table(data_dir, LIFESPANS_FILE, LIFESPAN_COLUMNS, issues, ("note",))
    out = _Collector(LIFESPANS_FILE, issues)
    for row in table.rows if table is not None else ():
        _require(row, LIFESPAN_REQUIRED, out)
        aid, bound, certainty, ref = (row.get(f) for f in ("actor", "bound", "certainty",
                                                             "source_ref"))
        if aid and actors is not None and aid not in actors:
            out.add(row.line, "actor", f"unknown actor {aid!r}{_suggest(aid, actors)}")
        if bound and bound not in BOUNDS:
            out.add(row.line, "bound", f"{bound!r} is not one of: {_join(BOUNDS)}")
        date = _parse_date(row, "date", out)
        evidence = row.get("evidence")
        if evidence:
            words = len(evidence.split())
            if words > MAX_EVIDENCE_WORDS:
                out.add(row.line, "evidence",
                        f"quote has {words} words; at most {MAX_EVIDENCE_WORDS} allowed")
            if quotes is not None and not quotes.contains(evidence):
                out.add(row.line, "evidence", quotes.explain_missing(evidence))
        if ref and sources is not None and ref not in sources:
            out.add(row.line, "source_ref",
                    f"unknown source {ref!r}{_suggest(ref, sources)}; not an id in {SOURCES_FILE}")
        if certainty and certainty not in CERTAINTIES:
            out.add(row.line, "certainty", f"{certainty!r} is not one of: {_join(CERTAINTIES)}")
        if not (aid and bound in BOUNDS and date):
            continue
        first = spans.setdefault(aid, {}).get(bound)
        if first is not None:
            out.add(row.line, "bound",
                    f"duplicate {bound} for {aid!r}; first given at line {first.line}")
            continue
        spans[aid][bound] = Bound(aid, bound, date, evidence, row.get("section"), ref,
                                  certainty, row.get("note"), row.line)
    for aid, b in spans.items():
        if "start" in b and "end" in b and b["end"].date.latest() < b["start"].date.earliest():
            out.add(b["end"].line, "date",
                    f"end {b['end'].date} of {aid!r} is before its start {b['start'].date} "
                    f"(line {b['start'].line})")
    if table is None or table.complete:
        _check_relationships_within(relationships, spans, _Collector(RELATIONSHIPS_FILE, issues))
    return spans


def _check_relationships_within(
    relationships: Iterable[Relationship], spans: Lifespans, out: _Collector
) -> None:
    """A relationship's own dates must not lie outside either endpoint's lifespan, and
    ``date_basis`` ``endpoint`` needs an endpoint with a lifespan."""
    for r in relationships:
        if r.date_basis == "endpoint" and not (spans.get(r.source) or spans.get(r.target)):
            out.add(r.line, "date_basis",
                    f"'endpoint' but neither {r.source!r} nor {r.target!r} has a lifespan "
                    f"in {LIFESPANS_FILE}")
        for field, d in (("start", r.start), ("end", r.end)):
            if d is None:
                continue
            for aid in dict.fromkeys((r.source, r.target)):
                b = spans.get(aid, {})
                s, e = b.get("start"), b.get("end")
                if s and d.latest() < s.date.earliest():
                    out.add(r.line, field,
                            f"{field} {d} is before {aid!r} exists (its lifespan starts "
                            f"{s.date}, {LIFESPANS_FILE}:{s.line})")
                elif e and d.earliest() > e.date.latest():
                    out.add(r.line, field,
                            f"{field} {d} is after {aid!r} ends (its lifespan ends "
                            f"{e.date}, {LIFESPANS_FILE}:{e.line})")


def apply_lifespans(actors: dict[str, Actor], spans: Lifespans) -> dict[str, Actor]:
    """The actors with ``start``/``end`` set from their lifespans (``""`` when unknown)."""
    out = dict(actors)
    for aid, b in spans.items():
        if aid in out:
            out[aid] = dataclasses.replace(
                out[aid],
                start=str(b["start"].date) if "start" in b else "",
                end=str(b["end"].date) if "end" in b else "",
            )
    return out
