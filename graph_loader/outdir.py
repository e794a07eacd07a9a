"""Checks on the build's output directory, made before any work is done.

``graph-loader build --out DIR`` writes into a temporary directory next to ``DIR``
(``.DIR.tmp-PID-XXXX``) and swaps it in at the end. What can make that fail is
checked here, after validation and before the analyses, so that it is reported at
once in one line rather than after the whole build:

* ``DIR`` is a mount point (it cannot be renamed);
* a parent of ``DIR`` is a file;
* the parent cannot be written (no permission, a read-only file system, a full disk).

A build killed with SIGKILL leaves its temporary directory behind; the next build
removes those whose process is gone (:func:`remove_stale_tmp_dirs`).
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
from pathlib import Path

#: Entries a directory may hold and still be adopted as an output directory without the
#: build's marker file (``make notebooks`` may run before the first build).
ADOPTABLE = frozenset({"notebooks"})


class OutDirError(ValueError):
    """The output directory cannot be written; the message says why, in one line."""


def tmp_prefix(out: Path) -> str:
    """The prefix of this process's temporary build directory for ``out``."""
    return f".{out.name}.tmp-{os.getpid()}-"


def adoptable(path: Path) -> bool:
    """Whether a directory without the build marker may still be replaced by a build.

    Only a directory holding nothing but real ``notebooks/`` directories (not files, not
    symlinks) qualifies: a lone *file* named ``notebooks`` is the user's, not ours.
    """
    for entry in path.iterdir():
        if entry.name not in ADOPTABLE or entry.is_symlink() or not entry.is_dir():
            return False
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_tmp_dirs(out: Path) -> list[Path]:
    """Remove temporary build directories for ``out`` left by builds that were killed.

    Only real directories named ``.<out>.tmp-<pid>-*`` whose process no longer runs
    are removed (never a symlink, never one of a build still running).

    Returns
    -------
    list of Path
        The directories removed.
    """
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.tmp-(\d+)-")
    removed: list[Path] = []
    try:
        entries = list(out.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = pattern.match(entry.name)
        if not m or entry.is_symlink() or not entry.is_dir():
            continue
        pid = int(m.group(1))
        if pid == os.getpid() or _alive(pid):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def check_writable(out: Path) -> None:
    """Check that a build can write ``out``, and clean up after killed builds.

    Creates missing parents of ``out`` and a probe directory next to it (removed at
    once).

    Raises
    ------
    OutDirError
        ``--out out is a mount point...``, ``--out out: parent p is not a directory``
        or ``cannot write --out out: <path>: <reason>``.
    """
    from graph_loader.safeio import describe_oserror

    if out.is_dir() and not out.is_symlink() and os.path.ismount(out):
        raise OutDirError(
            f"--out {out} is a mount point, which the build cannot replace as a whole; "
            f"use a directory inside it, e.g. --out {out / 'out'}"
        )
    for ancestor in (out.parent, *out.parent.parents):
        if ancestor.exists() or ancestor.is_symlink():
            if not ancestor.is_dir():
                raise OutDirError(f"--out {out}: {ancestor} is not a directory")
            break
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_tmp_dirs(out)
        Path(tempfile.mkdtemp(prefix=tmp_prefix(out), dir=out.parent)).rmdir()
    except OSError as exc:
        raise OutDirError(f"cannot write --out {out}: {describe_oserror(exc)}") from None
    except BaseException:  # a signal between creating the probe and removing it
        for entry in out.parent.glob(glob.escape(tmp_prefix(out)) + "*"):
            shutil.rmtree(entry, ignore_errors=True)
        raise
