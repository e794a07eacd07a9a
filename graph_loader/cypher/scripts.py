"""The Cypher files under ``cypher/``: ``load_csv.cypher``, ``schema.cypher``, ``style.grass``.

``graph-loader dev cypher`` writes them; tests check the files equal the generated text.
"""

from __future__ import annotations

from graph_loader.cypher.ddl import schema_cypher
from graph_loader.cypher.rows import stored_fields
from graph_loader.cypher.statements import _kind_change
from graph_loader.cypher.vocabulary import ACTOR, DATASET, DATASET_ID, SOURCE, label, reltype
from graph_loader.resources import shipped_dir
from graph_loader.schema import Field, RelType, Schema

#: The checkout's ``cypher/`` directory; in an installed wheel, the copy shipped in the
#: package (:func:`graph_loader.resources.shipped_dir`).
REPO_CYPHER_DIR = shipped_dir("cypher")


def _csv_opt(expr: str) -> str:
    """A LOAD CSV field with empty strings turned into ``null``."""
    return f"CASE WHEN {expr} = '' THEN null ELSE {expr} END"


def _csv_empty_null(column: str, expr: str) -> str:
    """``expr`` of a LOAD CSV column, ``null`` where the column is empty or missing."""
    return f"CASE WHEN coalesce({column}, '') = '' THEN null ELSE {expr} END"


_CSV_CONVERT = {"int": "toInteger", "float": "toFloat", "bool": "toBoolean"}


def _csv_value(f: Field, rt: RelType | None) -> str:
    """The LOAD CSV expression of field ``f`` (``rt``: the row's type, for schema fields)."""
    column = f"row.{f.name}"
    if f.origin == "schema":
        value = getattr(rt, f.name)
        return ("true" if value else "false") if isinstance(value, bool) else str(value)
    if f.origin == "lifespan":  # not in actors.csv: set from lifespans.csv below
        return "null"
    if f.origin == "computed" and f.type == "bool":  # dated: has a start or an end
        return " OR ".join(f"coalesce(row.{x}, '') <> ''" for x in f.of.split())
    if f.type == "year":
        base = f"row.{f.of}"
        return _csv_empty_null(base, f"toInteger(left({base}, 4))")
    if f.type == "slug":
        # cite_key() without regular expressions: enough for "Name 1994" and "OSCE n.d.";
        # the LOAD CSV test checks it agrees with the Python loader on the shipped data.
        base = f"row.{f.of}"
        return _csv_empty_null(
            base, f"toLower(replace(trim(replace(replace({base}, '.', ' '), ',', ' ')), ' ', '-'))"
        )
    if f.type == "list":
        items = f"[x IN split({column}, ';') | trim(x)]"
        return f"CASE WHEN coalesce({column}, '') = '' THEN [] ELSE {items} END"
    convert = _CSV_CONVERT.get(f.type)
    if convert:
        expr = f"{convert}({column})"
        return expr if f.required else _csv_empty_null(column, expr)
    return column if f.required else _csv_opt(column)


def _csv_map(schema: Schema, record: str, rt: RelType | None = None) -> str:
    """The property map a LOAD CSV row sets: the stored fields and ``dataset``."""
    items = [f"{f.name}: {_csv_value(f, rt)}" for f in stored_fields(schema, record)]
    return "{" + ", ".join([*items, f"dataset: '{DATASET_ID}'"]) + "}"


def _lifespans_csv(schema: Schema) -> list[str]:
    """Set the actors' ``lifespan`` fields (and the years computed from them) from
    ``lifespans.csv``: one row per dated bound, ``bound`` naming the field."""
    stored = stored_fields(schema, "actor")
    out = ["// Actor lifespans (lifespans.csv: one row per dated start or end)"]
    for f in (f for f in stored if f.origin == "lifespan"):
        sets = [f"a.{f.name} = row.date"] + [
            f"a.{c.name} = toInteger(left(row.date, 4))"
            for c in stored if c.origin == "computed" and c.of == f.name
        ]
        out += [
            "LOAD CSV WITH HEADERS FROM 'file:///lifespans.csv' AS row",
            f"WITH row WHERE row.bound = '{f.name}'",
            f"MATCH (a:{ACTOR} {{id: row.actor}})",
            f"SET {', '.join(sets)};",
        ]
    return [*out, ""]


