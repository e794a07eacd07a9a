"""The one generator of Cypher for both engines (Neo4j and the embedded FalkorDB).

Every statement the loader runs comes from here, as text plus parameters; the
executors in :mod:`graph_loader.engines` only differ in how they send it.

Rules kept here:

* Values are always parameters (``$rows``, ``$ids``...), never spliced into text.
* Labels and relationship types are static in the text (Cypher cannot take them
  as parameters), so they come only from the schema's vocabulary and are
  checked against a strict pattern again at generation time (defence in depth).
* One statement per node kind and per relationship type, each
  ``UNWIND $rows AS row MERGE ... SET x = row.props`` over a batch of rows
  (``props`` without nulls, which ``SET`` would not store anyway). Relationships
  the loader has just read are absent from the database are written with
  ``CREATE`` instead, which skips MERGE's search.
* Actors are merged on both their labels, ``MERGE (a:Actor:<Kind> {id: row.id})``:
  adding a label to an existing node (``SET a:<Kind>``) costs FalkorDB more the larger
  the graph, while a two-label MERGE stays as fast as a one-label one. An actor whose
  kind changed since the last load is relabelled first by a statement that only
  touches such nodes (:func:`relabel_actors_cypher`).

The graph model
---------------
* every actor is ``(:Actor:<Kind> {id, name, kind, aliases, iso3, description, dataset})``;
* every relationship ``(:Actor)-[:<TYPE> {id, start, end, start_year, end_year,
  evidence, section, source_ref, cites, cites_ref, certainty, note, symmetric, polarity,
  dataset}]->(:Actor)``;
  ``cites_ref`` is the ``sources.csv`` id of the cited work (:func:`graph_loader.model.cite_key`);
  symmetric types are stored once, as given, with ``symmetric: true``;
* every work in ``sources.csv`` is ``(:Source {id, citation, kind, year, url, dataset})``
  (relationships point at it through their ``source_ref`` property);
* one ``(:Dataset {id, loaded_at, version, n_actors, n_relationships, n_sources,
  content_hash})`` node records the last complete load.

An empty CSV field (unknown date, no note...) becomes an absent property (``null``),
never ``""``. Dates are kept as given (``"1992"``, ``"1994-05"``, ``"1994-05-12"``) and
their years are added as integers (``start_year``, ``end_year``) for range queries.

Run ``graph-loader dev cypher --all`` to regenerate ``cypher/load_csv.cypher``,
``cypher/schema.cypher`` and ``cypher/style.grass``.

The modules, in the order a statement is made:

- :mod:`.vocabulary`: the dataset id, the loader's labels, schema-checked names;
- :mod:`.ddl`: constraints and indexes;
- :mod:`.rows`: the properties stored for each record, batches, the content hash;
- :mod:`.statements`: the write and read statements of a load;
- :mod:`.literals`: Cypher literals, for scripts that cannot take parameters;
- :mod:`.scripts`: ``load_csv.cypher``, ``schema.cypher`` and ``style.grass``.
"""

from __future__ import annotations

from graph_loader.cypher.ddl import (
    CONSTRAINTS,
    INDEXES,
    Index,
    UniqueConstraint,
    schema_cypher,
)
from graph_loader.cypher.literals import (
    cypher_literal,
    cypher_string,
    inline_parameters,
)
from graph_loader.cypher.rows import (
    actor_props,
    content_hash,
    relationship_key,
    relationship_props,
    relationship_rows,
    source_props,
    stored,
    stored_fields,
)
from graph_loader.cypher.scripts import (
    REPO_CYPHER_DIR,
    load_csv_cypher,
    script_files,
    style_grass,
)
from graph_loader.cypher.statements import (
    COUNT_BY_LABEL,
    COUNT_BY_TYPE,
    COUNT_NODES,
    COUNT_RELATIONSHIPS,
    DELETE_RELATIONSHIPS,
    MERGE_DATASET,
    MERGE_SOURCES,
    PRUNE_ACTORS,
    PRUNE_RELATIONSHIPS,
    PRUNE_SOURCES,
    READ_ACTOR_LABELS,
    READ_ACTORS,
    READ_DATASET,
    READ_RELATIONSHIP_ENDS,
    READ_RELATIONSHIPS,
    READ_SOURCES,
    STALE_RELATIONSHIPS,
    Statement,
    actor_statements,
    all_cypher_texts,
    all_write_statements,
    create_relationships_cypher,
    dataset_statement,
    delete_relationships_statement,
    iter_relationship_statements,
    iter_write_statements,
    merge_actors_cypher,
    merge_relationships_cypher,
    prune_statements,
    relabel_actors_cypher,
    relationship_statements,
    source_statements,
    stale_relationships_statement,
)
from graph_loader.cypher.vocabulary import (
    ACTOR,
    DATASET,
    DATASET_ID,
    META_LABELS,
    SOURCE,
    CypherGenError,
    label,
    reltype,
)

__all__ = [
    "ACTOR",
    "CONSTRAINTS",
    "COUNT_BY_LABEL",
    "COUNT_BY_TYPE",
    "COUNT_NODES",
    "COUNT_RELATIONSHIPS",
    "CypherGenError",
    "DATASET",
    "DATASET_ID",
    "DELETE_RELATIONSHIPS",
    "INDEXES",
    "Index",
    "MERGE_DATASET",
    "MERGE_SOURCES",
    "META_LABELS",
    "PRUNE_ACTORS",
    "PRUNE_RELATIONSHIPS",
    "PRUNE_SOURCES",
    "READ_ACTOR_LABELS",
    "READ_ACTORS",
    "READ_DATASET",
    "READ_RELATIONSHIPS",
    "READ_RELATIONSHIP_ENDS",
    "READ_SOURCES",
    "REPO_CYPHER_DIR",
    "SOURCE",
    "STALE_RELATIONSHIPS",
    "Statement",
    "UniqueConstraint",
    "actor_props",
    "actor_statements",
    "all_cypher_texts",
    "all_write_statements",
    "content_hash",
    "create_relationships_cypher",
    "cypher_literal",
    "cypher_string",
    "dataset_statement",
    "delete_relationships_statement",
    "inline_parameters",
    "iter_relationship_statements",
    "iter_write_statements",
    "label",
    "load_csv_cypher",
    "merge_actors_cypher",
    "merge_relationships_cypher",
    "prune_statements",
    "relabel_actors_cypher",
    "relationship_key",
    "relationship_props",
    "relationship_rows",
    "relationship_statements",
    "reltype",
    "schema_cypher",
    "script_files",
    "source_props",
    "source_statements",
    "stale_relationships_statement",
    "stored",
    "stored_fields",
    "style_grass",
]
