"""The declarative schema (``data/schema.yaml``): node kinds and relationship types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

Toward = Literal["target", "source", "both", "none"]

_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_RELTYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class SchemaError(ValueError):
    """The schema file itself is malformed."""


@dataclass(frozen=True)
class Kind:
    """A node kind; its name is the Neo4j label."""

    name: str
    description: str
    color: str
    iso3: bool = False
    agent: bool = True


@dataclass(frozen=True)
class Influence:
    """How a relationship type feeds the influence graph.

    ``toward`` names the end that gains influence; ``weight`` is the edge weight.
    """

    toward: Toward
    weight: float


@dataclass(frozen=True)
class RelType:
    """A relationship type; its name is the Neo4j relationship type."""

    name: str
    description: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    symmetric: bool
    polarity: int
    influence: Influence
    color: str


@dataclass(frozen=True)
class Schema:
    """Node kinds and relationship types, in file order."""

    kinds: dict[str, Kind]
    relationship_types: dict[str, RelType]
    path: Path | None = None

    def kind(self, name: str) -> Kind:
        return self.kinds[name]

    def reltype(self, name: str) -> RelType:
        return self.relationship_types[name]


def _require(mapping: dict, key: str, where: str) -> object:
    if key not in mapping:
        raise SchemaError(f"{where}: missing {key!r}")
    return mapping[key]


def parse_schema(doc: dict, path: Path | None = None) -> Schema:
    """Build a :class:`Schema` from the parsed YAML document, checking its structure."""
    if not isinstance(doc, dict):
        raise SchemaError("schema: top level must be a mapping")
    where = str(path or "schema")
    kinds: dict[str, Kind] = {}
    for name, spec in (_require(doc, "kinds", where) or {}).items():
        if not _LABEL.match(name):
            raise SchemaError(f"{where}: kind {name!r} is not a CamelCase label")
        color = str(_require(spec, "color", f"{where}: kind {name}"))
        if not _COLOR.match(color):
            raise SchemaError(f"{where}: kind {name}: color {color!r} is not #rrggbb")
        kinds[name] = Kind(
            name=name,
            description=str(_require(spec, "description", f"{where}: kind {name}")),
            color=color,
            iso3=bool(spec.get("iso3", False)),
            agent=bool(spec.get("agent", True)),
        )
    types: dict[str, RelType] = {}
    for name, spec in (_require(doc, "relationship_types", where) or {}).items():
        w = f"{where}: relationship type {name}"
        if not _RELTYPE.match(name):
            raise SchemaError(f"{w}: not an UPPER_SNAKE_CASE type")
        ends = {}
        for end in ("source", "target"):
            allowed = tuple(_require(spec, end, w))
            unknown = [k for k in allowed if k not in kinds]
            if unknown or not allowed:
                raise SchemaError(f"{w}: {end} names unknown kinds {unknown}")
            ends[end] = allowed
        polarity = int(_require(spec, "polarity", w))
        if polarity not in (-1, 0, 1):
            raise SchemaError(f"{w}: polarity must be -1, 0 or 1")
        infl = _require(spec, "influence", w)
        toward = infl.get("toward")
        if toward not in ("target", "source", "both", "none"):
            raise SchemaError(f"{w}: influence.toward must be target, source, both or none")
        weight = float(infl.get("weight", 1.0))
        if weight <= 0:
            raise SchemaError(f"{w}: influence.weight must be positive")
        color = str(spec.get("color", "#999999"))
        if not _COLOR.match(color):
            raise SchemaError(f"{w}: color {color!r} is not #rrggbb")
        types[name] = RelType(
            name=name,
            description=str(_require(spec, "description", w)),
            source=ends["source"],
            target=ends["target"],
            symmetric=bool(spec.get("symmetric", False)),
            polarity=polarity,
            influence=Influence(toward=toward, weight=weight),
            color=color,
        )
    return Schema(kinds=kinds, relationship_types=types, path=path)


def load_schema(path: str | Path) -> Schema:
    """Read and check ``schema.yaml``."""
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    return parse_schema(doc, path)
