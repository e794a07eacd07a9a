"""ISO 8601 partial dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        # Kept as text once made: a date read from a column is one object shared by
        # every row with that value, and the graph writes each row's date as text
        # (graph_loader.model reads ``_text`` directly, a million times at 1M rows).
        object.__setattr__(self, "_text", self._format())  # not a field: eq, hash, repr

    def __getattr__(self, name: str) -> str:
        if name != "_text":
            raise AttributeError(name)
        text = self._format()  # a date unpickled from before ``_text`` was kept
        object.__setattr__(self, "_text", text)
        return text

    def __str__(self) -> str:
        return self._text

    def _format(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
        return out

    def earliest(self) -> tuple[int, int, int]:
        """The first day the partial date can denote, as (y, m, d)."""
        return (self.year, self.month or 1, self.day or 1)

    def latest(self) -> tuple[int, int, int]:
        """The last day the partial date can denote, as (y, m, d)."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)


def parse_partial_date(text: str) -> PartialDate:
    """Parse an ISO 8601 partial date.

    Raises
    ------
    ValueError
        With a message suitable for a validation report.
    """
    m = _PARTIAL.match(text)
    if not m:
        raise ValueError(f"{text!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r} has month {month:02d}, not 01-12")
    if day is not None:
        assert month is not None and year is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{text!r} has day {day:02d}, not 01-{last:02d}")
    assert year is not None
    return PartialDate(year, month, day)
