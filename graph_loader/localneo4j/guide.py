"""This dataset's Neo4j Browser guide, rendered from the schema and the query library.

Browser 5 shows a remote guide with ``:play <url>`` (or ``:guide <url>``): an HTML page
whose ``<slide>`` elements become pages, and whose ``<pre class="runnable">`` blocks run
on a click. The local server serves it at ``/browser/guides/karabakh.html`` and opens it
after connecting (``browser.post_connect_cmd``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

FILE_NAME = "karabakh.html"
#: Library queries shown in the guide, in teaching order (missing ones are left out).
FIRST_QUERIES = (
    "minsk_group_members",
    "minsk_chairs",
    "mediators",
    "evidence_between",
    "shortest_path",
)


def render() -> str:
    """The guide's HTML, from ``data/schema.yaml``, ``cypher/style.grass`` and the queries."""
    from graph_loader import default_data_dir
    from graph_loader import queries as qlib
    from graph_loader.schema import load_schema

    schema = load_schema(default_data_dir() / "schema.yaml")
    library = qlib.load_library()
    queries = [library[name] for name in FIRST_QUERIES if name in library]
    env = Environment(
        loader=PackageLoader("graph_loader", "templates"),
        autoescape=select_autoescape(default=True),
        keep_trailing_newline=True,
    )
    return env.get_template("browser_guide.html").render(schema=schema, queries=queries)


def write(path: Path) -> Path:
    """Render the guide to ``path`` (atomically) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".guide-")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(render())
    os.replace(tmp, path)
    return path
