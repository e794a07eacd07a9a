"""The typed model of the dataset: actors, relationships and sources.

Instances are produced by :func:`graph_loader.validation.load_dataset`, which
reads ``data/`` and refuses invalid data; nothing else should construct them
from raw CSV.
"""

from __future__ import annotations

import functools
import keyword
import operator
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from graph_loader.dates import PartialDate, parse_partial_date
from graph_loader.schema import Field, Schema, SchemaError

Certainty = Literal["stated", "implied"]

# --------------------------------------------------------------------------- fields

#: The fields of ``actors.csv``, in column order.
ACTOR_FIELDS: tuple[Field, ...] = (
    Field("id", "text", "Unique lowercase slug, e.g. `minsk-group`.", True, role="key"),
    Field("name", "text", "The actor's neutral name.", True),
    Field("kind", "text", "A node kind of the schema (the Neo4j label).", True),
    Field("aliases", "list", "Other names, separated by `;`."),
    Field("iso3", "text", "ISO 3166-1 alpha-3 code, on kinds marked `iso3: true` only."),
    Field("description", "text", "A short description."),
    Field("short_name", "text", "A short label for the views' canvas (`OSCE`, `Res. 822`): "
          "how the paper abbreviates the name, or a plain shortening of it; empty when the "
          "name is short.", optional_column=True),
    Field("start", "date", "When the paper says the actor came into being (`stated`), or the "
          "earliest year it places the actor when it gives no such date (`implied`): a "
          "partial date; empty if it gives neither.", origin="lifespan"),
    Field("end", "date", "When the paper says the actor ended: a partial date; empty if it "
          "gives none.", origin="lifespan"),
    Field("start_year", "year", "The year of `start`.", origin="computed", of="start"),
    Field("end_year", "year", "The year of `end`.", origin="computed", of="end"),
)
#: The fields of ``relationships.csv`` in column order, with the values computed from
#: them (``start_year``, ``end_year``, ``cites_ref``) and taken from the type's schema
#: entry (``symmetric``, ``polarity``) where the graph and the database hold them.
RELATIONSHIP_FIELDS: tuple[Field, ...] = (
    Field("id", "text", "Unique id.", True, role="key"),
    Field("source", "text", "The actor at the source end (an id in actors.csv).", True,
          role="end"),
    Field("type", "text", "A relationship type of the schema.", True, role="type"),
    Field("target", "text", "The actor at the target end (an id in actors.csv).", True,
          role="end"),
    Field("start", "date", "When it began: an ISO 8601 partial date; empty if unknown."),
    Field("end", "date", "When it ended: a partial date; empty if unknown or ongoing."),
    Field("start_year", "year", "The year of `start`.", origin="computed", of="start"),
    Field("end_year", "year", "The year of `end`.", origin="computed", of="end"),
    Field("dated", "bool", "Whether the relationship has a `start` or an `end`; an undated "
          "one holds while both its endpoints exist.", origin="computed", of="start end"),
    Field("evidence", "text", "The paper's words supporting the claim (a verbatim quote).",
          True),
    Field("section", "text", "The paper's section the quote is in.", True),
    Field("source_ref", "text", "The work the quote comes from (an id in sources.csv).", True),
    Field("cites", "text", "The work the paper attributes the statement to, e.g. "
          "`Maresca 1994`."),
    Field("cites_ref", "slug", "The id in sources.csv of `cites`.", origin="computed",
          of="cites"),
    Field("certainty", "text", "Whether the paper states the relationship or only implies it.",
          True, choices=("stated", "implied")),
    Field("note", "text", "Why, where the claim needs explaining."),
    Field("date_basis", "text", "How the dates are known: `stated` (the quote dates it), "
          "`context` (a nearby sentence, quoted in `note`), `endpoint` (an endpoint's "
          "lifespan bounds it); empty when undated.", choices=("stated", "context", "endpoint"),
          optional_column=True),
    Field("contradicts", "list", "Ids of relationships whose claims this one contradicts "
          "(the paper says both), separated by `;`; on one side of each pair.",
          optional_column=True),
    Field("symmetric", "bool", "From the type: the relationship has no direction.",
          origin="schema"),
    Field("polarity", "int", "From the type: +1 cooperative, -1 conflictual, 0 neutral.",
          origin="schema"),
)  # fmt: skip
#: The fields of ``sources.csv``, in column order.
SOURCE_FIELDS: tuple[Field, ...] = (
    Field("id", "text", "Unique id, e.g. `maresca-1994`.", True, role="key"),
    Field("citation", "text", "The work as the paper cites it.", True),
    Field("kind", "text", "`paper` (the paper itself) or `cited`."),
    Field("year", "text", "Its year."),
    Field("url", "text", "Where to read it."),
)
#: Each record's fields, by the name schema.yaml's ``fields:`` section uses.
CORE_FIELDS: dict[str, tuple[Field, ...]] = {
    "actor": ACTOR_FIELDS,
    "relationship": RELATIONSHIP_FIELDS,
    "source": SOURCE_FIELDS,
}
#: ``lifespan``: from ``lifespans.csv`` (:mod:`graph_loader.lifespans`), not a column.
ORIGINS = ("column", "lifespan", "computed", "schema")
_CORE = frozenset(f for fs in CORE_FIELDS.values() for f in fs)


