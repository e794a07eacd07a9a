"""Generate the README's data-model section from ``data/schema.yaml``.

The README holds the generated Markdown between two marker lines
(:data:`BEGIN`, :data:`END`). Regenerate it after editing the schema::

    graph-loader dev docs            # rewrite the block in README.md
    graph-loader dev docs --check    # exit 1 if the block is stale
"""

from __future__ import annotations

from pathlib import Path

from graph_loader.model import fields
from graph_loader.schema import RelType, Schema

BEGIN = (
    "<!-- BEGIN data-model (generated from data/schema.yaml by graph_loader.docs; do not edit) -->"
)
END = "<!-- END data-model -->"

DEFAULT_README = Path(__file__).resolve().parent.parent / "README.md"

_POLARITY = {1: "+1", -1: "\u22121", 0: "0"}  # U+2212: a typographic minus reads better


def _cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _influence(rt: RelType) -> str:
    if rt.influence.toward == "none":
        return "none"
    return f"{rt.influence.toward} ({rt.influence.weight:g})"


def data_model_markdown(schema: Schema) -> str:
    """Render the data-model section: node kinds and relationship types.

    Parameters
    ----------
    schema : Schema
        Usually ``load_schema("data/schema.yaml")``.

    Returns
    -------
    str
        Markdown (two tables with short introductions), ending in a newline,
        without the marker lines.
    """
    out = [
        "### Node kinds",
        "",
        "Each actor has exactly one kind; the kind is its Neo4j label and its colour in views. "
        "Agents are the kinds that act; rankings of main actors consider agents only.",
        "",
        "| Kind | Description | Colour | ISO 3166 code | Agent |",
        "|---|---|---|---|---|",
    ]
    for k in schema.kinds.values():
        iso = "yes" if k.iso3 else ""
        agent = "yes" if k.agent else ""
        out.append(f"| `{k.name}` | {_cell(k.description)} | `{k.color}` | {iso} | {agent} |")
    out += [
        "",
        "### Relationship types",
        "",
        "Source and target list the node kinds allowed at each end. Symmetric types are "
        "stored once and read both ways. Polarity (+1 cooperative, \u22121 conflictual, "
        "0 neutral) is the relationship's tone. Only the types marked as signed ties "
        "(alliance, support, aid, cooperation, alignment; conflict, rivalry, pressure, "
        "exclusion, condemnation, leaving a sphere of influence) feed the signed network "
        "and structural balance, with their polarity as sign, and only between two agents; "
        "memberships, participation and documents do not, whatever their polarity. "
        "Influence says which end gains influence, and with what weight, in the influence "
        "graph used for PageRank.",
        "",
        "| Type | Description | Source kinds | Target kinds | Direction | Polarity | "
        "Signed tie | Influence |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for rt in schema.relationship_types.values():
        direction = "symmetric" if rt.symmetric else "directed"
        out.append(
            f"| `{rt.name}` | {_cell(rt.description)} | {', '.join(rt.source)} | "
            f"{', '.join(rt.target)} | {direction} | {_POLARITY[rt.polarity]} | "
            f"{'yes' if rt.signed else ''} | {_influence(rt)} |"
        )
    out += _families_markdown(schema)
    out += _fields_markdown(schema)
    out += _views_markdown(schema)
    return "\n".join(out) + "\n"


def _families_markdown(schema: Schema) -> list[str]:
    """The families of relationship types (``families:``): one colour each in the views."""
    if not schema.families:
        return []
    out = [
        "",
        "### Relationship families",
        "",
        "Each relationship type belongs to one family; the views, their legends and filters "
        "and the Neo4j Browser style colour a relationship by its family (the exact type is "
        "in the tooltip and the filter).",
        "",
        "| Family | Colour | Description | Relationship types |",
        "|---|---|---|---|",
    ]
    for name, types in schema.family_types().items():
        f = schema.families[name]
        shown = ", ".join(f"`{t}`" for t in types)
        out.append(f"| {_cell(f.title)} | `{f.color}` | {_cell(f.description)} | {shown} |")
    return out


def _views_markdown(schema: Schema) -> list[str]:
    """The theme views the schema declares (``views:``), between the full and signed ones."""
    if not schema.views:
        return []
    out = [
        "",
        "### Theme views",
        "",
        "Besides the full and the signed network, `graph-loader build` draws one view per "
        "entry of the schema's `views:` section, with the relationship types it lists.",
        "",
        "| View | Page | Relationship types |",
        "|---|---|---|",
    ]
    for v in schema.views.values():
        shown = ", ".join(f"`{t}`" for t in v.types)
        out.append(f"| {_cell(v.title)} | `views/{v.slug}.html` | {shown} |")
    return out


_FILES = {"actor": "actors.csv", "relationship": "relationships.csv", "source": "sources.csv"}
_ORIGIN = {"computed": "computed from {of}", "schema": "from the type in the schema",
           "lifespan": "from `lifespans.csv`"}


def _fields_markdown(schema: Schema) -> list[str]:
    """The fields of each file (:func:`graph_loader.model.fields`), one table per file."""
    out = [
        "",
        "### Fields",
        "",
        "Each file's columns, in order, then the values the graph and the database add to "
        "them. Validation, the graph's attributes, the Neo4j properties, `load_csv.cypher`, "
        "the tables and the JSON export all take their fields from this declaration.",
    ]
    for record, file in _FILES.items():
        out += ["", f"`data/{file}`:", "", "| Field | Type | Required | Meaning |"]
        out.append("|---|---|---|---|")
        for f in fields(schema, record):
            meaning = f.description
            if f.choices:
                meaning += f" One of: {', '.join(f'`{c}`' for c in f.choices)}."
            if f.origin in _ORIGIN:
                of = " and ".join(f"`{x}`" for x in f.of.split())
                meaning += f" (Not a column: {_ORIGIN[f.origin].format(of=of)}.)"
            required = "yes" if f.required else ""
            out.append(f"| `{f.name}` | {f.type} | {required} | {_cell(meaning)} |")
    return out


def replace_block(readme: str, block: str) -> str:
    """Return ``readme`` with the text between the markers replaced by ``block``.

    Raises
    ------
    ValueError
        The markers are missing or out of order.
    """
    start = readme.find(BEGIN)
    end = readme.find(END)
    if start < 0 or end < 0 or end < start:
        raise ValueError(f"README has no data-model block; add the lines\n{BEGIN}\n{END}")
    head = readme[: start + len(BEGIN)]
    return f"{head}\n{block}{readme[end:]}"


def extract_block(readme: str) -> str:
    """The text between the markers (without them), or raise ValueError."""
    start = readme.find(BEGIN)
    end = readme.find(END)
    if start < 0 or end < 0 or end < start:
        raise ValueError("README has no data-model block")
    return readme[start + len(BEGIN) : end].removeprefix("\n")
