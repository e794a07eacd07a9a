"""The dataset as pandas DataFrames: :func:`frames` (also ``graph_loader.frames``).

The columns are the declared fields (:func:`graph_loader.model.fields`: the CSV
columns, the values computed from them and those taken from the relationship type,
plus any schema.yaml adds), in their order, read with the same
:class:`~graph_loader.model.Projection` the graph and the database use. The dtypes
follow the field's type:

========================  ==============================================================
field type                dtype
========================  ==============================================================
``text``, ``slug``        ``string`` (pandas' nullable strings; empty is ``<NA>``)
``date``                  ``string``: the ISO 8601 partial date as written (``1994-05``)
``year``                  ``Int64`` (nullable): ``start_year``, ``end_year``
``int`` / ``float``       ``Int64`` / ``Float64``
``bool``                  ``boolean``
``list``                  ``object``, each cell a Python ``list`` of ``str`` (``[]`` if none)
actor ``kind``,           ``category``, with every category of the schema (``kind``:
relationship ``type``,    the schema's kinds; ``type``: its relationship types) or of the
fields with choices       field's choices (``certainty``, ``date_basis``), in that order
========================  ==============================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from graph_loader.gcpause import without_gc
from graph_loader.model import Dataset, Projection, fields
from graph_loader.schema import Field, Schema

_DTYPES = {"text": "string", "slug": "string", "date": "string", "year": "Int64",
           "int": "Int64", "float": "Float64", "bool": "boolean"}  # fmt: skip


class Frames(NamedTuple):
    """The four tables of :func:`frames`; unpack it or use the names."""

    actors: pd.DataFrame
    relationships: pd.DataFrame
    sources: pd.DataFrame
    lifespans: pd.DataFrame


def _categories(schema: Schema, record: str, f: Field) -> list[str] | None:
    if record == "actor" and f.name == "kind":
        return list(schema.kinds)
    if f.role == "type":
        return list(schema.relationship_types)
    return list(f.choices) if f.choices else None


def _frame(
    schema: Schema, record: str, items: list | Callable[[Projection], Iterable[dict]]
) -> pd.DataFrame:
    """The records' frame; ``items`` the records, or what gives their rows from a
    projection (:meth:`Dataset.project_relationships`, which makes no record)."""
    declared = fields(schema, record)
    read = Projection(schema, declared, empty=None)
    rows = items(read) if callable(items) else map(read, items)
    df = pd.DataFrame(list(rows), columns=[f.name for f in declared])
    for f in declared:
        cats = _categories(schema, record, f)
        if cats is not None:
            df[f.name] = pd.Categorical(df[f.name], categories=cats)
        elif f.type != "list":  # a list's cells are lists of their own (Projection)
            df[f.name] = df[f.name].astype(_DTYPES[f.type])
    return df


@without_gc  # a million rows' dicts: the collector walked them all, for half the time
def dataset_frames(ds: Dataset) -> Frames:
    """:func:`frames` of a dataset already loaded (:func:`graph_loader.validation.load_dataset`)."""
    spans = [(a.id, a.start or None, a.end or None)
             for a in ds.actors.values() if a.start or a.end]  # fmt: skip
    lifespans = pd.DataFrame(spans, columns=["actor", "start", "end"]).astype("string")
    for bound in ("start", "end"):
        lifespans[f"{bound}_year"] = lifespans[bound].str.slice(0, 4).astype("Int64")
    return Frames(
        actors=_frame(ds.schema, "actor", list(ds.actors.values())),
        relationships=_frame(ds.schema, "relationship", ds.project_relationships),
        sources=_frame(ds.schema, "source", list(ds.sources.values())),
        lifespans=lifespans,
    )


def frames(data_dir: str | Path | None = None) -> Frames:
    """The validated dataset as DataFrames: actors, relationships, sources and lifespans.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        The dataset; default :func:`graph_loader.default_data_dir` (``data/`` of the
        checkout, or the copy installed with the package).

    Returns
    -------
    Frames
        A named tuple of four DataFrames, each with a plain ``RangeIndex`` in file order:

        - ``actors``: one row per actor, the declared actor fields (``id``, ``name``,
          ``kind``, ``aliases``, ``iso3``, ``description``, ...);
        - ``relationships``: one row per relationship, the declared relationship fields,
          including the computed ``start_year``, ``end_year`` and ``cites_ref`` and the
          type's ``symmetric`` and ``polarity``;
        - ``sources``: one row per work (``id``, ``citation``, ``kind``, ``year``, ``url``);
        - ``lifespans``: one row per actor the paper dates the start or end of
          (``lifespans.csv``): ``actor``, ``start``, ``end`` (partial dates, ``<NA>``
          when open), ``start_year``, ``end_year`` (``Int64``).

        The dtypes are in this module's docstring: text as ``string``, dates as
        ``string`` with ``Int64`` years beside them, lists as Python lists, ``kind``,
        ``type`` and fields with choices as ``category``.

    Raises
    ------
    graph_loader.validation.DataValidationError
        The data does not validate (its ``issues`` list every problem).

    Examples
    --------
    >>> import graph_loader
    >>> actors, relationships, sources, lifespans = graph_loader.frames()
    >>> relationships[["start", "start_year", "type", "certainty"]].dtypes.astype(str).tolist()
    ['string', 'Int64', 'category', 'category']
    """
    from graph_loader.validation import load_dataset

    return dataset_frames(load_dataset(data_dir))