def fields(
    schema: Schema | None, record: str, origins: Iterable[str] = ORIGINS
) -> tuple[Field, ...]:
    """The fields of ``record`` (``actor``, ``relationship`` or ``source``), in order.

    Parameters
    ----------
    schema : Schema or None
        Adds the fields its ``fields:`` section declares, after the model's own.
    record : str
        One of :data:`graph_loader.schema.RECORDS`.
    origins : iterable of str, optional
        Keep the fields of these origins only: ``("column",)`` gives the CSV columns.

    Returns
    -------
    tuple of Field
    """
    keep = set(origins)
    extra = schema.extra_fields.get(record, ()) if schema is not None else ()
    return tuple(f for f in (*CORE_FIELDS[record], *extra) if f.origin in keep)


class _NoExtra(Mapping[str, Any]):
    """The ``extra`` of a record without fields from schema.yaml: empty and read-only.

    One shared instance rather than an empty dict per relationship; it pickles and
    deep-copies as that instance (the benchmarks pickle datasets, networkx deep-copies
    graph attributes).
    """

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __reduce__(self) -> str:
        return "NO_EXTRA"

    def __repr__(self) -> str:
        return "{}"


NO_EXTRA: Mapping[str, Any] = _NoExtra()

# --------------------------------------------------------------------------- time

#: The years the analyses cover at least: from the start of the conflict (1988) to the
#: paper's year (2024).
YEARS = range(1988, 2025)
#: An unknown start is open (since ever), an unknown end too (ongoing).
OPEN_START, OPEN_END = -(2**62), 2**62


def span(
    start_year: int | None, end_year: int | None, *within: tuple[int, int]
) -> tuple[int, int]:
    """The first and last year something holds, an unknown bound being open.

    The one rule of time. An actor holds (exists) from its start year to its end year.
    A relationship holds within its own dates *and* while both its endpoints exist:
    pass the endpoints' spans as ``within`` and the answer is the intersection. So a
    relationship without dates holds only in the years when both its endpoints exist,
    and an open end stops when an endpoint ends (validation keeps a relationship's own
    dates inside its endpoints' lifespans). The span may be empty (``first > last``).

    Examples
    --------
    >>> span(None, None)[0] == OPEN_START
    True
    >>> span(None, None, (1991, OPEN_END), (1993, OPEN_END))[0]
    1993
    >>> span(1992, None, (OPEN_START, 1991))  # empty: never holds
    (1992, 1991)
    """
    first = OPEN_START if start_year is None else start_year
    last = OPEN_END if end_year is None else end_year
    for lo, hi in within:
        first, last = max(first, lo), min(last, hi)
    return first, last


