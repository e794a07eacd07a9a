"""Where the local Neo4j lives: the checkout, its pom, the assembly and an instance."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

#: Environment variable naming the instance directory (default ``.neo4j/server``).
HOME_ENV = "GRAPH_LOADER_NEO4J_HOME"


class LocalServerError(RuntimeError):
    """A problem with the local server, reported in one line (exit 2, no traceback)."""


def project_root() -> Path:
    """The checkout holding ``tools/neo4j/pom.xml``: the current directory, else the package's.

    Raises
    ------
    LocalServerError
        Outside a checkout (an installed wheel has no pom).
    """
    for root in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (root / "tools" / "neo4j" / "pom.xml").is_file():
            return root
    raise LocalServerError(
        "the local Neo4j needs a checkout of karabakh-actor-graph (tools/neo4j/pom.xml was not "
        "found here or beside the package); use Docker or a Neo4j of your own instead"
    )


def pom_path() -> Path:
    """``tools/neo4j/pom.xml`` of the checkout."""
    return project_root() / "tools" / "neo4j" / "pom.xml"


def neo4j_version(pom: Path | None = None) -> str:
    """The project's Neo4j version: the ``neo4j.version`` property of ``tools/neo4j/pom.xml``.

    Examples
    --------
    >>> neo4j_version().startswith("5.26.")
    True
    """
    text = (pom or pom_path()).read_text(encoding="utf-8")
    m = re.search(r"<neo4j\.version>\s*([^<\s]+)\s*</neo4j\.version>", text)
    if not m:
        raise LocalServerError(f"{pom or pom_path()}: no <neo4j.version> property")
    return m.group(1)


@dataclass(frozen=True)
class Dist:
    """The assembly shared by all instances: ``lib/`` (jars) and ``webroot/browser/``."""

    root: Path

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def webroot(self) -> Path:
        """On the class path before the jars, so that its ``browser/`` (with the guide) wins."""
        return self.root / "webroot"

    @property
    def stamp(self) -> Path:
        """Records which pom the jars came from, so an edited pom re-assembles."""
        return self.root / "assembled-from"


@dataclass(frozen=True)
class Instance:
    """One server's own files: ``conf/``, ``data/``, ``logs/``, ``run/``.

    Parameters
    ----------
    home
        The instance directory, e.g. ``.neo4j/server`` (the default) or ``.neo4j/test``.
    """

    home: Path

    @classmethod
    def default(cls) -> Instance:
        """``$GRAPH_LOADER_NEO4J_HOME``, else ``.neo4j/server`` in the checkout."""
        env = os.environ.get(HOME_ENV)
        if env:
            return cls(Path(env).absolute())
        return cls(project_root() / ".neo4j" / "server")

    @property
    def dist(self) -> Dist:
        """The assembly beside the instance (``.neo4j/dist``)."""
        return Dist(self.home.parent / "dist")

    @property
    def conf(self) -> Path:
        return self.home / "conf"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def run(self) -> Path:
        return self.home / "run"

    @property
    def import_dir(self) -> Path:
        """LOAD CSV reads here: the checkout's ``data/`` (as compose mounts it)."""
        return self.home.parent.parent / "data"

    @property
    def pid_file(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def state_file(self) -> Path:
        """Ports and URLs of the running server, for ``status`` and for clients."""
        return self.run / "server.json"

    @property
    def password_file(self) -> Path:
        """The password the database was initialised with (mode 0600)."""
        return self.home / "password"

    @property
    def initialised(self) -> bool:
        """Whether the system database exists (the password is then fixed)."""
        return (self.data / "dbms" / "auth.ini").is_file() or (
            self.data / "databases" / "system"
        ).is_dir()
