"""The rows the loader sends: each record's stored properties, in batches, and their hash.

An empty CSV field (unknown date, no note...) becomes an absent property (``null``),
never ``""``. The properties are the declared fields (:func:`graph_loader.model.fields`)
but a relationship's ends and type, which are the graph's shape.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import orjson

from graph_loader.cypher.vocabulary import DATASET_ID
from graph_loader.model import Actor, Dataset, Projection, Relationship, Source, fields
from graph_loader.schema import Field, Schema

#: Fields that are the graph's shape rather than properties: the ends and the type.
_SHAPE_ROLES = ("end", "type")
_PROJECTIONS: dict[str, tuple[Schema, Projection]] = {}
_STORED: dict[str, tuple[Schema, Callable[[Any], dict[str, Any]]]] = {}


def stored_fields(schema: Schema, record: str) -> tuple[Field, ...]:
    """The fields of ``record`` stored as properties (all but a relationship's ends and type)."""
    return tuple(f for f in fields(schema, record) if f.role not in _SHAPE_ROLES)


def _props(schema: Schema, record: str, item: Any) -> dict[str, Any]:
    hit = _PROJECTIONS.get(record)
    if hit is None or hit[0] is not schema:  # one projection per schema, not per row
        hit = _PROJECTIONS[record] = (
            schema, Projection(schema, stored_fields(schema, record), empty=None)
        )
    props = hit[1](item)
    props["dataset"] = DATASET_ID
    return props


def _stored_reader(schema: Schema, record: str) -> Callable[[Any], dict[str, Any]]:
    """``stored(_props(schema, record, item))`` as one function of ``item``: the fields
    read without their ``None`` values in one pass (:class:`~graph_loader.model.Projection`
    with ``omit_none``), and ``dataset``."""
    hit = _STORED.get(record)
    if hit is not None and hit[0] is schema:
        return hit[1]
    chosen = stored_fields(schema, record)
    read: Callable[[Any], dict[str, Any]]
    if any(f.name == "dataset" for f in chosen):  # set where the field is, even if None
        def read(item: Any) -> dict[str, Any]:
            return stored(_props(schema, record, item))
    else:
        project = Projection(schema, chosen, empty=None, omit_none=True)

        def read(item: Any) -> dict[str, Any]:
            props = project(item)
            props["dataset"] = DATASET_ID
            return props
    _STORED[record] = (schema, read)
    return read


def actor_props(schema: Schema, actor: Actor) -> dict[str, Any]:
    """The properties of an actor node, as stored (an empty field is ``None``)."""
    return _props(schema, "actor", actor)


def relationship_props(schema: Schema, rel: Relationship) -> dict[str, Any]:
    """The properties of a relationship, as stored (an empty field is ``None``)."""
    return _props(schema, "relationship", rel)


def source_props(schema: Schema, source: Source) -> dict[str, Any]:
    """The properties of a source node, as stored (an empty field is ``None``)."""
    return _props(schema, "source", source)


def stored(props: dict[str, Any]) -> dict[str, Any]:
    """``props`` without ``None`` values: what a database returns after ``SET x = props``.

    The loader sends rows in this form: ``SET x = props`` stores no nulls anyway,
    and not sending them makes each batch about a fifth smaller.
    """
    return {k: v for k, v in props.items() if v is not None}


def relationship_key(rel_id: str, source: str, rtype: str, target: str) -> str:
    """``id|source|TYPE|target``: a relationship with its ends (see ``STALE_RELATIONSHIPS``)."""
    return f"{rel_id}|{source}|{rtype}|{target}"


def relationship_rows(ds: Dataset) -> list[tuple[str, dict[str, Any]]]:
    """``(type, row)`` for every relationship, sorted by id.

    ``row`` is ``{"id", "source", "target", "props"}`` (``props`` from
    :func:`relationship_props`): the rows of :func:`relationship_statements`. Building
    them once and passing them to both :func:`content_hash` and
    :func:`relationship_statements` saves making every ``props`` dict twice.
    """
    return rows_of(ds.schema, sorted(ds.relationships, key=_by_id))


def rows_of(schema: Schema, rels: Iterable[Relationship]) -> list[tuple[str, dict[str, Any]]]:
    """``(type, row)`` for each of ``rels``, in their order (:func:`relationship_rows`)."""
    props = _stored_reader(schema, "relationship")
    return [(r.type, {"id": r.id, "source": r.source, "target": r.target, "props": props(r)})
            for r in rels]


def _by_id(r: Relationship) -> str:
    return r.id


#: Relationships hashed at a time by :func:`content_hash`: the document is hashed in
#: pieces, never whole (at 1M relationships it was ~0.8 GB).
HASH_CHUNK = 10_000


def content_hash(
    ds: Dataset, rel_rows: Sequence[tuple[str, dict[str, Any]]] | None = None
) -> str:
    """SHA-256 of everything the loader writes for ``ds`` (order-independent).

    The document hashed is compact JSON with sorted keys (written by ``orjson``,
    about four times faster than the standard library at 1M relationships), fed to the
    hash :data:`HASH_CHUNK` relationships at a time (:func:`_hashed_document`).

    Parameters
    ----------
    ds : Dataset
        The validated dataset.
    rel_rows : sequence of (str, dict), optional
        :func:`relationship_rows` of ``ds``, if already built (then not rebuilt).

    Returns
    -------
    str
        The hexadecimal digest.
    """
    if rel_rows is None:  # rows made a chunk at a time too, not kept
        ordered = sorted(ds.relationships, key=_by_id)
        chunks: Iterator[Sequence[tuple[str, dict[str, Any]]]] = (
            rows_of(ds.schema, ordered[i : i + HASH_CHUNK])
            for i in range(0, len(ordered), HASH_CHUNK))
    else:  # already sorted by id: a stable sort by it would leave them as they are
        chunks = (rel_rows[i : i + HASH_CHUNK] for i in range(0, len(rel_rows), HASH_CHUNK))
    actors: Iterable[list[Any]] = ([a.kind, actor_props(ds.schema, a)] for a in ds.actors.values())
    digest = hashlib.sha256()
    for piece in _hashed_document(
        sorted(actors, key=lambda x: x[1]["id"]),
        chunks,
        sorted((source_props(ds.schema, s) for s in ds.sources.values()), key=lambda x: x["id"]),
    ):
        digest.update(piece)
    return digest.hexdigest()


def _hashed_document(
    actors: list[Any],
    chunks: Iterable[Sequence[tuple[str, dict[str, Any]]]],
    sources: list[Any],
) -> Iterator[bytes]:
    """``orjson.dumps({"actors": actors, "relationships": rels, "sources": sources},
    option=OPT_SORT_KEYS)`` in pieces, ``rels`` being ``[source, type, target, props]``
    of each row of ``chunks``: a chunk's list is written without its brackets, the
    chunks comma-separated, inside the brackets of the whole list."""
    dumps, sort = orjson.dumps, orjson.OPT_SORT_KEYS
    yield b'{"actors":' + dumps(actors, option=sort) + b',"relationships":['
    first = True
    for chunk in chunks:
        if not chunk:
            continue
        items = dumps([[row["source"], rtype, row["target"], row["props"]]
                       for rtype, row in chunk], option=sort)
        yield items[1:-1] if first else b"," + items[1:-1]
        first = False
    yield b'],"sources":' + dumps(sources, option=sort) + b"}"


_T = TypeVar("_T")


def _batches(rows: Sequence[_T], size: int) -> Iterator[list[_T]]:
    if size < 1:
        raise ValueError("batch size must be at least 1")
    for i in range(0, len(rows), size):
        yield list(rows[i : i + size])