def active_in(first: Any, last: Any, year: int) -> Any:
    """True if ``year`` lies in a :func:`span`: ``first <= year <= last``.

    ``first`` and ``last`` come from :func:`span`; they may be numpy arrays of spans,
    and then so is the answer (the per-year measures test every relationship at once).
    """
    return (first <= year) & (year <= last)


def cite_key(cites: str) -> str:
    """The sources.csv id a ``cites`` value refers to: ``"Maresca 1994"`` → ``maresca-1994``."""
    return re.sub(r"[^a-z0-9]+", "-", cites.casefold()).strip("-")


def check_fields(schema: Schema) -> None:
    """Check that the fields schema.yaml adds are new, not fields of the model.

    Raises
    ------
    SchemaError
        A record's ``fields:`` entry names a field the model already has.
    """
    for record, extra in schema.extra_fields.items():
        for f in extra:
            if f.name in {c.name for c in CORE_FIELDS[record]}:
                raise SchemaError(f"field {record}.{f.name}: the model already has it")


def _year(d: PartialDate | str | None) -> int | None:
    """The year of a date: a :class:`PartialDate`, an ISO string (an actor's bound) or none."""
    if not d:
        return None
    return d.year if isinstance(d, PartialDate) else parse_partial_date(d).year


def _expression(f: Field, attrs: set[str]) -> str:
    """Python for field ``f`` of a record (``EMPTY`` for an empty text or date).

    The record's attribute ``x`` is read as the local ``o_x``, which the reader binds
    once (:func:`_reader`); each name read is added to ``attrs``.
    """
    name, base = f.name, f.of

    def v(attr: str) -> str:
        attrs.add(attr)
        return f"o_{attr}"

    if f.origin == "schema":
        return f"_by_{name}[{v('type')}]"
    if f.type == "year":
        # A relationship's dates are PartialDates (read inline); an actor's are strings.
        d = v(base)
        return (f"({d}.year if {d}.__class__ is PartialDate "
                f"else _year({d}) if {d} else None)")  # None or "": no call
    if f.name == "dated" and f in _CORE:
        return f"({v('start')} is not None or {v('end')} is not None)"
    if f.type == "slug":
        return f"(cite_key({v(base)}) if {v(base)} else EMPTY)"  # cite_key: memoised
    if f not in _CORE:  # declared in schema.yaml: held in the record's ``extra``
        x = v("extra")
        return f"({x}.get({name!r}) or EMPTY)" if f.type == "text" else f"{x}.get({name!r})"
    x = v(name)
    return {
        # a relationship's dates are PartialDates, their text kept (_text); an actor's, text
        "date": f"({x}._text if {x}.__class__ is PartialDate else str({x}) if {x} else EMPTY)",
        "list": f"list({x})",
        "text": f"({x} or EMPTY)",
    }.get(f.type, x)


def _reader(
    chosen: list[Field], omit_none: bool, params: Sequence[str] | None = None,
    given: Sequence[str] = (),
) -> str:
    """The source of ``__init__(self, o)``, which stores each chosen field of record ``o``
    as an attribute of ``self``, in order; :class:`Projection` hands on ``self.__dict__``.

    Each attribute of the record is read once into a local (a repeated ``o.start`` cost
    ~0.4 s of a million relationships' dicts). With ``omit_none``, a field whose value
    is None is not stored. With ``params`` (the record's field names, in order), the
    source of ``__init__(self, o_<name>, ...)`` instead, of the fields it reads, in
    that order: the same attributes from the fields' values, no record. The fields
    named in ``given`` are then parameters ``g_<name>`` too, after those: their values
    worked out already (:meth:`Projection.over_columns`).
    """
    attrs: set[str] = set()
    stores = []
    for f in chosen:
        value = f"g_{f.name}" if f.name in given else _expression(f, attrs)
        if omit_none:
            stores.append(f"    v = {value}\n    if v is not None:\n    {_store(f.name, 'v')}")
        else:
            stores.append(_store(f.name, value))
    body = "".join(stores) or "    pass\n"
    if params is not None:
        missing = attrs - set(params)
        if missing:
            raise ValueError(f"no column for the record's {', '.join(sorted(missing))}")
        args = ", ".join(["self", *(f"o_{p}" for p in params if p in attrs),
                          *(f"g_{g}" for g in given)])
        return f"def __init__({args}):\n" + body
    binds = "".join(f"    o_{a} = o.{a}\n" for a in sorted(attrs))
    return "def __init__(self, o):\n" + binds + body


