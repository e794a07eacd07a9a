"""Validate ``data/`` and turn it into a :class:`~graph_loader.model.Dataset`.

:func:`validate` reads ``schema.yaml``, ``actors.csv``, ``relationships.csv``
and ``sources.csv`` and collects every problem it finds, one
:class:`ValidationIssue` per problem, instead of stopping at the first one.
:func:`load_dataset` is the entry point for the rest of the package: it
returns the dataset or raises :class:`DataValidationError`.

Issues read ``file:line: field: message``. ``line`` is the physical line the
record starts on (the header is line 1); 0 means the file as a whole.

Checks
------
schema.yaml
    Parsable YAML with the structure :func:`graph_loader.schema.parse_schema` expects.
actors.csv
    ``id``, ``name`` and ``kind`` are required; ``id`` is a lowercase slug and
    unique; ``kind`` is a schema kind; ``iso3`` only on kinds whose schema says
    ``iso3: true``, and then an ISO 3166-1 alpha-3 code (current, or historic
    such as ``SUN`` for the Soviet Union).
relationships.csv
    ``id``, ``source``, ``type``, ``target``, ``evidence``, ``section``,
    ``source_ref`` and ``certainty`` are required; ids unique; ``type`` is a
    schema type; ``source``/``target`` are known actors of a kind the type
    allows at that end; ``start``/``end`` are ISO 8601 partial dates and the
    end is not before the start; ``certainty`` is ``stated`` or ``implied``;
    ``source_ref`` is an id in sources.csv; ``evidence`` has at most
    :data:`MAX_EVIDENCE_WORDS` words and, when the paper's text is given,
    occurs in it (see :class:`QuoteIndex` for the normalisation applied).
sources.csv
    ``id`` and ``citation`` are required; ids unique.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
import yaml

from graph_loader import suggest, yamlsafe
from graph_loader.csvio import (
    CsvError,
    CsvProblem,
    CsvRow,
    CsvTable,
    Utf8Error,
    decode_utf8,
    read_csv,
)
from graph_loader.dates import parse_partial_date
from graph_loader.gcpause import without_gc
from graph_loader.model import Actor, Dataset, Relationship, Source, check_fields, cite_key, fields
from graph_loader.safeio import UnsafePathError, read_regular
from graph_loader.schema import MAX_SCHEMA_BYTES, Field, Schema, SchemaError, parse_schema

SCHEMA_FILE = "schema.yaml"
ACTORS_FILE = "actors.csv"
RELATIONSHIPS_FILE = "relationships.csv"
SOURCES_FILE = "sources.csv"

#: How a relationship's dates are known (``date_basis``); "" when it has none.
DATE_BASES: tuple[str, ...] = ("stated", "context", "endpoint")
#: A quoted passage in a note: '...' or "..." (straight or curly), not an apostrophe.
NOTE_QUOTE = re.compile(
    r"""(?:^|(?<=[\s(\[]))(?:'(.+?)'|"(.+?)"|\u2018(.+?)\u2019|\u201c(.+?)\u201d)(?=$|[\s.,;:)\]])"""
)
#: Evidence is a quote supporting one claim, not a paragraph; longer quotes are errors.
MAX_EVIDENCE_WORDS = 60
#: ... and at most this many characters (the quote search must stay cheap on any input).
MAX_EVIDENCE_CHARS = 1000

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@dataclass(frozen=True, order=True)
class ValidationIssue:
    """One problem in the data.

    Attributes
    ----------
    file : str
        The file's name relative to the data directory, e.g. ``relationships.csv``.
    line : int
        The physical line the record starts on (header = 1); 0 for the whole file.
    field : str
        The column concerned, or ``file``, ``header``, ``row``, ``yaml``, ``schema``.
    message : str
        What is wrong and, where possible, what is allowed.
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class DataValidationError(ValueError):
    """The data directory does not validate; ``issues`` lists every problem."""

    def __init__(self, issues: Sequence[ValidationIssue]) -> None:
        self.issues = list(issues)
        n = len(self.issues)
        lines = "\n".join(str(i) for i in self.issues)
        super().__init__(f"{n} error{'s' if n != 1 else ''} in the data:\n{lines}")


