"""Checks on a Neo4j connection before the driver sees it: scheme, port, credentials.

* Only the driver's Bolt schemes are accepted (:data:`SCHEMES`); ``http://`` would
  otherwise end in a missing-module traceback from the driver's preview HTTP support.
* A port outside 1–65535 is refused (``urllib`` would silently wrap 99999 to 34463).
* Credentials written into the URI (``bolt://neo4j:secret@host``) are taken out of it:
  the driver refuses them anyway, and its message would repeat the password. Messages
  only ever show the URI without them (:func:`redact` for any other text).
* The password of ``.env.example`` (:data:`PLACEHOLDER_PASSWORD`) is refused, so the
  template is never used as a real password.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit

#: The URI schemes the Neo4j driver connects with.
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: The placeholder in ``.env.example``; never a real password.
PLACEHOLDER_PASSWORD = "change-me-to-a-long-password"


class Neo4jUriError(ValueError):
    """The URI or password cannot be used; the message (free of secrets) says why."""


@dataclass(frozen=True)
class Neo4jTarget:
    """A checked connection target: the URI without credentials, and those it held."""

    uri: str
    user: str | None = None
    password: str | None = None


def _without_userinfo(parts: SplitResult) -> str:
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=host).geturl()


def redact(text: str, uri: str) -> str:
    """``text`` with the password embedded in ``uri`` (if any) replaced by ``***``.

    Examples
    --------
    >>> redact("cannot reach bolt://neo4j:s3cret@db:7687", "bolt://neo4j:s3cret@db:7687")
    'cannot reach bolt://neo4j:***@db:7687'
    """
    try:
        password = urlsplit(uri).password
    except ValueError:
        password = None
    if not password:
        return text
    for secret in {password, unquote(password)}:
        text = text.replace(secret, "***")
    return text


def check_uri(uri: str) -> Neo4jTarget:
    """Check a Neo4j URI and take any credentials out of it.

    Parameters
    ----------
    uri : str
        As given (``--uri``, ``NEO4J_URI``).

    Returns
    -------
    Neo4jTarget
        The URI without ``user:password@``, and the user and password it held.

    Raises
    ------
    Neo4jUriError
        An unsupported scheme (the message lists :data:`SCHEMES`), a port outside
        1–65535, or no host.

    Examples
    --------
    >>> check_uri("bolt://neo4j:pw@localhost:7687")
    Neo4jTarget(uri='bolt://localhost:7687', user='neo4j', password='pw')
    >>> check_uri("http://localhost:7474")
    Traceback (most recent call last):
    ...
    graph_loader.neo4juri.Neo4jUriError: unsupported Neo4j URI scheme 'http' in \
'http://localhost:7474'; use one of bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, \
neo4j+ssc://
    """
    parts = urlsplit(uri.strip())
    shown = redact(uri, uri)
    if parts.scheme.lower() not in SCHEMES:
        supported = ", ".join(f"{s}://" for s in SCHEMES)
        scheme = parts.scheme or "(none)"
        raise Neo4jUriError(
            f"unsupported Neo4j URI scheme {scheme!r} in {shown!r}; use one of {supported}"
        )
    port_text = parts.netloc.rpartition("@")[2].rpartition("]")[2].partition(":")[2]
    if port_text:
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise Neo4jUriError(f"invalid port {port_text!r} in Neo4j URI {shown!r}: use 1-65535")
    if not parts.hostname:
        raise Neo4jUriError(f"no host in Neo4j URI {shown!r}")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    return Neo4jTarget(uri=_without_userinfo(parts), user=user, password=password)


def check_password(password: str | None) -> None:
    """Refuse the ``.env.example`` placeholder.

    Raises
    ------
    Neo4jUriError
        ``the Neo4j password is the placeholder of .env.example; ...``.
    """
    if password is not None and password.strip() == PLACEHOLDER_PASSWORD:
        raise Neo4jUriError(
            "the Neo4j password is the placeholder of .env.example "
            f"({PLACEHOLDER_PASSWORD!r}); set NEO4J_PASSWORD (or --password) to the "
            "server's real password"
        )
