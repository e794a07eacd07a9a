"""``graph-loader neo4j start | stop | status``: the local Neo4j server of a checkout."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _home_option(func: F) -> F:
    return click.option(
        "--home",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Instance directory (conf, data, logs, PID). Default: $GRAPH_LOADER_NEO4J_HOME, "
        "else .neo4j/server in the checkout.",
    )(func)


def _instance(home: Path | None) -> Any:
    from graph_loader.localneo4j import Instance

    return Instance(home.absolute()) if home else Instance.default()


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _describe(state: Any) -> str:
    return (
        f"  Browser  {state.browser_url}  (user neo4j; password below)\n"
        f"  Bolt     {state.bolt_uri}\n"
        f"  Guide    {state.guide_url}\n"
        f"  Home     {state.home}"
    )


@click.group("neo4j")
def neo4j_group() -> None:
    """Run a local Neo4j server from Maven Central (no Docker).

    The first start downloads Neo4j community (the version in tools/neo4j/pom.xml) with
    Maven into ~/.m2 and .neo4j/dist; later starts are offline. The server listens
    on 127.0.0.1 only, keeps its data and logs in .neo4j/server, and reads
    LOAD CSV files from the checkout's data/.

    \b
    Typical use:
      graph-loader neo4j start      # or: make neo4j
      graph-loader load             # loads into the running local server
      graph-loader neo4j stop
    """


@neo4j_group.command("start")
@_home_option
@click.option("--bolt-port", type=click.IntRange(1, 65535), default=7687, show_default=True,
              envvar="NEO4J_BOLT_PORT", help="Bolt port on 127.0.0.1. Env: NEO4J_BOLT_PORT.")
@click.option("--http-port", type=click.IntRange(1, 65535), default=7474, show_default=True,
              envvar="NEO4J_HTTP_PORT", help="HTTP port (Browser). Env: NEO4J_HTTP_PORT.")
@click.option("--heap", default="1g", show_default=True, help="JVM heap (Neo4j's heap size).")
@click.option("--pagecache", default="512m", show_default=True, help="Neo4j page cache size.")
@click.option("--timeout", type=click.FloatRange(1), default=120.0, show_default=True,
              help="Seconds to wait for Bolt to answer.")
@click.option("--fresh", is_flag=True, help="Delete the instance's database and password "
              "first, and start with an empty one.")
def start_cmd(
    home: Path | None, bolt_port: int, http_port: int, heap: str, pagecache: str,
    timeout: float, fresh: bool,
) -> None:
    """Start the server (if it is not running) and wait until Bolt answers.

    The password is NEO4J_PASSWORD, else NEO4J_PASSWORD in .env, else a random one
    kept in .neo4j/server/password. It is set on the first start; graph-loader load
    and query find it there when NEO4J_PASSWORD is not set.
    """
    from graph_loader.localneo4j import LocalServerError, server

    instance = _instance(home)
    try:
        state, started = server.start(
            instance, bolt_port=bolt_port, http_port=http_port, heap=heap,
            pagecache=pagecache, timeout=timeout, fresh=fresh,
            echo=lambda s: click.echo(s, err=True),
        )
    except LocalServerError as exc:
        _fail(str(exc))
    verb = "started" if started else "is already running"
    click.echo(f"Neo4j {state.version} {verb} (pid {state.pid}):\n{_describe(state)}")
    click.echo(f"  Password in {instance.password_file} (or NEO4J_PASSWORD / .env)")
    if started:
        click.echo("Load the data with: graph-loader load")


@neo4j_group.command("stop")
@_home_option
def stop_cmd(home: Path | None) -> None:
    """Stop the server (SIGTERM, then SIGKILL after 60 s)."""
    from graph_loader.localneo4j import LocalServerError, server

    try:
        state = server.stop(_instance(home))
    except LocalServerError as exc:
        _fail(str(exc))
    if state is None:
        click.echo("Neo4j is not running")
    else:
        click.echo(f"stopped Neo4j (pid {state.pid})")


@neo4j_group.command("status")
@_home_option
def status_cmd(home: Path | None) -> None:
    """Say whether the server runs, and where. Exit 0 if it runs, 3 if not."""
    from graph_loader.localneo4j import LocalServerError, server

    try:
        instance = _instance(home)
        state = server.status(instance)
    except LocalServerError as exc:
        _fail(str(exc))
    if state is None:
        click.echo(f"Neo4j is not running ({instance.home})")
        sys.exit(3)
    click.echo(f"Neo4j {state.version} is running (pid {state.pid}):\n{_describe(state)}")
