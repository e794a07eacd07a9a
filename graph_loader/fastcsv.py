"""The fast path of :func:`graph_loader.validation.validate`, for large data.

polars parses the CSV files and the checks run column by column (or on a column's
distinct values): a million relationships validate in about 4.5 CPU s (the line-exact
reader took 28 when last measured). It only ever
*accepts* data: :func:`read_dataset` builds the :class:`~graph_loader.model.Dataset`
when every check passes and raises :class:`Declined` at the first thing that is wrong
or that it is not sure of. ``validate`` then reads the files again line by line
(:mod:`graph_loader.csvio`) and reports every problem with its file, line and field,
exactly as it would have without the fast path.

It declines, among others:

- a byte-order mark, a carriage return (CRLF line ends), a tab or a control character;
  bytes that are not UTF-8; a blank line; a record over several lines (a quoted line
  break); a header that is not the declared column names, plainly written;
- a row whose fields polars and Python's :mod:`csv` module might read differently: every
  line with a quote character must be the plain CSV writing of the values polars read
  (else Python's reader reads that line and must agree); every other line must have
  exactly as many commas as the header;
- a cell longer than :data:`~graph_loader.cellcheck.MAX_CELL_CHARS`;
- any check of :mod:`graph_loader.validation` or :mod:`graph_loader.lifespans` that
  fails: it runs each on the columns (or on their distinct values) and needs no message.

:func:`wanted` decides whether to try it: below :data:`MIN_BYTES` of CSV the line-exact
reader is faster than importing polars.
"""

from __future__ import annotations

import csv
import logging
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_loader import cellcheck
from graph_loader.dates import PartialDate
from graph_loader.model import (
    NO_EXTRA,
    Actor,
    Dataset,
    Distinct,
    Relationship,
    Source,
    cite_key,
    fields,
    records,
    take,
)
from graph_loader.safeio import UnsafePathError, read_regular
from graph_loader.schema import Field, Schema
from graph_loader.validation import (
    ACTORS_FILE,
    MAX_EVIDENCE_CHARS,
    MAX_EVIDENCE_WORDS,
    NOTE_QUOTE,
    RELATIONSHIPS_FILE,
    SOURCES_FILE,
    QuoteIndex,
    ValidationIssue,
    _check_contradicts,
    _Collector,
    _iso3_codes,
    parse_value,
)

if TYPE_CHECKING:
    import polars as pl

log = logging.getLogger(__name__)

#: The environment variable that forces the choice: ``1`` (always try the fast path),
#: ``0`` (never) or ``auto`` (by size, the default).
ENV = "GRAPH_LOADER_FAST_CSV"
#: The fast path is tried when actors.csv and relationships.csv hold at least this many
#: bytes together (the paper's data has 0.1 MB; generated S data 1.3 MB, M 26 MB).
MIN_BYTES = 4 << 20

_BOM = b"\xef\xbb\xbf"
#: Every byte but the C0 controls (LF among them) and DEL.
_NOT_CONTROL = bytes(range(32, 127)) + bytes(range(128, 256))
_SAMPLE = 10_000
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"  # validation.SLUG; no line break can be in a cell here


class Declined(Exception):
    """The fast path does not accept the data; the message says why (for the log)."""


def wanted(data_dir: str | Path, fast: bool | None = None) -> bool:
    """Whether :func:`~graph_loader.validation.validate` should try the fast path.

    Parameters
    ----------
    data_dir : str or Path
        The data directory.
    fast : bool, optional
        True or False decides; None asks :data:`ENV`, and when that is unset or ``auto``
        the size of actors.csv and relationships.csv (at least :data:`MIN_BYTES`).

    Warns
    -----
    UserWarning
        :data:`ENV` has another value than ``0``, ``1`` or ``auto``; it counts as
        ``auto`` (the choice changes the speed only, never the result).
    """
    if fast is not None:
        return fast
    env = os.environ.get(ENV, "auto").strip().lower()
    if env in ("1", "0"):
        return env == "1"
    if env not in ("auto", ""):
        warnings.warn(f"{ENV} is 0, 1 or auto, not {env!r}: taken as auto", stacklevel=2)
    size = 0
    for name in (ACTORS_FILE, RELATIONSHIPS_FILE):
        try:
            size += os.stat(Path(data_dir) / name).st_size
        except OSError:
            return False  # the line-exact reader says what is wrong
    return size >= MIN_BYTES


