"""``graph-loader validate`` and ``graph-loader export``: check and export ``data/``."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click

from graph_loader import default_data_dir
from graph_loader.cli.common import DATA_HELP, display_dir
from graph_loader.csvio import decode_utf8
from graph_loader.model import Dataset
from graph_loader.validation import validate


def _fail(message: str) -> None:
    """Report a usage problem that is not a click usage error, and exit 1."""
    click.echo(f"error: {message}", err=True)
    raise SystemExit(1)


def _read_source_text(path: Path) -> str:
    from graph_loader.safeio import UnsafePathError, read_regular

    try:
        return decode_utf8(read_regular(path, 256 << 20, "it"))
    except UnsafePathError as exc:
        _fail(f"source text {str(path)!r}: {exc}")
    except FileNotFoundError:
        _fail(f"source text {str(path)!r} not found")
    except OSError as exc:
        _fail(f"cannot read source text {str(path)!r}: {exc.strerror}")
    except ValueError as exc:
        _fail(f"source text {str(path)!r}: {exc}")
    raise AssertionError("unreachable")  # _fail always exits


def _checked_dataset(data_dir: Path | None, source_text: Path | None) -> tuple[Dataset, Path]:
    """Validate, printing issues and exiting 1 on failure; return the dataset and its dir."""
    data_dir = data_dir if data_dir is not None else default_data_dir()
    if not data_dir.is_dir():
        _fail(f"data directory {str(data_dir)!r} does not exist (see --data)")
    text = _read_source_text(source_text) if source_text is not None else None
    dataset, issues = validate(data_dir, text)
    if dataset is None:
        for issue in issues:  # already sorted by file, then line
            click.echo(str(issue), err=True)
        n = len(issues)
        click.echo(f"{n} error{'s' if n != 1 else ''} in {display_dir(data_dir)}", err=True)
        raise SystemExit(1)
    return dataset, data_dir


def _counts(ds: Dataset) -> str:
    return (
        f"{len(ds.actors)} actors, {len(ds.relationships)} relationships, {len(ds.sources)} sources"
    )


@click.command("validate")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), metavar="DIR", help=DATA_HELP)
@click.option(
    "--source-text",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The paper's full text (UTF-8). When given, every evidence quote must occur in it, "
    "ignoring case, whitespace, quote and dash styles and line-end hyphenation.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: problems on stderr, one per line. json: one JSON object on stdout "
    '({"valid", "data", "counts", "problems"}), each problem with file, line, field '
    "and message.",
)
def validate_cmd(data_dir: Path | None, source_text: Path | None, fmt: str) -> None:
    """Check the dataset and report every problem at once.

    Each problem is printed to stderr as FILE:LINE: FIELD: MESSAGE, sorted by
    file and line (line 1 is the header; line 0 means the whole file),
    followed by a count. With --format json, stdout gets one JSON object
    instead: "valid" (true/false), "data" (the directory), "counts" (actors,
    relationships, sources; null when invalid) and "problems", a list of
    {"file", "line", "field", "message"} in the same order (empty when valid;
    a missing data directory is one problem with file "" and field "data").
    Exit status: 0 if the data is valid, 1 if not.

    \b
    Examples:
      graph-loader validate
      graph-loader validate --source-text ../shared/sources/hasanoglu-suleymanli-2024.txt
      graph-loader validate --data tests/fixtures/good
      graph-loader validate --format json | jq '.problems[] | select(.file == "actors.csv")'
    """
    if fmt == "json":
        _validate_json(data_dir, source_text)
        return
    ds, shown_dir = _checked_dataset(data_dir, source_text)
    if source_text is not None:
        quotes = f"all evidence quotes found in {source_text}"
    else:
        quotes = "evidence quotes not checked (pass --source-text FILE)"
    click.echo(f"{display_dir(shown_dir)} is valid: {_counts(ds)}; {quotes}")


def _validate_json(data_dir: Path | None, source_text: Path | None) -> None:
    """``validate --format json``: the outcome as one JSON object on stdout; exit 1 if invalid."""
    import json

    data_dir = data_dir if data_dir is not None else default_data_dir()
    doc: dict[str, Any] = {"valid": False, "data": display_dir(data_dir), "counts": None}
    if not data_dir.is_dir():
        problem = {"file": "", "line": 0, "field": "data",
                   "message": f"data directory {str(data_dir)!r} does not exist"}  # fmt: skip
        doc["problems"] = [problem]
    else:
        text = _read_source_text(source_text) if source_text is not None else None
        dataset, issues = validate(data_dir, text)
        doc["valid"] = dataset is not None
        if dataset is not None:
            doc["counts"] = {"actors": len(dataset.actors),
                             "relationships": len(dataset.relationships),
                             "sources": len(dataset.sources)}  # fmt: skip
        doc["problems"] = [dataclasses.asdict(issue) for issue in issues]
    click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    if not doc["valid"]:
        raise SystemExit(1)


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="Output format. json: nodes, relationships, sources and meta in one document.",
)
@click.option("--data", "data_dir", type=click.Path(path_type=Path), metavar="DIR", help=DATA_HELP)
@click.option(
    "--output",
    "-o",
    default="-",
    show_default=True,
    metavar="FILE|-",
    help="Where to write; '-' is stdout. Files are replaced atomically.",
)
def export_cmd(fmt: str, data_dir: Path | None, output: str) -> None:
    """Validate the dataset, then export it for other tools.

    The JSON document has four keys: "nodes" (actors), "relationships" (with
    dates as written, "" when unknown, and the schema's symmetric/polarity),
    "sources" and "meta". If the data does not validate, the problems are
    printed as by `graph-loader validate` and nothing is written (exit 1).

    \b
    Examples:
      graph-loader export --output out/graph.json
      graph-loader export | jq '.relationships[] | select(.type == "CHAIRS")'
    """
    from graph_loader.interchange import to_interchange, write_json

    ds, _ = _checked_dataset(data_dir, None)
    doc = to_interchange(ds)
    from graph_loader.safeio import UnsafePathError

    try:
        write_json(doc, output)
    except UnsafePathError as exc:
        click.echo(f"error: --output {exc}", err=True)
        raise SystemExit(2) from None
    except OSError as exc:
        _fail(f"cannot write {output!r}: {exc.strerror or exc}")
    if output != "-":
        click.echo(f"wrote {output} ({fmt}): {_counts(ds)}", err=True)
