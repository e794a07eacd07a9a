"""Bounded "did you mean ...?" hints for the validator.

Each hint compares the unknown value with every allowed one (:func:`difflib.
get_close_matches`), so a file with 20,000 unknown actor ids against 10,000 actors took
more than ten minutes. :func:`nearest` caches its answers and stops giving hints once
a budget of comparisons (:data:`BUDGET`) is spent; :func:`reset` starts a new budget
(the validator calls it once per run). Every problem is still reported, only without
a hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

#: Comparisons (value × allowed values) spent on hints per validation run.
BUDGET = 2_000_000

_cache: dict[tuple[str, int], str | None] = {}
_left = [BUDGET]


def reset() -> None:
    """Forget cached hints and restore the budget (call at the start of a validation)."""
    _cache.clear()
    _left[0] = BUDGET


def nearest(value: str, choices: Collection[str], cutoff: float = 0.75) -> str | None:
    """The allowed value closest to ``value``, or None (none close, or the budget spent).

    Parameters
    ----------
    value : str
        The unknown value.
    choices : collection of str
        The allowed values (the same object for every call of one run).
    cutoff : float, optional
        The least similarity accepted (see :func:`difflib.get_close_matches`).

    Returns
    -------
    str or None

    Examples
    --------
    >>> reset()
    >>> nearest("armenai", ["armenia", "azerbaijan"])
    'armenia'
    """
    key = (value, id(choices))
    if key in _cache:
        return _cache[key]
    if _left[0] < len(choices):
        return None
    _left[0] -= len(choices)
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=cutoff)
    _cache[key] = close[0] if close else None
    return _cache[key]