def read_dataset(data_dir: str | Path, schema: Schema, quotes: QuoteIndex | None) -> Dataset:
    """Read and check a data directory on the fast path.

    Parameters
    ----------
    data_dir : str or Path
        The data directory; ``schema.yaml`` is already read.
    schema : Schema
        Its schema.
    quotes : QuoteIndex or None
        The paper's text, when the evidence quotes are to be checked against it.

    Returns
    -------
    Dataset
        Equal, field by field, to the one the line-exact reader builds.

    Raises
    ------
    Declined
        Anything is wrong or unusual: the line-exact reader must read the data.
    """
    import polars as pl  # noqa: F401  (imported here: the package's commands stay light)

    from graph_loader.lifespans import apply_lifespans, check_lifespans

    data_dir = Path(data_dir)
    actor_cols, source_cols, rel_cols = (fields(schema, r, ("column",))
                                         for r in ("actor", "source", "relationship"))
    actors_df, _ = _read_frame(data_dir / ACTORS_FILE, actor_cols)
    sources_df, _ = _read_frame(data_dir / SOURCES_FILE, source_cols)
    rels_df, ascii_only = _read_frame(data_dir / RELATIONSHIPS_FILE, rel_cols)
    actors = _actors(actors_df, actor_cols, schema)
    del actors_df
    sources = {s.id: s for s in _records(Source, sources_df, source_cols, SOURCES_FILE)}
    del sources_df
    rels, distinct = _relationships(rels_df, rel_cols, schema, actors, sources, quotes,
                                    ascii_only)
    del rels_df
    issues: list[ValidationIssue] = []
    spans = check_lifespans(data_dir, actors, sources, [], quotes, issues)
    if spans or "endpoint" in rels["date_basis"]:
        # Only relationships at an actor with a lifespan, or dated by one, can break
        # a lifespan rule: check those.
        near = _some(rels, [i for i, (s, t, b) in enumerate(zip(
            rels["source"], rels["target"], rels["date_basis"], strict=True))
            if s in spans or t in spans or b == "endpoint"])
        from graph_loader.lifespans import _check_relationships_within

        _check_relationships_within(near, spans, _Collector(RELATIONSHIPS_FILE, issues))
    if issues:
        raise Declined(f"{issues[0]} ({len(issues)} issue(s) in all)")
    # The records are made when first read: a graph is built from the columns.
    return Dataset.from_columns(schema, apply_lifespans(actors, spans), rels, sources, distinct)


# --------------------------------------------------------------------------- reading


def _read_frame(path: Path, columns: Sequence[Field]) -> tuple[pl.DataFrame, bool]:
    """A CSV file as a frame of stripped strings (no nulls), checked to read as Python's
    csv module reads it (row ``i`` is on line ``i + 2``), and whether it is all ASCII."""
    import polars as pl

    name = path.name
    try:
        data = read_regular(path, cellcheck.MAX_CSV_BYTES, "the file")
    except (OSError, UnsafePathError) as exc:
        raise Declined(f"{name}: cannot be read ({exc})") from None
    if data.startswith(_BOM):
        raise Declined(f"{name}: a byte-order mark")
    ascii_only = data.isascii()
    feeds = _line_feeds(data)
    if feeds is None:
        raise Declined(f"{name}: a tab, a carriage return or a control character")
    end = data.find(b"\n")
    try:
        header = (data if end < 0 else data[:end]).decode("utf-8").split(",")
    except UnicodeDecodeError:
        raise Declined(f"{name}: the header is not UTF-8") from None
    _check_header(name, header, columns)
    lines = feeds + (not data.endswith(b"\n"))
    try:
        # Polars errors, whatever their class, mean only: the line-exact reader decides.
        raw = pl.read_csv(data, infer_schema=False, quote_char='"', raise_if_empty=True)
        text = pl.read_csv(data, has_header=False, infer_schema=False, quote_char=None,
                           separator="\x01", new_columns=["line"])["line"]
    except Exception as exc:
        raise Declined(f"{name}: polars cannot read it ({str(exc).splitlines()[0]})") from None
    del data
    if raw.columns != header or raw.height + 1 != lines or text.len() != lines:
        raise Declined(f"{name}: blank lines, or records over several lines")
    text = text.slice(1)  # the rows' lines
    if text.null_count():
        raise Declined(f"{name}: a blank line")
    raw = raw.with_columns(pl.all().fill_null(""))
    _check_lines(name, raw, text)
    del text
    frame = _stripped(raw, ascii_only)
    longest = cellcheck.MAX_CELL_CHARS  # in bytes first: as many or more than characters
    if frame.select(pl.any_horizontal(pl.all().str.len_bytes() > longest).any()).item() and \
            frame.select(pl.any_horizontal(pl.all().str.len_chars() > longest).any()).item():
        raise Declined(f"{name}: a cell longer than {cellcheck.MAX_CELL_CHARS} characters")
    return frame, ascii_only