# --------------------------------------------------------------------------- quotes

_SOFT = "\u00ad"  # marks a line-end hyphenation point in the normalised source text
_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2122": '"',  # the OCR reads one closing quote as a trademark sign
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u200b": None, "\ufeff": None, "\u200c": None, "\u200d": None,
    }
)  # fmt: skip
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")
_SPACES = re.compile(r"\s+")


def normalise_source(text: str) -> str:
    """Normalise the paper's text for quote matching.

    Quotes and dashes are unified, a hyphen at a line end between two word
    characters becomes a soft-hyphen marker (the word may be joined or
    hyphenated), whitespace runs collapse to one space, and case is folded.
    """
    text = text.translate(_CHAR_MAP)
    text = _LINE_END_HYPHEN.sub(_SOFT, text)
    return _SPACES.sub(" ", text).casefold().strip()


def normalise_quote(quote: str) -> str:
    """Normalise an evidence quote the same way as :func:`normalise_source`.

    A line-end hyphen inside the quote is kept as a hyphen: it matches the
    source either hyphenated or joined.
    """
    quote = quote.translate(_CHAR_MAP).replace(_SOFT, "")
    quote = _LINE_END_HYPHEN.sub("-", quote)
    return _SPACES.sub(" ", quote).casefold().strip()


class QuoteIndex:
    """Finds evidence quotes in the paper's text, tolerant of OCR layout.

    Both texts are normalised (:func:`normalise_source`, :func:`normalise_quote`):
    curly and straight quotes, apostrophes and the OCR's ``™`` are unified,
    dashes become ``-``, whitespace (including newlines) collapses, case is
    folded. A word broken at a line end (``full-\\nscale``) matches both
    ``fullscale`` and ``full-scale``.

    Parameters
    ----------
    text : str
        The full text of the source; it is normalised once.
    """

    def __init__(self, text: str) -> None:
        self.text = normalise_source(text)
        # Fast paths: the text with hyphenation points joined or hyphenated.
        self._joined = self.text.replace(_SOFT, "")
        self._hyphenated = self.text.replace(_SOFT, "-")

    @staticmethod
    def _pattern(quote: str) -> re.Pattern[str]:
        # A hyphenation point may fall between any two characters; a hyphen
        # in the quote may correspond to one.
        parts = ["(?:-|\u00ad)" if c == "-" else re.escape(c) for c in quote]
        return re.compile("\u00ad?".join(parts))

    def _found(self, q: str) -> bool:
        if q in self._joined or q in self._hyphenated:
            return True
        return self._pattern(q).search(self.text) is not None

    def contains(self, quote: str) -> bool:
        """True if ``quote`` occurs in the text after normalisation."""
        q = normalise_quote(quote)
        return bool(q) and self._found(q)

    def longest_prefix(self, quote: str) -> int:
        """Length of the longest start of the normalised quote found in the text."""
        q = normalise_quote(quote)
        lo, hi = 0, len(q)  # invariant: q[:lo] is found; binary search works as prefixes nest
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._found(q[:mid]):
                lo = mid
            else:
                hi = mid - 1
        return lo

    def explain_missing(self, quote: str) -> str:
        """The issue message for a quote that :meth:`contains` rejects."""
        q = normalise_quote(quote)
        k = self.longest_prefix(quote)
        if k == 0:
            return "quote not found in source text (not even its first character matches)"
        tail = q[max(0, k - 30) : k]
        return (
            f"quote not found in source text (its first {k} of {len(q)} characters match, "
            f'up to "{tail}")'
        )


# --------------------------------------------------------------------------- helpers


