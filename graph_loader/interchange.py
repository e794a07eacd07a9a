"""The JSON interchange format: the whole validated dataset in one document.

Shape (keys in this order)::

    {
      "nodes": [{"id", "name", "kind", "aliases": [...], "iso3", "description"}],
      "relationships": [{"id", "source", "target", "type", "start", "end",
                         "evidence", "section", "source_ref", "cites",
                         "certainty", "note", "symmetric", "polarity"}],
      "sources": [{"id", "citation", "kind", "year", "url"}],
      "meta": {"format", "format_version", "generator", "counts", "kinds",
               "relationship_types"}
    }

Dates are the ISO 8601 partial dates as written in the data (``"1992"``,
``"1992-03"``), ``""`` when unknown. ``symmetric`` and ``polarity`` come from
the schema. The document holds no timestamp, so the same data always gives
byte-identical output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from graph_loader import __version__
from graph_loader.dates import PartialDate
from graph_loader.model import Dataset

FORMAT = "karabakh-actor-graph/interchange"
FORMAT_VERSION = 1


def _date(d: PartialDate | None) -> str:
    return str(d) if d is not None else ""


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
    nodes = [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "aliases": list(a.aliases),
            "iso3": a.iso3,
            "description": a.description,
        }
        for a in ds.actors.values()
    ]
    rels = []
    for r in ds.relationships:
        rt = schema.relationship_types[r.type]
        rels.append(
            {
                "id": r.id,
                "source": r.source,
                "target": r.target,
                "type": r.type,
                "start": _date(r.start),
                "end": _date(r.end),
                "evidence": r.evidence,
                "section": r.section,
                "source_ref": r.source_ref,
                "cites": r.cites,
                "certainty": r.certainty,
                "note": r.note,
                "symmetric": rt.symmetric,
                "polarity": rt.polarity,
            }
        )
    sources = [
        {"id": s.id, "citation": s.citation, "kind": s.kind, "year": s.year, "url": s.url}
        for s in ds.sources.values()
    ]
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
