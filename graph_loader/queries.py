"""The query library: ``cypher/queries/*.cypher`` and their header comments.

Each file is plain Cypher that runs unchanged in Neo4j Browser, preceded by a
header of ``//`` comment lines::

    // title: Minsk Conference chairs in a given year
    // description: Who chaired the OSCE Minsk Conference in $year, per the
    //   paper's chronology. Lines indented after `//` continue the field.
    // :param year => 1995
    // expected: 1995: Finland and Russia.
    // requires: neo4j (undirected shortestPath)
    // actors: a, b

* ``title`` (required), ``description``, ``expected`` (the answer on the shipped
  data, in words), ``requires`` (only for the few Neo4j-only queries) and ``actors``
  (the parameters that name an actor: ``graph-loader query`` checks the name);
* ``:param NAME => VALUE`` lines give each parameter's default. They are comments so
  the file still runs; in Browser, run the line without ``//`` first (``:param year =>
  1995``) to set the parameter.

The header ends at the first line that is not a ``//`` comment.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_loader import paramcheck

_FIELD = re.compile(r"^//\s?([a-z_]+):\s?(.*)$")
_PARAM = re.compile(r"^//\s*:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.*?)\s*;?\s*$")
_CONTINUATION = re.compile(r"^//\s{2,}(\S.*)$")
_INT = re.compile(r"^[+-]?\d+\Z")
_NAME = re.compile(r"^[a-z0-9_]+\Z")
FIELDS = ("title", "description", "expected", "requires", "actors")


class QueryFileError(ValueError):
    """A library file whose header is malformed."""


class ParamError(ValueError):
    """A parameter the query does not declare, of the wrong type, or naming no actor."""


@dataclass(frozen=True)
class LibraryQuery:
    """One query of the library.

    Attributes
    ----------
    name
        The file name without ``.cypher``.
    title, description, expected
        From the header.
    params
        Parameter defaults from the ``:param`` lines, in order.
    requires
        Engines the query needs (``("neo4j",)`` or empty).
    requires_note
        Why, from the parenthesis after ``requires: neo4j``.
    actor_params
        The parameters that name an actor (id, name or alias), from ``actors:``.
    text
        The whole file (what Browser runs).
    body
        The Cypher after the header.
    path
        The file.
    """

    name: str
    title: str
    description: str
    expected: str
    params: dict[str, Any]
    requires: tuple[str, ...]
    requires_note: str
    text: str
    body: str
    path: Path
    extra: dict[str, str] = field(default_factory=dict)
    actor_params: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly description (for ``graph-loader queries --format json``)."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": self.params,
            "expected": self.expected,
            "requires": list(self.requires),
            "path": str(self.path),
        }


def parse_value(text: str) -> Any:
    """A parameter value: an integer if it looks like one, else the text.

    Quoted text (``'...'`` or ``"..."``) loses its quotes, so ``:param a => 'Turkey'``
    gives ``Turkey``; ``true``/``false``/``null`` and JSON lists are understood.
    """
    text = text.strip()
    if _INT.match(text):
        return int(text)
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    if text in ("true", "false", "null") or text.startswith("["):
        try:
            return json.loads(text.replace("'", '"'))
        except json.JSONDecodeError:
            return text
    return text


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """Parse ``k=v`` strings (``--param``) into a dict; integers become ints.

    Raises
    ------
    ParamError
        If a pair has no ``=`` or an invalid name (:func:`split_params`).
    """
    return {
        key: paramcheck.checked(key, value, parse_value)
        for key, value in split_params(pairs).items()
    }


def split_params(pairs: Iterable[str]) -> dict[str, str]:
    """``k=v`` strings (``--param``) as a dict of raw text values.

    Raises
    ------
    ParamError
        If a pair has no ``=`` or an invalid name.
    """
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key):
            raise ParamError(f"--param {pair!r}: expected NAME=VALUE")
        out[key] = value
    return out


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, list):
        return "a list"
    return "text"


def describe_params(q: LibraryQuery) -> str:
    """``year (an integer, default 1995), ...`` for messages."""
    return ", ".join(
        f"{k} ({_type_name(v)}, default {json.dumps(v, ensure_ascii=False)})"
        for k, v in q.params.items()
    ) or "none"


def bind(q: LibraryQuery, given: dict[str, str]) -> dict[str, Any]:
    r"""The query's parameter values: its defaults, overridden by ``given`` raw text.

    Each given value must name a declared parameter and parse to the type of its
    default (an integer default wants an integer; text takes any text).

    Raises
    ------
    ParamError
        An undeclared name (the message lists the declared ones) or a value of the wrong
        type (the message names the expected type).

    Examples
    --------
    >>> q = parse_query("// title: t\n// :param year => 1995\nRETURN $year", Path("y.cypher"))
    >>> bind(q, {"year": "2000"})
    {'year': 2000}
    >>> bind(q, {"Year": "2000"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph_loader.queries.ParamError: query 'y' has no parameter 'Year'; its parameters: ...
    """
    values = dict(q.params)
    for key, raw in given.items():
        if key not in q.params:
            raise ParamError(
                f"query {q.name!r} has no parameter {key!r}; its parameters: {describe_params(q)}"
            )
        default, value = q.params[key], paramcheck.checked(key, raw, parse_value)
        if isinstance(default, str):
            value = raw.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
        elif _type_name(value) != _type_name(default):
            raise ParamError(
                f"parameter {key!r} of query {q.name!r} must be {_type_name(default)} "
                f"(like {json.dumps(default, ensure_ascii=False)}), not {raw!r}"
            )
        values[key] = value
    return values


def check_actor_params(q: LibraryQuery, values: dict[str, Any], dataset: Any) -> None:
    """Refuse an actor parameter that names no actor, suggesting close names.

    Parameters
    ----------
    q
        The query; its ``actors:`` header says which parameters name actors.
    values
        The bound parameter values (see :func:`bind`).
    dataset : graph_loader.model.Dataset
        The actors to match, by id, name or alias, ignoring case (as the queries do).

    Raises
    ------
    ParamError
        ``no actor is named 'Turky' (parameter 'a' of query 'evidence_between'); did you
        mean 'Turkey'?``
    """
    import difflib

    names: dict[str, str] = {}
    for a in dataset.actors.values():
        for label in (a.name, *a.aliases, a.id):
            names.setdefault(label.casefold(), label)
    for key in q.actor_params:
        wanted = str(values.get(key, ""))
        if wanted.casefold() in names:
            continue
        close = difflib.get_close_matches(wanted.casefold(), list(names), n=3, cutoff=0.6)
        hint = (
            "; did you mean " + " or ".join(repr(names[c]) for c in close) + "?"
            if close else "; `graph-loader query --cypher 'MATCH (a:Actor) RETURN a.name'` "
            "lists the names"
        )
        raise ParamError(
            f"no actor is named {wanted!r} (parameter {key!r} of query {q.name!r}){hint}"
        )


def parse_query(text: str, path: Path) -> LibraryQuery:
    """Parse one library file.

    Raises
    ------
    QueryFileError
        Without a title, with an unknown header field, or with no Cypher.
    """
    lines = text.splitlines()
    fields: dict[str, str] = {}
    params: dict[str, Any] = {}
    last: str | None = None
    i = 0
    for i, line in enumerate(lines):  # noqa: B007 - i is used after the loop
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        if m := _PARAM.match(stripped):
            params[m.group(1)] = parse_value(m.group(2))
            last = None
        elif (m := _CONTINUATION.match(line.rstrip())) and last is not None:
            fields[last] += " " + m.group(1).strip()
        elif m := _FIELD.match(stripped):
            key = m.group(1)
            if key not in FIELDS:
                raise QueryFileError(f"{path}: unknown header field {key!r}")
            fields[key] = m.group(2).strip()
            last = key
        else:
            last = None
    else:
        i = len(lines)
    body = "\n".join(lines[i:]).strip()
    if not fields.get("title"):
        raise QueryFileError(f"{path}: the header has no '// title:' line")
    if not body:
        raise QueryFileError(f"{path}: no Cypher after the header")
    requires_raw = fields.get("requires", "")
    m = re.match(r"^([a-z0-9_, ]*?)\s*(?:\((.*)\))?$", requires_raw)
    engines = m.group(1) if m else requires_raw
    note = (m.group(2) or "") if m else ""
    requires = tuple(e.strip() for e in engines.split(",") if e.strip())
    actor_params = tuple(a.strip() for a in fields.get("actors", "").split(",") if a.strip())
    if undeclared := [a for a in actor_params if a not in params]:
        raise QueryFileError(f"{path}: 'actors:' names {undeclared[0]!r}, which has no :param")
    return LibraryQuery(
        name=path.stem,
        title=fields["title"],
        description=fields.get("description", ""),
        expected=fields.get("expected", ""),
        params=params,
        requires=requires,
        requires_note=note,
        text=text,
        body=body,
        path=path,
        actor_params=actor_params,
    )


def queries_dir() -> Path:
    """Where the library lives.

    ``$GRAPH_LOADER_QUERIES`` if set, else ``cypher/queries`` in the current directory
    if present, else the one in the source checkout, else (an installed wheel) the copy
    shipped in the package (:func:`graph_loader.resources.shipped_dir`).
    """
    env = os.environ.get("GRAPH_LOADER_QUERIES")
    if env:
        return Path(env)
    cwd = Path.cwd() / "cypher" / "queries"
    if cwd.is_dir():
        return cwd
    from graph_loader.resources import shipped_dir

    return shipped_dir("cypher") / "queries"


def load_library(directory: Path | None = None) -> dict[str, LibraryQuery]:
    """All queries, by name, sorted by name."""
    directory = directory or queries_dir()
    out: dict[str, LibraryQuery] = {}
    for path in sorted(directory.glob("*.cypher")):
        if not _NAME.match(path.stem):
            raise QueryFileError(f"{path}: query file names are lowercase with underscores")
        out[path.stem] = parse_query(path.read_text(encoding="utf-8"), path)
    return out


def get_query(name: str, directory: Path | None = None) -> LibraryQuery:
    """One query by name.

    Raises
    ------
    KeyError
        With a message naming the known queries.
    """
    lib = load_library(directory)
    if name not in lib:
        raise KeyError(f"no query {name!r}; known: {', '.join(lib) or '(none)'}")
    return lib[name]


def run(executor: Any, name: str, directory: Path | None = None, **params: Any) -> list[dict]:
    """Run library query ``name`` with its default parameters, overridden by ``params``.

    Parameters
    ----------
    executor : graph_loader.engines.Executor
        An open executor holding the dataset (see :func:`graph_loader.loader.ensure_loaded`).
    name : str
        The query's file name without ``.cypher`` (``graph-loader queries`` lists them).
    directory : Path, optional
        Another query library; default :func:`queries_dir`.
    **params
        Parameter values, e.g. ``year=1995``.

    Returns
    -------
    list of dict
        One dict per result row.

    Raises
    ------
    KeyError
        No query of that name.
    ValueError
        The query requires Neo4j and the executor is another engine.

    Examples
    --------
    >>> from graph_loader.engines import open_executor  # doctest: +SKIP
    >>> with open_executor("embedded") as ex:           # doctest: +SKIP
    ...     run(ex, "minsk_chairs", year=1995)
    """
    q = get_query(name, directory)
    engine = getattr(executor, "engine", None)
    if "neo4j" in q.requires and engine != "neo4j":
        raise ValueError(
            f"query {name!r} requires Neo4j ({q.requires_note or 'uses Neo4j-only Cypher'}); "
            "run it with --engine neo4j"
        )
    return executor.read(q.body, {**q.params, **params})