class _Collector:
    """Accumulates issues for one file."""

    def __init__(self, file: str, issues: list[ValidationIssue]) -> None:
        self.file = file
        self.issues = issues

    def add(self, line: int, field: str, message: str) -> None:
        self.issues.append(ValidationIssue(self.file, line, field, message))

    def add_problems(self, problems: Iterable[CsvProblem]) -> None:
        for p in problems:
            self.add(p.line, p.field, p.message)


def _suggest(value: str, choices: Collection[str]) -> str:
    """`` (did you mean 'x'?)`` for a near miss, else ""."""
    close = suggest.nearest(value, choices)  # bounded and cached
    return f" (did you mean {close!r}?)" if close else ""


def _read_table(
    data_dir: Path,
    name: str,
    columns: Sequence[str],
    issues: list[ValidationIssue],
    optional: Sequence[str] = (),
) -> CsvTable | None:
    out = _Collector(name, issues)
    try:
        table = read_csv(data_dir / name, columns, [c for c in columns if c not in optional])
    except CsvError as exc:
        out.add_problems(exc.problems)
        return None
    out.add_problems(table.problems)
    return table


_BOOLS = {"true": True, "false": False}
_EXPECTED = {"int": "a whole number", "float": "a number", "bool": "true or false"}


def parse_value(f: Field, text: str) -> Any:
    """The typed value of a cell of column ``f`` (its stripped ``text``).

    A list is a tuple of its ``;``-separated items; an empty text, date or number is
    None (an empty text stays ""). Both readers (:mod:`graph_loader.fastcsv` too) use it.

    Raises
    ------
    ValueError
        The text does not parse; the message is the issue's.

    Examples
    --------
    >>> from graph_loader.schema import Field
    >>> parse_value(Field("aliases", "list", ""), "Baku; ;Republic of Azerbaijan")
    ('Baku', 'Republic of Azerbaijan')
    >>> parse_value(Field("n", "int", ""), "x")
    Traceback (most recent call last):
    ...
    ValueError: 'x' is not a whole number
    """
    if f.type == "list":
        return tuple(a.strip() for a in text.split(";") if a.strip())
    if f.type == "text":
        return text
    if not text:
        return None
    try:
        if f.type == "date":
            return parse_partial_date(text)
        if f.type == "int":
            return int(text)
        if f.type == "float":
            return float(text)
        return _BOOLS[text.lower()]
    except (KeyError, ValueError) as exc:
        if f.type == "date":
            raise
        raise ValueError(f"{text!r} is not {_EXPECTED[f.type]}") from exc


def _parse(row: CsvRow, f: Field, out: _Collector) -> Any:
    """The value of column ``f`` in ``row``, typed; None (and an issue) if it does not parse."""
    try:
        return parse_value(f, row.get(f.name))
    except ValueError as exc:
        out.add(row.line, f.name, str(exc))
        return None


class _Reader:
    """Reads rows of one file into records of ``cls``, as its declared columns say.

    What each column needs (required, typed, a choice, an added field) is sorted out
    once per file, not once per row: validation reads a million relationships.
    """

    def __init__(self, cls: type, columns: Sequence[Field]) -> None:
        own = {f.name for f in dataclasses.fields(cls)}
        self.cls = cls
        self.required = [f.name for f in columns if f.required]
        self.choices = [(f.name, f.choices) for f in columns if f.choices]
        self.text = [f.name for f in columns if f.type == "text" and f.name in own]
        self.typed = [f for f in columns if f.type != "text" and f.name in own]
        self.extra = [f for f in columns if f.name not in own]  # from schema.yaml

    def require(self, row: CsvRow, out: _Collector) -> None:
        for name in self.required:
            if not row.values.get(name):
                out.add(row.line, name, "required value is empty")

    def record(self, row: CsvRow, out: _Collector) -> Any:
        values = row.values
        kw: dict[str, Any] = {name: values.get(name, "") for name in self.text}
        for f in self.typed:
            kw[f.name] = _parse(row, f, out)
        if self.extra:
            kw["extra"] = {f.name: _parse(row, f, out) for f in self.extra}
        return self.cls(**kw, line=row.line)

    def check_choices(self, row: CsvRow, out: _Collector) -> None:
        for name, choices in self.choices:
            value = row.values.get(name)
            if value and value not in choices:
                out.add(row.line, name, f"{value!r} is not one of: {_join(choices)}")


