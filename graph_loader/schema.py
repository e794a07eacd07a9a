"""The declarative schema (``data/schema.yaml``): node kinds and relationship types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from graph_loader import schemastrict as strict

Toward = Literal["target", "source", "both", "none"]

#: The largest ``schema.yaml`` read (bytes).
MAX_SCHEMA_BYTES = 1 << 20

_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]*\Z")
_RELTYPE = re.compile(r"^[A-Z][A-Z0-9_]*\Z")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}\Z")


class SchemaError(ValueError):
    """The schema file itself is malformed."""


def _strict(check: object, *args: object) -> object:
    """Run a :mod:`graph_loader.schemastrict` check, raising :class:`SchemaError`."""
    try:
        return check(*args)  # type: ignore[operator]
    except strict.StrictSchemaError as exc:
        raise SchemaError(str(exc)) from None


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
    _strict(strict.check_keys, doc, strict.TOP_KEYS, where)
    kinds: dict[str, Kind] = {}
    for name, spec in _strict(strict.check_mapping, _require(doc, "kinds", where) or {},
                              f"{where}: kinds").items():
        if not isinstance(name, str) or not _LABEL.match(name):
            raise SchemaError(f"{where}: kind {name!r} is not a CamelCase label")
        _strict(strict.check_keys, _strict(strict.check_mapping, spec, f"{where}: kind {name}"),
                strict.KIND_KEYS, f"{where}: kind {name}")
        color = str(_require(spec, "color", f"{where}: kind {name}"))
        if not _COLOR.match(color):
            raise SchemaError(f"{where}: kind {name}: color {color!r} is not #rrggbb")
        kinds[name] = Kind(
            name=name,
            description=_strict(strict.check_text, _require(
                spec, "description", f"{where}: kind {name}"), "description",
                f"{where}: kind {name}"),
            color=color,
            iso3=_strict(strict.check_bool, spec, "iso3", False, f"{where}: kind {name}"),
            agent=_strict(strict.check_bool, spec, "agent", True, f"{where}: kind {name}"),
        )
    types: dict[str, RelType] = {}
    for name, spec in _strict(strict.check_mapping, _require(doc, "relationship_types", where)
                              or {}, f"{where}: relationship_types").items():
        w = f"{where}: relationship type {name}"
        if not isinstance(name, str) or not _RELTYPE.match(name):
            raise SchemaError(f"{w}: not an UPPER_SNAKE_CASE type")
        _strict(strict.check_keys, _strict(strict.check_mapping, spec, w), strict.RELTYPE_KEYS, w)
        ends = {}
        for end in ("source", "target"):
            allowed = tuple(_strict(strict.check_list, _require(spec, end, w), end, w))
            unknown = [k for k in allowed if k not in kinds]
            if unknown or not allowed:
                raise SchemaError(f"{w}: {end} names unknown kinds {unknown}")
            ends[end] = allowed
        polarity = _strict(strict.check_polarity, _require(spec, "polarity", w), w)
        infl = _strict(strict.check_mapping, _require(spec, "influence", w), f"{w}: influence")
        _strict(strict.check_keys, infl, strict.INFLUENCE_KEYS, f"{w}: influence")
        toward = infl.get("toward")
        if toward not in ("target", "source", "both", "none"):
            raise SchemaError(f"{w}: influence.toward must be target, source, both or none")
        weight = _strict(strict.check_weight, infl.get("weight", 1.0), w)
        color = str(spec.get("color", "#999999"))
        if not _COLOR.match(color):
            raise SchemaError(f"{w}: color {color!r} is not #rrggbb")
        types[name] = RelType(
            name=name,
            description=_strict(strict.check_text, _require(spec, "description", w),
                                "description", w),
            source=ends["source"],
            target=ends["target"],
            symmetric=_strict(strict.check_bool, spec, "symmetric", False, w),
            polarity=polarity,
            influence=Influence(toward=toward, weight=weight),
            color=color,
        )
    return Schema(kinds=kinds, relationship_types=types, path=path)


def load_schema(path: str | Path) -> Schema:
    """Read and check ``schema.yaml``."""
    from graph_loader import yamlsafe
    from graph_loader.safeio import read_regular

    path = Path(path)
    doc = yamlsafe.load(read_regular(path, MAX_SCHEMA_BYTES, path.name).decode("utf-8"))
    return parse_schema(doc, path)
