"""Safe file input and output: regular files only, bounded reads, atomic writes.

Reading
    :func:`read_regular` reads a file only if it is a regular file (after following
    symlinks), never blocks on a FIFO, and refuses one larger than a limit, so a
    FIFO in place of ``actors.csv`` or a link to ``/dev/zero`` is an error instead of
    a hang or unbounded memory.

Writing
    :func:`check_output_file` refuses devices, FIFOs and sockets (``-o /dev/full``
    must not replace the device with a regular file). :func:`atomic_write` writes a
    temporary file next to the target and renames it into place. A symlinked output
    is written *through*: the link stays, and the file it points to is replaced.

Errors are :class:`UnsafePathError` (a usage problem, exit 2 on the command line)
or :class:`OSError`; :func:`describe_oserror` phrases the latter in one line.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

#: Chunk size of :func:`read_regular`.
_CHUNK = 1 << 20
#: Paths that name this process's standard streams.
_STD_STREAMS = frozenset({"/dev/stdin", "/dev/stdout", "/dev/stderr"})


class UnsafePathError(ValueError):
    """A path that must not be read or written (a device, FIFO, socket, directory...)."""


def file_type(mode: int) -> str:
    """A phrase naming the kind of file ``mode`` describes, e.g. ``a character device``.

    Examples
    --------
    >>> import stat
    >>> file_type(stat.S_IFIFO), file_type(stat.S_IFREG)
    ('a FIFO (named pipe)', 'a regular file')
    """
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def describe_oserror(exc: OSError, path: str | Path | None = None) -> str:
    """One line for an ``OSError``: ``cannot write /x/y: No space left on device``.

    Parameters
    ----------
    exc : OSError
        The error.
    path : str or Path, optional
        The path to name when the error carries none.

    Returns
    -------
    str
        ``<path>: <reason>`` (the reason is ``strerror``, else the error's text).

    Examples
    --------
    >>> describe_oserror(OSError(28, "No space left on device", "out/x.csv"))
    'out/x.csv: No space left on device'
    """
    where = exc.filename if exc.filename is not None else path
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename2 is not None:
        where = f"{where} -> {exc.filename2}"
    return f"{where}: {reason}" if where is not None else reason


def read_regular(path: str | Path, limit: int, what: str = "file") -> bytes:
    """Read a regular file of at most ``limit`` bytes.

    The file is opened non-blocking (a FIFO does not hang the open) and checked with
    ``fstat`` on the open descriptor, so there is no window between check and read.

    Parameters
    ----------
    path : str or Path
        The file; symlinks are followed.
    limit : int
        The largest size accepted, in bytes.
    what : str, optional
        How to name the file in messages.

    Returns
    -------
    bytes
        The file's contents.

    Raises
    ------
    FileNotFoundError
        The file does not exist.
    UnsafePathError
        It is not a regular file (``is a directory``, ``is a FIFO (named pipe)``...), or
        it is larger than ``limit`` (``is larger than the limit of 1 MB``).
    OSError
        It cannot be opened or read (no permission, a symlink loop...).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise UnsafePathError(f"{what} is a directory, not a regular file") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePathError(f"{what} is {file_type(st.st_mode)}, not a regular file")
        if st.st_size > limit:
            raise UnsafePathError(f"{what} is larger than the limit of {_size(limit)}")
        chunks: list[bytes] = []
        total = 0
        first = st.st_size + 1  # one read for the whole file (it may grow: read on)
        while True:
            chunk = os.read(fd, min(first if not chunks else _CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise UnsafePathError(f"{what} is larger than the limit of {_size(limit)}")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _size(n: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= factor and n % factor == 0:
            return f"{n // factor} {unit}"
    return f"{n} bytes"


def output_target(path: str | Path) -> Path:
    """The file an output path really writes: the path, or what its symlink(s) point to.

    Parameters
    ----------
    path : str or Path
        The output path as given.

    Returns
    -------
    Path
        ``path`` itself when it is not a symlink; else the final target of the link
        (which may not exist yet).

    Raises
    ------
    UnsafePathError
        ``path`` (or its target) exists and is a directory, device, FIFO or socket;
        or the link is a loop.
    """
    path = Path(path)
    if str(path) in _STD_STREAMS or str(path).startswith(("/dev/fd/", "/proc/")):
        raise UnsafePathError(
            f"{path} is a file descriptor of this process, not a file; use '-' for stdout"
        )
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None  # a new path, or a symlink to one
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePathError(f"{path} is a symlink loop") from None
        raise
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if st is not None and not stat.S_ISREG(st.st_mode):
        shown = str(path) if target == path else f"{path} (a link to {target})"
        raise UnsafePathError(
            f"{shown} is {file_type(st.st_mode)}; only a regular file or a new path is "
            "replaced ('-' writes to stdout)"
        )
    return target


def check_output_file(path: str | Path) -> None:
    """Refuse an output path that is not a regular file or a new path (see :func:`output_target`).

    Raises
    ------
    UnsafePathError
        With a one-line message naming the path and what it is.
    """
    output_target(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Replace a regular file (or create a new one) atomically with ``data``.

    A temporary file is written and flushed to disk in the target's directory, then
    renamed over the target, so readers see the old file or the new one, never a part.
    A symlink is written through (the link is kept, its target replaced). An existing
    file keeps its permissions; a new one gets ``0o666 & ~umask``.

    Parameters
    ----------
    path : str or Path
        The output file; parent directories are created.
    data : bytes or str
        The contents; text is encoded with ``encoding``.
    encoding : str, optional
        The encoding of text ``data``.

    Returns
    -------
    Path
        The file written (the symlink's target for a symlink).

    Raises
    ------
    UnsafePathError
        The path is a device, FIFO, socket or directory.
    OSError
        The write failed (no space, read-only file system...); the target is untouched
        and the temporary file removed.
    """
    target = output_target(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
