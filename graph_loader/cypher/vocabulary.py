"""The names Cypher text may hold: the dataset id, the loader's labels, schema-checked names.

Labels and relationship types are static in the text (Cypher cannot take them as
parameters), so they come only from the schema's vocabulary and are checked against
a strict pattern again at generation time (defence in depth).
"""

from __future__ import annotations

from graph_loader.schema import _LABEL, _RELTYPE, Schema

#: The value of the ``dataset`` property on everything the loader writes, and the
#: id of the ``(:Dataset)`` node.
DATASET_ID = "karabakh-actor-graph"

#: Labels the loader uses besides the schema's kinds.
ACTOR = "Actor"
SOURCE = "Source"
DATASET = "Dataset"
META_LABELS = (ACTOR, SOURCE, DATASET)

class CypherGenError(ValueError):
    """A label or relationship type outside the schema's vocabulary was requested."""


def label(schema: Schema, name: str) -> str:
    """Return ``name`` as a node label after checking it is a schema kind.

    Parameters
    ----------
    schema
        The dataset schema.
    name
        A kind name from the schema, or one of :data:`META_LABELS`.

    Raises
    ------
    CypherGenError
        If ``name`` is not in the vocabulary or does not look like a label.
    """
    if name not in schema.kinds and name not in META_LABELS:
        raise CypherGenError(f"{name!r} is not a node kind of the schema")
    if not _LABEL.match(name):
        raise CypherGenError(f"{name!r} is not a safe label")
    return name


def reltype(schema: Schema, name: str) -> str:
    """Return ``name`` as a relationship type after checking it is in the schema.

    Raises
    ------
    CypherGenError
        If ``name`` is not in the vocabulary or does not look like a type.
    """
    if name not in schema.relationship_types:
        raise CypherGenError(f"{name!r} is not a relationship type of the schema")
    if not _RELTYPE.match(name):
        raise CypherGenError(f"{name!r} is not a safe relationship type")
    return name
