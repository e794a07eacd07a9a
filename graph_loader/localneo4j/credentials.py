"""The local server's password: from the environment, ``.env``, or one made for it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from graph_loader.localneo4j.paths import Instance, LocalServerError

#: The placeholder in ``.env.example``: refused, so that it never becomes a real password.
PLACEHOLDER = "change-me-to-a-long-password"
MIN_LENGTH = 8  # Neo4j 5's dbms.security.auth_minimum_password_length


def read_dotenv(path: Path) -> dict[str, str]:
    """``KEY=VALUE`` lines of a ``.env`` file (``#`` comments, optional quotes)."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out[key.strip()] = value
    return out


def given_password(root: Path) -> tuple[str, str] | None:
    """``(password, where)`` from ``NEO4J_PASSWORD`` or ``root/.env``, else ``None``."""
    env = os.environ.get("NEO4J_PASSWORD")
    if env:
        return env, "NEO4J_PASSWORD"
    dotenv = read_dotenv(root / ".env").get("NEO4J_PASSWORD")
    if dotenv:
        return dotenv, ".env"
    return None


def check(password: str, where: str) -> str:
    """Refuse the placeholder and passwords Neo4j would refuse; return ``password``."""
    if password == PLACEHOLDER:
        raise LocalServerError(
            f"the password in {where} is the placeholder from .env.example; set a real one"
        )
    if len(password) < MIN_LENGTH:
        raise LocalServerError(
            f"the password in {where} is shorter than {MIN_LENGTH} characters (Neo4j refuses it)"
        )
    return password


def stored_password(instance: Instance) -> str | None:
    """The password the instance was initialised with, if it recorded one."""
    try:
        return instance.password_file.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def choose_password(instance: Instance, root: Path) -> tuple[str, str]:
    """The password for a first start, and where it came from.

    ``NEO4J_PASSWORD``, else ``.env``, else the one stored from an earlier start, else a
    new random one. It is stored in the instance's ``password`` file (mode 0600), so that
    ``graph-loader load`` and the tests can connect without being told.
    """
    given = given_password(root)
    if given:
        password, where = check(*given), given[1]
    elif (old := stored_password(instance)) is not None:
        password, where = old, str(instance.password_file)
    else:
        password, where = secrets.token_urlsafe(18), f"{instance.password_file} (generated)"
    write_secret(instance.password_file, password)
    return password, where


def write_secret(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    os.chmod(path, 0o600)
