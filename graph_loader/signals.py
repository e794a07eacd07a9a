"""SIGTERM and SIGHUP unwind like an exception, so temporary files are removed.

By default these signals end a Python process at once: ``finally`` blocks and
``except BaseException`` clean-ups do not run, and a build leaves its
``.out.tmp-*`` directory behind. :func:`exit_on_signals` turns them into
:class:`SignalExit` (a :class:`SystemExit` with status 128 + the signal number, as a
shell reports a process killed by the signal) for the duration of a call, so the
build's own clean-up runs. SIGKILL cannot be caught; the next build removes what a
killed one left (:func:`graph_loader.outdir.remove_stale_tmp_dirs`).
"""

from __future__ import annotations

import functools
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class SignalExit(SystemExit):
    """Raised in the main thread when SIGTERM or SIGHUP arrives."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def _signals() -> list[int]:
    return [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]


def _raise(signum: int, frame: object) -> None:
    name = signal.Signals(signum).name
    print(f"graph-loader: stopped by {name}; removing partial output", file=sys.stderr)
    raise SignalExit(signum)


@contextmanager
def signals_unwind() -> Iterator[None]:
    """While active, SIGTERM and SIGHUP raise :class:`SignalExit` in the main thread.

    Signals whose handler is not the default one (someone else handles them) are left
    alone; outside the main thread this does nothing. The previous handlers are
    restored on exit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old: dict[int, Any] = {}
    for sig in _signals():
        if signal.getsignal(sig) in (signal.SIG_DFL, None):
            old[sig] = signal.signal(sig, _raise)
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def exit_on_signals(func: F) -> F:
    """Decorate ``func`` to run under :func:`signals_unwind`."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with signals_unwind():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