def _check_ids(table: CsvTable, out: _Collector) -> dict[str, int]:
    """Report duplicate ids; return each id's first line."""
    first: dict[str, int] = {}
    for row in table.rows:
        rid = row.get("id")
        if not rid:
            continue
        if rid in first:
            out.add(row.line, "id", f"duplicate id {rid!r}; first defined at line {first[rid]}")
        else:
            first[rid] = row.line
    return first


def _columns(schema: Schema | None, record: str) -> list[str]:
    """The CSV columns of ``record``: the model's and those schema.yaml adds."""
    return [f.name for f in fields(schema, record, ("column",))]


def _optional_columns(schema: Schema | None, record: str) -> list[str]:
    """The columns of ``record`` a file may leave out (``Field.optional_column``)."""
    return [f.name for f in fields(schema, record, ("column",)) if f.optional_column]


def _iso3_codes() -> frozenset[str]:
    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries}
    return frozenset(codes)


def _article(word: str) -> str:
    return "an" if word[:1] in "AEIOU" else "a"


def _join(names: Iterable[str]) -> str:
    return ", ".join(names)


# --------------------------------------------------------------------------- schema


def _load_schema(data_dir: Path, issues: list[ValidationIssue]) -> Schema | None:
    out = _Collector(SCHEMA_FILE, issues)
    path = data_dir / SCHEMA_FILE
    try:
        text = decode_utf8(read_regular(path, MAX_SCHEMA_BYTES, "the file"))
    except FileNotFoundError:
        out.add(0, "file", "file not found")
        return None
    except Utf8Error as exc:
        out.add(exc.line, "file", str(exc))
        return None
    except UnsafePathError as exc:
        out.add(0, "file", str(exc))
        return None
    except OSError as exc:
        out.add(0, "file", f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        doc = yamlsafe.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        out.add(mark.line + 1 if mark else 0, "yaml", str(problem))
        return None
    try:
        schema = parse_schema(doc)
        check_fields(schema)
    except (SchemaError, AttributeError, TypeError, ValueError) as exc:
        # parse_schema prefixes "schema: "; the file name is already in the issue.
        message = re.sub(r"^schema: ", "", str(exc))
        if not isinstance(exc, SchemaError):
            message = f"malformed entry ({message})"
        out.add(_schema_line(text, message), "schema", message)
        return None
    return dataclasses.replace(schema, path=path)


def _schema_line(text: str, message: str) -> int:
    """The line of the kind or type a schema error names, else 0."""
    m = re.search(r"(?:kind|relationship type) '?([A-Za-z0-9_]+)'?", message)
    if m:
        key = re.compile(rf"^\s+{re.escape(m.group(1))}\s*:", re.M)
        hit = key.search(text)
        if hit:
            return text.count("\n", 0, hit.start()) + 1
    return 0


# --------------------------------------------------------------------------- files


def _check_actors(table: CsvTable, schema: Schema | None, out: _Collector) -> dict[str, Actor]:
    read = _Reader(Actor, fields(schema, "actor", ("column",)))
    iso3_codes = _iso3_codes()
    iso3_kinds = [k.name for k in schema.kinds.values() if k.iso3] if schema else []
    first = _check_ids(table, out)
    actors: dict[str, Actor] = {}
    for row in table.rows:
        read.require(row, out)
        aid, kind, iso3 = row.get("id"), row.get("kind"), row.get("iso3")
        if aid and not SLUG.match(aid):
            out.add(
                row.line,
                "id",
                f"{aid!r} is not a lowercase slug (a-z, 0-9 and single hyphens, "
                "e.g. 'minsk-group')",
            )
        if schema and kind and kind not in schema.kinds:
            out.add(
                row.line,
                "kind",
                f"unknown kind {kind!r}{_suggest(kind, schema.kinds)}; "
                f"allowed: {_join(schema.kinds)}",
            )
        if not iso3 and schema and kind in schema.kinds and schema.kinds[kind].iso3:
            out.add(row.line, "iso3", f"missing: every {kind} carries an ISO 3166-1 alpha-3 code")
        if iso3:
            if schema and kind in schema.kinds and not schema.kinds[kind].iso3:
                out.add(
                    row.line,
                    "iso3",
                    f"only {' or '.join(iso3_kinds) or 'no'} actors carry an ISO 3166-1 "
                    f"alpha-3 code, not {kind}",
                )
            elif iso3 not in iso3_codes:
                hint = f" (use upper case: {iso3.upper()!r})" if iso3.upper() in iso3_codes else ""
                out.add(row.line, "iso3", f"{iso3!r} is not an ISO 3166-1 alpha-3 code{hint}")
        actor = read.record(row, out)
        if aid and first.get(aid) == row.line:
            actors[aid] = actor
    return actors


def _check_sources(table: CsvTable, schema: Schema | None, out: _Collector) -> dict[str, Source]:
    read = _Reader(Source, fields(schema, "source", ("column",)))
    first = _check_ids(table, out)
    sources: dict[str, Source] = {}
    for row in table.rows:
        read.require(row, out)
        source = read.record(row, out)
        if source.id and first.get(source.id) == row.line:
            sources[source.id] = source
    return sources


def _check_relationships(
    table: CsvTable,
    schema: Schema | None,
    actors: dict[str, Actor] | None,
    sources: dict[str, Source] | None,
    quotes: QuoteIndex | None,
    unreadable_ids: set[str],
    out: _Collector,
) -> list[Relationship]:
    """Check each row.

    ``actors``/``sources`` are None when their file was unreadable;
    ``unreadable_ids`` are ids on rows already reported as unreadable, which
    references may name without a second, follow-on error.
    """
    read = _Reader(Relationship, fields(schema, "relationship", ("column",)))
    _check_ids(table, out)
    rels: list[Relationship] = []
    for row in table.rows:
        read.require(row, out)
        rtype = row.get("type")
        reltype = schema.relationship_types.get(rtype) if schema else None
        if schema and rtype and reltype is None:
            types = schema.relationship_types
            out.add(
                row.line,
                "type",
                f"unknown relationship type {rtype!r}{_suggest(rtype, types)}; "
                f"allowed: {_join(types)}",
            )
        for end in ("source", "target"):
            aid = row.get(end)
            if not aid or actors is None:
                continue
            actor = actors.get(aid)
            if actor is None:
                if aid not in unreadable_ids:
                    out.add(row.line, end, f"unknown actor {aid!r}{_suggest(aid, actors)}")
                continue
            allowed = getattr(reltype, end) if reltype else None
            # An actor whose kind is missing or unknown is reported in actors.csv only.
            known_kind = schema is not None and actor.kind in schema.kinds
            if allowed and known_kind and actor.kind not in allowed:
                out.add(
                    row.line,
                    end,
                    f"actor {aid!r} is {_article(actor.kind)} {actor.kind}; "
                    f"{rtype} allows {_join(allowed)}",
                )
        rel: Relationship = read.record(row, out)
        start, end_date = rel.start, rel.end
        if start and end_date and end_date.latest() < start.earliest():
            out.add(row.line, "end", f"end {end_date} is before start {start}")
        if "date_basis" in table.header:
            _check_date_basis(row, quotes, out)
        evidence = row.get("evidence")
        if evidence:
            words = len(evidence.split())
            if words > MAX_EVIDENCE_WORDS:
                out.add(
                    row.line,
                    "evidence",
                    f"quote has {words} words; at most {MAX_EVIDENCE_WORDS} allowed "
                    "(quote the shortest passage that supports the claim)",
                )
            elif len(evidence) > MAX_EVIDENCE_CHARS:
                out.add(
                    row.line,
                    "evidence",
                    f"quote has {len(evidence)} characters; at most {MAX_EVIDENCE_CHARS} "
                    "allowed (quote the shortest passage that supports the claim)",
                )
            elif quotes is not None and not quotes.contains(evidence):
                out.add(row.line, "evidence", quotes.explain_missing(evidence))
        ref = row.get("source_ref")
        if ref and sources is not None and ref not in sources and ref not in unreadable_ids:
            out.add(
                row.line,
                "source_ref",
                f"unknown source {ref!r}{_suggest(ref, sources)}; not an id in {SOURCES_FILE}",
            )
        cites = row.get("cites")
        if cites and sources is not None and cite_key(cites) not in sources:
            out.add(
                row.line,
                "cites",
                f"{cites!r} names no source: add a row with id {cite_key(cites)!r} "
                f"to {SOURCES_FILE}",
            )
        read.check_choices(row, out)
        rels.append(rel)
    ids = {r.id for r in rels} | {i for i in unreadable_ids if i}
    _check_contradicts(rels, ids, table.complete, out)
    return rels


def _check_contradicts(
    rels: list[Relationship], ids: set[str], complete: bool, out: _Collector
) -> None:
    """``contradicts``: ids of other relationships, each pair stored on one side only.

    ``ids`` are every relationship id there is (those of unreadable rows too); ``rels``
    may be only the relationships that list any.
    """
    listed = {(r.id, c) for r in rels for c in r.contradicts}
    for r in rels:
        seen: set[str] = set()
        for c in r.contradicts:
            if c == r.id:
                out.add(r.line, "contradicts", f"{c!r} is this relationship itself")
            elif c in seen:
                out.add(r.line, "contradicts", f"{c!r} is listed twice")
            elif complete and c not in ids:
                out.add(r.line, "contradicts", f"unknown relationship {c!r}{_suggest(c, ids)}")
            elif (c, r.id) in listed and c < r.id:
                out.add(r.line, "contradicts", f"{c!r} already lists {r.id!r}: store each "
                        "contradiction on one side only")
            seen.add(c)


def _check_date_basis(row: CsvRow, quotes: QuoteIndex | None, out: _Collector) -> None:
    """``date_basis``: one of :data:`DATE_BASES`, given iff the row has a date;
    ``context`` needs a note quoting the sentence that dates it (found in the
    paper's text when it is given)."""
    basis, dated, note = row.get("date_basis"), row.get("start") or row.get("end"), row.get("note")
    if basis and basis not in DATE_BASES:
        return  # the declared choices report it
    if dated and not basis:
        out.add(row.line, "date_basis", f"required when start or end is given: {_join(DATE_BASES)}")
    elif basis and not dated:
        out.add(row.line, "date_basis", f"{basis!r} given but the row has no start or end")
    elif basis == "context":
        found = ["".join(m.groups("")) for m in NOTE_QUOTE.finditer(note)]
        if not found:
            out.add(row.line, "note", "date_basis 'context' needs a note that quotes the "
                    "sentence that dates it, in quotation marks")
        elif quotes is not None and not any(quotes.contains(q) for q in found):
            out.add(row.line, "note", "date_basis 'context': no quotation in the note is found "
                    "in the source text")


# --------------------------------------------------------------------------- API


@without_gc
def validate(
    data_dir: str | Path, source_text: str | None = None, *, fast: bool | None = None
) -> tuple[Dataset | None, list[ValidationIssue]]:
    """Check a data directory and build the dataset if it is valid.

    Large data is first tried on the fast path (:mod:`graph_loader.fastcsv`: polars
    parses the files, the checks run column-wise). It only ever accepts clean data;
    on anything wrong or unusual the line-exact reader here runs and reports every
    problem, so the issues and the dataset are the same whichever path is taken.

    Parameters
    ----------
    data_dir : str or Path
        Directory holding ``schema.yaml``, ``actors.csv``, ``relationships.csv``
        and ``sources.csv``.
    source_text : str, optional
        The full text of the paper. When given, every evidence quote must
        occur in it (after the normalisation described in :class:`QuoteIndex`).
    fast : bool, optional
        True tries the fast path whatever the size, False never does; by default
        :func:`graph_loader.fastcsv.wanted` decides (the environment variable
        ``GRAPH_LOADER_FAST_CSV`` = ``1``, ``0`` or ``auto``, else the files' size).

    Returns
    -------
    dataset : Dataset or None
        The dataset, or None if there is any issue.
    issues : list of ValidationIssue
        Every problem found, sorted by file then line.

    Raises
    ------
    NotADirectoryError
        ``data_dir`` is not a directory (a usage error, not a data issue).
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise NotADirectoryError(f"data directory {str(data_dir)!r} does not exist")
    issues: list[ValidationIssue] = []
    suggest.reset()
    schema = _load_schema(data_dir, issues)
    quotes = QuoteIndex(source_text) if source_text is not None else None
    if schema is not None:
        from graph_loader import fastcsv  # it imports this module; polars only when used

        if fastcsv.wanted(data_dir, fast):
            try:
                return fastcsv.read_dataset(data_dir, schema, quotes), []
            except fastcsv.Declined as exc:
                fastcsv.log.debug("fast CSV path declined (%s); reading line by line", exc)
                suggest.reset()

    actors_t = _read_table(
        data_dir, ACTORS_FILE, _columns(schema, "actor"), issues, _optional_columns(schema, "actor")
    )
    sources_t = _read_table(data_dir, SOURCES_FILE, _columns(schema, "source"), issues)
    rels_t = _read_table(
        data_dir, RELATIONSHIPS_FILE, _columns(schema, "relationship"), issues,
        _optional_columns(schema, "relationship"),
    )

    actors = sources = None
    if actors_t is not None:
        actors = _check_actors(actors_t, schema, _Collector(ACTORS_FILE, issues))
    if sources_t is not None:
        sources = _check_sources(sources_t, schema, _Collector(SOURCES_FILE, issues))
    rels: list[Relationship] = []
    if rels_t is not None:
        # Cross-file checks against a partly read file would report spurious
        # dangling references, so they are skipped for it.
        rels = _check_relationships(
            rels_t,
            schema,
            actors if actors_t is not None and actors_t.complete else None,
            sources if sources_t is not None and sources_t.complete else None,
            quotes,
            {row.get("id") for t in (actors_t, sources_t) if t is not None for row in t.bad_rows},
            _Collector(RELATIONSHIPS_FILE, issues),
        )
    if actors_t is not None and actors_t.complete and not actors_t.rows and not actors_t.bad_rows:
        issues.append(ValidationIssue(ACTORS_FILE, 0, "file", "no actors (the file has a header "
                                      "only); the dataset needs at least one actor"))
    # lifespans.csv (optional) and the relationships' dates against it; see graph_loader.lifespans.
    from graph_loader.lifespans import apply_lifespans, check_lifespans  # it imports this module

    spans = check_lifespans(
        data_dir,
        actors if actors_t is not None and actors_t.complete else None,
        sources if sources_t is not None and sources_t.complete else None,
        rels,
        quotes,
        issues,
    )
    issues.sort(key=lambda i: (i.file, i.line))  # stable: keeps field order within a line
    if issues or schema is None or actors is None or sources is None or rels_t is None:
        return None, issues
    actors = apply_lifespans(actors, spans)
    return Dataset(schema=schema, actors=actors, relationships=rels, sources=sources), issues


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Load and validate the dataset.

    Parameters
    ----------
    data_dir : str or Path, optional
        Defaults to :func:`graph_loader.default_data_dir`.

    Returns
    -------
    Dataset

    Raises
    ------
    DataValidationError
        The data has issues; ``.issues`` lists them all.
    NotADirectoryError
        ``data_dir`` does not exist.
    """
    if data_dir is None:
        from graph_loader import default_data_dir

        data_dir = default_data_dir()
    dataset, issues = validate(data_dir)
    if dataset is None:
        raise DataValidationError(issues)
    return dataset