def _stripped(raw: pl.DataFrame, ascii_only: bool) -> pl.DataFrame:
    """``raw`` with each cell stripped of whitespace (Unicode's, as ``str.strip``).

    In ASCII the only whitespace left after :func:`_line_feeds` is the space: the columns
    without a cell that starts or ends with one are kept as they are (finding them
    takes half the time of stripping them all, which copies every string).
    """
    import polars as pl

    if not ascii_only:
        return raw.select(pl.all().str.strip_chars())
    padded = raw.select((pl.col(c).str.starts_with(" ") | pl.col(c).str.ends_with(" ")).any()
                        for c in raw.columns).row(0)
    return raw.with_columns(pl.col(c).str.strip_chars()
                            for c, pad in zip(raw.columns, padded, strict=True) if pad)


def _line_feeds(data: bytes) -> int | None:
    """The number of line feeds in ``data``; None if it has a character the line-exact
    reader checks cell by cell (:func:`cellcheck.needs_scan`): a C0 control but LF (so a
    tab or a CR too), DEL, U+FFFE or U+FFFF.

    Examples
    --------
    >>> _line_feeds(b"a,b\\nc,d\\n"), _line_feeds(b"a\\tb\\n"), _line_feeds(b"a\\x7f")
    (2, None, None)
    """
    # U+FFFE, U+FFFF in UTF-8. Their lead byte is searched first: a one-byte search is
    # memchr's, ten times as fast as a longer one (0.03 s against 0.28 at 257 MB).
    if b"\xef" in data and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data):
        return None
    # What is left when every other byte is deleted: the line feeds, and the controls
    # if any. One pass at C speed counts both (numpy's three took 2.5 times as long,
    # then bytes.count a fifth more).
    left = data.translate(None, _NOT_CONTROL)
    feeds = left.count(b"\n")
    return feeds if feeds == len(left) else None


def _check_header(name: str, header: list[str], columns: Sequence[Field]) -> None:
    declared = [f.name for f in columns]
    required = [f.name for f in columns if not f.optional_column]
    if (any(h != h.strip() or '"' in h or h not in declared for h in header)
            or len(set(header)) != len(header) or not set(required) <= set(header)):
        raise Declined(f"{name}: the header is not the declared columns, plainly written")


