"""The typed model of the dataset: actors, relationships and sources.

Instances are produced by :func:`graph_loader.validation.load_dataset`, which
reads ``data/`` and refuses invalid data; nothing else should construct them
from raw CSV.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from graph_loader.dates import PartialDate
from graph_loader.schema import Schema

Certainty = Literal["stated", "implied"]


def cite_key(cites: str) -> str:
    """The sources.csv id a ``cites`` value refers to: ``"Maresca 1994"`` → ``maresca-1994``."""
    return re.sub(r"[^a-z0-9]+", "-", cites.casefold()).strip("-")


@dataclass(frozen=True)
class Actor:
    """A node: one row of ``actors.csv``. ``line`` is its line in the file."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    iso3: str = ""
    description: str = ""
    line: int = 0
    #: The actor's lifespan as the paper dates it (``lifespans.csv``): ISO 8601
    #: partial dates, "" when the paper gives none.
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Relationship:
    """An edge: one row of ``relationships.csv``, a claim attributed to a passage.

    ``source`` and ``target`` are actor ids; ``source_ref`` is the id of the
    work in ``sources.csv`` the evidence comes from (normally the paper) and
    ``cites`` the work the paper attributes the statement to.
    """

    id: str
    source: str
    type: str
    target: str
    start: PartialDate | None
    end: PartialDate | None
    evidence: str
    section: str
    source_ref: str
    cites: str = ""
    certainty: Certainty = "stated"
    note: str = ""
    #: How the dates are known: ``stated`` (the quote dates it), ``context`` (a
    #: nearby sentence, quoted in ``note``), ``endpoint`` (an endpoint's lifespan
    #: bounds it), or "" when there is no date.
    date_basis: str = ""
    #: Ids of other relationships whose claims this one contradicts (the paper
    #: says both); stored on one side of each pair.
    contradicts: tuple[str, ...] = ()
    line: int = 0

    @property
    def cites_id(self) -> str:
        """The id in sources.csv of the cited work, or "" if none is cited."""
        return cite_key(self.cites) if self.cites else ""

    @property
    def start_year(self) -> int | None:
        return self.start.year if self.start else None

    @property
    def end_year(self) -> int | None:
        return self.end.year if self.end else None

    def active_in(self, year: int) -> bool:
        """True if the relationship holds in ``year``.

        A missing start means "since before the paper's horizon" and a
        missing end means "ongoing", so undated relationships hold in every year.
        """
        if self.start and self.start.year > year:
            return False
        if self.end and self.end.year < year:
            return False
        return True


@dataclass(frozen=True)
class Source:
    """A work: the paper itself or one it cites."""

    id: str
    citation: str
    kind: str = ""
    year: str = ""
    url: str = ""
    line: int = 0


@dataclass
class Dataset:
    """The validated dataset, with the schema it conforms to."""

    schema: Schema
    actors: dict[str, Actor] = field(default_factory=dict)
    relationships: list[Relationship] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    def actor(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

    def find(self, name: str) -> Actor:
        """The actor whose id, name or an alias is ``name`` (case-insensitive).

        Raises
        ------
        KeyError
            No actor, or more than one, answers to ``name``.
        """
        key = name.strip().casefold()
        hits = [
            a
            for a in self.actors.values()
            if key in {a.id, a.name.casefold(), *(x.casefold() for x in a.aliases)}
        ]
        if len(hits) != 1:
            which = ", ".join(a.id for a in hits) if hits else "none"
            raise KeyError(f"{name!r} names {len(hits)} actors ({which})")
        return hits[0]

    def between(self, a: str, b: str) -> list[Relationship]:
        """The relationships between two actors (ids, names or aliases), in either direction."""
        ends = {self.find(a).id, self.find(b).id}
        return [r for r in self.relationships if {r.source, r.target} == ends]

    def contradictions(self) -> list[tuple[Relationship, Relationship]]:
        """The pairs of relationships whose claims the paper contradicts (``contradicts``),
        each once, as (the relationship that lists it, the one listed), in file order."""
        by_id = {r.id: r for r in self.relationships}
        return [(r, by_id[c]) for r in self.relationships for c in r.contradicts if c in by_id]

    def years(self) -> tuple[int, int]:
        """The first and last year any relationship names."""
        ys = [
            d.year
            for r in self.relationships
            for d in (r.start, r.end)
            if d is not None
        ]
        return (min(ys), max(ys)) if ys else (0, 0)