def _store(name: str, value: str) -> str:
    """The statement that stores ``value`` as attribute ``name`` of ``self``."""
    if keyword.iskeyword(name):  # ``class`` is a field name, but no attribute in Python's grammar
        return f"    _set(self, {name!r}, {value})\n"
    return f"    self.{name} = {value}\n"


def _made(source: str, scope: dict[str, Any]) -> type:
    """The class whose ``__init__`` is ``source`` (:func:`_reader`'s), compiled in ``scope``.

    Its instances' ``__dict__`` are the dicts a projection hands out. They share their
    keys, the instances of one class (PEP 412's key-sharing dictionaries): a million
    relationships' 18-key dicts took ~0.7 CPU s and ~220 MB less than from a dict
    display. They are plain dicts, and outlive the instance.
    """
    exec(source, scope)  # noqa: S102 (field names are checked: schema._FIELD)
    return type("Projected", (), {"__init__": scope["__init__"]})


#: An instance's ``__dict__``, at C speed.
_DICT = operator.attrgetter("__dict__")


class Distinct(NamedTuple):
    """A column as its distinct values and each row's place among them.

    What a columnar dataset may give besides a column (:meth:`Dataset.from_columns`),
    so that a projection works out a field of it once per distinct value
    (:meth:`Projection.over_columns`).
    """

    values: Sequence[Any]
    #: A numpy integer array: row ``i`` holds ``values[codes[i]]``.
    codes: Any


def take(values: Sequence[Any], codes: Any) -> list[Any]:
    """``[values[c] for c in codes]``, in numpy (``codes``: a numpy integer array)."""
    import numpy as np  # here: a dataset of records needs no numpy

    table = np.fromiter(values, dtype=object, count=len(values))  # tuples stay objects
    out: list[Any] = table[codes].tolist()
    return out


def _per_value(f: Field) -> bool:
    """Whether field ``f`` is worth working out once per distinct value of the column it
    reads: its expression branches or calls (a date's text, a year, a cited work's id,
    a type's property), and its value is never changed (no list)."""
    return f.origin == "schema" or f.type in ("date", "year", "slug")