def _check_lines(name: str, raw: pl.DataFrame, text: pl.Series) -> None:
    """Check that Python's csv module reads each line as polars did (see the module doc)."""
    import polars as pl

    quoted = text.str.contains('"', literal=True)
    # A line without quotes is its fields joined by commas: as many as the header's
    # exactly when it is as long as its fields and the header's commas (a length is no
    # pass over the strings, where counting the commas was a fifth of a second at L).
    fields = raw.select(pl.sum_horizontal(pl.all().str.len_bytes())).to_series()
    if ((~quoted) & (text.str.len_bytes() != fields + (raw.width - 1))).any():
        raise Declined(f"{name}: a row with another number of fields than the header")
    if not quoted.any():
        return
    # A line equal to the plain writing of its values (quoted only where needed) is read
    # back as those values by any CSV reader; Python's reads the others.
    rows = raw.filter(quoted)
    written = rows.select(pl.concat_str(
        [pl.when(pl.col(c).str.contains('[",\n]'))
         .then(pl.lit('"') + pl.col(c).str.replace_all('"', '""', literal=True) + pl.lit('"'))
         .otherwise(pl.col(c)) for c in raw.columns],
        separator=",",
    )).to_series()
    lines = text.filter(quoted)
    for i in (written != lines).arg_true().to_list():
        line = lines[i]
        try:
            read = next(csv.reader([line], strict=True))
        except csv.Error:
            raise Declined(f"{name}: bad quoting") from None
        if read != list(rows.row(i)):
            raise Declined(f"{name}: quoting read differently")


def _column(s: pl.Series, convert: Callable[[str], Any] | None = None) -> list[Any]:
    """The column's values as a Python list, ``convert`` applied; a value repeated is one
    object (one string, one date), converted once."""
    if convert is None and not _repeats(s):
        return s.to_list()  # mostly distinct values (ids, quotes): nothing to share
    return _take(*_distinct(s, convert))


def _repeats(s: pl.Series) -> bool:
    """Whether the column's values repeat: at most half its first rows are distinct."""
    return s.head(_SAMPLE).n_unique() * 2 <= min(s.len(), _SAMPLE)


def _distinct(s: pl.Series, convert: Callable[[str], Any] | None) -> tuple[list[Any], pl.Series]:
    """The column's distinct values, ``convert`` applied once to each, and each row's
    place among them."""
    import polars as pl

    names = s.unique().to_list()
    values = names if convert is None else [convert(k) for k in names]
    # An Enum's codes are the values' places in names: two thirds of replace_strict's time.
    return values, s.cast(pl.Enum(names)).to_physical()


def _take(values: Sequence[Any], codes: pl.Series) -> list[Any]:
    """``[values[c] for c in codes]``, in numpy (``codes`` has no nulls)."""
    return take(values, codes.to_numpy())


def _converter(f: Field) -> Callable[[str], Any] | None:
    if f.type == "text":
        return None

    def convert(text: str) -> Any:
        try:
            return parse_value(f, text)
        except ValueError as exc:
            raise Declined(f"{f.name}: {exc}") from None

    return convert


def _records(cls: type, df: pl.DataFrame, columns: Sequence[Field], name: str,
             **given: list[Any]) -> list[Any]:
    """Check what every file needs (required values, unique ids, choices) and build the
    records of ``cls``, in file order; ``given`` are columns already converted."""
    return records(cls, *_record_columns(cls, df, columns, name, **given).values())


def _record_columns(cls: type, df: pl.DataFrame, columns: Sequence[Field], name: str,
                    **given: list[Any]) -> dict[str, Sequence[Any]]:
    """:func:`_records`' checks, then the records' fields as columns, in ``cls``' order."""
    import polars as pl

    present = [f for f in columns if f.name in df.columns]
    required = [f.name for f in columns if f.required]
    if df.select(pl.any_horizontal(pl.col(required) == "").any()).item():
        raise Declined(f"{name}: a required value is empty")
    for f in present:
        if f.choices and not set(df[f.name].unique().to_list()) <= {"", *f.choices}:
            raise Declined(f"{name}: a {f.name} that is not one of {f.choices}")
    own = {f.name for f in dataclass_fields(cls)}
    values: dict[str, Any] = {}
    for f in columns:
        if f.name in given:
            values[f.name] = given[f.name]
        elif f.name in df.columns:
            values[f.name] = _column(df[f.name], _converter(f))
        else:  # an optional column the file leaves out
            values[f.name] = [parse_value(f, "")] * df.height
    # In Python, not polars: the strings' hashes are kept for the dicts keyed by id
    # (polars' n_unique took 0.15 s at 1M ids, the set 0.08 s).
    if len(set(values["id"])) != df.height:
        raise Declined(f"{name}: a duplicate id")
    extra = [f.name for f in columns if f.name not in own]
    if extra:
        values["extra"] = [dict(zip(extra, row, strict=True))
                           for row in zip(*(values.pop(e) for e in extra), strict=True)]
    out: dict[str, Sequence[Any]] = {}
    for fld in dataclass_fields(cls):
        if fld.name in values:
            out[fld.name] = values[fld.name]
        elif fld.name == "line":
            out[fld.name] = range(2, df.height + 2)
        elif fld.name == "extra":
            out[fld.name] = [NO_EXTRA] * df.height
        else:  # not a column (an actor's lifespan): its default
            out[fld.name] = [fld.default] * df.height
    return out


