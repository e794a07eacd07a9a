"""This dataset's Neo4j Browser guide, rendered from the schema, the data, the query
library and ``cypher/style.grass``.

How Browser 5 (5.24) shows it, as checked in Chromium by ``tests/test_neo4j_browser.py``:

* ``:play <url>`` fetches an HTML page from a host in
  ``browser.remote_content_hostname_whitelist`` and shows it in a frame; its
  ``<slide>`` elements become pages (a guide of a single slide gets no run icons, so
  this one always has several). ``:guide <url>`` shows the same page in the sidebar.
* Browser strips ``<script>`` elements, ``on*`` attributes and ``javascript:`` links;
  ``<style>`` elements do not reach the page either, so the guide styles inline.
* ``<pre class="runnable">``: a click on the text puts it in the editor; a click on the
  play icon Browser prepends runs it at once.
* ``:style <grass>`` applies a style sheet given inline. Browser takes the text after the
  first ``:style`` in the command, so the sheet must not contain ``:style`` itself, and
  its parser rejects comments: the guide's block is ``style.grass`` without comments.

The local server serves the guide at ``/browser/guides/karabakh.html`` and opens it after
connecting (``browser.post_connect_cmd=play <url>``). The file is shared by every
instance of one checkout, so it holds nothing port-specific.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

FILE_NAME = "karabakh.html"
#: The first page's heading (tests look for it after connecting).
TITLE = "The Karabakh actor graph"
#: Library queries shown in the guide, in teaching order (missing ones are left out).
FIRST_QUERIES = (
    "minsk_group_members",
    "minsk_chairs",
    "mediators",
    "evidence_between",
    "shortest_path",
)
#: The actor whose neighbourhood the styling page draws.
NEIGHBOURHOOD_ID = "minsk-group"
NEIGHBOURHOOD_QUERY = (
    f"MATCH p = (a:Actor)-[r]-(m:Actor {{id: '{NEIGHBOURHOOD_ID}'}}) RETURN p"
)
#: Relationship families: the schema's polarity, as the README's data model reads it.
FAMILIES = (
    (1, "Cooperative", "polarity +1"),
    (0, "Neutral", "polarity 0"),
    (-1, "Conflictual", "polarity \u22121"),
)
#: How many actor names the kinds table shows per kind (the best connected ones).
EXAMPLES_PER_KIND = 3

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_PARAM_LINE = re.compile(r"^//\s*(:param\s.*?)\s*;?\s*$")


@dataclass(frozen=True)
class Family:
    """Relationship types of one polarity, for the guide's relationship pages."""

    name: str
    note: str
    types: list[Any]


def style_command(grass: str) -> str:
    """The ``:style`` command that applies ``grass`` in Browser with one click.

    Comments are dropped (Browser's grass parser rejects them, and a comment that
    mentions ``:style`` would cut the sheet short) and blank lines squeezed.

    >>> style_command("/* :style it */\\nnode {\\n  color: #fff;\\n}\\n")
    ':style\\nnode {\\n  color: #fff;\\n}'
    """
    sheet = _COMMENT.sub("", grass)
    lines = [ln.rstrip() for ln in sheet.splitlines() if ln.strip()]
    if any(":style" in ln for ln in lines):
        raise ValueError("a style sheet containing ':style' cannot be applied inline")
    return ":style\n" + "\n".join(lines)


def param_commands(text: str) -> list[str]:
    """The ``:param`` commands of a library file's header, as written there."""
    out = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        m = _PARAM_LINE.match(line)
        if m:
            out.append(m.group(1))
    return out


def _examples(dataset: Any) -> dict[str, list[str]]:
    """Per kind, the names of its best connected actors (ties by name)."""
    degree: Counter[str] = Counter()
    for rel in dataset.relationships:
        degree[rel.source] += 1
        degree[rel.target] += 1
    by_kind: dict[str, list[Any]] = {}
    for actor in dataset.actors.values():
        by_kind.setdefault(actor.kind, []).append(actor)
    return {
        kind: [a.name for a in sorted(actors, key=lambda a: (-degree[a.id], a.name))][
            :EXAMPLES_PER_KIND
        ]
        for kind, actors in by_kind.items()
    }


def context(data_dir: Path | None = None) -> dict[str, Any]:
    """Everything the template shows, derived from the data directory and the library.

    Parameters
    ----------
    data_dir
        The data (``schema.yaml`` and the CSVs); default the shipped ``data/``. If the
        CSVs do not validate, the guide still renders from the schema alone.
    """
    from graph_loader import default_data_dir
    from graph_loader import queries as qlib
    from graph_loader.cypher import (
        DATASET,
        REPO_CYPHER_DIR,
        SOURCE,
        actor_props,
        relationship_props,
    )
    from graph_loader.schema import load_schema
    from graph_loader.validation import load_dataset

    data_dir = data_dir or default_data_dir()
    schema = load_schema(data_dir / "schema.yaml")
    try:
        dataset = load_dataset(data_dir)
    except Exception:  # noqa: BLE001 - a guide from the schema alone beats no server
        dataset = None
    library = qlib.load_library()
    first = [library[name] for name in FIRST_QUERIES if name in library]
    families = [
        Family(name, note, [rt for rt in schema.relationship_types.values()
                            if rt.polarity == polarity])
        for polarity, name, note in FAMILIES
    ]
    ctx: dict[str, Any] = {
        "title": TITLE,
        "schema": schema,
        "families": [f for f in families if f.types],
        "style": style_command((REPO_CYPHER_DIR / "style.grass").read_text(encoding="utf-8")),
        "queries": [(q, param_commands(q.text)) for q in first],
        "library": sorted(library.values(), key=lambda q: q.name),
        "source_label": SOURCE,
        "dataset_label": DATASET,
        "dataset": None,
        "examples": {},
        "neighbourhood": None,
    }
    if dataset is not None:
        ctx["dataset"] = {
            "actors": len(dataset.actors),
            "relationships": len(dataset.relationships),
            "sources": len(dataset.sources),
            "kinds_used": len({a.kind for a in dataset.actors.values()}),
            "types_used": len({r.type for r in dataset.relationships}),
        }
        ctx["examples"] = _examples(dataset)
        if dataset.actors:
            ctx["actor_properties"] = list(actor_props(schema, next(iter(dataset.actors.values()))))
        if dataset.relationships:
            ctx["relationship_properties"] = list(
                relationship_props(schema, dataset.relationships[0])
            )
        centre = dataset.actors.get(NEIGHBOURHOOD_ID)
        if centre is not None:
            ctx["neighbourhood"] = {"name": centre.name, "query": NEIGHBOURHOOD_QUERY}
    return ctx


def render(data_dir: Path | None = None) -> str:
    """The guide's HTML (see :func:`context` for what it derives from)."""
    env = Environment(
        loader=PackageLoader("graph_loader", "templates"),
        autoescape=select_autoescape(default=True),
        keep_trailing_newline=True,
    )
    return env.get_template("browser_guide.html").render(**context(data_dir))


def write(path: Path, data_dir: Path | None = None) -> Path:
    """Render the guide to ``path`` (atomically) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render(data_dir)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".guide-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