class Projection:
    """Reads chosen fields of records into dicts: what each output stores of a record.

    The reader is compiled from the declaration into one ``__init__`` that stores each
    field (:func:`_reader`, :func:`_made`): the loader calls it for every relationship,
    and a loop over the fields would be three times slower. Field names are checked
    (:mod:`graph_loader.schema`).

    Parameters
    ----------
    schema : Schema
        For the fields taken from a relationship's type.
    fields : iterable of Field
        The fields to read, in the order of the dict.
    empty : Any, optional
        What an empty text or date becomes: ``""`` (the graph, JSON) or ``None``
        (a database, where it is an absent property).
    omit_none : bool, optional
        Leave out the fields whose value is ``None`` (what a database stores), in the
        same pass instead of a second one over the dict.

    Examples
    --------
    >>> from graph_loader.schema import load_schema
    >>> schema = load_schema("data/schema.yaml")
    >>> p = Projection(schema, fields(schema, "actor"), empty=None)
    >>> p(Actor("aze", "Azerbaijan", "State", ("Baku",), "AZE"))["description"] is None
    True
    """

    def __init__(
        self, schema: Schema, fields: Iterable[Field], empty: Any = "", omit_none: bool = False
    ) -> None:
        chosen = list(fields)
        by_type = {
            f.name: {t: getattr(rt, f.name) for t, rt in schema.relationship_types.items()}
            for f in chosen
            if f.origin == "schema"
        }
        scope: dict[str, Any] = {f"_by_{name}": v for name, v in by_type.items()}
        scope.update(cite_key=functools.lru_cache(maxsize=None)(cite_key), EMPTY=empty,
                     _year=_year, PartialDate=PartialDate)
        scope["_set"] = object.__setattr__
        self._made = _made(_reader(chosen, omit_none), dict(scope))
        self._chosen, self._omit_none, self._scope = chosen, omit_none, scope
        # by the names of the columns and of the fields given (over_columns)
        self._column_makers: dict[tuple[tuple[str, ...], tuple[str, ...]], type] = {}

    def __call__(self, record: Any) -> dict[str, Any]:
        made: dict[str, Any] = self._made(record).__dict__
        return made

    def over_columns(
        self, columns: Mapping[str, Iterable[Any]], distinct: Mapping[str, Distinct] | None = None
    ) -> Iterator[dict[str, Any]]:
        """The dicts of records given as columns, without making the records.

        ``map(self, records(cls, *columns.values()))`` without the records: a
        million relationships' dicts in ~1.0-1.4 CPU s instead of ~2.4, and the records'
        ~1.2 s not spent (:meth:`Dataset.from_columns`).

        Parameters
        ----------
        columns : mapping of str to iterable
            Each field of the record class, in its order, to its values.
        distinct : mapping of str to Distinct, optional
            Some of those columns again, as their distinct values and codes. A field
            read from one of them alone (a date's text and year, a type's properties)
            is worked out once per distinct value: at a million relationships (12,805
            distinct starts, 8,154 ends, 57 types), ~0.2 CPU s less than row by row.

        Examples
        --------
        >>> from graph_loader.schema import load_schema
        >>> schema = load_schema("data/schema.yaml")
        >>> p = Projection(schema, [f for f in fields(schema, "actor") if f.name == "name"])
        >>> cols = {f.name: [getattr(a, f.name)] for f in dataclass_fields(Actor)
        ...         for a in [Actor("aze", "Azerbaijan", "State")]}
        >>> list(p.over_columns(cols))
        [{'name': 'Azerbaijan'}]
        """
        names = tuple(columns)
        given = self._given(distinct or {})
        key = (names, tuple(given))
        made = self._column_makers.get(key)
        if made is None:
            source = _reader(self._chosen, self._omit_none, names, key[1])
            made = self._column_makers[key] = _made(source, dict(self._scope))
        # only the columns read: map's every iterator costs (~0.1 s for four at 1M)
        code = vars(made)["__init__"].__code__
        params = code.co_varnames[1:code.co_argcount]
        read = [columns[p[2:]] for p in params if p.startswith("o_")]
        return map(_DICT, map(made, *read, *given.values()))

    def _given(self, distinct: Mapping[str, Distinct]) -> dict[str, list[Any]]:
        """The fields worked out per distinct value (:func:`_per_value`): their columns."""
        out: dict[str, list[Any]] = {}
        for f in self._chosen:
            attrs: set[str] = set()
            expression = _expression(f, attrs)
            if not (_per_value(f) and len(attrs) == 1 and (col := next(iter(attrs))) in distinct):
                continue
            scope = dict(self._scope)
            exec(f"def value(o_{col}):\n    return {expression}\n", scope)  # noqa: S102
            values, codes = distinct[col]
            out[f.name] = take(list(map(scope["value"], values)), codes)
        return out


R = TypeVar("R")