# --------------------------------------------------------------------------- files


def _actors(df: pl.DataFrame, columns: Sequence[Field], schema: Schema) -> dict[str, Actor]:
    if not df.height:
        raise Declined(f"{ACTORS_FILE}: no actors")
    if not df["id"].str.contains(_SLUG).all():
        raise Declined(f"{ACTORS_FILE}: an id that is not a slug")
    codes = _iso3_codes()
    for kind, iso3 in df.select("kind", "iso3").unique().rows():
        k = schema.kinds.get(kind)
        if k is None or bool(iso3) != k.iso3 or (iso3 and iso3 not in codes):
            raise Declined(f"{ACTORS_FILE}: kind {kind!r} with iso3 {iso3!r}")
    return {a.id: a for a in _records(Actor, df, columns, ACTORS_FILE)}


def _relationships(
    df: pl.DataFrame,
    columns: Sequence[Field],
    schema: Schema,
    actors: dict[str, Actor],
    sources: dict[str, Any],
    quotes: QuoteIndex | None,
    ascii_only: bool = False,
) -> tuple[dict[str, Sequence[Any]], dict[str, Distinct]]:
    """Check relationships.csv; its records' fields as columns (:func:`_record_columns`),
    and those of few values as their distinct values and codes (for the projections)."""
    import polars as pl

    name = RELATIONSHIPS_FILE
    types = schema.relationship_types
    if not set(df["type"].unique().to_list()) <= set(types):
        raise Declined(f"{name}: an unknown type")
    if not set(df["source_ref"].unique().to_list()) <= set(sources):
        raise Declined(f"{name}: an unknown source_ref")
    distinct = {"cites": Distinct(*_distinct(df["cites"], None))}
    if not all(cite_key(c) in sources for c in distinct["cites"].values if c):
        raise Declined(f"{name}: a cites that names no source")
    # The ends: each an actor, of a kind the type allows at that end.
    ids = list(actors)
    # Each actor's kind as a code: the (kind, type) pairs to check are few, where the
    # (actor, type) pairs were about as many as the relationships (a second at L).
    kind_code: dict[str, int] = {}
    kind_of = pl.Series([kind_code.setdefault(a.kind, len(kind_code)) for a in actors.values()],
                        dtype=pl.Int64)
    kinds = list(kind_code)
    names = list(types)
    type_codes = df["type"].replace_strict(names, list(range(len(names))),
                                           return_dtype=pl.Int64)
    distinct["type"] = Distinct(names, type_codes)
    ends: dict[str, list[str]] = {}
    for end in ("source", "target"):
        try:  # an Enum's codes are the places in ids (a third faster than replace_strict)
            codes = df[end].cast(pl.Enum(ids)).to_physical()
        except pl.exceptions.InvalidOperationError:
            raise Declined(f"{name}: an unknown {end} actor") from None
        for pair in (kind_of.gather(codes) * len(names) + type_codes).unique().to_list():
            k, t = divmod(pair, len(names))
            allowed = getattr(types[names[t]], end)
            if allowed and kinds[k] not in allowed:
                raise Declined(f"{name}: a {end} of a kind {names[t]} does not allow")
        ends[end] = _take(ids, codes)
    # Dates: each distinct one parsed once (for the check and the column), the end not
    # before the start.
    bounds, dates = {}, {}
    for col, pick in (("start", PartialDate.earliest), ("end", PartialDate.latest)):
        parse = _converter(_field(columns, col))
        assert parse is not None
        values, codes = distinct[col] = Distinct(*_distinct(df[col], parse))  # None for ""
        days = [None if v is None else _day(*pick(v)) for v in values]
        bounds[col] = pl.Series(days, dtype=pl.Int64).gather(codes)
        dates[col] = _take(values, codes)
    if pl.DataFrame(bounds).select((pl.col("end") < pl.col("start")).any()).item():
        raise Declined(f"{name}: an end before its start")
    # Evidence: short enough, and in the paper's text when it is given. Each check is of
    # one quote: run on the distinct quotes when they repeat (L's 1M rows have 5,000:
    # counting the words of all took ~0.35 s).
    ev = df["evidence"].unique() if _repeats(df["evidence"]) else df["evidence"]
    # Words are counted where there may be too many: a quote with a character beyond
    # ASCII (other spaces) or with enough spaces. Whitespace is Unicode's (Rust's regex
    # and Python's str.split agree on it but for U+001C-U+001F, which _line_feeds refused).
    chars = ev.str.len_bytes() if ascii_only else ev.str.len_chars()
    # More words than that take at least 2 * MAX_EVIDENCE_WORDS + 1 characters (words of
    # one, single spaces): the shorter quotes are not counted at all.
    long = ev.filter(chars > 2 * MAX_EVIDENCE_WORDS)
    many = long.str.count_matches(" ", literal=True) >= MAX_EVIDENCE_WORDS
    if not ascii_only:
        many |= long.str.len_bytes() != long.str.len_chars()
    if ((long.filter(many).str.count_matches(r"\S+") > MAX_EVIDENCE_WORDS).any()
            or (chars > MAX_EVIDENCE_CHARS).any()):
        raise Declined(f"{name}: an evidence quote too long")
    if quotes is not None and not all(map(quotes.contains, ev.to_list())):
        raise Declined(f"{name}: an evidence quote not in the paper")
    if "date_basis" in df.columns:
        _check_date_basis(df, quotes)
    given = {"type": _take(*distinct["type"]), "cites": _take(*distinct["cites"])}
    rels = _record_columns(Relationship, df, columns, name, **ends, **dates, **given)
    if "contradicts" in df.columns:
        listing = _some(rels, [i for i, c in enumerate(rels["contradicts"]) if c])
        issues: list[ValidationIssue] = []
        _check_contradicts(listing, set(rels["id"]) if listing else set(), True,
                           _Collector(name, issues))
        if issues:
            raise Declined(f"{name}: {issues[0]}")
    return rels, {col: Distinct(v, c.to_numpy()) for col, (v, c) in distinct.items()}


