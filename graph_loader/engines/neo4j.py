"""The Neo4j engine: the official driver, one managed transaction per statement."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from graph_loader.cypher import Index, UniqueConstraint
from graph_loader.engines import BATCH_SIZES, EngineError, EngineUnavailable, WriteSummary

#: Relationship batches a load writes at once: the server plans, locks and commits one
#: while it executes another (M: relationship phase 7.9-9.8 s with one, 6.3-6.6 s with two,
#: 5.5 s with three, on 2 CPUs; two keeps lock waits on hub actors rare).
PARALLEL_WRITES = 2

FIX = "start it with `docker compose up -d neo4j` (see .env.example), or use --engine embedded"


class Neo4jExecutor:
    """Run Cypher on a Neo4j 5 server.

    Every statement goes through ``driver.execute_query``, a managed transaction the
    driver retries on transient errors (leader changes, deadlocks, dropped connections).

    Parameters
    ----------
    uri
        ``bolt://``, ``neo4j://`` or ``neo4j+s://`` URI (the driver handles TLS).
    user, password
        Basic auth; no auth if both are empty.
    database
        The database name, or ``None`` for the server's default.

    Raises
    ------
    EngineUnavailable
        If the server cannot be reached or refuses the credentials (checked at once).
    """

    engine = "neo4j"
    batch_size = BATCH_SIZES["neo4j"]

    def __init__(self, uri: str, user: str, password: str, database: str | None = None) -> None:
        import neo4j
        from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable

        self.uri = uri
        self.database = database
        self._neo4j = neo4j
        auth = (user, password) if (user or password) else None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, connection_timeout=5.0, max_transaction_retry_time=15.0,
                notifications_min_severity="OFF",  # the data's own labels warn before a load
            )
        except (ValueError, ConfigurationError) as exc:
            raise EngineUnavailable(f"invalid Neo4j URI {uri!r}: {exc}") from None
        try:
            self._driver.verify_connectivity()
        except AuthError:
            self._driver.close()
            raise EngineUnavailable(
                f"Neo4j at {uri} refused the credentials of user {user!r}: set NEO4J_USERNAME "
                f"and NEO4J_PASSWORD (or --user/--password) to the server's, or use "
                f"--engine embedded"
            ) from None
        except (ServiceUnavailable, OSError) as exc:
            self._driver.close()
            reason = (str(exc).splitlines() or [type(exc).__name__])[0].rstrip(": ")
            raise EngineUnavailable(
                f"cannot reach Neo4j at {uri} ({reason}); {FIX}"
            ) from None
        except Neo4jError as exc:
            self._driver.close()
            raise EngineUnavailable(f"Neo4j at {uri}: {exc.message}; {FIX}") from None

    def describe(self) -> str:
        """The URI (and database, if one was named)."""
        return self.uri + (f" (database {self.database})" if self.database else "")

    def _run(self, cypher: str, params: Mapping[str, Any] | None, write: bool) -> Any:
        from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

        routing = self._neo4j.RoutingControl.WRITE if write else self._neo4j.RoutingControl.READ
        try:
            return self._driver.execute_query(
                cypher, dict(params or {}), routing_=routing, database_=self.database
            )
        except (ServiceUnavailable, SessionExpired) as exc:
            raise EngineUnavailable(f"lost Neo4j at {self.uri}: {exc}; {FIX}") from None
        except Neo4jError as exc:
            raise EngineError(f"Neo4j error: {exc.code}: {exc.message}") from None

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read-only statement (the server rejects writes in read mode)."""
        result = self._run(cypher, params, write=False)
        return [record.data() for record in result.records]

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> WriteSummary:
        """Run a write statement as one managed (retried) transaction."""
        result = self._run(cypher, params, write=True)
        c = result.summary.counters
        return WriteSummary(
            nodes_created=c.nodes_created,
            nodes_deleted=c.nodes_deleted,
            relationships_created=c.relationships_created,
            relationships_deleted=c.relationships_deleted,
            properties_set=c.properties_set,
        )

    def write_parallel(
        self, statements: Sequence[tuple[str, Mapping[str, Any] | None]]
    ) -> Iterator[WriteSummary]:
        """Run independent write statements :data:`PARALLEL_WRITES` at a time.

        Each is its own managed transaction on its own connection (the driver's pool),
        retried on transient errors such as a deadlock between two of them; the
        summaries come in statement order. Only for statements that write disjoint
        rows (:attr:`graph_loader.cypher.Statement.independent`).
        """
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(PARALLEL_WRITES) as pool:
            yield from pool.map(lambda s: self.write(*s), statements)

    def ensure_constraint(self, constraint: UniqueConstraint) -> None:
        """``CREATE CONSTRAINT ... IF NOT EXISTS``."""
        self._run(constraint.neo4j(), None, write=True)

    def ensure_index(self, index: Index) -> None:
        """``CREATE INDEX ... IF NOT EXISTS``."""
        self._run(index.neo4j(), None, write=True)

    def close(self) -> None:
        """Close the driver."""
        self._driver.close()

    def __enter__(self) -> Neo4jExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