def load_csv_cypher(schema: Schema) -> str:
    """The text of ``cypher/load_csv.cypher``: the same graph with LOAD CSV, no Python.

    One statement per kind and per relationship type, because labels and types
    cannot be dynamic. Reads ``file:///actors.csv`` etc. from Neo4j's import
    directory (the compose file mounts ``data/`` there). The properties are the
    stored fields (:func:`stored_fields`), as the Python loader writes them.
    """
    ds = f"'{DATASET_ID}'"
    out = [
        "// Build the Karabakh actor graph from data/*.csv with LOAD CSV (no Python needed).",
        "// Generated from data/schema.yaml by",
        "//   graph-loader dev cypher --write-load-csv",
        "// do not edit by hand; tests check this file equals the generated text.",
        "// Neo4j reads file:///x.csv from its import directory; docker-compose.yml",
        "// mounts ./data there. Run cypher/schema.cypher first. The graph is the same",
        "// as `graph-loader load` builds, except the (:Dataset) node has no content_hash.",
        "",
        "// Sources",
        "LOAD CSV WITH HEADERS FROM 'file:///sources.csv' AS row",
        f"MERGE (s:{SOURCE} {{id: row.id}})",
        f"SET s = {_csv_map(schema, 'source')};",
        "",
    ]
    for kind in schema.kinds:
        condition, lab, others = _kind_change(schema, kind)
        read = [
            "LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row",
            f"WITH row WHERE row.kind = '{lab}'",
        ]
        out += [
            f"// Actors :{lab}: first those whose kind changed, then the merge on both labels",
            *read,
            f"MATCH (a:{ACTOR} {{id: row.id}}) WHERE {condition}",
            f"SET a:{lab}" + (f"\nREMOVE a:{others};" if others else ";"),
            *read,
            f"MERGE (a:{ACTOR}:{lab} {{id: row.id}})",
            f"SET a = {_csv_map(schema, 'actor')};",
            "",
        ]
    out += _lifespans_csv(schema)
    for rtype, rt in schema.relationship_types.items():
        t = reltype(schema, rtype)
        out += [
            f"// Relationships :{t}",
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
            f"WITH row WHERE row.type = '{t}'",
            f"MATCH (s:{ACTOR} {{id: row.source}})",
            f"MATCH (t:{ACTOR} {{id: row.target}})",
            f"MERGE (s)-[r:{t} {{id: row.id}}]->(t)",
            f"SET r = {_csv_map(schema, 'relationship', rt)};",
            "",
        ]
    out += [
        "// The (:Dataset) node",
        f"MATCH (a:{ACTOR}) WHERE a.dataset = {ds}",
        "WITH count(a) AS n_actors",
        f"OPTIONAL MATCH ()-[r]->() WHERE r.dataset = {ds}",
        "WITH n_actors, count(r) AS n_relationships",
        f"OPTIONAL MATCH (s:{SOURCE}) WHERE s.dataset = {ds}",
        "WITH n_actors, n_relationships, count(s) AS n_sources",
        f"MERGE (d:{DATASET} {{id: {ds}}})",
        "SET d = {id: " + ds + ", loaded_at: toString(datetime()), version: 'load_csv.cypher', "
        "n_actors: n_actors, n_relationships: n_relationships, n_sources: n_sources};",
    ]
    return "\n".join(out) + "\n"


def style_grass(schema: Schema) -> str:
    """A Neo4j Browser style sheet (``.grass``) with the schema's kind colours."""

    def darker(color: str) -> str:
        r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
        return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))

    def text_color(color: str) -> str:
        r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
        return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"

    # No header comment: Browser's grass parser has none, and glues a comment onto the
    # next selector (the base ``node`` rule was lost when the file was dropped on Browser).
    out = [
        "node {",
        "  diameter: 50px;",
        "  color: #a5abb6;",
        "  border-color: #9aa1ac;",
        "  border-width: 2px;",
        "  text-color-internal: #ffffff;",
        "  font-size: 10px;",
        "  caption: '{name}';",
        "}",
        "relationship {",
        "  color: #a5abb6;",
        "  shaft-width: 1px;",
        "  font-size: 8px;",
        "  padding: 3px;",
        "  text-color-external: #000000;",
        "  text-color-internal: #ffffff;",
        "  caption: '<type>';",
        "}",
    ]
    for kind in schema.kinds.values():
        lab = label(schema, kind.name)
        out += [
            f"node.{lab} {{",
            f"  color: {kind.color};",
            f"  border-color: {darker(kind.color)};",
            f"  text-color-internal: {text_color(kind.color)};",
            "  caption: '{name}';",
            "}",
        ]
    out += [
        f"node.{SOURCE} {{",
        "  color: #ffffff;",
        "  border-color: #555555;",
        "  text-color-internal: #000000;",
        "  caption: '{id}';",
        "}",
    ]
    for rt in schema.relationship_types.values():
        t = reltype(schema, rt.name)
        color = schema.type_color(rt.name)  # its family's colour, as in the views
        out += [f"relationship.{t} {{", f"  color: {color};", "  caption: '<type>';", "}"]
    return "\n".join(out) + "\n"


def script_files(schema: Schema) -> dict[str, str]:
    """``{file name: text}`` of the generated files under ``cypher/``."""
    return {
        "load_csv.cypher": load_csv_cypher(schema),
        "schema.cypher": schema_cypher(),
        "style.grass": style_grass(schema),
    }