def _some(columns: dict[str, Sequence[Any]], rows: list[int]) -> list[Relationship]:
    """The relationships of these rows (indices into the columns), as records."""
    return records(Relationship, *([c[i] for i in rows] for c in columns.values()))


def _day(y: int, m: int, d: int) -> int:
    """A day as one comparable int: 1994-05-12 is 19940512."""
    return (y * 100 + m) * 100 + d


def _field(columns: Sequence[Field], name: str) -> Field:
    return next(f for f in columns if f.name == name)


def _check_date_basis(df: pl.DataFrame, quotes: QuoteIndex | None) -> None:
    """As :func:`graph_loader.validation._check_date_basis`, column-wise."""
    import polars as pl

    basis = pl.col("date_basis")
    dated = (pl.col("start") != "") | (pl.col("end") != "")
    bad = (dated & (basis == "")) | (~dated & (basis != ""))
    if df.select(bad.any()).item():
        raise Declined(f"{RELATIONSHIPS_FILE}: a date_basis given without a date, or missing")
    for note in df.filter(basis == "context")["note"].to_list():
        found = ["".join(m.groups("")) for m in NOTE_QUOTE.finditer(note)]
        if not found or (quotes is not None and not any(map(quotes.contains, found))):
            raise Declined(f"{RELATIONSHIPS_FILE}: a date_basis 'context' without its quote")
