"""Partial ISO dates ("2017", "2017-07", "2017-07-21") as the first and last day they cover."""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = ["date_hi", "date_lo", "is_partial_date", "within"]

_PARTIAL_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def is_partial_date(value: str) -> bool:
    """True for "2017", "2017-07" and "2017-07-21" that name a real year, month or day."""
    if not _PARTIAL_RE.match(value):
        return False
    try:
        date_lo(value)
    except ValueError:
        return False
    return True


def date_lo(value: str) -> date:
    """The first day a partial date covers."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def date_hi(value: str) -> date:
    """The last day a partial date covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], parts[1], parts[2])


def within(on: date, start: str | None, end: str | None) -> bool:
    """Whether `on` may fall between a partial start and a partial end (open ends allowed)."""
    if start and on < date_lo(start):
        return False
    return not (end and on > date_hi(end))