def records(cls: type[R], *columns: Iterable[Any]) -> list[R]:
    """Records of a dataclass of this module from its fields' columns, in field order.

    As ``list(map(cls, *columns))``, but without the frozen dataclass's ``__init__``,
    which sets each field through ``object.__setattr__`` (the records here have no
    ``__post_init__``): each record's fields are stored straight into its ``__dict__``
    (:func:`_maker`), a million relationships in 1.0 s instead of 3.4.

    Examples
    --------
    >>> a = records(Actor, *([v] for v in ("aze", "Azerbaijan", "State", (), "AZE", "", "",
    ...                                   2, NO_EXTRA, "", "")))
    >>> a == [Actor("aze", "Azerbaijan", "State", (), "AZE", line=2)]
    True
    """
    make: Callable[..., R] = _maker(cls)  # type: ignore[arg-type]
    return list(map(make, *columns))


@functools.cache
def _maker(cls: type) -> Callable[..., Any]:
    """A function of ``cls``'s fields, in order, that makes a record without ``__init__``.

    Compiled to one store per field into the new record's ``__dict__``: twice as fast
    as ``__dict__.update(zip(names, values))``, and the same dict (its keys shared
    with every record of the class). Field names are a dataclass's: identifiers.
    """
    names = [f.name for f in dataclass_fields(cls)]
    args = ", ".join(f"_{i}" for i in range(len(names)))
    stores = "".join(f"    d[{n!r}] = _{i}\n" for i, n in enumerate(names))
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    exec(f"def make({args}):\n    r = new(cls)\n    d = r.__dict__\n{stores}    return r",  # noqa: S102
         scope)
    make: Callable[..., Any] = scope["make"]
    return make


@dataclass(frozen=True)
class Actor:
    """A node: one row of ``actors.csv`` (:data:`ACTOR_FIELDS`).

    ``line`` is its line in the file; ``extra`` holds the fields schema.yaml adds.
    """

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    iso3: str = ""
    description: str = ""
    #: A short label for the views (``short_name``); "" when the name is short enough.
    short_name: str = ""
    line: int = 0
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, hash=False)
    #: The actor's lifespan as the paper dates it (``lifespans.csv``, not a column of
    #: actors.csv): ISO 8601 partial dates, "" when the paper gives none.
    start: str = ""
    end: str = ""

    @property
    def start_year(self) -> int | None:
        return _year(self.start)

    @property
    def end_year(self) -> int | None:
        return _year(self.end)

    def span(self) -> tuple[int, int]:
        """The years the actor exists (:func:`span`)."""
        return span(self.start_year, self.end_year)


