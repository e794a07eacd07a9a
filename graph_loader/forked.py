"""Run one function in a forked child process while the caller goes on.

The build renders its plots (matplotlib, ~1 s on the paper's data) this way, alongside
the views, tables and exports: :class:`ForkedCall` forks, the child calls the function
and sends back its pickled result (or its exception) through a pipe, and
:meth:`ForkedCall.result` returns it (or raises it) in the parent.

The plot and analysis children never write to the output: they compute and send; the
parent writes the files into its temporary directory, so the build's output stays
atomic. The exports child writes its files into that directory itself: the build swaps
it in only after :meth:`ForkedCall.result` has returned, and stops the child before
removing it. A child takes no part in signal handling (SIGTERM and SIGHUP end it at
once, SIGINT is ignored): the parent stops it (:meth:`ForkedCall.cancel`) before
removing its temporary directory, and if the parent is killed, the child's write to the
closed pipe fails and it ends. Where ``os.fork`` is missing, the function simply runs in the
caller (at once, or with an inbox when its input has been sent).

With ``inbox=True`` the child can start before its input exists: the function gets a
``receive`` callable that waits for the next value the parent passes to
:meth:`ForkedCall.send` (the build forks its plot worker before it reads the data, so
that the worker imports matplotlib meanwhile; it then sends the timeline's rows, and
after the analyses the rankings and the signed network).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")


def second_cpu() -> bool:
    """Whether a worker process would run alongside this one: on Linux (macOS's system
    libraries are not safe to use in a forked child; Windows does not fork), with a
    second CPU to run on."""
    if not sys.platform.startswith("linux"):
        return False
    return len(os.sched_getaffinity(0)) > 1


class WorkerDied(RuntimeError):
    """The child ended without sending a result (killed, or out of memory)."""


class ForkedCall(Generic[T]):
    """``func()`` computed in a forked child process.

    Parameters
    ----------
    func : callable
        Called without arguments in the child; its result must pickle.
    label : str, optional
        What the child computes, for error messages.
    inbox : bool, optional
        Call ``func(receive)`` instead: each ``receive()`` waits for, and returns, the
        next value the parent passes to :meth:`send`.

    Examples
    --------
    >>> call = ForkedCall(lambda: sum(range(10)))
    >>> call.result()
    45
    >>> call = ForkedCall(lambda receive: receive() * 2, inbox=True)
    >>> call.send(21)
    >>> call.result()
    42
    """

    def __init__(
        self, func: Callable[..., T], label: str = "worker", *, inbox: bool = False
    ) -> None:
        self.label = label
        self._pid: int | None = None
        self._fd: int | None = None
        self._inbox_fd: int | None = None
        self._inline: tuple[bool, Any] | None = None
        self._func: Callable[..., T] | None = None
        self._sent: list[Any] = []
        if not hasattr(os, "fork"):  # pragma: no cover - Windows
            if inbox:
                self._func = func  # called by result(), with what was sent
            else:
                self._inline = _call(func)
            return
        read_fd, write_fd = os.pipe()
        inbox_fds = _roomy_pipe() if inbox else None
        # no signal handler may run in the child before it has set its own: blocked
        # over the fork, delivered after it (in the parent, as SignalExit etc.)
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(func, read_fd, write_fd, mask, inbox_fds)
        os.close(write_fd)
        if inbox_fds is not None:
            os.close(inbox_fds[0])
            self._inbox_fd = inbox_fds[1]
        self._pid, self._fd = pid, read_fd
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        except BaseException:  # a signal that came meanwhile: no orphan left
            self.cancel()
            raise

    def send(self, value: Any) -> None:
        """Pass ``value`` (pickled) to the child's next ``receive()`` (``inbox=True``).

        A child that has already ended (its function raised) is not an error here:
        :meth:`result` reports what happened to it.
        """
        if self._func is not None:  # pragma: no cover - Windows: kept for result()
            self._sent.append(value)
            return
        if self._inbox_fd is None:
            raise RuntimeError(f"the {self.label} process has no inbox")
        payload = pickle.dumps(value)
        try:
            _write_all(self._inbox_fd, len(payload).to_bytes(8, "little") + payload)
        except BrokenPipeError:  # it ended early: result() says how
            pass

    def result(self) -> T:
        """Wait for the child and return ``func()``'s value, or raise its exception.

        Raises
        ------
        WorkerDied
            The child ended without sending anything, or waited for more than was sent.
        """
        if self._func is not None:  # pragma: no cover - Windows
            func, sent = self._func, iter(self._sent)
            self._func = None
            self._inline = _call(lambda: func(lambda: _next_sent(sent)))
        if self._inline is None:
            self._inline = self._receive()
        ok, value = self._inline
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child (if still running) and reap it; safe to call more than once."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:  # pragma: no cover - already reaped elsewhere
                pass
            self._reap()
        self._close()

    def _receive(self) -> tuple[bool, Any]:
        assert self._fd is not None
        self._close("_inbox_fd")  # nothing more to send: a receive() fails, not hangs
        chunks = []
        try:
            while chunk := os.read(self._fd, 1 << 20):
                chunks.append(chunk)
        finally:
            self._close()
        status = self._reap()
        if not chunks:
            raise WorkerDied(f"the {self.label} process ended without a result ({status})")
        ok, value = pickle.loads(b"".join(chunks))
        return ok, value

    def _reap(self) -> str:
        pid, self._pid = self._pid, None
        if pid is None:  # pragma: no cover
            return "already reaped"
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
        return f"exit status {os.waitstatus_to_exitcode(status)}"

    def _close(self, *names: str) -> None:
        """Close the pipe ends named (default: both this process holds), once."""
        for name in names or ("_fd", "_inbox_fd"):
            fd = getattr(self, name)
            setattr(self, name, None)
            if fd is not None:
                os.close(fd)


def _call(func: Callable[[], Any], note: bool = False) -> tuple[bool, Any]:
    """``(True, func())``, or ``(False, the exception)``; with ``note``, the traceback
    goes with the exception as a note (a pickled exception loses its own)."""
    try:
        return True, func()
    except Exception as exc:
        add_note = getattr(exc, "add_note", None)  # Python 3.11+
        if note and add_note is not None:
            add_note("in the worker process:\n"
                     + "".join(traceback.format_exception(type(exc), exc,
                                                          exc.__traceback__)).rstrip())
        return False, exc


#: Signals blocked over the fork (the ones the build turns into exceptions, and Ctrl-C).
_SIGNALS = {s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None), signal.SIGINT)
            if s is not None}


def _child(
    func: Callable[..., Any], read_fd: int, fd: int, mask: Any,
    inbox_fds: tuple[int, int] | None = None,
) -> None:
    """The child's whole life: compute, send, exit without running the parent's clean-ups."""
    code = 1
    try:
        os.close(read_fd)
        for sig in _SIGNALS - {signal.SIGINT}:
            signal.signal(sig, signal.SIG_DFL)  # no SignalExit and clean-up here
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops us
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if inbox_fds is not None:
            os.close(inbox_fds[1])
            inbox = inbox_fds[0]
            result = _call(lambda: func(lambda: _receive(inbox)), note=True)
        else:
            result = _call(func, note=True)
        try:
            payload = pickle.dumps(result)
        except Exception as exc:  # an unpicklable result or exception
            payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(payload)
        code = 0
    finally:
        os._exit(code)


def _roomy_pipe() -> tuple[int, int]:
    """A pipe holding up to 1 MiB where Linux allows (64 KiB by default): a value sent
    while the child is still busy is buffered, and the sender goes on."""
    fds = os.pipe()
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setsize is not None:
        try:
            fcntl.fcntl(fds[1], setsize, 1 << 20)
        except OSError:  # above /proc/sys/fs/pipe-max-size: keep the default
            pass
    return fds


def _receive(fd: int) -> Any:
    """The child's ``receive()``: the parent's next value (8-byte length, then pickle)."""
    size = int.from_bytes(_read_exactly(fd, 8), "little")
    return pickle.loads(_read_exactly(fd, size))


def _read_exactly(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:  # the parent closed the pipe: it failed, or has nothing more
            raise WorkerDied("the build sent the worker nothing more")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _next_sent(sent: Iterator[Any]) -> Any:  # pragma: no cover - Windows
    try:
        return next(sent)
    except StopIteration:
        raise WorkerDied("the build sent the worker nothing more") from None
