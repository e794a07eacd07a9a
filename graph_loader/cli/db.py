"""``graph-loader load``, ``query`` and ``queries``: the graph database commands."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from graph_loader.cli.common import DATA_HELP
from graph_loader.engines import (
    BATCH_SIZES,
    DEFAULT_URI,
    ENGINES,
    EngineError,
    Executor,
    default_engine,
)

F = TypeVar("F", bound=Callable[..., Any])

ENGINE_HELP = (
    "Database engine: 'neo4j' (a server, see --uri) or 'embedded' (FalkorDB started on "
    "demand, data in --store). Default: neo4j if NEO4J_URI is set or the local server "
    "(`graph-loader neo4j start`) runs, else embedded."
)


def _engine_options(func: F) -> F:
    """The options shared by ``load`` and ``query``."""
    options = [
        click.option("--engine", type=click.Choice(ENGINES), default=None, help=ENGINE_HELP),
        click.option(
            "--uri",
            envvar="NEO4J_URI",
            default=None,
            help=f"Neo4j URI (bolt://, neo4j://, neo4j+s://...). Env: NEO4J_URI. Default: "
            f"the local server of `graph-loader neo4j start` if it runs, else {DEFAULT_URI}.",
        ),
        click.option(
            "--user", envvar="NEO4J_USERNAME", default="neo4j", show_default=True,
            help="Neo4j user. Env: NEO4J_USERNAME.",
        ),
        click.option(
            "--password", envvar="NEO4J_PASSWORD", default=None, show_default=False,
            help="Neo4j password. Env: NEO4J_PASSWORD. Default: the local server's own.",
        ),
        click.option(
            "--database", envvar="NEO4J_DATABASE", default=None,
            help="Neo4j database (default: the server's). Env: NEO4J_DATABASE.",
        ),
        click.option(
            "--store",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Embedded engine directory. Default: $GRAPH_LOADER_STORE, else .store/falkordb "
            "in a project checkout, else the user cache directory.",
        ),
        click.option(
            "--data",
            "data_dir",
            type=click.Path(file_okay=False, exists=True, path_type=Path),
            default=None,
            help=DATA_HELP,
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _fail(message: str, code: int = 2) -> NoReturn:
    """Print a one-line error and exit (no traceback)."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _dataset(data_dir: Path | None) -> Any:
    from graph_loader.validation import DataValidationError, load_dataset

    try:
        return load_dataset(data_dir)
    except DataValidationError as exc:
        for issue in exc.issues[:20]:
            click.echo(str(issue), err=True)
        more = len(exc.issues) - 20
        if more > 0:
            click.echo(f"... and {more} more", err=True)
        _fail("the dataset is invalid; run `graph-loader validate` for the full report", 1)


@contextmanager
def _executor(
    engine: str | None,
    uri: str | None,
    user: str,
    password: str | None,
    database: str | None,
    store: Path | None,
) -> Iterator[Executor]:
    from graph_loader.engines import open_executor

    chosen = engine or default_engine()
    try:
        ex = open_executor(
            chosen, uri=uri, user=user, password=password, database=database, store=store
        )
    except EngineError as exc:
        _fail(str(exc))
    with ex:
        try:
            yield ex
        except EngineError as exc:
            _fail(str(exc))


@click.command("load")
@_engine_options
@click.option(
    "--batch-size", type=click.IntRange(1), default=None,
    help="Rows per UNWIND statement (each batch is one transaction). Default: "
    + ", ".join(f"{n:,} on {e}" for e, n in BATCH_SIZES.items()) + ", as measured fastest.",
)
@click.option("--prune", is_flag=True, help="Delete actors, relationships and sources of the "
              "dataset that are no longer in the data.")
@click.option("--dry-run", is_flag=True, help="Write nothing; print what a load would change.")
@click.option("--force", is_flag=True, help="Load even if the database already holds this "
              "exact version of the data (e.g. after editing the graph by hand).")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
def load_cmd(
    engine: str | None,
    uri: str | None,
    user: str,
    password: str | None,
    database: str | None,
    store: Path | None,
    data_dir: Path | None,
    batch_size: int | None,
    prune: bool,
    dry_run: bool,
    force: bool,
    quiet: bool,
) -> None:
    """Load the dataset into Neo4j or the embedded engine.

    Creates constraints and indexes first, then merges sources, actors (one
    statement per kind) and relationships (one per type) in batches. Loading
    twice changes nothing; --prune also deletes what left the data. If the
    database's (:Dataset) node already carries this data's content hash, nothing
    is written (unless --prune or --force).

    \b
    Examples:
      graph-loader load --engine embedded
      NEO4J_PASSWORD=... graph-loader load --engine neo4j --uri bolt://localhost:7687
      graph-loader load --dry-run --prune
    """
    from graph_loader import loader

    ds = _dataset(data_dir)
    with _executor(engine, uri, user, password, database, store) as ex:
        if dry_run:
            report = loader.load(ex, ds, dry_run=True)
            assert report.diff is not None
            click.echo(f"dry run against {ex.describe()} (nothing written):")
            for line in report.diff.lines(prune):
                click.echo(f"  {line}")
            if report.diff.up_to_date:
                click.echo("  the database is up to date")
            return
        t0 = time.perf_counter()
        todo = loader.prepare(
            ex, ds, batch_size=batch_size, prune=prune, unless_loaded=not (force or prune)
        )
        if not todo.statements:
            click.echo(
                f"{ex.describe()} already holds this version of the data (content "
                f"hash {todo.digest[:12]}); nothing written. --force loads it again."
            )
            return
        show = not quiet
        with click.progressbar(
            length=len(todo.statements), label="loading", file=sys.stderr, show_pos=True,
            item_show_func=lambda s: s, hidden=not show,
        ) as bar:

            def progress(stmt: Any) -> None:
                bar.update(1, stmt.what)

            report = loader.execute(ex, todo, progress=progress)
        if hasattr(ex, "save"):
            ex.save()  # a load that could not persist must not report success
        report.seconds = time.perf_counter() - t0  # preparation included
        c = report.counts
        click.echo(
            f"loaded {len(ds.actors)} actors, {len(ds.relationships)} relationships and "
            f"{len(ds.sources)} sources into {ex.describe()} in {report.seconds:.2f} s "
            f"({report.statements} statements; the graph now has {c['nodes']} nodes and "
            f"{c['relationships']} relationships; created {report.summary.nodes_created} "
            f"nodes and {report.summary.relationships_created} relationships, deleted "
            f"{report.summary.nodes_deleted} nodes and "
            f"{report.summary.relationships_deleted} relationships)"
        )


