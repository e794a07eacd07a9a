"""Gather the local server's jars from Maven Central and unpack the Browser beside them."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from graph_loader.localneo4j.paths import Dist, LocalServerError

Echo = Callable[[str], None]


def find_java() -> str:
    """The ``java`` to run: ``$JAVA_HOME/bin/java``, else the one on ``PATH``."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise LocalServerError(
            "Java not found: the local Neo4j needs Java 17 or newer "
            "(apt-get install openjdk-17-jre-headless, or set JAVA_HOME)"
        )
    return found


def find_maven() -> str:
    """``mvn`` on ``PATH`` (needed once, to download the jars)."""
    found = shutil.which("mvn")
    if not found:
        raise LocalServerError(
            "Maven not found: it downloads Neo4j from Maven Central once "
            "(apt-get install maven)"
        )
    return found


def _digest(pom: Path) -> str:
    return hashlib.sha256(pom.read_bytes()).hexdigest()


def is_assembled(dist: Dist, pom: Path) -> bool:
    """Whether ``dist`` holds the jars of this exact pom."""
    try:
        return dist.stamp.read_text(encoding="utf-8").strip() == _digest(pom)
    except OSError:
        return False


def assemble(dist: Dist, pom: Path, version: str, echo: Echo) -> None:
    """Download the jars named by ``pom`` into ``dist.lib`` and unpack the Browser.

    Runs ``mvn dependency:copy-dependencies`` (Maven caches the downloads in ``~/.m2``,
    so a second assembly is offline). Nothing is replaced until Maven succeeded.

    Raises
    ------
    LocalServerError
        Without Maven, or when Maven fails (its last lines are in the message).
    """
    mvn = find_maven()
    echo(f"assembling Neo4j {version} from Maven Central into {dist.root} "
         "(the first time downloads about 130 MB into ~/.m2) ...")
    t0 = time.perf_counter()
    staging = dist.root / "lib.partial"
    shutil.rmtree(staging, ignore_errors=True)
    cmd = [mvn, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies",
           f"-DoutputDirectory={staging}", "-DincludeScope=runtime"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = " | ".join(
            ln.strip() for ln in (proc.stdout + proc.stderr).splitlines() if "ERROR" in ln
        )[:600]
        raise LocalServerError(f"Maven could not gather Neo4j {version}: {tail or proc.returncode}")
    shutil.rmtree(dist.lib, ignore_errors=True)
    staging.rename(dist.lib)
    unpack_browser(dist)
    dist.stamp.write_text(_digest(pom) + "\n", encoding="utf-8")
    echo(f"assembled {len(list(dist.lib.glob('*.jar')))} jars in "
         f"{time.perf_counter() - t0:.0f} s")


def unpack_browser(dist: Dist) -> None:
    """Unpack the Browser jar's ``browser/`` into ``dist.webroot``.

    The server serves ``/browser/`` from the first ``browser`` directory on its class path;
    a directory placed before the jars can therefore also serve this project's guide.
    """
    jars = sorted(dist.lib.glob("neo4j-browser-*.jar"))
    if not jars:
        raise LocalServerError(f"no neo4j-browser jar in {dist.lib}")
    shutil.rmtree(dist.webroot, ignore_errors=True)
    with zipfile.ZipFile(jars[-1]) as zf:
        for member in zf.namelist():
            if member.startswith("browser/") and ".." not in member:
                zf.extract(member, dist.webroot)


def ensure_assembled(dist: Dist, pom: Path, version: str, echo: Echo) -> None:
    """Assemble unless ``dist`` already holds this pom's jars."""
    if not is_assembled(dist, pom):
        assemble(dist, pom, version, echo)