@dataclass(frozen=True)
class Relationship:
    """An edge: one row of ``relationships.csv``, a claim attributed to a passage.

    Its fields are declared in :data:`RELATIONSHIP_FIELDS`.
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
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, hash=False)

    @property
    def cites_ref(self) -> str:
        """The id in sources.csv of the cited work, or "" if none is cited."""
        return cite_key(self.cites) if self.cites else ""

    @property
    def start_year(self) -> int | None:
        return self.start.year if self.start else None

    @property
    def end_year(self) -> int | None:
        return self.end.year if self.end else None

    @property
    def dated(self) -> bool:
        """Whether the relationship has a start or an end of its own."""
        return self.start is not None or self.end is not None

    def active_in(self, year: int, *within: tuple[int, int]) -> bool:
        """True if the relationship holds in ``year`` (:func:`span`, :func:`active_in`).

        ``within``: its endpoints' spans (:meth:`Actor.span`); without them only its
        own dates count, a missing start or end being open.
        """
        return bool(active_in(*span(self.start_year, self.end_year, *within), year))


@dataclass(frozen=True)
class Source:
    """A work: the paper itself or one it cites (:data:`SOURCE_FIELDS`)."""

    id: str
    citation: str
    kind: str = ""
    year: str = ""
    url: str = ""
    line: int = 0
    extra: Mapping[str, Any] = field(default_factory=lambda: NO_EXTRA, hash=False)


#: Held while a dataset of :meth:`Dataset.from_columns` makes its relationships.
_MAKING = threading.Lock()


@dataclass
class Dataset:
    """The validated dataset, with the schema it conforms to.

    A dataset from :meth:`from_columns` makes its relationships when they are first
    read; until then :meth:`relationship_columns` gives their fields' columns.
    """

    schema: Schema
    actors: dict[str, Actor] = field(default_factory=dict)
    relationships: list[Relationship] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    @classmethod
    def from_columns(
        cls,
        schema: Schema,
        actors: dict[str, Actor],
        columns: Mapping[str, Sequence[Any]],
        sources: dict[str, Source],
        distinct: Mapping[str, Distinct] | None = None,
    ) -> Dataset:
        """A dataset whose relationships are made from ``columns`` when first read.

        The graph is built from the columns (:meth:`Projection.over_columns`): reading
        a million relationships into a graph then makes no records (~1.2 CPU s).

        Parameters
        ----------
        columns : mapping of str to sequence
            Each field of :class:`Relationship`, in its order, to its values (sequences,
            read more than once); none is changed afterwards.
        distinct : mapping of str to Distinct, optional
            Some of those columns as their distinct values and codes, for the
            projections (:meth:`Projection.over_columns`).

        Examples
        --------
        >>> from graph_loader.schema import load_schema
        >>> r = Relationship("r1", "arm", "IN_CONFLICT_WITH", "aze", None, None, "", "", "p")
        >>> cols = {f.name: [getattr(r, f.name)] for f in dataclass_fields(Relationship)}
        >>> ds = Dataset.from_columns(load_schema("data/schema.yaml"), {}, cols, {})
        >>> ds.relationship_columns() is not None, ds.relationship_count
        (True, 1)
        >>> ds.relationships == [r], ds.relationship_columns()
        (True, None)
        """
        names = [f.name for f in dataclass_fields(Relationship)]
        if list(columns) != names:
            raise ValueError(f"the columns are not Relationship's fields {names}")
        ds = cls.__new__(cls)
        ds.schema, ds.actors, ds.sources = schema, actors, sources
        ds.__dict__["_columns"] = dict(columns)
        ds.__dict__["_distinct"] = dict(distinct or {})
        return ds

    if not TYPE_CHECKING:  # mypy would take any attribute as this one's

        def __getattr__(self, name: str) -> Any:
            # Only attributes not set reach here: the relationships of from_columns.
            if name == "relationships":
                d = self.__dict__
                with _MAKING:  # one thread makes them; another waits, then reads them
                    if name not in d and "_columns" in d:
                        d[name] = records(Relationship, *d["_columns"].values())
                        del d["_columns"]
                        d.pop("_distinct", None)  # absent from a dataset pickled before it
                if name in d:
                    return d[name]
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def project_relationships(self, projection: Projection) -> Iterator[dict[str, Any]]:
        """``map(projection, self.relationships)``, read from the relationships' columns
        while no record is made (:meth:`from_columns`)."""
        columns = self.relationship_columns()
        if columns is None:
            return map(projection, self.relationships)
        return projection.over_columns(columns, self.__dict__.get("_distinct"))

    def relationship_columns(self) -> Mapping[str, Sequence[Any]] | None:
        """The relationships' columns (:meth:`from_columns`) while no record is made."""
        columns: Mapping[str, Sequence[Any]] | None = self.__dict__.get("_columns")
        return columns

    @property
    def relationship_count(self) -> int:
        """How many relationships, without making them."""
        columns = self.relationship_columns()
        return len(self.relationships) if columns is None else len(columns["id"])

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

    def holds_in(self, r: Relationship, year: int) -> bool:
        """True if ``r`` holds in ``year`` by the one rule (its dates, its endpoints' lives)."""
        return r.active_in(year, self.actors[r.source].span(), self.actors[r.target].span())

    def years(self) -> tuple[int, int]:
        """The first and last year any relationship names."""
        ys = [
            d.year
            for r in self.relationships
            for d in (r.start, r.end)
            if d is not None
        ]
        return (min(ys), max(ys)) if ys else (0, 0)
