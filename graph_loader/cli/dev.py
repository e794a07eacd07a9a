"""``graph-loader dev``: the maintainers' commands (generated files, README, notebooks)."""

from __future__ import annotations

from pathlib import Path

import click

from graph_loader import default_data_dir

SCHEMA_HELP = "Schema to read. Default: schema.yaml in the default data directory."


def _schema_path(path: Path | None) -> Path:
    return path or default_data_dir() / "schema.yaml"


@click.group("dev")
def dev_cmd() -> None:
    """Regenerate the files derived from the schema, and run the notebooks."""


@dev_cmd.command("cypher")
@click.option(
    "--schema", "schema_path", help=SCHEMA_HELP,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--cypher-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Where to write. Default: the checkout's cypher/.",
)
@click.option("--write-load-csv", is_flag=True, help="Write load_csv.cypher.")
@click.option("--write-schema", is_flag=True, help="Write schema.cypher.")
@click.option("--write-style", is_flag=True, help="Write style.grass.")
@click.option("--all", "write_all", is_flag=True, help="Write all three.")
def cypher_cmd(
    schema_path: Path | None,
    cypher_dir: Path | None,
    write_load_csv: bool,
    write_schema: bool,
    write_style: bool,
    write_all: bool,
) -> None:
    """Write the generated Cypher files under cypher/ (without a flag, print load_csv.cypher).

    \b
    Examples:
      graph-loader dev cypher --all
    """
    from graph_loader.cypher import REPO_CYPHER_DIR, script_files
    from graph_loader.schema import load_schema

    files = script_files(load_schema(_schema_path(schema_path)))
    wanted = {
        "load_csv.cypher": write_load_csv,
        "schema.cypher": write_schema,
        "style.grass": write_style,
    }
    folder = cypher_dir or REPO_CYPHER_DIR
    chosen = [name for name, flag in wanted.items() if flag or write_all]
    for name in chosen:
        (folder / name).write_text(files[name], encoding="utf-8")
        click.echo(f"wrote {folder / name}")
    if not chosen:
        click.echo(files["load_csv.cypher"], nl=False)


@dev_cmd.command("docs")
@click.option(
    "--schema", "schema_path", help=SCHEMA_HELP,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--readme", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
    help="README whose data-model block is rewritten. Default: the checkout's README.md.",
)
@click.option("--check", is_flag=True, help="Do not write; exit 1 if the block is stale.")
def docs_cmd(schema_path: Path | None, readme: Path | None, check: bool) -> None:
    """Regenerate the data-model section of README.md from the schema.

    \b
    Examples:
      graph-loader dev docs
      graph-loader dev docs --check
    """
    from graph_loader.docs import DEFAULT_README, data_model_markdown, replace_block
    from graph_loader.schema import load_schema

    readme = readme or DEFAULT_README
    schema = load_schema(_schema_path(schema_path))
    text = readme.read_text(encoding="utf-8")
    try:
        new = replace_block(text, data_model_markdown(schema))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if check:
        if new != text:
            click.echo(f"{readme}: data-model section is stale; run graph-loader dev docs")
            raise SystemExit(1)
        click.echo(f"{readme}: data-model section is up to date")
        return
    if new != text:
        readme.write_text(new, encoding="utf-8")
        click.echo(f"{readme}: data-model section rewritten")
    else:
        click.echo(f"{readme}: data-model section already up to date")


@dev_cmd.command("notebooks")
@click.argument("names", nargs=-1)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/notebooks"), show_default=True,
    help="Where to write <name>.html and index.html.",
)
@click.option("--timeout", type=int, default=None, help="Seconds any one cell may take.")
@click.option("--kernel", default=None, help="Kernel spec name.")
def notebooks_cmd(
    names: tuple[str, ...], out: Path, timeout: int | None, kernel: str | None
) -> None:
    """Execute the notebooks on fresh kernels and render HTML copies.

    NAMES are notebooks to run (file names or paths); default: every notebook in
    notebooks/. Exits 1 if any notebook fails.

    \b
    Examples:
      graph-loader dev notebooks --out out/notebooks
      graph-loader dev notebooks 03_time
    """
    from graph_loader import notebooks as nb

    folder = nb.notebooks_dir()
    paths = nb.resolve_names(names, folder) if names else nb.notebook_paths(folder)
    if not paths:
        raise click.ClickException(f"no notebooks in {folder}")
    runs = nb.run_notebooks(
        paths,
        out_dir=out,
        timeout=timeout or nb.DEFAULT_TIMEOUT,
        kernel_name=kernel or nb.DEFAULT_KERNEL,
        log=True,
    )
    failed = [r.name for r in runs if not r.ok]
    if failed:
        click.echo(f"{len(failed)} of {len(runs)} notebooks failed: {', '.join(failed)}", err=True)
        raise SystemExit(1)
