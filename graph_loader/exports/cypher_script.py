"""``graph.cypher``: a script that recreates the graph in Neo4j.

It reuses the statements of :mod:`graph_loader.cypher_gen` (the loader's one Cypher
generator, which takes labels and relationship types only from the schema's
vocabulary) and writes their parameters as Cypher literals, since a script has no
parameters: strings are escaped for backslashes, quotes and control characters by
:func:`cypher_string`.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx

from graph_loader.model import Dataset

#: ``str.translate`` table of :func:`cypher_string`: every character it escapes.
_CYPHER_ESCAPES: dict[int, str] = {i: f"\\u{i:04x}" for i in range(0x20)}
_CYPHER_ESCAPES.update({0x7F: "\\u007f", 0x2028: "\\u2028", 0x2029: "\\u2029"})
_CYPHER_ESCAPES.update(
    {ord("\\"): "\\\\", ord("'"): "\\'", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
)


def cypher_string(text: str) -> str:
    """Quote ``text`` as a Cypher string literal.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        A single-quoted literal: backslashes and single quotes are escaped, newline,
        carriage return and tab become ``\\n``, ``\\r``, ``\\t`` and other control
        characters, DEL, U+2028 and U+2029 ``\\uXXXX`` (one ``str.translate``).

    Examples
    --------
    >>> print(cypher_string("O'Brien \\\\ said\\n\\"hi\\""))
    'O\\'Brien \\\\ said\\n"hi"'
    """
    return "'" + text.translate(_CYPHER_ESCAPES) + "'"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a value: str, int, float, bool, None, or lists and maps of them.

    Examples
    --------
    >>> cypher_literal(["a", "b'c"]), cypher_literal(True), cypher_literal(1992)
    ("['a', 'b\\\\'c']", 'true', '1992')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} as a Cypher literal")
        return repr(value)
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            key = str(k) if _IDENT.match(str(k)) else "`" + str(k).replace("`", "``") + "`"
            items.append(f"{key}: {cypher_literal(v)}")
        return "{" + ", ".join(items) + "}"
    return cypher_string(str(value))


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def inline_parameters(cypher: str, params: dict[str, Any]) -> str:
    """Replace each ``$name`` in a statement by the Cypher literal of ``params[name]``.

    Parameters
    ----------
    cypher : str
        A statement from :mod:`graph_loader.cypher_gen` (static text, values as parameters,
        no string literals containing ``$``).
    params : dict
        Its parameters.

    Returns
    -------
    str
        The statement with literals instead of parameters, for a script file.

    Raises
    ------
    KeyError
        If the statement names a parameter that ``params`` lacks.

    Examples
    --------
    >>> print(inline_parameters("MATCH (a {id: $id}) RETURN a", {"id": "it's"}))
    MATCH (a {id: 'it\\'s'}) RETURN a
    """
    return _PARAM.sub(lambda m: cypher_literal(params[m.group(1)]), cypher)


def write_cypher(ds: Dataset, path: str | Path, G: nx.MultiDiGraph | None = None) -> Path:
    """Write ``graph.cypher``, a script that recreates the graph in Neo4j.

    The statements are those ``graph-loader load`` runs (from
    :func:`graph_loader.cypher_gen.all_write_statements`: constraints, sources, actors,
    relationships, pruning of what the data no longer holds, the ``(:Dataset)`` node),
    with their parameters written as literals by :func:`inline_parameters`, so the
    script needs no parameters: run it with ``cypher-shell -f graph.cypher`` or paste
    it into Neo4j Browser.

    Parameters
    ----------
    ds : Dataset
        The validated dataset.
    path : str or pathlib.Path
        The ``.cypher`` file to write (UTF-8).
    G : networkx.MultiDiGraph, optional
        If given (e.g. the graph as of a year), only its actors and relationships are
        written.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from graph_loader import __version__
    from graph_loader import cypher_gen as cg

    if G is not None:
        rel_ids = {d.get("id", k) for _, _, k, d in G.edges(keys=True, data=True)}
        ds = Dataset(
            schema=ds.schema,
            actors={a: ds.actors[a] for a in ds.actors if a in G},
            relationships=[r for r in ds.relationships if r.id in rel_ids],
            sources=dict(ds.sources),
        )
    writes = cg.all_write_statements(ds)[:-1] + [
        cg.dataset_statement(ds, loaded_at="graph.cypher", version=__version__)
    ]
    statements = itertools.chain(
        (c.neo4j() for c in cg.CONSTRAINTS),
        (i.neo4j() for i in cg.INDEXES),
        (inline_parameters(st.cypher, st.params) for st in writes),
    )
    head = (
        "// Recreates the actor graph of Hasanoglu & Süleymanlı (2024) in Neo4j 5.\n"
        "// Run: cypher-shell -u neo4j -p <password> -f graph.cypher   (or paste into Browser)\n"
        "// Generated by `graph-loader build` from the statements `graph-loader load` runs,\n"
        "// with values written as literals. Idempotent; it also removes actors and\n"
        "// relationships of this dataset that the data no longer contains.\n"
        f"// {len(ds.actors)} actors, {len(ds.relationships)} relationships, "
        f"{len(ds.sources)} sources.\n\n"
    )
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(head)
        for statement in statements:  # one at a time: no whole-file string
            fh.write(statement + ";\n")
    return path
