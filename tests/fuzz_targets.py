"""Fuzz targets for the dataset reader: the CSV files with validation, and schema.yaml.

Run with atheris (``make fuzz``, ``FUZZ_SECONDS=600 make fuzz``) or directly::

    python tests/fuzz_targets.py csv .fuzz/corpus/csv tests/fuzz_corpus/csv -max_total_time=60

Each target feeds one input to the validator in a scratch data directory that holds
the good fixture for the other files, and checks what issue 16 promises of any
input: no exception escapes; every issue is one ``file:line: field: message`` line;
and a dataset that validates holds only text that XML (GraphML, GEXF) can carry.

CSV inputs choose their file by the first byte: ``A`` actors.csv, ``R``
relationships.csv, ``S`` sources.csv (any other byte: its value modulo 3). The
seed corpus is ``tests/fuzz_corpus/``; every crash or hang found is kept as a
fixture in ``tests/fuzz_crashes/`` and replayed by ``tests/test_hardening_fuzz.py``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOOD = HERE / "fixtures" / "good"
CORPUS = HERE / "fuzz_corpus"
CRASHES = HERE / "fuzz_crashes"
FILES = ("actors.csv", "relationships.csv", "sources.csv")
TARGETS = ("csv", "schema")

_scratch: Path | None = None
#: The file the last input replaced (the others hold the good fixture).
_dirty: str | None = None


def scratch() -> Path:
    """A data directory holding the good fixture, made once per process."""
    global _scratch
    if _scratch is None:
        shm = "/dev/shm" if os.path.isdir("/dev/shm") else None  # memory: opens are cheaper
        _scratch = Path(tempfile.mkdtemp(prefix="graph-loader-fuzz-", dir=shm))
        atexit.register(shutil.rmtree, _scratch, True)
        shutil.copytree(GOOD, _scratch / "data")
    return _scratch / "data"


def _write(name: str, data: bytes) -> None:
    """Put ``data`` in file ``name`` of the scratch directory, the good fixture elsewhere."""
    global _dirty
    d = scratch()
    if _dirty is not None and _dirty != name:
        shutil.copyfile(GOOD / _dirty, d / _dirty)
    _dirty = name
    (d / name).write_bytes(data)


def _check(data_dir: Path) -> None:
    from lxml import etree

    from graph_loader.validation import validate

    dataset, issues = validate(data_dir)
    for issue in issues:
        text = str(issue)
        assert "\n" not in text and "\r" not in text, f"multi-line issue: {text!r}"
        assert isinstance(issue.line, int) and issue.line >= 0, issue
    if dataset is None:
        return
    probe = etree.Element("probe")
    for actor in dataset.actors.values():
        for value in (actor.id, actor.name, actor.kind, actor.description, *actor.aliases):
            probe.text = value  # raises ValueError for text XML cannot hold
    for rel in dataset.relationships:
        for value in (rel.id, rel.evidence, rel.note, rel.section, rel.source_ref):
            probe.text = value
    for source in dataset.sources.values():
        probe.text = source.citation
    _check_exports(dataset)


def _check_exports(dataset: object) -> None:
    """A dataset that validates builds a graph whose GraphML and GEXF are well-formed XML."""
    from lxml import etree

    from graph_loader.exports import write_gexf, write_graphml
    from graph_loader.graph import build_graph

    G = build_graph(dataset)
    out = scratch().parent / "exports"
    out.mkdir(exist_ok=True)
    write_graphml(G, out / "graph.graphml")
    write_gexf(G, dataset.schema, out / "graph.gexf")  # type: ignore[attr-defined]
    for name in ("graph.graphml", "graph.gexf"):
        etree.parse(str(out / name))


#: The last schema text parsed by the CSV target, with its result and issues.
_schema_seen: dict[bytes, tuple[object, list]] = {}


@contextmanager
def _schema_cached() -> Iterator[None]:
    """While active, the validator parses each schema text once (YAML is slow)."""
    from graph_loader import validation

    original = validation._load_schema

    def cached(data_dir: Path, issues: list) -> object:
        key = (data_dir / validation.SCHEMA_FILE).read_bytes()
        if key not in _schema_seen:
            found: list = []
            _schema_seen.clear()
            _schema_seen[key] = (original(data_dir, found), found)
        schema, found = _schema_seen[key]
        issues.extend(found)
        return schema

    validation._load_schema = cached
    try:
        yield
    finally:
        validation._load_schema = original


def csv_target(data: bytes) -> None:
    """Validate ``data`` as one of the CSV files (chosen by its first byte)."""
    if not data:
        return
    first = chr(data[0])
    name = {"A": FILES[0], "R": FILES[1], "S": FILES[2]}.get(first, FILES[data[0] % 3])
    _write(name, data[1:])
    with _schema_cached():
        _check(scratch())


def schema_target(data: bytes) -> None:
    """Validate ``data`` as ``schema.yaml`` with the good CSV files."""
    _write("schema.yaml", data)
    _check(scratch())


def target(name: str) -> Callable[[bytes], None]:
    """The target function called ``name`` (``csv`` or ``schema``)."""
    return {"csv": csv_target, "schema": schema_target}[name]


def replay(name: str, folder: Path) -> list[Path]:
    """Run target ``name`` on every file in ``folder``; return the files run."""
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    run = target(name)
    for path in files:
        run(path.read_bytes())
    return files


def main(argv: list[str]) -> None:
    """``fuzz_targets.py TARGET [libFuzzer arguments...]`` under atheris."""
    import atheris

    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.exit(f"usage: {argv[0]} {{{','.join(TARGETS)}}} [libFuzzer options] [corpus dirs]")
    name = argv[1]
    sys.path.insert(0, str(HERE.parent))
    with atheris.instrument_imports(include=["graph_loader", "yaml"]):
        import graph_loader.validation  # noqa: F401
    atheris.Setup([argv[0], *argv[2:]], target(name))
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
