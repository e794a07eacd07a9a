"""Strict checks for ``schema.yaml`` entries: known keys, real booleans, numbers in range.

:func:`graph_loader.schema.parse_schema` calls these so that a typo such as
``symetric: true`` is an error with a suggestion instead of silently meaning
``symmetric: false``, and so that a value of the wrong type is named rather than
coerced (``bool("no")`` is ``True``; ``int`` of a 5,001-digit string raises).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from typing import Any

#: Keys allowed at the top level, in a kind, in a relationship type and in ``influence``.
TOP_KEYS = ("version", "views", "kinds", "families", "relationship_types", "fields")
KIND_KEYS = ("description", "color", "iso3", "agent")
RELTYPE_KEYS = (
    "description", "source", "target", "symmetric", "polarity", "influence", "color",
    "signed", "family",
)  # fmt: skip
INFLUENCE_KEYS = ("toward", "weight")

#: Control characters refused in schema text (tab and newline are allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


class StrictSchemaError(ValueError):
    """An entry breaks a strict rule; the message is the full text to show."""


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_mapping(value: Any, where: str) -> dict:
    """``value`` if it is a mapping, else an error naming ``where``.

    Raises
    ------
    StrictSchemaError
        ``<where>: must be a mapping of keys to values, not <value>``.
    """
    if not isinstance(value, dict):
        raise StrictSchemaError(
            f"{where}: must be a mapping of keys to values, not {_shown(value)}"
        )
    return value


def check_keys(mapping: dict, allowed: Iterable[str], where: str) -> None:
    """Refuse keys not in ``allowed``, suggesting the nearest allowed key.

    Raises
    ------
    StrictSchemaError
        ``<where>: unknown key 'symetric' (did you mean 'symmetric'?); allowed: ...``.

    Examples
    --------
    >>> check_keys({"symetric": True}, ("symmetric", "polarity"), "type X")
    Traceback (most recent call last):
    ...
    graph_loader.schemastrict.StrictSchemaError: type X: unknown key 'symetric' (did you \
mean 'symmetric'?); allowed: symmetric, polarity
    """
    allowed = list(allowed)
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise StrictSchemaError(
                f"{where}: unknown key {_shown(key)}{hint}; allowed: {', '.join(allowed)}"
            )


def check_bool(mapping: dict, key: str, default: bool, where: str) -> bool:
    """``mapping[key]`` as a bool (``default`` if absent); only true/false are accepted.

    Raises
    ------
    StrictSchemaError
        ``<where>: symmetric must be true or false, not 'no'``.
    """
    value = mapping.get(key, default)
    if not isinstance(value, bool):
        raise StrictSchemaError(f"{where}: {key} must be true or false, not {_shown(value)}")
    return value


def check_list(value: Any, key: str, where: str) -> list:
    """A list of names (``source``, ``target``); a single name is not accepted.

    Raises
    ------
    StrictSchemaError
        ``<where>: source must be a list of kinds such as [State], not 'State'``.
    """
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise StrictSchemaError(
            f"{where}: {key} must be a list of kinds such as [State], not {_shown(value)}"
        )
    return value


def check_polarity(value: Any, where: str) -> int:
    """The polarity: the integer -1, 0 or 1.

    Raises
    ------
    StrictSchemaError
        ``<where>: polarity must be -1, 0 or 1`` (with the value when it is not an integer).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise StrictSchemaError(f"{where}: polarity must be -1, 0 or 1, not {_shown(value)}")
    if value not in (-1, 0, 1):
        raise StrictSchemaError(f"{where}: polarity must be -1, 0 or 1")
    return value


def check_weight(value: Any, where: str) -> float:
    """The influence weight: a finite number greater than 0.

    Raises
    ------
    StrictSchemaError
        ``<where>: influence.weight must be a finite number, not nan`` or
        ``<where>: influence.weight must be positive``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise StrictSchemaError(
            f"{where}: influence.weight must be a finite number, not {_shown(value)}"
        )
    weight = float(value)
    if not math.isfinite(weight):
        raise StrictSchemaError(f"{where}: influence.weight must be a finite number, not {weight}")
    if weight <= 0:
        raise StrictSchemaError(f"{where}: influence.weight must be positive")
    return weight


def check_text(value: Any, key: str, where: str) -> str:
    """A text value (``description``) without control characters other than tab and newline.

    Raises
    ------
    StrictSchemaError
        ``<where>: description contains the control character U+001B``.
    """
    text = str(value)
    bad = _CONTROL.search(text)
    if bad:
        raise StrictSchemaError(
            f"{where}: {key} contains the control character U+{ord(bad.group()):04X}"
        )
    return text
