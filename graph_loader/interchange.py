"""The JSON interchange format: the whole validated dataset in one document.

Shape (keys in this order)::

    {
      "nodes": [{"id", "name", "kind", "aliases": [...], "iso3", "description"}],
      "relationships": [{"id", "source", "type", "target", "start", "end",
                         "evidence", "section", "source_ref", "cites",
                         "certainty", "note", "date_basis", "contradicts": [...],
                         "symmetric", "polarity"}],
      "sources": [{"id", "citation", "kind", "year", "url"}],
      "meta": {"format", "format_version", "generator", "counts", "kinds",
               "relationship_types"}
    }

Dates are the ISO 8601 partial dates as written in the data (``"1992"``,
``"1992-03"``), ``""`` when unknown. ``symmetric`` and ``polarity`` come from
the schema. These are the fields of :mod:`graph_loader.model` that are CSV columns or
come from the schema, then those schema.yaml adds. The document holds no timestamp,
so the same data always gives byte-identical output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from graph_loader import __version__
from graph_loader.model import Dataset, Projection, fields

FORMAT = "karabakh-actor-graph/interchange"
FORMAT_VERSION = 1


def to_interchange(ds: Dataset) -> dict[str, Any]:
    """Convert a validated dataset to the interchange document.

    Parameters
    ----------
    ds : Dataset
        As returned by :func:`graph_loader.validation.load_dataset`.

    Returns
    -------
    dict
        ``{"nodes", "relationships", "sources", "meta"}``, in file order; see
        the module docstring for the fields.
    """
    schema = ds.schema
    # The CSV columns and what the schema says of each type; not the computed values.
    shown = ("column", "schema")
    node = Projection(schema, fields(schema, "actor", shown))
    rel = Projection(schema, fields(schema, "relationship", shown))
    source = Projection(schema, fields(schema, "source", shown))
    nodes = [node(a) for a in ds.actors.values()]
    rels = [rel(r) for r in ds.relationships]
    sources = [source(s) for s in ds.sources.values()]
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"graph_loader {__version__}",
        "counts": {"nodes": len(nodes), "relationships": len(rels), "sources": len(sources)},
        # The schema travels with the data so consumers can colour and
        # interpret it without reading schema.yaml.
        "kinds": {
            k.name: {"description": k.description, "color": k.color} for k in schema.kinds.values()
        },
        "relationship_types": {
            t.name: {
                "description": t.description,
                "source": list(t.source),
                "target": list(t.target),
                "symmetric": t.symmetric,
                "polarity": t.polarity,
                "color": t.color,
            }
            for t in schema.relationship_types.values()
        },
    }
    return {"nodes": nodes, "relationships": rels, "sources": sources, "meta": meta}


def dumps(obj: Any) -> str:
    """Serialise as the project writes JSON: UTF-8 text, indent 2, trailing newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def write_json(obj: Any, path_or_dash: str | Path) -> None:
    """Write ``obj`` as JSON to a file, atomically, or to stdout for ``"-"``.

    Parameters
    ----------
    obj : Any
        A JSON-serialisable object.
    path_or_dash : str or Path
        Destination file (parent directories are created), or ``"-"``.

    Notes
    -----
    The file is written to a temporary file in the same directory and moved
    into place with :func:`os.replace`, so readers never see a partial file.
    """
    text = dumps(obj)
    if str(path_or_dash) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from graph_loader.safeio import atomic_write

    atomic_write(path_or_dash, text)
