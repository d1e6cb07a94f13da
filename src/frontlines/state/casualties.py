"""Casualty aggregates by actor, place and period, keeping the reported ranges.

An event's toll is a range: `low` is the smallest reported figure, `high` the largest (or the
upper bound of a "between 10 and 15"), and `open_ended` marks figures such as "over 50" or
"dozens" whose top is not known. Aggregates sum those ranges; period tolls that no single event
carries ("over 50 killed in the last 3 days") are listed as reports beside them, never added in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontlines.model import CasualtyReport, Event, Qualifier, Quantity

__all__ = ["CasualtyGroup", "Toll", "casualties_by", "event_toll", "group_tolls", "report_dict",
           "toll_of"]

GROUPINGS = ("actor", "place", "day", "week", "month", "year")


@dataclass
class CasualtyGroup:
    key: str
    label: str
    events: int = 0
    fatalities: int = 0  # sum of the coded (ACLED) figures
    low: int = 0
    high: int = 0
    open_ended: bool = False
    event_ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "label": self.label, "events": self.events,
            "fatalities": self.fatalities, "low": self.low,
            "high": None if self.open_ended else self.high, "open_ended": self.open_ended,
            "event_ids": self.event_ids,
        }


def event_toll(event: Event) -> tuple[int, int, bool]:
    """(low, high, open_ended) of an event's killed figures."""
    killed = [q for q in event.fatality_reports if q.category in ("killed", "casualties")
              and q.value is not None]
    if not killed:
        n = event.fatalities or 0
        return n, n, False
    low = min(q.value for q in killed if q.value is not None)
    high = max((q.upper if q.upper is not None else q.value) or 0 for q in killed)
    open_ended = any(q.upper is None and q.qualifier in (Qualifier.AT_LEAST, Qualifier.VAGUE)
                     for q in killed)
    return low, high, open_ended


def _period(d: date, grouping: str) -> str:
    if grouping == "day":
        return d.isoformat()
    if grouping == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if grouping == "month":
        return d.strftime("%Y-%m")
    return str(d.year)


@dataclass(frozen=True)
class Toll:
    """What grouping needs of one event: its toll and the keys it is grouped by (the actors'
    ids or names, its place, its date). Built from an Event (`toll_of`) or from the
    materialised rows (state/derived.py), so both give the same groups."""

    event_id: str
    low: int
    high: int
    open_ended: bool
    fatalities: int | None
    actors: tuple[tuple[str, str], ...]  # (id or name, name) of actor1 and actor2, if any
    place: tuple[str, str] | None  # (place id or name, name); None: no place
    date: date | None


def toll_of(event: Event) -> Toll:
    low, high, open_ended = event_toll(event)
    p = event.place
    return Toll(event.id, low, high, open_ended, event.fatalities,
                tuple((a.id or a.name, a.name) for a in (event.actor1, event.actor2)
                      if a is not None),
                None if p is None else (p.place_id or (p.name or p.text), p.name or p.text),
                event.date)


def _keys(toll: Toll, grouping: str) -> list[tuple[str, str]]:
    if grouping == "actor":
        seen: dict[str, str] = {}
        for key, name in toll.actors:
            seen.setdefault(key, name)
        return list(seen.items())
    if grouping == "place":
        return [("", "unknown place")] if toll.place is None else [toll.place]
    if toll.date is None:
        return [("", "undated")]
    key = _period(toll.date, grouping)
    return [(key, key)]


def casualties_by(events: Iterable[Event], grouping: str) -> list[CasualtyGroup]:
    """Tolls grouped by `actor`, `place` or a period (`day`, `week`, `month`, `year`)."""
    return group_tolls((toll_of(e) for e in events), grouping)


def group_tolls(tolls: Iterable[Toll], grouping: str) -> list[CasualtyGroup]:
    """`casualties_by` over tolls already computed."""
    if grouping not in GROUPINGS:
        raise ValueError(f"group casualties by one of {', '.join(GROUPINGS)}, not {grouping!r}")
    groups: dict[str, CasualtyGroup] = {}
    for t in tolls:
        if not (t.low or t.high or t.open_ended or t.fatalities):
            continue
        for key, label in _keys(t, grouping):
            g = groups.setdefault(key, CasualtyGroup(key, label))
            g.events += 1
            g.fatalities += t.fatalities or 0
            g.low += t.low
            g.high += t.high
            g.open_ended = g.open_ended or t.open_ended
            g.event_ids.append(t.event_id)
    return sorted(groups.values(), key=lambda g: (-g.low, g.key))


def _quantity(q: Quantity) -> dict[str, Any]:
    return {"category": q.category, "value": q.value, "upper": q.upper,
            "qualifier": str(q.qualifier), "text": q.text}


def report_dict(report: CasualtyReport) -> dict[str, Any]:
    """A period toll as the API shows it, its figures kept as reported."""
    return {
        "id": report.id, "doc_id": report.doc_id, "evidence": report.evidence,
        "period_start": report.period_start.isoformat() if report.period_start else None,
        "period_end": report.period_end.isoformat() if report.period_end else None,
        "quantities": [_quantity(q) for q in report.quantities],
        "actors": [{"id": a.id, "name": a.name} for a in report.actors],
        "place": report.place.name if report.place else None, "claimant": report.claimant,
    }
