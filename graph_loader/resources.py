"""Where the dataset and the Cypher files are: the checkout's, else the installed copy.

In a source checkout (and an editable install) ``data/`` and ``cypher/`` sit beside the
package and are used in place. A wheel has no checkout: its build (``setup.py``) copies
them into the package as ``graph_loader/_shipped/data`` and ``graph_loader/_shipped/cypher``,
which :func:`shipped_dir` finds with :mod:`importlib.resources`. pip installs wheels
unzipped, so the copy is a real directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The checkout this package runs from, if it does (its ``pyproject.toml`` is there).
CHECKOUT = Path(__file__).resolve().parent.parent
#: The package directory that holds the copies in a wheel.
PACKAGED = "_shipped"
#: What the wheel ships of each top-level directory (glob patterns; ``setup.py`` uses them).
SHIPPED: dict[str, tuple[str, ...]] = {
    "data": ("schema.yaml", "*.csv", "LICENSE.md"),
    "cypher": ("*.cypher", "style.grass", "queries/*.cypher"),
}


def in_checkout() -> bool:
    """True if the package runs from a source checkout (not from an installed wheel)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "data").is_dir()


def packaged_dir(name: str) -> Path:
    """The installed copy of ``data`` or ``cypher`` (it may not exist in a checkout)."""
    if name not in SHIPPED:
        raise ValueError(f"{name!r} is not shipped; shipped: {', '.join(SHIPPED)}")
    return Path(str(resources.files("graph_loader").joinpath(PACKAGED).joinpath(name)))


def shipped_dir(name: str) -> Path:
    """``data`` or ``cypher``: the checkout's directory, else the copy installed with the package.

    Examples
    --------
    >>> (shipped_dir("data") / "schema.yaml").is_file()
    True
    >>> (shipped_dir("cypher") / "queries" / "minsk_chairs.cypher").is_file()
    True
    """
    if name not in SHIPPED:
        raise ValueError(f"{name!r} is not shipped; shipped: {', '.join(SHIPPED)}")
    return CHECKOUT / name if in_checkout() else packaged_dir(name)
