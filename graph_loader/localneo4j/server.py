"""Start, stop and inspect the local Neo4j server (one JVM per instance)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from graph_loader.localneo4j import assemble, credentials, guide
from graph_loader.localneo4j.assemble import Echo
from graph_loader.localneo4j.paths import Instance, LocalServerError, neo4j_version, pom_path

HOST = "127.0.0.1"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# From the JVM options of Neo4j's own neo4j.conf (the launcher we replace would add them).
JVM_OPTIONS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
]


@dataclass(frozen=True)
class ServerState:
    """A running server: where it listens and which process it is."""

    pid: int
    bolt_port: int
    http_port: int
    version: str
    home: str

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{HOST}:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://{HOST}:{self.http_port}/browser/"

    @property
    def guide_url(self) -> str:
        return f"http://{HOST}:{self.http_port}/browser/guides/{guide.FILE_NAME}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():  # Linux: make sure the PID was not reused by something else
        try:
            return ENTRY_POINT.encode() in cmdline.read_bytes()
        except OSError:
            return False
    return True


def _forget(instance: Instance) -> None:
    for f in (instance.pid_file, instance.state_file):
        f.unlink(missing_ok=True)


def running(instance: Instance) -> ServerState | None:
    """The instance's server if it runs; a stale PID file is removed.

    Parameters
    ----------
    instance
        The instance directory (see :class:`~graph_loader.localneo4j.paths.Instance`).
    """
    try:
        pid = int(instance.pid_file.read_text(encoding="utf-8").strip())
        state = ServerState(**json.loads(instance.state_file.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        if instance.pid_file.exists() or instance.state_file.exists():
            _forget(instance)
        return None
    if state.pid != pid or not _alive(pid):
        _forget(instance)
        return None
    return state


def status(instance: Instance) -> ServerState | None:
    """Alias of :func:`running`, named for the CLI."""
    return running(instance)


def _check_port(port: int, option: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            raise LocalServerError(
                f"port {port} on {HOST} is already in use (another Neo4j, or Docker's?); "
                f"stop it or choose another port with {option}"
            ) from None


def write_conf(
    instance: Instance, bolt_port: int, http_port: int, heap: str, pagecache: str,
    import_dir: Path | None = None,
) -> Path:
    """Write ``conf/neo4j.conf`` for this instance (rewritten at every start).

    ``import_dir`` is where ``LOAD CSV FROM 'file:///...'`` reads (default
    :attr:`Instance.import_dir`, the checkout's ``data/``).
    """
    instance.conf.mkdir(parents=True, exist_ok=True)
    guide_url = f"http://{HOST}:{http_port}/browser/guides/{guide.FILE_NAME}"
    lines = [
        "# Written by `graph-loader neo4j start` at every start; edits are lost.",
        f"server.default_listen_address={HOST}",
        f"server.default_advertised_address={HOST}",
        f"server.bolt.listen_address={HOST}:{bolt_port}",
        f"server.bolt.advertised_address={HOST}:{bolt_port}",
        f"server.http.listen_address={HOST}:{http_port}",
        f"server.http.advertised_address={HOST}:{http_port}",
        "server.https.enabled=false",
        f"server.directories.data={instance.data}",
        f"server.directories.logs={instance.logs}",
        f"server.directories.run={instance.run}",
        f"server.directories.plugins={instance.home / 'plugins'}",
        # LOAD CSV FROM 'file:///actors.csv' reads the checkout's data/, as in compose.
        f"server.directories.import={import_dir or instance.import_dir}",
        f"server.memory.heap.max_size={heap}",
        f"server.memory.pagecache.size={pagecache}",
        "db.tx_log.rotation.retention_policy=100M size",
        "dbms.usage_report.enabled=false",
        "client.allow_telemetry=false",  # Browser asks for consent otherwise (a banner)
        # Browser opens this project's guide after connecting; the guide is served by this
        # server, so its host must be allowed as remote content.
        f"browser.remote_content_hostname_whitelist=localhost,{HOST}",
        f"browser.post_connect_cmd=play {guide_url}",
    ]
    path = instance.conf / "neo4j.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _java_env(instance: Instance) -> dict[str, str]:
    return {**os.environ, "NEO4J_HOME": str(instance.home), "NEO4J_CONF": str(instance.conf)}


def _classpath(instance: Instance) -> str:
    return os.pathsep.join([str(instance.dist.webroot), str(instance.dist.lib / "*")])


def set_initial_password(instance: Instance, java: str, password: str) -> None:
    """``neo4j-admin dbms set-initial-password``, with the password in a 0600 arg file.

    The Java launcher expands ``@file`` arguments, so the password never appears in the
    process list.
    """
    fd, name = tempfile.mkstemp(prefix="pw-", dir=instance.home)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            # "--" ends the options: a password may begin with "-" (a generated one can).
            quoted = password.replace("\\", "\\\\").replace('"', '\\"')
            f.write(f'--\n"{quoted}"\n')
        proc = subprocess.run(
            [java, "-cp", _classpath(instance), ADMIN_TOOL, "dbms", "set-initial-password",
             f"@{name}"],
            env=_java_env(instance), capture_output=True, text=True,
        )
    finally:
        os.unlink(name)
    if proc.returncode != 0:
        first = (proc.stderr.strip().splitlines() or ["no output"])[0]
        raise LocalServerError(f"neo4j-admin could not set the password: {first}")


def _password(instance: Instance) -> tuple[str, str]:
    """The password to use, refusing one that cannot match an initialised database."""
    root = instance.home.parent.parent
    stored = credentials.stored_password(instance)
    given = credentials.given_password(root)
    if instance.initialised and stored is not None:
        if given and given[0] != stored:
            raise LocalServerError(
                f"{instance.home} was initialised with another password (kept in "
                f"{instance.password_file}); use that one, or delete {instance.data} to start "
                "afresh"
            )
        return stored, str(instance.password_file)
    return credentials.choose_password(instance, root)


def _error_lines(instance: Instance) -> str:
    for log in (instance.logs / "neo4j.log", instance.logs / "console.log"):
        try:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        errors = [ln for ln in lines if "ERROR" in ln or "Caused by" in ln]
        if errors:
            return errors[-1][:400]
    return f"see {instance.logs}"


def _wait_for_bolt(
    state: ServerState, proc: subprocess.Popen[bytes], password: str, timeout: float,
    instance: Instance,
) -> None:
    import neo4j
    from neo4j.exceptions import AuthError, ServiceUnavailable

    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            _forget(instance)
            raise LocalServerError(
                f"Neo4j exited during start (code {proc.returncode}): {_error_lines(instance)}"
            )
        try:
            with neo4j.GraphDatabase.driver(
                state.bolt_uri, auth=("neo4j", password), connection_timeout=2.0
            ) as driver:
                driver.verify_connectivity()
            return
        except AuthError:
            raise LocalServerError(
                f"Neo4j started but refused the password; delete {instance.data} to start "
                "afresh"
            ) from None
        except (ServiceUnavailable, OSError):
            pass
        if time.monotonic() > deadline:
            raise LocalServerError(
                f"Neo4j did not answer on {state.bolt_uri} within {timeout:.0f} s "
                f"(pid {state.pid}; logs in {instance.logs})"
            )
        time.sleep(0.5)


def start(
    instance: Instance,
    *,
    bolt_port: int = 7687,
    http_port: int = 7474,
    heap: str = "1g",
    pagecache: str = "512m",
    timeout: float = 120.0,
    fresh: bool = False,
    import_dir: Path | None = None,
    echo: Echo = lambda s: print(s, file=sys.stderr),
) -> tuple[ServerState, bool]:
    """Start the instance's server unless it runs; wait until Bolt answers.

    Parameters
    ----------
    instance
        Where the server keeps conf, data, logs and its PID.
    bolt_port, http_port
        Ports on 127.0.0.1 (nothing listens on other interfaces).
    heap, pagecache
        Neo4j memory settings (``1g``, ``512m``).
    timeout
        Seconds to wait for Bolt.
    fresh
        Delete the instance's data and password first: a new, empty database (the
        tests' instance starts this way). Refused while the server runs.
    import_dir
        The directory ``LOAD CSV FROM 'file:///...'`` reads (default: the checkout's
        ``data/``, :attr:`Instance.import_dir`); the benchmarks point it at their data.
    echo
        Where progress lines go.

    Returns
    -------
    (state, started)
        ``started`` is False when the server was already running.

    Raises
    ------
    LocalServerError
        No Java or Maven, a port in use, a refused password, or a server that exits.
    """
    current = running(instance)
    if current is not None:
        if fresh:
            raise LocalServerError(
                f"Neo4j runs from {instance.home} (pid {current.pid}); stop it before --fresh"
            )
        return current, False
    if fresh:
        shutil.rmtree(instance.data, ignore_errors=True)
        instance.password_file.unlink(missing_ok=True)
    java = assemble.find_java()
    pom = pom_path()
    version = neo4j_version(pom)
    _check_port(bolt_port, "--bolt-port")
    _check_port(http_port, "--http-port")
    assemble.ensure_assembled(instance.dist, pom, version, echo)
    guide.write(instance.dist.webroot / "browser" / "guides" / guide.FILE_NAME)
    for d in (instance.data, instance.logs, instance.run, instance.home / "plugins"):
        d.mkdir(parents=True, exist_ok=True)
    write_conf(instance, bolt_port, http_port, heap, pagecache, import_dir)
    password, _where = _password(instance)
    if not instance.initialised:
        set_initial_password(instance, java, password)
    with open(instance.logs / "console.log", "ab") as console:
        proc = subprocess.Popen(
            [java, f"-Xmx{heap}", f"-Xms{heap}", *JVM_OPTIONS, "-cp", _classpath(instance),
             ENTRY_POINT, f"--home-dir={instance.home}", f"--config-dir={instance.conf}"],
            env=_java_env(instance), stdin=subprocess.DEVNULL, stdout=console,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    state = ServerState(proc.pid, bolt_port, http_port, version, str(instance.home))
    instance.pid_file.write_text(f"{proc.pid}\n", encoding="utf-8")
    instance.state_file.write_text(json.dumps(asdict(state), indent=2) + "\n", encoding="utf-8")
    try:
        _wait_for_bolt(state, proc, password, timeout, instance)
    except LocalServerError:
        if proc.poll() is None:
            stop(instance)
        raise
    return state, True


def stop(instance: Instance, timeout: float = 60.0) -> ServerState | None:
    """Stop the instance's server (SIGTERM, then SIGKILL after ``timeout``).

    Returns
    -------
    ServerState or None
        What was stopped, or ``None`` if nothing ran.
    """
    state = running(instance)
    if state is None:
        return None
    os.kill(state.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(state.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(state.pid):
        os.kill(state.pid, signal.SIGKILL)
    _reap(state.pid)
    _forget(instance)
    return state


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