# --------------------------------------------------------------------------- output


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = "; ".join(_cell(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def format_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> str:
    """Render query rows as an aligned text table, JSON (a list of objects) or CSV.

    Parameters
    ----------
    rows
        Row dicts, as returned by an executor's ``read``.
    fmt
        ``"table"``, ``"json"`` or ``"csv"``.
    columns
        Column order (default: the keys of the first row).
    """
    cols = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":  # spreadsheet-safe: formula-like text cells get a leading '
        from graph_loader.tables import neutralise

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([neutralise(c) for c in cols])
        for row in rows:
            writer.writerow([neutralise(_cell(row.get(c))) for c in cols])
        return out.getvalue()
    if not rows:
        return "(no rows)\n"
    cells = [[_cell(row.get(c), 80) for c in cols] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells
    ]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- query


@click.command("query")
@click.argument("name", required=False)
@click.option("--cypher", "cypher_text", default=None, help="Run this Cypher instead of a "
              "library query.")
@click.option("--param", "-p", "params", multiple=True, metavar="K=V",
              help="A query parameter (repeatable). For a library query the name must be one "
              "it declares and the value of its type; actor names are checked.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
@_engine_options
def query_cmd(
    name: str | None,
    cypher_text: str | None,
    params: tuple[str, ...],
    fmt: str,
    engine: str | None,
    uri: str | None,
    user: str,
    password: str | None,
    database: str | None,
    store: Path | None,
    data_dir: Path | None,
) -> None:
    """Run a query from the library (cypher/queries/NAME.cypher) or --cypher TEXT.

    Queries are read-only. On the embedded engine the dataset is loaded first
    when the store is empty or holds another version of the data.
    `graph-loader queries` lists the library.

    \b
    Examples:
      graph-loader query minsk_chairs --param year=1995
      graph-loader query evidence_between -p a=Turkey -p b=Azerbaijan --format json
      graph-loader query --cypher "MATCH (a:Actor:State) RETURN a.name AS name"
    """
    from graph_loader import queries as qlib

    if (name is None) == (cypher_text is None):
        _fail("give a query NAME or --cypher TEXT (not both); `graph-loader queries` lists names")
    chosen = engine or default_engine()
    try:
        if name is not None:
            q = qlib.get_query(name)
            values = qlib.bind(q, qlib.split_params(params))
            if q.actor_params:
                qlib.check_actor_params(q, values, _dataset(data_dir))
            text = q.body
        else:
            assert cypher_text is not None
            text, values = cypher_text, qlib.parse_params(params)
    except KeyError as exc:
        _fail(str(exc.args[0]))
    except ValueError as exc:
        _fail(str(exc))
    if name is not None and "neo4j" in q.requires and chosen != "neo4j":
        _fail(f"query {name!r} requires Neo4j ({q.requires_note or 'uses Neo4j-only Cypher'})"
              f"; run it with --engine neo4j")
    with _executor(chosen, uri, user, password, database, store) as ex:
        if ex.engine == "embedded":
            _ensure_loaded(ex, data_dir)
        rows = ex.read(text, values)
    click.echo(format_rows(rows, fmt), nl=False)


def _ensure_loaded(ex: Executor, data_dir: Path | None) -> None:
    """Load the dataset into an embedded store that is empty or holds other data."""
    from graph_loader import loader

    def announce(have: str | None) -> None:
        why = "empty" if have is None else "from another version of the data"
        click.echo(f"the store is {why}; loading the dataset into {ex.describe()} first", err=True)

    loader.ensure_loaded(ex, _dataset(data_dir), before_load=announce)


@click.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def queries_cmd(fmt: str) -> None:
    """List the query library (cypher/queries/*.cypher) with titles and parameters."""
    from graph_loader import queries as qlib

    lib = qlib.load_library()
    if fmt == "json":
        click.echo(json.dumps([q.to_dict() for q in lib.values()], ensure_ascii=False, indent=2))
        return
    rows = [
        {
            "name": q.name,
            "title": q.title,
            "parameters": ", ".join(f"{k}={v}" for k, v in q.params.items()),
            "requires": ", ".join(q.requires),
        }
        for q in lib.values()
    ]
    click.echo(format_rows(rows, "table"), nl=False)
    click.echo("Run one with: graph-loader query NAME [--param k=v]...")
