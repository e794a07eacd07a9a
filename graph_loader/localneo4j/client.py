"""How clients find the local server: ``graph-loader load`` after ``make neo4j``."""

from __future__ import annotations

from graph_loader.localneo4j.credentials import stored_password
from graph_loader.localneo4j.paths import Instance, LocalServerError
from graph_loader.localneo4j.server import running


def local_connection() -> tuple[str, str | None] | None:
    """``(bolt_uri, password)`` of the checkout's running local server, else ``None``.

    Never raises: outside a checkout, or with no server running, there is none.
    """
    try:
        instance = Instance.default()
        state = running(instance)
    except (LocalServerError, OSError):
        return None
    if state is None:
        return None
    return state.bolt_uri, stored_password(instance)
