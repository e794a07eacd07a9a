"""``graph-loader build``: validate, build the graph, analyse, write views and reports."""

from __future__ import annotations

from pathlib import Path

import click

from graph_loader import default_data_dir
from graph_loader.cli.common import DATA_HELP, display_dir


@click.command("build")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), metavar="DIR",
              help=DATA_HELP)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), metavar="DIR",
              default=None,
              help="Output directory; replaced as a whole when the build succeeds. "
                   "[default: out, or out/as-of-YEAR with --as-of]")
@click.option("--as-of", "as_of", type=int, metavar="YEAR", default=None,
              help="Views, analyses, tables and exports of the graph as it stood in YEAR "
                   "(from the data's first year to 2024).")
def build_cmd(data_dir: Path | None, out_dir: Path | None, as_of: int | None) -> None:
    """Validate the data, build the graph, run the analyses and write out/.

    \b
    out/index.html      entry page with key figures and links to everything
    out/views/          interactive network views (self-contained HTML, offline)
    out/report.md/.html the analysis report
    out/tables/         analysis tables as CSV (UTF-8 with BOM, spreadsheet-safe)
    out/plots/          PNG charts
    out/exports/        GraphML, GEXF (Gephi timeline), node-link JSON, graph.cypher

    Invalid data: the problems are listed one per line and nothing is written
    (exit 1). The output directory is replaced only once every file is written.
    On Linux with two CPUs the plots (and, on large graphs, some analyses and the
    GEXF and Cypher exports) are made in worker processes alongside the rest.
    """
    from graph_loader.build import AsOfError, BuildError, as_of_out_dir, run_build
    from graph_loader.validation import DataValidationError

    data_dir = data_dir if data_dir is not None else default_data_dir()
    if not data_dir.is_dir():
        click.echo(f"error: data directory {str(data_dir)!r} does not exist (see --data)",
                   err=True)
        raise SystemExit(1)
    if out_dir is None:
        out_dir = as_of_out_dir(as_of) if as_of is not None else Path("out")
    from graph_loader import build
    from graph_loader.cli import in_main
    from graph_loader.lightimports import igraph_without_drawing

    igraph_without_drawing()
    if in_main():  # the process ends at once after the build: nothing to free before
        build.keep_until_exit()
    try:
        result = run_build(data_dir, out_dir, as_of, log=lambda m: click.echo(m, err=True))
    except DataValidationError as exc:
        for issue in exc.issues:
            click.echo(str(issue), err=True)
        n = len(exc.issues)
        click.echo(f"{n} error{'s' if n != 1 else ''} in {display_dir(data_dir)}; "
                   "nothing written", err=True)
        raise SystemExit(1) from None
    except AsOfError as exc:
        raise click.BadParameter(str(exc), param_hint="'--as-of'") from None
    except BuildError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from None
    except OSError as exc:  # a full disk, a read-only file system, no permission...
        from graph_loader.safeio import describe_oserror

        click.echo(f"error: cannot write the build's output: {describe_oserror(exc)}; "
                   f"{out_dir} is unchanged", err=True)
        raise SystemExit(1) from None
    click.echo(result.summary())
    from graph_loader.cli import end_without_teardown

    end_without_teardown()
