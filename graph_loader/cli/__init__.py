"""The ``graph-loader`` command line: a thin layer over the library.

Each command lives in its own module; this group only registers them.
"""

from __future__ import annotations

import importlib

import click

from graph_loader import __version__

# (module, command function) per subcommand, imported lazily so that
# `graph-loader validate` does not pay for matplotlib or the Neo4j driver.
_COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("graph_loader.cli.data", "validate_cmd"),
    "export": ("graph_loader.cli.data", "export_cmd"),
    "build": ("graph_loader.cli.build", "build_cmd"),
    "load": ("graph_loader.cli.db", "load_cmd"),
    "query": ("graph_loader.cli.db", "query_cmd"),
    "queries": ("graph_loader.cli.db", "queries_cmd"),
    "neo4j": ("graph_loader.cli.server", "neo4j_group"),
    "dev": ("graph_loader.cli.dev", "dev_cmd"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in _COMMANDS:
            return None
        module, attr = _COMMANDS[name]
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graph-loader")
def cli() -> None:
    """Validate, build, analyse and load the Karabakh actor graph.

    The dataset (data/) records the actors and relationships documented in
    Hasanoglu & Süleymanlı (2024), each with a verbatim quote as evidence.

    \b
    Typical use:
      graph-loader validate --source-text ../shared/sources/hasanoglu-suleymanli-2024.txt
      graph-loader build                 # graph, analyses, views and reports in out/
      graph-loader load --engine embedded
      graph-loader neo4j start           # a local Neo4j server and Browser
      graph-loader query minsk_chairs --param year=1995
    """


#: Set by a command whose objects need not be freed one by one when the process ends
#: (``build``: at a million relationships, freeing its graphs takes seconds).
_ENDS_WITHOUT_TEARDOWN: list[bool] = []


def end_without_teardown() -> None:
    """Let :func:`main` end this process at once when the command succeeds (no effect
    when the command runs in-process, e.g. under click's ``CliRunner``)."""
    _ENDS_WITHOUT_TEARDOWN.append(True)


#: Set while :func:`main` runs (the real command line, not ``CliRunner``).
_IN_MAIN: list[bool] = []


def in_main() -> bool:
    """Whether the command runs from :func:`main`, so that a successful command may end
    the process without teardown (:func:`end_without_teardown`)."""
    return bool(_IN_MAIN)


def main() -> None:
    _IN_MAIN.append(True)
    try:
        cli(prog_name="graph-loader")
    except SystemExit as exc:
        if _ENDS_WITHOUT_TEARDOWN and exc.code in (0, None):
            _hard_exit()
        raise


def _hard_exit() -> None:
    """End the process without freeing its objects (as mypy does): output flushed first."""
    import os
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say there
            pass
    os._exit(0)
