"""The declarative schema (``data/schema.yaml``): node kinds and relationship types."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any, Literal

from graph_loader import schemastrict as strict

Toward = Literal["target", "source", "both", "none"]
#: How a field's value is held: ``date`` is an ISO 8601 partial date, ``list`` is
#: ``;``-separated in the CSV, ``year`` and ``slug`` are computed from another field.
FieldType = Literal["text", "list", "date", "year", "slug", "int", "float", "bool"]
#: ``key``: the record's id; ``end``: a relationship's source or target actor;
#: ``type``: its relationship type; ``property``: anything else.
Role = Literal["key", "end", "type", "property"]
#: ``column``: a CSV column; ``computed``: derived from the column named by ``of``;
#: ``schema``: taken from the relationship type in the schema; ``lifespan``: from
#: ``lifespans.csv`` (an actor's start and end).
Origin = Literal["column", "lifespan", "computed", "schema"]
#: The records that have fields, as named under ``fields:`` in schema.yaml.
RECORDS = ("actor", "relationship", "source")
#: Types a field declared in schema.yaml may have.
EXTRA_TYPES = ("text", "int", "float", "bool")

#: The largest ``schema.yaml`` read (bytes).
MAX_SCHEMA_BYTES = 1 << 20

_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]*\Z")
_RELTYPE = re.compile(r"^[A-Z][A-Z0-9_]*\Z")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}\Z")
_FIELD = re.compile(r"^[a-z][a-z0-9_]*\Z")


class SchemaError(ValueError):
    """The schema file itself is malformed."""


def _strict(check: Callable[..., Any], *args: Any) -> Any:
    """Run a :mod:`graph_loader.schemastrict` check, raising :class:`SchemaError`."""
    try:
        return check(*args)
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
    #: A signed tie between agents: it feeds the signed network and structural balance
    #: (with its ``polarity`` as sign) when both ends are agents.
    signed: bool = False
    #: The key of its :class:`Family` (``family:``), "" when the schema declares none.
    family: str = ""


@dataclass(frozen=True)
class Family:
    """A family of relationship types (``families:`` in schema.yaml): one colour in the
    views, their legends and filters, and the Neo4j Browser style."""

    name: str
    title: str
    description: str
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
    families: dict[str, Family] = dataclass_field(default_factory=dict)

    def type_color(self, name: str) -> str:
        """The colour relationships of type ``name`` are drawn in: its family's colour,
        else the type's own ``color``."""
        rt = self.relationship_types[name]
        fam = self.families.get(rt.family)
        return fam.color if fam else rt.color

    def family_types(self) -> dict[str, list[str]]:
        """Each family's relationship types, in schema order."""
        out: dict[str, list[str]] = {f: [] for f in self.families}
        for name, rt in self.relationship_types.items():
            if rt.family in out:
                out[rt.family].append(name)
        return out

    def kind(self, name: str) -> Kind:
        return self.kinds[name]

    def reltype(self, name: str) -> RelType:
        return self.relationship_types[name]

    def is_agent(self, kind: str | None) -> bool:
        """Whether nodes of ``kind`` are agents; a kind the schema lacks counts as one."""
        return kind not in self.kinds or self.kinds[kind].agent

    def signed_types(self) -> dict[str, int]:
        """The relationship types declared ``signed: true``, to their polarity (+1 or -1).

        Examples
        --------
        >>> schema = load_schema("data/schema.yaml")
        >>> schema.signed_types()["IN_CONFLICT_WITH"], "MEMBER_OF" in schema.signed_types()
        (-1, False)
        """
        return {n: rt.polarity for n, rt in self.relationship_types.items() if rt.signed}


def _require(mapping: dict, key: str, where: str) -> Any:
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
    families = _parse_families(doc.get("families") or {}, where)
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
        signed = spec.get("signed", False)
        if not isinstance(signed, bool):
            raise SchemaError(f"{w}: signed must be true or false")
        if signed and polarity == 0:
            raise SchemaError(f"{w}: a signed tie needs polarity +1 or -1, not 0")
        for end in ("source", "target"):
            if signed and not any(kinds[k].agent for k in ends[end]):
                raise SchemaError(f"{w}: a signed tie needs an agent kind among its {end} kinds")
        family = str(spec.get("family") or "")
        if families and family not in families:
            raise SchemaError(
                f"{w}: family {family!r} is not one of the families: {', '.join(families)}"
                if family else f"{w}: missing 'family' (one of: {', '.join(families)})"
            )
        if family and not families:
            raise SchemaError(f"{w}: family {family!r} given but the schema has no families:")
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
            signed=signed,
            family=family,
        )
    extra = _parse_fields(doc.get("fields") or {}, where)
    views = _parse_views(doc.get("views") or {}, types, where)
    return Schema(
        kinds=kinds, relationship_types=types, path=path, extra_fields=extra, views=views,
        families=families,
    )


def _parse_families(doc: dict, where: str) -> dict[str, Family]:
    """The ``families:`` section: ``{name: {title, description, color}}``.

    Every relationship type then names exactly one of them (``family:``), checked by
    :func:`parse_schema`.
    """
    families: dict[str, Family] = {}
    for name, spec in doc.items():
        w = f"{where}: family {name}"
        if not _FIELD.match(str(name)):
            raise SchemaError(f"{w}: not a snake_case name")
        color = str(_require(spec, "color", w))
        if not _COLOR.match(color):
            raise SchemaError(f"{w}: color {color!r} is not #rrggbb")
        families[name] = Family(
            name=name,
            title=str(spec.get("title") or name),
            description=" ".join(str(_require(spec, "description", w)).split()),
            color=color,
        )
    return families


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
    from graph_loader import yamlsafe
    from graph_loader.safeio import read_regular

    path = Path(path)
    doc = yamlsafe.load(read_regular(path, MAX_SCHEMA_BYTES, path.name).decode("utf-8"))
    return parse_schema(doc, path)
