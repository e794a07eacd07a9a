"""The declarative schema (``data/schema.yaml``): node kinds and relationship types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any, Literal

import yaml

Toward = Literal["target", "source", "both", "none"]
#: How a field's value is held: ``date`` is an ISO 8601 partial date, ``list`` is
#: ``;``-separated in the CSV, ``year`` and ``slug`` are computed from another field.
FieldType = Literal["text", "list", "date", "year", "slug", "int", "float", "bool"]
#: ``key``: the record's id; ``end``: a relationship's source or target actor;
#: ``type``: its relationship type; ``property``: anything else.
Role = Literal["key", "end", "type", "property"]
#: ``column``: a CSV column; ``computed``: derived from the column named by ``of``;
#: ``schema``: taken from the relationship type in the schema.
Origin = Literal["column", "computed", "schema"]
#: The records that have fields, as named under ``fields:`` in schema.yaml.
RECORDS = ("actor", "relationship", "source")
#: Types a field declared in schema.yaml may have.
EXTRA_TYPES = ("text", "int", "float", "bool")

_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_RELTYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_FIELD = re.compile(r"^[a-z][a-z0-9_]*$")


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
class Field:
    """One field of an actor, relationship or source, with its meaning.

    The fields of :mod:`graph_loader.model` and those schema.yaml adds under
    ``fields:`` are the one declaration that validation, the graph, the Cypher
    properties, the tables, the JSON interchange and the README derive from.
    """

    name: str
    type: FieldType
    description: str
    required: bool = False
    role: Role = "property"
    origin: Origin = "column"
    of: str = ""  #: for ``computed`` fields, the field they are computed from
    choices: tuple[str, ...] = ()  #: the allowed values, if only some are
    #: A column added after the first release, which a file may leave out (older data,
    #: generated benchmark data); when present it is checked.
    optional_column: bool = False


@dataclass(frozen=True)
class View:
    """A theme view of the build: the relationship types it shows (``views:`` in schema.yaml)."""

    name: str
    slug: str
    title: str
    description: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class Schema:
    """Node kinds and relationship types, in file order.

    ``extra_fields`` maps a record (:data:`RECORDS`) to the fields schema.yaml adds
    to it, after those of :mod:`graph_loader.model`; ``views`` are the theme views.
    """

    kinds: dict[str, Kind]
    relationship_types: dict[str, RelType]
    path: Path | None = None
    extra_fields: dict[str, tuple[Field, ...]] = dataclass_field(default_factory=dict)
    views: dict[str, View] = dataclass_field(default_factory=dict)

    def kind(self, name: str) -> Kind:
        return self.kinds[name]

    def reltype(self, name: str) -> RelType:
        return self.relationship_types[name]


def _require(mapping: dict, key: str, where: str) -> Any:
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
    extra = _parse_fields(doc.get("fields") or {}, where)
    views = _parse_views(doc.get("views") or {}, types, where)
    return Schema(
        kinds=kinds, relationship_types=types, path=path, extra_fields=extra, views=views
    )


def _parse_views(doc: dict, types: dict[str, RelType], where: str) -> dict[str, View]:
    """The ``views:`` section: ``{name: {slug, title, description, types}}``."""
    views: dict[str, View] = {}
    for name, spec in doc.items():
        w = f"{where}: view {name}"
        shown = tuple(_require(spec, "types", w) or ())
        unknown = [t for t in shown if t not in types]
        if unknown or not shown:
            raise SchemaError(f"{w}: types names unknown relationship types {unknown}")
        views[name] = View(
            name=name,
            slug=str(_require(spec, "slug", w)),
            title=str(_require(spec, "title", w)),
            description=" ".join(str(_require(spec, "description", w)).split()),
            types=shown,
        )
    return views


def _parse_fields(doc: dict, where: str) -> dict[str, tuple[Field, ...]]:
    """The ``fields:`` section: ``{record: {name: {type, required, description}}}``.

    That a name is new (not a field of :mod:`graph_loader.model`) is checked by
    :func:`graph_loader.model.check_fields`, which knows the model's fields.
    """
    out: dict[str, tuple[Field, ...]] = {}
    for record, specs in doc.items():
        if record not in RECORDS:
            raise SchemaError(f"{where}: fields: {record!r} is not one of {', '.join(RECORDS)}")
        found = []
        for name, spec in (specs or {}).items():
            w = f"{where}: field {record}.{name}"
            if not _FIELD.match(str(name)):
                raise SchemaError(f"{w}: not a snake_case field name")
            ftype = spec.get("type", "text")
            if ftype not in EXTRA_TYPES:
                raise SchemaError(f"{w}: type must be one of {', '.join(EXTRA_TYPES)}")
            description = str(_require(spec, "description", w))
            found.append(Field(name, ftype, description, bool(spec.get("required", False))))
        out[record] = tuple(found)
    return out


def load_schema(path: str | Path) -> Schema:
    """Read and check ``schema.yaml``."""
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    return parse_schema(doc, path)
