"""A local Neo4j server without Docker: assembled from Maven Central, run from the checkout.

``graph-loader neo4j start | stop | status`` (and ``make neo4j``) drive it:

* :mod:`.paths` says where things live: the assembly (``.neo4j/dist``: the jars and the
  Browser) and an instance (``.neo4j/server`` by default: conf, data, logs, PID);
* :mod:`.assemble` gathers the jars with Maven (``tools/neo4j/pom.xml``) and unpacks the
  Browser with this project's guide;
* :mod:`.credentials` finds the password (``NEO4J_PASSWORD``, ``.env``, or one it made);
* :mod:`.server` writes ``neo4j.conf``, starts the JVM, waits for Bolt, and stops it.

Every failure a user can cause or fix (no Java, no Maven, a busy port, a wrong
password) raises :class:`LocalServerError` with one line to print.
"""

from __future__ import annotations

from graph_loader.localneo4j.paths import Instance, LocalServerError, neo4j_version
from graph_loader.localneo4j.server import ServerState, running, start, status, stop

__all__ = [
    "Instance",
    "LocalServerError",
    "ServerState",
    "neo4j_version",
    "running",
    "start",
    "status",
    "stop",
]
