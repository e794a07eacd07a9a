"""The tests' own Neo4j: a local server in ``.neo4j/test``, started once per run.

``neo4j_connection()`` returns how to reach a Neo4j for the live tests:

* ``NEO4J_URI`` (with ``NEO4J_PASSWORD``) if set: a server of the developer's own,
  e.g. ``docker compose up -d neo4j``;
* else the local server of ``graph-loader neo4j start --home .neo4j/test --fresh`` on
  ports 17687/17474 (``NEO4J_TEST_BOLT_PORT``/``NEO4J_TEST_HTTP_PORT``), started here
  with an empty database and stopped at the end of the run.

The tests write to that database freely. Under ``CI=true`` a server that cannot start
fails the run (see :func:`conftest.require`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
#: ``GRAPH_LOADER_TEST_NEO4J_HOME`` moves it (two checkouts' runs at once need two).
TEST_HOME = Path(os.environ.get("GRAPH_LOADER_TEST_NEO4J_HOME") or REPO_ROOT / ".neo4j" / "test")


@dataclass(frozen=True)
class Neo4jServer:
    """Where the live tests' Neo4j listens."""

    uri: str
    user: str
    password: str
    #: Browser's URL, when the server is the local one (None for NEO4J_URI servers).
    http_url: str | None
    #: Whether LOAD CSV reads this checkout's data/ (true for the local server).
    imports_data_dir: bool
    #: The instance directory of the local server, else None.
    home: Path | None = None


def from_environment() -> Neo4jServer | None:
    """The developer's own server, if ``NEO4J_URI`` names one."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jServer(
        uri=uri,
        user=os.environ.get("NEO4J_USERNAME", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        http_url=os.environ.get("NEO4J_HTTP_URL"),
        imports_data_dir=os.environ.get("NEO4J_IMPORT_IS_DATA") == "1",
    )


def start_local() -> tuple[Neo4jServer, bool]:
    """Start (or reuse) the tests' local server; ``(server, started_here)``.

    Raises
    ------
    graph_loader.localneo4j.LocalServerError
        No Java or Maven, a busy port, or a server that does not come up.
    """
    from graph_loader.localneo4j import Instance, server

    instance = Instance(TEST_HOME)
    bolt = int(os.environ.get("NEO4J_TEST_BOLT_PORT", "17687"))
    http = int(os.environ.get("NEO4J_TEST_HTTP_PORT", "17474"))
    state, started = server.start(
        instance, bolt_port=bolt, http_port=http, heap="1g", pagecache="256m",
        fresh=server.running(instance) is None,
    )
    password = instance.password_file.read_text(encoding="utf-8").strip()
    return (
        Neo4jServer(
            uri=state.bolt_uri, user="neo4j", password=password,
            http_url=f"http://127.0.0.1:{state.http_port}", imports_data_dir=True,
            home=instance.home,
        ),
        started,
    )


def stop_local() -> None:
    from graph_loader.localneo4j import Instance, server

    server.stop(Instance(TEST_HOME))
